//! Cells formatted as percentages, found in each file format.
//!
//! Excel stores 1.5% as 0.015 and shows it through the cell's number
//! format. calamine gives the formats of .xlsx files; for OpenDocument and
//! Excel 97-2003 (BIFF8) files this module reads them from the files
//! itself, streaming and bounded, and gives up quietly on anything it does
//! not understand (calamine reports damaged files).

use std::collections::HashSet;
use std::io::Read;
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
fn is_percent_format(id: Option<u32>, code: &str) -> bool {
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

/// The cells of an Excel 97-2003 (BIFF8) workbook formatted as
/// percentages, by sheet: the number formats and cell formats (XF) of the
/// workbook stream, then each sheet's number cells. Any problem, including
/// an encrypted stream, yields what was found so far.
pub(super) fn xls_percent_cells(path: &Path) -> CellsBySheet {
    let mut found = CellsBySheet::default();
    let Ok(mut file) = cfb::open(path) else {
        return found;
    };
    let mut stream = Vec::new();
    let opened = file
        .open_stream("/Workbook")
        .or_else(|_| file.open_stream("/Book"));
    if opened.and_then(|mut s| s.read_to_end(&mut stream)).is_err() {
        return found;
    }
    let records = |pos| biff_records(&stream, pos);
    let mut formats: std::collections::HashMap<u16, String> = Default::default();
    let mut xf_formats: Vec<u16> = Vec::new();
    let mut sheets: Vec<(usize, String)> = Vec::new();
    for (kind, data) in records(0) {
        match kind {
            0x002F => return found, // FILEPASS: the rest is encrypted
            0x041E => {
                // FORMAT: ifmt, then an XLUnicodeString.
                if let (Some(id), Some(text)) = (u16_at(data, 0), biff_string(data.get(2..), 2)) {
                    formats.insert(id, text);
                }
            }
            0x00E0 => xf_formats.extend(u16_at(data, 2)),
            0x0085 => {
                // BOUNDSHEET8: stream position, state, type, ShortXLUnicodeString.
                if let (Some(pos), Some(name)) = (u32_at(data, 0), biff_string(data.get(6..), 1)) {
                    sheets.push((pos as usize, name));
                }
            }
            _ => {}
        }
    }
    let percent_xf: Vec<bool> = xf_formats
        .iter()
        .map(|&f| is_percent_format(Some(f.into()), formats.get(&f).map_or("", String::as_str)))
        .collect();
    let is_percent =
        |xf: Option<u16>| xf.is_some_and(|x| percent_xf.get(x as usize).copied().unwrap_or(false));
    for (pos, name) in sheets {
        let cells = found.entry(name).or_default();
        for (kind, data) in records(pos).skip(1) {
            let (Some(row), Some(col)) = (u16_at(data, 0), u16_at(data, 2)) else {
                continue;
            };
            match kind {
                // NUMBER, RK, FORMULA: row, column, XF index.
                0x0203 | 0x027E | 0x0006 if is_percent(u16_at(data, 4)) => {
                    cells.insert((row.into(), col.into()));
                }
                // MULRK: row, first column, (XF, RK) pairs, last column.
                0x00BD => {
                    for (i, pair) in data
                        .get(4..data.len().saturating_sub(2))
                        .unwrap_or_default()
                        .chunks_exact(6)
                        .enumerate()
                    {
                        if is_percent(u16_at(pair, 0)) {
                            cells.insert((row.into(), u32::from(col) + i as u32));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    found
}

fn u16_at(bytes: &[u8], i: usize) -> Option<u16> {
    bytes
        .get(i..i + 2)
        .map(|x| u16::from_le_bytes([x[0], x[1]]))
}

fn u32_at(bytes: &[u8], i: usize) -> Option<u32> {
    bytes
        .get(i..i + 4)
        .map(|x| u32::from_le_bytes([x[0], x[1], x[2], x[3]]))
}

/// The BIFF records of `stream` from `pos` up to an EOF record: (type, data).
fn biff_records(stream: &[u8], mut pos: usize) -> impl Iterator<Item = (u16, &[u8])> {
    std::iter::from_fn(move || {
        let kind = u16_at(stream, pos)?;
        let len = u16_at(stream, pos + 2)? as usize;
        let data = stream.get(pos + 4..pos + 4 + len)?;
        pos += 4 + len;
        (kind != 0x000A).then_some((kind, data))
    })
}

/// A BIFF8 string: a character count of `count_bytes` bytes, a flags byte
/// (bit 0: two bytes a character), then the characters.
fn biff_string(data: Option<&[u8]>, count_bytes: usize) -> Option<String> {
    let data = data?;
    let count = match count_bytes {
        1 => *data.first()? as usize,
        _ => u16::from_le_bytes([*data.first()?, *data.get(1)?]) as usize,
    };
    let wide = data.get(count_bytes)? & 1 == 1;
    let chars = data.get(count_bytes + 1..)?;
    Some(if wide {
        let units: Vec<u16> = chars
            .chunks_exact(2)
            .take(count)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        chars.iter().take(count).map(|&b| b as char).collect()
    })
}

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
