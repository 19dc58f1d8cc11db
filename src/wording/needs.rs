//! An indicator's figures as the forms of a placeholder need them, or the
//! problem of their lack: shared by the forms of one indicator
//! ([`super::render`]) and those of a group ([`super::groups`]).

use super::error::Problem;
use crate::model::{Column, Figure, Indicator, TwoYear};
use crate::number::{convert, rounded};

/// Why a form cannot word `indicator`: it lacks `column`.
pub(super) fn missing(indicator: &Indicator, column: Column) -> Problem {
    Problem::Missing {
        code: indicator.code.clone(),
        column,
        cell: indicator.cell.clone(),
    }
}

/// The 数值 of `indicator`, or the problem of its lack.
pub(super) fn value_of(indicator: &Indicator) -> Result<f64, Problem> {
    Ok(need(indicator, Column::Value)?.value)
}

/// The figure of `column` of `indicator`, or the problem of its lack.
pub(super) fn need(indicator: &Indicator, column: Column) -> Result<&Figure, Problem> {
    indicator
        .figure(column)
        .ok_or_else(|| missing(indicator, column))
}

/// The two-year average growth, as typed or worked out (rounded to one
/// decimal), with the decimals it is told with when none are asked for.
pub(super) fn two_year(indicator: &Indicator) -> Result<(Figure, Option<u32>), Problem> {
    match indicator.two_year_average() {
        Some(TwoYear::Typed(_)) => Ok((need(indicator, Column::TwoYear)?.clone(), None)),
        Some(TwoYear::Computed(computed)) => {
            let rounded = rounded(computed, Some(1)).to_f64().unwrap_or(computed);
            Ok((Figure::new(rounded), Some(1)))
        }
        None => Err(missing(indicator, Column::TwoYear)),
    }
}

/// `value`, a figure of `whole`, in the unit of `part`, so that the two
/// can be divided: 1422.22亿元 is 14222200万元.
pub(super) fn in_unit_of(value: f64, whole: &Indicator, part: &Indicator) -> Result<f64, Problem> {
    if whole.unit == part.unit {
        return Ok(value);
    }
    convert(value, &whole.unit, &part.unit)
        .and_then(|d| d.to_f64())
        .ok_or_else(|| Problem::Units {
            part: part.code.clone(),
            part_unit: part.unit.clone(),
            whole: whole.code.clone(),
            whole_unit: whole.unit.clone(),
        })
}
