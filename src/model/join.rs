//! The indicators of a workbook, made by one join of descriptions and
//! figures.
//!
//! Three readers give them, each knowing nothing of the others: the
//! indicator sheet (`indicators`: a row describes an indicator and may
//! give its figures), a wide sheet (`wide`: each region's figures of the
//! codes its header names) and the bureaus' tables (`names`: rows of
//! figures cited by the name printed). Here each description gets its
//! figures:
//! - a code a wide sheet gives takes them from there, region by region
//!   (a figure typed for it in 指标 is an error: which report is it for?);
//! - else a row of 指标 with figures has its own;
//! - else a row without figures that names a bureau table's row describes
//!   that row (its code, 类型, 板块, 要点);
//! - else its empty 数值 is an error.
//!
//! The problems of a row's own figures are reported only when those are
//! the figures used, so each problem is told once.

use super::bureau::BureauTable;
use super::indicators::{Header, IndicatorSheet, RowFigures, SheetRow};
use super::names::{self, Names};
use super::problems::{CellProblem, JoinProblem, Problem};
use super::table::missing_column;
use super::vocabulary::Column;
use super::wide::WideSheet;
use super::{Indicator, ReadOptions, Regions, Rejected};
use crate::diagnostic::{CellRef, Diagnostic};

/// The indicators of a workbook, joined.
pub(super) struct Joined {
    /// In sheet order: the indicator sheet's (with a wide sheet, in the
    /// order the long form would give them), then the bureau tables'.
    pub indicators: Vec<Indicator>,
    /// The ones left out because of errors.
    pub rejected: Vec<Rejected>,
    /// The regions, when read per region.
    pub regions: Option<Regions>,
    /// The names bureau tables' indicators are cited by.
    pub names: Names,
}

/// Joins the indicator sheet's rows (`sheet`; default when the workbook
/// has none), a wide sheet's figures and the bureau tables' rows.
pub(super) fn join(
    sheet: IndicatorSheet,
    wide: Option<&WideSheet>,
    tables: &[BureauTable],
    options: &ReadOptions,
    formats_known: bool,
    diags: &mut Vec<Diagnostic>,
) -> Joined {
    let mut rejected = sheet.rejected;
    let mut regions = sheet.regions;
    let usable = match (&sheet.header, wide) {
        (Some(header), None) => check_header(header, regions.as_ref(), options, diags),
        _ => true,
    };
    let rows = if usable { sheet.rows } else { Vec::new() };
    // A 数值 that reads as nothing in a sheet with that column is an error
    // value or a formula without result, reported at its cell already.
    let has_value = sheet.header.as_ref().is_some_and(|h| h.has_value);
    let printed = names::printed(tables.iter());
    let mut shared = Vec::new();
    let mut described: Vec<(usize, Indicator)> = Vec::new();
    let mut named = Vec::new();
    for row in rows {
        let SheetRow {
            mut indicator,
            figures,
            region_cell,
        } = row;
        if let (Some(wide), Some(cell)) = (wide, region_cell) {
            diags.push(region_not_allowed(wide, cell, options));
            indicator.region = None;
        }
        let region = indicator.region.clone();
        let reject = |rejected: &mut Vec<Rejected>, indicator: Indicator| {
            rejected.push(Rejected {
                row: Some(indicator.cell),
                code: indicator.code,
                region,
            });
        };
        if let Some(wide) = wide.filter(|w| w.gives(&indicator.code)) {
            if let RowFigures::Typed { cells, .. } = &figures {
                for (figure, cell) in cells {
                    diags.push(figure_not_here(
                        wide,
                        &indicator.code,
                        *figure,
                        cell,
                        options,
                    ));
                }
            }
            described.push((shared.len(), indicator));
            continue;
        }
        match figures {
            RowFigures::Typed { problems, ok, .. } => {
                diags.extend(problems);
                match (ok, indicator.get(Column::Value).is_some()) {
                    (true, true) => shared.push(indicator),
                    (true, false) if has_value => reject(&mut rejected, indicator),
                    (true, false) => {
                        diags.push(no_value_column(wide, &indicator, options));
                        reject(&mut rejected, indicator);
                    }
                    (false, _) => reject(&mut rejected, indicator),
                }
            }
            RowFigures::Blank { .. } if printed.contains(&names::compact_name(&indicator.name)) => {
                named.push(indicator);
            }
            RowFigures::Blank {
                value_cell: Some(cell),
            } => {
                let problem = match wide {
                    Some(wide) => CellProblem::EmptyBesideWide {
                        sheet: wide.name().to_string(),
                    },
                    None => CellProblem::EmptyValue,
                };
                diags.push(problem.at(cell, Column::Value.chinese()));
                reject(&mut rejected, indicator);
            }
            RowFigures::Blank { value_cell: None } => {
                diags.push(no_value_column(wide, &indicator, options));
                reject(&mut rejected, indicator);
            }
        }
    }
    let mut indicators = shared;
    if let Some(wide) = wide {
        let descriptions: Vec<Indicator> = described.iter().map(|(_, i)| i.clone()).collect();
        let figures = wide.read(&descriptions, &sheet.codes, options, formats_known, diags);
        rejected.extend(figures.rejected);
        regions = Some(figures.regions);
        indicators = interleave(indicators, &described, figures.per_region);
    }
    let codes: Vec<&str> = indicators.iter().map(|i| i.code.as_str()).collect();
    let (mut tabled, mut names) = names::join(tables, &codes, diags);
    names::describe(named, &mut tabled, &mut names, diags);
    indicators.extend(tabled);
    Joined {
        indicators,
        rejected,
        regions,
        names,
    }
}

/// Checks the header of an indicator sheet that gives the figures itself
/// (no wide sheet): it needs a 数值 column, and the `--per` column with a
/// region in it when read per region. `false` when its rows cannot be
/// used.
fn check_header(
    header: &Header,
    regions: Option<&Regions>,
    options: &ReadOptions,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    let mut usable = true;
    if !header.empty && !header.has_value {
        diags.push(missing_column(&header.cell, Column::Value));
        usable = false;
    }
    let Some(column) = &options.per else {
        return usable;
    };
    if header.empty {
        let column = column.clone();
        diags.push(JoinProblem::EmptySheet { column }.at(header.cell.clone()));
        return false;
    }
    let Some(at) = &header.region else {
        let problem = JoinProblem::NoRegionColumn {
            column: column.clone(),
            names: header.names.join("、"),
            row: header.cell.row + 1,
        };
        diags.push(problem.at(header.cell.clone()));
        return false;
    };
    if regions.is_some_and(|r| r.names.is_empty()) {
        let column = column.trim().to_string();
        diags.push(JoinProblem::NoRegions { column }.at(at.clone()));
    }
    usable
}

/// A region named in the indicator sheet when a wide sheet gives the
/// regions' figures.
fn region_not_allowed(wide: &WideSheet, cell: CellRef, options: &ReadOptions) -> Diagnostic {
    JoinProblem::RegionNotAllowed {
        column: per(options),
        sheet: wide.name().to_string(),
    }
    .at(cell)
}

/// A figure typed in the indicator sheet for a code the wide sheet gives:
/// which report it would count for is not clear.
fn figure_not_here(
    wide: &WideSheet,
    code: &str,
    figure: Column,
    cell: &CellRef,
    options: &ReadOptions,
) -> Diagnostic {
    JoinProblem::FigureNotHere {
        code: code.to_string(),
        column: per(options),
        sheet: wide.name().to_string(),
        figure,
    }
    .at(cell.clone())
}

/// A code without 数值 in an indicator sheet without a 数值 column (which
/// only a wide sheet allows) that the wide sheet does not give either.
fn no_value_column(
    wide: Option<&WideSheet>,
    indicator: &Indicator,
    options: &ReadOptions,
) -> Diagnostic {
    JoinProblem::NoValue {
        code: indicator.code.clone(),
        column: per(options),
        sheet: wide.map_or("", |w| w.name()).to_string(),
    }
    .at(indicator.cell.clone())
}

/// The column the workbook is read per, as given; empty when it is not.
fn per(options: &ReadOptions) -> String {
    options.per.as_deref().unwrap_or_default().to_string()
}

/// The whole workbook's indicators in the long form's order: the shared
/// ones where the indicator sheet has them, and between two shared ones,
/// region after region, each region's indicators described there.
fn interleave(
    shared: Vec<Indicator>,
    described: &[(usize, Indicator)],
    mut per_region: Vec<Vec<Option<Indicator>>>,
) -> Vec<Indicator> {
    let shared_count = shared.len();
    let mut shared = shared.into_iter();
    let per_region_count: usize = per_region.iter().map(Vec::len).sum();
    let mut all = Vec::with_capacity(shared_count + per_region_count);
    for before in 0..=shared_count {
        for mine in &mut per_region {
            for (i, (after, _)) in described.iter().enumerate() {
                if *after == before
                    && let Some(indicator) = mine[i].take()
                {
                    all.push(indicator);
                }
            }
        }
        all.extend(shared.next());
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_come_between_the_shared_indicators_around_them() {
        let indicator = |code: &str, region: Option<&str>| {
            Indicator::new(code, code, CellRef::new("x", 0, 0))
                .with_value(1.0)
                .with_region(region.map(String::from))
        };
        // 指标: a (shared), b, c (wide), d (shared), e (wide).
        let shared = vec![indicator("a", None), indicator("d", None)];
        let described = [
            (1, indicator("b", None)),
            (1, indicator("c", None)),
            (2, indicator("e", None)),
        ];
        let region = |r| {
            vec![
                Some(indicator("b", Some(r))),
                (r == "甲").then(|| indicator("c", Some(r))),
                Some(indicator("e", Some(r))),
            ]
        };
        let all = interleave(shared, &described, vec![region("甲"), region("乙")]);
        let order: Vec<String> = all
            .iter()
            .map(|i| format!("{}{}", i.code, i.region.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(order, ["a", "b甲", "c甲", "b乙", "d", "e甲", "e乙"]);
    }
}
