//! The chart of an overview: one indicator across the regions of a batch,
//! a bar per region, and the chart told in words for screen readers.

use serde::Serialize;

/// One indicator across the regions, as a bar chart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OverviewChart {
    /// The indicator's code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// `各地区地区生产总值（亿元）`.
    pub title: String,
    /// The unit of its values.
    pub unit: String,
    /// What the chart shows, for readers who cannot see it (the alt text
    /// of PDF/UA): every bar's region and value, the largest and the
    /// smallest, and the regions without a value.
    pub alt: String,
    /// A bar per region with a value, in the order of the rows.
    pub bars: Vec<Bar>,
}

/// One bar of the chart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bar {
    /// The region.
    pub region: String,
    /// Its value.
    pub value: f64,
    /// The value as printed beside the bar.
    pub text: String,
}

/// The chart in words: `条形图：各地区地区生产总值（亿元），29个地区。城关区5000，……。
/// 最高的是城关区（5000亿元），最低的是第30区（4710亿元）。第12区没有数值。`
pub(super) fn alt_text(
    title: &str,
    column: &str,
    unit: &str,
    bars: &[Bar],
    missing: &[&str],
) -> String {
    let mut alt = format!("条形图：{title}，{}个{column}", bars.len());
    if !bars.is_empty() {
        let each: Vec<String> = bars
            .iter()
            .map(|b| format!("{}{}", b.region, b.text))
            .collect();
        alt += &format!("。{}", each.join("，"));
        let by = |better: fn(f64, f64) -> bool| {
            bars.iter().fold(
                &bars[0],
                |best, b| if better(b.value, best.value) { b } else { best },
            )
        };
        let (top, bottom) = (by(|a, b| a > b), by(|a, b| a < b));
        alt += &format!(
            "。最高的是{}（{}{unit}），最低的是{}（{}{unit}）",
            top.region, top.text, bottom.region, bottom.text
        );
    }
    alt.push('。');
    if !missing.is_empty() {
        alt += &format!("{}没有数值。", missing.join("、"));
    }
    alt
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(region: &str, value: f64, text: &str) -> Bar {
        Bar {
            region: region.into(),
            value,
            text: text.into(),
        }
    }

    #[test]
    fn the_alt_text_tells_every_bar_and_the_extremes() {
        let bars = [
            bar("甲区", 3.5, "3.5"),
            bar("乙区", -1.2, "−1.2"),
            bar("丙区", 8.0, "8"),
        ];
        assert_eq!(
            alt_text("各地区增速（%）", "地区", "%", &bars, &["丁区"]),
            "条形图：各地区增速（%），3个地区。甲区3.5，乙区−1.2，丙区8。\
             最高的是丙区（8%），最低的是乙区（−1.2%）。丁区没有数值。"
        );
        assert_eq!(
            alt_text("各地区增速（%）", "地区", "%", &[], &["丁区"]),
            "条形图：各地区增速（%），0个地区。丁区没有数值。"
        );
    }
}
