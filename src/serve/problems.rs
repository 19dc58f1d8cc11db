//! The problems of a report as the page shows them: each worded as the
//! command line words it, with the part of the sheet around its cell,
//! made when the compile ends (the workbook is not kept).

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity, TidiedSum, column_name};
use crate::workbook::{Value, Workbook};

/// Rows and columns shown on each side of a problem's cell.
const AROUND: u32 = 2;
/// The longest text shown in a cell of the grid.
const LONGEST_CELL: usize = 16;

/// A problem as the command line words it, with the sheet around its cell.
#[derive(Debug, Clone, Serialize)]
pub struct Problem {
    /// `error`, `warning` or `info`.
    pub level: &'static str,
    /// `错误`, `警告` or `提示`.
    pub label: &'static str,
    /// The command line's one-line form: `错误: 指标!C5：…`.
    pub headline: String,
    /// The message alone.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
    /// The cell: sheet name and A1 address.
    pub cell: Option<CellView>,
    /// The sheet around the cell.
    pub grid: Option<Grid>,
}

/// A cell's place.
#[derive(Debug, Clone, Serialize)]
pub struct CellView {
    /// The file the sheet is in, when it is the briefing's data file.
    pub file: Option<String>,
    /// The sheet's name.
    pub sheet: String,
    /// `C5`.
    pub a1: String,
    /// Zero-based row.
    pub row: u32,
    /// Zero-based column.
    pub col: u32,
}

/// A piece of a sheet, with real column letters and row numbers.
#[derive(Debug, Clone, Serialize)]
pub struct Grid {
    /// The letters of its columns.
    pub columns: Vec<String>,
    /// Its rows: the row number (from 1) and each cell's text.
    pub rows: Vec<(u32, Vec<String>)>,
    /// Where the problem's cell is in `rows` and `columns`.
    pub mark: (usize, usize),
}

/// Errors and warnings, each with its grid, errors first; and text put
/// right, summed by kind, as the command line sums it.
pub(super) fn problems(
    workbook: &Workbook,
    diagnostics: &[Diagnostic],
) -> (Vec<Problem>, Vec<String>) {
    let mut tidied = TidiedSum::default();
    let mut problems = Vec::new();
    for d in diagnostics {
        if tidied.add(d) {
            continue;
        }
        problems.push(Problem {
            level: match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "info",
            },
            label: d.severity.label(),
            headline: d.headline(),
            message: d.message.clone(),
            hint: d.hint.clone(),
            cell: d.cell.as_ref().map(|c| CellView {
                file: c.file.as_deref().map(String::from),
                sheet: c.sheet.clone(),
                a1: c.a1(),
                row: c.row,
                col: c.col,
            }),
            grid: d
                .cell
                .as_ref()
                .map(|c| grid(workbook, &c.sheet, c.row, c.col)),
        });
    }
    problems.sort_by_key(|p| p.level != "error");
    let tidied = tidied
        .by_kind()
        .iter()
        .map(|(what, count)| format!("已把 {count} 处{what}"))
        .collect();
    (problems, tidied)
}

/// The cells around (`row`, `col`) of a sheet, as they read.
fn grid(workbook: &Workbook, sheet: &str, row: u32, col: u32) -> Grid {
    let sheet = workbook.sheets.iter().find(|s| s.name == sheet);
    let text = |r: u32, c: u32| -> String {
        let value = sheet.and_then(|s| {
            s.rows
                .get(r.checked_sub(s.first_row)? as usize)?
                .get(c.checked_sub(s.first_col)? as usize)
        });
        let text = value.map(Value::to_text).unwrap_or_default();
        let text = text.replace(['\n', '\r'], " ");
        if text.chars().count() > LONGEST_CELL {
            text.chars().take(LONGEST_CELL - 1).chain(['…']).collect()
        } else {
            text
        }
    };
    let (top, left) = (row.saturating_sub(AROUND), col.saturating_sub(AROUND));
    let columns = (left..=col + AROUND).collect::<Vec<_>>();
    Grid {
        columns: columns.iter().map(|&c| column_name(c)).collect(),
        rows: (top..=row + AROUND)
            .map(|r| (r + 1, columns.iter().map(|&c| text(r, c)).collect()))
            .collect(),
        mark: ((row - top) as usize, (col - left) as usize),
    }
}
