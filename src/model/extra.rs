//! Any other visible sheet: a plain table for the template, which the text
//! may also print as a table (`{表:工作表名}`) or a chart (`{图:工作表名}`).

use super::cells::{prose_at, value_at};
use super::table::Table;
use super::{ExtraTable, HeaderCell, ReadOptions};
use crate::diagnostic::Diagnostic;
use crate::number::{Decimal, rounded};
use crate::workbook::{Sheet, Value};

/// Reads a sheet as its header rows and data rows; `None` for an empty one.
/// The header takes as many rows as its merged cells reach down.
pub(super) fn read_extra(
    sheet: &Sheet,
    options: &ReadOptions,
    diags: &mut Vec<Diagnostic>,
) -> Option<ExtraTable> {
    let table = Table::new(sheet, &[])?;
    table.check_cells(diags);
    let columns: Vec<u32> = table.columns.iter().map(|&(_, col)| col).collect();
    let top = table.header_row;
    let depth = columns
        .iter()
        .filter_map(|&col| sheet.span_at(top, col))
        .map(|(rows, _)| rows)
        .max()
        .unwrap_or(1);
    let header = header_rows(sheet, top, depth, &columns);
    let headers = columns
        .iter()
        .map(|&col| column_name(sheet, top, depth, col))
        .collect();
    let data: Vec<(u32, &[Value])> = table
        .rows
        .iter()
        .copied()
        .filter(|&(row, _)| row >= top + depth)
        .collect();
    let rows: Vec<Vec<Value>> = data
        .iter()
        .map(|&(row, cells)| {
            columns
                .iter()
                .map(|&col| match value_at(sheet, cells, Some(col)) {
                    Value::Text(_) => Value::Text(
                        prose_at(sheet, row, cells, Some(col), options, diags).unwrap_or_default(),
                    ),
                    other => other,
                })
                .collect()
        })
        .collect();
    let shown: Vec<Vec<String>> = data
        .iter()
        .zip(&rows)
        .map(|(&(row, _), values)| {
            let places = |col: u32| sheet.shown_places(row, col);
            columns
                .iter()
                .zip(values)
                .map(|(&col, value)| shown_text(value, places(col)))
                .collect()
        })
        .collect();
    let indents = shown
        .iter()
        .map(|cells: &Vec<String>| {
            u32::from(
                cells
                    .first()
                    .is_some_and(|c| super::bureau::is_part_name(c)),
            )
        })
        .collect();
    Some(ExtraTable {
        name: sheet.name.clone(),
        headers,
        header,
        rows,
        shown,
        caption: None,
        notes: Vec::new(),
        indents,
    })
}

/// The header rows `top..top + depth` over `columns`: each cell that starts
/// a merged region spans it; the other cells of the region are left out.
pub(super) fn header_rows(
    sheet: &Sheet,
    top: u32,
    depth: u32,
    columns: &[u32],
) -> Vec<Vec<HeaderCell>> {
    (top..top + depth)
        .map(|row| {
            columns
                .iter()
                .filter(|&&col| !sheet.is_merge_copy(row, col))
                .map(|&col| {
                    let (rowspan, colspan) = sheet.span_at(row, col).unwrap_or((1, 1));
                    // A region reaching past the header or the named columns
                    // is cut to them.
                    let last = columns.iter().filter(|&&c| c >= col && c < col + colspan);
                    HeaderCell {
                        text: header_text(sheet, row, col),
                        rowspan: rowspan.min(top + depth - row),
                        colspan: last.count() as u32,
                    }
                })
                .collect()
        })
        .collect()
}

/// A column's name: the distinct texts of its header cells, top to bottom
/// (`1—6月` over `增长%` names the column `1—6月增长%`).
pub(super) fn column_name(sheet: &Sheet, top: u32, depth: u32, col: u32) -> String {
    let mut name = String::new();
    let mut last = String::new();
    for row in top..top + depth {
        let text = header_text(sheet, row, col);
        if text != last {
            name.push_str(&text);
            last = text;
        }
    }
    name
}

/// The text of a header cell, trimmed.
fn header_text(sheet: &Sheet, row: u32, col: u32) -> String {
    let cells = row
        .checked_sub(sheet.first_row)
        .and_then(|i| sheet.rows.get(i as usize));
    cells.map_or_else(String::new, |cells| {
        value_at(sheet, cells, Some(col))
            .to_text()
            .trim()
            .to_string()
    })
}

/// A value as the sheet shows it: a number with the decimals its format
/// shows (`places`), a percentage with `%`.
fn shown_text(value: &Value, places: Option<u32>) -> String {
    match value {
        Value::Number(n) => rounded(*n, places).to_string(),
        Value::Percent(p) => match places {
            Some(places) => format!("{}%", Decimal::from_f64(*p).shift(2).round(places)),
            None => value.to_text(),
        },
        other => other.to_text(),
    }
}
