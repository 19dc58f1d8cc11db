//! Comparisons in the bureau's house styles: a growth rate against an
//! earlier period's (增速比7月份回落0.2个百分点, 较7月份回升2.4个百分点,
//! 加快0.1个百分点), a level against the previous period's (比上月下降0.1个
//! 百分点, 与上月持平), and a growth against another indicator's (高于规模以
//! 上工业4.4个百分点). [`super::numbers`] words them in the default style.

use super::numbers::Verbs;
use super::style::HouseStyle;
use crate::number::{Decimal, decimals_of, difference_to, rounded};

/// -1, 0 or 1: the sign of a rounded figure.
fn sign(d: &Decimal) -> i8 {
    if d.is_zero() {
        0
    } else if d.is_negative() {
        -1
    } else {
        1
    }
}

/// The verbs of a faster and a slower change in `style` (加快/回落 by
/// default, 扩大/回落 for a price's 涨幅).
fn rise_verbs(style: &HouseStyle, verbs: Verbs) -> (&'static str, &'static str) {
    match style.rise {
        "回升" => ("回升", "回落"),
        "提高" => ("提高", "下降"),
        "上升" => ("上升", "下降"),
        _ if verbs == Verbs::Price => ("扩大", "回落"),
        _ => ("加快", "回落"),
    }
}

/// What a comparison says before its verb: `比7月份`, `较7月份`, or
/// nothing when the style leaves the period to the sentence; and what it
/// says before 持平: `与7月份` or nothing.
fn than_and_with(period: &str, style: &HouseStyle) -> (String, String) {
    match style.period {
        true => (format!("{}{period}", style.than), format!("与{period}")),
        false => (String::new(), String::new()),
    }
}

/// This period's growth rate against an earlier one's (`period`), in the
/// house `style`. The default style words it as [`super::compare_as`]
/// does.
///
/// ```
/// use briefing::wording::{HouseStyle, Style, Verbs, compare_in};
/// let nbs = HouseStyle::default().with(&[Style::Subject(false)]);
/// assert_eq!(compare_in(5.4, 5.6, "7月份", None, Verbs::Growth, &nbs), "比7月份回落0.2个百分点");
/// let jiao = HouseStyle::default().with(&[Style::Than("较"), Style::Rise("回升")]);
/// assert_eq!(compare_in(7.2, 4.8, "7月份", None, Verbs::Growth, &jiao), "增速较7月份回升2.4个百分点");
/// let bare = HouseStyle::default().with(&[Style::Period(false), Style::Subject(false)]);
/// assert_eq!(compare_in(12.8, 12.7, "7月份", None, Verbs::Growth, &bare), "加快0.1个百分点");
/// ```
pub fn compare_in(
    now: f64,
    before: f64,
    period: &str,
    places: Option<u32>,
    verbs: Verbs,
    style: &HouseStyle,
) -> String {
    let places = places.unwrap_or_else(|| decimals_of(now).max(decimals_of(before)));
    let diff = difference_to(now, before, Some(places));
    let points = diff.clone().abs();
    let subject = |s: &'static str| if style.subject { s } else { "" };
    let (rate, fall) = (subject(verbs.rate()), subject("降幅"));
    let (than, with) = than_and_with(period, style);
    let (faster, slower) = rise_verbs(style, verbs);
    let (up, down, equal) = (verbs.up(), verbs.down(), style.equal);
    let signs = (
        sign(&rounded(now, Some(places))),
        sign(&rounded(before, Some(places))),
    );
    match signs {
        (1, 1) if diff.is_zero() => format!("{rate}{with}{equal}"),
        (1, 1) if diff.is_negative() => format!("{rate}{than}{slower}{points}个百分点"),
        (1, 1) => format!("{rate}{than}{faster}{points}个百分点"),
        (-1, -1) if diff.is_zero() => format!("{fall}{with}{equal}"),
        // Both negative: a larger value is a smaller decline.
        (-1, -1) if diff.is_negative() => format!("{fall}{than}扩大{points}个百分点"),
        (-1, -1) => format!("{fall}{than}收窄{points}个百分点"),
        // The sign crossed zero, told as a plain change in points.
        (1, -1) | (-1, 1) if !style.crossing => {
            let verb = if diff.is_negative() { slower } else { faster };
            format!("{rate}{than}{verb}{points}个百分点")
        }
        (1, -1) if verbs == Verbs::Price => "由降转涨".into(),
        (-1, 1) if verbs == Verbs::Price => "由涨转降".into(),
        (1, -1) => format!("{}由负转正", subject("增速")),
        (-1, 1) => format!("{}由正转负", subject("增速")),
        (0, 0) => format!("{with}{equal}"),
        (1, 0) => format!("由持平转为{up}"),
        (-1, 0) => format!("由持平转为{down}"),
        (0, 1) => format!("由{up}转为持平"),
        _ => format!("由{down}转为持平"),
    }
}

/// A figure against the previous period's value (上期值), in the house
/// `style`: a rate in points (比上月下降0.1个百分点), a level in its unit
/// (比上月增加3.2万人), equal ones 与上月持平.
pub fn level_in(
    (now, before): (f64, f64),
    unit: &str,
    rate: bool,
    period: &str,
    places: Option<u32>,
    verbs: Verbs,
    style: &HouseStyle,
) -> String {
    let diff = difference_to(now, before, places);
    let (than, with) = than_and_with(period, style);
    if diff.is_zero() {
        return format!("{with}{}", style.equal);
    }
    let (up, down) = match style.rise {
        "回升" => ("回升", "回落"),
        "提高" => ("提高", "下降"),
        "上升" => ("上升", "下降"),
        _ if rate => ("提高", "下降"),
        _ if verbs == Verbs::Price => ("上涨", "下降"),
        _ => ("增加", "减少"),
    };
    let verb = if diff.is_negative() { down } else { up };
    let unit = if rate { "个百分点" } else { unit };
    format!("{than}{verb}{}{unit}", diff.abs())
}

/// This growth rate against another's (`area`), in the house `style`:
/// 比全省高1.2个百分点 (比高), 高于全省1.2个百分点 (高于), 快于全省…
/// (快于); equal ones 与全省持平.
///
/// ```
/// use briefing::wording::{HouseStyle, Style, versus_in};
/// let higher = HouseStyle::default().with(&[Style::Gap("高于")]);
/// assert_eq!(versus_in(10.5, 6.1, "规模以上工业", None, &higher), "高于规模以上工业4.4个百分点");
/// let quicker = HouseStyle::default().with(&[Style::Gap("快于")]);
/// assert_eq!(versus_in(2.5, 3.0, "全国", None, &quicker), "慢于全国0.5个百分点");
/// ```
pub fn versus_in(
    mine: f64,
    theirs: f64,
    area: &str,
    places: Option<u32>,
    style: &HouseStyle,
) -> String {
    let places = places.unwrap_or_else(|| decimals_of(mine).max(decimals_of(theirs)));
    let diff = difference_to(mine, theirs, Some(places));
    let points = diff.clone().abs();
    if diff.is_zero() {
        return format!("与{area}{}", style.equal);
    }
    let (more, less) = match style.gap {
        "高于" => ("高于", "低于"),
        "快于" => ("快于", "慢于"),
        _ => {
            let than = style.than;
            let word = if diff.is_negative() { "低" } else { "高" };
            return format!("{than}{area}{word}{points}个百分点");
        }
    };
    let verb = if diff.is_negative() { less } else { more };
    format!("{verb}{area}{points}个百分点")
}

/// This value against another's (`area`), in `unit`, in the house
/// `style`: 比全国高1000元 (比高), 高于全国1000元 (高于, 快于); equal ones
/// 与全国持平.
///
/// ```
/// use briefing::wording::{HouseStyle, Style, difference_in};
/// let style = HouseStyle::default();
/// assert_eq!(difference_in((35128.0, 34128.0), "元", "全国", None, &style), "比全国高1000元");
/// let higher = style.with(&[Style::Gap("高于")]);
/// assert_eq!(difference_in((33.5, 35.0), "万元", "全省", None, &higher), "低于全省1.5万元");
/// ```
pub fn difference_in(
    (mine, theirs): (f64, f64),
    unit: &str,
    area: &str,
    places: Option<u32>,
    style: &HouseStyle,
) -> String {
    let diff = difference_to(mine, theirs, places);
    if diff.is_zero() {
        return format!("与{area}{}", style.equal);
    }
    let amount = diff.clone().abs();
    match (style.gap, diff.is_negative()) {
        ("比高", negative) => {
            let word = if negative { "低" } else { "高" };
            format!("{}{area}{word}{amount}{unit}", style.than)
        }
        (_, true) => format!("低于{area}{amount}{unit}"),
        (_, false) => format!("高于{area}{amount}{unit}"),
    }
}

/// A figure in percentage points as its influence on `on`, as price
/// releases write it: 影响CPI上涨约0.65个百分点, 影响CPI下降约0.04个百分点;
/// none 对CPI没有影响.
///
/// ```
/// use briefing::wording::influence;
/// assert_eq!(influence(0.65, "CPI", Some(2)), "影响CPI上涨约0.65个百分点");
/// assert_eq!(influence(-0.04, "CPI", None), "影响CPI下降约0.04个百分点");
/// assert_eq!(influence(0.001, "CPI", Some(2)), "对CPI没有影响");
/// ```
pub fn influence(points: f64, on: &str, places: Option<u32>) -> String {
    let d = rounded(points, places);
    if d.is_zero() {
        format!("对{on}没有影响")
    } else if d.is_negative() {
        format!("影响{on}下降约{}个百分点", d.abs())
    } else {
        format!("影响{on}上涨约{d}个百分点")
    }
}
