//! Ranks across the reports of a batch: `{代码:位次}` ranks a region by an
//! indicator's 数值, `{代码:增速位次}` by its 同比, largest first, among
//! every region that has the indicator. Figures are ranked as they are
//! printed (with the decimals the sheet shows), so that two regions whose
//! figures read the same share a rank (1, 1, 3), as statistical releases
//! count them.

use std::collections::HashMap;

use super::shown::{growth_number, shown_number};
use crate::model::{Column, Indicator};

/// What a region is ranked by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RankBy {
    /// 数值.
    Value,
    /// The growth as `{代码:同比}` words it ([`Indicator::growth`]): 同比,
    /// or when it is empty the growth worked out from 上年同期 — for a
    /// rate, in percentage points.
    Growth,
}

/// A region's place among the regions that have an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rank {
    /// 1 for the largest.
    pub place: usize,
    /// How many regions were ranked.
    pub of: usize,
}

impl Rank {
    /// The rank as releases write it: 第3位.
    pub fn text(self) -> String {
        format!("第{}位", self.place)
    }
}

/// The ranks of every region-specific indicator of a workbook.
#[derive(Debug, Clone, Default)]
pub struct Ranks {
    /// (code, what) → each region's place, and how many were ranked:
    /// worked out once, as the overview asks for every region's place of
    /// every indicator (thousands of regions: millions of places).
    places: HashMap<(String, RankBy), (HashMap<String, usize>, usize)>,
}

impl Ranks {
    /// Ranks the indicators that belong to a region (see
    /// [`Indicator::region`]); those shared by all regions have no rank.
    ///
    /// ```
    /// use briefing::diagnostic::CellRef;
    /// use briefing::model::Indicator;
    /// use briefing::wording::{RankBy, Ranks};
    ///
    /// let gdp = |region: &str, value: f64, yoy: f64| {
    ///     Indicator::new("gdp", "地区生产总值", CellRef::new("指标", 1, 0))
    ///         .with_value(value)
    ///         .with_unit("亿元")
    ///         .with_yoy(yoy)
    ///         .with_region(region.to_string())
    /// };
    /// let ranks = Ranks::new(&[gdp("城关区", 800.0, 2.1), gdp("西固区", 300.0, 2.1), gdp("榆中县", 120.0, 3.0)]);
    /// assert_eq!(ranks.rank("gdp", "西固区", RankBy::Value).unwrap().text(), "第2位");
    /// // Ties share a rank.
    /// assert_eq!(ranks.rank("gdp", "城关区", RankBy::Growth).unwrap().text(), "第2位");
    /// assert_eq!(ranks.rank("gdp", "西固区", RankBy::Growth).unwrap().text(), "第2位");
    /// ```
    pub fn new(indicators: &[Indicator]) -> Ranks {
        let mut figures: HashMap<(String, RankBy), Vec<(String, f64)>> = HashMap::new();
        for indicator in indicators {
            let Some(region) = &indicator.region else {
                continue;
            };
            let mut add = |by, figure| {
                figures
                    .entry((indicator.code.clone(), by))
                    .or_default()
                    .push((region.clone(), figure));
            };
            if let Some(value) = indicator.figure(Column::Value) {
                let shown = shown_number(value);
                add(RankBy::Value, shown.to_f64().unwrap_or(value.value));
            }
            if let Some(growth) = growth_number(indicator).and_then(|g| g.to_f64()) {
                add(RankBy::Growth, growth);
            }
        }
        let places = figures
            .into_iter()
            .map(|(key, figures)| {
                let mut sorted: Vec<f64> = figures.iter().map(|(_, f)| *f).collect();
                sorted.sort_by(|a, b| b.total_cmp(a));
                let mut places = HashMap::with_capacity(figures.len());
                for (region, figure) in &figures {
                    // 1 + how many are larger: ties share a place.
                    let place = 1 + sorted.partition_point(|f| f > figure);
                    places.entry(region.clone()).or_insert(place);
                }
                (key, (places, figures.len()))
            })
            .collect();
        Ranks { places }
    }

    /// The rank of `region` by indicator `code`; `None` when the region
    /// has no such figure, or the indicator is shared by all regions.
    pub fn rank(&self, code: &str, region: &str, by: RankBy) -> Option<Rank> {
        let (places, of) = self.places.get(&(code.to_string(), by))?;
        Some(Rank {
            place: *places.get(region)?,
            of: *of,
        })
    }

    /// Whether any region has indicator `code`.
    pub fn ranks(&self, code: &str) -> bool {
        self.places.contains_key(&(code.to_string(), RankBy::Value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::CellRef;
    use crate::model::Figure;

    /// 同比 worked out by a formula (`5.6382…`) and shown with one decimal.
    fn region(name: &str, value: f64, yoy: f64) -> Indicator {
        let shown = |value| Figure {
            decimals: Some(1),
            ..Figure::new(value)
        };
        Indicator::new("gdp", "地区生产总值", CellRef::new("指标", 1, 0))
            .with_figure(Column::Value, shown(value))
            .with_unit("亿元")
            .with_figure(Column::Yoy, shown(yoy))
            .with_region(name.to_string())
    }

    #[test]
    fn figures_that_read_the_same_share_a_rank() {
        let ranks = Ranks::new(&[
            region("城关区", 800.04, 5.638_297_872),
            region("西固区", 800.01, 5.6),
            region("榆中县", 120.0, 5.64),
        ]);
        let place = |r, by| ranks.rank("gdp", r, by).unwrap().place;
        // 800.0 and 800.0; 5.6, 5.6 and 5.6.
        assert_eq!(place("城关区", RankBy::Value), 1);
        assert_eq!(place("西固区", RankBy::Value), 1);
        assert_eq!(place("榆中县", RankBy::Value), 3);
        for r in ["城关区", "西固区", "榆中县"] {
            assert_eq!(place(r, RankBy::Growth), 1, "{r}");
        }
    }
}
