//! The problems of the report sheet (报告).

use super::Problem;
use crate::diagnostic::CellRef;

/// What is wrong with the report sheet.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ReportProblem {
    /// A sheet with nothing in it.
    #[error("“报告”工作表是空的，至少需要填写“标题”")]
    Empty,
    /// A key given twice.
    #[error("“{key}”重复出现，第一次在 {first}")]
    Repeated {
        /// The key as typed.
        key: String,
        /// The cell of its first value.
        first: CellRef,
    },
    /// A 日期 that names no real day: why, as
    /// [`crate::model::impossible_date`] says it.
    #[error("{0}")]
    ImpossibleDate(String),
    /// A 标题 without text.
    #[error("“标题”是空的")]
    EmptyTitle,
    /// No 标题 at all.
    #[error("缺少“标题”")]
    NoTitle,
}

impl Problem for ReportProblem {
    fn hint(&self) -> Option<String> {
        let hint = match self {
            ReportProblem::Empty => return None,
            ReportProblem::Repeated { .. } => "每个项目只填写一次",
            ReportProblem::ImpossibleDate(_) => {
                "按“2020年8月4日”或“2020-08-04”填写真实的日期，或把单元格设为日期格式"
            }
            ReportProblem::EmptyTitle => "填写简报的标题",
            ReportProblem::NoTitle => "在“报告”工作表中加一行：项目“标题”，内容为简报的标题",
        };
        Some(hint.into())
    }
}
