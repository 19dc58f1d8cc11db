//! What an indicator's kind says about its changes: whether it rises as a
//! price does ([`Verbs`]), whether it changes in percentage points, and its
//! growth.
//!
//! Wording (`{代码:同比}`), ranks (`{代码:增速位次}`), the reader's checks
//! and the batch overview all ask [`Indicator::growth`], so that a figure is
//! worded, ranked and checked by one rule.

use super::vocabulary::Column;
use super::{Indicator, Kind};
use crate::number::{difference, rounded};

/// The growth of an indicator over the same period a year earlier.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Growth {
    /// In percent, as typed in 同比: 1.5 means +1.5%.
    Typed(f64),
    /// In percent, worked out from 上年同期 and not rounded; told to one
    /// decimal unless asked otherwise.
    Percent(f64),
    /// In percentage points, for a rate or share: 数值 − 上年同期, with
    /// the decimals of the two.
    Points(f64),
}

impl Growth {
    /// The decimals the growth is told with when none are asked for:
    /// one for a percentage worked out, else `None` (as typed).
    pub fn default_places(self) -> Option<u32> {
        match self {
            Growth::Percent(_) => Some(1),
            Growth::Typed(_) | Growth::Points(_) => None,
        }
    }

    /// The figure as `{代码:同比}` words it by default when the sheet shows
    /// no decimals for it: 25.0 for +25%, 0.6 for +0.6 points.
    pub fn figure(self) -> f64 {
        let (Growth::Typed(n) | Growth::Percent(n) | Growth::Points(n)) = self;
        rounded(n, self.default_places()).to_f64().unwrap_or(n)
    }
}

/// The verbs of a change: an amount 增长, a price 上涨, both 下降; a stock
/// 增加 and 减少. The
/// words themselves are the wording's (`crate::wording`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Verbs {
    /// 增长 / 下降: amounts, volumes, values.
    #[default]
    Growth,
    /// 上涨 / 下降: prices and price indices.
    Price,
    /// 增加 / 减少: stocks (存栏).
    Stock,
}

impl Kind {
    /// The kind a name suggests when the 类型 column says nothing:
    /// 居民消费价格 is a price, 居民消费价格指数 an index.
    pub(super) fn from_name(name: &str) -> Kind {
        if name.ends_with("指数") {
            Kind::Index
        } else if name.contains("存栏") {
            Kind::Stock
        } else if is_price_name(name) {
            Kind::Price
        } else {
            Kind::Total
        }
    }
}

/// Whether an indicator's name says it is a price (价格, 物价, 房价, CPI,
/// PPI…).
pub fn is_price_name(name: &str) -> bool {
    let upper = name.to_uppercase();
    ["价格", "物价", "房价", "油价", "票价", "租金"]
        .iter()
        .any(|word| name.contains(word))
        || ["CPI", "PPI", "RPI"]
            .iter()
            .any(|word| upper.contains(word))
}

impl Indicator {
    /// Whether changes of this figure are a price's: 上涨 rather than 增长.
    pub fn is_price(&self) -> bool {
        match self.kind {
            Kind::Price => true,
            Kind::Index => is_price_name(&self.name),
            Kind::Total | Kind::Rate | Kind::Stock => false,
        }
    }

    /// The verbs this figure's changes take: a price's 上涨, a stock's
    /// 增加, else 增长.
    pub fn verbs(&self) -> Verbs {
        if self.is_price() {
            Verbs::Price
        } else if self.kind == Kind::Stock {
            Verbs::Stock
        } else {
            Verbs::Growth
        }
    }

    /// Whether this figure is a rate or share, whose changes are told in
    /// percentage points: 类型 比率, or a unit of % or ‰.
    pub fn is_rate(&self) -> bool {
        self.kind == Kind::Rate || crate::number::is_rate(&self.unit)
    }

    /// The growth as worded and ranked: 同比 as typed, else worked out
    /// from 上年同期 (see [`Indicator::growth_from_previous`]); `None`
    /// when neither gives one.
    ///
    /// ```
    /// use briefing::diagnostic::CellRef;
    /// use briefing::model::{Growth, Indicator, Kind};
    ///
    /// let rate = Indicator::new("r", "研发投入强度", CellRef::new("指标", 1, 0))
    ///     .with_value(2.5)
    ///     .with_kind(Kind::Rate)
    ///     .with_previous(2.0);
    /// assert_eq!(rate.growth(), Some(Growth::Points(0.5)));
    /// let total = Indicator { kind: Kind::Total, ..rate };
    /// assert_eq!(total.growth().map(Growth::figure), Some(25.0));
    /// ```
    pub fn growth(&self) -> Option<Growth> {
        match self.get(Column::Yoy) {
            Some(yoy) => Some(Growth::Typed(yoy)),
            None => self.growth_from_previous(),
        }
    }

    /// The growth worked out from 数值 and 上年同期, whatever 同比 says: in
    /// points for a rate, else in percent (none from a 上年同期 of 0).
    pub fn growth_from_previous(&self) -> Option<Growth> {
        let (value, previous) = (self.get(Column::Value)?, self.get(Column::Previous)?);
        if self.is_rate() {
            let points = difference(value, previous).to_f64()?;
            Some(Growth::Points(points))
        } else if previous != 0.0 {
            Some(Growth::Percent((value / previous - 1.0) * 100.0))
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::CellRef;

    fn indicator(kind: Kind, unit: &str, value: f64, previous: f64) -> Indicator {
        Indicator::new("x", "指标", CellRef::new("指标", 1, 0))
            .with_value(value)
            .with_unit(unit)
            .with_kind(kind)
            .with_previous(previous)
    }

    #[test]
    fn a_rate_grows_in_points_and_anything_else_in_percent() {
        let share = indicator(Kind::Total, "%", 84.6, 83.8);
        assert_eq!(share.growth_from_previous(), Some(Growth::Points(0.8)));
        let rate = indicator(Kind::Rate, "", 10.6, 10.0);
        assert_eq!(rate.growth().map(Growth::figure), Some(0.6));
        let total = indicator(Kind::Total, "亿元", 10.6, 10.0);
        assert_eq!(total.growth().map(Growth::figure), Some(6.0));
        assert_eq!(indicator(Kind::Total, "亿元", 1.0, 0.0).growth(), None);
    }

    #[test]
    fn a_typed_yoy_comes_first_and_keeps_its_decimals() {
        let typed = indicator(Kind::Rate, "%", 10.6, 10.0).with_yoy(1.25);
        assert_eq!(typed.growth(), Some(Growth::Typed(1.25)));
        assert_eq!(typed.growth().map(Growth::figure), Some(1.25));
        // Worked out, a percentage is told (and ranked) to one decimal.
        let worked_out = indicator(Kind::Total, "亿元", 1422.22, 1401.2);
        assert_eq!(worked_out.growth().map(Growth::figure), Some(1.5));
    }
}
