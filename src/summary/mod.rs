//! The summary workbook: the briefing's figures for the office's records.
//!
//! Four sheets, written with rust_xlsxwriter:
//!
//! - **汇总**: every indicator by group (an outline per 板块), with value,
//!   unit, previous value, the change worked out by formula, 同比, 上期同比,
//!   and the wording used in the briefing; declines in red; frozen header,
//!   autofilter, A4 landscape at page width with the header repeated.
//! - **图表**: native Excel charts drawn from the 汇总 cells.
//! - **正文**: the briefing's paragraphs with every placeholder resolved.
//! - **校验**: every warning and error found in the workbook.
//!
//! A batch made per region also gets an overview workbook ([`overview`]).
//!
//! Formulas carry their results, so viewers and readers that do not
//! recalculate (calamine, previews) see the right numbers. The creation time
//! is fixed by the caller, so the same input gives the same bytes.

use rust_xlsxwriter::{
    Chart, ChartAxisLabelPosition, ChartDataLabel, ChartSolidFill, ChartType,
    ConditionalFormatCell, ConditionalFormatCellRule, DocProperties, ExcelDateTime, Format,
    FormatAlign, FormatBorder, Formula, Workbook, Worksheet, XlsxError,
};

mod overview;

pub use overview::{OVERVIEW_SHEET, Status, overview_workbook};

use crate::diagnostic::Diagnostic;
use crate::model::ReportKey;
use crate::number::Decimal;
use crate::wording::{Document, IndicatorDoc};

/// The summary sheet's name.
pub const SUMMARY_SHEET: &str = "汇总";
/// The chart sheet's name.
pub const CHART_SHEET: &str = "图表";
/// The body sheet's name.
pub const BODY_SHEET: &str = "正文";
/// The check sheet's name.
pub const CHECK_SHEET: &str = "校验";

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
const COL_NAME: u16 = 2;
const COL_VALUE: u16 = 3;
const COL_PREVIOUS: u16 = 5;
const COL_CHANGE: u16 = 6;
const COL_YOY: u16 = 7;
const COL_PREVIOUS_YOY: u16 = 8;
const COL_YOY_CHANGE: u16 = 9;
const COL_WORDING: u16 = 10;
const COL_NOTE: u16 = 11;
/// Rows above the header: a title and a legend.
const HEADER_ROW: u32 = 2;

/// The widest a prose column of the summary grows before it wraps.
const PROSE_WIDTH: f64 = 40.0;

/// Group name shown for indicators without a 板块.
const NO_GROUP: &str = "（未分组）";

/// Builds the summary workbook and returns its bytes. `diagnostics` fill the
/// 校验 sheet; `created` fixes the creation time stored in the file.
pub fn summary_workbook(
    document: &Document,
    diagnostics: &[Diagnostic],
    created: Option<chrono::NaiveDateTime>,
) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    workbook.set_properties(&properties(document, created)?);
    let styles = Styles::new();

    let summary = workbook.add_worksheet();
    summary.set_name(SUMMARY_SHEET)?;
    let rows = write_summary(summary, document, &styles)?;

    let charts = workbook.add_worksheet();
    charts.set_name(CHART_SHEET)?;
    write_charts(charts, &rows, &styles)?;

    let body = workbook.add_worksheet();
    body.set_name(BODY_SHEET)?;
    write_body(body, document, &styles)?;

    let check = workbook.add_worksheet();
    check.set_name(CHECK_SHEET)?;
    write_check(check, diagnostics, &styles)?;

    workbook.save_to_buffer()
}

fn properties(
    document: &Document,
    created: Option<chrono::NaiveDateTime>,
) -> Result<DocProperties, XlsxError> {
    let mut properties = properties_at(
        document.report_str(ReportKey::Title).unwrap_or_default(),
        created,
    )?;
    if let Some(period) = document.report_str(ReportKey::Period) {
        properties = properties.set_subject(period);
    }
    if let Some(author) = document.report_str(ReportKey::Author) {
        properties = properties.set_author(author);
    }
    if let Some(publisher) = document
        .report_str(ReportKey::Publisher)
        .or(document.report_str(ReportKey::Source))
    {
        properties = properties.set_company(publisher);
    }
    Ok(properties)
}

/// Document properties with a title (when not empty) and a fixed creation
/// time.
fn properties_at(
    title: &str,
    created: Option<chrono::NaiveDateTime>,
) -> Result<DocProperties, XlsxError> {
    let mut properties = DocProperties::new();
    if !title.is_empty() {
        properties = properties.set_title(title);
    }
    if let Some(date) = created {
        use chrono::{Datelike, Timelike};
        let time =
            ExcelDateTime::from_ymd(date.year() as u16, date.month() as u8, date.day() as u8)?
                .and_hms(
                    date.hour() as u16,
                    date.minute() as u8,
                    date.second() as f64,
                )?;
        properties = properties.set_creation_datetime(&time);
    }
    Ok(properties)
}

/// The formats used across the sheets.
struct Styles {
    title: Format,
    note: Format,
    header: Format,
    group: Format,
    text: Format,
    wrapped: Format,
    decline: Format,
}

impl Styles {
    fn new() -> Self {
        let text = Format::new()
            .set_border(FormatBorder::Thin)
            .set_border_color("BFBFBF")
            .set_align(FormatAlign::VerticalCenter);
        Styles {
            title: Format::new().set_bold().set_font_size(14),
            note: Format::new().set_font_color("595959").set_font_size(9),
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color("D9E1F2")
                .set_border(FormatBorder::Thin),
            group: text.clone().set_bold().set_background_color("F2F2F2"),
            wrapped: text.clone().set_text_wrap(),
            decline: Format::new().set_font_color("C00000"),
            text,
        }
    }

    /// A number format that shows exactly `decimals` decimals.
    fn number(&self, decimals: u32) -> Format {
        let code = match decimals {
            0 => "0".to_string(),
            d => format!("0.{}", "0".repeat(d as usize)),
        };
        self.text.clone().set_num_format(code)
    }
}

/// Where an indicator landed on the summary sheet.
struct Placed<'a> {
    indicator: &'a IndicatorDoc,
    /// Zero-based row on the summary sheet.
    row: u32,
}

/// The indicators by group: groups in order of first appearance, ungrouped
/// ones last, sheet order within a group.
fn by_group(document: &Document) -> Vec<(&str, Vec<&IndicatorDoc>)> {
    let mut groups: Vec<(&str, Vec<&IndicatorDoc>)> = document
        .groups
        .iter()
        .map(|g| {
            let members = document
                .indicators
                .iter()
                .filter(|i| i.figures.group.as_ref() == Some(&g.name))
                .collect();
            (g.name.as_str(), members)
        })
        .collect();
    let ungrouped: Vec<&IndicatorDoc> = document
        .indicators
        .iter()
        .filter(|i| i.figures.group.is_none())
        .collect();
    if !ungrouped.is_empty() {
        groups.push((NO_GROUP, ungrouped));
    }
    groups
}

/// An A1 reference to a cell of a sheet written here.
fn a1(row: u32, col: u16) -> String {
    crate::diagnostic::a1(row, col.into())
}

/// Writes `n` with the decimals it was typed with.
fn write_figure(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    n: f64,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let decimals = Decimal::from_f64(n).decimals();
    sheet.write_number_with_format(row, col, n, &styles.number(decimals))?;
    Ok(())
}

/// Writes `=A-B` with its result cached, in the precision of its inputs.
fn write_difference(
    sheet: &mut Worksheet,
    (row, col): (u32, u16),
    (a, a_col): (f64, u16),
    (b, b_col): (f64, u16),
    styles: &Styles,
) -> Result<(), XlsxError> {
    let result = crate::number::difference(a, b);
    let formula = Formula::new(format!("={}-{}", a1(row, a_col), a1(row, b_col)))
        .set_result(result.to_string());
    sheet.write_formula_with_format(row, col, formula, &styles.number(result.decimals()))?;
    Ok(())
}

fn write_summary<'a>(
    sheet: &mut Worksheet,
    document: &'a Document,
    styles: &Styles,
) -> Result<Vec<Placed<'a>>, XlsxError> {
    let last_col = HEADERS.len() as u16 - 1;
    let title = document.report_str(ReportKey::Title).unwrap_or("简报");
    sheet.merge_range(
        0,
        0,
        0,
        last_col,
        &format!("{title}　指标汇总"),
        &styles.title,
    )?;
    let mut legend = String::new();
    if let Some(period) = document.report_str(ReportKey::Period) {
        legend.push_str(&format!("报告期：{period}。"));
    }
    legend.push_str("红色数字表示下降。“增减”“增速变化”是由表中数字算出的公式。");
    sheet.merge_range(1, 0, 1, last_col, &legend, &styles.note)?;

    let mut widths: Vec<f64> = HEADERS.iter().map(|h| display_width(h).min(12.0)).collect();
    for (col, header) in HEADERS.iter().enumerate() {
        sheet.write_string_with_format(HEADER_ROW, col as u16, *header, &styles.header)?;
    }
    sheet.set_row_height(HEADER_ROW, 30)?;

    let mut placed = Vec::new();
    let mut row = HEADER_ROW + 1;
    for (group, members) in by_group(document) {
        // A group row, then its indicators as an outline that folds under it.
        sheet.write_string_with_format(row, COL_GROUP, group, &styles.group)?;
        for col in 1..=last_col {
            sheet.write_blank(row, col, &styles.group)?;
        }
        widths[COL_GROUP as usize] = widths[COL_GROUP as usize].max(display_width(group));
        let first = row + 1;
        for indicator in members {
            row += 1;
            write_indicator(sheet, row, group, indicator, styles, &mut widths)?;
            placed.push(Placed { indicator, row });
        }
        if row >= first {
            sheet.group_rows(first, row)?;
        }
        row += 1;
    }
    let last_row = row - 1;

    // Declines in red, in every column that can hold one.
    let red = ConditionalFormatCell::new()
        .set_rule(ConditionalFormatCellRule::LessThan(0))
        .set_format(&styles.decline);
    if last_row > HEADER_ROW {
        for col in [COL_CHANGE, COL_YOY, COL_PREVIOUS_YOY, COL_YOY_CHANGE] {
            sheet.add_conditional_format(HEADER_ROW + 1, col, last_row, col, &red)?;
        }
    }

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
    sheet.autofilter(HEADER_ROW, 0, last_row, last_col)?;
    sheet.set_paper_size(9); // A4
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    sheet.set_footer("&C第 &P 页，共 &N 页");
    sheet.set_header(format!("&L{}&R&D", escape_header(title)));
    Ok(placed)
}

fn write_indicator(
    sheet: &mut Worksheet,
    row: u32,
    group: &str,
    indicator: &IndicatorDoc,
    styles: &Styles,
    widths: &mut [f64],
) -> Result<(), XlsxError> {
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
    let texts: [(u16, &str); 6] = [
        (COL_GROUP, group),
        (1, &indicator.figures.code),
        (COL_NAME, &indicator.figures.name),
        (4, &indicator.figures.unit),
        (COL_WORDING, &wording),
        (COL_NOTE, indicator.figures.note.as_deref().unwrap_or("")),
    ];
    for (col, value) in texts {
        let format = if col >= COL_WORDING {
            &styles.wrapped
        } else {
            &styles.text
        };
        sheet.write_string_with_format(row, col, value, format)?;
        widths[col as usize] = widths[col as usize].max(display_width(value));
    }
    let note = indicator.figures.note.as_deref().unwrap_or("");
    fit_row_height(
        sheet,
        row,
        &[(&wording, PROSE_WIDTH + 2.0), (note, PROSE_WIDTH + 2.0)],
    )?;
    for (col, value) in [
        (COL_VALUE, Some(indicator.figures.value)),
        (COL_PREVIOUS, indicator.figures.previous),
        (COL_YOY, indicator.figures.yoy),
        (COL_PREVIOUS_YOY, indicator.figures.previous_yoy),
    ] {
        match value {
            Some(n) => {
                write_figure(sheet, row, col, n, styles)?;
                let shown = crate::number::format_number(n);
                widths[col as usize] = widths[col as usize].max(display_width(&shown));
            }
            None => {
                sheet.write_blank(row, col, &styles.text)?;
            }
        }
    }
    match indicator.figures.previous {
        Some(previous) => write_difference(
            sheet,
            (row, COL_CHANGE),
            (indicator.figures.value, COL_VALUE),
            (previous, COL_PREVIOUS),
            styles,
        )?,
        None => {
            sheet.write_blank(row, COL_CHANGE, &styles.text)?;
        }
    }
    match indicator.figures.yoy.zip(indicator.figures.previous_yoy) {
        Some((yoy, previous_yoy)) => write_difference(
            sheet,
            (row, COL_YOY_CHANGE),
            (yoy, COL_YOY),
            (previous_yoy, COL_PREVIOUS_YOY),
            styles,
        )?,
        None => {
            sheet.write_blank(row, COL_YOY_CHANGE, &styles.text)?;
        }
    }
    Ok(())
}

/// Escapes `&` for Excel's header and footer codes.
fn escape_header(text: &str) -> String {
    text.replace('&', "&&")
}

/// Writes the charts: tables of links to the 汇总 cells, and charts of them.
fn write_charts(sheet: &mut Worksheet, rows: &[Placed], styles: &Styles) -> Result<(), XlsxError> {
    let with_yoy: Vec<&Placed> = rows
        .iter()
        .filter(|p| p.indicator.figures.yoy.is_some())
        .collect();
    let both: Vec<&Placed> = with_yoy
        .iter()
        .copied()
        .filter(|p| p.indicator.figures.previous_yoy.is_some())
        .collect();
    sheet.set_column_width(0, 30)?;
    sheet.set_column_width(1, 14)?;
    sheet.set_column_width(2, 14)?;
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    if with_yoy.is_empty() {
        sheet.write_string(0, 0, "工作簿中没有填写“同比”的指标，所以没有图表。")?;
        return Ok(());
    }

    let n = with_yoy.len() as u32;
    write_chart_table(sheet, 0, &with_yoy, styles)?;
    let mut chart = bar_chart("主要指标同比增速（%）", n);
    chart.legend().set_hidden();
    add_bars(&mut chart, "同比", (1, n), 1, "B3141C");
    sheet.insert_chart(n + 2, 0, &chart)?;

    // This period against the last, for indicators that have both, below
    // the first chart.
    if !both.is_empty() {
        let top = n + 2 + chart_rows(n) + 1;
        let m = both.len() as u32;
        write_chart_table(sheet, top, &both, styles)?;
        let mut chart = bar_chart("本期与上期同比增速（%）", m);
        add_bars(&mut chart, "本期", (top + 1, top + m), 1, "B3141C");
        add_bars(&mut chart, "上期", (top + 1, top + m), 2, "7F7F7F");
        sheet.insert_chart(top + m + 2, 0, &chart)?;
    }
    Ok(())
}

/// A table at row `top` of the chart sheet: a header, then per indicator
/// its name, 同比 and 上期同比, each a formula that points at 汇总.
fn write_chart_table(
    sheet: &mut Worksheet,
    top: u32,
    rows: &[&Placed],
    styles: &Styles,
) -> Result<(), XlsxError> {
    for (col, h) in ["指标", "同比（%）", "上期同比（%）"].iter().enumerate() {
        sheet.write_string_with_format(top, col as u16, *h, &styles.header)?;
    }
    for (i, placed) in rows.iter().enumerate() {
        let row = top + 1 + i as u32;
        let figures = &placed.indicator.figures;
        let link = |col: u16| format!("='{SUMMARY_SHEET}'!{}", a1(placed.row, col));
        let name = Formula::new(link(COL_NAME)).set_result(&figures.name);
        sheet.write_formula_with_format(row, 0, name, &styles.text)?;
        for (col, source, value) in [
            (1, COL_YOY, figures.yoy),
            (2, COL_PREVIOUS_YOY, figures.previous_yoy),
        ] {
            match value {
                Some(n) => {
                    let shown = crate::number::format_number(n);
                    let formula = Formula::new(link(source)).set_result(&shown);
                    let format = styles.number(Decimal::from_f64(n).decimals());
                    sheet.write_formula_with_format(row, col, formula, &format)?;
                }
                None => {
                    sheet.write_blank(row, col, &styles.text)?;
                }
            }
        }
    }
    Ok(())
}

/// Adds a series of bars: the names in column A and the values in column
/// `col` of `rows` (first, last) of the chart sheet.
fn add_bars(chart: &mut Chart, name: &str, (first, last): (u32, u32), col: u16, color: &str) {
    chart
        .add_series()
        .set_name(name)
        .set_categories((CHART_SHEET, first, 0, last, 0))
        .set_values((CHART_SHEET, first, col, last, col))
        .set_format(ChartSolidFill::new().set_color(color))
        .set_data_label(ChartDataLabel::new().show_value());
}

/// The height in pixels of a chart of `bars` bars.
fn chart_height(bars: u32) -> u32 {
    120 + 36 * bars.max(3)
}

/// How many default-height rows (20 px) a chart of `bars` bars covers.
fn chart_rows(bars: u32) -> u32 {
    chart_height(bars).div_ceil(20)
}

/// A horizontal bar chart sized for `bars` bars, in sheet order from the top.
fn bar_chart(title: &str, bars: u32) -> Chart {
    let mut chart = Chart::new(ChartType::Bar);
    chart.title().set_name(title);
    // Bar charts draw categories bottom-up: reverse them to read top-down.
    // Names at the low end of the value axis, clear of negative bars.
    chart
        .y_axis()
        .set_reverse()
        .set_label_position(ChartAxisLabelPosition::Low);
    chart.set_width(640).set_height(chart_height(bars));
    chart
}

fn write_body(
    sheet: &mut Worksheet,
    document: &Document,
    styles: &Styles,
) -> Result<(), XlsxError> {
    for (col, h) in ["章", "节", "段落"].iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *h, &styles.header)?;
    }
    let mut rows: Vec<(&str, &str, &str)> = Vec::new();
    if let Some(lead) = document.report_str(ReportKey::Lead) {
        rows.push(("导语", "", lead));
    }
    for group in &document.groups {
        if let Some(highlight) = &group.highlight {
            rows.push(("要点", &group.name, highlight));
        }
    }
    for chapter in &document.body {
        for p in &chapter.paragraphs {
            rows.push((&chapter.title, "", p));
        }
        for section in &chapter.sections {
            for p in &section.paragraphs {
                rows.push((&chapter.title, &section.title, p));
            }
        }
    }
    let widths = [18.0, 30.0, 100.0];
    for (i, (chapter, section, text)) in rows.into_iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_string_with_format(row, 0, chapter, &styles.wrapped)?;
        sheet.write_string_with_format(row, 1, section, &styles.wrapped)?;
        sheet.write_string_with_format(row, 2, text, &styles.wrapped)?;
        fit_row_height(
            sheet,
            row,
            &[
                (chapter, widths[0]),
                (section, widths[1]),
                (text, widths[2]),
            ],
        )?;
    }
    for (col, width) in widths.into_iter().enumerate() {
        sheet.set_column_width(col as u16, width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 0)?;
    Ok(())
}

fn write_check(
    sheet: &mut Worksheet,
    diagnostics: &[Diagnostic],
    styles: &Styles,
) -> Result<(), XlsxError> {
    for (col, h) in ["级别", "工作表", "单元格", "问题", "提示"]
        .iter()
        .enumerate()
    {
        sheet.write_string_with_format(0, col as u16, *h, &styles.header)?;
    }
    if diagnostics.is_empty() {
        sheet.write_string(1, 3, "未发现问题")?;
    }
    for (i, d) in diagnostics.iter().enumerate() {
        let row = i as u32 + 1;
        let level = d.severity.label();
        let (sheet_name, cell) = match &d.cell {
            Some(c) => (c.sheet.clone(), c.a1()),
            None => (String::new(), String::new()),
        };
        sheet.write_string_with_format(row, 0, level, &styles.text)?;
        sheet.write_string_with_format(row, 1, &sheet_name, &styles.text)?;
        sheet.write_string_with_format(row, 2, &cell, &styles.text)?;
        sheet.write_string_with_format(row, 3, &d.message, &styles.wrapped)?;
        let hint = d.hint.as_deref().unwrap_or("");
        sheet.write_string_with_format(row, 4, hint, &styles.wrapped)?;
        fit_row_height(sheet, row, &[(&d.message, 60.0), (hint, 50.0)])?;
    }
    for (col, width) in [(0, 6.0), (1, 10.0), (2, 8.0), (3, 60.0), (4, 50.0)] {
        sheet.set_column_width(col, width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, diagnostics.len().max(1) as u32, 4)?;
    sheet.set_paper_size(9);
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 0)?;
    Ok(())
}

/// Sets a row's height to show all lines of its wrapped cells: spreadsheet
/// programs do not grow rows for wrapped text by themselves.
fn fit_row_height(sheet: &mut Worksheet, row: u32, cells: &[(&str, f64)]) -> Result<(), XlsxError> {
    let lines = cells
        .iter()
        .map(|(text, width)| (display_width(text) / (width - 1.0)).ceil().max(1.0))
        .fold(1.0, f64::max);
    if lines > 1.0 {
        sheet.set_row_height(row, 15.0 * lines + 2.0)?;
    }
    Ok(())
}

/// The width of text in spreadsheet column units (the width of a "0" in
/// the default font): Chinese characters and full-width forms take a little
/// over two, everything else about one.
pub fn display_width(text: &str) -> f64 {
    text.chars()
        .map(|c| if is_wide(c) { 2.2 } else { 1.1 })
        .sum()
}

fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_text_counts_double() {
        assert!((display_width("GDP增速") - 7.7).abs() < 1e-9);
        assert!((display_width("（%）") - 5.5).abs() < 1e-9);
    }

    #[test]
    fn a1_references_are_one_based() {
        assert_eq!(a1(0, 0), "A1");
        assert_eq!(a1(4, 3), "D5");
    }
}
