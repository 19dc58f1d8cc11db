//! Reading a spreadsheet file into plain tables of cell values.
//!
//! This module owns everything that touches the file format: it opens
//! .xlsx, .xlsm, .xls, .xlsb and .ods files through calamine and turns each
//! worksheet into a [`Sheet`] of [`Value`]s at their real positions. What the
//! cells *mean* is the business of [`crate::model`].

use std::path::Path;

use calamine::{Data, DataType, Reader, SheetVisible, open_workbook_auto};
use chrono::NaiveDateTime;

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
            Value::Number(n) => crate::wording::format_number(*n),
            Value::Bool(true) => "TRUE".into(),
            Value::Bool(false) => "FALSE".into(),
            Value::Date(date) if date.time() == chrono::NaiveTime::MIN => {
                date.format("%Y年%-m月%-d日").to_string()
            }
            Value::Date(date) => date.format("%Y年%-m月%-d日 %H:%M").to_string(),
            Value::Error(error) => error.clone(),
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
            Data::DateTime(_) | Data::DateTimeIso(_) => match data.as_datetime() {
                Some(date) => Value::Date(date),
                None => Value::Text(data.to_string()),
            },
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
}

impl Sheet {
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
}

/// Why a workbook could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file does not exist or cannot be opened.
    #[error("无法打开文件 {path}：{source}")]
    Open {
        /// The path given by the user.
        path: String,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The file is not a workbook calamine understands, or is damaged.
    #[error(
        "无法读取工作簿 {path}：{detail}。请确认它是 .xlsx、.xlsm、.xls、.xlsb 或 .ods 文件，并能在 Excel、WPS 或 LibreOffice 中正常打开"
    )]
    Format {
        /// The path given by the user.
        path: String,
        /// What calamine said.
        detail: String,
    },
}

impl Workbook {
    /// The cells whose text contains `c`, in sheet and row order.
    pub fn cells_containing(&self, c: char) -> Vec<crate::diagnostic::CellRef> {
        let mut cells = Vec::new();
        for sheet in &self.sheets {
            for (row, values) in sheet.indexed_rows() {
                for (i, value) in values.iter().enumerate() {
                    if let Value::Text(text) = value
                        && text.contains(c)
                    {
                        let col = sheet.first_col + i as u32;
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
        std::fs::metadata(path).map_err(|source| ReadError::Open {
            path: shown.clone(),
            source,
        })?;
        let format = |detail: String| ReadError::Format {
            path: shown.clone(),
            detail,
        };
        let mut reader = open_workbook_auto(path).map_err(|e| format(e.to_string()))?;
        let metadata = reader.sheets_metadata().to_vec();
        let mut sheets = Vec::with_capacity(metadata.len());
        for meta in metadata {
            let range = reader
                .worksheet_range(&meta.name)
                .map_err(|e| format(format!("工作表“{}”：{e}", meta.name)))?;
            let (first_row, first_col) = range.start().unwrap_or((0, 0));
            let rows = range
                .rows()
                .map(|row| row.iter().map(Value::from).collect())
                .collect();
            sheets.push(Sheet {
                name: meta.name,
                visible: meta.visible == SheetVisible::Visible,
                first_row,
                first_col,
                rows,
            });
        }
        Ok(Workbook { sheets })
    }
}
