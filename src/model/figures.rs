//! The figures of an indicator (数值, 同比, 环比, 两年平均, 上期值, 基期值…),
//! each with the decimals its cell shows and the cell itself, addressed by
//! column; what a row says beyond them (the name of a second base: 比2019年
//! 同期); and the check that a typed 两年平均 agrees with the values.

use super::Indicator;
use super::problems::{FigureProblem, Problem};
use super::vocabulary::Column;
use crate::diagnostic::{CellRef, Diagnostic};
use crate::number::{Decimal, format_number};

/// A figure of an indicator (数值, 同比, 环比…) as its cell gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// The number: a percentage in percent (1.5 means +1.5%).
    pub value: f64,
    /// The decimals the sheet shows it with, where its cell says: text
    /// with its zeros (`1536.00`), or a number formatted with fixed
    /// decimals (`0.0` shows 6 as 6.0). `None`: told as typed.
    pub decimals: Option<u32>,
    /// Where it was read; `None` for a figure worked out or made in code.
    pub cell: Option<CellRef>,
}

impl Figure {
    /// A figure with no decimals shown and no cell.
    pub fn new(value: f64) -> Self {
        Figure {
            value,
            decimals: None,
            cell: None,
        }
    }
}

impl From<f64> for Figure {
    fn from(value: f64) -> Self {
        Figure::new(value)
    }
}

/// The figures of an indicator, each addressed by its column (one of
/// [`Column::FIGURES`]).
///
/// Only the figures given are kept, in the order of [`Column::FIGURES`]:
/// a row gives a few of the twelve, and a national batch holds some
/// 250,000 indicators (2,800 regions of 88), so an array of all twelve
/// took a third of its memory.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figures(Vec<(usize, Figure)>);

impl Figures {
    /// The figure of `column`, if given.
    pub fn get(&self, column: Column) -> Option<&Figure> {
        let index = column.figure_index()?;
        self.0
            .iter()
            .find(|(given, _)| *given == index)
            .map(|(_, figure)| figure)
    }

    /// Sets the figure of `column` (`None` takes it away); a column that
    /// holds no figure is ignored.
    pub fn set(&mut self, column: Column, figure: Option<Figure>) {
        let Some(index) = column.figure_index() else {
            return;
        };
        let at = self.0.binary_search_by_key(&index, |(given, _)| *given);
        match (at, figure) {
            (Ok(at), Some(figure)) => self.0[at].1 = figure,
            (Ok(at), None) => {
                self.0.remove(at);
            }
            (Err(at), Some(figure)) => self.0.insert(at, (index, figure)),
            (Err(_), None) => {}
        }
    }
}

/// What an indicator row says beyond its figures: the name of its second
/// base (基期), the period its 上期 figures are of, its monthly series,
/// how deep it sits under 其中 rows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Details {
    /// The name of a second base period (基期): `2019年同期`.
    pub base: Option<String>,
    /// The name of the period 上期 figures are of, when a table's header
    /// says (`1—10月份`): what `{代码:比较}` compares with.
    pub last_period_name: Option<String>,
    /// Its 同比 over the months of a monthly series, oldest first, when
    /// earlier periods' data files are known: (period, 同比), for
    /// `{图:代码:走势}`.
    pub series: Vec<(String, f64)>,
    /// How many rows of a bureau's table it is a part of (其中 under
    /// 其中): 0 for a row of its own; the 附表 indents it as far.
    pub depth: u32,
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
    /// The two-year average growth: 两年平均 as typed, else worked out from
    /// 两年前同期.
    ///
    /// ```
    /// use briefing::diagnostic::CellRef;
    /// use briefing::model::{Column, Indicator, TwoYear};
    ///
    /// let output = Indicator::new("x", "产量", CellRef::new("指标", 1, 0))
    ///     .with_value(121.0)
    ///     .with_unit("万吨")
    ///     .with(Column::TwoYearsAgo, 100.0);
    /// // √(121 ÷ 100) − 1 = 10%.
    /// let Some(TwoYear::Computed(average)) = output.two_year_average() else { panic!() };
    /// assert!((average - 10.0).abs() < 1e-9);
    /// ```
    pub fn two_year_average(&self) -> Option<TwoYear> {
        match self.get(Column::TwoYear) {
            Some(typed) => Some(TwoYear::Typed(typed)),
            None => self.computed_two_year().map(TwoYear::Computed),
        }
    }

    /// √(数值 ÷ 两年前同期) − 1, in percent, when both are positive.
    fn computed_two_year(&self) -> Option<f64> {
        let base = self.get(Column::TwoYearsAgo).filter(|b| *b > 0.0)?;
        let value = self.get(Column::Value).filter(|v| *v > 0.0)?;
        Some(((value / base).sqrt() - 1.0) * 100.0)
    }

    /// The growth over the named base (基期) in percent: 比基期 as typed,
    /// else worked out from 基期值 (not rounded).
    pub fn base_growth(&self) -> Option<(f64, bool)> {
        match (self.get(Column::BaseGrowth), self.get(Column::BaseValue)) {
            (Some(typed), _) => Some((typed, true)),
            (None, Some(base)) if base != 0.0 => {
                Some(((self.get(Column::Value)? / base - 1.0) * 100.0, false))
            }
            _ => None,
        }
    }
}

/// A warning when the typed 两年平均 of `indicator` (at `cell`) disagrees
/// with the one worked out from 数值 and 两年前同期 beyond rounding.
pub(super) fn check_two_year(indicator: &Indicator, cell: CellRef) -> Option<Diagnostic> {
    let typed = indicator.get(Column::TwoYear)?;
    let computed = indicator.computed_two_year()?;
    let decimals = Decimal::from_f64(typed).decimals();
    let tolerance = 0.5 * 10f64.powi(-(decimals as i32)) + 0.05;
    if (computed - typed).abs() <= tolerance {
        return None;
    }
    let problem = FigureProblem::TwoYear {
        typed: format_number(typed),
        computed: Decimal::from_f64(computed)
            .round(decimals.max(1))
            .to_string(),
    };
    Some(problem.at(cell))
}
