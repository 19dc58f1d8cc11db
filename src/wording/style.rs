//! House style: where statistics bureaus word the same figures differently
//! (比 or 较, the subject 增速 kept or dropped, 和 or 、 in lists…), one
//! word per choice. The 报告 field 措辞 sets the document's default; a
//! placeholder overrides it with the same words after its arguments
//! (`{a、b:比较:上月:较:顿号}`).

use std::fmt;

use crate::model::Column;

/// 比 or 较 before the period compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Than {
    /// 比7月份回落.
    Bi,
    /// 较7月份回落.
    Jiao,
}

impl Than {
    /// The word itself.
    pub fn word(self) -> &'static str {
        match self {
            Than::Bi => "比",
            Than::Jiao => "较",
        }
    }
}

/// The verbs of a faster and a slower growth (and of a rate's rise and
/// fall against its previous value).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rise {
    /// 加快/回落 (扩大/回落 for a price's 涨幅).
    Quicken,
    /// 回升/回落.
    Recover,
    /// 提高/下降.
    Raise,
    /// 上升/下降.
    Ascend,
    /// 提高/回落.
    RaiseFall,
}

impl Rise {
    /// The verbs of a rise and a fall; `price` for a price's 涨幅.
    pub fn verbs(self, price: bool) -> (&'static str, &'static str) {
        match self {
            Rise::Quicken if price => ("扩大", "回落"),
            Rise::Quicken => ("加快", "回落"),
            Rise::Recover => ("回升", "回落"),
            Rise::Raise => ("提高", "下降"),
            Rise::Ascend => ("上升", "下降"),
            Rise::RaiseFall => ("提高", "回落"),
        }
    }
}

/// How 对比 and 差值 word a gap with another figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gap {
    /// 比全省高/低.
    Higher,
    /// 高于/低于全省.
    Above,
    /// 快于/慢于全省.
    Faster,
    /// 比全省快/慢.
    Quicker,
}

/// How a growth whose sign crossed zero, or two declines, are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signs {
    /// 由负转正, 降幅收窄/扩大.
    Turn,
    /// A crossing as a plain change in points; declines 收窄/扩大.
    Points,
    /// Every change as a plain change in points, declines too: 同比下降
    /// 0.6%，比上季度提高4.1个百分点.
    Plain,
}

/// Where a list says 分别 (and 均).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Respectively {
    /// Before the verb: 增速比上月分别加快….
    BeforeVerb,
    /// Before the comparison: 增速分别比上月加快….
    First,
}

/// How a list of points says its unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListUnit {
    /// After each item (joined with 和), once at the end (joined with 、).
    Each,
    /// Once at the end: 3.1和1.4个百分点.
    Once,
    /// 个 after each item, 百分点 once: 0.6个和0.9个百分点.
    Ge,
}

/// The dash of a span of months in a period's label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dash {
    /// 1—11月份 (GB/T 15834's 一字线).
    Em,
    /// 1-11月 (短横线).
    Hyphen,
    /// 1～11月 (浪纹线).
    Tilde,
}

/// One choice of house style, as typed in 措辞 or in a placeholder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// 比 (比7月份回落) or 较 (较7月份回落) before the period compared with.
    Than(Than),
    /// Whether a comparison names what changed (增速/降幅/涨幅): 带主语, 省略主语.
    Subject(bool),
    /// Whether it names the period (比7月份), or leaves it to the sentence:
    /// 带时期, 省略时期.
    Period(bool),
    /// The verbs of a faster and a slower growth.
    Rise(Rise),
    /// A growth whose sign crossed zero, and two declines.
    Signs(Signs),
    /// How lists join their items: 和 (a、b和c) or 顿号 (a、b、c, with
    /// 个百分点 said once at the end).
    Join(bool),
    /// How 对比 and 差值 word a gap.
    Gap(Gap),
    /// Equal rates: 持平 (与上月持平) or 相同 (与上月相同).
    Equal(&'static str),
    /// The figure compared or counted: 同比, 环比, 两年平均 (each against
    /// its 上期 column), 数值 (against 上期值).
    Of(Column),
    /// Where a list says 分别.
    Respectively(Respectively),
    /// How a list of points says its unit.
    ListUnit(ListUnit),
    /// Whether growth rates and points without a number format are told
    /// to one decimal (一位小数) or as typed (保留原小数).
    OneDecimal(bool),
    /// Whether a whole number of points keeps its .0 (整数补零) or not
    /// (整数不补零: 加快3个百分点).
    WholeZero(bool),
    /// A zero 同比 as 持平 or as 与去年同期持平.
    FlatYoy(bool),
    /// Whether 对比 gives the other's own figure in brackets: 高于全省
    /// （4.6%）2.3个百分点.
    Bracket(bool),
    /// A negative 拉动 as 下拉…增长 or as 下拉…增速.
    PullDownRate(bool),
    /// The dash of a span of months: 1—11月份, 1-11月, 1～11月.
    Dash(Dash),
}

/// Every word of house style, grouped by choice (each group's first word
/// is the default), from which reading, writing back and hints are made.
const WORDS: &[&[(&str, Style)]] = &[
    &[
        ("比", Style::Than(Than::Bi)),
        ("较", Style::Than(Than::Jiao)),
    ],
    &[
        ("带主语", Style::Subject(true)),
        ("省略主语", Style::Subject(false)),
    ],
    &[
        ("带时期", Style::Period(true)),
        ("省略时期", Style::Period(false)),
    ],
    &[
        ("加快", Style::Rise(Rise::Quicken)),
        ("回升", Style::Rise(Rise::Recover)),
        ("提高", Style::Rise(Rise::Raise)),
        ("上升", Style::Rise(Rise::Ascend)),
        ("提高回落", Style::Rise(Rise::RaiseFall)),
    ],
    &[
        ("由负转正", Style::Signs(Signs::Turn)),
        ("百分点", Style::Signs(Signs::Points)),
        ("不分正负", Style::Signs(Signs::Plain)),
    ],
    &[("和", Style::Join(true)), ("顿号", Style::Join(false))],
    &[
        ("比高", Style::Gap(Gap::Higher)),
        ("高于", Style::Gap(Gap::Above)),
        ("快于", Style::Gap(Gap::Faster)),
        ("比快", Style::Gap(Gap::Quicker)),
    ],
    &[
        ("持平", Style::Equal("持平")),
        ("相同", Style::Equal("相同")),
    ],
    &[
        ("同比", Style::Of(Column::Yoy)),
        ("环比", Style::Of(Column::Mom)),
        ("两年平均", Style::Of(Column::TwoYear)),
        ("数值", Style::Of(Column::Value)),
    ],
    &[
        ("分别在后", Style::Respectively(Respectively::BeforeVerb)),
        ("分别在前", Style::Respectively(Respectively::First)),
    ],
    &[
        ("单位每项", Style::ListUnit(ListUnit::Each)),
        ("单位一次", Style::ListUnit(ListUnit::Once)),
        ("带个", Style::ListUnit(ListUnit::Ge)),
    ],
    &[
        ("一位小数", Style::OneDecimal(true)),
        ("保留原小数", Style::OneDecimal(false)),
    ],
    &[
        ("整数补零", Style::WholeZero(true)),
        ("整数不补零", Style::WholeZero(false)),
    ],
    &[
        ("同比持平", Style::FlatYoy(false)),
        ("与去年同期持平", Style::FlatYoy(true)),
    ],
    &[
        ("不括注", Style::Bracket(false)),
        ("括注", Style::Bracket(true)),
    ],
    &[
        ("下拉增长", Style::PullDownRate(false)),
        ("下拉增速", Style::PullDownRate(true)),
    ],
    &[
        ("一字线", Style::Dash(Dash::Em)),
        ("短横线", Style::Dash(Dash::Hyphen)),
        ("浪纹线", Style::Dash(Dash::Tilde)),
    ],
];

impl Style {
    /// The style a word names, if any.
    pub fn named(word: &str) -> Option<Style> {
        let word = match word.trim() {
            "不带主语" => "省略主语",
            "不带时期" => "省略时期",
            "、" => "顿号",
            word => word,
        };
        WORDS
            .iter()
            .flat_map(|group| group.iter())
            .find(|(w, _)| *w == word)
            .map(|(_, style)| *style)
    }
}

/// The style written the way [`Style::named`] reads it back.
impl fmt::Display for Style {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let word = WORDS
            .iter()
            .flat_map(|group| group.iter())
            .find(|(_, style)| style == self)
            .map_or("", |(word, _)| word);
        f.write_str(word)
    }
}

/// Every choice of house style in force. The default is briefing's wording
/// before house styles existed: 比, with subject and period, 加快/回落,
/// 由负转正, lists with 和, 比全省高, 持平, comparing 同比; growth rates
/// and points without a number format told to one decimal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HouseStyle {
    /// 比 or 较.
    pub than: Than,
    /// Whether comparisons name 增速/降幅/涨幅.
    pub subject: bool,
    /// Whether comparisons name the period.
    pub period: bool,
    /// The verbs of a rise and a fall.
    pub rise: Rise,
    /// How a crossing of zero and two declines are compared.
    pub signs: Signs,
    /// Lists with 和 (true) or with 、 only (false).
    pub and: bool,
    /// 比高, 高于, 快于 or 比快.
    pub gap: Gap,
    /// 持平 or 相同.
    pub equal: &'static str,
    /// The figure compared or counted (同比 by default): [`Column::Yoy`],
    /// [`Column::Mom`], [`Column::TwoYear`] or [`Column::Value`].
    pub figure: Column,
    /// Where a list says 分别.
    pub respectively: Respectively,
    /// How a list of points says its unit.
    pub list_unit: ListUnit,
    /// Growth rates and points without a number format to one decimal.
    pub one_decimal: bool,
    /// A whole number of points keeps its .0.
    pub whole_zero: bool,
    /// A zero 同比 as 与去年同期持平.
    pub flat_yoy: bool,
    /// 对比 gives the other's figure in brackets.
    pub bracket: bool,
    /// A negative 拉动 as 下拉…增速.
    pub pull_down_rate: bool,
    /// The dash of a span of months.
    pub dash: Dash,
}

impl Default for HouseStyle {
    fn default() -> Self {
        HouseStyle {
            than: Than::Bi,
            subject: true,
            period: true,
            rise: Rise::Quicken,
            signs: Signs::Turn,
            and: true,
            gap: Gap::Higher,
            equal: "持平",
            figure: Column::Yoy,
            respectively: Respectively::BeforeVerb,
            list_unit: ListUnit::Each,
            one_decimal: true,
            whole_zero: true,
            flat_yoy: false,
            bracket: false,
            pull_down_rate: false,
            dash: Dash::Em,
        }
    }
}

impl HouseStyle {
    /// This style with `styles` applied in order (a later word wins).
    pub fn with(mut self, styles: &[Style]) -> HouseStyle {
        for &style in styles {
            match style {
                Style::Than(w) => self.than = w,
                Style::Subject(b) => self.subject = b,
                Style::Period(b) => self.period = b,
                Style::Rise(w) => self.rise = w,
                Style::Signs(s) => self.signs = s,
                Style::Join(b) => self.and = b,
                Style::Gap(w) => self.gap = w,
                Style::Equal(w) => self.equal = w,
                Style::Of(figure) => self.figure = figure,
                Style::Respectively(r) => self.respectively = r,
                Style::ListUnit(u) => self.list_unit = u,
                Style::OneDecimal(b) => self.one_decimal = b,
                Style::WholeZero(b) => self.whole_zero = b,
                Style::FlatYoy(b) => self.flat_yoy = b,
                Style::Bracket(b) => self.bracket = b,
                Style::PullDownRate(b) => self.pull_down_rate = b,
                Style::Dash(d) => self.dash = d,
            }
        }
        self
    }

    /// The style the 报告 field 措辞 sets (`较、顿号、省略主语`): the words
    /// separated by 、 , ， or spaces; `Err` with the first word that names
    /// no style.
    ///
    /// # Errors
    ///
    /// The first word that names no style, as typed.
    pub fn parse(text: &str) -> Result<HouseStyle, String> {
        let mut styles = Vec::new();
        for word in text.split(['、', ',', '，', ' ', '　', ';', '；']) {
            let word = word.trim();
            if word.is_empty() {
                continue;
            }
            styles.push(Style::named(word).ok_or_else(|| word.to_string())?);
        }
        Ok(HouseStyle::default().with(&styles))
    }
}

/// The words 措辞 and placeholders accept, for hints: each choice's words
/// joined by /, the choices by 、.
pub fn style_words() -> String {
    WORDS
        .iter()
        .map(|group| {
            let words: Vec<&str> = group.iter().map(|(word, _)| *word).collect();
            words.join("/")
        })
        .collect::<Vec<_>>()
        .join("、")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_is_written_back_as_it_reads() {
        for word in style_words().split(['、', '/']) {
            let style = Style::named(word).unwrap();
            assert_eq!(Style::named(&style.to_string()), Some(style), "{word}");
            assert_eq!(style.to_string(), word);
        }
        assert_eq!(Style::named("、"), Some(Style::Join(false)));
        assert_eq!(Style::named("一季度"), None);
    }

    #[test]
    fn the_first_word_of_each_choice_is_the_default() {
        let firsts: Vec<Style> = WORDS.iter().map(|group| group[0].1).collect();
        assert_eq!(HouseStyle::default().with(&firsts), HouseStyle::default());
    }

    #[test]
    fn the_report_field_sets_the_default_and_a_later_word_wins() {
        let style = HouseStyle::parse("较、省略主语，顿号").unwrap();
        assert_eq!(
            (style.than, style.subject, style.and),
            (Than::Jiao, false, false)
        );
        assert_eq!(style.rise, Rise::Quicken);
        let style = style.with(&[Style::Than(Than::Bi), Style::Join(true)]);
        assert_eq!((style.than, style.and), (Than::Bi, true));
        assert_eq!(HouseStyle::parse("较、快点"), Err("快点".to_string()));
    }
}
