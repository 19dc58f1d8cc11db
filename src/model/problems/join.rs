//! The problems of joining descriptions and figures (`join`): an
//! indicator sheet read per region, and figures given in two places.

use super::Problem;
use crate::model::vocabulary::Column;

/// What is wrong with where an indicator's figures are.
#[derive(Debug, thiserror::Error)]
pub(crate) enum JoinProblem {
    /// An empty indicator sheet in a workbook read per region.
    #[error("“指标”工作表是空的，无法按“{column}”分别编译")]
    EmptySheet {
        /// The column the workbook is read per.
        column: String,
    },
    /// An indicator sheet without the column the workbook is read per.
    #[error("“指标”工作表没有“{column}”列，无法按它分别编译")]
    NoRegionColumn {
        /// The column the workbook is read per.
        column: String,
        /// The sheet's column names, joined by 、.
        names: String,
        /// The header's row, one-based.
        row: u32,
    },
    /// A column of regions without any region.
    #[error("“{column}”列是空的，没有可以分别编译的报告")]
    NoRegions {
        /// The column that names the region.
        column: String,
    },
    /// A region named in the indicator sheet when a wide sheet gives the
    /// regions' figures.
    #[error("各{column}的数字已填在“{sheet}”表中，“指标”表的“{column}”列应当空着")]
    RegionNotAllowed {
        /// The column that names the region.
        column: String,
        /// The wide sheet.
        sheet: String,
    },
    /// A figure typed in the indicator sheet for a code the wide sheet
    /// gives: which report it would count for is not clear.
    #[error(
        "指标“{code}”的数字按{column}填在“{sheet}”表中，这里的“{}”不知该用于哪份报告",
        .figure.chinese()
    )]
    FigureNotHere {
        /// The indicator's code.
        code: String,
        /// The column that names the region.
        column: String,
        /// The wide sheet.
        sheet: String,
        /// The figure typed.
        figure: Column,
    },
    /// A code without 数值 in an indicator sheet without a 数值 column
    /// (which only a wide sheet allows) that the wide sheet does not give
    /// either.
    #[error("指标“{code}”没有数值：“指标”表没有“数值”列，“{sheet}”表也没有“{code}”列")]
    NoValue {
        /// The indicator's code.
        code: String,
        /// The column that names the region.
        column: String,
        /// The wide sheet, empty when there is none.
        sheet: String,
    },
}

impl Problem for JoinProblem {
    fn hint(&self) -> Option<String> {
        Some(match self {
            JoinProblem::EmptySheet { column } => {
                format!("填写指标，并加一列“{column}”写明每个指标所属的{column}")
            }
            JoinProblem::NoRegionColumn { column, names, row } => format!(
                "这张表的列有：{names}。请检查 --per 后面的列名，或在第 {row} 行（标题行）加上“{column}”列"
            ),
            JoinProblem::NoRegions { column } => {
                format!("在“{column}”列填写每个指标所属的{column}；对所有报告都有效的指标留空")
            }
            JoinProblem::RegionNotAllowed { column, sheet } => format!(
                "“指标”表每个代码只写一行（名称、单位、板块……），各{column}的数字填在“{sheet}”表；删掉这一格，或删掉“{column}”列"
            ),
            JoinProblem::FigureNotHere { code, sheet, .. } => format!(
                "删掉这一格；如果这是对所有报告都有效的数字（例如全市的），给它另起一个代码（如 city_{code}）单独写一行，不要在“{sheet}”表中写这个代码"
            ),
            JoinProblem::NoValue {
                code,
                column,
                sheet,
            } => format!(
                "按{column}分别填写的数字，在“{sheet}”表加一列“{code}”；对所有报告都有效的数字，在“指标”表加“数值”列填写"
            ),
        })
    }
}
