//! Cells formatted as percentages, found in each file format, and the
//! decimals of number formats that show a fixed count of them.
//!
//! Excel stores 1.5% as 0.015 and shows it through the cell's number
//! format. calamine gives the formats of .xlsx files; for OpenDocument
//! files this module reads them from `content.xml` itself, streaming and
//! bounded, and gives up quietly on anything it does not understand
//! (calamine reports damaged files). Excel 97-2003 files are in
//! [`super::biff`].

use std::collections::HashSet;
use std::io::Cursor;

use super::{RawCell, Value};

/// Whether a cell style shows numbers as percentages.
pub(super) fn is_percent_style(style: &calamine::Style) -> bool {
    style
        .number_format
        .as_ref()
        .is_some_and(|f| is_percent_format(f.format_id, &f.format_code))
}

/// Whether a number format shows numbers as percentages: the built-in
/// formats 9 and 10, or a format code with `%` outside quotes.
pub(super) fn is_percent_format(id: Option<u32>, code: &str) -> bool {
    if matches!(id, Some(9 | 10)) {
        return true;
    }
    let mut quoted = false;
    let mut escaped = false;
    for c in code.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            '%' if !quoted => return true,
            _ => {}
        }
    }
    false
}

/// The decimals a cell style's number format always shows, when it shows
/// one or more (`0.0`, `#,##0.00`, `0.0%`, the built-in formats 2, 4 and
/// 10); `None` for General, whole numbers and variable decimals (`0.0#`).
pub(super) fn fixed_decimals(style: &calamine::Style) -> Option<u32> {
    let format = style.number_format.as_ref()?;
    if matches!(format.format_id, Some(2 | 4 | 10)) {
        return Some(2);
    }
    format_decimals(&format.format_code)
}

/// The zeros after the decimal point of a format code's first section,
/// outside quotes, escapes and brackets.
fn format_decimals(code: &str) -> Option<u32> {
    let (mut quoted, mut escaped, mut bracket) = (false, false, false);
    let mut after_point: Option<u32> = None;
    for c in code.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            _ if quoted => {}
            '[' => bracket = true,
            ']' => bracket = false,
            _ if bracket => {}
            ';' => break,
            '.' if after_point.is_none() => after_point = Some(0),
            '0' if after_point.is_some() => after_point = after_point.map(|n| n + 1),
            '#' | '?' if after_point.is_some() => return None,
            _ if after_point.is_some() => break,
            _ => {}
        }
    }
    after_point.filter(|n| *n > 0)
}

/// The decimals of number cells with a format of fixed decimals.
pub(super) type FixedDecimals = std::collections::HashMap<(u32, u32), u32>;

/// Cells by sheet, as found in the files themselves.
pub(super) type CellsBySheet = std::collections::HashMap<String, HashSet<(u32, u32)>>;

/// Turns the numbers at `percent` into [`Value::Percent`].
pub(super) fn mark_percent(cells: &mut [RawCell], percent: &HashSet<(u32, u32)>) {
    for (row, col, value) in cells {
        if let Value::Number(n) = value
            && percent.contains(&(*row, *col))
        {
            *value = Value::Percent(*n);
        }
    }
}

/// The cells of an OpenDocument spreadsheet whose value type is
/// "percentage", by sheet. Reads `content.xml` as a stream, counting
/// repeated rows and columns without expanding them. Any problem yields
/// what was found so far: calamine reports damaged files itself.
pub(super) fn ods_percent_cells(bytes: &[u8]) -> CellsBySheet {
    use quick_xml::events::Event;
    let mut found = OdsCells {
        row_repeat: 1,
        ..OdsCells::default()
    };
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return found.cells;
    };
    let Ok(content) = archive.by_name("content.xml") else {
        return found.cells;
    };
    let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::new(content));
    let mut buf = Vec::new();
    loop {
        match xml.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => break,
            Ok(Event::Start(e)) => found.start(&e, false),
            Ok(Event::Empty(e)) => found.start(&e, true),
            Ok(Event::End(e)) if e.name().as_ref() == "table:table-row" => {
                found.row = found.row.saturating_add(found.row_repeat);
            }
            _ => {}
        }
        buf.clear();
    }
    found.cells
}

/// Where the stream of an OpenDocument spreadsheet is, and the percentage
/// cells found so far.
#[derive(Default)]
struct OdsCells {
    cells: CellsBySheet,
    sheet: String,
    row: u32,
    col: u32,
    /// How many rows the current row element stands for.
    row_repeat: u32,
}

impl OdsCells {
    /// Follows an element that starts (or, when `empty`, also ends).
    fn start(&mut self, e: &quick_xml::events::BytesStart, empty: bool) {
        match e.name().as_ref() {
            "table:table" => {
                self.sheet = attr(e, "table:name").unwrap_or_default();
                self.row = 0;
            }
            "table:table-row" => {
                self.col = 0;
                self.row_repeat = repeat(e, "table:number-rows-repeated");
                if empty {
                    self.row = self.row.saturating_add(self.row_repeat);
                }
            }
            "table:table-cell" | "table:covered-table-cell" => {
                let n = repeat(e, "table:number-columns-repeated");
                if attr(e, "office:value-type").as_deref() == Some("percentage") {
                    // A repeated row repeats its cells too (calamine spreads
                    // both); as many as a sheet sensibly holds.
                    let cells = self.cells.entry(self.sheet.clone()).or_default();
                    for r in self.row..self.row.saturating_add(self.row_repeat.min(1000)) {
                        for c in self.col..self.col.saturating_add(n.min(1000)) {
                            cells.insert((r, c));
                        }
                    }
                }
                self.col = self.col.saturating_add(n);
            }
            _ => {}
        }
    }
}

/// The attribute `name` of an element.
fn attr(e: &quick_xml::events::BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok())
        .map(|v| v.into_owned())
}

/// A repeat count attribute: 1 when absent or nonsense.
fn repeat(e: &quick_xml::events::BytesStart, name: &str) -> u32 {
    attr(e, name)
        .and_then(|v| v.parse().ok())
        .unwrap_or(1)
        .max(1)
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::{format_decimals, ods_percent_cells};

    /// An .ods archive whose content.xml is `table`, inside a sheet 指标.
    fn ods(table: &str) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        zip.start_file("content.xml", options).unwrap();
        let xml = format!(
            r#"<office:document-content><office:body><office:spreadsheet><table:table table:name="指标">{table}</table:table></office:spreadsheet></office:body></office:document-content>"#
        );
        zip.write_all(xml.as_bytes()).unwrap();
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn fixed_decimals_are_read_from_format_codes() {
        assert_eq!(format_decimals("0.0"), Some(1));
        assert_eq!(format_decimals("#,##0.00_ ;[Red]-#,##0.00"), Some(2));
        assert_eq!(format_decimals("\"约\"0.0\"万\""), Some(1));
        assert_eq!(format_decimals("0"), None);
        assert_eq!(format_decimals("0.0#"), None);
        assert_eq!(format_decimals("General"), None);
        assert_eq!(format_decimals("[$-804]0.000"), Some(3));
        assert_eq!(format_decimals("0.0%"), Some(1));
    }

    #[test]
    fn percentages_in_repeated_rows_and_columns_are_found_in_each() {
        let cells = ods_percent_cells(&ods(concat!(
            r#"<table:table-row><table:table-cell office:value-type="string"/></table:table-row>"#,
            r#"<table:table-row table:number-rows-repeated="2">"#,
            r#"<table:table-cell office:value-type="float"/>"#,
            r#"<table:table-cell office:value-type="percentage" table:number-columns-repeated="2"/>"#,
            r#"</table:table-row>"#,
        )));
        let mut found: Vec<(u32, u32)> = cells["指标"].iter().copied().collect();
        found.sort();
        assert_eq!(found, [(1, 1), (1, 2), (2, 1), (2, 2)]);
    }
}
