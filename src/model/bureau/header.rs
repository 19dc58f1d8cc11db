//! Finding a bureau table's header, and what each of its columns holds.

use super::FigureColumn;
use super::words::{HeaderWord, Measure, Period, header_word, nearest_header, period, unit_line};
use crate::diagnostic::{CellRef, Diagnostic};
use crate::model::cells::value_at;
use crate::model::problems::{BureauProblem, Problem};
use crate::workbook::{Sheet, Value};

/// How many rows from the top the header may start at.
const SEARCH_ROWS: usize = 30;
/// How many rows a header may take.
const MAX_DEPTH: u32 = 4;

/// Where a table's header is, and the lines above it.
#[derive(Debug, Clone)]
pub(super) struct Header {
    /// Its first and last row.
    pub top: u32,
    pub bottom: u32,
    /// The title lines above it, as printed.
    pub titles: Vec<String>,
    /// The unit a line above it gives (`计量单位：亿元`).
    pub unit: Option<String>,
}

/// What the header says of the columns.
#[derive(Debug, Clone)]
pub(super) struct Columns {
    /// The names column.
    pub name: u32,
    /// The units column, if any.
    pub unit: Option<u32>,
    /// The period groups, in column order.
    pub groups: Vec<Period>,
    /// The columns of figures.
    pub figures: Vec<FigureColumn>,
    /// Every column the table spans, in order.
    pub all: Vec<u32>,
}

/// The texts of a row's cells, by absolute column.
fn texts(sheet: &Sheet, cells: &[Value]) -> Vec<(u32, String)> {
    cells
        .iter()
        .enumerate()
        .filter(|(_, v)| !v.is_blank())
        .map(|(i, v)| (sheet.first_col + i as u32, v.to_text().trim().to_string()))
        .collect()
}

/// The header of `sheet`: the first row (of the first thirty) that names
/// the names column or two columns of figures; `None` when none does.
pub(super) fn find(sheet: &Sheet) -> Option<Header> {
    let rows: Vec<(u32, &[Value])> = sheet.indexed_rows().take(SEARCH_ROWS).collect();
    let position = rows.iter().position(|&(row, cells)| {
        // A title merged across the table is one cell, not several.
        let words: Vec<HeaderWord> = texts(sheet, cells)
            .iter()
            .filter(|(col, _)| !sheet.is_merge_copy(row, *col))
            .filter_map(|(_, t)| words_of(t).into_iter().next())
            .collect();
        let names = words.contains(&HeaderWord::Name);
        let figures = words
            .iter()
            .filter(|w| matches!(w, HeaderWord::Period(_) | HeaderWord::Measure(..)))
            .count();
        figures >= 2 || (names && figures >= 1) || (names && next_has_figures(sheet, &rows, cells))
    })?;
    let (top, _) = rows[position];
    let mut bottom = top;
    // Cells merged down from the first header row give its depth.
    for col in 0..sheet.rows[0].len() as u32 {
        if let Some((span, _)) = sheet.span_at(top, sheet.first_col + col) {
            bottom = bottom.max(top + span.min(MAX_DEPTH) - 1);
        }
    }
    // Rows of measures under the group row, when nothing is merged.
    while bottom + 1 < top + MAX_DEPTH {
        let Some(&(_, cells)) = rows.get((bottom + 1 - rows[0].0) as usize) else {
            break;
        };
        let numbers = cells
            .iter()
            .any(|v| matches!(v, Value::Number(_) | Value::Percent(_)));
        let words = texts(sheet, cells)
            .iter()
            .filter(|(_, t)| !words_of(t).is_empty())
            .count();
        if numbers || words == 0 {
            break;
        }
        bottom += 1;
    }
    let mut titles = Vec::new();
    let mut unit = None;
    for &(_, cells) in &rows[..position] {
        let mut line = String::new();
        for (_, text) in texts(sheet, cells) {
            if let Some(u) = unit_line(&text) {
                unit = Some(u);
            } else if !line.contains(&text) {
                line.push_str(&text);
            }
        }
        if !line.is_empty() {
            titles.push(line);
        }
    }
    Some(Header {
        top,
        bottom,
        titles,
        unit,
    })
}

/// Whether the row after the one holding `cells` names columns of figures
/// (a header whose group row is all periods under a merged 指标名称).
fn next_has_figures(sheet: &Sheet, rows: &[(u32, &[Value])], cells: &[Value]) -> bool {
    let Some(i) = rows.iter().position(|&(_, c)| std::ptr::eq(c, cells)) else {
        return false;
    };
    rows.get(i + 1).is_some_and(|&(_, next)| {
        texts(sheet, next)
            .iter()
            .filter(|(_, t)| {
                words_of(t)
                    .iter()
                    .any(|w| matches!(w, HeaderWord::Period(_) | HeaderWord::Measure(..)))
            })
            .count()
            >= 1
    })
}

/// What a header cell says: one word, or a period and a measure written
/// together (`1-11月增长%`); nothing for a cell the reader does not know.
fn words_of(text: &str) -> Vec<HeaderWord> {
    if let Some(word) = header_word(text) {
        return vec![word];
    }
    let chars: Vec<char> = text.chars().collect();
    for split in (1..chars.len()).rev() {
        let head: String = chars[..split].iter().collect();
        let tail: String = chars[split..].iter().collect();
        if let (Some(p), Some(m @ HeaderWord::Measure(..))) = (period(&head), header_word(&tail)) {
            return vec![HeaderWord::Period(p), m];
        }
    }
    Vec::new()
}

impl Header {
    /// What each column holds; an unknown header is warned about at its
    /// cell. `None` when no column holds figures.
    pub fn columns(&self, sheet: &Sheet, diags: &mut Vec<Diagnostic>) -> Option<Columns> {
        let width = sheet.rows.first().map_or(0, Vec::len) as u32;
        let mut name = None;
        let mut unit = None;
        let mut groups: Vec<Period> = Vec::new();
        let mut figures = Vec::new();
        let mut all = Vec::new();
        let mut unknown = Vec::new();
        for col in sheet.first_col..sheet.first_col + width {
            let mut words = Vec::new();
            let mut last = String::new();
            let mut any = false;
            for row in self.top..=self.bottom {
                let Some(cells) = row
                    .checked_sub(sheet.first_row)
                    .and_then(|i| sheet.rows.get(i as usize))
                else {
                    continue;
                };
                let text = value_at(sheet, cells, Some(col))
                    .to_text()
                    .trim()
                    .to_string();
                if text.is_empty() || text == last {
                    continue;
                }
                any = true;
                let found = words_of(&text);
                if found.is_empty() && !sheet.is_merge_copy(row, col) {
                    unknown.push((row, col, text.clone()));
                }
                words.extend(found);
                last = text;
            }
            if !any {
                continue;
            }
            all.push(col);
            let mut period = None;
            let mut measure = None;
            for word in words {
                match word {
                    HeaderWord::Name => name = name.or(Some(col)),
                    HeaderWord::Unit => unit = unit.or(Some(col)),
                    HeaderWord::Period(p) => period = Some(p),
                    HeaderWord::Measure(m, u) => measure = Some((m, u)),
                }
            }
            if Some(col) == name || Some(col) == unit {
                continue;
            }
            let (measure, unit) = match (measure, &period) {
                (Some(found), _) => found,
                (None, Some(_)) => (Measure::Value, None),
                (None, None) => continue,
            };
            let group = match period {
                Some(p) => match groups.iter().position(|g| g.label == p.label) {
                    Some(g) => g,
                    None => {
                        groups.push(p);
                        groups.len() - 1
                    }
                },
                None => usize::MAX,
            };
            figures.push(FigureColumn {
                col,
                group,
                measure,
                unit,
            });
        }
        if figures.is_empty() {
            return None;
        }
        // Columns without a period: the one group of a table without
        // periods, else the group of the columns before them (a 上年同期
        // column after 1-11月's figures).
        if groups.is_empty() {
            groups.push(Period {
                label: String::new(),
                cumulative: false,
                end: None,
            });
        }
        let mut current = 0;
        for figure in &mut figures {
            if figure.group == usize::MAX {
                figure.group = current;
            } else {
                current = figure.group;
            }
        }
        for (row, col, text) in unknown {
            if Some(col) == name || Some(col) == unit {
                continue;
            }
            let problem = BureauProblem::UnknownHeader {
                nearest: nearest_header(&text).to_string(),
                header: text,
            };
            diags.push(problem.at(CellRef::new(&sheet.name, row, col)));
        }
        let name = name.or_else(|| {
            all.iter()
                .copied()
                .find(|c| !figures.iter().any(|f| f.col == *c))
        })?;
        Some(Columns {
            name,
            unit,
            groups,
            figures,
            all,
        })
    }
}
