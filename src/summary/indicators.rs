//! The 汇总 sheet: every indicator by group, its figures, the changes
//! worked out by formula, and the wording the briefing uses.

use std::borrow::Cow;
use std::collections::HashMap;

use rust_xlsxwriter::{
    ConditionalFormatCell, ConditionalFormatCellRule, Formula, Worksheet, XlsxError,
};

use super::a1;
use super::style::{Styles, display_width, fit_row_height, print_on_a4, write_headers};
use crate::model::{Column, ReportKey};
use crate::number::Decimal;
use crate::wording::{Document, IndicatorDoc};

/// The columns of the summary sheet.
const HEADERS: [&str; 12] = [
    "板块",
    "代码",
    "指标",
    "数值",
    "单位",
    "上年同期",
    "增减",
    "同比（%）",
    "上期同比（%）",
    "增速变化（百分点）",
    "简报中的表述",
    "备注",
];
const COL_GROUP: u16 = 0;
const COL_CODE: u16 = 1;
pub(super) const COL_NAME: u16 = 2;
const COL_VALUE: u16 = 3;
const COL_UNIT: u16 = 4;
const COL_PREVIOUS: u16 = 5;
const COL_CHANGE: u16 = 6;
pub(super) const COL_YOY: u16 = 7;
pub(super) const COL_PREVIOUS_YOY: u16 = 8;
const COL_YOY_CHANGE: u16 = 9;
const COL_WORDING: u16 = 10;
const COL_NOTE: u16 = 11;
const LAST_COL: u16 = HEADERS.len() as u16 - 1;
/// Rows above the header: a title and a legend.
const HEADER_ROW: u32 = 2;

/// The widest a prose column of the summary grows before it wraps.
const PROSE_WIDTH: f64 = 40.0;

/// Group name shown for indicators without a 板块.
const NO_GROUP: &str = "（未分组）";

/// Where an indicator landed on the summary sheet.
pub(super) struct Placed<'a> {
    pub(super) indicator: &'a IndicatorDoc,
    /// Zero-based row on the summary sheet.
    pub(super) row: u32,
}

/// A 板块 on the summary sheet: its row, then its indicators'.
pub(super) struct GroupRows<'a> {
    name: &'a str,
    row: u32,
    pub(super) members: Vec<Placed<'a>>,
}

/// Where every row of the summary sheet goes: each group's row, then its
/// indicators' (see [`by_group`]), below the header.
pub(super) fn rows(document: &Document) -> Vec<GroupRows<'_>> {
    let mut row = HEADER_ROW + 1;
    let mut groups = Vec::new();
    for (name, indicators) in by_group(document) {
        let group_row = row;
        let mut members = Vec::with_capacity(indicators.len());
        for indicator in indicators {
            row += 1;
            members.push(Placed { indicator, row });
        }
        row += 1;
        groups.push(GroupRows {
            name,
            row: group_row,
            members,
        });
    }
    groups
}

/// Writes the 汇总 sheet, its rows where [`rows`] put them.
pub(super) fn write_summary(
    sheet: &mut Worksheet,
    document: &Document,
    groups: &[GroupRows],
    styles: &Styles,
) -> Result<(), XlsxError> {
    let title = document.report_str(ReportKey::Title).unwrap_or("简报");
    write_title(sheet, document, title, styles)?;
    write_headers(sheet, HEADER_ROW, &HEADERS, styles)?;
    sheet.set_row_height(HEADER_ROW, 30)?;
    let mut widths: Vec<f64> = HEADERS.iter().map(|h| display_width(h).min(12.0)).collect();

    let mut formats = Formats::new(styles);
    let mut last_row = HEADER_ROW;
    for group in groups {
        // A group row, then its indicators as an outline that folds under it.
        sheet.write_string(group.row, COL_GROUP, group.name)?;
        for col in 0..=LAST_COL {
            formats.set(sheet, (group.row, col), CellFormat::Group)?;
        }
        let width = display_width(group.name);
        widths[COL_GROUP as usize] = widths[COL_GROUP as usize].max(width);
        last_row = group.row;
        for placed in &group.members {
            let indicator = placed.indicator;
            write_indicator(
                sheet,
                placed.row,
                group.name,
                indicator,
                &mut formats,
                &mut widths,
            )?;
            last_row = placed.row;
        }
        if let (Some(first), Some(last)) = (group.members.first(), group.members.last()) {
            sheet.group_rows(first.row, last.row)?;
        }
    }
    formats.finish(sheet)?;
    mark_declines(sheet, last_row, styles)?;
    for (col, width) in widths.into_iter().enumerate() {
        // Prose columns wrap instead of growing without bound.
        let limit = if col as u16 >= COL_WORDING {
            PROSE_WIDTH
        } else {
            30.0
        };
        sheet.set_column_width(col as u16, width.min(limit) + 2.0)?;
    }
    sheet.set_freeze_panes(HEADER_ROW + 1, COL_NAME + 1)?;
    sheet.autofilter(HEADER_ROW, 0, last_row, LAST_COL)?;
    print_on_a4(sheet, true, Some(HEADER_ROW))?;
    sheet.set_footer("&C第 &P 页，共 &N 页");
    sheet.set_header(format!("&L{}&R&D", escape_header(title)));
    Ok(())
}

/// The sheet's title and the legend under it.
fn write_title(
    sheet: &mut Worksheet,
    document: &Document,
    title: &str,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let heading = format!("{title}　指标汇总");
    sheet.merge_range(0, 0, 0, LAST_COL, &heading, &styles.title)?;
    let mut legend = String::new();
    if let Some(period) = document.report_str(ReportKey::Period) {
        legend.push_str(&format!("报告期：{period}。"));
    }
    legend.push_str("红色数字表示下降。“增减”“增速变化”是由表中数字算出的公式。");
    sheet.merge_range(1, 0, 1, LAST_COL, &legend, &styles.note)?;
    Ok(())
}

/// Declines in red, in every column that can hold one, down to `last_row`.
fn mark_declines(sheet: &mut Worksheet, last_row: u32, styles: &Styles) -> Result<(), XlsxError> {
    if last_row <= HEADER_ROW {
        return Ok(());
    }
    let red = ConditionalFormatCell::new()
        .set_rule(ConditionalFormatCellRule::LessThan(0))
        .set_format(&styles.decline);
    for col in [COL_CHANGE, COL_YOY, COL_PREVIOUS_YOY, COL_YOY_CHANGE] {
        sheet.add_conditional_format(HEADER_ROW + 1, col, last_row, col, &red)?;
    }
    Ok(())
}

/// The indicators by group: groups in order of first appearance, ungrouped
/// ones last, sheet order within a group.
fn by_group(document: &Document) -> Vec<(&str, Vec<&IndicatorDoc>)> {
    let mut groups: Vec<(&str, Vec<&IndicatorDoc>)> = document
        .groups
        .iter()
        .map(|g| (g.name.as_str(), Vec::new()))
        .collect();
    let index: HashMap<&str, usize> = groups
        .iter()
        .enumerate()
        .map(|(i, (name, _))| (*name, i))
        .collect();
    let mut ungrouped: Vec<&IndicatorDoc> = Vec::new();
    for indicator in &document.indicators {
        match &indicator.figures.group {
            Some(group) => {
                if let Some(&i) = index.get(group.as_str()) {
                    groups[i].1.push(indicator);
                }
            }
            None => ungrouped.push(indicator),
        }
    }
    if !ungrouped.is_empty() {
        groups.push((NO_GROUP, ungrouped));
    }
    groups
}

/// One indicator's row: its texts, its figures and the changes worked out
/// by formula. `widths` grow to what the row holds.
fn write_indicator(
    sheet: &mut Worksheet,
    row: u32,
    group: &str,
    indicator: &IndicatorDoc,
    formats: &mut Formats,
    widths: &mut [f64],
) -> Result<(), XlsxError> {
    let figures = &indicator.figures;
    let wording = wording(indicator);
    let note = figures.note.as_deref().unwrap_or("");
    let texts: [(u16, &str); 6] = [
        (COL_GROUP, group),
        (COL_CODE, &figures.code),
        (COL_NAME, &figures.name),
        (COL_UNIT, &figures.unit),
        (COL_WORDING, &wording),
        (COL_NOTE, note),
    ];
    for (col, value) in texts {
        let format = if col >= COL_WORDING {
            CellFormat::Wrapped
        } else {
            CellFormat::Text
        };
        sheet.write_string(row, col, value)?;
        formats.set(sheet, (row, col), format)?;
        widths[col as usize] = widths[col as usize].max(display_width(value));
    }
    let prose = PROSE_WIDTH + 2.0;
    fit_row_height(sheet, row, &[(&wording, prose), (note, prose)])?;
    for (col, value) in [
        (COL_VALUE, figures.get(Column::Value)),
        (COL_PREVIOUS, figures.get(Column::Previous)),
        (COL_YOY, figures.get(Column::Yoy)),
        (COL_PREVIOUS_YOY, figures.get(Column::PreviousYoy)),
    ] {
        let Some(n) = value else {
            // A growth-only row has no value: "—", as bureaus print it.
            if col == COL_VALUE {
                sheet.write_string(row, col, "—")?;
            }
            formats.set(sheet, (row, col), CellFormat::Text)?;
            continue;
        };
        // Shown with the decimals it was typed with.
        let shown = Decimal::from_f64(n);
        sheet.write_number(row, col, n)?;
        formats.set(sheet, (row, col), CellFormat::Number(shown.decimals()))?;
        let width = display_width(&shown.to_string());
        widths[col as usize] = widths[col as usize].max(width);
    }
    let change = figures
        .get(Column::Value)
        .zip(figures.get(Column::Previous));
    write_difference(
        sheet,
        (row, COL_CHANGE),
        change,
        (COL_VALUE, COL_PREVIOUS),
        formats,
    )?;
    let faster = figures
        .get(Column::Yoy)
        .zip(figures.get(Column::PreviousYoy));
    write_difference(
        sheet,
        (row, COL_YOY_CHANGE),
        faster,
        (COL_YOY, COL_PREVIOUS_YOY),
        formats,
    )
}

/// The wording of an indicator in the briefing: its value, 同比, the
/// comparison with the last period and the phrases citing it.
fn wording(indicator: &IndicatorDoc) -> String {
    let text = &indicator.text;
    let mut wording = text.value.clone();
    if let Some(yoy) = &text.yoy {
        wording.push_str(&format!("，同比{yoy}"));
    }
    if let Some(compare) = &text.compare {
        wording.push_str(&format!("，{compare}"));
    }
    for phrase in &text.cited {
        wording.push_str(&format!("；{phrase}"));
    }
    wording
}

/// Writes `=A-B` of the figures `(a, b)` in columns `(a_col, b_col)`, with
/// its result cached in the precision of its inputs; a blank cell when a
/// figure is missing.
fn write_difference(
    sheet: &mut Worksheet,
    (row, col): (u32, u16),
    figures: Option<(f64, f64)>,
    (a_col, b_col): (u16, u16),
    formats: &mut Formats,
) -> Result<(), XlsxError> {
    let Some((a, b)) = figures else {
        return formats.set(sheet, (row, col), CellFormat::Text);
    };
    let result = crate::number::difference(a, b);
    let formula = Formula::new(format!("={}-{}", a1(row, a_col), a1(row, b_col)))
        .set_result(result.to_string());
    sheet.write_formula(row, col, formula)?;
    formats.set(sheet, (row, col), CellFormat::Number(result.decimals()))
}

/// The format of a cell of the indicator rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CellFormat {
    /// A group row.
    Group,
    /// Text, or a figure left blank.
    Text,
    /// Prose that wraps.
    Wrapped,
    /// A figure shown with these decimals.
    Number(u32),
}

/// The formats of the indicator rows, given to the sheet a run of cells at
/// a time: down each column, neighbouring cells of the same format get it
/// in one call. rust_xlsxwriter hashes a format each time it is given one,
/// which per cell took much of the time of writing a large summary. A cell
/// without a value gets a blank cell in its format, as `write_blank` gives.
struct Formats<'s> {
    styles: &'s Styles,
    /// Per column, the run under way: its first and last row, its format.
    runs: Vec<Option<(u32, u32, CellFormat)>>,
}

impl<'s> Formats<'s> {
    fn new(styles: &'s Styles) -> Self {
        Formats {
            styles,
            runs: vec![None; HEADERS.len()],
        }
    }

    /// Gives the cell at `(row, col)` the format `format`; rows come in
    /// order.
    fn set(
        &mut self,
        sheet: &mut Worksheet,
        (row, col): (u32, u16),
        format: CellFormat,
    ) -> Result<(), XlsxError> {
        let run = &mut self.runs[col as usize];
        match run {
            Some((_, last, same)) if *same == format && *last + 1 == row => *last = row,
            _ => {
                if let Some(done) = run.replace((row, row, format)) {
                    self.apply(sheet, col, done)?;
                }
            }
        }
        Ok(())
    }

    /// Gives the runs still under way their formats.
    fn finish(mut self, sheet: &mut Worksheet) -> Result<(), XlsxError> {
        for col in 0..self.runs.len() {
            if let Some(run) = self.runs[col].take() {
                self.apply(sheet, col as u16, run)?;
            }
        }
        Ok(())
    }

    fn apply(
        &self,
        sheet: &mut Worksheet,
        col: u16,
        (first, last, format): (u32, u32, CellFormat),
    ) -> Result<(), XlsxError> {
        let styles = self.styles;
        let format = match format {
            CellFormat::Group => Cow::Borrowed(&styles.group),
            CellFormat::Text => Cow::Borrowed(&styles.text),
            CellFormat::Wrapped => Cow::Borrowed(&styles.wrapped),
            CellFormat::Number(decimals) => styles.number(decimals),
        };
        sheet.set_range_format(first, col, last, col, &format)?;
        Ok(())
    }
}

/// Escapes `&` for Excel's header and footer codes.
fn escape_header(text: &str) -> String {
    text.replace('&', "&&")
}
