//! What joining a data file's earlier periods tells (`series`).

use super::Problem;
use crate::diagnostic::Severity;

/// What is missing or revised in a series of data files.
#[derive(Debug, thiserror::Error)]
pub(crate) enum SeriesProblem {
    /// A month between the earliest file and this one without a file.
    #[error(
        "缺少{missing}的数据文件：找到了{found}和{current}的，{missing}的数字（与上期比较、走势）无从得知"
    )]
    MissingMonth {
        /// The month missing: `2023年9月`.
        missing: String,
        /// The months found, joined by 、.
        found: String,
        /// This file's month.
        current: String,
    },
    /// A figure of the previous period that this period's file gives
    /// differently: the newer one is used.
    #[error(
        "“{name}”{spoken}的{what}，{before}的文件（{before_file}）是{old}，{current}的文件（{file}）改为{revised}：用较新的"
    )]
    Revised {
        /// The indicator's name.
        name: String,
        /// The previous period as prose says it: `1—10月份`.
        spoken: String,
        /// The figure: 同比 or 数值.
        what: &'static str,
        /// The previous period's month.
        before: String,
        /// Its file.
        before_file: String,
        /// The figure it gives.
        old: String,
        /// This period's month.
        current: String,
        /// This period's file.
        file: String,
        /// The figure this file gives.
        revised: String,
    },
}

impl Problem for SeriesProblem {
    fn severity(&self) -> Severity {
        match self {
            SeriesProblem::MissingMonth { .. } => Severity::Warning,
            SeriesProblem::Revised { .. } => Severity::Info,
        }
    }

    fn hint(&self) -> Option<String> {
        match self {
            SeriesProblem::MissingMonth { missing, .. } => Some(format!(
                "把{missing}的数据文件放进工作簿所在的文件夹（文件名与“数据”相符）"
            )),
            SeriesProblem::Revised { .. } => None,
        }
    }
}
