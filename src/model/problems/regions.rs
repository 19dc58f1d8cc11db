//! The problems of a workbook read per region (`regions`).

use super::Problem;
use crate::diagnostic::Severity;

/// What is wrong with the 报告's 总览图 of a workbook read per region:
/// the overview then draws the first indicator filled in per region.
#[derive(Debug, thiserror::Error)]
pub(crate) enum RegionProblem {
    /// It names an indicator shared by every region.
    #[error(
        "“总览图”的“{wanted}”是所有{column}共用的指标，不能按{column}画图，总览改画第一个按{column}填写的指标"
    )]
    SharedOverview {
        /// The code or name given.
        wanted: String,
        /// The column that names the region.
        column: String,
        /// The codes filled in per region, in order.
        codes: Vec<String>,
    },
    /// It names no indicator.
    #[error(
        "“总览图”的“{wanted}”不是“指标”表中的代码或指标名称，总览改画第一个按{column}填写的指标"
    )]
    UnknownOverview {
        /// The code or name given.
        wanted: String,
        /// The column that names the region.
        column: String,
        /// The codes filled in per region, in order.
        codes: Vec<String>,
    },
}

impl Problem for RegionProblem {
    fn severity(&self) -> Severity {
        Severity::Warning
    }

    fn hint(&self) -> Option<String> {
        let (RegionProblem::SharedOverview { column, codes, .. }
        | RegionProblem::UnknownOverview { column, codes, .. }) = self;
        let mut hint = format!("填写一个按{column}填写的指标的代码");
        if !codes.is_empty() {
            let more = if codes.len() > 5 { "等" } else { "" };
            hint += &format!("，如 {}{more}", codes[..codes.len().min(5)].join("、"));
        }
        Some(hint)
    }
}
