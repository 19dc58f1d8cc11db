//! The overview workbook of a batch (`--per`): one row per report, with its
//! region, whether it compiled, and each region-specific figure with its
//! rank — the sheet the office keeps.

use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

use super::properties_at;
use super::style::{Styles, display_width, print_on_a4, write_optional};
use crate::model::{Briefing, Growth, Indicator};
use crate::wording::{RankBy, Ranks};

/// The overview sheet's name.
pub const OVERVIEW_SHEET: &str = "总览";

/// How one report of the batch ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// Its files were written: this many pages.
    Compiled {
        /// Pages of the PDF.
        pages: usize,
    },
    /// It had errors; no file of it was written.
    Failed {
        /// How many errors.
        errors: usize,
        /// The first error, in one line.
        first: String,
    },
}

/// Rows above the header: a title and a note.
const HEADER_ROW: u32 = 2;

/// Builds the overview workbook of a batch read from `briefing` (the whole
/// workbook, all regions) and returns its bytes. `title` names the batch
/// (the workbook's file name); `statuses` holds each region's outcome, in
/// the order of the rows; `created` fixes the creation time stored in the
/// file.
pub fn overview_workbook(
    title: &str,
    briefing: &Briefing,
    ranks: &Ranks,
    statuses: &[(&str, Status)],
    created: Option<chrono::NaiveDateTime>,
) -> Result<Vec<u8>, XlsxError> {
    let column = briefing
        .regions
        .as_ref()
        .map_or("报告", |r| r.column.as_str());
    let mut workbook = Workbook::new();
    workbook.set_properties(&properties_at(
        &format!("{title}（按{column}汇总）"),
        created,
    )?);
    let styles = Styles::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(OVERVIEW_SHEET)?;
    write_heading(sheet, column, statuses, &styles)?;
    let figures = figures(briefing, ranks, statuses);
    let headers = headers(column, &figures);
    for (col, (header, width)) in headers.iter().enumerate() {
        let col = col as u16;
        sheet.write_string_with_format(HEADER_ROW, col, header, &styles.header)?;
        sheet.set_column_width(col, *width)?;
    }
    let failed_style = styles.text.clone().set_font_color("C00000");
    for (i, (region, status)) in statuses.iter().enumerate() {
        let row = HEADER_ROW + 1 + i as u32;
        sheet.write_string_with_format(row, 0, *region, &styles.text)?;
        let (label, note, style) = match status {
            Status::Compiled { pages } => ("成功", format!("{pages} 页"), &styles.text),
            Status::Failed { errors, first } => {
                ("失败", format!("{errors} 处错误：{first}"), &failed_style)
            }
        };
        sheet.write_string_with_format(row, 1, label, style)?;
        sheet.write_string_with_format(row, 2, &note, &styles.wrapped)?;
        write_figures(sheet, row, region, &figures, (briefing, ranks), &styles)?;
    }
    let last_row = HEADER_ROW + statuses.len().max(1) as u32;
    sheet.set_freeze_panes(HEADER_ROW + 1, 1)?;
    sheet.autofilter(HEADER_ROW, 0, last_row, headers.len() as u16 - 1)?;
    print_on_a4(sheet, true, Some(HEADER_ROW))?;
    super::save(&mut workbook)
}

/// The title (how many reports compiled) and the note on ranks.
fn write_heading(
    sheet: &mut Worksheet,
    column: &str,
    statuses: &[(&str, Status)],
    styles: &Styles,
) -> Result<(), XlsxError> {
    let failed = statuses
        .iter()
        .filter(|(_, s)| matches!(s, Status::Failed { .. }))
        .count();
    let compiled = statuses.len() - failed;
    let title = format!("按{column}汇总：{compiled} 份成功，{failed} 份失败");
    sheet.write_string_with_format(0, 0, title, &styles.title)?;
    let note = "位次按同一批报告中的数值（或同比）从大到小排列，数值相同的并列。";
    sheet.write_string_with_format(1, 0, note, &styles.note)?;
    Ok(())
}

/// A region-specific indicator, as the overview shows it.
struct Figure<'a> {
    code: &'a str,
    /// Its header: the name with the unit.
    label: String,
    /// The header of its growth column (同比 in percent, or for a rate in
    /// points, as it is ranked), when any region has a growth figure, so
    /// that 同比 and its rank get columns.
    growth: Option<&'static str>,
}

/// The region-specific indicators, in sheet order.
fn figures<'a>(
    briefing: &'a Briefing,
    ranks: &Ranks,
    statuses: &[(&str, Status)],
) -> Vec<Figure<'a>> {
    let mut figures: Vec<Figure> = Vec::new();
    for i in briefing.indicators.iter().filter(|i| i.region.is_some()) {
        if figures.iter().any(|f| f.code == i.code) {
            continue;
        }
        let label = match i.unit.as_str() {
            "" => i.name.clone(),
            unit => format!("{}（{unit}）", i.name),
        };
        let has_growth = statuses
            .iter()
            .any(|(r, _)| ranks.rank(&i.code, r, RankBy::Growth).is_some());
        let growth = match i.growth() {
            Some(Growth::Points(_)) => "同比（个百分点）",
            _ => "同比（%）",
        };
        figures.push(Figure {
            code: &i.code,
            label,
            growth: has_growth.then_some(growth),
        });
    }
    figures
}

/// The columns with their widths: region, status, note, then per figure
/// 数值 and 位次, and 同比 with its rank when any region has one.
fn headers(column: &str, figures: &[Figure]) -> Vec<(String, f64)> {
    let mut headers = vec![
        (column.to_string(), 12.0),
        ("状态".to_string(), 8.0),
        ("说明".to_string(), 40.0),
    ];
    for figure in figures {
        let label = &figure.label;
        headers.push((label.clone(), display_width(label).clamp(10.0, 24.0)));
        headers.push(("位次".to_string(), 6.0));
        if let Some(growth) = figure.growth {
            headers.push((growth.to_string(), 10.0));
            headers.push(("增速位次".to_string(), 9.0));
        }
    }
    headers
}

/// The figures of `region` on its row, from column D: each value and its
/// rank, and 同比 with its rank where the column is shown.
fn write_figures(
    sheet: &mut Worksheet,
    row: u32,
    region: &str,
    figures: &[Figure],
    (briefing, ranks): (&Briefing, &Ranks),
    styles: &Styles,
) -> Result<(), XlsxError> {
    let mut col = 3u16;
    for figure in figures {
        let code = figure.code;
        let mine = briefing
            .indicators
            .iter()
            .find(|x| x.code == code && x.region.as_deref() == Some(region));
        let place = |by| ranks.rank(code, region, by).map(|r| r.place as f64);
        let value = mine.map(|m| m.value);
        let mut cells = vec![
            (value, styles.figure(value.unwrap_or(0.0))),
            (place(RankBy::Value), styles.number(0)),
        ];
        if figure.growth.is_some() {
            let growth = mine.and_then(Indicator::growth).map(Growth::figure);
            cells.push((growth, styles.figure(growth.unwrap_or(0.0))));
            cells.push((place(RankBy::Growth), styles.number(0)));
        }
        for (value, format) in cells {
            write_optional(sheet, (row, col), value, &format, styles)?;
            col += 1;
        }
    }
    Ok(())
}
