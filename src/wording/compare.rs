//! Comparisons in the bureau's house styles: a growth rate against an
//! earlier period's (增速比7月份回落0.2个百分点, 较7月份回升2.4个百分点,
//! 加快0.1个百分点), a level against the previous period's (比上月下降0.1个
//! 百分点, 与上月持平), and a growth against another indicator's (高于规模以
//! 上工业4.4个百分点). [`super::numbers`] words them in the default style.

use super::phrase::{POINTS, Phrase, number};
use super::style::{Gap, HouseStyle, Rise, Signs};
use crate::model::Verbs;
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

/// What a comparison says before its verb: `比7月份`, `较7月份`, or
/// nothing when the style leaves the period to the sentence; and what it
/// says before 持平: `与7月份` or nothing.
fn than_and_with(period: &str, style: &HouseStyle) -> (String, String) {
    match style.period {
        true => (
            format!("{}{period}", style.than.word()),
            format!("与{period}"),
        ),
        false => (String::new(), String::new()),
    }
}

/// This period's growth rate against an earlier one's (`period`), in the
/// house `style`. The default style words it as [`super::compare_as`]
/// does.
///
/// ```
/// use briefing::wording::{HouseStyle, Rise, Style, Than, Verbs, compare_in};
/// let nbs = HouseStyle::default().with(&[Style::Subject(false)]);
/// assert_eq!(compare_in(5.4, 5.6, "7月份", None, Verbs::Growth, &nbs), "比7月份回落0.2个百分点");
/// let jiao = HouseStyle::default().with(&[Style::Than(Than::Jiao), Style::Rise(Rise::Recover)]);
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
    compare_phrase(now, before, period, places, verbs, style).to_string()
}

/// [`compare_in`] as a [`Phrase`].
pub(super) fn compare_phrase(
    now: f64,
    before: f64,
    period: &str,
    places: Option<u32>,
    verbs: Verbs,
    style: &HouseStyle,
) -> Phrase {
    let places = places.unwrap_or_else(|| decimals_of(now).max(decimals_of(before)));
    let diff = difference_to(now, before, Some(places));
    let points = number(&diff.clone().abs(), style);
    let subject = |s: &'static str| if style.subject { s } else { "" };
    let (rate, fall) = (subject(verbs.rate()), subject("降幅"));
    let (than, with) = than_and_with(period, style);
    let (faster, slower) = style.rise.verbs(verbs == Verbs::Price);
    let (up, down, equal) = (verbs.up(), verbs.down(), style.equal);
    let signs = (
        sign(&rounded(now, Some(places))),
        sign(&rounded(before, Some(places))),
    );
    let by = |verb: &str| Phrase::change(verb, points.clone(), POINTS).against(than.clone());
    let plain = |subject| {
        let verb = if diff.is_negative() { slower } else { faster };
        by(verb).of(subject)
    };
    match signs {
        (1, 1) if diff.is_zero() => Phrase::verb(equal).of(rate).against(with),
        (1, 1) => plain(rate),
        (-1, -1) if diff.is_zero() => Phrase::verb(equal).of(fall).against(with),
        (-1, -1) if style.signs == Signs::Plain => plain(rate),
        // Both negative: a larger value is a smaller decline.
        (-1, -1) if diff.is_negative() => by("扩大").of(fall),
        (-1, -1) => by("收窄").of(fall),
        // The sign crossed zero, told as a plain change in points.
        (1, -1) | (-1, 1) if style.signs != Signs::Turn => plain(rate),
        (1, -1) if verbs == Verbs::Price => Phrase::verb("由降转涨"),
        (-1, 1) if verbs == Verbs::Price => Phrase::verb("由涨转降"),
        (1, -1) => Phrase::verb("由负转正").of(subject("增速")),
        (-1, 1) => Phrase::verb("由正转负").of(subject("增速")),
        (0, 0) => Phrase::verb(equal).of(rate).against(with),
        (1, 0) => Phrase::verb(format!("由持平转为{up}")),
        (-1, 0) => Phrase::verb(format!("由持平转为{down}")),
        (0, 1) => Phrase::verb(format!("由{up}转为持平")),
        _ => Phrase::verb(format!("由{down}转为持平")),
    }
}

/// A figure against the previous period's value (上期值), in the house
/// `style`: a rate in points (比上月下降0.1个百分点, 回升… in the style
/// 回升), a level in its unit with the verbs of amounts whatever the style
/// (比上月增加3.2万人), equal ones 与上月持平.
///
/// ```
/// use briefing::wording::{HouseStyle, Rise, Style, Verbs, level_in};
/// let style = HouseStyle::default().with(&[Style::Rise(Rise::Recover)]);
/// assert_eq!(level_in((5.3, 5.1), "%", true, "上月", None, Verbs::Growth, &style), "比上月回升0.2个百分点");
/// assert_eq!(level_in((1530.0, 1000.0), "亿元", false, "上月", None, Verbs::Growth, &style), "比上月增加530亿元");
/// ```
pub fn level_in(
    levels: (f64, f64),
    unit: &str,
    rate: bool,
    period: &str,
    places: Option<u32>,
    verbs: Verbs,
    style: &HouseStyle,
) -> String {
    level_phrase(levels, unit, rate, period, places, verbs, style).to_string()
}

/// [`level_in`] as a [`Phrase`].
pub(super) fn level_phrase(
    (now, before): (f64, f64),
    unit: &str,
    rate: bool,
    period: &str,
    places: Option<u32>,
    verbs: Verbs,
    style: &HouseStyle,
) -> Phrase {
    let diff = difference_to(now, before, places);
    let (than, with) = than_and_with(period, style);
    if diff.is_zero() {
        return Phrase::verb(style.equal).against(with);
    }
    let (up, down) = match (rate, style.rise) {
        (true, Rise::Quicken) => ("提高", "下降"),
        (true, rise) => rise.verbs(false),
        (false, _) if verbs == Verbs::Price => ("上涨", "下降"),
        (false, _) => ("增加", "减少"),
    };
    let verb = if diff.is_negative() { down } else { up };
    let unit = if rate { POINTS } else { unit };
    Phrase::change(verb, number(&diff.abs(), style), unit).against(than)
}

/// This growth rate against another's (`area`), in the house `style`:
/// 比全省高1.2个百分点 (比高), 高于全省1.2个百分点 (高于), 快于全省…
/// (快于), 比全省快… (比快); equal ones 与全省持平. With 括注 the other's
/// rate is given in brackets after its name: 高于全省（4.6%）….
///
/// ```
/// use briefing::wording::{Gap, HouseStyle, Style, versus_in};
/// let higher = HouseStyle::default().with(&[Style::Gap(Gap::Above)]);
/// assert_eq!(versus_in(10.5, 6.1, "规模以上工业", None, &higher), "高于规模以上工业4.4个百分点");
/// let quicker = HouseStyle::default().with(&[Style::Gap(Gap::Faster)]);
/// assert_eq!(versus_in(2.5, 3.0, "全国", None, &quicker), "慢于全国0.5个百分点");
/// ```
pub fn versus_in(
    mine: f64,
    theirs: f64,
    area: &str,
    places: Option<u32>,
    style: &HouseStyle,
) -> String {
    versus_phrase(mine, theirs, area, places, style).to_string()
}

/// [`versus_in`] as a [`Phrase`].
pub(super) fn versus_phrase(
    mine: f64,
    theirs: f64,
    area: &str,
    places: Option<u32>,
    style: &HouseStyle,
) -> Phrase {
    let places = places.unwrap_or_else(|| decimals_of(mine).max(decimals_of(theirs)));
    let area = match style.bracket {
        true => format!(
            "{area}（{}%）",
            number(&rounded(theirs, Some(places)), style)
        ),
        false => area.to_string(),
    };
    gap_phrase(
        difference_to(mine, theirs, Some(places)),
        POINTS,
        &area,
        style.gap,
        style,
    )
}

/// A gap `diff` with `area`, in `unit`, worded by `gap`.
fn gap_phrase(diff: Decimal, unit: &str, area: &str, gap: Gap, style: &HouseStyle) -> Phrase {
    if diff.is_zero() {
        return Phrase::verb(style.equal).against(format!("与{area}"));
    }
    let negative = diff.is_negative();
    let amount = number(&diff.abs(), style);
    let than = || format!("{}{area}", style.than.word());
    let (verb, before) = match gap {
        Gap::Higher => (if negative { "低" } else { "高" }, true),
        Gap::Quicker => (if negative { "慢" } else { "快" }, true),
        Gap::Above => (if negative { "低于" } else { "高于" }, false),
        Gap::Faster => (if negative { "慢于" } else { "快于" }, false),
    };
    let phrase = Phrase::change(verb, amount, unit);
    match before {
        true => phrase.against(than()),
        false => phrase.object(area),
    }
}

/// This value against another's (`area`), in `unit`, in the house
/// `style`: 比全国高1000元 (比高, 比快), 高于全国1000元 (高于, 快于); equal
/// ones 与全国持平.
///
/// ```
/// use briefing::wording::{Gap, HouseStyle, Style, difference_in};
/// let style = HouseStyle::default();
/// assert_eq!(difference_in((35128.0, 34128.0), "元", "全国", None, &style), "比全国高1000元");
/// let higher = style.with(&[Style::Gap(Gap::Above)]);
/// assert_eq!(difference_in((33.5, 35.0), "万元", "全省", None, &higher), "低于全省1.5万元");
/// ```
pub fn difference_in(
    values: (f64, f64),
    unit: &str,
    area: &str,
    places: Option<u32>,
    style: &HouseStyle,
) -> String {
    difference_phrase(values, unit, area, places, style).to_string()
}

/// [`difference_in`] as a [`Phrase`].
pub(super) fn difference_phrase(
    (mine, theirs): (f64, f64),
    unit: &str,
    area: &str,
    places: Option<u32>,
    style: &HouseStyle,
) -> Phrase {
    let gap = match style.gap {
        Gap::Higher | Gap::Quicker => Gap::Higher,
        Gap::Above | Gap::Faster => Gap::Above,
    };
    gap_phrase(difference_to(mine, theirs, places), unit, area, gap, style)
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
    influence_phrase(points, on, places, &HouseStyle::default()).to_string()
}

/// [`influence`] as a [`Phrase`].
pub(super) fn influence_phrase(
    points: f64,
    on: &str,
    places: Option<u32>,
    style: &HouseStyle,
) -> Phrase {
    let d = rounded(points, places);
    if d.is_zero() {
        return Phrase::verb(format!("对{on}没有影响"));
    }
    let way = if d.is_negative() {
        "下降约"
    } else {
        "上涨约"
    };
    Phrase::change("影响", number(&d.abs(), style), POINTS).object(format!("{on}{way}"))
}
