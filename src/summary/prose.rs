//! The sheets of text: 正文 (the briefing's paragraphs, resolved) and 校验
//! (every problem found in the workbook).

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::style::{Styles, fit_row_height, print_on_a4, write_headers};
use crate::diagnostic::Diagnostic;
use crate::model::ReportKey;
use crate::wording::{Block, Document};

/// Writes the 正文 sheet: the lead, the 要点 and every paragraph, resolved.
pub(super) fn write_body(
    sheet: &mut Worksheet,
    document: &Document,
    styles: &Styles,
) -> Result<(), XlsxError> {
    write_headers(sheet, 0, &["章", "节", "段落"], styles)?;
    let mut rows: Vec<(&str, &str, String)> = Vec::new();
    if let Some(lead) = document.report_str(ReportKey::Lead) {
        rows.push(("导语", "", lead.to_string()));
    }
    for group in &document.groups {
        if let Some(highlight) = &group.highlight {
            rows.push(("要点", &group.name, highlight.clone()));
        }
    }
    for chapter in &document.body {
        for p in &chapter.paragraphs {
            rows.push((&chapter.title, "", told(p)));
        }
        for section in &chapter.sections {
            for p in &section.paragraphs {
                rows.push((&chapter.title, &section.title, told(p)));
            }
        }
    }
    let widths = [18.0, 30.0, 100.0];
    for (i, (chapter, section, text)) in rows.into_iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_string_with_format(row, 0, chapter, &styles.wrapped)?;
        sheet.write_string_with_format(row, 1, section, &styles.wrapped)?;
        sheet.write_string_with_format(row, 2, &text, &styles.wrapped)?;
        fit_row_height(
            sheet,
            row,
            &[
                (chapter, widths[0]),
                (section, widths[1]),
                (&text, widths[2]),
            ],
        )?;
    }
    for (col, width) in widths.into_iter().enumerate() {
        sheet.set_column_width(col as u16, width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    print_on_a4(sheet, false, Some(0))
}

/// A paragraph as the 正文 sheet lists it: its text, or what table or chart
/// it prints (`［表］主要经济指标`).
fn told(block: &Block) -> String {
    match block {
        Block::Text(text) => text.clone(),
        Block::Table { table } => format!("［表］{}", table.title),
        Block::Chart { chart } => format!("［图］{}", chart.title),
    }
}

/// Writes the 校验 sheet: every warning and error, at its cell.
pub(super) fn write_check(
    sheet: &mut Worksheet,
    diagnostics: &[Diagnostic],
    styles: &Styles,
) -> Result<(), XlsxError> {
    write_headers(
        sheet,
        0,
        &["级别", "工作表", "单元格", "问题", "提示"],
        styles,
    )?;
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
    print_on_a4(sheet, true, Some(0))
}
