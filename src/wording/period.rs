//! The period a monthly release reports on, and its labels as releases
//! write them: 8月份, 1—8月份, 前三季度, 上半年, with the em dash that
//! GB/T 15834 prescribes for a span.
//!
//! The month comes from the 报告 field 报告期 when it names one
//! (`2021年8月份`, `1—8月份`, `上半年`), else from 日期: a release dated
//! 2021-09-15 reports on August.

use chrono::Datelike;

use super::style::Dash;
use crate::model::{Briefing, ReportKey};

/// Which label of the report's period a placeholder asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    /// `{报告期:本月}`: 8月份.
    Month,
    /// `{报告期:累计}`: 1—8月份; 一季度, 上半年, 前三季度, 全年 at the end
    /// of a quarter; 1月份 in January.
    Cumulative,
    /// `{报告期:累计月份}`: 1—8月份, also at the end of a quarter (1—3月份).
    CumulativeMonths,
    /// `{报告期:上月}`: 7月份 (上年12月份 in January).
    LastMonth,
    /// `{报告期:上期累计}`: the cumulative period a month earlier, 1—7月份.
    LastCumulative,
    /// `{报告期:年}`: the year alone, 2021 (for 期号 and file names).
    Year,
    /// `{报告期:月}`: the month alone, 8 (for 期号 and file names).
    MonthNumber,
}

impl Span {
    /// Every span with its Chinese name and English alias.
    pub const NAMES: [(Span, &'static str, &'static str); 7] = [
        (Span::Month, "本月", "month"),
        (Span::Cumulative, "累计", "cumulative"),
        (Span::CumulativeMonths, "累计月份", "cumulative_months"),
        (Span::LastMonth, "上月", "last_month"),
        (Span::LastCumulative, "上期累计", "last_cumulative"),
        (Span::Year, "年", "year"),
        (Span::MonthNumber, "月", "month_number"),
    ];

    /// The span named `name` (Chinese or English, lower-cased).
    pub fn named(name: &str) -> Option<Span> {
        Span::NAMES
            .iter()
            .find(|(_, zh, en)| *zh == name || *en == name)
            .map(|(span, ..)| *span)
    }

    /// The span's Chinese name: 累计.
    pub fn name(self) -> &'static str {
        match self {
            Span::Month => "本月",
            Span::Cumulative => "累计",
            Span::CumulativeMonths => "累计月份",
            Span::LastMonth => "上月",
            Span::LastCumulative => "上期累计",
            Span::Year => "年",
            Span::MonthNumber => "月",
        }
    }

    /// The label of this span when the report's month is `month` (1 to 12)
    /// of `year`; `None` for the year when it is not known.
    pub fn label(self, year: Option<i32>, month: u32) -> Option<String> {
        self.label_in(year, month, Dash::Em)
    }

    /// [`Span::label`] with the dash of the house style: 1—8月份, or 1-8月
    /// and 1～8月 (months without 份) as many offices write them.
    pub fn label_in(self, year: Option<i32>, month: u32, dash: Dash) -> Option<String> {
        let months = |month| months(month, dash);
        let cumulative = |month| match month {
            3 => "一季度".into(),
            6 => "上半年".into(),
            9 => "前三季度".into(),
            12 => "全年".into(),
            _ => months(month),
        };
        let one = |month| format!("{month}{}", month_word(dash));
        Some(match self {
            Span::Year => year?.to_string(),
            Span::MonthNumber => month.to_string(),
            Span::Month => one(month),
            Span::Cumulative => cumulative(month),
            Span::CumulativeMonths => months(month),
            Span::LastMonth if month == 1 => format!("上年{}", one(12)),
            Span::LastMonth => one(month - 1),
            Span::LastCumulative if month == 1 => "上年全年".into(),
            Span::LastCumulative => cumulative(month - 1),
        })
    }
}

/// 月份, or 月 when the span is written with a short dash.
fn month_word(dash: Dash) -> &'static str {
    match dash {
        Dash::Em => "月份",
        Dash::Hyphen | Dash::Tilde => "月",
    }
}

/// 1—8月份, or 1月份.
fn months(month: u32, dash: Dash) -> String {
    let word = month_word(dash);
    let dash = match dash {
        Dash::Em => "—",
        Dash::Hyphen => "-",
        Dash::Tilde => "～",
    };
    if month == 1 {
        format!("1{word}")
    } else {
        format!("1{dash}{month}{word}")
    }
}

/// The month a briefing reports on: from 报告期 when it names one, else
/// the month before 日期.
pub fn report_month(briefing: &Briefing) -> Option<u32> {
    if let Some(month) = briefing
        .report_value(ReportKey::Period)
        .and_then(month_named)
    {
        return Some(month);
    }
    let date = briefing.date()?;
    Some(if date.month() == 1 {
        12
    } else {
        date.month() - 1
    })
}

/// The year a briefing reports on: the one 报告期 names (2021 in
/// `2021年8月份`), else the year of the month before 日期.
pub fn report_year(briefing: &Briefing) -> Option<i32> {
    if let Some(year) = briefing
        .report_value(ReportKey::Period)
        .and_then(year_named)
    {
        return Some(year);
    }
    let date = briefing.date()?;
    Some(if date.month() == 1 {
        date.year() - 1
    } else {
        date.year()
    })
}

/// The year a period's text names: 2021 in `2021年8月份`.
fn year_named(text: &str) -> Option<i32> {
    let (before, _) = text.split_once('年')?;
    let digits: String = before
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect();
    let digits: String = digits.chars().rev().collect();
    (digits.len() == 4).then(|| digits.parse().ok()).flatten()
}

/// The last month a period's text names: 8 in `2021年8月份` or `1—8月份`,
/// 6 in `2020年上半年`.
fn month_named(text: &str) -> Option<u32> {
    for (name, month) in [
        ("一季度", 3),
        ("上半年", 6),
        ("前三季度", 9),
        ("三季度", 9),
        ("二季度", 6),
        ("四季度", 12),
        ("全年", 12),
    ] {
        if text.contains(name) {
            return Some(month);
        }
    }
    let before_month = text.split('月').next().filter(|_| text.contains('月'))?;
    let digits: String = before_month
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect();
    let month: u32 = digits.chars().rev().collect::<String>().parse().ok()?;
    (1..=12).contains(&month).then_some(month)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_written_as_releases_write_them() {
        let labels = |month| Span::NAMES.map(|(span, ..)| span.label(Some(2021), month).unwrap());
        assert_eq!(
            labels(8),
            [
                "8月份",
                "1—8月份",
                "1—8月份",
                "7月份",
                "1—7月份",
                "2021",
                "8"
            ]
        );
        assert_eq!(
            labels(2)[..5],
            ["2月份", "1—2月份", "1—2月份", "1月份", "1月份"]
        );
        assert_eq!(Span::Year.label(None, 8), None);
        assert_eq!(labels(3)[1], "一季度");
        assert_eq!(labels(3)[2], "1—3月份");
        assert_eq!(labels(6)[1], "上半年");
        assert_eq!(labels(9)[1], "前三季度");
        assert_eq!(labels(10)[4], "前三季度");
        assert_eq!(
            labels(1)[..5],
            ["1月份", "1月份", "1月份", "上年12月份", "上年全年"]
        );
        let hyphen =
            Span::NAMES.map(|(span, ..)| span.label_in(Some(2021), 11, Dash::Hyphen).unwrap());
        assert_eq!(hyphen[..5], ["11月", "1-11月", "1-11月", "10月", "1-10月"]);
        assert_eq!(
            Span::Cumulative.label_in(None, 11, Dash::Tilde).as_deref(),
            Some("1～11月")
        );
    }

    #[test]
    fn the_month_is_read_from_the_period_typed() {
        assert_eq!(month_named("2021年8月份"), Some(8));
        assert_eq!(month_named("1—11月"), Some(11));
        assert_eq!(month_named("2020年上半年"), Some(6));
        assert_eq!(month_named("2021年前三季度"), Some(9));
        assert_eq!(month_named("2021年"), None);
        assert_eq!(month_named("13月"), None);
        assert_eq!(year_named("2021年8月份"), Some(2021));
        assert_eq!(year_named("1—8月份"), None);
    }
}
