//! The overview workbook of a batch (`--per`): the [`Overview`] as one
//! sheet, a row per report with its region, whether it compiled, and each
//! region-specific figure with its rank — the sheet the office keeps.

use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

use super::overview::{Overview, Status};
use super::properties_at;
use super::style::{Styles, display_width, print_on_a4, write_optional};

/// The overview sheet's name.
pub const OVERVIEW_SHEET: &str = "总览";

/// Rows above the header: a title and a note.
const HEADER_ROW: u32 = 2;

/// Builds the overview workbook of a batch and returns its bytes;
/// `created` fixes the creation time stored in the file.
///
/// # Errors
///
/// An [`XlsxError`] if rust_xlsxwriter cannot write the workbook (a text
/// longer than a cell may hold).
pub fn overview_workbook(
    overview: &Overview,
    created: Option<chrono::NaiveDateTime>,
) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    workbook.set_properties(&properties_at(&overview.title, created)?);
    let styles = Styles::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(OVERVIEW_SHEET)?;
    write_heading(sheet, overview, &styles)?;
    let headers = headers(overview);
    for (col, (header, width)) in headers.iter().enumerate() {
        let col = col as u16;
        sheet.write_string_with_format(HEADER_ROW, col, header, &styles.header)?;
        sheet.set_column_width(col, *width)?;
    }
    let failed_style = styles.text.clone().set_font_color("C00000");
    for (i, row) in overview.rows.iter().enumerate() {
        let r = HEADER_ROW + 1 + i as u32;
        sheet.write_string_with_format(r, 0, &row.region, &styles.text)?;
        let (label, note, style) = match &row.status {
            Status::Compiled { pages } => ("成功", format!("{pages} 页"), &styles.text),
            Status::Failed { errors, first } => {
                ("失败", format!("{errors} 处错误：{first}"), &failed_style)
            }
        };
        sheet.write_string_with_format(r, 1, label, style)?;
        sheet.write_string_with_format(r, 2, &note, &styles.wrapped)?;
        write_figures(sheet, r, overview, i, &styles)?;
    }
    let last_row = HEADER_ROW + overview.rows.len().max(1) as u32;
    sheet.set_freeze_panes(HEADER_ROW + 1, 1)?;
    sheet.autofilter(HEADER_ROW, 0, last_row, headers.len() as u16 - 1)?;
    print_on_a4(sheet, true, Some(HEADER_ROW))?;
    super::save(&mut workbook)
}

/// The title (how many reports compiled) and the note on ranks.
fn write_heading(
    sheet: &mut Worksheet,
    overview: &Overview,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let title = format!(
        "按{}汇总：{} 份成功，{} 份失败",
        overview.column, overview.compiled, overview.failed
    );
    sheet.write_string_with_format(0, 0, title, &styles.title)?;
    let note = "位次按同一批报告中的数值（或同比）从大到小排列，数值相同的并列。";
    sheet.write_string_with_format(1, 0, note, &styles.note)?;
    Ok(())
}

/// The columns with their widths: region, status, note, then per
/// indicator 数值 and 位次, and 同比 with its rank when any region has one.
fn headers(overview: &Overview) -> Vec<(String, f64)> {
    let mut headers = vec![
        (overview.column.clone(), 12.0),
        ("状态".to_string(), 8.0),
        ("说明".to_string(), 40.0),
    ];
    for indicator in &overview.indicators {
        let label = &indicator.label;
        headers.push((label.clone(), display_width(label).clamp(10.0, 24.0)));
        headers.push(("位次".to_string(), 6.0));
        if let Some(growth) = indicator.growth_label {
            headers.push((growth.to_string(), 10.0));
            headers.push(("增速位次".to_string(), 9.0));
        }
    }
    headers
}

/// The figures of row `i` on sheet row `r`, from column D: each value and
/// its rank, and 同比 with its rank where the column is shown.
fn write_figures(
    sheet: &mut Worksheet,
    r: u32,
    overview: &Overview,
    i: usize,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let mut col = 3u16;
    let place = |p: Option<usize>| p.map(|p| p as f64);
    for (indicator, figure) in overview.indicators.iter().zip(&overview.rows[i].figures) {
        let mut cells = vec![
            (figure.value, styles.figure(figure.value.unwrap_or(0.0))),
            (place(figure.rank), styles.number(0)),
        ];
        if indicator.growth_label.is_some() {
            cells.push((figure.growth, styles.figure(figure.growth.unwrap_or(0.0))));
            cells.push((place(figure.growth_rank), styles.number(0)));
        }
        for (value, format) in cells {
            write_optional(sheet, (r, col), value, &format, styles)?;
            col += 1;
        }
    }
    Ok(())
}
