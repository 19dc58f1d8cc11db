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

impl OverviewChart {
    /// The chart of one indicator (`code`, `name`, in `unit`), titled
    /// `title`, from each region's value and the value as printed
    /// (`None`: the region has no value), `column` naming what a region
    /// is (地区).
    pub(super) fn new<'a>(
        code: &str,
        name: &str,
        title: String,
        unit: &str,
        column: &str,
        regions: impl IntoIterator<Item = (&'a str, Option<f64>, &'a str)>,
    ) -> Self {
        let mut bars = Vec::new();
        let mut missing = Vec::new();
        for (region, value, text) in regions {
            match value {
                Some(value) => bars.push(Bar {
                    region: region.to_string(),
                    value,
                    text: text.to_string(),
                }),
                None => missing.push(region),
            }
        }
        let alt = alt_text(&title, column, unit, &bars, &missing);
        OverviewChart {
            code: code.to_string(),
            name: name.to_string(),
            title,
            unit: unit.to_string(),
            alt,
            bars,
        }
    }
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

/// The longest alt text, in UTF-16 code units. PDF/A allows no string
/// longer than 32,767 bytes, and a text string beyond Latin-1 is written
/// in UTF-16 (two bytes a unit, after a two-byte mark): an alt text that
/// listed every bar of 2,000 regions was about twice that, and the overview
/// PDF failed PDF/A. The margin leaves room for the few bytes a PDF
/// writer escapes.
const MAX_ALT_UTF16: usize = 16_000;

/// The chart in words: `条形图：各地区地区生产总值（亿元），29个地区。城关区5000，……。
/// 最高的是城关区（5000亿元），最低的是第30区（4710亿元）。第12区没有数值。`
///
/// With so many regions that every bar would not fit in a PDF string
/// ([`MAX_ALT_UTF16`]), the bars are not listed one by one (the table
/// beside the chart lists them), nor the regions without a value when
/// those too are too many: they are counted.
fn alt_text(title: &str, column: &str, unit: &str, bars: &[Bar], missing: &[&str]) -> String {
    let head = format!("条形图：{title}，{}个{column}", bars.len());
    let each: Vec<String> = bars
        .iter()
        .map(|b| format!("{}{}", b.region, b.text))
        .collect();
    let each = format!("。{}", each.join("，"));
    let extremes = if bars.is_empty() {
        String::new()
    } else {
        let by = |better: fn(f64, f64) -> bool| {
            bars.iter().fold(
                &bars[0],
                |best, b| if better(b.value, best.value) { b } else { best },
            )
        };
        let (top, bottom) = (by(|a, b| a > b), by(|a, b| a < b));
        format!(
            "。最高的是{}（{}{unit}），最低的是{}（{}{unit}）",
            top.region, top.text, bottom.region, bottom.text
        )
    };
    let listed = match missing {
        [] => String::new(),
        _ => format!("{}没有数值。", missing.join("、")),
    };
    let counted = format!("{}个{column}没有数值。", missing.len());
    let units = |s: &str| s.encode_utf16().count();
    let fits = |parts: &[&str]| parts.iter().map(|p| units(p)).sum::<usize>() <= MAX_ALT_UTF16;
    let missing = if fits(&[&head, &extremes, "。", &listed]) {
        listed
    } else {
        counted
    };
    let each = if bars.is_empty() {
        String::new()
    } else if fits(&[&head, &each, &extremes, "。", &missing]) {
        each
    } else {
        "。各项数值见表".to_string()
    };
    format!("{head}{each}{extremes}。{missing}")
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

    #[test]
    fn the_alt_text_of_thousands_of_regions_fits_a_pdf_string() {
        let names: Vec<String> = (1..=3000).map(|i| format!("第{i}区")).collect();
        let bars: Vec<Bar> = names[..2800]
            .iter()
            .enumerate()
            .map(|(i, name)| bar(name, i as f64, &format!("{i}.25")))
            .collect();
        let missing: Vec<&str> = names[2800..].iter().map(String::as_str).collect();
        let alt = alt_text("各地区增速（%）", "地区", "%", &bars, &missing);
        assert!(
            alt.starts_with(
                "条形图：各地区增速（%），2800个地区。各项数值见表。\
                 最高的是第2800区（2799.25%），最低的是第1区（0.25%）。\
                 第2801区、第2802区、"
            ),
            "{alt}"
        );
        assert!(alt.ends_with("第3000区没有数值。"), "{alt}");
        // Two bytes a UTF-16 unit, and a two-byte mark, within 32,767.
        assert!(2 + 2 * alt.encode_utf16().count() <= 32_767);

        let missing: Vec<String> = (0..9000).map(|i| format!("第{i}区")).collect();
        let missing: Vec<&str> = missing.iter().map(String::as_str).collect();
        assert_eq!(
            alt_text("各地区增速（%）", "地区", "%", &bars[..1], &missing),
            "条形图：各地区增速（%），1个地区。第1区0.25。\
             最高的是第1区（0.25%），最低的是第1区（0.25%）。9000个地区没有数值。"
        );
    }
}
