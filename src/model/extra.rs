//! Any other visible sheet: a plain table for the template.

use super::cells::{prose_at, value_at};
use super::table::Table;
use super::{ExtraTable, ReadOptions};
use crate::diagnostic::Diagnostic;
use crate::workbook::{Sheet, Value};

/// Reads a sheet as its header row and data rows; `None` for an empty one.
pub(super) fn read_extra(
    sheet: &Sheet,
    options: &ReadOptions,
    diags: &mut Vec<Diagnostic>,
) -> Option<ExtraTable> {
    let table = Table::new(sheet, &[])?;
    table.check_cells(diags);
    let header_cells = &sheet.rows[(table.header_row - sheet.first_row) as usize];
    let headers: Vec<(String, u32)> = header_cells
        .iter()
        .enumerate()
        .filter(|(_, v)| !v.is_blank())
        .map(|(i, v)| (v.to_text().trim().to_string(), sheet.first_col + i as u32))
        .collect();
    let rows = table
        .rows
        .iter()
        .map(|&(row, cells)| {
            headers
                .iter()
                .map(|&(_, col)| match value_at(sheet, cells, Some(col)) {
                    Value::Text(_) => Value::Text(
                        prose_at(sheet, row, cells, Some(col), options, diags).unwrap_or_default(),
                    ),
                    other => other,
                })
                .collect()
        })
        .collect();
    Some(ExtraTable {
        name: sheet.name.clone(),
        headers: headers.into_iter().map(|(h, _)| h).collect(),
        rows,
    })
}
