//! Placeholders: `{代码}`, `{代码:写法}` and `{代码:写法:参数}` in prose,
//! and lists of codes (`{a、b、c:同比}`).
//!
//! [`scan`] cuts a text into literal pieces and placeholders;
//! [`Placeholder::parse`] splits a placeholder into its codes, [`Form`] and
//! decimals, and [`Placeholder`]'s `Display` writes it back the way
//! `docs/workbook.md` spells it. Wording it is the business of
//! [`super::render`].

use std::fmt;

use super::error::{Other, Problem, WordingError};
use super::period::Span;
use super::style::Style;
use crate::model::LIST_SEPARATORS;

/// One piece of a text: literal text, or a placeholder's inside.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece<'a> {
    /// Text to keep as is (braces already unescaped).
    Literal(String),
    /// The text between `{` and `}`.
    Placeholder(&'a str),
    /// A brace that is neither a placeholder nor escaped.
    Error(WordingError),
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
            pieces.push(Piece::Error(WordingError::StrayBrace));
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
                pieces.push(Piece::Error(WordingError::Unclosed { start }));
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

/// What a placeholder asks for: how an indicator is worded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Form<'a> {
    /// `{代码}`: value and unit.
    Value,
    /// `{代码:数值}`: the number alone.
    Number,
    /// `{代码:亿元}`: the value converted to another unit of the same base
    /// (the unit as typed, lower-cased).
    Unit(String),
    /// `{代码:同比}`: 增长1.5% / 下降1.6% / 持平 (上涨 for prices).
    Yoy,
    /// `{代码:上年同期}`: the previous value and unit.
    Previous,
    /// `{代码:上期同比}`: the previous period's 同比, worded.
    PreviousYoy,
    /// `{代码:增减}`: the change from the previous value, in its unit
    /// (or in percentage points for rates); `{代码:增减:1—6月份、上年同期}`:
    /// from each period named, 上年同期 from its column and any other
    /// from 上期值.
    Change {
        /// The periods compared with, separated by 、 (上年同期 when not
        /// given).
        against: Option<&'a str>,
    },
    /// `{代码:比较:一季度}`: this period's 同比 against the previous one's.
    Compare {
        /// The previous period's name (上期 when not given).
        period: Option<&'a str>,
    },
    /// `{代码:位次}`: the region's rank by 数值 in a batch: 第3位.
    Rank,
    /// `{代码:增速位次}`: the region's rank by 同比 in a batch.
    GrowthRank,
    /// `{代码:比重:总体}`: the figure as a percentage of another: 35.2%.
    Share {
        /// The code of the whole.
        of: &'a str,
    },
    /// `{代码:比重变化:总体}`: how that share changed from last year.
    ShareChange {
        /// The code of the whole.
        of: &'a str,
    },
    /// `{代码:拉动:总体:名称}`: how much the figure's change moved another.
    Pull {
        /// The code of the whole.
        of: &'a str,
        /// The whole's name in the wording (its 指标 name when not given).
        name: Option<&'a str>,
    },
    /// `{代码:对比:另一个:全省}`: this 同比 against another indicator's.
    Versus {
        /// The code of the other indicator.
        with: &'a str,
        /// The other's area in the wording (its 指标 name when not given).
        area: Option<&'a str>,
    },
    /// `{代码:环比}`: the month-on-month change, 增长0.31%.
    Mom,
    /// `{代码:上期环比}`: the previous period's 环比, worded.
    PreviousMom,
    /// `{代码:两年平均}`: the two-year average growth, 增长5.4%.
    TwoYear,
    /// `{代码:上期值}`: the previous period's value and unit.
    LastPeriod,
    /// `{代码:比基期}`: the growth over the named base, 比2019年同期增长11.2%.
    Base,
    /// `{板块:增长个数}`: how many indicators of a group rose, fell, were
    /// flat, or are in it.
    Count(Tally),
    /// `{报告期:累计}`: a label of the report's period, 1—8月份.
    Period(Span),
    /// `{代码:影响:CPI}`: the figure, in points, as an influence on
    /// another: 影响CPI上涨约0.65个百分点.
    Influence {
        /// What is influenced, as worded.
        on: &'a str,
    },
    /// `{a、b、c:结构}`: the shares of the listed figures in their sum,
    /// joined by colons: 10.4:48.6:41.0.
    Structure,
    /// `{代码:差值:另一个:全国}`: this value against another's, in its
    /// unit: 比全国高1000元.
    Difference {
        /// The code of the other indicator.
        with: &'a str,
        /// The other's area in the wording (its 指标 name when not given).
        area: Option<&'a str>,
    },
}

/// What a count ([`Form::Count`]) counts among a group's indicators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tally {
    /// `个数`: all of them.
    All,
    /// `增长个数`: those whose figure rose (增长, 上涨, 提高).
    Up,
    /// `下降个数`: those whose figure fell.
    Down,
    /// `持平个数`: those whose figure was flat.
    Flat,
}

impl Tally {
    /// Every tally with its Chinese name and English alias.
    pub const NAMES: [(Tally, &'static str, &'static str); 4] = [
        (Tally::All, "个数", "count"),
        (Tally::Up, "增长个数", "up_count"),
        (Tally::Down, "下降个数", "down_count"),
        (Tally::Flat, "持平个数", "flat_count"),
    ];

    /// The tally's Chinese name: 增长个数.
    pub fn name(self) -> &'static str {
        match self {
            Tally::All => "个数",
            Tally::Up => "增长个数",
            Tally::Down => "下降个数",
            Tally::Flat => "持平个数",
        }
    }
}

impl<'a> Form<'a> {
    /// The form named `name` (in Chinese or English, any case), with its
    /// arguments from `args`; also how many arguments it takes. Fails with
    /// what the form needs when a required argument is missing.
    fn parse(name: &str, args: &[&'a str]) -> Result<(Form<'a>, usize), Other> {
        let first = args.first().copied().filter(|a| !a.is_empty());
        let second = args.get(1).copied().filter(|a| !a.is_empty());
        let whole = first.ok_or(Other::Whole);
        Ok(match name.to_lowercase().as_str() {
            "" => (Form::Value, 0),
            "数值" | "value" | "number" => (Form::Number, 0),
            "同比" | "yoy" => (Form::Yoy, 0),
            "上年同期" | "previous" => (Form::Previous, 0),
            "上期同比" | "previous_yoy" => (Form::PreviousYoy, 0),
            "增减" | "change" => (Form::Change { against: first }, 1),
            "比较" | "compare" => (Form::Compare { period: first }, 1),
            "位次" | "rank" => (Form::Rank, 0),
            "增速位次" | "yoy_rank" | "growth_rank" => (Form::GrowthRank, 0),
            "比重" | "share" => (Form::Share { of: whole? }, 1),
            "比重变化" | "share_change" => (Form::ShareChange { of: whole? }, 1),
            "拉动" | "pull" => (
                Form::Pull {
                    of: whole?,
                    name: second,
                },
                2,
            ),
            "对比" | "versus" => {
                let with = first.ok_or(Other::Compared)?;
                (Form::Versus { with, area: second }, 2)
            }
            "环比" | "mom" => (Form::Mom, 0),
            "上期环比" | "previous_mom" => (Form::PreviousMom, 0),
            "两年平均" | "two_year_average" => (Form::TwoYear, 0),
            "上期值" | "last_period" => (Form::LastPeriod, 0),
            "比基期" | "base_growth" => (Form::Base, 0),
            "影响" | "influence" => (
                Form::Influence {
                    on: first.ok_or(Other::Influenced)?,
                },
                1,
            ),
            "结构" | "structure" => (Form::Structure, 0),
            "差值" | "difference" => {
                let with = first.ok_or(Other::Compared)?;
                (Form::Difference { with, area: second }, 2)
            }
            other => match (
                Span::named(other),
                Tally::NAMES.iter().find(|t| t.1 == other || t.2 == other),
            ) {
                (Some(span), _) => (Form::Period(span), 0),
                (None, Some((tally, ..))) => (Form::Count(*tally), 0),
                (None, None) => (Form::Unit(other.to_string()), 0),
            },
        })
    }

    /// The form's name as `docs/workbook.md` writes it: `同比`; empty for
    /// [`Form::Value`], the unit for [`Form::Unit`].
    pub fn name(&self) -> &str {
        match self {
            Form::Value => "",
            Form::Number => "数值",
            Form::Unit(unit) => unit,
            Form::Yoy => "同比",
            Form::Previous => "上年同期",
            Form::PreviousYoy => "上期同比",
            Form::Change { .. } => "增减",
            Form::Compare { .. } => "比较",
            Form::Rank => "位次",
            Form::GrowthRank => "增速位次",
            Form::Share { .. } => "比重",
            Form::ShareChange { .. } => "比重变化",
            Form::Pull { .. } => "拉动",
            Form::Versus { .. } => "对比",
            Form::Mom => "环比",
            Form::PreviousMom => "上期环比",
            Form::TwoYear => "两年平均",
            Form::LastPeriod => "上期值",
            Form::Base => "比基期",
            Form::Count(tally) => tally.name(),
            Form::Period(span) => span.name(),
            Form::Influence { .. } => "影响",
            Form::Structure => "结构",
            Form::Difference { .. } => "差值",
        }
    }

    /// The arguments given after the form's name, in order.
    pub fn args(&self) -> Vec<&'a str> {
        match *self {
            Form::Compare { period } | Form::Change { against: period } => {
                period.into_iter().collect()
            }
            Form::Share { of } | Form::ShareChange { of } => vec![of],
            Form::Pull { of, name } => [Some(of), name].into_iter().flatten().collect(),
            Form::Versus { with, area } | Form::Difference { with, area } => {
                [Some(with), area].into_iter().flatten().collect()
            }
            Form::Influence { on } => vec![on],
            _ => Vec::new(),
        }
    }

    /// The other indicator the form refers to (比重, 拉动, 对比), if any.
    pub fn other(&self) -> Option<&'a str> {
        match *self {
            Form::Share { of } | Form::ShareChange { of } | Form::Pull { of, .. } => Some(of),
            Form::Versus { with, .. } | Form::Difference { with, .. } => Some(with),
            _ => None,
        }
    }

    /// Whether the form words a change, so that a list of figures takes
    /// 分别 (分别增长1.2%、3.4%和5.6%) rather than a plain list.
    pub fn is_change(&self) -> bool {
        matches!(
            self,
            Form::Yoy
                | Form::PreviousYoy
                | Form::Change { .. }
                | Form::Compare { .. }
                | Form::ShareChange { .. }
                | Form::Pull { .. }
                | Form::Versus { .. }
                | Form::Mom
                | Form::PreviousMom
                | Form::TwoYear
                | Form::Base
                | Form::Influence { .. }
                | Form::Difference { .. }
        )
    }
}

/// A placeholder's inside, split up: `a、b:同比:1` is codes `a` and `b`,
/// form [`Form::Yoy`], one decimal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder<'a> {
    /// The indicators' codes: one, or several for a list (`{a、b:同比}`).
    pub codes: Vec<&'a str>,
    /// How each is worded.
    pub form: Form<'a>,
    /// Decimals asked for, when given.
    pub places: Option<u32>,
    /// The house style words given after the arguments (`较`, `顿号`),
    /// which override the document's 措辞 for this placeholder.
    pub styles: Vec<Style>,
}

impl<'a> Placeholder<'a> {
    /// Splits a placeholder's inside (`gdp:亿元:2`, `a、b:同比`,
    /// `industry:拉动:gdp:全市经济`) into codes, form and arguments, checking
    /// what can be checked without the indicators.
    ///
    ///
    /// # Errors
    ///
    /// A [`Problem`] when the text names no code, or a form, argument or
    /// number of decimals that is not known.
    ///
    /// ```
    /// use briefing::wording::{Form, Placeholder};
    /// let parsed = Placeholder::parse("a、b:同比:1").unwrap();
    /// assert_eq!(parsed.codes, ["a", "b"]);
    /// assert_eq!(parsed.form, Form::Yoy);
    /// assert_eq!(parsed.places, Some(1));
    /// assert_eq!(parsed.to_string(), "a、b:同比:1");
    /// ```
    pub fn parse(inner: &'a str) -> Result<Self, Problem> {
        let mut parts: Vec<&str> = inner.split([':', '：']).map(str::trim).collect();
        let codes: Vec<&str> = parts[0]
            .split(LIST_SEPARATORS)
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        if codes.is_empty() {
            return Err(Problem::NoCode);
        }
        let places = take_places(&mut parts)?;
        let name = parts.get(1).copied().unwrap_or_default();
        let (styles, args): (Vec<&str>, Vec<&str>) = parts
            .get(2..)
            .unwrap_or_default()
            .iter()
            .partition(|arg| Style::named(arg).is_some());
        let styles = styles.iter().filter_map(|s| Style::named(s)).collect();
        let args = args.as_slice();
        let (form, used) = Form::parse(name, args).map_err(|other| Problem::NeedsOther {
            form: name.to_string(),
            codes: parts[0].to_string(),
            other,
        })?;
        if args.len() > used {
            return Err(match args {
                [typed] if places.is_none() => Problem::Places {
                    typed: typed.to_string(),
                },
                _ => Problem::TooManyParts,
            });
        }
        Ok(Placeholder {
            codes,
            form,
            places,
            styles,
        })
    }

    /// Whether it is a bare code, `{代码}`: no form, no decimals, no style.
    pub fn is_bare(&self) -> bool {
        self.form == Form::Value
            && self.places.is_none()
            && self.styles.is_empty()
            && self.codes.len() == 1
    }
}

/// Takes the decimals off the end of `parts` (code, form, arguments…):
/// they come last, as a whole number, after at least a form.
fn take_places(parts: &mut Vec<&str>) -> Result<Option<u32>, Problem> {
    let digits = |p: &&str| p.chars().all(|c| c.is_ascii_digit());
    let Some(last) = parts
        .last()
        .copied()
        .filter(digits)
        .filter(|_| parts.len() > 2)
    else {
        return Ok(None);
    };
    match last.parse::<u32>() {
        Ok(n) if n <= 6 => {
            parts.pop();
            Ok(Some(n))
        }
        _ => Err(Problem::Places {
            typed: last.to_string(),
        }),
    }
}

/// The placeholder's inside as `docs/workbook.md` spells it (without the
/// braces): codes joined by 、, then the form, its arguments, its style
/// words and the decimals, each after a colon. [`Placeholder::parse`] reads it back as
/// the same placeholder.
impl fmt::Display for Placeholder<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.codes.join("、"))?;
        if self.form == Form::Value && self.places.is_none() && self.styles.is_empty() {
            return Ok(());
        }
        write!(f, ":{}", self.form.name())?;
        for arg in self.form.args() {
            write!(f, ":{arg}")?;
        }
        for style in &self.styles {
            write!(f, ":{style}")?;
        }
        if let Some(places) = self.places {
            write!(f, ":{places}")?;
        }
        Ok(())
    }
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
                Piece::Error(WordingError::Unclosed {
                    start: "y:同比".into()
                }),
                Piece::Literal("y:同比".into()),
            ]
        );
        assert_eq!(scan("}"), vec![Piece::Error(WordingError::StrayBrace)]);
        // The messages users read.
        assert_eq!(
            WordingError::Unclosed {
                start: "y:同比".into()
            }
            .to_string(),
            "占位符“{y:同比”没有闭合的“}”"
        );
        assert_eq!(WordingError::StrayBrace.to_string(), "多余的“}”");
    }

    #[test]
    fn a_placeholder_is_written_back_as_it_parses() {
        for typed in [
            "gdp",
            "gdp::2",
            "gdp:亿元:2",
            "a、b:同比",
            "a:比较:一季度:1",
            "a:拉动:b:全市经济",
            "a:对比:b",
            "a、b:比较:@上月:两年平均:较:顿号:1",
            "a::顿号",
            "行业:增长个数",
            "报告期:累计",
            "a:对比:b:高于",
            "a:影响:CPI:2",
            "a、b、c:结构",
            "a:差值:b:全国",
        ] {
            let parsed = Placeholder::parse(typed).unwrap();
            assert_eq!(parsed.to_string(), typed);
        }
        let english = Placeholder::parse(" a , b ：YoY：1").unwrap();
        assert_eq!(english.to_string(), "a、b:同比:1");
    }

    #[test]
    fn problems_are_told_without_the_indicators() {
        let problem = |typed| Placeholder::parse(typed).unwrap_err().to_string();
        assert_eq!(problem(":同比"), "没有写代码");
        assert_eq!(problem("a:同比:7"), "的小数位数“7”应为 0 到 6 的整数");
        assert_eq!(problem("a:同比:x"), "的小数位数“x”应为 0 到 6 的整数");
        assert_eq!(problem("a:同比:x:y"), "的冒号太多");
        assert_eq!(
            problem("a:比重"),
            "的写法“比重”后面要写总体的代码，如 {a:比重:gdp}"
        );
        assert_eq!(
            problem("a:对比"),
            "的写法“对比”后面要写对比的代码，如 {a:对比:gdp}"
        );
    }
}
