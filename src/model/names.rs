//! Indicators cited by the name a bureau's table prints: each row of
//! figures becomes an indicator of its lead period group (the cumulative
//! one of a monthly table), and one more of each other group; placeholders
//! find them by name, by a name qualified with the sheet, the parent row or
//! the section (`{工业/增加值}`), and a group by its header (`{11月/增加值}`).
//!
//! A name printed in two places is cited by neither bare name: the
//! placeholder that tries is told both places and how to qualify it.

use std::collections::{HashMap, HashSet};

use super::bureau::{BureauRow, BureauTable, Measure, compact};
use super::problems::{NameProblem, Problem};
use super::vocabulary::Column;
use super::{Details, Figure, Indicator, Kind};
use crate::diagnostic::{CellRef, Diagnostic};
use crate::number::difference;

/// The names placeholders may cite indicators by, beyond their codes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Names {
    /// The indicators of the period groups other than the lead one
    /// (`11月/规模工业增加值`), cited only by a qualified name.
    pub alternates: Vec<Indicator>,
    /// Other names of indicators: (name, code).
    pub aliases: Vec<(String, String)>,
    /// Names printed in several places: (name, the cells that print it).
    pub ambiguous: Vec<(String, Vec<CellRef>)>,
    /// Every name a placeholder may cite, for suggesting the nearest.
    pub known: Vec<String>,
}

/// The indicators of `tables`' rows of figures, in sheet order, and the
/// names they are cited by; `codes` are the indicator sheet's codes,
/// which a name never shadows.
pub(super) fn join(
    tables: &[BureauTable],
    codes: &[&str],
    diags: &mut Vec<Diagnostic>,
) -> (Vec<Indicator>, Names) {
    // Every row's names, qualified or not, counted across the workbook.
    let mut rows: Vec<(&BureauTable, &BureauRow, Vec<String>)> = Vec::new();
    let mut counts: HashMap<String, Vec<CellRef>> = HashMap::new();
    for table in tables {
        for row in table.rows.iter().filter(|r| !r.is_section) {
            let keys = keys(table, row);
            for key in &keys {
                counts
                    .entry(key.clone())
                    .or_default()
                    .push(row.cell.clone());
            }
            rows.push((table, row, keys));
        }
    }
    let mut names = Names::default();
    let mut indicators = Vec::new();
    for (table, row, keys) in rows {
        let unique: Vec<String> = keys
            .iter()
            .filter(|k| counts[*k].len() == 1 && !codes.contains(&k.as_str()))
            .cloned()
            .collect();
        let Some(code) = unique.first().cloned() else {
            let cells = &counts[&keys[0]];
            let places: Vec<String> = cells.iter().map(ToString::to_string).collect();
            let problem = NameProblem::Repeated {
                name: row.name.clone(),
                places: places.join("、"),
            };
            diags.push(problem.at(row.cell.clone()));
            continue;
        };
        let lead = table.lead_group();
        for group in 0..table.groups.len() {
            let Some(mut indicator) = indicator(table, row, group, &code) else {
                continue;
            };
            let labels = group_labels(table, group);
            if group != lead {
                indicator.code = format!("{}/{code}", labels[0]);
            }
            for label in &labels {
                for key in &unique {
                    names
                        .aliases
                        .push((format!("{label}/{key}"), indicator.code.clone()));
                }
            }
            if group == lead {
                for key in &unique[1..] {
                    names.aliases.push((key.clone(), code.clone()));
                }
                indicators.push(indicator);
            } else {
                names.alternates.push(indicator);
            }
        }
    }
    for (key, cells) in counts {
        if cells.len() > 1 {
            names.ambiguous.push((key, cells));
        }
    }
    names.ambiguous.sort_by(|a, b| a.0.cmp(&b.0));
    names.known = indicators
        .iter()
        .map(|i: &Indicator| i.code.clone())
        .chain(names.aliases.iter().map(|(name, _)| name.clone()))
        .collect();
    // An alias that names the lead indicator itself adds nothing.
    names.aliases.retain(|(name, code)| name != code);
    (indicators, names)
}

/// The names a row may be cited by, most plain first: the name, then
/// qualified by its parent, its section and its sheet.
fn keys(table: &BureauTable, row: &BureauRow) -> Vec<String> {
    let name = compact_name(&row.name);
    let mut keys = vec![name.clone()];
    let mut qualifiers = Vec::new();
    if let Some(parent) = row.parent {
        qualifiers.push(compact_name(&table.rows[parent].name));
    }
    if let Some(section) = row.section {
        qualifiers.push(compact_name(&table.rows[section].name));
    }
    qualifiers.push(compact_name(&table.sheet));
    for q in &qualifiers {
        keys.push(format!("{q}/{name}"));
    }
    if let Some(parent) = row.parent {
        let parent = compact_name(&table.rows[parent].name);
        keys.push(format!("{}/{parent}/{name}", compact_name(&table.sheet)));
    }
    keys.dedup();
    keys
}

/// A name as placeholders compare it: no spaces, half-width brackets and
/// digits.
pub fn compact_name(name: &str) -> String {
    compact(name)
}

/// The words a group may be cited by: its header as printed, the way
/// prose says it (`1—11月份`), and 本月 or 累计.
fn group_labels(table: &BureauTable, group: usize) -> Vec<String> {
    let period = &table.groups[group];
    let mut labels = vec![compact(&period.label), compact(&period.spoken())];
    labels.push(
        if period.cumulative {
            "累计"
        } else {
            "本月"
        }
        .to_string(),
    );
    labels.retain(|l| !l.is_empty());
    labels.dedup();
    labels
}

/// The indicator of `row` in `group`; `None` when the row has no figure
/// there. An index given as a level (上年同月=100, 上月=100) gives its
/// growth as the level − 100; in a table of prices (价格 in its title or
/// name), every index row is worded as a price (上涨, 下降).
fn indicator(table: &BureauTable, row: &BureauRow, group: usize, code: &str) -> Option<Indicator> {
    let get = |group: usize, measure| table.figure(row, group, measure).cloned();
    // The level's figure, its cell and decimals kept.
    let over_100 = |figure: Option<Figure>| {
        figure.and_then(|level| {
            let value = difference(level.value, 100.0).to_f64()?;
            Some(Figure { value, ..level })
        })
    };
    let value = get(group, Measure::Value);
    let index = get(group, Measure::Index);
    let yoy = get(group, Measure::Growth).or_else(|| over_100(index.clone()));
    let mom = get(group, Measure::Mom).or_else(|| over_100(get(group, Measure::MomIndex)));
    let previous = get(group, Measure::Previous);
    if value.is_none() && index.is_none() && yoy.is_none() && mom.is_none() {
        return None;
    }
    let before = table.previous_group(group);
    let previous_yoy =
        before.and_then(|g| get(g, Measure::Growth).or_else(|| over_100(get(g, Measure::Index))));
    let last_period = before.and_then(|g| get(g, Measure::Value));
    let indexed = value.is_none() && (index.is_some() || get(group, Measure::MomIndex).is_some());
    let kind = match Kind::from_name(&row.name) {
        Kind::Total | Kind::Index if indexed && table.is_of_prices() => Kind::Price,
        Kind::Total if indexed => Kind::Index,
        named => named,
    };
    let mut indicator = Indicator {
        group: row.section.map(|s| table.rows[s].name.clone()),
        unit: row.unit.clone(),
        kind,
        details: Details {
            last_period_name: before.map(|g| table.groups[g].spoken()),
            depth: depth(table, row),
            ..Details::default()
        },
        ..Indicator::new(code, row.name.clone(), row.cell.clone())
    };
    indicator.set(Column::Value, value.or(index));
    indicator.set(Column::Yoy, yoy);
    indicator.set(Column::Mom, mom);
    indicator.set(Column::Previous, previous);
    indicator.set(Column::PreviousYoy, previous_yoy);
    indicator.set(Column::LastPeriod, last_period);
    Some(indicator)
}

/// How many rows `row` is a part of, following its 其中 parents up.
fn depth(table: &BureauTable, row: &BureauRow) -> u32 {
    let parents = std::iter::successors(row.parent, |&p| table.rows[p].parent);
    parents.take(table.rows.len()).count() as u32
}

/// Every name the rows of `tables` print, compared as [`compact_name`].
pub(super) fn printed<'a>(tables: impl Iterator<Item = &'a BureauTable>) -> HashSet<String> {
    tables
        .flat_map(|t| t.rows.iter().filter(|r| !r.is_section))
        .map(|r| compact_name(&r.name))
        .collect()
}

/// Applies the indicator sheet's rows that describe a bureau table's row
/// by its name (`described`): the row's code becomes a name of it, and a
/// 类型, 板块, 要点 or 备注 typed there is its own, in every period group.
pub(super) fn describe(
    described: Vec<Indicator>,
    indicators: &mut [Indicator],
    names: &mut Names,
    diags: &mut Vec<Diagnostic>,
) {
    for description in described {
        let name = compact_name(&description.name);
        let cells: Vec<&CellRef> = indicators
            .iter()
            .filter(|i| compact_name(&i.name) == name)
            .map(|i| &i.cell)
            .collect();
        let [cell] = cells[..] else {
            // A name printed only in another period group, or twice.
            let problem = NameProblem::NotPrinted {
                name: description.name.clone(),
            };
            diags.push(problem.at(description.cell.clone()));
            continue;
        };
        let cell = cell.clone();
        let typed_kind = description.kind != Kind::from_name(&description.name);
        let all = indicators.iter_mut().chain(names.alternates.iter_mut());
        let mut code = None;
        for indicator in all.filter(|i| i.cell == cell) {
            if typed_kind {
                indicator.kind = description.kind;
            }
            if description.group.is_some() {
                indicator.group = description.group.clone();
            }
            indicator.highlight = description.highlight.clone().or(indicator.highlight.take());
            indicator.note = description.note.clone().or(indicator.note.take());
            code.get_or_insert_with(|| indicator.code.clone());
        }
        if let Some(code) = code {
            names.aliases.push((description.code.clone(), code));
            names.known.push(description.code);
        }
    }
}
