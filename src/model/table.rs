//! Finding a sheet's header row and its columns.

use super::cells::value_at;
use super::problems::{Problem, TableProblem};
use super::vocabulary::{Column, matches_any, normalize_header};
use crate::diagnostic::{CellRef, Diagnostic};
use crate::workbook::{Sheet, Value};

/// A sheet read as a header row and data rows.
pub(super) struct Table<'a> {
    pub sheet: &'a Sheet,
    /// Zero-based row index of the header row.
    pub header_row: u32,
    /// Normalized header name → absolute column index.
    pub columns: Vec<(String, u32)>,
    /// The data rows below the header that have at least one value.
    pub rows: Vec<(u32, &'a [Value])>,
}

impl<'a> Table<'a> {
    /// The header row is the first row (of the first twenty) that holds
    /// one of `expected`'s names, so that a title row above the table is
    /// skipped; without such a row, the first row with any value. `None`
    /// for an empty sheet.
    pub fn new(sheet: &'a Sheet, expected: &[Column]) -> Option<Self> {
        Self::find(sheet, |row| {
            row.iter().any(|v| {
                let name = normalize_header(&v.to_text());
                expected.iter().any(|c| matches_any(&name, c.names()))
            })
        })
    }

    /// Like [`Table::new`], with the header row the first (of the first
    /// twenty) for which `is_header` holds.
    pub fn find(sheet: &'a Sheet, is_header: impl Fn(&[Value]) -> bool) -> Option<Self> {
        let skip = sheet
            .indexed_rows()
            .take(20)
            .position(|(_, row)| is_header(row))
            .unwrap_or_else(|| {
                sheet
                    .indexed_rows()
                    .take_while(|(_, row)| row.iter().all(Value::is_blank))
                    .count()
            });
        let mut rows = sheet.indexed_rows().skip(skip);
        let (header_row, header) = rows.next()?;
        let columns = header
            .iter()
            .enumerate()
            .filter(|(_, v)| !v.is_blank())
            .map(|(i, v)| (normalize_header(&v.to_text()), sheet.first_col + i as u32))
            .collect();
        let rows = rows
            .filter(|(_, row)| !row.iter().all(Value::is_blank))
            .collect();
        Some(Table {
            sheet,
            header_row,
            columns,
            rows,
        })
    }

    /// The column whose header is one of `names`.
    pub fn named(&self, names: &[&str]) -> Option<u32> {
        self.columns
            .iter()
            .find(|(h, _)| matches_any(h, names))
            .map(|&(_, c)| c)
    }

    /// Where `column` is, if the sheet has it.
    pub fn column(&self, column: Column) -> Option<u32> {
        self.named(column.names())
    }

    /// Reports cells that hold no usable value in any column with a header:
    /// error values (#DIV/0!, #N/A) and formulas whose result the file does
    /// not store.
    pub fn check_cells(&self, diags: &mut Vec<Diagnostic>) {
        for &(row, cells) in &self.rows {
            for &(_, col) in &self.columns {
                if self.sheet.is_merge_copy(row, col) {
                    continue;
                }
                match value_at(self.sheet, cells, Some(col)) {
                    Value::Error(error) => {
                        diags.push(TableProblem::ErrorValue { error }.at(self.cell_ref(row, col)))
                    }
                    Value::Formula(formula) => {
                        diags.push(TableProblem::NoResult { formula }.at(self.cell_ref(row, col)))
                    }
                    _ => {}
                }
            }
        }
    }

    /// Where `column` is, or an error at the header row if it is missing.
    pub fn required(&self, column: Column, diags: &mut Vec<Diagnostic>) -> Option<u32> {
        let found = self.column(column);
        if found.is_none() {
            let header = self.cell_ref(self.header_row, self.sheet.first_col);
            diags.push(missing_column(&header, column));
        }
        found
    }

    /// Warns of each header that names none of `known` (nor is one of
    /// `also`): its column is not read, most likely a misnamed known one,
    /// named in the hint (计量单位 → 单位).
    pub fn warn_unknown(&self, known: &[Column], also: &[&str], diags: &mut Vec<Diagnostic>) {
        let names: Vec<&str> = known.iter().map(|c| c.names()[0]).collect();
        let listed = names.join("、");
        for (header, col) in &self.columns {
            let used =
                known.iter().any(|c| matches_any(header, c.names())) || matches_any(header, also);
            if used {
                continue;
            }
            let nearest = names
                .iter()
                .min_by_key(|name| (distance(header, name), name.chars().count()))
                .copied()
                .unwrap_or_default();
            let problem = TableProblem::UnknownHeader {
                header: header.clone(),
                nearest: nearest.to_string(),
                known: listed.clone(),
            };
            diags.push(problem.at(self.cell_ref(self.header_row, *col)));
        }
    }

    /// The reference of a cell of this sheet.
    pub fn cell_ref(&self, row: u32, col: u32) -> CellRef {
        CellRef::new(&self.sheet.name, row, col)
    }
}

/// The error of a header (whose first cell is `header`) without `column`.
pub(super) fn missing_column(header: &CellRef, column: Column) -> Diagnostic {
    let row = header.row + 1;
    TableProblem::MissingColumn { column, row }.at(header.clone())
}

/// How many characters must be inserted, deleted or replaced to make `a`
/// into `b` (Levenshtein's distance), for the known name nearest a typed
/// one.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let replaced = diagonal + usize::from(ca != cb);
            diagonal = row[j + 1];
            row[j + 1] = replaced.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::distance;

    #[test]
    fn the_distance_counts_edits() {
        assert_eq!(distance("计量单位", "单位"), 2);
        assert_eq!(distance("同比", "同比"), 0);
        assert_eq!(distance("上期同比", "上年同期"), 2);
        assert_eq!(distance("", "单位"), 2);
    }
}
