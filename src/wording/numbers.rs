//! How a change becomes text in a statistical release: worded by sign,
//! 增长/下降/持平 (上涨/下降 for prices), 提高/下降 … 个百分点, 加快/回落,
//! 由负转正, 降幅收窄; and the phrases of shares, contributions and
//! comparisons with another area.

use super::compare::{compare_in, versus_in};
use super::phrase::{POINTS, Phrase, number};
use super::style::HouseStyle;
pub use crate::model::Verbs;
use crate::number::{Decimal, difference_to, rounded};

impl Verbs {
    /// The verb of a rise: 增长 or 上涨.
    pub fn up(self) -> &'static str {
        match self {
            Verbs::Growth => "增长",
            Verbs::Price => "上涨",
            Verbs::Stock => "增加",
        }
    }

    /// The verb of a fall: 下降, or a stock's 减少.
    pub fn down(self) -> &'static str {
        match self {
            Verbs::Stock => "减少",
            Verbs::Growth | Verbs::Price => "下降",
        }
    }

    /// What a rate of change is called: 增速 or 涨幅.
    pub(super) fn rate(self) -> &'static str {
        match self {
            Verbs::Growth | Verbs::Stock => "增速",
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
    change_phrase(percent, places, verbs, &HouseStyle::default()).to_string()
}

/// [`change_as`] as a [`Phrase`], its number in the house `style`.
pub(super) fn change_phrase(
    percent: f64,
    places: Option<u32>,
    verbs: Verbs,
    style: &HouseStyle,
) -> Phrase {
    signed(
        rounded(percent, places),
        (verbs.up(), verbs.down()),
        "%",
        style,
    )
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
    points_phrase(difference_to(now, before, places), &HouseStyle::default()).to_string()
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
    let style = HouseStyle::default();
    level_change_phrase((now, before), unit, places, verbs, &style).to_string()
}

/// [`level_change`] as a [`Phrase`].
pub(super) fn level_change_phrase(
    (now, before): (f64, f64),
    unit: &str,
    places: Option<u32>,
    verbs: Verbs,
    style: &HouseStyle,
) -> Phrase {
    let verbs = match verbs {
        Verbs::Growth | Verbs::Stock => ("增加", "减少"),
        Verbs::Price => ("上涨", "下降"),
    };
    signed(difference_to(now, before, places), verbs, unit, style)
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
    compare_in(now, before, period, places, verbs, &HouseStyle::default())
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
    share_change_phrase(now, before, places, &HouseStyle::default()).to_string()
}

/// [`share_change`] as a [`Phrase`].
pub(super) fn share_change_phrase(
    now: (f64, f64),
    before: (f64, f64),
    places: Option<u32>,
    style: &HouseStyle,
) -> Phrase {
    let points = (now.0 / now.1 - before.0 / before.1) * 100.0;
    points_phrase(rounded(points, Some(places.unwrap_or(1))), style)
}

/// 提高/下降 … 个百分点, or 持平.
pub(super) fn points_phrase(d: Decimal, style: &HouseStyle) -> Phrase {
    signed(d, ("提高", "下降"), POINTS, style)
}

/// A rounded change worded with the verbs `(up, down)` and its unit:
/// 增长1.5%, 下降1.6%, or 持平 when it rounds to zero.
fn signed(d: Decimal, (up, down): (&str, &str), unit: &str, style: &HouseStyle) -> Phrase {
    if d.is_zero() {
        Phrase::verb("持平")
    } else {
        let verb = if d.is_negative() { down } else { up };
        Phrase::change(verb, number(&d.abs(), style), unit)
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
    pull_phrase(part, whole_before, whole, places, &HouseStyle::default()).to_string()
}

/// [`pull`] as a [`Phrase`]; with 下拉增速 a negative one is
/// 下拉{whole}增速0.9个百分点.
pub(super) fn pull_phrase(
    part: (f64, f64),
    whole_before: f64,
    whole: &str,
    places: Option<u32>,
    style: &HouseStyle,
) -> Phrase {
    let points = rounded(
        (part.0 - part.1) / whole_before * 100.0,
        Some(places.unwrap_or(1)),
    );
    if points.is_zero() {
        return Phrase::verb(format!("对{whole}增长没有拉动"));
    }
    let (verb, what) = match (points.is_negative(), style.pull_down_rate) {
        (false, _) => ("拉动", "增长"),
        (true, false) => ("下拉", "增长"),
        (true, true) => ("下拉", "增速"),
    };
    Phrase::change(verb, number(&points.abs(), style), POINTS).object(format!("{whole}{what}"))
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
    versus_in(mine, theirs, area, places, &HouseStyle::default())
}
