//! How a change becomes text in a statistical release: worded by sign,
//! 增长/下降/持平 (上涨/下降 for prices), 提高/下降 … 个百分点, 加快/回落,
//! 由负转正, 降幅收窄; and the phrases of shares, contributions and
//! comparisons with another area.

pub use crate::model::Verbs;
use crate::number::{Decimal, decimals_of, difference_to, rounded};

impl Verbs {
    /// The verb of a rise: 增长 or 上涨.
    pub fn up(self) -> &'static str {
        match self {
            Verbs::Growth => "增长",
            Verbs::Price => "上涨",
        }
    }

    /// What a rate of change is called: 增速 or 涨幅.
    fn rate(self) -> &'static str {
        match self {
            Verbs::Growth => "增速",
            Verbs::Price => "涨幅",
        }
    }
}

/// The wording of a year-on-year change in percent: 增长1.5%, 下降1.6%, 持平.
/// A change that rounds to zero is 持平, never "增长0.0%".
///
/// ```
/// use briefing::wording::change;
/// assert_eq!(change(1.5, None), "增长1.5%");
/// assert_eq!(change(-1.6, None), "下降1.6%");
/// assert_eq!(change(0.04, Some(1)), "持平");
/// ```
pub fn change(percent: f64, places: Option<u32>) -> String {
    change_as(percent, places, Verbs::Growth)
}

/// [`change`] with the verbs of `verbs`: a price 上涨0.7%, 下降0.5%, 持平.
///
/// ```
/// use briefing::wording::{Verbs, change_as};
/// assert_eq!(change_as(0.7, None, Verbs::Price), "上涨0.7%");
/// assert_eq!(change_as(-0.5, None, Verbs::Price), "下降0.5%");
/// assert_eq!(change_as(0.0, None, Verbs::Price), "持平");
/// ```
pub fn change_as(percent: f64, places: Option<u32>, verbs: Verbs) -> String {
    signed(rounded(percent, places), (verbs.up(), "下降"), "%")
}

/// The change of a rate between two periods, in percentage points:
/// 提高0.8个百分点, 下降1.1个百分点, 持平.
///
/// ```
/// use briefing::wording::point_change;
/// assert_eq!(point_change(84.6, 83.8, None), "提高0.8个百分点");
/// assert_eq!(point_change(5.7, 5.9, None), "下降0.2个百分点");
/// ```
pub fn point_change(now: f64, before: f64, places: Option<u32>) -> String {
    points_wording(difference_to(now, before, places))
}

/// The change of a level between two periods, in its unit:
/// 增加3.2万人, 减少1.5亿元, 持平; a price 上涨0.3元/公斤, 下降….
pub fn level_change(
    now: f64,
    before: f64,
    unit: &str,
    places: Option<u32>,
    verbs: Verbs,
) -> String {
    let verbs = match verbs {
        Verbs::Growth => ("增加", "减少"),
        Verbs::Price => ("上涨", "下降"),
    };
    signed(difference_to(now, before, places), verbs, unit)
}

/// Compares this period's growth rate with an earlier one's, as releases
/// do: 增速比一季度加快2.1个百分点, 降幅比一季度收窄5.2个百分点, 增速由负转正.
///
/// ```
/// use briefing::wording::compare;
/// assert_eq!(compare(-1.6, -6.8, "一季度", None), "降幅比一季度收窄5.2个百分点");
/// assert_eq!(compare(1.5, -1.7, "一季度", None), "增速由负转正");
/// ```
pub fn compare(now: f64, before: f64, period: &str, places: Option<u32>) -> String {
    compare_as(now, before, period, places, Verbs::Growth)
}

/// [`compare`] with the verbs of `verbs`; for prices as price releases
/// write it: 涨幅比上月扩大0.1个百分点, 涨幅比上月回落0.3个百分点, 由降转涨.
///
/// ```
/// use briefing::wording::{Verbs, compare_as};
/// assert_eq!(compare_as(2.8, 2.5, "上月", None, Verbs::Price), "涨幅比上月扩大0.3个百分点");
/// assert_eq!(compare_as(2.1, 2.8, "上月", None, Verbs::Price), "涨幅比上月回落0.7个百分点");
/// assert_eq!(compare_as(0.2, -0.1, "上月", None, Verbs::Price), "由降转涨");
/// ```
pub fn compare_as(
    now: f64,
    before: f64,
    period: &str,
    places: Option<u32>,
    verbs: Verbs,
) -> String {
    let places = places.unwrap_or_else(|| decimals_of(now).max(decimals_of(before)));
    let now_d = rounded(now, Some(places));
    let before_d = rounded(before, Some(places));
    let sign = |d: &Decimal| {
        if d.is_zero() {
            0
        } else if d.is_negative() {
            -1
        } else {
            1
        }
    };
    let diff = difference_to(now, before, Some(places));
    let points = diff.clone().abs();
    let rate = verbs.rate();
    let faster = match verbs {
        Verbs::Growth => "加快",
        Verbs::Price => "扩大",
    };
    let up = verbs.up();
    match (sign(&now_d), sign(&before_d)) {
        (1, 1) if diff.is_zero() => format!("{rate}与{period}持平"),
        (1, 1) if diff.is_negative() => format!("{rate}比{period}回落{points}个百分点"),
        (1, 1) => format!("{rate}比{period}{faster}{points}个百分点"),
        (-1, -1) if diff.is_zero() => format!("降幅与{period}持平"),
        // Both negative: a larger value is a smaller decline.
        (-1, -1) if diff.is_negative() => format!("降幅比{period}扩大{points}个百分点"),
        (-1, -1) => format!("降幅比{period}收窄{points}个百分点"),
        (1, -1) if verbs == Verbs::Price => "由降转涨".into(),
        (-1, 1) if verbs == Verbs::Price => "由涨转降".into(),
        (1, -1) => "增速由负转正".into(),
        (-1, 1) => "增速由正转负".into(),
        (0, 0) => format!("与{period}持平"),
        (1, 0) => format!("由持平转为{up}"),
        (-1, 0) => "由持平转为下降".into(),
        (0, 1) => format!("由{up}转为持平"),
        _ => "由下降转为持平".into(),
    }
}

/// One figure as a share of another, in percent: 35.2 (with `places`
/// decimals, one unless asked).
pub fn share(part: f64, whole: f64, places: Option<u32>) -> Decimal {
    rounded(part / whole * 100.0, Some(places.unwrap_or(1)))
}

/// The change of a share between two periods, in percentage points, from
/// the unrounded shares: 提高0.9个百分点, 下降0.3个百分点, 持平.
///
/// ```
/// use briefing::wording::share_change;
/// assert_eq!(share_change((35.2, 100.0), (34.3, 100.0), None), "提高0.9个百分点");
/// assert_eq!(share_change((30.0, 100.0), (30.04, 100.0), None), "持平");
/// ```
pub fn share_change(now: (f64, f64), before: (f64, f64), places: Option<u32>) -> String {
    let points = (now.0 / now.1 - before.0 / before.1) * 100.0;
    points_wording(rounded(points, Some(places.unwrap_or(1))))
}

/// 提高/下降 … 个百分点, or 持平.
fn points_wording(d: Decimal) -> String {
    signed(d, ("提高", "下降"), "个百分点")
}

/// A rounded change worded with the verbs `(up, down)` and its unit:
/// 增长1.5%, 下降1.6%, or 持平 when it rounds to zero.
fn signed(d: Decimal, (up, down): (&str, &str), unit: &str) -> String {
    if d.is_zero() {
        "持平".into()
    } else if d.is_negative() {
        format!("{down}{}{unit}", d.abs())
    } else {
        format!("{up}{d}{unit}")
    }
}

/// How much a part's change moved the whole, as bureaus write it: the
/// part's change over the whole's previous value, in percentage points.
/// 拉动{whole}增长0.8个百分点; a negative one 下拉{whole}增长0.3个百分点;
/// none 对{whole}增长没有拉动.
///
/// ```
/// use briefing::wording::pull;
/// // Industry grew from 500 to 540 while GDP was 1000 a year ago.
/// assert_eq!(pull((540.0, 500.0), 1000.0, "全市经济", None), "拉动全市经济增长4.0个百分点");
/// assert_eq!(pull((497.0, 500.0), 1000.0, "全市经济", None), "下拉全市经济增长0.3个百分点");
/// assert_eq!(pull((500.0, 500.0), 1000.0, "全市经济", None), "对全市经济增长没有拉动");
/// ```
pub fn pull(part: (f64, f64), whole_before: f64, whole: &str, places: Option<u32>) -> String {
    let points = rounded(
        (part.0 - part.1) / whole_before * 100.0,
        Some(places.unwrap_or(1)),
    );
    if points.is_zero() {
        format!("对{whole}增长没有拉动")
    } else if points.is_negative() {
        format!("下拉{whole}增长{}个百分点", points.abs())
    } else {
        format!("拉动{whole}增长{points}个百分点")
    }
}

/// This growth rate against another area's, as releases compare them:
/// 比全省高1.2个百分点, 比全省低0.3个百分点, 与全省持平.
///
/// ```
/// use briefing::wording::versus;
/// assert_eq!(versus(5.6, 4.4, "全省", None), "比全省高1.2个百分点");
/// assert_eq!(versus(-1.6, -1.3, "全国", None), "比全国低0.3个百分点");
/// assert_eq!(versus(2.5, 2.5, "全国", None), "与全国持平");
/// ```
pub fn versus(mine: f64, theirs: f64, area: &str, places: Option<u32>) -> String {
    let places = places.unwrap_or_else(|| decimals_of(mine).max(decimals_of(theirs)));
    let diff = difference_to(mine, theirs, Some(places));
    if diff.is_zero() {
        format!("与{area}持平")
    } else if diff.is_negative() {
        format!("比{area}低{}个百分点", diff.abs())
    } else {
        format!("比{area}高{diff}个百分点")
    }
}

/// Joins items the Chinese way: `a`, `a和b`, `a、b和c`.
pub fn join_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{}和{last}", rest.join("、")),
    }
}

/// The verbs a worded change can start with, longest first.
const CHANGE_VERBS: &[&str] = &[
    "加快", "回落", "收窄", "扩大", "增长", "下降", "上涨", "提高", "增加", "减少",
];

/// Changes of several figures in one phrase, as releases list them: the
/// part before the verb said once, then 分别, then the verb once when all
/// share it: 分别增长1.2%、3.4%和5.6%; 分别增长1.2%、下降3.4%和增长5.6%;
/// 增速比一季度分别加快0.8个百分点和1.2个百分点.
///
/// ```
/// use briefing::wording::respectively;
/// let w = |items: &[&str]| respectively(&items.iter().map(|s| s.to_string()).collect::<Vec<_>>());
/// assert_eq!(w(&["下降31.5%", "下降0.9%", "下降39%"]), "分别下降31.5%、0.9%和39%");
/// assert_eq!(w(&["增长1.2%", "下降3.4%", "增长5.6%"]), "分别增长1.2%、下降3.4%和增长5.6%");
/// assert_eq!(w(&["增长1.2%", "持平"]), "分别增长1.2%和持平");
/// ```
pub fn respectively(items: &[String]) -> String {
    // Each item as (what comes before the verb, the verb, the rest).
    let split: Vec<Option<(&str, &str, &str)>> = items
        .iter()
        .map(|item| {
            let (at, verb) = CHANGE_VERBS
                .iter()
                .filter_map(|v| item.find(v).map(|at| (at, *v)))
                .min_by_key(|(at, _)| *at)?;
            Some((&item[..at], verb, &item[at + verb.len()..]))
        })
        .collect();
    let parts: Option<Vec<(&str, &str, &str)>> = split.into_iter().collect();
    let Some(parts) = parts else {
        return format!("分别{}", join_list(items));
    };
    let head = parts[0].0;
    if parts.iter().any(|p| p.0 != head) {
        return format!("分别{}", join_list(items));
    }
    let verb = parts[0].1;
    if parts.iter().all(|p| p.1 == verb) {
        let rests: Vec<String> = parts.iter().map(|p| p.2.to_string()).collect();
        format!("{head}分别{verb}{}", join_list(&rests))
    } else {
        let rests: Vec<String> = parts.iter().map(|p| format!("{}{}", p.1, p.2)).collect();
        format!("{head}分别{}", join_list(&rests))
    }
}
