//! Lints for prose, each a warning at its cell with the placeholder that
//! would keep the text right:
//!
//! - a figure typed literally next to an indicator's name and unit, but
//!   with a value that differs from the indicator's, is most likely stale;
//! - a price whose change is typed as 增长 (居民消费价格增长0.7%): prices
//!   上涨, as every statistics bureau writes.

use super::placeholder::{Piece, scan};
use crate::diagnostic::Diagnostic;
use crate::model::{Column, Indicator, Text};

/// How many characters before a figure may separate it from the name.
const NAME_WINDOW: usize = 8;

/// Warnings for every stale literal figure in `text`.
pub fn stale_figures(text: &Text, indicators: &[Indicator]) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for piece in scan(&text.text) {
        let Piece::Literal(literal) = piece else {
            continue;
        };
        for (start, end, number) in numbers(&literal) {
            let before = &literal[..start];
            let after = &literal[end..];
            let stale = indicators.iter().find(|i| {
                !i.unit.is_empty()
                    && after.starts_with(i.unit.as_str())
                    && name_precedes(before, &i.name)
                    && i.get(Column::Value).is_some_and(|value| number != value)
            });
            if let Some(indicator) = stale {
                let typed = format!("{}{}", &literal[start..end], indicator.unit);
                warnings.push(
                    Diagnostic::warning(
                        Some(text.cell.clone()),
                        format!(
                            "文字中写的“{}{typed}”与指标“{}”的数值 {} 不一致（{}）",
                            indicator.name,
                            indicator.code,
                            crate::number::with_unit(
                                indicator.get(Column::Value).unwrap_or_default(),
                                &indicator.unit
                            ),
                            indicator.cell
                        ),
                    )
                    .with_hint(format!(
                        "把“{typed}”改成 {{{}}}，数字就会随“指标”表自动更新",
                        indicator.code
                    )),
                );
            }
        }
    }
    warnings
}

/// Warnings for every price whose rise is typed as 增长 in `text`:
/// “居民消费价格增长0.7%” should read “上涨”.
pub fn price_verbs(text: &Text, indicators: &[Indicator]) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for piece in scan(&text.text) {
        let Piece::Literal(literal) = piece else {
            continue;
        };
        let mut from = 0;
        while let Some(at) = literal[from..].find("增长").map(|i| i + from) {
            let before = &literal[..at];
            let price = indicators
                .iter()
                .filter(|i| i.is_price())
                .find(|i| name_precedes(before, &i.name));
            if let Some(price) = price {
                warnings.push(
                    Diagnostic::warning(
                        Some(text.cell.clone()),
                        format!("价格“{}”的上升应写作“上涨”，不写“增长”", price.name),
                    )
                    .with_hint(format!(
                        "把“增长”改为“上涨”，或用 {{{}:同比}}，它会按涨跌写作“上涨”或“下降”",
                        price.code
                    )),
                );
            }
            from = at + "增长".len();
        }
    }
    warnings
}

/// Whether `name` ends within the last few characters of `before`.
fn name_precedes(before: &str, name: &str) -> bool {
    let Some(at) = before.rfind(name) else {
        return false;
    };
    before[at + name.len()..].chars().count() <= NAME_WINDOW
}

/// The numbers written in `text`: (start byte, end byte, value). A number
/// glued to a Latin letter or digit group ("5G", "2020-2023") still counts;
/// what matters is the unit after it.
fn numbers(text: &str) -> Vec<(usize, usize, f64)> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i + 1 < bytes.len() && bytes[i] == b'.' && bytes[i + 1].is_ascii_digit() {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
        }
        if let Ok(value) = text[start..i].parse() {
            found.push((start, i, value));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::CellRef;

    fn gdp() -> Indicator {
        Indicator::new("gdp", "地区生产总值", CellRef::new("指标", 1, 0))
            .with_value(1422.22)
            .with_unit("亿元")
            .with_yoy(1.5)
    }

    fn lint(text: &str) -> Vec<String> {
        let text = Text {
            text: text.into(),
            cell: CellRef::new("正文", 3, 2),
        };
        stale_figures(&text, &[gdp()])
            .iter()
            .map(|d| d.to_string())
            .collect()
    }

    #[test]
    fn a_stale_figure_next_to_the_name_is_reported() {
        let found = lint("实现地区生产总值1422亿元、增长1.5%");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with(
            "警告: 正文!C4：文字中写的“地区生产总值1422亿元”与指标“gdp”的数值 1422.22亿元 不一致"
        ));
        assert!(found[0].contains("改成 {gdp}"));
    }

    #[test]
    fn a_price_that_grows_is_reported() {
        let cpi = Indicator {
            code: "cpi".into(),
            name: "居民消费价格".into(),
            unit: "%".into(),
            kind: crate::model::Kind::Price,
            ..gdp()
        };
        let text = |t: &str| Text {
            text: t.into(),
            cell: CellRef::new("正文", 1, 0),
        };
        let found = price_verbs(
            &text("全市居民消费价格同比增长0.7%"),
            std::slice::from_ref(&cpi),
        );
        assert_eq!(found.len(), 1);
        assert!(
            found[0]
                .message
                .contains("“居民消费价格”的上升应写作“上涨”")
        );
        assert!(
            price_verbs(
                &text("居民消费价格同比上涨0.7%"),
                std::slice::from_ref(&cpi)
            )
            .is_empty()
        );
        assert!(price_verbs(&text("居民消费价格{cpi:同比}"), &[cpi]).is_empty());
        assert!(price_verbs(&text("地区生产总值增长1.5%"), &[gdp()]).is_empty());
    }

    #[test]
    fn matching_figures_placeholders_and_other_units_are_quiet() {
        assert!(lint("实现地区生产总值1422.22亿元").is_empty());
        assert!(lint("实现地区生产总值{gdp}").is_empty());
        assert!(lint("地区生产总值增长15.2%").is_empty());
        assert!(lint("投资总额938.62亿元").is_empty());
        assert!(lint("地区生产总值的统计口径经多次调整后,全年约1400亿元").is_empty());
    }
}
