//! The problems of a bureau's own table (`bureau`): a header it does not
//! know, a figure it cannot read, figures without a name.

use super::{CellProblem, Problem};
use crate::diagnostic::Severity;

/// What is wrong with a bureau's table.
#[derive(Debug, thiserror::Error)]
pub(crate) enum BureauProblem {
    /// A header cell that names nothing known: its column is printed as
    /// text, not read as figures.
    #[error("表头“{header}”不认识，这一列按文字原样印出，不作为指标的数字")]
    UnknownHeader {
        /// The header as printed.
        header: String,
        /// The known header nearest it.
        nearest: String,
    },
    /// A multiple (`1.5倍`) whose number does not read.
    #[error("“{typed}”不是数字")]
    NotTimes {
        /// The cell's text.
        typed: String,
    },
    /// A cell holding an error value (#DIV/0!, #N/A).
    #[error("单元格是错误值“{error}”")]
    ErrorValue {
        /// The error value.
        error: String,
    },
    /// A formula whose result the file does not store.
    #[error(
        "单元格是公式“={formula}”，但文件里没有它的计算结果；用 Excel、WPS 或 LibreOffice 打开并保存一次"
    )]
    NoResult {
        /// The formula, without its `=`.
        formula: String,
    },
    /// A figure cell that is not a number.
    #[error("{0}")]
    Figure(CellProblem),
    /// A row with figures but no name.
    #[error("这一行有数字，但没有指标名称，不读取")]
    NoName,
}

impl Problem for BureauProblem {
    fn severity(&self) -> Severity {
        match self {
            BureauProblem::UnknownHeader { .. } | BureauProblem::NoName => Severity::Warning,
            _ => Severity::Error,
        }
    }

    fn hint(&self) -> Option<String> {
        Some(match self {
            BureauProblem::UnknownHeader { nearest, .. } => {
                format!("如果这一列是数字，把表头改成认得的写法，最接近的是“{nearest}”")
            }
            BureauProblem::NoName => "在这一格写上指标名称；不是指标的行请删掉其中的数字".into(),
            BureauProblem::NotTimes { .. }
            | BureauProblem::ErrorValue { .. }
            | BureauProblem::NoResult { .. }
            | BureauProblem::Figure(_) => {
                "只填写数字（如 6.2、-2.1），没有数字时写“—”或留空".into()
            }
        })
    }
}
