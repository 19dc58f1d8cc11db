//! Wording a parsed [`Placeholder`] from its indicators: [`render`] for a
//! placeholder of the prose, [`word`] for one indicator in one [`Form`] (the
//! `text` fields a template receives).

use std::collections::HashMap;

use super::Region;
use super::error::{Field, Problem};
use super::numbers::{
    Verbs, change_as, compare_as, join_list, level_change, point_change, pull, respectively, share,
    share_change, versus,
};
use super::placeholder::{Form, Placeholder};
use super::rank::RankBy;
use crate::model::{Growth, Indicator, Rejected};
use crate::number::{convert, rounded};

/// The indicators a placeholder can cite, with the codes of rows left out
/// because of errors (so that a citation of one says so).
pub struct Lookup<'a> {
    /// Indicators by code.
    pub by_code: HashMap<&'a str, &'a Indicator>,
    /// Codes of rows with errors.
    pub rejected: &'a [Rejected],
}

impl<'a> Lookup<'a> {
    /// The lookup of `indicators`, with the rows left out as `rejected`.
    pub fn new(indicators: &'a [Indicator], rejected: &'a [Rejected]) -> Self {
        let by_code = indicators.iter().map(|i| (i.code.as_str(), i)).collect();
        Lookup { by_code, rejected }
    }

    /// The indicator `code`, or why a placeholder cannot cite it.
    pub fn get(&self, code: &str) -> Result<&'a Indicator, Problem> {
        self.by_code.get(code).copied().ok_or_else(|| {
            let code = code.to_string();
            if self.rejected.iter().any(|r| r.code == code) {
                Problem::Rejected { code }
            } else {
                Problem::UnknownCode { code }
            }
        })
    }
}

/// Words the placeholder: each of its indicators in its form, several as a
/// list. `region` is the report being worded when the workbook makes one
/// report per region.
pub fn render(
    p: &Placeholder,
    lookup: &Lookup,
    region: Option<&Region>,
) -> Result<String, Problem> {
    let items = p
        .codes
        .iter()
        .map(|code| render_one(p, lookup.get(code)?, lookup, region))
        .collect::<Result<Vec<String>, Problem>>()?;
    Ok(match items.as_slice() {
        [one] => one.clone(),
        _ if p.form.is_change() => respectively(&items),
        _ => join_list(&items),
    })
}

/// An indicator worded in `form`, as the placeholder `{代码:form}` would
/// word it in the report of `region`; `Err` when the indicator lacks a
/// figure the form needs (or the form needs a batch or another indicator).
pub fn word(indicator: &Indicator, form: Form, region: Option<&Region>) -> Result<String, Problem> {
    let placeholder = Placeholder {
        codes: vec![&indicator.code],
        form,
        places: None,
    };
    let lookup = Lookup {
        by_code: HashMap::from([(indicator.code.as_str(), indicator)]),
        rejected: &[],
    };
    render(&placeholder, &lookup, region)
}

/// Words the placeholder for one `indicator`.
fn render_one(
    p: &Placeholder,
    indicator: &Indicator,
    lookup: &Lookup,
    region: Option<&Region>,
) -> Result<String, Problem> {
    let places = p.places;
    let unit = &indicator.unit;
    let verbs = indicator.verbs();
    let previous = || need(indicator.previous, indicator, Field::Previous);
    Ok(match p.form {
        Form::Value => format!("{}{unit}", rounded(indicator.value, places)),
        Form::Number => rounded(indicator.value, places).to_string(),
        Form::Unit(ref target) => in_unit(indicator, target, places)?,
        Form::Previous => format!("{}{unit}", rounded(previous()?, places)),
        Form::Yoy => yoy(indicator, places, verbs)?,
        Form::PreviousYoy => {
            let before = need(indicator.previous_yoy, indicator, Field::PreviousYoy)?;
            change_as(before, places, verbs)
        }
        Form::Change if indicator.is_rate() => point_change(indicator.value, previous()?, places),
        Form::Change => level_change(indicator.value, previous()?, unit, places, verbs),
        Form::Compare { period } => {
            let now = need(indicator.yoy, indicator, Field::Yoy)?;
            let before = need(indicator.previous_yoy, indicator, Field::PreviousYoy)?;
            compare_as(now, before, period.unwrap_or("上期"), places, verbs)
        }
        Form::Rank => rank(indicator, region, RankBy::Value)?,
        Form::GrowthRank => rank(indicator, region, RankBy::Growth)?,
        Form::Share { of } => {
            let whole = lookup.get(of)?;
            let whole_value = in_unit_of(whole.value, whole, indicator)?;
            format!("{}%", share(indicator.value, whole_value, places))
        }
        Form::ShareChange { of } => share_change_of(indicator, lookup.get(of)?, places)?,
        Form::Pull { of, name } => pull_on(indicator, lookup.get(of)?, name, places)?,
        Form::Versus { with, area } => {
            let other = lookup.get(with)?;
            let mine = need(indicator.yoy, indicator, Field::Yoy)?;
            let theirs = need(other.yoy, other, Field::Yoy)?;
            versus(mine, theirs, area.unwrap_or(&other.name), places)
        }
    })
}

/// Why a form cannot word `indicator`: it lacks `field`.
fn missing(indicator: &Indicator, field: Field) -> Problem {
    Problem::Missing {
        code: indicator.code.clone(),
        field,
        cell: indicator.cell.clone(),
    }
}

/// `figure` of `indicator`, or the problem of its lack.
fn need(figure: Option<f64>, indicator: &Indicator, field: Field) -> Result<f64, Problem> {
    figure.ok_or_else(|| missing(indicator, field))
}

/// `{代码:亿元}`: the value in another unit of the same base.
fn in_unit(indicator: &Indicator, target: &str, places: Option<u32>) -> Result<String, Problem> {
    let converted =
        convert(indicator.value, &indicator.unit, target).ok_or_else(|| Problem::UnknownForm {
            form: target.to_string(),
            unit: indicator.unit.clone(),
        })?;
    let converted = match places {
        Some(places) => converted.round(places),
        None => converted,
    };
    Ok(format!("{converted}{target}"))
}

/// `{代码:同比}`: 同比 as typed, else the change from 上年同期.
fn yoy(indicator: &Indicator, places: Option<u32>, verbs: Verbs) -> Result<String, Problem> {
    let growth = indicator
        .growth()
        .ok_or_else(|| missing(indicator, Field::Yoy))?;
    // Without 同比, a rate's change is told in points, a level's in percent.
    Ok(match growth {
        Growth::Points(points) => point_change(points, 0.0, places),
        Growth::Typed(percent) | Growth::Percent(percent) => {
            change_as(percent, places.or(growth.default_places()), verbs)
        }
    })
}

/// `{代码:比重变化:总体}`: how the share of `whole` changed from last year.
fn share_change_of(
    indicator: &Indicator,
    whole: &Indicator,
    places: Option<u32>,
) -> Result<String, Problem> {
    let before = need(indicator.previous, indicator, Field::Previous)?;
    let whole_before = need(whole.previous, whole, Field::Previous)?;
    Ok(share_change(
        (indicator.value, in_unit_of(whole.value, whole, indicator)?),
        (before, in_unit_of(whole_before, whole, indicator)?),
        places,
    ))
}

/// `{代码:拉动:总体:名称}`: how much the change moved `whole`.
fn pull_on(
    indicator: &Indicator,
    whole: &Indicator,
    name: Option<&str>,
    places: Option<u32>,
) -> Result<String, Problem> {
    let before = need(indicator.previous, indicator, Field::Previous)?;
    let whole_before = need(whole.previous, whole, Field::Previous)?;
    Ok(pull(
        (indicator.value, before),
        in_unit_of(whole_before, whole, indicator)?,
        name.unwrap_or(&whole.name),
        places,
    ))
}

/// `value`, a figure of `whole`, in the unit of `part`, so that the two
/// can be divided: 1422.22亿元 is 14222200万元.
fn in_unit_of(value: f64, whole: &Indicator, part: &Indicator) -> Result<f64, Problem> {
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

/// The rank of the report's region by `indicator`: 第3位.
fn rank(indicator: &Indicator, region: Option<&Region>, by: RankBy) -> Result<String, Problem> {
    let code = indicator.code.as_str();
    let region = region.ok_or(Problem::RankOutsideBatch)?;
    if !region.ranks.ranks(code) {
        return Err(Problem::SharedByRegions {
            code: code.to_string(),
            column: region.column.to_string(),
        });
    }
    match region.ranks.rank(code, region.name, by) {
        Some(rank) => Ok(rank.text()),
        None if by == RankBy::Growth => Err(Problem::NoGrowth {
            code: code.to_string(),
            region: region.name.to_string(),
        }),
        None => Err(Problem::NotInRegion {
            code: code.to_string(),
            region: region.name.to_string(),
        }),
    }
}
