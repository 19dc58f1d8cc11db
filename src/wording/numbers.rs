//! How a change becomes text in a statistical release: worded by sign,
//! 增长/下降/持平, 提高/下降 … 个百分点, 加快/回落, 由负转正, 降幅收窄.

use crate::number::{Decimal, decimals_of, difference_to, rounded};

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
    let d = rounded(percent, places);
    if d.is_zero() {
        "持平".into()
    } else if d.is_negative() {
        format!("下降{}%", d.abs())
    } else {
        format!("增长{d}%")
    }
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
    let d = difference_to(now, before, places);
    if d.is_zero() {
        "持平".into()
    } else if d.is_negative() {
        format!("下降{}个百分点", d.abs())
    } else {
        format!("提高{d}个百分点")
    }
}

/// The change of a level between two periods, in its unit:
/// 增加3.2万人, 减少1.5亿元, 持平.
pub fn level_change(now: f64, before: f64, unit: &str, places: Option<u32>) -> String {
    let d = difference_to(now, before, places);
    if d.is_zero() {
        "持平".into()
    } else if d.is_negative() {
        format!("减少{}{unit}", d.abs())
    } else {
        format!("增加{d}{unit}")
    }
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
    match (sign(&now_d), sign(&before_d)) {
        (1, 1) if diff.is_zero() => format!("增速与{period}持平"),
        (1, 1) if diff.is_negative() => format!("增速比{period}回落{points}个百分点"),
        (1, 1) => format!("增速比{period}加快{points}个百分点"),
        (-1, -1) if diff.is_zero() => format!("降幅与{period}持平"),
        // Both negative: a larger value is a smaller decline.
        (-1, -1) if diff.is_negative() => format!("降幅比{period}扩大{points}个百分点"),
        (-1, -1) => format!("降幅比{period}收窄{points}个百分点"),
        (1, -1) => "增速由负转正".into(),
        (-1, 1) => "增速由正转负".into(),
        (0, 0) => format!("与{period}持平"),
        (1, 0) => "由持平转为增长".into(),
        (-1, 0) => "由持平转为下降".into(),
        (0, 1) => "由增长转为持平".into(),
        _ => "由下降转为持平".into(),
    }
}
