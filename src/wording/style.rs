//! House style: where statistics bureaus word the same figures differently
//! (比 or 较, the subject 增速 kept or dropped, 和 or 、 in lists…), one
//! word per choice. The 报告 field 措辞 sets the document's default; a
//! placeholder overrides it with the same words after its arguments
//! (`{a、b:比较:上月:较:顿号}`).

use std::fmt;

/// Which figure a comparison (比较) or a count (增长个数) is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Figure {
    /// 同比 against 上期同比.
    #[default]
    Yoy,
    /// 环比 against 上期环比.
    Mom,
    /// 两年平均 against 上期两年平均.
    TwoYear,
    /// 数值 against 上期值.
    Level,
}

/// One choice of house style, as typed in 措辞 or in a placeholder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// 比 (比7月份回落) or 较 (较7月份回落) before the period compared with.
    Than(&'static str),
    /// Whether a comparison names what changed (增速/降幅/涨幅): 带主语, 省略主语.
    Subject(bool),
    /// Whether it names the period (比7月份), or leaves it to the sentence:
    /// 带时期, 省略时期.
    Period(bool),
    /// The verbs of a faster and a slower growth: 加快 (加快/回落, 扩大/回落
    /// for prices), 回升 (回升/回落), 提高 (提高/下降), 上升 (上升/下降).
    Rise(&'static str),
    /// A growth whose sign crossed zero: 由负转正, or 百分点 (a plain change
    /// in points).
    Crossing(bool),
    /// How lists join their items: 和 (a、b和c) or 顿号 (a、b、c, with
    /// 个百分点 said once at the end).
    Join(bool),
    /// How 对比 words a gap: 比高 (比全省高), 高于 (高于全省), 快于 (快于全省).
    Gap(&'static str),
    /// Equal rates: 持平 (与上月持平) or 相同 (与上月相同).
    Equal(&'static str),
    /// The figure compared or counted: 同比, 环比, 两年平均, 数值.
    Of(Figure),
}

impl Style {
    /// The style a word names, if any.
    pub fn named(word: &str) -> Option<Style> {
        Some(match word.trim() {
            "比" => Style::Than("比"),
            "较" => Style::Than("较"),
            "带主语" => Style::Subject(true),
            "省略主语" | "不带主语" => Style::Subject(false),
            "带时期" => Style::Period(true),
            "省略时期" | "不带时期" => Style::Period(false),
            "加快" => Style::Rise("加快"),
            "回升" => Style::Rise("回升"),
            "提高" => Style::Rise("提高"),
            "上升" => Style::Rise("上升"),
            "由负转正" => Style::Crossing(true),
            "百分点" => Style::Crossing(false),
            "和" => Style::Join(true),
            "顿号" | "、" => Style::Join(false),
            "比高" => Style::Gap("比高"),
            "高于" => Style::Gap("高于"),
            "快于" => Style::Gap("快于"),
            "持平" => Style::Equal("持平"),
            "相同" => Style::Equal("相同"),
            "同比" => Style::Of(Figure::Yoy),
            "环比" => Style::Of(Figure::Mom),
            "两年平均" => Style::Of(Figure::TwoYear),
            "数值" => Style::Of(Figure::Level),
            _ => return None,
        })
    }
}

/// The style written the way [`Style::named`] reads it back.
impl fmt::Display for Style {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let word = match *self {
            Style::Than(w) | Style::Rise(w) | Style::Gap(w) | Style::Equal(w) => w,
            Style::Subject(true) => "带主语",
            Style::Subject(false) => "省略主语",
            Style::Period(true) => "带时期",
            Style::Period(false) => "省略时期",
            Style::Crossing(true) => "由负转正",
            Style::Crossing(false) => "百分点",
            Style::Join(true) => "和",
            Style::Join(false) => "顿号",
            Style::Of(Figure::Yoy) => "同比",
            Style::Of(Figure::Mom) => "环比",
            Style::Of(Figure::TwoYear) => "两年平均",
            Style::Of(Figure::Level) => "数值",
        };
        f.write_str(word)
    }
}

/// Every choice of house style in force. The default is briefing's wording
/// before house styles existed: 比, with subject and period, 加快/回落,
/// 由负转正, lists with 和, 比全省高, 持平, comparing 同比.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HouseStyle {
    /// 比 or 较.
    pub than: &'static str,
    /// Whether comparisons name 增速/降幅/涨幅.
    pub subject: bool,
    /// Whether comparisons name the period.
    pub period: bool,
    /// 加快, 回升, 提高 or 上升.
    pub rise: &'static str,
    /// 由负转正 (true) or a change in points (false) when the sign crosses.
    pub crossing: bool,
    /// Lists with 和 (true) or with 、 only (false).
    pub and: bool,
    /// 比高, 高于 or 快于.
    pub gap: &'static str,
    /// 持平 or 相同.
    pub equal: &'static str,
    /// The figure compared or counted.
    pub figure: Figure,
}

impl Default for HouseStyle {
    fn default() -> Self {
        HouseStyle {
            than: "比",
            subject: true,
            period: true,
            rise: "加快",
            crossing: true,
            and: true,
            gap: "比高",
            equal: "持平",
            figure: Figure::Yoy,
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
                Style::Crossing(b) => self.crossing = b,
                Style::Join(b) => self.and = b,
                Style::Gap(w) => self.gap = w,
                Style::Equal(w) => self.equal = w,
                Style::Of(figure) => self.figure = figure,
            }
        }
        self
    }

    /// The style the 报告 field 措辞 sets (`较、顿号、省略主语`): the words
    /// separated by 、 , ， or spaces; `Err` with the first word that names
    /// no style.
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

/// The words 措辞 and placeholders accept, for hints.
pub const STYLE_WORDS: &str = "比/较、带主语/省略主语、带时期/省略时期、加快/回升/提高/上升、由负转正/百分点、和/顿号、比高/高于/快于、持平/相同";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_is_written_back_as_it_reads() {
        for word in STYLE_WORDS.split(['、', '/']) {
            let style = Style::named(word).unwrap();
            assert_eq!(Style::named(&style.to_string()), Some(style), "{word}");
        }
        assert_eq!(Style::named("、"), Some(Style::Join(false)));
        assert_eq!(Style::named("一季度"), None);
    }

    #[test]
    fn the_report_field_sets_the_default_and_a_later_word_wins() {
        let style = HouseStyle::parse("较、省略主语，顿号").unwrap();
        assert_eq!((style.than, style.subject, style.and), ("较", false, false));
        assert_eq!(style.rise, "加快");
        let style = style.with(&[Style::Than("比"), Style::Join(true)]);
        assert_eq!((style.than, style.and), ("比", true));
        assert_eq!(HouseStyle::parse("较、快点"), Err("快点".to_string()));
    }
}
