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

use std::collections::{HashMap, HashSet};
use std::path::Path;

mod biff;
mod error;
mod limits;
mod percent;
mod read;

use calamine::{Data, DataType};
use chrono::NaiveDateTime;
pub use error::{FormatProblem, ReadError, ReadProblem};
pub use limits::panic_is_caught;

/// A cell with a value, as the readers pass it on: row, column, value.
type RawCell = (u32, u32, Value);

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
    /// Number cells whose format shows a fixed count of decimals (`0.0`,
    /// `#,##0.00`, `0.0%`), with that count (of the percentage, for a
    /// percentage format); .xlsx files only.
    pub fixed_decimals: HashMap<(u32, u32), u32>,
    /// Cells whose style indents their text (.xlsx files only), with the
    /// indent level: how bureaus mark a 其中 row without typing spaces.
    pub indents: HashMap<(u32, u32), u8>,
    /// The merged regions (.xlsx and .xls only): the first and the last
    /// cell of each, as (row, column).
    pub merges: Vec<((u32, u32), (u32, u32))>,
}

impl Sheet {
    /// The decimals the number format of the cell at (`row`, `col`)
    /// shows, when it shows a fixed count.
    pub fn shown_places(&self, row: u32, col: u32) -> Option<u32> {
        self.fixed_decimals.get(&(row, col)).copied()
    }

    /// The indent level of the cell at (`row`, `col`): 0 unless its style
    /// indents it.
    pub fn indent_at(&self, row: u32, col: u32) -> u8 {
        self.indents.get(&(row, col)).copied().unwrap_or(0)
    }

    /// The rows and columns the merged region whose first cell is at
    /// (`row`, `col`) spans; `None` for a cell that starts no region.
    pub fn span_at(&self, row: u32, col: u32) -> Option<(u32, u32)> {
        self.merges
            .iter()
            .find(|(start, _)| *start == (row, col))
            .map(|(start, end)| {
                let span = |a: u32, b: u32| b.saturating_sub(a) + 1;
                (span(start.0, end.0), span(start.1, end.1))
            })
    }

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
    ///
    /// # Errors
    ///
    /// [`ReadError`] when the file cannot be opened, or as
    /// [`Workbook::from_bytes`].
    pub fn open(path: &Path) -> Result<Self, ReadError> {
        let shown = path.display().to_string();
        match std::fs::read(path) {
            Ok(bytes) => Self::from_bytes(&bytes, &shown),
            Err(source) => Err(ReadError {
                path: shown,
                problem: ReadProblem::Open(source),
            }),
        }
    }

    /// Reads every worksheet of a workbook file's `bytes`. `name` is the
    /// file's name or path, for messages; its extension says the format
    /// (.xlsx, .xlsm, .xls, .xlsb, .ods), and without one the format is
    /// found out from the bytes.
    ///
    ///
    /// # Errors
    ///
    /// [`ReadError`] when the bytes are not a workbook of a known format, are
    /// damaged or encrypted, or would take unbounded memory (a part that
    /// inflates to gigabytes, a used range of millions of cells, a cell longer
    /// than 32,767 characters).
    ///
    /// ```
    /// use briefing::workbook::Workbook;
    /// let error = Workbook::from_bytes(b"not a workbook", "data.xlsx").unwrap_err();
    /// assert!(error.to_string().starts_with("无法读取工作簿 data.xlsx：文件已损坏"));
    /// ```
    pub fn from_bytes(bytes: &[u8], name: &str) -> Result<Self, ReadError> {
        let extension = Path::new(name)
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        Self::read(bytes, &extension).map_err(|problem| ReadError {
            path: name.to_string(),
            problem,
        })
    }

    /// Checks `bytes` (a file named with `extension`) and reads them.
    fn read(bytes: &[u8], extension: &str) -> Result<Self, ReadProblem> {
        // Encrypted OOXML files are OLE containers, like old .xls files.
        let ole = limits::is_ole(bytes);
        if ole && matches!(extension, "xlsx" | "xlsm" | "xlsb") {
            return Err(ReadProblem::Encrypted);
        }
        if bytes.starts_with(b"PK") {
            limits::check_zip(bytes)?;
        }
        // Excel 97-2003 files are checked before calamine allocates for them.
        let xls_percent = if ole {
            Some(biff::scan_xls(bytes)?)
        } else {
            None
        };
        // calamine has panicked on damaged files: what it cannot read is an
        // error like any other, never a crash.
        limits::catch_panic(|| read::read(bytes, extension, xls_percent))
            .unwrap_or_else(|| Err(FormatProblem::Damaged.into()))
    }
}
