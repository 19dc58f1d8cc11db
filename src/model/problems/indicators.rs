//! The problems of the indicator sheet (指标): its rows' codes, names and
//! kinds.

use super::Problem;
use crate::diagnostic::{CellRef, Severity};
use crate::model::types::Kind;

/// What is wrong with a row of the indicator sheet.
#[derive(Debug, thiserror::Error)]
pub(crate) enum IndicatorProblem {
    /// A 类型 that names no kind.
    #[error("“类型”写的“{typed}”不认识")]
    UnknownKind {
        /// The 类型 as typed.
        typed: String,
    },
    /// A row without a code.
    #[error("“代码”是空的")]
    NoCode,
    /// A code with a character a placeholder cannot cite.
    #[error("代码“{code}”中不能有“{bad}”")]
    BadCharacter {
        /// The code.
        code: String,
        /// The character.
        bad: char,
    },
    /// A code that is a word of the placeholders (表, 图).
    #[error("代码“{code}”是保留字")]
    Reserved {
        /// The code.
        code: String,
    },
    /// A code named as the column the workbook is read per.
    #[error("代码“{code}”与按其分别编译的列“{column}”同名")]
    NamedAsRegionColumn {
        /// The code.
        code: String,
        /// The column that names the region.
        column: String,
    },
    /// A code given twice (in the same region).
    #[error("代码“{code}”{}重复，第一次出现在 {first}", within(.region))]
    DuplicateCode {
        /// The code.
        code: String,
        /// The region of the row, when it has one.
        region: Option<String>,
        /// Its first cell.
        first: CellRef,
    },
    /// A code given per region that is shared by every region already.
    #[error("代码“{code}”已是共用的指标（{first}）")]
    SharedAlready {
        /// The code.
        code: String,
        /// The column that names the region.
        column: String,
        /// The cell of the shared row.
        first: CellRef,
    },
    /// A code shared by every region that is given per region already.
    #[error("代码“{code}”已按{column}填写（{first}）")]
    PerRegionAlready {
        /// The code.
        code: String,
        /// The column that names the region.
        column: String,
        /// The cell of the first row given per region.
        first: CellRef,
    },
    /// A row without a name.
    #[error("指标“{code}”的“指标”名称是空的")]
    NoName {
        /// The row's code.
        code: String,
    },
    /// The kind a name made an indicator of, told when the 类型 column
    /// says nothing and it is not a 总量.
    #[error("指标“{name}”按名称当作{}", told(.kind, .price))]
    KindFromName {
        /// The indicator's name.
        name: String,
        /// The kind its name made it.
        kind: Kind,
        /// Whether the name is a price's.
        price: bool,
    },
}

/// `在“城关区”中` for a code repeated in a region.
fn within(region: &Option<String>) -> String {
    match region {
        Some(region) => format!("在“{region}”中"),
        None => String::new(),
    }
}

/// How an indicator of `kind` is worded, as the message tells it.
fn told(kind: &Kind, price: &bool) -> &'static str {
    match kind {
        Kind::Total => "总量",
        Kind::Index if *price => "价格指数：涨跌写作“上涨”“下降”",
        Kind::Index => "指数",
        Kind::Stock => "存量：增减写作“增加”“减少”",
        Kind::Price | Kind::Rate => "价格：涨跌写作“上涨”“下降”",
    }
}

impl Problem for IndicatorProblem {
    fn severity(&self) -> Severity {
        match self {
            IndicatorProblem::KindFromName { .. } => Severity::Info,
            _ => Severity::Error,
        }
    }

    fn hint(&self) -> Option<String> {
        Some(match self {
            IndicatorProblem::UnknownKind { .. } => {
                let names: Vec<String> = Kind::ALL
                    .iter()
                    .map(|kind| format!("{}（{}）", kind.names()[0], kind.names()[1]))
                    .collect();
                format!(
                    "类型可以是 {}，或留空（按名称和单位判断）",
                    names.join("、")
                )
            }
            IndicatorProblem::NoCode => {
                "给每个指标一个唯一的代码，例如 gdp，正文用 {gdp} 引用它".into()
            }
            IndicatorProblem::BadCharacter { .. } => {
                "代码只用字母、数字、下划线或汉字，不带空格、冒号、逗号、顿号和花括号".into()
            }
            IndicatorProblem::Reserved { code } => format!(
                "正文中 {{表:…}} 印出表格、{{图:…}} 画出图表，所以“表”和“图”不能作代码；请给这个指标换一个代码，如 {code}1"
            ),
            IndicatorProblem::NamedAsRegionColumn { column, .. } => {
                format!("正文中的 {{{column}}} 指当前报告的{column}名称；请给这个指标换一个代码")
            }
            IndicatorProblem::DuplicateCode { .. } => "每个指标的代码必须唯一".into(),
            IndicatorProblem::SharedAlready { column, .. }
            | IndicatorProblem::PerRegionAlready { column, .. } => format!(
                "共用的指标（“{column}”列为空的行）对每份报告都有效，不能再按{column}分别填写；请删掉其中一行，或给共用的指标换一个代码"
            ),
            IndicatorProblem::NoName { .. } => "填写指标名称，例如“地区生产总值”".into(),
            IndicatorProblem::KindFromName { .. } => {
                "不对时在“类型”列写明：总量、价格、比率或指数".into()
            }
        })
    }
}
