//! The problems of an indicator's figures once read (`figure_cells`,
//! `figures`): a percentage that looks stored as a fraction, an index
//! level without 同比, a 同比 or 两年平均 that disagrees with the figures.

use super::Problem;
use crate::diagnostic::Severity;

/// What is doubtful about an indicator's figures.
#[derive(Debug, thiserror::Error)]
pub(crate) enum FigureProblem {
    /// A percentage that looks like one stored as a fraction (0.015 for
    /// 1.5%), in a file that does not say how its cells are formatted.
    #[error("“{label}”是 {typed}，像是设为百分比格式的 {shown}%")]
    Fraction {
        /// The column, as problems name it.
        label: String,
        /// The number read.
        typed: String,
        /// The percentage it would show.
        shown: String,
    },
    /// An index given as a level without 同比: its 同比 is worked out.
    #[error("指数“{name}”没有填同比：按上年同期为 100，同比为 {derived}")]
    IndexLevel {
        /// The indicator's name.
        name: String,
        /// The 同比 worked out.
        derived: String,
    },
    /// A typed 同比 that disagrees with the one worked out from 数值 and
    /// 上年同期.
    #[error("同比 {typed} 与数值、上年同期算出的 {computed} 不一致")]
    Yoy {
        /// The 同比 typed.
        typed: String,
        /// The one worked out.
        computed: String,
    },
    /// A typed 两年平均 that disagrees with the one worked out from 数值
    /// and 两年前同期.
    #[error("两年平均 {typed} 与数值、两年前同期算出的 {computed} 不一致")]
    TwoYear {
        /// The 两年平均 typed.
        typed: String,
        /// The one worked out.
        computed: String,
    },
}

impl Problem for FigureProblem {
    fn severity(&self) -> Severity {
        match self {
            FigureProblem::IndexLevel { .. } => Severity::Info,
            _ => Severity::Warning,
        }
    }

    fn hint(&self) -> Option<String> {
        let hint = match self {
            FigureProblem::Fraction { shown, .. } => format!(
                "这种文件格式读不出单元格格式：如果表中显示的是 {shown}%，请把单元格改为数字 {shown}，或另存为 .xlsx"
            ),
            FigureProblem::IndexLevel { .. } => return None,
            FigureProblem::Yoy { .. } => {
                "如果同比按可比价格等口径计算，可以不管；否则请核对数值、上年同期和同比".into()
            }
            FigureProblem::TwoYear { .. } => {
                "两年平均 = √(数值 ÷ 两年前同期) − 1；请核对数值、两年前同期和两年平均，或只填其中一种".into()
            }
        };
        Some(hint)
    }
}
