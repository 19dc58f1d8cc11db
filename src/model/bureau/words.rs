//! The words of a bureau's table header: what a header cell says a column
//! holds (the name, the unit, a period, a measure), and what a row's name
//! says about the row (其中, a footnote, a unit in brackets).
//!
//! Bureaus write the same header many ways (`比上年同期增长%`,
//! `增长（%）`, `同比±%`, `增速`), so measures are told by the words they
//! contain rather than by a list of exact headers; periods are parsed
//! (`1-11月`, `1—11月份`, `前三季度`, `本月`).

/// What a column's figures measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Measure {
    /// The figure itself (绝对值, 总量, 本期, 金额…).
    Value,
    /// Growth over the same period a year earlier, in percent (比上年同期增长%).
    Growth,
    /// Growth over the previous month, in percent (比上月±%, 环比).
    Mom,
    /// The figure of the same period a year earlier (上年同期).
    Previous,
    /// A share, in percent (比重, 占比).
    Share,
    /// An index over the same period a year earlier (上年同月=100): the
    /// level, whose growth is the level − 100.
    Index,
    /// An index over the previous month (上月=100): the level, whose 环比
    /// is the level − 100.
    MomIndex,
}

/// What one header cell says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum HeaderWord {
    /// The names column (指标名称, 指标, 项目).
    Name,
    /// The unit column (计量单位, 单位).
    Unit,
    /// A period group (11月, 1-11月, 本月, 累计, 上半年).
    Period(Period),
    /// A measure, with the unit the header names (`总量（亿元）`).
    Measure(Measure, Option<String>),
}

/// A period, as a header names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Period {
    /// The header as printed: `1-11月`.
    pub label: String,
    /// Whether it runs from the start of the year (1-11月, 累计, 上半年).
    pub cumulative: bool,
    /// Its last month, when the header says (11 for 1-11月 and 11月).
    pub end: Option<u32>,
}

impl Period {
    /// The period as bureaus write it in prose (GB/T 15834): `1—11月份`,
    /// `11月份`, `上半年`; a label that names no month as printed.
    pub fn spoken(&self) -> String {
        let label = compact(&self.label);
        let bare = strip_year(&label);
        let by_month = bare.ends_with('月') || bare.ends_with("月份");
        match (by_month, self.cumulative, self.end) {
            (true, _, Some(1)) => "1月份".to_string(),
            (true, true, Some(end)) => format!("1—{end}月份"),
            (true, false, Some(end)) => format!("{end}月份"),
            _ => bare.to_string(),
        }
    }
}

/// A header or name compared the forgiving way: no spaces, half-width
/// brackets, percent and signs, lowercase.
pub(crate) fn compact(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '％' => '%',
            '＝' => '=',
            '＋' => '+',
            '－' | '−' => '-',
            '～' | '~' | '—' | '–' | '至' => '-',
            '：' => ':',
            '＃' => '#',
            c if ('０'..='９').contains(&c) => {
                char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c)
            }
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Headers of the names column.
const NAME_HEADERS: &[&str] = &[
    "指标名称",
    "指标",
    "项目",
    "名称",
    "指标名",
    "项目名称",
    "主要指标",
    "行业",
    "地区",
    "产品名称",
    "name",
];
/// Headers of the unit column.
const UNIT_HEADERS: &[&str] = &["计量单位", "单位", "unit"];
/// Headers of the figure itself.
const VALUE_HEADERS: &[&str] = &[
    "绝对值",
    "绝对数",
    "绝对额",
    "绝对量",
    "数值",
    "总量",
    "本期",
    "金额",
    "实绩",
    "完成",
    "完成数",
    "完成额",
    "总额",
    "产量",
    "value",
];
/// Headers of last year's figure.
const PREVIOUS_HEADERS: &[&str] = &["上年同期", "去年同期", "上年同期数", "上年同月", "上年"];

/// Every header the reader knows, for the suggestion made for one it does
/// not.
pub(crate) const KNOWN_HEADERS: &[&str] = &[
    "指标名称",
    "计量单位",
    "绝对值",
    "总量",
    "比上年同期增长%",
    "增长%",
    "增速",
    "比上月±%",
    "环比",
    "上年同期",
    "比重",
    "上年同月=100",
    "上月=100",
    "本月",
    "累计",
    "1-11月",
    "11月",
];

/// What a header cell's `text` says, or `None` for one the reader does
/// not know.
pub(crate) fn header_word(text: &str) -> Option<HeaderWord> {
    let text = compact(text);
    if text.is_empty() {
        return None;
    }
    if NAME_HEADERS.contains(&text.as_str()) {
        return Some(HeaderWord::Name);
    }
    if UNIT_HEADERS.contains(&text.as_str()) {
        return Some(HeaderWord::Unit);
    }
    if let Some(period) = period(&text) {
        return Some(HeaderWord::Period(period));
    }
    let (words, unit) = split_unit(&text);
    measure(words).map(|m| HeaderWord::Measure(m, unit))
}

/// A measure told by its words.
fn measure(text: &str) -> Option<Measure> {
    let has = |words: &[&str]| words.iter().any(|w| text.contains(w));
    if has(&["上月=100", "上期=100", "上月为100", "上期为100"]) {
        Some(Measure::MomIndex)
    } else if has(&["=100", "为100"]) {
        Some(Measure::Index)
    } else if has(&["比上月", "环比", "比上期"]) {
        Some(Measure::Mom)
    } else if has(&[
        "增长", "增速", "增减", "±", "+-", "同比", "增幅", "涨跌", "增加%",
    ]) {
        Some(Measure::Growth)
    } else if has(&["比重", "占比", "构成"]) {
        Some(Measure::Share)
    } else if PREVIOUS_HEADERS.contains(&text) {
        Some(Measure::Previous)
    } else if VALUE_HEADERS.contains(&text) {
        Some(Measure::Value)
    } else {
        None
    }
}

/// A header split from the unit in brackets after it: `总量(亿元)` is
/// `总量` and `亿元`; `增长(%)` stays whole (the percent is the measure's).
fn split_unit(text: &str) -> (&str, Option<String>) {
    if let Some(open) = text.rfind('(')
        && text.ends_with(')')
    {
        let unit = &text[open + 1..text.len() - 1];
        if !unit.is_empty() && unit != "%" && !unit.contains("=100") {
            return (&text[..open], Some(unit.to_string()));
        }
    }
    (text, None)
}

/// A period header: `本月`, `当月`, `11月`, `11月份`, `1-11月`,
/// `1—11月份`, `累计`, `本年累计`, `一季度`, `上半年`, `前三季度`,
/// `全年`, with a year before it or not (`2023年1-11月`).
pub(crate) fn period(text: &str) -> Option<Period> {
    let label = text.to_string();
    let text = compact(text);
    let bare = strip_year(&text);
    let named = |cumulative, end| {
        Some(Period {
            label: label.clone(),
            cumulative,
            end,
        })
    };
    match bare {
        "本月" | "当月" | "本期" => return named(false, None),
        "累计" | "本年累计" | "本年" | "1月至本月" | "1-本月" | "1至本月" | "年初至本月"
        | "自年初累计" => {
            return named(true, None);
        }
        "一季度" | "第一季度" => return named(true, Some(3)),
        "上半年" | "1-2季度" => return named(true, Some(6)),
        "前三季度" | "1-3季度" => return named(true, Some(9)),
        "全年" => return named(true, Some(12)),
        "二季度" | "第二季度" => return named(false, Some(6)),
        "三季度" | "第三季度" => return named(false, Some(9)),
        "四季度" | "第四季度" => return named(false, Some(12)),
        _ => {}
    }
    let months = bare
        .strip_suffix("月份")
        .or_else(|| bare.strip_suffix('月'))?;
    match months.split_once('-') {
        Some((first, last)) => {
            let first: u32 = first.parse().ok()?;
            let last: u32 = last.parse().ok()?;
            (first == 1 && (1..=12).contains(&last)).then_some(Period {
                label,
                cumulative: true,
                end: Some(last),
            })
        }
        None => {
            let month: u32 = months.parse().ok()?;
            (1..=12).contains(&month).then_some(Period {
                label,
                cumulative: false,
                end: Some(month),
            })
        }
    }
}

/// `2023年1-11月` without its year.
fn strip_year(text: &str) -> &str {
    match text.find('年') {
        Some(at) if at == 4 && text[..at].chars().all(|c| c.is_ascii_digit()) => &text[at + 3..],
        _ => text,
    }
}

/// The period a title names (`2023年1-11月全县主要经济指标` names
/// 2023年1-11月), as year and period.
#[allow(dead_code)] // For naming a data file's period (issue 28).
pub(crate) fn period_in_title(title: &str) -> Option<(Option<u32>, Period)> {
    let text = compact(title);
    let chars: Vec<char> = text.chars().collect();
    for start in 0..chars.len() {
        if !chars[start].is_ascii_digit() {
            continue;
        }
        // The longest period read from here.
        for end in (start + 1..=chars.len().min(start + 14)).rev() {
            let candidate: String = chars[start..end].iter().collect();
            if let Some(p) = period(&candidate)
                && p.end.is_some()
            {
                let has_year = strip_year(&candidate).len() < candidate.len();
                let year = has_year.then(|| candidate[..4].parse().ok()).flatten();
                return Some((year, p));
            }
        }
    }
    None
}

/// Whether a row's first text opens the footnotes under a table.
pub(crate) fn is_note(text: &str) -> bool {
    let text = compact(text);
    [
        "注:",
        "注1",
        "注①",
        "注",
        "说明:",
        "资料来源",
        "数据来源",
        "备注:",
        "附注",
    ]
    .iter()
    .any(|w| text.starts_with(w) && (text.len() > w.len() || *w == "注"))
        && !text.starts_with("注册")
}

/// A title line that gives the table's unit: `计量单位：亿元`, `单位：万元`.
pub(crate) fn unit_line(text: &str) -> Option<String> {
    let text = compact(text);
    let unit = text
        .strip_prefix("计量单位:")
        .or_else(|| text.strip_prefix("单位:"))?;
    (!unit.is_empty()).then(|| unit.to_string())
}

/// A row's name as the table prints it, split into the name placeholders
/// cite, how it marks a part of the row above (其中, #), and a unit or
/// period in brackets at its end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RowName {
    /// The name without marks, spaces or the bracketed unit.
    pub name: String,
    /// Whether it is marked as a part (其中：…, #…).
    pub part: bool,
    /// The unit in brackets at the end (`地区生产总值（亿元）`).
    pub unit: Option<String>,
}

/// Reads a row's name (`　其中：国有控股企业`, `#工业`,
/// `地区生产总值（亿元）`).
pub(crate) fn row_name(text: &str) -> RowName {
    let mut name = text.trim().to_string();
    let mut part = false;
    for mark in ["其中：", "其中:", "其中", "#", "＃"] {
        if let Some(rest) = name.strip_prefix(mark) {
            name = rest.trim().to_string();
            part = true;
            break;
        }
    }
    let mut unit = None;
    let bracket = name.rfind(['（', '(']);
    if let Some(open) = bracket
        && (name.ends_with('）') || name.ends_with(')'))
    {
        let close = name.len() - name.chars().next_back().map_or(0, char::len_utf8);
        let inside = name[open..close]
            .trim_start_matches(['（', '('])
            .to_string();
        if looks_like_unit(&inside) {
            unit = Some(inside);
            name.truncate(open);
        } else if period(&inside).is_some() {
            name.truncate(open);
        }
    }
    let name: String = name.chars().filter(|c| !c.is_whitespace()).collect();
    RowName { name, part, unit }
}

/// Whether bracketed text is a unit: short, without a verb or a period
/// (`亿元`, `万吨`, `%`, `元/平方米`).
fn looks_like_unit(text: &str) -> bool {
    let count = text.chars().count();
    (1..=6).contains(&count)
        && !text
            .chars()
            .any(|c| c.is_ascii_digit() || "含不除按其及和".contains(c))
        && [
            "元", "吨", "人", "个", "%", "‰", "千瓦", "亩", "头", "辆", "户", "家", "米", "件",
            "台", "只", "度", "公斤", "项", "次", "套", "标准", "立方",
        ]
        .iter()
        .any(|u| text.contains(u))
}

/// Whether a cell's text means "no figure" (—, -, …, 空, /), as bureaus
/// mark a cell without a figure.
pub fn is_empty_marker(text: &str) -> bool {
    let text = text.trim();
    text.is_empty()
        || text.chars().all(|c| {
            matches!(
                c,
                '—' | '-' | '–' | '－' | '…' | '.' | '/' | '／' | '×' | '─' | '一'
            )
        })
        || matches!(text, "空" | "无" | "NA" | "N/A" | "n/a")
}

/// The known header nearest to `text`, for the warning about one the
/// reader does not know.
pub(crate) fn nearest_header(text: &str) -> &'static str {
    let text = compact(text);
    KNOWN_HEADERS
        .iter()
        .min_by_key(|known| distance(&text, &compact(known)))
        .copied()
        .unwrap_or("指标名称")
}

/// The edit distance between two texts, in characters: how many to
/// insert, delete or replace to make one the other.
pub fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let next = (row[j + 1] + 1)
                .min(row[j] + 1)
                .min(previous + usize::from(ca != cb));
            previous = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_told_by_their_words() {
        use HeaderWord::*;
        assert_eq!(header_word("指标名称"), Some(Name));
        assert_eq!(header_word("计量\n单位"), Some(Unit));
        for growth in [
            "比上年同期增长%",
            "增长（%）",
            "同比±%",
            "增速",
            "比上年增长(%)",
        ] {
            assert_eq!(
                header_word(growth),
                Some(Measure(self::Measure::Growth, None)),
                "{growth}"
            );
        }
        assert_eq!(
            header_word("比上月±%"),
            Some(Measure(self::Measure::Mom, None))
        );
        assert_eq!(
            header_word("上年同月=100"),
            Some(Measure(self::Measure::Index, None))
        );
        assert_eq!(
            header_word("总量（亿元）"),
            Some(Measure(self::Measure::Value, Some("亿元".into())))
        );
        assert_eq!(
            header_word("上年同期"),
            Some(Measure(self::Measure::Previous, None))
        );
        assert_eq!(header_word("备考"), None);
    }

    #[test]
    fn periods_are_parsed_with_or_without_a_year() {
        let p = period("1-11月").unwrap();
        assert!(p.cumulative);
        assert_eq!(p.end, Some(11));
        assert_eq!(p.spoken(), "1—11月份");
        let p = period("2023年1—11月份").unwrap();
        assert_eq!((p.cumulative, p.end), (true, Some(11)));
        let p = period("11月").unwrap();
        assert_eq!(
            (p.cumulative, p.end, p.spoken().as_str()),
            (false, Some(11), "11月份")
        );
        assert_eq!(period("前三季度").unwrap().spoken(), "前三季度");
        assert_eq!(period("本月").unwrap().end, None);
        assert!(period("13月").is_none());
        assert!(period("5-11月").is_none());
        let (year, p) = period_in_title("2023年1-11月全县主要经济指标").unwrap();
        assert_eq!((year, p.end, p.cumulative), (Some(2023), Some(11), true));
    }

    #[test]
    fn row_names_lose_their_marks_and_units() {
        let n = row_name("　　其中：国有控股企业");
        assert_eq!((n.name.as_str(), n.part), ("国有控股企业", true));
        let n = row_name("地区生产总值（亿元）");
        assert_eq!(
            (n.name.as_str(), n.unit.as_deref()),
            ("地区生产总值", Some("亿元"))
        );
        assert_eq!(row_name("# 工业").name, "工业");
        assert_eq!(
            row_name("固定资产投资（不含农户）").name,
            "固定资产投资（不含农户）"
        );
        assert_eq!(row_name("工业用电量（1-8月）").name, "工业用电量");
    }

    #[test]
    fn notes_units_and_markers() {
        assert!(is_note("注：本表数据为快报数"));
        assert!(is_note("资料来源：县统计局"));
        assert!(!is_note("注册企业数"));
        assert_eq!(unit_line("计量单位：亿元").as_deref(), Some("亿元"));
        assert!(is_empty_marker("—"));
        assert!(is_empty_marker(" … "));
        assert!(!is_empty_marker("-3.0"));
        assert_eq!(nearest_header("比上年同期增长（%）"), "比上年同期增长%");
    }
}
