//! Wording a parsed [`Placeholder`] from its indicators: [`render`] for a
//! placeholder of the prose, [`word`] for one indicator in one [`Form`] (the
//! `text` fields a template receives).

use super::Region;
use super::compare::{
    compare_phrase, difference_phrase, influence_phrase, level_phrase, versus_phrase,
};
use super::error::Problem;
use super::groups::{count, structure};
use super::lookup::{Lookup, names_in};
use super::needs::{in_unit_of, missing, need, two_year, value_of};
use super::numbers::{
    Verbs, change_phrase, level_change_phrase, points_phrase, pull_phrase, share,
    share_change_phrase,
};
use super::period::Span;
use super::phrase::{POINTS, Phrase, against_periods, join, list};
use super::placeholder::{Form, Placeholder};
use super::rank::RankBy;
use super::shown::{as_shown, rate_places};
use super::style::HouseStyle;
use crate::model::{Column, Figure, Growth, Indicator, LIST_SEPARATORS};
use crate::number::{convert, difference_to, rounded};

/// Words the placeholder: each of its indicators in its form, several as a
/// list. `region` is the report being worded when the workbook makes one
/// report per region.
pub fn render(
    p: &Placeholder,
    lookup: &Lookup,
    region: Option<&Region>,
) -> Result<String, Problem> {
    let style = lookup.style.with(&p.styles);
    match p.form {
        Form::Period(span) => return period_label(p, lookup, span),
        Form::Count(tally) => return count(p, lookup, tally, &style),
        Form::Structure => return structure(p, lookup),
        _ => {}
    }
    let items = names_in(&p.codes, lookup)
        .iter()
        .map(|code| render_one(p, lookup.get(code)?, lookup, region, &style))
        .collect::<Result<Vec<Phrase>, Problem>>()?;
    if p.form.is_change() {
        return Ok(list(&items, &style));
    }
    let items: Vec<String> = items.iter().map(Phrase::to_string).collect();
    Ok(join(&items, style.and))
}

/// An indicator worded in `form`, as the placeholder `{代码:form}` would
/// word it in the report of `region`; `Err` when the indicator lacks a
/// figure the form needs (or the form needs a batch or another indicator).
///
/// # Errors
///
/// A [`Problem`] when the indicator lacks a figure `form` needs, or the
/// form needs a batch of regions or another indicator.
pub fn word(indicator: &Indicator, form: Form, region: Option<&Region>) -> Result<String, Problem> {
    let placeholder = Placeholder {
        codes: vec![&indicator.code],
        form,
        places: None,
        styles: Vec::new(),
    };
    render(&placeholder, &Lookup::one(indicator), region)
}

/// Words the placeholder for one `indicator` in the house `style`: a
/// change as a [`Phrase`], any other figure as a phrase of its text alone.
fn render_one(
    p: &Placeholder,
    indicator: &Indicator,
    lookup: &Lookup,
    region: Option<&Region>,
    style: &HouseStyle,
) -> Result<Phrase, Problem> {
    let text = |text: String| Ok(Phrase::verb(text));
    let places = p.places;
    let unit = &indicator.unit;
    let verbs = indicator.verbs();
    let previous = || need(indicator, Column::Previous);
    // The decimals asked for, else those the sheet shows for `figures`.
    let shown = |figures: &[&Figure]| places.or_else(|| as_shown(figures));
    // A rate's decimals: one when the sheet shows none, unless kept as typed.
    let rate_shown = |figures: &[&Figure]| places.or_else(|| rate_places(figures, style));
    let value = || need(indicator, Column::Value);
    match p.form {
        Form::Value => {
            let value = value()?;
            text(format!("{}{unit}", rounded(value.value, shown(&[value]))))
        }
        Form::Number => {
            let value = value()?;
            text(rounded(value.value, shown(&[value])).to_string())
        }
        Form::Unit(ref target) => text(in_unit(indicator, target, places)?),
        Form::Previous => {
            let before = previous()?;
            text(format!("{}{unit}", rounded(before.value, shown(&[before]))))
        }
        Form::Yoy => yoy(indicator, places, verbs, style),
        Form::Change { against } => {
            let value = value()?;
            let change = |before: &Figure| {
                let figures = [value, before];
                let (value, before) = (value.value, before.value);
                match indicator.is_rate() {
                    true => {
                        points_phrase(difference_to(value, before, rate_shown(&figures)), style)
                    }
                    false => {
                        level_change_phrase((value, before), unit, shown(&figures), verbs, style)
                    }
                }
            };
            let Some(periods) = against else {
                return Ok(change(previous()?));
            };
            // Each period named: 上年同期 from its column, any other (the
            // period before, 1—6月份) from 上期值.
            let phrases = periods
                .split(LIST_SEPARATORS)
                .map(str::trim)
                .filter(|period| !period.is_empty())
                .map(|period| {
                    let column = match period {
                        "上年同期" => Column::Previous,
                        _ => Column::LastPeriod,
                    };
                    let phrase = change(need(indicator, column)?);
                    // 与上年同期持平, 比上年同期提高0.3个百分点.
                    let than = match phrase.amount {
                        None => "与",
                        Some(_) => style.than.word(),
                    };
                    Ok(phrase.against(format!("{than}{period}")))
                })
                .collect::<Result<Vec<Phrase>, Problem>>()?;
            text(against_periods(phrases, style))
        }
        Form::Compare { period } => {
            let period = match (period, &indicator.details.last_period_name) {
                // A bureau's table names the period its 上期 figures are of.
                (None, Some(name)) => name.clone(),
                (period, _) => period_name(period, lookup, style)?,
            };
            compare(indicator, &period, places, style)
        }
        Form::Rank => text(rank(indicator, region, RankBy::Value)?),
        Form::GrowthRank => text(rank(indicator, region, RankBy::Growth)?),
        Form::Share { of } => {
            let whole = lookup.get(of)?;
            let whole_value = in_unit_of(value_of(whole)?, whole, indicator)?;
            text(format!("{}%", share(value()?.value, whole_value, places)))
        }
        Form::ShareChange { of } => share_change_of(indicator, lookup.get(of)?, places, style),
        Form::Pull { of, name } => pull_on(indicator, lookup.get(of)?, name, places, style),
        Form::Versus { with, area } => {
            let other = lookup.get(with)?;
            let mine = need(indicator, Column::Yoy)?;
            let theirs = need(other, Column::Yoy)?;
            let places =
                places.or_else(|| rate_places(&[mine], style).max(rate_places(&[theirs], style)));
            let area = area.unwrap_or(&other.name);
            Ok(versus_phrase(mine.value, theirs.value, area, places, style))
        }
        Form::PreviousYoy | Form::Mom | Form::PreviousMom | Form::TwoYear | Form::LastPeriod => {
            one_figure(indicator, &p.form, places, style)
        }
        Form::Base => base_growth(indicator, places, verbs, style),
        Form::Influence { on } => Ok(influence_phrase(value()?.value, on, places, style)),
        Form::Difference { with, area } => {
            let other = lookup.get(with)?;
            let their_value = need(other, Column::Value)?;
            // Theirs in our unit, with the decimals their cell shows.
            let theirs = Figure {
                value: in_unit_of(their_value.value, other, indicator)?,
                ..their_value.clone()
            };
            let area = area.unwrap_or(&other.name);
            let value = value()?;
            // The gap between two rates is in points.
            let (unit, places) = match indicator.is_rate() && other.is_rate() {
                true => {
                    let mine = rate_places(&[value], style);
                    let theirs = rate_places(&[&theirs], style);
                    (POINTS, places.or(mine.max(theirs)))
                }
                false => (unit.as_str(), places),
            };
            Ok(difference_phrase(
                (value.value, theirs.value),
                unit,
                area,
                places,
                style,
            ))
        }
        // Worded for the whole placeholder by `render`.
        Form::Count(_) | Form::Period(_) | Form::Structure => unreachable!("worded by render"),
    }
}

/// A form that words one optional figure of `indicator`: 上期同比, 环比,
/// 上期环比 and 两年平均 as changes, 上期值 as a value with its unit.
fn one_figure(
    indicator: &Indicator,
    form: &Form,
    places: Option<u32>,
    style: &HouseStyle,
) -> Result<Phrase, Problem> {
    let verbs = indicator.verbs();
    let column = match form {
        Form::PreviousYoy => Column::PreviousYoy,
        Form::Mom => Column::Mom,
        Form::PreviousMom => Column::PreviousMom,
        Form::LastPeriod => Column::LastPeriod,
        _ => {
            let (average, default_places) = two_year(indicator)?;
            let figures = [&average];
            let shown = match default_places {
                Some(computed) => places.or_else(|| as_shown(&figures)).or(Some(computed)),
                None => places.or_else(|| rate_places(&figures, style)),
            };
            return Ok(change_phrase(average.value, shown, verbs, style));
        }
    };
    let figure = need(indicator, column)?;
    Ok(match form {
        Form::LastPeriod => {
            let places = places.or_else(|| as_shown(&[figure]));
            Phrase::verb(format!(
                "{}{}",
                rounded(figure.value, places),
                indicator.unit
            ))
        }
        _ => {
            let places = places.or_else(|| rate_places(&[figure], style));
            change_phrase(figure.value, places, verbs, style)
        }
    })
}

/// The period a comparison names: as typed, a label of the report's
/// period (`@上月` → 7月份), or 上期 when not given.
fn period_name(
    period: Option<&str>,
    lookup: &Lookup,
    style: &HouseStyle,
) -> Result<String, Problem> {
    let Some(period) = period else {
        return Ok("上期".into());
    };
    let Some(name) = period.strip_prefix(['@', '＠']) else {
        return Ok(period.to_string());
    };
    let span = Span::named(&name.to_lowercase()).ok_or_else(|| Problem::UnknownSpan {
        typed: period.to_string(),
    })?;
    let month = lookup.month.ok_or(Problem::NoReportPeriod)?;
    span.label_in(lookup.year, month, style.dash)
        .ok_or(Problem::NoReportPeriod)
}

/// `{报告期:累计}`: a label of the report's period.
fn period_label(p: &Placeholder, lookup: &Lookup, span: Span) -> Result<String, Problem> {
    if !matches!(p.codes.as_slice(), ["报告期" | "period"]) {
        return Err(Problem::SpanOfIndicator {
            form: span.name().to_string(),
        });
    }
    let month = lookup.month.ok_or(Problem::NoReportPeriod)?;
    span.label_in(lookup.year, month, lookup.style.with(&p.styles).dash)
        .ok_or(Problem::NoReportPeriod)
}

/// `{代码:比基期}`: 比2019年同期增长11.2%.
fn base_growth(
    indicator: &Indicator,
    places: Option<u32>,
    verbs: Verbs,
    style: &HouseStyle,
) -> Result<Phrase, Problem> {
    let label = indicator
        .details
        .base
        .as_deref()
        .ok_or_else(|| missing(indicator, Column::Base))?;
    let (growth, typed) = indicator
        .base_growth()
        .ok_or_else(|| missing(indicator, Column::BaseGrowth))?;
    let places = match typed {
        true => places.or_else(|| rate_places(&[indicator.figure(Column::BaseGrowth)?], style)),
        false => places.or(Some(1)),
    };
    let phrase = change_phrase(growth, places, verbs, style);
    let than = if phrase.amount.is_some() {
        "比"
    } else {
        "与"
    };
    Ok(phrase.against(format!("{than}{label}")))
}

/// `{代码:比较:时期}`: the figure of the style (同比 by default) against the
/// previous period's.
fn compare(
    indicator: &Indicator,
    period: &str,
    places: Option<u32>,
    style: &HouseStyle,
) -> Result<Phrase, Problem> {
    let verbs = indicator.verbs();
    let get = |column| need(indicator, column);
    let shown = |now: &Figure, before: &Figure| {
        let figures = [now, before];
        places.or_else(
            || match style.figure == Column::Value && !indicator.is_rate() {
                true => as_shown(&figures),
                false => rate_places(&figures, style),
            },
        )
    };
    let (now, before) = match style.figure {
        Column::Yoy => (get(Column::Yoy)?.clone(), get(Column::PreviousYoy)?),
        Column::Mom => (get(Column::Mom)?.clone(), get(Column::PreviousMom)?),
        Column::TwoYear => (two_year(indicator)?.0, get(Column::PreviousTwoYear)?),
        // 数值 against 上期值.
        _ => {
            let now = get(Column::Value)?;
            let before = get(Column::LastPeriod)?;
            let (unit, rate) = (&indicator.unit, indicator.is_rate());
            let places = shown(now, before);
            return Ok(level_phrase(
                (now.value, before.value),
                unit,
                rate,
                period,
                places,
                verbs,
                style,
            ));
        }
    };
    Ok(compare_phrase(
        now.value,
        before.value,
        period,
        shown(&now, before),
        verbs,
        style,
    ))
}

/// `{代码:亿元}`: the value in another unit of the same base.
fn in_unit(indicator: &Indicator, target: &str, places: Option<u32>) -> Result<String, Problem> {
    let converted = convert(value_of(indicator)?, &indicator.unit, target).ok_or_else(|| {
        Problem::UnknownForm {
            form: target.to_string(),
            unit: indicator.unit.clone(),
        }
    })?;
    let converted = match places {
        Some(places) => converted.round(places),
        None => converted,
    };
    Ok(format!("{converted}{target}"))
}

/// `{代码:同比}`: 同比 as typed, else the change from 上年同期; none
/// 持平, or 与去年同期持平 in that style.
fn yoy(
    indicator: &Indicator,
    places: Option<u32>,
    verbs: Verbs,
    style: &HouseStyle,
) -> Result<Phrase, Problem> {
    let growth = indicator
        .growth()
        .ok_or_else(|| missing(indicator, Column::Yoy))?;
    // Without 同比, a rate's change is told in points, a level's in percent.
    let phrase = match growth {
        Growth::Points(points) => {
            let figures = [
                need(indicator, Column::Value)?,
                need(indicator, Column::Previous)?,
            ];
            let places = places.or_else(|| rate_places(&figures, style));
            points_phrase(difference_to(points, 0.0, places), style)
        }
        Growth::Typed(percent) => {
            let yoy = need(indicator, Column::Yoy)?;
            let places = places.or_else(|| rate_places(&[yoy], style));
            change_phrase(percent, places, verbs, style)
        }
        Growth::Percent(percent) => {
            change_phrase(percent, places.or(growth.default_places()), verbs, style)
        }
    };
    Ok(match phrase.amount {
        None if style.flat_yoy => phrase.against("与去年同期"),
        _ => phrase,
    })
}

/// `{代码:比重变化:总体}`: how the share of `whole` changed from last year.
fn share_change_of(
    indicator: &Indicator,
    whole: &Indicator,
    places: Option<u32>,
    style: &HouseStyle,
) -> Result<Phrase, Problem> {
    let before = need(indicator, Column::Previous)?.value;
    let whole_before = need(whole, Column::Previous)?.value;
    Ok(share_change_phrase(
        (
            value_of(indicator)?,
            in_unit_of(value_of(whole)?, whole, indicator)?,
        ),
        (before, in_unit_of(whole_before, whole, indicator)?),
        places,
        style,
    ))
}

/// `{代码:拉动:总体:名称}`: how much the change moved `whole`.
fn pull_on(
    indicator: &Indicator,
    whole: &Indicator,
    name: Option<&str>,
    places: Option<u32>,
    style: &HouseStyle,
) -> Result<Phrase, Problem> {
    let before = need(indicator, Column::Previous)?.value;
    let whole_before = need(whole, Column::Previous)?.value;
    Ok(pull_phrase(
        (value_of(indicator)?, before),
        in_unit_of(whole_before, whole, indicator)?,
        name.unwrap_or(&whole.name),
        places,
        style,
    ))
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
