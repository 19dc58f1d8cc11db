//! Placeholders: `{代码}`, `{代码:写法}` and `{代码:写法:参数}` in prose.
//!
//! [`scan`] cuts a text into literal pieces and placeholders; [`render`]
//! words one placeholder from its indicator. Both report problems as
//! Chinese messages, which the caller places at the text's cell.

use super::Region;
use super::numbers::{change, compare, level_change, point_change};
use super::rank::RankBy;
use crate::model::Indicator;
use crate::number::{convert, is_rate, rounded, with_unit};

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
enum Form {
    /// `{代码}`: value and unit.
    Value,
    /// `{代码:数值}`: the number alone.
    Number,
    /// `{代码:亿元}`: the value converted to another unit of the same base.
    Unit(String),
    /// `{代码:同比}`: 增长1.5% / 下降1.6% / 持平.
    Yoy,
    /// `{代码:上年同期}`: the previous value and unit.
    Previous,
    /// `{代码:上期同比}`: the previous period's 同比, worded.
    PreviousYoy,
    /// `{代码:增减}`: the change from the previous value, in its unit
    /// (or in percentage points for rates).
    Change,
    /// `{代码:比较:一季度}`: this period's 同比 against the previous one's.
    Compare,
    /// `{代码:位次}`: the region's rank by 数值 in a batch: 第3位.
    Rank,
    /// `{代码:增速位次}`: the region's rank by 同比 in a batch.
    GrowthRank,
}

/// The split-up inside of a placeholder.
pub struct Parsed<'a> {
    /// The indicator's code.
    pub code: &'a str,
    form: Form,
    /// Decimals asked for, when given.
    places: Option<u32>,
    /// The earlier period's name, for 比较.
    period: Option<&'a str>,
}

/// The forms a placeholder can take, for hints.
pub const FORMS_HINT: &str = "可用的写法：{代码}、{代码:数值}、{代码:同比}、{代码:上年同期}、{代码:上期同比}、{代码:增减}、{代码:比较:一季度}、{代码:位次}、{代码:增速位次}，或换算单位 {代码:万元}；小数位数写在最后，如 {代码:亿元:2}、{代码:同比:1}；要写花括号本身，请写 {{ 或 }}";

/// Splits a placeholder's inside (`gdp:亿元:2`) into code, form and
/// argument, checking what can be checked without the indicator.
pub fn parse(inner: &str) -> Result<Parsed<'_>, String> {
    let mut parts = inner.split([':', '：']).map(str::trim);
    let code = parts.next().unwrap_or_default();
    let form_text = parts.next().unwrap_or_default();
    let arg = parts.next();
    if parts.next().is_some() {
        return Err(format!("占位符“{{{inner}}}”的冒号太多"));
    }
    let form = match form_text.to_lowercase().as_str() {
        "" => Form::Value,
        "数值" | "value" | "number" => Form::Number,
        "同比" | "yoy" => Form::Yoy,
        "上年同期" | "previous" => Form::Previous,
        "上期同比" | "previous_yoy" => Form::PreviousYoy,
        "增减" | "change" => Form::Change,
        "比较" | "compare" => Form::Compare,
        "位次" | "rank" => Form::Rank,
        "增速位次" | "yoy_rank" | "growth_rank" => Form::GrowthRank,
        unit => Form::Unit(unit.to_string()),
    };
    let (places, period) = match (&form, arg) {
        (Form::Compare, Some(period)) => (None, Some(period).filter(|p| !p.is_empty())),
        (_, Some(text)) => match text.parse::<u32>() {
            Ok(n) if n <= 6 => (Some(n), None),
            _ => {
                return Err(format!(
                    "占位符“{{{inner}}}”的小数位数“{text}”应为 0 到 6 的整数"
                ));
            }
        },
        (_, None) => (None, None),
    };
    Ok(Parsed {
        code,
        form,
        places,
        period,
    })
}

/// Words the placeholder for `indicator`; `region` is the report being
/// worded when the workbook makes one report per region.
pub fn render(
    p: &Parsed,
    indicator: &Indicator,
    inner: &str,
    region: Option<&Region>,
) -> Result<String, String> {
    let missing = |label: &str| {
        format!(
            "占位符“{{{inner}}}”需要指标“{}”的“{label}”，但它没有填写（{}）",
            p.code, indicator.cell
        )
    };
    let unit = &indicator.unit;
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
        Form::Yoy => match (indicator.yoy, indicator.previous) {
            (Some(yoy), _) => change(yoy, p.places),
            // Without 同比, a rate's change is told in points, a level's in percent.
            (None, Some(previous)) if is_rate(unit) => {
                point_change(indicator.value, previous, p.places)
            }
            (None, Some(previous)) if previous != 0.0 => change(
                (indicator.value / previous - 1.0) * 100.0,
                Some(p.places.unwrap_or(1)),
            ),
            _ => return Err(missing("同比")),
        },
        Form::PreviousYoy => change(
            indicator.previous_yoy.ok_or_else(|| missing("上期同比"))?,
            p.places,
        ),
        Form::Change => {
            let previous = indicator.previous.ok_or_else(|| missing("上年同期"))?;
            if is_rate(unit) {
                point_change(indicator.value, previous, p.places)
            } else {
                level_change(indicator.value, previous, unit, p.places)
            }
        }
        Form::Compare => {
            let now = indicator.yoy.ok_or_else(|| missing("同比"))?;
            let before = indicator.previous_yoy.ok_or_else(|| missing("上期同比"))?;
            compare(now, before, p.period.unwrap_or("上期"), p.places)
        }
        Form::Rank => rank(p, region, inner, RankBy::Value)?,
        Form::GrowthRank => rank(p, region, inner, RankBy::Growth)?,
    })
}

/// The rank of the report's region by indicator `p.code`: 第3位.
fn rank(p: &Parsed, region: Option<&Region>, inner: &str, by: RankBy) -> Result<String, String> {
    let region = region.ok_or_else(|| {
        format!(
            "占位符“{{{inner}}}”要在同一批报告中排位次，只能在按列分别编译时使用（如 briefing compile 工作簿 --per 地区）"
        )
    })?;
    if !region.ranks.ranks(p.code) {
        return Err(format!(
            "占位符“{{{inner}}}”：指标“{}”是各报告共用的（“{}”列为空），没有位次；位次只对按{}分别填写的指标计算",
            p.code, region.column, region.column
        ));
    }
    match region.ranks.rank(p.code, region.name, by) {
        Some(rank) => Ok(rank.text()),
        None if by == RankBy::Growth => Err(format!(
            "占位符“{{{inner}}}”需要“{}”的指标“{}”的同比（或上年同期），但它没有填写",
            region.name, p.code
        )),
        None => Err(format!(
            "占位符“{{{inner}}}”引用的指标“{}”在“{}”中没有",
            p.code, region.name
        )),
    }
}

/// An indicator worded by one form (`""`, `"同比"`, `"比较"`…), as the
/// placeholder `{代码:form}` would word it; `Err` when the indicator lacks
/// a field the form needs.
pub fn word(indicator: &Indicator, form: &str) -> Result<String, String> {
    let inner = format!("{}:{form}", indicator.code);
    let parsed = parse(&inner)?;
    render(&parsed, indicator, &inner, None)
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
