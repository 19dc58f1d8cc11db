//! The summary workbook: every indicator by group, with the same figures and
//! wording as the briefing, for the office's records.

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use crate::wording::{Document, IndicatorDoc, format_number};

/// The summary sheet's name.
pub const SUMMARY_SHEET: &str = "汇总";

/// The columns of the summary sheet.
const HEADERS: &[&str] = &[
    "板块",
    "代码",
    "指标",
    "数值",
    "单位",
    "上年同期",
    "同比（%）",
    "上期同比（%）",
    "表述",
    "备注",
];

/// Group name shown for indicators without a 板块.
const NO_GROUP: &str = "（未分组）";

/// Builds the summary workbook and returns its bytes. `created` fixes the
/// creation time stored in the file, so the same input gives the same bytes.
pub fn summary_workbook(
    document: &Document,
    created: Option<chrono::NaiveDateTime>,
) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let mut properties = DocProperties::new();
    if let Some(title) = document.report_str("title") {
        properties = properties.set_title(title);
    }
    if let Some(author) = document.report_str("author") {
        properties = properties.set_author(author);
    }
    if let Some(publisher) = document.report_str("publisher") {
        properties = properties.set_company(publisher);
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
    workbook.set_properties(&properties);
    let sheet = workbook.add_worksheet();
    sheet.set_name(SUMMARY_SHEET)?;
    write_indicators(sheet, document)?;
    workbook.save_to_buffer()
}

/// The indicators ordered by group (groups in order of first appearance,
/// ungrouped ones last), keeping sheet order within a group.
fn by_group(document: &Document) -> Vec<&IndicatorDoc> {
    let mut rows: Vec<&IndicatorDoc> = Vec::with_capacity(document.indicators.len());
    for group in &document.groups {
        rows.extend(
            document
                .indicators
                .iter()
                .filter(|i| i.group.as_ref() == Some(&group.name)),
        );
    }
    rows.extend(document.indicators.iter().filter(|i| i.group.is_none()));
    rows
}

fn write_indicators(sheet: &mut Worksheet, document: &Document) -> Result<(), XlsxError> {
    let header = Format::new()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color("D9E1F2")
        .set_border(FormatBorder::Thin);
    let text = Format::new()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::VerticalCenter);
    let wrapped = text.clone().set_text_wrap();
    let number = |decimals: usize| {
        let code = if decimals == 0 {
            "0".to_string()
        } else {
            format!("0.{}", "0".repeat(decimals))
        };
        text.clone().set_num_format(code)
    };

    let mut widths: Vec<f64> = HEADERS.iter().map(|h| display_width(h)).collect();
    for (col, title) in HEADERS.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *title, &header)?;
    }
    for (i, indicator) in by_group(document).into_iter().enumerate() {
        let row = i as u32 + 1;
        let group = indicator.group.as_deref().unwrap_or(NO_GROUP);
        let wording = match &indicator.text.yoy {
            Some(yoy) => format!("{}，同比{yoy}", indicator.text.value),
            None => indicator.text.value.clone(),
        };
        let texts: [(u16, &str); 6] = [
            (0, group),
            (1, &indicator.code),
            (2, &indicator.name),
            (4, &indicator.unit),
            (8, &wording),
            (9, indicator.note.as_deref().unwrap_or("")),
        ];
        for (col, value) in texts {
            let format = if col >= 8 { &wrapped } else { &text };
            sheet.write_string_with_format(row, col, value, format)?;
            widths[col as usize] = widths[col as usize].max(display_width(value));
        }
        let numbers = [
            (3, Some(indicator.value)),
            (5, indicator.previous),
            (6, indicator.yoy),
            (7, indicator.previous_yoy),
        ];
        for (col, value) in numbers {
            match value {
                Some(n) => {
                    let shown = format_number(n);
                    sheet.write_number_with_format(row, col, n, &number(decimals(&shown)))?;
                    widths[col as usize] = widths[col as usize].max(display_width(&shown));
                }
                None => {
                    sheet.write_blank(row, col, &text)?;
                }
            }
        }
    }
    for (col, width) in widths.into_iter().enumerate() {
        // Long prose columns wrap instead of growing without bound.
        let width = width.min(if col >= 8 { 48.0 } else { 32.0 });
        sheet.set_column_width(col as u16, width + 2.0)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(
        0,
        0,
        document.indicators.len() as u32,
        HEADERS.len() as u16 - 1,
    )?;
    sheet.set_paper_size(9); // A4
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 0)?;
    sheet.set_footer("&C第 &P 页，共 &N 页");
    Ok(())
}

/// Digits after the decimal point of a formatted number.
fn decimals(shown: &str) -> usize {
    shown.split_once('.').map_or(0, |(_, frac)| frac.len())
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
    fn decimals_follow_the_typed_figure() {
        assert_eq!(decimals("1422.22"), 2);
        assert_eq!(decimals("2450"), 0);
    }
}
