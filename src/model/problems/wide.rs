//! The problems of the wide sheet (`--per 地区`): its header of codes and
//! its rows of regions.

use super::Problem;
use crate::diagnostic::CellRef;
use crate::model::vocabulary::Column;

/// What is wrong with a wide sheet.
#[derive(Debug, thiserror::Error)]
pub(crate) enum WideProblem {
    /// A second sheet of figures per region: only the first is read.
    #[error("已有按{per}填写数字的“{first}”表，这张表的数字不会用到")]
    SecondSheet {
        /// The column the workbook is read per.
        per: String,
        /// The wide sheet read.
        first: String,
    },
    /// A header without a code before its colon.
    #[error("列名“{header}”没有写代码")]
    NoCode {
        /// The header as typed.
        header: String,
    },
    /// A header whose figure after the colon is not known.
    #[error("列名“{header}”中冒号后的“{typed}”不认识")]
    UnknownFigure {
        /// The header as typed.
        header: String,
        /// What follows the colon.
        typed: String,
        /// The code before the colon.
        code: String,
    },
    /// A code's figure given in two columns.
    #[error("“{code}”的“{}”列重复，第一次在 {first}", .figure.chinese())]
    RepeatedColumn {
        /// The code.
        code: String,
        /// The figure.
        figure: Column,
        /// The first column's header cell.
        first: CellRef,
    },
    /// A row without its region.
    #[error("这一行的“{column}”是空的")]
    NoRegion {
        /// The column that names the region.
        column: String,
    },
    /// A region given in two rows.
    #[error("{column}“{region}”重复，第一次出现在 {first}")]
    RepeatedRegion {
        /// The column that names the region.
        column: String,
        /// The region.
        region: String,
        /// Its first row's cell.
        first: CellRef,
    },
    /// A sheet without any region.
    #[error("“{sheet}”表没有填写任何{column}，没有可以分别编译的报告")]
    NoRegions {
        /// The sheet's name.
        sheet: String,
        /// The column that names the region.
        column: String,
    },
    /// A code with other figures but no column of its 数值.
    #[error("有“{code}”的其他数字，却没有“{code}”列（数值）")]
    NoValueColumn {
        /// The code.
        code: String,
    },
    /// A code the indicator sheet does not list.
    #[error("列名中的代码“{code}”在“指标”表中没有")]
    UnknownCode {
        /// The code.
        code: String,
        /// The codes listed that it may have meant.
        similar: Vec<String>,
        /// The column that names the region (which a header may repeat).
        column: String,
    },
}

impl Problem for WideProblem {
    fn hint(&self) -> Option<String> {
        Some(match self {
            WideProblem::SecondSheet { per, first } => format!(
                "按{per}的数字只能填在一张表中：把这张表的列移到“{first}”表，或改掉这张表第一列的列名“{per}”"
            ),
            WideProblem::NoCode { .. } => "列名写成“代码”或“代码:同比”，例如 gdp、gdp:同比".into(),
            WideProblem::UnknownFigure { code, .. } => {
                let names: Vec<&str> = Column::FIGURES.iter().map(|f| f.chinese()).collect();
                format!(
                    "冒号后可以写：{}；只写代码（如 {code}）就是数值",
                    names.join("、")
                )
            }
            WideProblem::RepeatedColumn { .. } => {
                "每个代码的每种数字只写一列：删掉其中一列，或改正列名".into()
            }
            WideProblem::NoRegion { column } => format!(
                "填写这一行的{column}名称；对所有报告都有效的数字不写在这张表中，写在“指标”表的“数值”列"
            ),
            WideProblem::RepeatedRegion { column, .. } => {
                format!("每个{column}只写一行：删掉重复的一行，或把它的数字合并到第一行")
            }
            WideProblem::NoRegions { column, .. } => {
                format!("在“{column}”列下面每行写一个{column}和它的数字")
            }
            WideProblem::NoValueColumn { code } => format!("加一列“{code}”，填写各行的数值"),
            WideProblem::UnknownCode { code, column, .. } if code == column => {
                format!("第一列已是“{column}”；这张表每行一个{column}，其余各列是指标代码")
            }
            WideProblem::UnknownCode { code, similar, .. } => {
                let hint = format!(
                    "列名是“指标”表中的代码（只写代码是数值，“代码:同比”是同比）；在“指标”表加一行代码为 {code} 的指标（写明名称、单位），或改正列名"
                );
                if similar.is_empty() {
                    hint
                } else {
                    format!("是不是 {}？{hint}", similar.join("、"))
                }
            }
        })
    }
}
