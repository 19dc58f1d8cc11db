//! Reading a spreadsheet file into plain tables of cell values.
//!
//! This module owns everything that touches the file format: it opens
//! .xlsx, .xlsm, .xls, .xlsb and .ods files through calamine and turns each
//! worksheet into a [`Sheet`] of [`Value`]s at their real positions. What the
//! cells *mean* is the business of [`crate::model`].
//!
//! It also keeps what the values alone would lose: a cell formatted as a
//! percentage (Excel stores 1.5% as 0.015) becomes [`Value::Percent`], a
//! formula without a stored result becomes [`Value::Formula`], and a value
//! merged over several cells is given to each of them. Files that would take
//! unbounded memory or time (a used range of a million columns, a zip entry
//! that inflates to gigabytes, an encrypted file) are refused with a clear
//! error before calamine reads them.

use std::collections::HashSet;
use std::io::Read;
use std::path::Path;

mod biff;
mod percent;

use calamine::{Data, DataType, Reader, SheetType, SheetVisible, Sheets, open_workbook_auto};
use chrono::NaiveDateTime;
use percent::{is_percent_style, mark_percent, ods_percent_cells};

/// The most cells with a value a sheet may have.
const MAX_CELLS: usize = 1_000_000;
/// The largest used range (rows × columns) a sheet may span.
pub(crate) const MAX_AREA: u64 = 5_000_000;
/// The most a single entry of a zipped workbook may inflate to.
const MAX_ENTRY_BYTES: u64 = 256 << 20;
/// The most all entries of a zipped workbook may inflate to together.
const MAX_TOTAL_BYTES: u64 = 1 << 30;
/// The largest merged region whose value is copied to all its cells.
const MAX_MERGE_CELLS: u64 = 10_000;

/// One cell's value, as the spreadsheet stores it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Nothing in the cell.
    Empty,
    /// Text, exactly as typed.
    Text(String),
    /// A number (Excel stores every number as a float).
    Number(f64),
    /// TRUE or FALSE.
    Bool(bool),
    /// A cell formatted as a date or time.
    Date(NaiveDateTime),
    /// An error value such as `#DIV/0!`.
    Error(String),
    /// A number formatted as a percentage: `0.015` is shown as 1.5%.
    Percent(f64),
    /// A formula whose result is not stored in the file (written by a
    /// program and never opened in a spreadsheet program).
    Formula(String),
}

impl Value {
    /// Whether the cell holds nothing, or only whitespace.
    pub fn is_blank(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(text) => text.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text: what a person would read in the cell.
    pub fn to_text(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(text) => text.clone(),
            Value::Number(n) => crate::number::format_number(*n),
            Value::Bool(true) => "TRUE".into(),
            Value::Bool(false) => "FALSE".into(),
            Value::Date(date) if date.time() == chrono::NaiveTime::MIN => {
                date.format("%Y年%-m月%-d日").to_string()
            }
            Value::Date(date) => date.format("%Y年%-m月%-d日 %H:%M").to_string(),
            Value::Error(error) => error.clone(),
            Value::Percent(p) => {
                format!("{}%", crate::number::Decimal::from_f64(*p).shift(2))
            }
            Value::Formula(formula) => format!("={formula}"),
        }
    }
}

impl From<&Data> for Value {
    fn from(data: &Data) -> Self {
        match data {
            Data::Empty => Value::Empty,
            Data::String(s) => Value::Text(s.clone()),
            Data::Int(i) => Value::Number(*i as f64),
            Data::Float(f) => Value::Number(*f),
            Data::Bool(b) => Value::Bool(*b),
            Data::DateTime(_) => match data.as_datetime() {
                Some(date) => Value::Date(date),
                None => Value::Text(data.to_string()),
            },
            // OpenDocument stores dates as ISO 8601 text.
            Data::DateTimeIso(iso) => {
                chrono::NaiveDateTime::parse_from_str(iso, "%Y-%m-%dT%H:%M:%S")
                    .or_else(|_| {
                        chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d")
                            .map(|d| d.and_time(chrono::NaiveTime::MIN))
                    })
                    .map_or_else(|_| Value::Text(iso.clone()), Value::Date)
            }
            Data::DurationIso(s) => Value::Text(s.clone()),
            Data::Error(e) => Value::Error(e.to_string()),
        }
    }
}

/// One worksheet: its name and its cells at their real positions.
#[derive(Debug, Clone)]
pub struct Sheet {
    /// The name on the worksheet's tab.
    pub name: String,
    /// Whether the sheet is visible in the spreadsheet program.
    pub visible: bool,
    /// Zero-based index of the first row in `rows`.
    pub first_row: u32,
    /// Zero-based index of the first column in each row.
    pub first_col: u32,
    /// The used range, row by row.
    pub rows: Vec<Vec<Value>>,
    /// Cells that hold a copy of a merged cell's value (every cell of a
    /// merged region but its top-left one), so that a problem with the
    /// value is reported once, at the cell people see.
    pub merge_copies: HashSet<(u32, u32)>,
}

impl Sheet {
    /// Whether the cell at (`row`, `col`) copies a merged cell's value.
    pub fn is_merge_copy(&self, row: u32, col: u32) -> bool {
        self.merge_copies.contains(&(row, col))
    }

    /// The rows with their zero-based row index.
    pub fn indexed_rows(&self) -> impl Iterator<Item = (u32, &[Value])> {
        self.rows
            .iter()
            .enumerate()
            .map(|(i, row)| (self.first_row + i as u32, row.as_slice()))
    }
}

/// All worksheets of a workbook, in tab order.
#[derive(Debug, Clone)]
pub struct Workbook {
    /// The worksheets, in the order of their tabs.
    pub sheets: Vec<Sheet>,
    /// Whether cell formats were read (every format but .xlsb), so that
    /// cells formatted as percentages are [`Value::Percent`]. In .xlsb they
    /// are not, and 1.5% reads as 0.015.
    pub formats_known: bool,
    /// Sheets that hold no cells and were skipped, described for users:
    /// `图表工作表“图表1”` (chart sheets, dialog sheets, macro sheets).
    pub skipped: Vec<String>,
}

/// Why a workbook could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file does not exist or cannot be opened.
    #[error("无法打开文件 {path}：{}", crate::diagnostic::describe_io(.source))]
    Open {
        /// The path given by the user.
        path: String,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The file is encrypted (password-protected), or an old binary file
    /// with a new extension.
    #[error(
        "无法读取工作簿 {path}：文件受密码保护（或是改了扩展名的旧版 .xls 文件）。请在 Excel 或 WPS 中取消密码（或另存为 .xlsx）后重试"
    )]
    Encrypted {
        /// The path given by the user.
        path: String,
    },
    /// A part of the file would inflate to more than we read.
    #[error(
        "无法读取工作簿 {path}：文件中的“{entry}”解压后有 {megabytes} MB，超出上限。文件可能已损坏；请在 Excel、WPS 或 LibreOffice 中打开并另存"
    )]
    TooLarge {
        /// The path given by the user.
        path: String,
        /// The part of the file.
        entry: String,
        /// Its inflated size.
        megabytes: u64,
    },
    /// A sheet's used range is too large to read.
    #[error(
        "无法读取工作簿 {path}：工作表“{sheet}”在 {cell} 处有内容，使用范围过大。请删除表格范围以外的多余内容（选中多余的行和列后删除）再保存"
    )]
    RangeTooLarge {
        /// The path given by the user.
        path: String,
        /// The sheet's name.
        sheet: String,
        /// The farthest cell with a value.
        cell: String,
    },
    /// The file is not a workbook calamine understands, or is damaged.
    #[error(
        "无法读取工作簿 {path}：{detail}。请确认它是 .xlsx、.xlsm、.xls、.xlsb 或 .ods 文件，并能在 Excel、WPS 或 LibreOffice 中正常打开"
    )]
    Format {
        /// The path given by the user.
        path: String,
        /// What is wrong, in Chinese.
        detail: String,
    },
}

impl Workbook {
    /// The row around `cell`, for showing a diagnostic in context: up to
    /// eight cells, each cut to twenty characters, the cell itself marked.
    pub fn excerpt(&self, cell: &crate::diagnostic::CellRef) -> Option<crate::diagnostic::Excerpt> {
        let sheet = self.sheets.iter().find(|s| s.name == cell.sheet)?;
        let row = sheet
            .rows
            .get(cell.row.checked_sub(sheet.first_row)? as usize);
        let col = cell.col.checked_sub(sheet.first_col).map(|c| c as usize);
        let width = row.map_or(0, Vec::len).max(col.map_or(0, |c| c + 1));
        let target = col.unwrap_or(0);
        let first = target.saturating_sub(4);
        let last = (first + 8).min(width.max(target + 1));
        let mut text = String::new();
        let mut range = 0..0;
        for i in first..last {
            if i > first {
                text.push_str(" │ ");
            }
            let value = row
                .and_then(|r| r.get(i))
                .map(Value::to_text)
                .unwrap_or_default();
            let shown: String = match value.trim() {
                "" => "（空）".to_string(),
                v if v.chars().count() > 20 => v.chars().take(19).chain(['…']).collect(),
                v => v.replace(['\n', '\r'], " "),
            };
            if i == target {
                range = text.len()..text.len() + shown.len();
            }
            text.push_str(&shown);
        }
        Some(crate::diagnostic::Excerpt { text, range })
    }

    /// The cells whose text contains `c`, in sheet and row order.
    pub fn cells_containing(&self, c: char) -> Vec<crate::diagnostic::CellRef> {
        let mut cells = Vec::new();
        for sheet in &self.sheets {
            for (row, values) in sheet.indexed_rows() {
                for (i, value) in values.iter().enumerate() {
                    let col = sheet.first_col + i as u32;
                    if let Value::Text(text) = value
                        && text.contains(c)
                        && !sheet.is_merge_copy(row, col)
                    {
                        cells.push(crate::diagnostic::CellRef::new(&sheet.name, row, col));
                    }
                }
            }
        }
        cells
    }

    /// Reads every worksheet of the file at `path`.
    pub fn open(path: &Path) -> Result<Self, ReadError> {
        let shown = path.display().to_string();
        // Check the file first: calamine's own message for a missing file is
        // less clear than the operating system's.
        let mut head = [0u8; 8];
        let read_head = std::fs::File::open(path).and_then(|mut f| f.read(&mut head));
        let read = read_head.map_err(|source| ReadError::Open {
            path: shown.clone(),
            source,
        })?;
        let extension = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        // Encrypted OOXML files are OLE containers, like old .xls files.
        let ole = read == 8 && head == [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        if ole && matches!(extension.as_str(), "xlsx" | "xlsm" | "xlsb") {
            return Err(ReadError::Encrypted { path: shown });
        }
        if head.starts_with(b"PK") {
            check_zip(path, &shown)?;
        }
        let format = |detail: String| ReadError::Format {
            path: shown.clone(),
            detail,
        };
        // Excel 97-2003 files are checked before calamine allocates for them.
        let xls_percent = if ole {
            Some(biff::scan_xls(path).map_err(format)?)
        } else {
            None
        };
        // calamine has panicked on damaged files: what it cannot read is an
        // error like any other, never a crash.
        let read = catch_panic(|| Self::read(path, xls_percent));
        read.unwrap_or_else(|| Err(Failure::Format(DAMAGED.to_string())))
            .map_err(|detail| match detail {
                Failure::Format(detail) => format(detail),
                Failure::Encrypted => ReadError::Encrypted {
                    path: shown.clone(),
                },
                Failure::RangeTooLarge { sheet, cell } => ReadError::RangeTooLarge {
                    path: shown.clone(),
                    sheet,
                    cell,
                },
            })
    }

    /// Reads the sheets with calamine, once the file has passed the checks
    /// of [`Workbook::open`].
    fn read(path: &Path, xls_percent: Option<percent::CellsBySheet>) -> Result<Self, Failure> {
        let mut reader = open_workbook_auto(path).map_err(|e| explain(&e, None))?;
        // calamine reads percentages of OpenDocument and BIFF files as
        // plain fractions; find those cells ourselves.
        let found_percent = match &reader {
            Sheets::Ods(_) => ods_percent_cells(path),
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
            let sheet_error = |e: calamine::Error| explain(&e, Some(&meta.name));
            let mut cells = match &mut reader {
                Sheets::Xlsx(xlsx) => read_xlsx_cells(xlsx, &meta.name).map_err(|e| match e {
                    Ok(error) => sheet_error(error.into()),
                    Err(too_many) => Failure::Format(format!("工作表“{}”：{too_many}", meta.name)),
                })?,
                other => {
                    let range = other.worksheet_range(&meta.name).map_err(sheet_error)?;
                    let (r0, c0) = range.start().unwrap_or((0, 0));
                    range
                        .cells()
                        .filter(|(_, _, d)| !d.is_empty())
                        .map(|(r, c, d)| (r0 + r as u32, c0 + c as u32, Value::from(d)))
                        .collect()
                }
            };
            let merges = match &mut reader {
                Sheets::Xlsx(xlsx) => xlsx
                    .merge_cells_by_sheet_name(&meta.name)
                    .unwrap_or_default(),
                Sheets::Xls(xls) => xls
                    .merge_cells_by_sheet_name(&meta.name)
                    .unwrap_or_default(),
                _ => Vec::new(),
            };
            // Percentages first, so that a merged percentage is copied as one.
            if let Some(percent) = found_percent.get(&meta.name) {
                mark_percent(&mut cells, percent);
            }
            let copies = spread_merged(&mut cells, &merges);
            let sheet = Sheet::from_cells(
                meta.name.clone(),
                meta.visible == SheetVisible::Visible,
                cells,
                copies,
            )
            .map_err(|cell| Failure::RangeTooLarge {
                sheet: meta.name.clone(),
                cell,
            })?;
            sheets.push(sheet);
        }
        let formats_known = !matches!(reader, Sheets::Xlsb(_));
        Ok(Workbook {
            sheets,
            formats_known,
            skipped,
        })
    }
}

/// Why [`Workbook::read`] failed, before the path is attached.
enum Failure {
    /// What is wrong, in Chinese.
    Format(String),
    Encrypted,
    RangeTooLarge {
        sheet: String,
        cell: String,
    },
}

/// The detail of a file that cannot be read for an unknown reason.
const DAMAGED: &str = "文件已损坏或不完整（可能没有保存完，或在下载、复制时出错）";

/// A calamine error told in words users know (never calamine's own
/// English text), in `sheet` when known.
fn explain(error: &calamine::Error, sheet: Option<&str>) -> Failure {
    use calamine::{Error, OdsError, XlsError, XlsbError, XlsxError};
    let io = match error {
        Error::Io(e)
        | Error::Xlsx(XlsxError::Io(e))
        | Error::Xlsb(XlsbError::Io(e))
        | Error::Ods(OdsError::Io(e))
        | Error::Xls(XlsError::Io(e)) => Some(e),
        _ => None,
    };
    let detail = match (error, io) {
        (Error::Xls(XlsError::Password) | Error::Ods(OdsError::Password), _) => {
            return Failure::Encrypted;
        }
        (Error::Ods(OdsError::CellLimitExceeded { .. }), _) => {
            "工作表的使用范围过大。请删除表格范围以外的多余内容（选中多余的行和列后删除）再保存"
                .to_string()
        }
        (Error::Ods(OdsError::InvalidMime(_)), _) => {
            "它不是 OpenDocument 电子表格（.ods）文件".to_string()
        }
        (Error::Xls(XlsError::Cfb(_)), _) => "它不是有效的 Excel 97-2003（.xls）文件".to_string(),
        (_, Some(e)) if e.kind() != std::io::ErrorKind::UnexpectedEof => {
            format!("读取时出错：{}", crate::diagnostic::describe_io(e))
        }
        _ => DAMAGED.to_string(),
    };
    Failure::Format(match sheet {
        Some(sheet) => format!("工作表“{sheet}”：{detail}"),
        None => detail,
    })
}

thread_local! {
    /// Whether this thread is inside [`catch_panic`].
    static CATCHING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f`, turning a panic into `None`. The panic hook still runs: a
/// program that does not want the panic printed checks
/// [`panic_is_caught`] in its hook.
fn catch_panic<T>(f: impl FnOnce() -> T) -> Option<T> {
    let outer = CATCHING.replace(true);
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    CATCHING.set(outer);
    result.ok()
}

/// Whether a panic on this thread happens while a damaged file is read,
/// where it is caught and reported as a damaged file. The command line's
/// panic hook stays quiet then:
///
/// ```no_run
/// let default = std::panic::take_hook();
/// std::panic::set_hook(Box::new(move |info| {
///     if !briefing::workbook::panic_is_caught() {
///         default(info)
///     }
/// }));
/// ```
pub fn panic_is_caught() -> bool {
    CATCHING.get()
}

/// Refuses zipped workbooks whose parts would inflate beyond reason (a
/// "zip bomb", or an enormous shared-string table).
fn check_zip(path: &Path, shown: &str) -> Result<(), ReadError> {
    let Ok(file) = std::fs::File::open(path) else {
        return Ok(());
    };
    // A damaged archive is reported by calamine, with its own words.
    let Ok(mut archive) = zip::ZipArchive::new(std::io::BufReader::new(file)) else {
        return Ok(());
    };
    let mut total = 0u64;
    for i in 0..archive.len() {
        let Ok(entry) = archive.by_index_raw(i) else {
            continue;
        };
        total = total.saturating_add(entry.size());
        if entry.size() > MAX_ENTRY_BYTES || total > MAX_TOTAL_BYTES {
            return Err(ReadError::TooLarge {
                path: shown.to_string(),
                entry: entry.name().map(|n| n.into_owned()).unwrap_or_default(),
                megabytes: entry.size() >> 20,
            });
        }
    }
    Ok(())
}

/// A cell with a value: row, column, value.
type RawCell = (u32, u32, Value);

/// Reads the cells of an .xlsx sheet one by one, without ever allocating
/// its used range: a stray value far away cannot exhaust memory. Keeps the
/// formulas that have no stored result, and the cells formatted as
/// percentages.
///
/// Fails with calamine's error, or with our own (in Chinese) when the sheet
/// has too many cells.
fn read_xlsx_cells<RS: std::io::Read + std::io::Seek>(
    xlsx: &mut calamine::Xlsx<RS>,
    name: &str,
) -> Result<Vec<RawCell>, Result<calamine::XlsxError, String>> {
    let mut cells = Vec::new();
    let mut reader = xlsx.worksheet_cells_reader(name).map_err(Ok)?;
    while let Some(cell) = reader.next_cell_with_formula().map_err(Ok)? {
        let (row, col) = cell.pos;
        let data = Data::from(cell.value);
        let value = match (data, cell.formula) {
            (Data::Empty, Some(formula)) if !formula.is_empty() => Value::Formula(formula),
            (data, _) => Value::from(&data),
        };
        if !value.is_blank() {
            cells.push((row, col, value));
            if cells.len() > MAX_CELLS {
                return Err(Err(format!("有超过 {MAX_CELLS} 个非空单元格，超出上限")));
            }
        }
    }
    drop(reader);

    let mut percent: HashSet<(u32, u32)> = HashSet::new();
    let mut reader = xlsx.worksheet_cells_reader(name).map_err(Ok)?;
    let percent_styles: Vec<bool> = reader.styles().iter().map(is_percent_style).collect();
    while let Some((row, col, style)) = reader.next_style_id().map_err(Ok)? {
        if percent_styles.get(style).copied().unwrap_or(false) {
            percent.insert((row, col));
        }
    }
    mark_percent(&mut cells, &percent);
    Ok(cells)
}

/// Gives the value of each merged region to every cell of the region, as
/// the person who merged them meant. Returns the cells that got a copy.
fn spread_merged(cells: &mut Vec<RawCell>, merges: &[calamine::Dimensions]) -> HashSet<(u32, u32)> {
    let mut copies = HashSet::new();
    if merges.is_empty() {
        return copies;
    }
    let filled: std::collections::HashMap<(u32, u32), usize> = cells
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
    /// Returns the farthest cell, in A1 notation, when the box is too large.
    fn from_cells(
        name: String,
        visible: bool,
        cells: Vec<RawCell>,
        merge_copies: HashSet<(u32, u32)>,
    ) -> Result<Sheet, String> {
        if cells.is_empty() {
            return Ok(Sheet {
                name,
                visible,
                first_row: 0,
                first_col: 0,
                rows: Vec::new(),
                merge_copies,
            });
        }
        let first_row = cells.iter().map(|c| c.0).min().unwrap_or(0);
        let last_row = cells.iter().map(|c| c.0).max().unwrap_or(0);
        let first_col = cells.iter().map(|c| c.1).min().unwrap_or(0);
        let last_col = cells.iter().map(|c| c.1).max().unwrap_or(0);
        let height = u64::from(last_row - first_row) + 1;
        let width = u64::from(last_col - first_col) + 1;
        if height * width > MAX_AREA {
            let distance = |c: &&RawCell| u64::from(c.0 - first_row) + u64::from(c.1 - first_col);
            let far = cells.iter().max_by_key(distance).expect("not empty");
            return Err(crate::diagnostic::a1(far.0, far.1));
        }
        let mut rows = vec![vec![Value::Empty; width as usize]; height as usize];
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
        })
    }
}
