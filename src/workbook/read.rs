//! Reading the cells of every worksheet with calamine, once the file has
//! passed the checks of [`super::limits`]: each cell at its real position,
//! percentages and formulas without results kept, merged values spread.

use std::collections::{HashMap, HashSet};
use std::io::Cursor;

use calamine::{
    Data, DataType, Ods, Reader, SheetType, SheetVisible, Sheets, Xls, Xlsb, Xlsx,
    open_workbook_auto_from_rs, open_workbook_from_rs,
};

use super::error::{ReadProblem, explain};
use super::limits::{MAX_AREA, MAX_CELL_CHARS, MAX_CELLS, MAX_MERGE_CELLS};
use super::percent::{
    CellsBySheet, FixedDecimals, fixed_decimals, is_percent_style, mark_percent, ods_percent_cells,
};
use super::{RawCell, Sheet, Value, Workbook};

/// The workbook in memory, as calamine reads it.
type Calamine<'a> = Sheets<Cursor<&'a [u8]>>;

/// Reads the sheets of `bytes`, a file of the format its `extension`
/// (lower-cased) names, found out from the bytes when it names none.
/// `xls_percent` holds the percentage cells of an Excel 97-2003 file,
/// found beforehand.
pub(super) fn read(
    bytes: &[u8],
    extension: &str,
    xls_percent: Option<CellsBySheet>,
) -> Result<Workbook, ReadProblem> {
    let mut reader = open(bytes, extension).map_err(|e| explain(e, None))?;
    // calamine reads percentages of OpenDocument and BIFF files as
    // plain fractions; find those cells ourselves.
    let found_percent = match &reader {
        Sheets::Ods(_) => ods_percent_cells(bytes),
        Sheets::Xls(_) => xls_percent.unwrap_or_default(),
        _ => Default::default(),
    };
    let metadata = reader.sheets_metadata().to_vec();
    let mut sheets = Vec::with_capacity(metadata.len());
    let mut skipped = Vec::new();
    for meta in metadata {
        let kind = match meta.typ {
            SheetType::WorkSheet => None,
            SheetType::ChartSheet => Some("图表工作表"),
            SheetType::DialogSheet => Some("对话框工作表"),
            SheetType::MacroSheet => Some("宏表"),
            SheetType::Vba => Some("VBA 模块"),
        };
        if let Some(kind) = kind {
            skipped.push(format!("{kind}“{}”", meta.name));
            continue;
        }
        let percent = found_percent.get(&meta.name);
        sheets.push(read_sheet(&mut reader, &meta, percent)?);
    }
    let formats_known = !matches!(reader, Sheets::Xlsb(_));
    Ok(Workbook {
        sheets,
        formats_known,
        skipped,
    })
}

/// Opens `bytes` with the reader of the format `extension` names, as
/// calamine's `open_workbook_auto` does for a path.
fn open<'a>(bytes: &'a [u8], extension: &str) -> Result<Calamine<'a>, calamine::Error> {
    use calamine::Error;
    let cursor = Cursor::new(bytes);
    Ok(match extension {
        "xls" | "xla" => {
            Sheets::Xls(open_workbook_from_rs::<Xls<_>, _>(cursor).map_err(Error::Xls)?)
        }
        "xlsx" | "xlsm" | "xlam" => {
            Sheets::Xlsx(open_workbook_from_rs::<Xlsx<_>, _>(cursor).map_err(Error::Xlsx)?)
        }
        "xlsb" => Sheets::Xlsb(open_workbook_from_rs::<Xlsb<_>, _>(cursor).map_err(Error::Xlsb)?),
        "ods" => Sheets::Ods(open_workbook_from_rs::<Ods<_>, _>(cursor).map_err(Error::Ods)?),
        _ => open_workbook_auto_from_rs(cursor)?,
    })
}

/// Reads one worksheet: its cells, percentages marked (`percent`, when
/// found outside calamine), merged values spread.
fn read_sheet(
    reader: &mut Calamine,
    meta: &calamine::Sheet,
    percent: Option<&HashSet<(u32, u32)>>,
) -> Result<Sheet, ReadProblem> {
    let name = &meta.name;
    let mut styled = CellStyles::default();
    let mut cells = match &mut *reader {
        Sheets::Xlsx(xlsx) => {
            let (cells, styles) = read_xlsx_cells(xlsx, name)?;
            styled = styles;
            cells
        }
        other => {
            let range = other
                .worksheet_range(name)
                .map_err(|e| explain(e, Some(name)))?;
            let (r0, c0) = range.start().unwrap_or((0, 0));
            range
                .cells()
                .filter(|(_, _, d)| !d.is_empty())
                .map(|(r, c, d)| (r0 + r as u32, c0 + c as u32, Value::from(d)))
                .collect()
        }
    };
    let merges = match reader {
        Sheets::Xlsx(xlsx) => xlsx.merge_cells_by_sheet_name(name).unwrap_or_default(),
        Sheets::Xls(xls) => xls.merge_cells_by_sheet_name(name).unwrap_or_default(),
        _ => Vec::new(),
    };
    // Percentages first, so that a merged percentage is copied as one.
    if let Some(percent) = percent {
        mark_percent(&mut cells, percent);
    }
    let copies = spread_merged(&mut cells, &merges);
    let visible = meta.visible == SheetVisible::Visible;
    let mut sheet = Sheet::from_cells(name.clone(), visible, cells, copies)?;
    sheet.fixed_decimals = styled.fixed;
    sheet.indents = styled.indents;
    sheet.merges = merges.iter().map(|m| (m.start, m.end)).collect();
    Ok(sheet)
}

/// What an .xlsx sheet's cell styles say beyond percentages: the decimals
/// a number format shows, and the indent level of indented cells.
#[derive(Default)]
struct CellStyles {
    fixed: FixedDecimals,
    indents: HashMap<(u32, u32), u8>,
}

/// Reads the cells of an .xlsx sheet one by one, without ever allocating
/// its used range: a stray value far away cannot exhaust memory. Keeps the
/// formulas that have no stored result, the cells formatted as
/// percentages, and what their styles say ([`CellStyles`]).
fn read_xlsx_cells(
    xlsx: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
) -> Result<(Vec<RawCell>, CellStyles), ReadProblem> {
    let error = |e: calamine::XlsxError| explain(e.into(), Some(name));
    let mut cells = Vec::new();
    let mut reader = xlsx.worksheet_cells_reader(name).map_err(error)?;
    let percent_styles: Vec<bool> = reader.styles().iter().map(is_percent_style).collect();
    let fixed_styles: Vec<Option<u32>> = reader.styles().iter().map(fixed_decimals).collect();
    let indent_styles: Vec<u8> = reader.styles().iter().map(indent_level).collect();
    while let Some(cell) = reader.next_cell_with_formula().map_err(error)? {
        let (row, col) = cell.pos;
        let data = Data::from(cell.value);
        let value = match (data, cell.formula) {
            (Data::Empty, Some(formula)) if !formula.is_empty() => Value::Formula(formula),
            (data, _) => Value::from(&data),
        };
        if !value.is_blank() {
            cells.push((row, col, value));
            if cells.len() > MAX_CELLS {
                return Err(ReadProblem::TooManyCells {
                    sheet: name.to_string(),
                    limit: MAX_CELLS,
                });
            }
        }
    }
    drop(reader);

    // Style ids take a second pass over the sheet (calamine gives them
    // apart from values); a workbook without a percentage style or one of
    // fixed decimals needs none.
    let mut styled = CellStyles::default();
    if !percent_styles.contains(&true)
        && fixed_styles.iter().all(Option::is_none)
        && indent_styles.iter().all(|&i| i == 0)
    {
        return Ok((cells, styled));
    }
    let mut percent: HashSet<(u32, u32)> = HashSet::new();
    let mut reader = xlsx.worksheet_cells_reader(name).map_err(error)?;
    while let Some((row, col, style)) = reader.next_style_id().map_err(error)? {
        if percent_styles.get(style).copied().unwrap_or(false) {
            percent.insert((row, col));
        }
        if let Some(Some(places)) = fixed_styles.get(style) {
            styled.fixed.insert((row, col), *places);
        }
        if let Some(&indent) = indent_styles.get(style).filter(|&&i| i > 0) {
            styled.indents.insert((row, col), indent);
        }
    }
    mark_percent(&mut cells, &percent);
    Ok((cells, styled))
}

/// The indent level a style gives its cells' text (0 when none).
fn indent_level(style: &calamine::Style) -> u8 {
    style.alignment.as_ref().and_then(|a| a.indent).unwrap_or(0)
}

/// Gives the value of each merged region to every cell of the region, as
/// the person who merged them meant. Returns the cells that got a copy.
fn spread_merged(cells: &mut Vec<RawCell>, merges: &[calamine::Dimensions]) -> HashSet<(u32, u32)> {
    let mut copies = HashSet::new();
    if merges.is_empty() {
        return copies;
    }
    let filled: HashMap<(u32, u32), usize> = cells
        .iter()
        .enumerate()
        .map(|(i, (r, c, _))| ((*r, *c), i))
        .collect();
    for merge in merges {
        let (r0, c0) = merge.start;
        let (r1, c1) = merge.end;
        let area = u64::from(r1.saturating_sub(r0) + 1) * u64::from(c1.saturating_sub(c0) + 1);
        let Some(&anchor) = filled.get(&(r0, c0)) else {
            continue;
        };
        if area > MAX_MERGE_CELLS {
            continue;
        }
        let value = cells[anchor].2.clone();
        for r in r0..=r1 {
            for c in c0..=c1 {
                if !filled.contains_key(&(r, c)) {
                    cells.push((r, c, value.clone()));
                    copies.insert((r, c));
                }
            }
        }
    }
    copies
}

impl Sheet {
    /// Lays out cells with values as dense rows over their bounding box.
    /// Fails, naming the farthest cell, when the box is too large.
    fn from_cells(
        name: String,
        visible: bool,
        cells: Vec<RawCell>,
        merge_copies: HashSet<(u32, u32)>,
    ) -> Result<Sheet, ReadProblem> {
        let first_row = cells.iter().map(|c| c.0).min().unwrap_or(0);
        let last_row = cells.iter().map(|c| c.0).max().unwrap_or(0);
        let first_col = cells.iter().map(|c| c.1).min().unwrap_or(0);
        let last_col = cells.iter().map(|c| c.1).max().unwrap_or(0);
        let height = u64::from(last_row - first_row) + 1;
        let width = u64::from(last_col - first_col) + 1;
        let distance = |c: &&RawCell| u64::from(c.0 - first_row) + u64::from(c.1 - first_col);
        if height * width > MAX_AREA
            && let Some(far) = cells.iter().max_by_key(distance)
        {
            return Err(ReadProblem::RangeTooLarge {
                sheet: name,
                cell: crate::diagnostic::a1(far.0, far.1),
            });
        }
        // Excel counts a cell's characters in UTF-16 units; a text of no
        // more bytes than the limit is within it.
        let too_long = |c: &RawCell| match &c.2 {
            Value::Text(text) if text.len() > MAX_CELL_CHARS => {
                Some(text.encode_utf16().count()).filter(|&n| n > MAX_CELL_CHARS)
            }
            _ => None,
        };
        if let Some(((row, col, _), chars)) = cells.iter().find_map(|c| Some((c, too_long(c)?))) {
            return Err(ReadProblem::CellTooLong {
                sheet: name,
                cell: crate::diagnostic::a1(*row, *col),
                chars,
                limit: MAX_CELL_CHARS,
            });
        }
        let mut rows = if cells.is_empty() {
            Vec::new()
        } else {
            vec![vec![Value::Empty; width as usize]; height as usize]
        };
        for (row, col, value) in cells {
            rows[(row - first_row) as usize][(col - first_col) as usize] = value;
        }
        Ok(Sheet {
            name,
            visible,
            first_row,
            first_col,
            rows,
            merge_copies,
            fixed_decimals: HashMap::new(),
            indents: HashMap::new(),
            merges: Vec::new(),
        })
    }
}
