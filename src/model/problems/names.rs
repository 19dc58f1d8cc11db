//! The problems of citing a bureau table's rows by name (`names`).

use super::Problem;

/// What is wrong with the names of a bureau table's rows.
#[derive(Debug, thiserror::Error)]
pub(crate) enum NameProblem {
    /// A row whose every name (bare and qualified) another row prints.
    #[error("“{name}”在同一处重复出现（{places}），无法区分")]
    Repeated {
        /// The row's name.
        name: String,
        /// The cells that print it, joined by 、.
        places: String,
    },
    /// A row of the indicator sheet without figures whose name no single
    /// row of the tables prints.
    #[error("指标“{name}”没有数值，表格中也找不到只此一处的同名指标")]
    NotPrinted {
        /// The name, as the indicator sheet gives it.
        name: String,
    },
}

impl Problem for NameProblem {
    fn hint(&self) -> Option<String> {
        let hint = match self {
            NameProblem::Repeated { .. } => "删掉重复的一行，或改一个名称",
            NameProblem::NotPrinted { .. } => {
                "填写数值；或者检查名称是否和表格中印的完全一样（表格中重名时在这里填写数值）"
            }
        };
        Some(hint.into())
    }
}
