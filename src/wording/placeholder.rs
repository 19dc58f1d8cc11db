//! Placeholders: `{代码}`, `{代码:写法}` and `{代码:写法:参数}` in prose,
//! and lists of codes (`{a、b、c:同比}`).
//!
//! [`scan`] cuts a text into literal pieces and placeholders; [`render`]
//! words one placeholder from its indicators. Both report problems as
//! Chinese messages, which the caller places at the text's cell.

use std::collections::HashMap;

use super::Region;
use super::numbers::{
    change_as, compare_as, join_list, level_change, point_change, pull, respectively, share,
    share_change, versus,
};
use super::rank::RankBy;
use crate::model::{Growth, Indicator, LIST_SEPARATORS, Rejected};
use crate::number::{convert, rounded, with_unit};

/// One piece of a text: literal text, or a placeholder's inside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Text to keep as is (braces already unescaped).
    Literal(String),
    /// The text between `{` and `}`.
    Placeholder(&'a str),
    /// A brace that is neither a placeholder nor escaped.
    Error(String),
}

/// Cuts `text` into literal text and placeholders. `{{` and `}}` are
/// literal braces.
pub fn scan(text: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut literal = String::new();
    let mut rest = text;
    while let Some(i) = rest.find(['{', '}']) {
        literal.push_str(&rest[..i]);
        let brace = rest.as_bytes()[i];
        let after = &rest[i + 1..];
        if after.as_bytes().first() == Some(&brace) {
            literal.push(brace as char);
            rest = &after[1..];
            continue;
        }
        if !literal.is_empty() {
            pieces.push(Piece::Literal(std::mem::take(&mut literal)));
        }
        if brace == b'}' {
            pieces.push(Piece::Error("多余的“}”".into()));
            rest = after;
            continue;
        }
        match after
            .find(['}', '{'])
            .filter(|&e| after.as_bytes()[e] == b'}')
        {
            Some(end) => {
                pieces.push(Piece::Placeholder(&after[..end]));
                rest = &after[end + 1..];
            }
            None => {
                let start: String = after.chars().take(12).collect();
                pieces.push(Piece::Error(format!("占位符“{{{start}”没有闭合的“}}”")));
                rest = after;
            }
        }
    }
    literal.push_str(rest);
    if !literal.is_empty() {
        pieces.push(Piece::Literal(literal));
    }
    pieces
}

/// What a placeholder asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Form<'a> {
    /// `{代码}`: value and unit.
    Value,
    /// `{代码:数值}`: the number alone.
    Number,
    /// `{代码:亿元}`: the value converted to another unit of the same base.
    Unit(String),
    /// `{代码:同比}`: 增长1.5% / 下降1.6% / 持平 (上涨 for prices).
    Yoy,
    /// `{代码:上年同期}`: the previous value and unit.
    Previous,
    /// `{代码:上期同比}`: the previous period's 同比, worded.
    PreviousYoy,
    /// `{代码:增减}`: the change from the previous value, in its unit
    /// (or in percentage points for rates).
    Change,
    /// `{代码:比较:一季度}`: this period's 同比 against the previous one's.
    Compare { period: Option<&'a str> },
    /// `{代码:位次}`: the region's rank by 数值 in a batch: 第3位.
    Rank,
    /// `{代码:增速位次}`: the region's rank by 同比 in a batch.
    GrowthRank,
    /// `{代码:比重:总体}`: the figure as a percentage of another: 35.2%.
    Share { of: &'a str },
    /// `{代码:比重变化:总体}`: how that share changed from last year.
    ShareChange { of: &'a str },
    /// `{代码:拉动:总体:名称}`: how much the figure's change moved another.
    Pull { of: &'a str, name: Option<&'a str> },
    /// `{代码:对比:另一个:全省}`: this 同比 against another indicator's.
    Versus {
        with: &'a str,
        area: Option<&'a str>,
    },
}

impl Form<'_> {
    /// Whether the form words a change, so that a list of figures takes
    /// 分别 (分别增长1.2%、3.4%和5.6%) rather than a plain list.
    fn is_change(&self) -> bool {
        matches!(
            self,
            Form::Yoy
                | Form::PreviousYoy
                | Form::Change
                | Form::Compare { .. }
                | Form::ShareChange { .. }
                | Form::Pull { .. }
                | Form::Versus { .. }
        )
    }
}

/// The split-up inside of a placeholder.
pub struct Parsed<'a> {
    /// The indicators' codes: one, or several for a list (`{a、b:同比}`).
    pub codes: Vec<&'a str>,
    form: Form<'a>,
    /// Decimals asked for, when given.
    places: Option<u32>,
}

impl Parsed<'_> {
    /// Whether it is a bare code, `{代码}`: no form, no decimals.
    pub fn is_bare(&self) -> bool {
        self.form == Form::Value && self.places.is_none() && self.codes.len() == 1
    }

    /// The other indicator a form refers to (比重, 拉动, 对比), if any.
    pub fn other(&self) -> Option<&str> {
        match self.form {
            Form::Share { of } | Form::ShareChange { of } | Form::Pull { of, .. } => Some(of),
            Form::Versus { with, .. } => Some(with),
            _ => None,
        }
    }
}

/// The forms a placeholder can take, for hints.
pub const FORMS_HINT: &str = "可用的写法：{代码}、{代码:数值}、{代码:同比}、{代码:上年同期}、{代码:上期同比}、{代码:增减}、{代码:比较:一季度}、{代码:比重:总体代码}、{代码:比重变化:总体代码}、{代码:拉动:总体代码}、{代码:对比:代码:全省}、{代码:位次}、{代码:增速位次}，或换算单位 {代码:万元}；几个代码用顿号隔开，如 {a、b:同比}；小数位数写在最后，如 {代码:亿元:2}、{代码:同比:1}；要写花括号本身，请写 {{ 或 }}";

/// Splits a placeholder's inside (`gdp:亿元:2`, `a、b:同比`,
/// `industry:拉动:gdp:全市经济`) into codes, form and arguments, checking
/// what can be checked without the indicators.
pub fn parse(inner: &str) -> Result<Parsed<'_>, String> {
    let mut parts: Vec<&str> = inner.split([':', '：']).map(str::trim).collect();
    let codes: Vec<&str> = parts[0]
        .split(LIST_SEPARATORS)
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    if codes.is_empty() {
        return Err(format!("占位符“{{{inner}}}”没有写代码"));
    }
    let form_text = parts.get(1).copied().unwrap_or_default();
    // Decimals come last, as a whole number.
    let mut places = None;
    if parts.len() > 2
        && let Some(last) = parts
            .last()
            .filter(|p| p.chars().all(|c| c.is_ascii_digit()))
    {
        match last.parse::<u32>() {
            Ok(n) if n <= 6 => places = Some(n),
            _ => {
                return Err(format!(
                    "占位符“{{{inner}}}”的小数位数“{last}”应为 0 到 6 的整数"
                ));
            }
        }
        parts.pop();
    }
    let args = parts.get(2..).unwrap_or_default();
    let needs = |what: &str| {
        format!(
            "占位符“{{{inner}}}”的写法“{form_text}”后面要写{what}，如 {{{}:{form_text}:gdp}}",
            parts[0]
        )
    };
    let too_many = || {
        if places.is_none() && args.len() == 1 {
            format!(
                "占位符“{{{inner}}}”的小数位数“{}”应为 0 到 6 的整数",
                args[0]
            )
        } else {
            format!("占位符“{{{inner}}}”的冒号太多")
        }
    };
    let first = args.first().copied().filter(|a| !a.is_empty());
    let second = args.get(1).copied().filter(|a| !a.is_empty());
    let (form, used) = match form_text.to_lowercase().as_str() {
        "" => (Form::Value, 0),
        "数值" | "value" | "number" => (Form::Number, 0),
        "同比" | "yoy" => (Form::Yoy, 0),
        "上年同期" | "previous" => (Form::Previous, 0),
        "上期同比" | "previous_yoy" => (Form::PreviousYoy, 0),
        "增减" | "change" => (Form::Change, 0),
        "比较" | "compare" => (Form::Compare { period: first }, 1),
        "位次" | "rank" => (Form::Rank, 0),
        "增速位次" | "yoy_rank" | "growth_rank" => (Form::GrowthRank, 0),
        "比重" | "share" => (
            Form::Share {
                of: first.ok_or_else(|| needs("总体的代码"))?,
            },
            1,
        ),
        "比重变化" | "share_change" => (
            Form::ShareChange {
                of: first.ok_or_else(|| needs("总体的代码"))?,
            },
            1,
        ),
        "拉动" | "pull" => (
            Form::Pull {
                of: first.ok_or_else(|| needs("总体的代码"))?,
                name: second,
            },
            2,
        ),
        "对比" | "versus" => (
            Form::Versus {
                with: first.ok_or_else(|| needs("对比的代码"))?,
                area: second,
            },
            2,
        ),
        unit => (Form::Unit(unit.to_string()), 0),
    };
    if args.len() > used {
        return Err(too_many());
    }
    Ok(Parsed {
        codes,
        form,
        places,
    })
}

/// The indicators a placeholder can cite, with the codes of rows left out
/// because of errors (so that a citation of one says so).
pub struct Lookup<'a> {
    /// Indicators by code.
    pub by_code: &'a HashMap<&'a str, &'a Indicator>,
    /// Codes of rows with errors.
    pub rejected: &'a [Rejected],
}

impl<'a> Lookup<'a> {
    /// The indicator `code`, or why a placeholder cannot cite it.
    pub fn get(&self, code: &str, inner: &str) -> Result<&'a Indicator, String> {
        self.by_code.get(code).copied().ok_or_else(|| {
            if self.rejected.iter().any(|r| r.code == code) {
                format!("占位符“{{{inner}}}”引用的指标“{code}”所在的行有错误，请先改正那一行")
            } else {
                format!("占位符“{{{inner}}}”引用的代码“{code}”在“指标”工作表中不存在")
            }
        })
    }
}

/// Words the placeholder: each of its indicators in its form, several as a
/// list. `region` is the report being worded when the workbook makes one
/// report per region.
pub fn render(
    p: &Parsed,
    lookup: &Lookup,
    inner: &str,
    region: Option<&Region>,
) -> Result<String, String> {
    let items = p
        .codes
        .iter()
        .map(|code| render_one(p, lookup.get(code, inner)?, lookup, inner, region))
        .collect::<Result<Vec<String>, String>>()?;
    Ok(match items.as_slice() {
        [one] => one.clone(),
        _ if p.form.is_change() => respectively(&items),
        _ => join_list(&items),
    })
}

/// Words the placeholder for one `indicator`.
fn render_one(
    p: &Parsed,
    indicator: &Indicator,
    lookup: &Lookup,
    inner: &str,
    region: Option<&Region>,
) -> Result<String, String> {
    let missing_in = |i: &Indicator, label: &str| {
        format!(
            "占位符“{{{inner}}}”需要指标“{}”的“{label}”，但它没有填写（{}）",
            i.code, i.cell
        )
    };
    let missing = |label: &str| missing_in(indicator, label);
    let unit = &indicator.unit;
    let verbs = indicator.verbs();
    Ok(match &p.form {
        Form::Value => format!("{}{unit}", rounded(indicator.value, p.places)),
        Form::Number => rounded(indicator.value, p.places).to_string(),
        Form::Unit(target) => match convert(indicator.value, unit, target) {
            Some(d) => {
                let d = match p.places {
                    Some(places) => d.round(places),
                    None => d,
                };
                format!("{d}{target}")
            }
            None => {
                return Err(format!(
                    "占位符“{{{inner}}}”的写法“{target}”不认识：它既不是已知写法，也不是能从“{unit}”换算的单位"
                ));
            }
        },
        Form::Previous => {
            let previous = indicator.previous.ok_or_else(|| missing("上年同期"))?;
            format!("{}{unit}", rounded(previous, p.places))
        }
        // Without 同比, a rate's change is told in points, a level's in percent.
        Form::Yoy => match indicator.growth().ok_or_else(|| missing("同比"))? {
            Growth::Points(points) => point_change(points, 0.0, p.places),
            growth @ (Growth::Typed(percent) | Growth::Percent(percent)) => {
                change_as(percent, p.places.or(growth.default_places()), verbs)
            }
        },
        Form::PreviousYoy => change_as(
            indicator.previous_yoy.ok_or_else(|| missing("上期同比"))?,
            p.places,
            verbs,
        ),
        Form::Change => {
            let previous = indicator.previous.ok_or_else(|| missing("上年同期"))?;
            if indicator.is_rate() {
                point_change(indicator.value, previous, p.places)
            } else {
                level_change(indicator.value, previous, unit, p.places, verbs)
            }
        }
        Form::Compare { period } => {
            let now = indicator.yoy.ok_or_else(|| missing("同比"))?;
            let before = indicator.previous_yoy.ok_or_else(|| missing("上期同比"))?;
            compare_as(now, before, period.unwrap_or("上期"), p.places, verbs)
        }
        Form::Rank => rank(indicator, region, inner, RankBy::Value)?,
        Form::GrowthRank => rank(indicator, region, inner, RankBy::Growth)?,
        Form::Share { of } => {
            let whole = lookup.get(of, inner)?;
            let whole_value = in_unit_of(whole.value, whole, indicator, inner)?;
            format!("{}%", share(indicator.value, whole_value, p.places))
        }
        Form::ShareChange { of } => {
            let whole = lookup.get(of, inner)?;
            let before = indicator.previous.ok_or_else(|| missing("上年同期"))?;
            let whole_before = whole
                .previous
                .ok_or_else(|| missing_in(whole, "上年同期"))?;
            share_change(
                (
                    indicator.value,
                    in_unit_of(whole.value, whole, indicator, inner)?,
                ),
                (before, in_unit_of(whole_before, whole, indicator, inner)?),
                p.places,
            )
        }
        Form::Pull { of, name } => {
            let whole = lookup.get(of, inner)?;
            let before = indicator.previous.ok_or_else(|| missing("上年同期"))?;
            let whole_before = whole
                .previous
                .ok_or_else(|| missing_in(whole, "上年同期"))?;
            pull(
                (indicator.value, before),
                in_unit_of(whole_before, whole, indicator, inner)?,
                name.unwrap_or(&whole.name),
                p.places,
            )
        }
        Form::Versus { with, area } => {
            let other = lookup.get(with, inner)?;
            let mine = indicator.yoy.ok_or_else(|| missing("同比"))?;
            let theirs = other.yoy.ok_or_else(|| missing_in(other, "同比"))?;
            versus(mine, theirs, area.unwrap_or(&other.name), p.places)
        }
    })
}

/// `value`, a figure of `whole`, in the unit of `part`, so that the two
/// can be divided: 1422.22亿元 is 14222200万元.
fn in_unit_of(value: f64, whole: &Indicator, part: &Indicator, inner: &str) -> Result<f64, String> {
    if whole.unit == part.unit {
        return Ok(value);
    }
    convert(value, &whole.unit, &part.unit)
        .and_then(|d| d.to_string().parse().ok())
        .ok_or_else(|| {
            format!(
                "占位符“{{{inner}}}”：指标“{}”的单位“{}”和“{}”的单位“{}”不能换算",
                part.code, part.unit, whole.code, whole.unit
            )
        })
}

/// The rank of the report's region by `indicator`: 第3位.
fn rank(
    indicator: &Indicator,
    region: Option<&Region>,
    inner: &str,
    by: RankBy,
) -> Result<String, String> {
    let code = indicator.code.as_str();
    let region = region.ok_or_else(|| {
        format!(
            "占位符“{{{inner}}}”要在同一批报告中排位次，只能在按列分别编译时使用（如 briefing compile 工作簿 --per 地区）"
        )
    })?;
    if !region.ranks.ranks(code) {
        return Err(format!(
            "占位符“{{{inner}}}”：指标“{code}”是各报告共用的（“{}”列为空），没有位次；位次只对按{}分别填写的指标计算",
            region.column, region.column
        ));
    }
    match region.ranks.rank(code, region.name, by) {
        Some(rank) => Ok(rank.text()),
        None if by == RankBy::Growth => Err(format!(
            "占位符“{{{inner}}}”需要“{}”的指标“{code}”的同比（或上年同期），但它没有填写",
            region.name
        )),
        None => Err(format!(
            "占位符“{{{inner}}}”引用的指标“{code}”在“{}”中没有",
            region.name
        )),
    }
}

/// An indicator worded by one form (`""`, `"同比"`, `"比较"`…), as the
/// placeholder `{代码:form}` would word it; `Err` when the indicator lacks
/// a field the form needs.
pub fn word(indicator: &Indicator, form: &str) -> Result<String, String> {
    let inner = format!("{}:{form}", indicator.code);
    let parsed = parse(&inner)?;
    let by_code = HashMap::from([(indicator.code.as_str(), indicator)]);
    let lookup = Lookup {
        by_code: &by_code,
        rejected: &[],
    };
    render(&parsed, &lookup, &inner, None)
}

/// The value and unit of an indicator as `{代码}` writes it.
pub fn value_text(indicator: &Indicator) -> String {
    with_unit(indicator.value, &indicator.unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scan_separates_literals_placeholders_and_stray_braces() {
        assert_eq!(
            scan("a{x}b{{c}}{y:同比"),
            vec![
                Piece::Literal("a".into()),
                Piece::Placeholder("x"),
                Piece::Literal("b{c}".into()),
                Piece::Error("占位符“{y:同比”没有闭合的“}”".into()),
                Piece::Literal("y:同比".into()),
            ]
        );
        assert_eq!(scan("}"), vec![Piece::Error("多余的“}”".into())]);
    }
}
