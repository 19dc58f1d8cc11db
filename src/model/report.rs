//! The report sheet (报告): two columns, key and value.

use super::cells::{impossible_date, prose_at, text_at};
use super::problems::{Problem, ReportProblem};
use super::table::Table;
use super::vocabulary::{Column, ReportKey};
use super::{FieldKey, ReadOptions, ReportField};
use crate::diagnostic::{CellRef, Diagnostic};
use crate::workbook::{Sheet, Value};

/// Reads the report sheet's lines, reporting duplicates, impossible dates
/// and a missing or empty 标题.
pub(super) fn read_report(
    sheet: &Sheet,
    options: &ReadOptions,
    diags: &mut Vec<Diagnostic>,
) -> Vec<ReportField> {
    let mut fields: Vec<ReportField> = Vec::new();
    let Some(table) = Table::new(sheet, &[Column::Key, Column::Content]) else {
        diags.push(ReportProblem::Empty.at(CellRef::new(&sheet.name, 0, 0)));
        return fields;
    };
    table.check_cells(diags);
    let (key_col, value_col, rows) = key_value_rows(&table);
    for (row, cells) in rows {
        let Some(raw_key) = text_at(sheet, cells, Some(key_col)) else {
            continue;
        };
        let key = match ReportKey::named(&raw_key) {
            Some(known) => FieldKey::Known(known),
            None => FieldKey::Other(raw_key.clone()),
        };
        // The template's path and the overview chart's code are not prose.
        let value = if matches!(
            key,
            FieldKey::Known(
                ReportKey::Template
                    | ReportKey::OverviewChart
                    | ReportKey::Docx
                    | ReportKey::Data
                    | ReportKey::FileName
            )
        ) {
            text_at(sheet, cells, Some(value_col))
        } else {
            prose_at(sheet, row, cells, Some(value_col), options, diags)
        }
        .unwrap_or_default();
        if let Some(first) = fields.iter().find(|f| f.key == key) {
            let problem = ReportProblem::Repeated {
                key: raw_key,
                first: first.cell.clone(),
            };
            diags.push(problem.at(table.cell_ref(row, key_col)));
            continue;
        }
        if key == FieldKey::Known(ReportKey::Date)
            && let Some(problem) = impossible_date(&value)
        {
            diags.push(ReportProblem::ImpossibleDate(problem).at(table.cell_ref(row, value_col)));
        }
        fields.push(ReportField {
            key,
            value,
            cell: table.cell_ref(row, value_col),
        });
    }
    check_title(&fields, &table, key_col, diags);
    fields
}

/// The key and value columns and the rows to read: below the header row,
/// or from the first row when the sheet starts with data in its first two
/// columns.
fn key_value_rows<'a>(table: &Table<'a>) -> (u32, u32, Vec<(u32, &'a [Value])>) {
    let sheet = table.sheet;
    match (table.column(Column::Key), table.column(Column::Content)) {
        (Some(k), Some(v)) => (k, v, table.rows.clone()),
        _ => (
            sheet.first_col,
            sheet.first_col + 1,
            std::iter::once((
                table.header_row,
                sheet.rows[(table.header_row - sheet.first_row) as usize].as_slice(),
            ))
            .chain(table.rows.iter().copied())
            .collect(),
        ),
    }
}

/// Reports a missing or empty 标题.
fn check_title(fields: &[ReportField], table: &Table, key_col: u32, diags: &mut Vec<Diagnostic>) {
    let title = FieldKey::Known(ReportKey::Title);
    match fields.iter().find(|f| f.key == title) {
        Some(f) if !f.value.is_empty() => {}
        Some(f) => diags.push(ReportProblem::EmptyTitle.at(f.cell.clone())),
        None => diags.push(ReportProblem::NoTitle.at(table.cell_ref(table.header_row, key_col))),
    }
}
