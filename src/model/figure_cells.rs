//! The figures of one indicator read from their cells, and the checks made
//! of them once read: shared by the indicator sheet (a row's figure
//! columns) and the wide sheet (a region's row, the columns of one code).

use super::cells::{decimals_typed, looks_like_a_fraction, parse_number, value_at};
use super::figures::check_two_year;
use super::problems::{CellProblem, FigureProblem, Problem};
use super::vocabulary::Column;
use super::{Figure, Figures, Growth, Indicator, Kind};
use crate::diagnostic::{CellRef, Diagnostic};
use crate::number::{Decimal, format_number};
use crate::workbook::{Sheet, Value};

/// Where the figures of one indicator are: a row's cells, and the column
/// of each figure the sheet has.
#[derive(Clone, Copy)]
pub(super) struct FigureCells<'a> {
    pub sheet: &'a Sheet,
    /// Zero-based row index.
    pub row: u32,
    pub cells: &'a [Value],
    /// The figure columns (of [`Column::FIGURES`]) the sheet has, with
    /// their absolute column index.
    pub columns: &'a [(Column, u32)],
    /// In a wide sheet, the code these columns belong to: problems then
    /// name the column by its header (`gdp:同比`) rather than by `同比`.
    pub code: Option<&'a str>,
    /// Whether the file stores cell formats (a percentage cell is known).
    pub formats_known: bool,
}

/// The figures of an indicator, as read from their cells.
#[derive(Debug, Default)]
pub(super) struct ReadFigures {
    /// 数值, 同比, 环比… with the decimals each shows and its cell; 基期,
    /// which is text, is left to the caller.
    pub figures: Figures,
    /// Whether every figure could be read.
    pub ok: bool,
}

impl ReadFigures {
    /// Puts the figures into `indicator`.
    pub fn fill(self, indicator: &mut Indicator) {
        indicator.figures = self.figures;
    }
}

impl FigureCells<'_> {
    /// The absolute column of `figure`, if the sheet has it.
    pub fn col(&self, figure: Column) -> Option<u32> {
        self.columns
            .iter()
            .find(|(c, _)| *c == figure)
            .map(|&(_, col)| col)
    }

    /// The cell of `figure`, if the sheet has its column.
    pub fn at(&self, figure: Column) -> Option<CellRef> {
        self.col(figure)
            .map(|col| CellRef::new(&self.sheet.name, self.row, col))
    }

    /// The figure cells that are not blank.
    pub fn typed(&self) -> Vec<(Column, CellRef)> {
        self.columns
            .iter()
            .filter(|&&(_, col)| !value_at(self.sheet, self.cells, Some(col)).is_blank())
            .map(|&(figure, col)| (figure, CellRef::new(&self.sheet.name, self.row, col)))
            .collect()
    }

    /// Whether every figure cell is blank.
    pub fn is_blank(&self) -> bool {
        self.columns
            .iter()
            .all(|&(_, col)| value_at(self.sheet, self.cells, Some(col)).is_blank())
    }

    /// The name problems give the column of `figure`: `同比`, or in a
    /// wide sheet its header (`gdp:同比`, `gdp` for the 数值).
    fn label(&self, figure: Column) -> String {
        match (self.code, figure) {
            (Some(code), Column::Value) => code.to_string(),
            (Some(code), figure) => format!("{code}:{}", figure.chinese()),
            (None, figure) => figure.chinese().to_string(),
        }
    }

    /// Reads every figure, reporting each that cannot be read (and an
    /// empty 数值) at its cell.
    pub fn read(&self, unit: &str, diags: &mut Vec<Diagnostic>) -> ReadFigures {
        let mut read = ReadFigures {
            ok: true,
            ..ReadFigures::default()
        };
        for column in Column::FIGURES {
            let number = match self.number(column, unit, diags) {
                Ok(n) => n,
                Err(error) => {
                    diags.push(error);
                    read.ok = false;
                    None
                }
            };
            let figure = number.map(|value| Figure {
                value,
                decimals: self.decimals(column),
                cell: self.at(column),
            });
            read.figures.set(column, figure);
        }
        read
    }

    /// The number of `figure`, if the sheet has its column; an error when
    /// it cannot be read or the 数值 is empty. A percentage that looks
    /// stored as a fraction is warned about.
    fn number(
        &self,
        figure: Column,
        unit: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> Result<Option<f64>, Diagnostic> {
        let (Some(col), Some(cell)) = (self.col(figure), self.at(figure)) else {
            return Ok(None);
        };
        let value = value_at(self.sheet, self.cells, Some(col));
        let label = self.label(figure);
        let percent = figure.holds_percent();
        match parse_number(&value, unit, percent) {
            Ok(Some(n)) if percent && !self.formats_known && looks_like_a_fraction(&value) => {
                let problem = FigureProblem::Fraction {
                    label,
                    typed: format_number(n),
                    shown: Decimal::from_f64(n).shift(2).to_string(),
                };
                diags.push(problem.at(cell));
                Ok(Some(n))
            }
            Ok(None) if figure == Column::Value && value.is_blank() => {
                Err(self.empty_value().at(cell, &label))
            }
            Ok(n) => Ok(n),
            Err(problem) => Err(problem.at(cell, &label)),
        }
    }

    /// What is wrong with an empty 数值 here.
    fn empty_value(&self) -> CellProblem {
        match self.code {
            Some(code) => CellProblem::EmptyInWide {
                code: code.to_string(),
            },
            None => CellProblem::EmptyValue,
        }
    }

    /// The decimals the figure of `column` shows, where its cell says: a
    /// number typed as text (`1536.00`), or a number formatted with fixed
    /// decimals.
    fn decimals(&self, column: Column) -> Option<u32> {
        let col = self.col(column)?;
        match value_at(self.sheet, self.cells, Some(col)) {
            Value::Text(text) => decimals_typed(&text),
            Value::Number(_) | Value::Percent(_) => self.sheet.shown_places(self.row, col),
            _ => None,
        }
    }

    /// The checks of an indicator whose figures these cells hold: an index
    /// level without 同比 gets its 同比, and a typed 同比 or 两年平均 that
    /// disagrees with the figures is warned about.
    pub fn check(&self, indicator: &mut Indicator, diags: &mut Vec<Diagnostic>) {
        self.index_level_yoy(indicator, diags);
        self.check_yoy(indicator, diags);
        if let Some(cell) = self.at(Column::TwoYear) {
            diags.extend(check_two_year(indicator, cell));
        }
    }

    /// An index given as a level without 同比: 99.5 means a fall of 0.5%.
    fn index_level_yoy(&self, indicator: &mut Indicator, diags: &mut Vec<Diagnostic>) {
        let Some(level) = indicator.get(Column::Value) else {
            return;
        };
        if indicator.get(Column::Yoy).is_some()
            || indicator.kind != Kind::Index
            || !(50.0..=200.0).contains(&level)
        {
            return;
        }
        let derived = crate::number::difference(level, 100.0);
        let problem = FigureProblem::IndexLevel {
            name: indicator.name.clone(),
            derived: derived.to_string(),
        };
        diags.push(problem.at(self.at(Column::Value)));
        indicator.set(Column::Yoy, derived.to_f64().map(Figure::new));
    }

    /// Warns when the typed 同比 disagrees with the growth worked out from
    /// 数值 and 上年同期 (rates, whose growth is in points, are not checked).
    fn check_yoy(&self, indicator: &Indicator, diags: &mut Vec<Diagnostic>) {
        let (Some(yoy), Some(cell)) = (indicator.get(Column::Yoy), self.at(Column::Yoy)) else {
            return;
        };
        let Some(Growth::Percent(computed)) = indicator.growth_from_previous() else {
            return;
        };
        if let Some(computed) = inconsistent_yoy(computed, yoy) {
            let problem = FigureProblem::Yoy {
                typed: format_number(yoy),
                computed,
            };
            diags.push(problem.at(cell));
        }
    }
}

/// The `computed` growth (one decimal, or the decimals of `yoy`) when it
/// disagrees with the typed `yoy` beyond rounding.
fn inconsistent_yoy(computed: f64, yoy: f64) -> Option<String> {
    // Half a unit of the last decimal typed, plus the rounding of the figures.
    let decimals = Decimal::from_f64(yoy).decimals();
    let tolerance = 0.5 * 10f64.powi(-(decimals as i32)) + 0.05;
    ((computed - yoy).abs() > tolerance).then(|| {
        Decimal::from_f64(computed)
            .round(decimals.max(1))
            .to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_yoy_that_disagrees_with_the_figures_is_found() {
        // The growth worked out from 数值 and 上年同期 (105 against 100 is
        // +5%, 105.04 is +5.04%, 110 is +10%) against the typed 同比.
        assert_eq!(inconsistent_yoy(5.0, 5.0), None);
        assert_eq!(inconsistent_yoy(5.04, 5.0), None);
        assert_eq!(inconsistent_yoy(10.0, 5.0).as_deref(), Some("10.0"));
    }
}
