//! What every sheet of the summary and overview workbooks shares: the
//! formats, the width of text in columns, and how a sheet prints.

use std::borrow::Cow;

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Worksheet, XlsxError};

use crate::number::Decimal;

/// The formats used across the sheets.
pub(super) struct Styles {
    pub(super) title: Format,
    pub(super) note: Format,
    pub(super) header: Format,
    pub(super) group: Format,
    pub(super) text: Format,
    pub(super) wrapped: Format,
    pub(super) decline: Format,
    /// The number formats of 0 to [`COMMON_DECIMALS`] decimals, made once:
    /// a summary of many figures asks for one per cell.
    numbers: Vec<Format>,
}

/// Decimals of the number formats made in advance.
const COMMON_DECIMALS: u32 = 6;

impl Styles {
    pub(super) fn new() -> Self {
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
            numbers: (0..=COMMON_DECIMALS)
                .map(|d| number_format(&text, d))
                .collect(),
            text,
        }
    }

    /// A number format that shows exactly `decimals` decimals.
    pub(super) fn number(&self, decimals: u32) -> Cow<'_, Format> {
        match self.numbers.get(decimals as usize) {
            Some(format) => Cow::Borrowed(format),
            None => Cow::Owned(number_format(&self.text, decimals)),
        }
    }

    /// The number format that shows `n` with the decimals it was typed with.
    pub(super) fn figure(&self, n: f64) -> Cow<'_, Format> {
        self.number(Decimal::from_f64(n).decimals())
    }
}

/// `text` showing numbers with exactly `decimals` decimals.
fn number_format(text: &Format, decimals: u32) -> Format {
    let code = match decimals {
        0 => "0".to_string(),
        d => format!("0.{}", "0".repeat(d as usize)),
    };
    text.clone().set_num_format(code)
}

/// Writes `headers` in the header format along row `row`, from column A.
pub(super) fn write_headers(
    sheet: &mut Worksheet,
    row: u32,
    headers: &[&str],
    styles: &Styles,
) -> Result<(), XlsxError> {
    for (col, header) in headers.iter().enumerate() {
        sheet.write_string_with_format(row, col as u16, *header, &styles.header)?;
    }
    Ok(())
}

/// Writes `value` in `format`, or a blank cell with borders when there is
/// none.
pub(super) fn write_optional(
    sheet: &mut Worksheet,
    (row, col): (u32, u16),
    value: Option<f64>,
    format: &Format,
    styles: &Styles,
) -> Result<(), XlsxError> {
    match value {
        Some(n) => sheet.write_number_with_format(row, col, n, format)?,
        None => sheet.write_blank(row, col, &styles.text)?,
    };
    Ok(())
}

/// Prints the sheet on A4 at page width, repeating the rows up to
/// `header_row` on every page (when it has a header).
pub(super) fn print_on_a4(
    sheet: &mut Worksheet,
    landscape: bool,
    header_row: Option<u32>,
) -> Result<(), XlsxError> {
    sheet.set_paper_size(9); // A4
    if landscape {
        sheet.set_landscape();
    }
    sheet.set_print_fit_to_pages(1, 0);
    if let Some(row) = header_row {
        sheet.set_repeat_rows(row, row)?;
    }
    Ok(())
}

/// Sets a row's height to show all lines of its wrapped cells: spreadsheet
/// programs do not grow rows for wrapped text by themselves.
pub(super) fn fit_row_height(
    sheet: &mut Worksheet,
    row: u32,
    cells: &[(&str, f64)],
) -> Result<(), XlsxError> {
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
}
