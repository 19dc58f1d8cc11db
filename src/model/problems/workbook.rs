//! The problems of a workbook as a whole (`Briefing::from_workbook`): the
//! sheets it lacks, and those it skips.

use super::Problem;
use crate::diagnostic::Severity;

/// What is wrong with the sheets of a workbook.
#[derive(Debug, thiserror::Error)]
pub(crate) enum WorkbookProblem {
    /// A sheet read as a plain table in a workbook without figures.
    #[error("“{sheet}”表中没有找到统计表的表头，它的数字不能按指标名称引用")]
    NoFigures {
        /// The sheet's name.
        sheet: String,
    },
    /// Sheets that are not tables of data.
    #[error("跳过了{sheets}（不是数据表格，不读取）")]
    Skipped {
        /// What was skipped, joined by 、.
        sheets: String,
    },
    /// No 报告 sheet.
    #[error("工作簿中没有“报告”工作表")]
    NoReport,
    /// No 指标 sheet in a workbook read per region.
    #[error("工作簿中没有“指标”工作表，无法按“{column}”分别编译")]
    NoIndicators {
        /// The column the workbook is read per.
        column: String,
    },
}

impl Problem for WorkbookProblem {
    fn severity(&self) -> Severity {
        match self {
            WorkbookProblem::NoFigures { .. } => Severity::Warning,
            WorkbookProblem::Skipped { .. } => Severity::Info,
            _ => Severity::Error,
        }
    }

    fn hint(&self) -> Option<String> {
        Some(match self {
            WorkbookProblem::NoFigures { .. } => {
                "统计表要有一行表头，写明指标名称和数字列，如“指标名称 | 计量单位 | 绝对值 | 比上年同期增长%”；或者新建“指标”工作表，每行一个指标".into()
            }
            WorkbookProblem::Skipped { .. } => return None,
            WorkbookProblem::NoReport => {
                "新建名为“报告”的工作表，两列“项目 | 内容”，至少填写“标题”".into()
            }
            WorkbookProblem::NoIndicators { column } => {
                format!("新建“指标”工作表，加一列“{column}”，填写每个指标所属的{column}")
            }
        })
    }
}
