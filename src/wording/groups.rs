//! The forms of a placeholder over a group of indicators (a 板块, or the
//! codes listed): how many rose or fell, and the structure of their sum.

use super::error::Problem;
use super::lookup::Lookup;
use super::needs::{in_unit_of, missing, need, two_year, value_of};
use super::numbers::share;
use super::placeholder::{Placeholder, Tally};
use super::style::HouseStyle;
use crate::model::{Column, Growth, Indicator};

/// The figure a count looks at, rounded as it is worded.
fn counted_figure(indicator: &Indicator, figure: Column) -> Result<f64, Problem> {
    match figure {
        Column::Yoy => indicator
            .growth()
            .map(Growth::figure)
            .ok_or_else(|| missing(indicator, Column::Yoy)),
        Column::Mom => Ok(need(indicator, Column::Mom)?.value),
        Column::TwoYear => two_year(indicator).map(|(average, _)| average.value),
        // 数值 against 上期值.
        _ => {
            let last = need(indicator, Column::LastPeriod)?.value;
            Ok(crate::number::difference(value_of(indicator)?, last)
                .to_f64()
                .unwrap_or(0.0))
        }
    }
}

/// `{板块:增长个数}`, `{a、b、c:下降个数}`: how many of a group's
/// indicators (a 板块, or the codes listed) rose, fell or were flat.
pub(super) fn count(
    p: &Placeholder,
    lookup: &Lookup,
    tally: Tally,
    style: &HouseStyle,
) -> Result<String, Problem> {
    let members: Vec<&Indicator> = match p.codes.as_slice() {
        [one] => match lookup.group(one) {
            Some(members) => members.to_vec(),
            None if lookup.find(one).is_some() => {
                return Err(Problem::CountOfOne {
                    code: one.to_string(),
                });
            }
            None => {
                return Err(Problem::EmptyGroup {
                    name: one.to_string(),
                });
            }
        },
        codes => codes
            .iter()
            .map(|c| lookup.get(c))
            .collect::<Result<_, _>>()?,
    };
    let mut n = 0;
    for indicator in members.iter().copied() {
        let counted = match tally {
            Tally::All => true,
            _ => {
                let figure = counted_figure(indicator, style.figure)?;
                match tally {
                    Tally::Up => figure > 0.0,
                    Tally::Down => figure < 0.0,
                    _ => figure == 0.0,
                }
            }
        };
        n += usize::from(counted);
    }
    Ok(n.to_string())
}

/// `{一产、二产、三产:结构}`: each figure's share of their sum, to one
/// decimal unless asked, joined by colons: 10.4:48.6:41.0.
pub(super) fn structure(p: &Placeholder, lookup: &Lookup) -> Result<String, Problem> {
    let [first, ..] = p.codes.as_slice() else {
        return Err(Problem::NoCode);
    };
    if p.codes.len() < 2 {
        return Err(Problem::StructureOfOne);
    }
    let first = lookup.get(first)?;
    let values = p
        .codes
        .iter()
        .map(|code| {
            let indicator = lookup.get(code)?;
            in_unit_of(value_of(indicator)?, indicator, first)
        })
        .collect::<Result<Vec<f64>, Problem>>()?;
    let sum: f64 = values.iter().sum();
    let shares: Vec<String> = values
        .iter()
        .map(|v| share(*v, sum, p.places).to_string())
        .collect();
    Ok(shares.join(":"))
}
