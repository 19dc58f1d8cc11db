//! What can be wrong with a cell's value ([`CellProblem`]), said after
//! the name of its column: `“数值”` + `应为数字，实际为“约一千”`.

use super::Problem;
use crate::diagnostic::{CellRef, Diagnostic};

/// What is wrong with a cell's value, and how to fix it; it becomes a
/// diagnostic at the cell with [`CellProblem::at`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CellProblem {
    /// A cell formatted as a percentage in a row of another unit.
    #[error("单元格设为百分比格式（显示为 {shown}%），但“单位”是“{unit}”")]
    Percent {
        /// The percentage the cell shows.
        shown: String,
        /// The row's unit.
        unit: String,
    },
    /// A number followed by a unit other than the row's.
    #[error("中数字后写的单位“{typed}”与“单位”列的“{unit}”不一致")]
    OtherUnit {
        /// The unit typed after the number.
        typed: String,
        /// The row's unit.
        unit: String,
    },
    /// Text that is not a number.
    #[error("应为数字，实际为“{found}”")]
    NotANumber {
        /// The text found.
        found: String,
    },
    /// An empty 数值 of an indicator sheet's row.
    #[error("是空的")]
    EmptyValue,
    /// An empty 数值 of an indicator sheet's row when a wide sheet gives
    /// the figures given per region.
    #[error("是空的")]
    EmptyBesideWide {
        /// The wide sheet's name.
        sheet: String,
    },
    /// An empty 数值 in a wide sheet's row of a region.
    #[error("是空的")]
    EmptyInWide {
        /// The code whose 数值 it is.
        code: String,
    },
}

impl CellProblem {
    /// How to fix it.
    pub fn hint(&self) -> String {
        match self {
            CellProblem::Percent { .. } => "把单元格格式改为“常规”或“数值”，或把单位改为 %".into(),
            CellProblem::OtherUnit { .. } => {
                "只在“单位”列写单位；若数字确是这个单位，请把“单位”列改成一致，或换算数字".into()
            }
            CellProblem::NotANumber { .. } => "只填写数字，例如 1422.22；单位写在“单位”列".into(),
            CellProblem::EmptyValue => "每个指标都要填写数值".into(),
            CellProblem::EmptyBesideWide { sheet } => {
                format!("每个指标都要填写数值；分别填写的数字写在“{sheet}”表中，列名是指标的代码")
            }
            CellProblem::EmptyInWide { code } => format!(
                "填写这一格的数值；这一行没有“{code}”这个指标时，把这一行“{code}”的各列都留空"
            ),
        }
    }

    /// The problem as an error at `cell` of the column named `label`.
    pub fn at(self, cell: CellRef, label: &str) -> Diagnostic {
        InColumn {
            label,
            problem: self,
        }
        .at(cell)
    }
}

/// A cell's problem said after the name of its column.
#[derive(Debug, thiserror::Error)]
#[error("“{label}”{problem}")]
struct InColumn<'a> {
    label: &'a str,
    problem: CellProblem,
}

impl Problem for InColumn<'_> {
    fn hint(&self) -> Option<String> {
        Some(self.problem.hint())
    }
}
