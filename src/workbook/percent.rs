//! Cells formatted as percentages, found in each file format.
//!
//! Excel stores 1.5% as 0.015 and shows it through the cell's number
//! format. calamine gives the formats of .xlsx files; for OpenDocument
//! files this module reads them from `content.xml` itself, streaming and
//! bounded, and gives up quietly on anything it does not understand
//! (calamine reports damaged files). Excel 97-2003 files are in
//! [`super::biff`].

use std::collections::HashSet;
use std::path::Path;

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
pub(super) fn ods_percent_cells(path: &Path) -> CellsBySheet {
    use quick_xml::events::{BytesStart, Event};
    let mut found = CellsBySheet::default();
    let Ok(file) = std::fs::File::open(path) else {
        return found;
    };
    let Ok(mut archive) = zip::ZipArchive::new(std::io::BufReader::new(file)) else {
        return found;
    };
    let Ok(content) = archive.by_name("content.xml") else {
        return found;
    };
    let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::new(content));
    let attr = |e: &BytesStart, name: &str| -> Option<String> {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == name)
            .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok())
            .map(|v| v.into_owned())
    };
    let repeat = |e: &BytesStart, name: &str| -> u32 {
        attr(e, name)
            .and_then(|v| v.parse().ok())
            .unwrap_or(1)
            .max(1)
    };
    let (mut sheet, mut row, mut col, mut row_repeat) = (String::new(), 0u32, 0u32, 1u32);
    let mut buf = Vec::new();
    loop {
        let event = match xml.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => break,
            Ok(event) => event,
        };
        match &event {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                "table:table" => {
                    sheet = attr(e, "table:name").unwrap_or_default();
                    row = 0;
                }
                "table:table-row" => {
                    col = 0;
                    row_repeat = repeat(e, "table:number-rows-repeated");
                    if matches!(event, Event::Empty(_)) {
                        row = row.saturating_add(row_repeat);
                    }
                }
                "table:table-cell" | "table:covered-table-cell" => {
                    let n = repeat(e, "table:number-columns-repeated");
                    if attr(e, "office:value-type").as_deref() == Some("percentage") {
                        let cells = found.entry(sheet.clone()).or_default();
                        for c in col..col.saturating_add(n.min(1000)) {
                            cells.insert((row, c));
                        }
                    }
                    col = col.saturating_add(n);
                }
                _ => {}
            },
            Event::End(e) if e.name().as_ref() == "table:table-row" => {
                row = row.saturating_add(row_repeat);
            }
            _ => {}
        }
        buf.clear();
    }
    found
}
