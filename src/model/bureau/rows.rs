//! The rows under a bureau table's header: names with their indentation
//! and parents, sections, figures (numbers, numbers typed as text, "—"),
//! and the footnotes under the table.

use super::header::{Columns, Header};
use super::words::{Measure, is_empty_marker, is_note, row_name};
use super::{BureauRow, BureauTable};
use crate::diagnostic::{CellRef, Diagnostic};
use crate::model::cells::{decimals_typed, parse_number, prose_at, value_at};
use crate::model::extra::{column_name, header_rows};
use crate::model::problems::{BureauProblem, Problem};
use crate::model::{ExtraTable, Figure, ReadOptions};
use crate::number::{Decimal, rounded};
use crate::workbook::{Sheet, Value};

/// A row read, before parents and levels are known.
struct Read {
    row: BureauRow,
    /// How far its name is indented: leading spaces (a full-width one
    /// counts two) plus two per indent level of the cell's style.
    indent: usize,
    /// Whether its name is marked as a part (其中, #).
    part: bool,
    /// Whether it gives its own unit (in the units column or its name).
    own_unit: bool,
    /// Its cells as the sheet shows them, one per column of the table.
    shown: Vec<String>,
    /// Its values, one per column of the table.
    values: Vec<Value>,
}

/// Reads the rows under `header`.
pub(super) fn read(
    sheet: &Sheet,
    header: Header,
    columns: Columns,
    options: &ReadOptions,
    diags: &mut Vec<Diagnostic>,
) -> BureauTable {
    let mut read: Vec<Read> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    for (row, cells) in sheet.indexed_rows().filter(|&(r, _)| r > header.bottom) {
        if cells.iter().all(Value::is_blank) {
            continue;
        }
        let first_text = columns
            .all
            .iter()
            .map(|&col| value_at(sheet, cells, Some(col)).to_text())
            .find(|t| !t.trim().is_empty())
            .unwrap_or_default();
        if !notes.is_empty() || is_note(&first_text) {
            let line: Vec<String> = cells
                .iter()
                .enumerate()
                .filter(|&(i, v)| {
                    !v.is_blank() && !sheet.is_merge_copy(row, sheet.first_col + i as u32)
                })
                .map(|(_, v)| v.to_text().trim().to_string())
                .collect();
            notes.push(line.join(" "));
            continue;
        }
        read.extend(read_row(
            sheet, row, cells, &header, &columns, options, diags,
        ));
    }
    let levels = levels(&read);
    let parents = parents(&read);
    let mut rows: Vec<BureauRow> = Vec::with_capacity(read.len());
    let mut shown = Vec::with_capacity(read.len());
    let mut values = Vec::with_capacity(read.len());
    let mut indents = Vec::with_capacity(read.len());
    let mut section = None;
    let mut own_units: Vec<bool> = Vec::with_capacity(read.len());
    for (i, (r, parent)) in read.into_iter().zip(parents).enumerate() {
        let mut row = r.row;
        row.parent = parent;
        // A part without a unit of its own counts in its parent's unit
        // (`社会消费品零售总额（亿元）` over `# 批发零售业`).
        if !r.own_unit
            && let Some(parent) = parent
            && own_units[parent]
        {
            row.unit = rows[parent].unit.clone();
        }
        own_units.push(r.own_unit || parent.is_some_and(|p| own_units[p]));
        if row.is_section {
            section = Some(i);
        } else {
            row.section = section;
        }
        rows.push(row);
        shown.push(r.shown);
        values.push(r.values);
        indents.push(levels[i]);
    }
    let depth = header.bottom + 1 - header.top;
    let table = ExtraTable {
        name: sheet.name.clone(),
        headers: columns
            .all
            .iter()
            .map(|&col| column_name(sheet, header.top, depth, col))
            .collect(),
        header: header_rows(sheet, header.top, depth, &columns.all),
        rows: values,
        shown,
        caption: (!header.titles.is_empty()).then(|| header.titles.join(" ")),
        notes,
        indents,
    };
    BureauTable {
        sheet: sheet.name.clone(),
        table,
        groups: columns.groups,
        figures: columns.figures,
        rows,
    }
}

/// Reads one row; `None` for a row without a name (whose figures are
/// reported as such).
fn read_row(
    sheet: &Sheet,
    row: u32,
    cells: &[Value],
    header: &Header,
    columns: &Columns,
    options: &ReadOptions,
    diags: &mut Vec<Diagnostic>,
) -> Option<Read> {
    let at = |col: u32| CellRef::new(&sheet.name, row, col);
    let typed = value_at(sheet, cells, Some(columns.name)).to_text();
    let name = row_name(&typed);
    let unit_cell =
        prose_at(sheet, row, cells, columns.unit, options, diags).filter(|u| !is_empty_marker(u));
    let mut figures = Vec::with_capacity(columns.figures.len());
    let value_unit = unit_cell
        .clone()
        .or_else(|| name.unit.clone())
        .or_else(|| {
            let of_value = columns.figures.iter().find(|f| f.measure == Measure::Value);
            of_value.and_then(|f| f.unit.clone())
        })
        .or_else(|| header.unit.clone())
        .unwrap_or_default();
    for figure in &columns.figures {
        let value = value_at(sheet, cells, Some(figure.col));
        let (number, shown) = figure_of(&value, figure.measure, &value_unit)
            .map_err(|problem| diags.push(problem.at(at(figure.col))))
            .unwrap_or((None, None));
        let shown_places = match &value {
            Value::Number(_) | Value::Percent(_) => sheet.shown_places(row, figure.col),
            _ => shown,
        };
        figures.push(number.map(|value| Figure {
            value,
            decimals: shown_places,
            cell: Some(at(figure.col)),
        }));
    }
    let any_figure = figures.iter().any(Option::is_some);
    if name.name.is_empty() {
        if any_figure {
            diags.push(BureauProblem::NoName.at(at(columns.name)));
        }
        return None;
    }
    let leading: usize = typed
        .chars()
        .take_while(|c| c.is_whitespace())
        .map(|c| if c == '\u{3000}' { 2 } else { 1 })
        .sum();
    let indent = leading + 2 * usize::from(sheet.indent_at(row, columns.name));
    let shown_cells = columns
        .all
        .iter()
        .map(|&col| {
            let value = value_at(sheet, cells, Some(col));
            match (col == columns.name, &value) {
                (true, _) => value.to_text().trim().to_string(),
                (false, Value::Number(n)) => rounded(*n, sheet.shown_places(row, col)).to_string(),
                (false, Value::Percent(p)) => {
                    let shown = Decimal::from_f64(*p).shift(2);
                    match sheet.shown_places(row, col) {
                        Some(places) => shown.round(places).to_string(),
                        None => shown.to_string(),
                    }
                }
                (false, other) => other.to_text().trim().to_string(),
            }
        })
        .collect();
    let values = columns
        .all
        .iter()
        .map(|&col| value_at(sheet, cells, Some(col)))
        .collect();
    Some(Read {
        row: BureauRow {
            name: name.name,
            parent: None,
            section: None,
            is_section: !any_figure && unit_cell.is_none() && !name.part,
            unit: value_unit,
            figures,
            cell: at(columns.name),
        },
        indent,
        part: name.part,
        own_unit: unit_cell.is_some() || name.unit.is_some(),
        shown: shown_cells,
        values,
    })
}

/// A figure cell read: its number (a percentage as the percent it shows)
/// and the decimals typed, or what is wrong with it.
fn figure_of(
    value: &Value,
    measure: Measure,
    unit: &str,
) -> Result<(Option<f64>, Option<u32>), BureauProblem> {
    let percent = matches!(measure, Measure::Growth | Measure::Mom | Measure::Share);
    match value {
        Value::Text(text) if is_empty_marker(text) => Ok((None, None)),
        Value::Text(text) if percent && text.trim().ends_with('倍') => {
            // 1.5倍: 150% more.
            let number = text.trim().trim_end_matches('倍');
            let times = parse_number(&Value::Text(number.to_string()), "", true)
                .ok()
                .flatten()
                .ok_or_else(|| BureauProblem::NotTimes {
                    typed: text.clone(),
                })?;
            Ok((Some(times * 100.0), None))
        }
        Value::Text(text) => match parse_number(value, unit, percent) {
            Ok(number) => Ok((number, decimals_typed(text))),
            Err(problem) => Err(BureauProblem::Figure(problem)),
        },
        Value::Error(error) => Err(BureauProblem::ErrorValue {
            error: error.clone(),
        }),
        Value::Formula(formula) => Err(BureauProblem::NoResult {
            formula: formula.clone(),
        }),
        Value::Percent(_) if !percent => {
            // A value formatted as a percentage: read as the percent shown.
            Ok((parse_number(value, "%", true).ok().flatten(), None))
        }
        other => parse_number(other, unit, percent)
            .map(|n| (n, None))
            .map_err(BureauProblem::Figure),
    }
}

/// Each row's indentation step (0 for the outermost), by rank of how far
/// it is indented; a 其中 row not indented at all is one step in from the
/// row above it.
fn levels(read: &[Read]) -> Vec<u32> {
    let mut indents: Vec<usize> = read.iter().map(|r| r.indent).collect();
    indents.sort_unstable();
    indents.dedup();
    let rank = |indent: usize| indents.iter().position(|&i| i == indent).unwrap_or(0) as u32;
    let mut levels: Vec<u32> = Vec::with_capacity(read.len());
    for (i, r) in read.iter().enumerate() {
        let mut level = rank(r.indent);
        if r.part && i > 0 {
            let above = (0..i)
                .rev()
                .find(|&j| !read[j].part)
                .map_or(0, |j| levels[j]);
            level = level.max(above + 1);
        }
        levels.push(level);
    }
    levels
}

/// Each row's parent: the nearest row above it that is indented less (a
/// 其中 row's, the nearest row above it that is not a 其中 row and is not
/// indented more). Rows that follow a 其中 row indented further are its
/// siblings, as bureaus align them after "其中：".
fn parents(read: &[Read]) -> Vec<Option<usize>> {
    // The stack of open rows: (key, index); a part counts half a step in.
    let mut stack: Vec<(usize, usize)> = Vec::new();
    let mut parents = Vec::with_capacity(read.len());
    let mut last_part: Option<(usize, usize)> = None;
    for (i, r) in read.iter().enumerate() {
        if r.row.is_section {
            stack.clear();
            parents.push(None);
            last_part = None;
            continue;
        }
        let mut key = r.indent * 2 + usize::from(r.part);
        if !r.part
            && let Some((part_indent, part_key)) = last_part
            && r.indent > part_indent
        {
            key = part_key;
        }
        while stack.last().is_some_and(|&(k, _)| k >= key) {
            stack.pop();
        }
        parents.push(stack.last().map(|&(_, j)| j));
        stack.push((key, i));
        if r.part {
            last_part = Some((r.indent, key));
        } else if key != last_part.map_or(usize::MAX, |(_, k)| k) {
            last_part = None;
        }
    }
    parents
}
