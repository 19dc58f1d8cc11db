//! The problems of a sheet read as a header row and data rows (`table`).

use super::Problem;
use crate::diagnostic::Severity;
use crate::model::vocabulary::Column;

/// What is wrong with a table's header or cells.
#[derive(Debug, thiserror::Error)]
pub(crate) enum TableProblem {
    /// A cell holding an error value (#DIV/0!, #N/A).
    #[error("单元格是错误值“{error}”")]
    ErrorValue {
        /// The error value.
        error: String,
    },
    /// A formula whose result the file does not store.
    #[error("单元格是公式“={formula}”，但文件里没有它的计算结果")]
    NoResult {
        /// The formula, without its `=`.
        formula: String,
    },
    /// A header without a column it needs.
    #[error("缺少“{}”列", .column.names()[0])]
    MissingColumn {
        /// The column missing.
        column: Column,
        /// The header's row, one-based.
        row: u32,
    },
    /// A header naming no known column: the column is not read.
    #[error("列名“{header}”不认识，这一列没有读入")]
    UnknownHeader {
        /// The header, normalised.
        header: String,
        /// The known name nearest it.
        nearest: String,
        /// Every known name, joined by 、.
        known: String,
    },
}

impl Problem for TableProblem {
    fn severity(&self) -> Severity {
        match self {
            TableProblem::UnknownHeader { .. } => Severity::Warning,
            _ => Severity::Error,
        }
    }

    fn hint(&self) -> Option<String> {
        Some(match self {
            TableProblem::ErrorValue { .. } => {
                "修正这个单元格的公式或数据，使它显示正常的值".into()
            }
            TableProblem::NoResult { .. } => {
                "这个文件多半由程序生成、从未在表格软件中打开过：用 Excel、WPS 或 LibreOffice 打开并保存一次，再重新编译".into()
            }
            TableProblem::MissingColumn { column, row } => {
                let names = column.names();
                let aliases = match &names[1..] {
                    [] => String::new(),
                    others => format!("（也可写作 {}）", others.join("、")),
                };
                format!(
                    "在第 {row} 行（标题行）添加名为“{}”的列{aliases}",
                    names[0]
                )
            }
            TableProblem::UnknownHeader {
                nearest, known, ..
            } => format!("如果它是“{nearest}”列，请把列名改成“{nearest}”；认识的列名有：{known}"),
        })
    }
}
