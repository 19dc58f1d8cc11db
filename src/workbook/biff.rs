//! What briefing reads from Excel 97-2003 (BIFF8) files itself, before
//! calamine does: the cells formatted as percentages (calamine reads them
//! as plain fractions), and a check of the dimensions each sheet declares
//! (calamine allocates for them, and a damaged file can declare billions).

use std::collections::HashMap;
use std::io::{Cursor, Read};

use super::error::FormatProblem;
use super::limits::MAX_AREA;
use super::percent::{CellsBySheet, is_percent_format};

/// Scans an Excel 97-2003 (BIFF8) workbook before calamine reads it.
/// Returns the cells formatted as percentages, by sheet (from the number
/// formats and cell formats (XF) of the workbook stream, then each sheet's
/// number cells), or an error when a sheet declares dimensions that
/// calamine would try to allocate (a damaged file can declare billions of
/// cells), or whose container is malformed (calamine reads such files
/// leniently, and has crashed on them). Anything else it cannot make sense
/// of, including an encrypted stream, yields what was found so far:
/// calamine reports it.
pub(super) fn scan_xls(bytes: &[u8]) -> Result<CellsBySheet, FormatProblem> {
    let stream = workbook_stream(bytes).map_err(|_| FormatProblem::DamagedXls)?;
    let Some(globals) = Globals::read(&stream) else {
        // FILEPASS: the rest is encrypted.
        return Ok(CellsBySheet::default());
    };
    // Every DIMENSIONS record calamine may read: record by record from the
    // start of the stream (calamine may find sheets this scan does not),
    // and from where each sheet is said to start (a damaged position
    // starts in the middle of a record, and calamine reads from there).
    let starts = std::iter::once(0).chain(globals.sheets.iter().map(|(pos, _)| *pos));
    for start in starts {
        if declares_too_many_cells(&stream, start) {
            return Err(FormatProblem::DeclaredRange);
        }
    }
    let percent_xf = globals.percent_xf();
    let is_percent =
        |xf: Option<u16>| xf.is_some_and(|x| percent_xf.get(x as usize).copied().unwrap_or(false));
    let mut found = CellsBySheet::default();
    for (pos, name) in globals.sheets {
        let cells = found.entry(name).or_default();
        for (kind, data) in biff_records(&stream, pos).skip(1) {
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
                    let pairs = data.get(4..data.len().saturating_sub(2));
                    for (i, pair) in pairs.unwrap_or_default().chunks_exact(6).enumerate() {
                        if is_percent(u16_at(pair, 0)) {
                            cells.insert((row.into(), u32::from(col) + i as u32));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    Ok(found)
}

/// Whether a DIMENSIONS record of `stream`, read record by record from
/// `pos` to the end, declares more cells than a sheet may span.
fn declares_too_many_cells(stream: &[u8], mut pos: usize) -> bool {
    while let (Some(kind), Some(len)) = (u16_at(stream, pos), u16_at(stream, pos + 2)) {
        let data = stream.get(pos + 4..).unwrap_or_default();
        let data = &data[..(len as usize).min(data.len())];
        if kind == 0x0200 && declared_cells(data) > MAX_AREA {
            return true;
        }
        pos += 4 + len as usize;
    }
    false
}

/// The workbook stream of an Excel 97-2003 container.
fn workbook_stream(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes))?;
    let mut stream = Vec::new();
    let mut opened = file
        .open_stream("/Workbook")
        .or_else(|_| file.open_stream("/Book"))?;
    opened.read_to_end(&mut stream)?;
    Ok(stream)
}

/// What the workbook globals say about number formats and sheets.
struct Globals {
    /// Number format codes by id (FORMAT records).
    formats: HashMap<u16, String>,
    /// The number format of each cell format (XF records), in order.
    xf_formats: Vec<u16>,
    /// Each sheet's stream position and name (BOUNDSHEET8 records).
    sheets: Vec<(usize, String)>,
}

impl Globals {
    /// Reads the globals at the start of `stream`; `None` when the file is
    /// encrypted.
    fn read(stream: &[u8]) -> Option<Globals> {
        let mut globals = Globals {
            formats: HashMap::new(),
            xf_formats: Vec::new(),
            sheets: Vec::new(),
        };
        for (kind, data) in biff_records(stream, 0) {
            match kind {
                0x002F => return None, // FILEPASS: the rest is encrypted
                0x041E => {
                    // FORMAT: ifmt, then an XLUnicodeString.
                    if let (Some(id), Some(text)) = (u16_at(data, 0), biff_string(data.get(2..), 2))
                    {
                        globals.formats.insert(id, text);
                    }
                }
                0x00E0 => globals.xf_formats.extend(u16_at(data, 2)),
                0x0085 => {
                    // BOUNDSHEET8: stream position, state, type, ShortXLUnicodeString.
                    if let (Some(pos), Some(name)) =
                        (u32_at(data, 0), biff_string(data.get(6..), 1))
                    {
                        globals.sheets.push((pos as usize, name));
                    }
                }
                _ => {}
            }
        }
        Some(globals)
    }

    /// Whether each cell format (XF) shows numbers as percentages.
    fn percent_xf(&self) -> Vec<bool> {
        self.xf_formats
            .iter()
            .map(|&f| {
                let code = self.formats.get(&f).map_or("", String::as_str);
                is_percent_format(Some(f.into()), code)
            })
            .collect()
    }
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

/// How many cells a DIMENSIONS record declares, worked out as calamine
/// does (including its wrapping arithmetic on damaged values).
fn declared_cells(data: &[u8]) -> u64 {
    let (rf, rl, cf, cl) = match data.len() {
        10 => (
            u16_at(data, 0).map(u32::from),
            u16_at(data, 2).map(u32::from),
            u16_at(data, 4),
            u16_at(data, 6),
        ),
        14 | 16 => (
            u32_at(data, 0),
            u32_at(data, 4),
            u16_at(data, 8),
            u16_at(data, 10),
        ),
        _ => return 0,
    };
    let (Some(rf), Some(rl), Some(mut cf), Some(cl)) = (rf, rl, cf, cl) else {
        return 0;
    };
    if 0xFF < cf || cl < cf {
        cf = 0;
    }
    if rl == 0 || cl == 0 {
        return 1;
    }
    let rows = u64::from((rl - 1).wrapping_sub(rf).wrapping_add(1));
    let cols = u64::from(
        (u32::from(cl) - 1)
            .wrapping_sub(u32::from(cf))
            .wrapping_add(1),
    );
    rows.saturating_mul(cols)
}
