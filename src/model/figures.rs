//! The optional figures of an indicator beyond 同比: month-on-month change
//! (环比), two-year average growth (两年平均), the previous period's value
//! (上期值) and a named second base (基期: 比2019年同期), with the check
//! that a typed 两年平均 agrees with the values.

use super::Indicator;
use super::vocabulary::Column;
use crate::diagnostic::{CellRef, Diagnostic};
use crate::number::{Decimal, format_number};

/// The optional figures of an indicator row, each from its own column.
/// Serialized flat with the indicator (`mom`, `two_year_average`, …).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct MoreFigures {
    /// Month-on-month change in percent (环比): 0.31 means +0.31%.
    pub mom: Option<f64>,
    /// The previous period's 环比 (上期环比).
    pub previous_mom: Option<f64>,
    /// Two-year average growth in percent, as typed (两年平均).
    pub two_year_average: Option<f64>,
    /// The previous period's 两年平均 (上期两年平均).
    pub previous_two_year_average: Option<f64>,
    /// The figure of the same period two years earlier (两年前同期).
    pub two_years_ago: Option<f64>,
    /// The figure of the previous period (上期值): last month's rate.
    pub last_period: Option<f64>,
    /// The name of a second base period (基期): `2019年同期`.
    pub base: Option<String>,
    /// The figure of that base period (基期值).
    pub base_value: Option<f64>,
    /// The growth over that base period in percent (比基期).
    pub base_growth: Option<f64>,
    /// The name of the period 上期 figures are of, when a table's header
    /// says (`1—10月份`): what `{代码:比较}` compares with.
    #[serde(skip)]
    pub last_period_name: Option<String>,
    /// The decimals figures show in the sheet, by column, where the cell
    /// says: text with its zeros (`1536.00`), or a number formatted with
    /// fixed decimals (`0.0` shows 6 as 6.0).
    #[serde(skip)]
    pub shown: Vec<(Column, u32)>,
    /// Its 同比 over the months of a monthly series, oldest first, when
    /// earlier periods' data files are known: (period, 同比), for
    /// `{图:代码:走势}`.
    #[serde(skip)]
    pub series: Vec<(String, f64)>,
}

impl MoreFigures {
    /// Sets the figure of `column` (one of [`Column::MORE_FIGURES`]).
    pub(super) fn set(&mut self, column: Column, figure: Option<f64>) {
        let field = match column {
            Column::Mom => &mut self.mom,
            Column::PreviousMom => &mut self.previous_mom,
            Column::TwoYear => &mut self.two_year_average,
            Column::PreviousTwoYear => &mut self.previous_two_year_average,
            Column::TwoYearsAgo => &mut self.two_years_ago,
            Column::LastPeriod => &mut self.last_period,
            Column::BaseValue => &mut self.base_value,
            Column::BaseGrowth => &mut self.base_growth,
            _ => return,
        };
        *field = figure;
    }
}

/// A two-year average growth, in percent.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TwoYear {
    /// As typed in 两年平均.
    Typed(f64),
    /// Worked out from 数值 and 两年前同期 (√(数值 ÷ 两年前同期) − 1), not
    /// rounded; told to one decimal unless asked otherwise.
    Computed(f64),
}

impl Indicator {
    /// The decimals the figure of `column` shows in the sheet, when its
    /// cell says (see [`MoreFigures::shown`]).
    pub fn shown_places(&self, column: Column) -> Option<u32> {
        self.more
            .shown
            .iter()
            .find(|(c, _)| *c == column)
            .map(|(_, places)| *places)
    }

    /// The two-year average growth: 两年平均 as typed, else worked out from
    /// 两年前同期.
    ///
    /// ```
    /// use briefing::diagnostic::CellRef;
    /// use briefing::model::{Indicator, Kind, MoreFigures, TwoYear};
    ///
    /// let more = MoreFigures { two_years_ago: Some(100.0), ..Default::default() };
    /// let output = Indicator::new("x", "产量", CellRef::new("指标", 1, 0))
    ///     .with_value(121.0)
    ///     .with_unit("万吨")
    ///     .with_more(more);
    /// // √(121 ÷ 100) − 1 = 10%.
    /// let Some(TwoYear::Computed(average)) = output.two_year_average() else { panic!() };
    /// assert!((average - 10.0).abs() < 1e-9);
    /// ```
    pub fn two_year_average(&self) -> Option<TwoYear> {
        match self.more.two_year_average {
            Some(typed) => Some(TwoYear::Typed(typed)),
            None => self.computed_two_year().map(TwoYear::Computed),
        }
    }

    /// √(数值 ÷ 两年前同期) − 1, in percent, when both are positive.
    fn computed_two_year(&self) -> Option<f64> {
        let base = self.more.two_years_ago.filter(|b| *b > 0.0)?;
        let value = self.value.filter(|v| *v > 0.0)?;
        Some(((value / base).sqrt() - 1.0) * 100.0)
    }

    /// The growth over the named base (基期) in percent: 比基期 as typed,
    /// else worked out from 基期值 (not rounded).
    pub fn base_growth(&self) -> Option<(f64, bool)> {
        match (self.more.base_growth, self.more.base_value) {
            (Some(typed), _) => Some((typed, true)),
            (None, Some(base)) if base != 0.0 => Some(((self.value? / base - 1.0) * 100.0, false)),
            _ => None,
        }
    }
}

/// A warning when the typed 两年平均 of `indicator` (at `cell`) disagrees
/// with the one worked out from 数值 and 两年前同期 beyond rounding.
pub(super) fn check_two_year(indicator: &Indicator, cell: CellRef) -> Option<Diagnostic> {
    let typed = indicator.more.two_year_average?;
    let computed = indicator.computed_two_year()?;
    let decimals = Decimal::from_f64(typed).decimals();
    let tolerance = 0.5 * 10f64.powi(-(decimals as i32)) + 0.05;
    if (computed - typed).abs() <= tolerance {
        return None;
    }
    let computed = Decimal::from_f64(computed).round(decimals.max(1));
    Some(
        Diagnostic::warning(
            Some(cell),
            format!(
                "两年平均 {} 与数值、两年前同期算出的 {computed} 不一致",
                format_number(typed)
            ),
        )
        .with_hint(
            "两年平均 = √(数值 ÷ 两年前同期) − 1；请核对数值、两年前同期和两年平均，或只填其中一种",
        ),
    )
}
