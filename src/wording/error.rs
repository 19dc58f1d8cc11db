//! What can go wrong while wording a text: a stray brace, or a placeholder
//! that cannot be worded. Every problem is a value here; [`WordingError::at`]
//! turns it into the [`Diagnostic`] users read, in one place.

use crate::diagnostic::{CellRef, Diagnostic};
use crate::model::{Column, Rejected};

/// The forms a placeholder can take, for hints.
pub const FORMS_HINT: &str = "可用的写法：{代码}、{代码:数值}、{代码:同比}、{代码:上年同期}、{代码:上期同比}、{代码:增减}、{代码:比较:一季度}、{代码:环比}、{代码:上期环比}、{代码:两年平均}、{代码:上期值}、{代码:比基期}、{代码:影响:CPI}、{a、b、c:结构}、{代码:差值:代码:全国}、{板块:增长个数}、{报告期:累计}、{代码:比重:总体代码}、{代码:比重变化:总体代码}、{代码:拉动:总体代码}、{代码:对比:代码:全省}、{代码:位次}、{代码:增速位次}，或换算单位 {代码:万元}；几个代码用顿号隔开，如 {a、b:同比}；措辞词写在参数后面，如 {a、b:比较:上月:较:顿号}；小数位数写在最后，如 {代码:亿元:2}、{代码:同比:1}；要写花括号本身，请写 {{ 或 }}";

/// Why a text could not be worded.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum WordingError {
    /// A `}` that closes nothing and is not escaped as `}}`.
    #[error("多余的“}}”")]
    StrayBrace,
    /// A `{` without its `}`: `start` is the text after it (12 characters
    /// at most).
    #[error("占位符“{{{start}”没有闭合的“}}”")]
    Unclosed {
        /// The beginning of the placeholder, as typed.
        start: String,
    },
    /// A placeholder that cannot be worded.
    #[error("占位符“{{{placeholder}}}”{problem}")]
    Placeholder {
        /// The placeholder's inside, as typed: `gdp:同比`.
        placeholder: String,
        /// What is wrong with it.
        problem: Problem,
    },
}

impl WordingError {
    /// The problem `problem` of the placeholder typed as `{placeholder}`.
    pub fn placeholder(placeholder: &str, problem: Problem) -> Self {
        WordingError::Placeholder {
            placeholder: placeholder.to_string(),
            problem,
        }
    }

    /// The error as users read it, at the cell of its text, with the hint
    /// that helps with it.
    pub fn at(&self, cell: &CellRef) -> Diagnostic {
        let error = Diagnostic::error(Some(cell.clone()), self.to_string());
        match self.hint() {
            Some(hint) => error.with_hint(hint),
            None => error,
        }
    }

    /// What helps with this error: the forms a placeholder can take when
    /// the placeholder is written wrong, how to fill a figure it lacks…;
    /// nothing when the message says it all.
    fn hint(&self) -> Option<String> {
        let problem = match self {
            WordingError::StrayBrace | WordingError::Unclosed { .. } => {
                return Some(
                    "占位符写成 {代码} 或 {代码:写法}；要写花括号本身，请写 {{ 或 }}".into(),
                );
            }
            WordingError::Placeholder { problem, .. } => problem,
        };
        match problem {
            Problem::NoCode
            | Problem::Places { .. }
            | Problem::NeedsOther { .. }
            | Problem::TooManyParts
            | Problem::UnknownForm { .. }
            | Problem::SpanOfIndicator { .. } => Some(FORMS_HINT.into()),
            Problem::UnknownCode { .. } => {
                Some("代码要和“指标”表“代码”列写的一模一样（包括大小写）".into())
            }
            Problem::Missing { column, .. } => Some(format!(
                "在那一行填写“{}”，或改用不需要它的写法",
                needed(column)
            )),
            _ => None,
        }
    }

    /// Whether the error is a code that no indicator has.
    pub(super) fn is_unknown_code(&self) -> bool {
        matches!(
            self,
            WordingError::Placeholder {
                problem: Problem::UnknownCode { .. },
                ..
            }
        )
    }

    /// The row of the indicator this error cites when that row has an
    /// error of its own (reported there, not again here).
    pub(super) fn rejected_row<'r>(&self, rejected: &'r [Rejected]) -> Option<&'r CellRef> {
        let WordingError::Placeholder {
            problem: Problem::Rejected { code },
            ..
        } = self
        else {
            return None;
        };
        let row = rejected.iter().find(|r| &r.code == code)?;
        row.row.as_ref()
    }
}

/// The column an indicator lacks, as the user is told to fill it: 两年平均
/// and 比基期 may also be worked out from another column.
fn needed(column: &Column) -> &'static str {
    match column {
        Column::TwoYear => "两年平均（或两年前同期）",
        Column::BaseGrowth => "比基期（或基期值）",
        column => column.chinese(),
    }
}

/// What another indicator is to a form that names one (`{a:比重:b}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Other {
    /// The whole a share or a pull is taken of (比重, 比重变化, 拉动).
    Whole,
    /// The indicator compared with (对比, 差值).
    Compared,
    /// What a figure influences (影响), as worded: CPI.
    Influenced,
}

/// What is wrong with one placeholder. Each message follows the
/// placeholder as typed: `占位符“{gdp:定基}”` + `的写法“定基”不认识…`.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Problem {
    /// No code before the first colon: `{:同比}`.
    #[error("没有写代码")]
    NoCode,
    /// Decimals that are not a whole number from 0 to 6.
    #[error("的小数位数“{typed}”应为 0 到 6 的整数")]
    Places {
        /// The decimals as typed.
        typed: String,
    },
    /// A form that names another indicator, written without it.
    #[error("的写法“{form}”后面要写{}，如 {{{codes}:{form}:gdp}}", match .other {
        Other::Whole => "总体的代码",
        Other::Compared => "对比的代码",
        Other::Influenced => "所影响的指标名称",
    })]
    NeedsOther {
        /// The form as typed.
        form: String,
        /// The codes as typed.
        codes: String,
        /// What the missing indicator would be.
        other: Other,
    },
    /// More arguments than the form takes.
    #[error("的冒号太多")]
    TooManyParts,
    /// `{地区:同比}` in a report made per region: the region's name takes
    /// no form.
    #[error("：{{{column}}} 是当前报告的{column}名称，不能加写法")]
    RegionWithForm {
        /// The column that names the region.
        column: String,
    },
    /// A code whose row was left out because of its errors.
    #[error("引用的指标“{code}”所在的行有错误，请先改正那一行")]
    Rejected {
        /// The code.
        code: String,
    },
    /// A code that no indicator has.
    #[error("引用的代码“{code}”在“指标”工作表中不存在")]
    UnknownCode {
        /// The code.
        code: String,
    },
    /// A name that is neither a code nor a name a bureau's table prints.
    #[error("引用的“{code}”既不是“指标”工作表的代码，也不是表格中的指标名称；最接近的是{nearest}")]
    UnknownName {
        /// The name as typed.
        code: String,
        /// The nearest names, quoted and joined.
        nearest: String,
    },
    /// A name printed in several places of the tables.
    #[error(
        "：“{code}”在表格中有几处（{places}），不知道引用哪一个；在名称前加上级指标名或工作表名区分，如 {{上级指标/{code}}}"
    )]
    Ambiguous {
        /// The name as typed.
        code: String,
        /// The cells that print it.
        places: String,
    },
    /// A form that needs a figure the indicator lacks.
    #[error("需要指标“{code}”的“{}”，但它没有填写（{cell}）", needed(.column))]
    Missing {
        /// The indicator's code.
        code: String,
        /// The column it lacks (数值, 同比, 基期…).
        column: Column,
        /// The indicator's row.
        cell: CellRef,
    },
    /// A form that is neither known nor a unit the value converts to.
    #[error("的写法“{form}”不认识：它既不是已知写法，也不是能从“{unit}”换算的单位")]
    UnknownForm {
        /// The form as typed (lower-cased).
        form: String,
        /// The indicator's unit.
        unit: String,
    },
    /// Two indicators whose units cannot be converted into each other.
    #[error("：指标“{part}”的单位“{part_unit}”和“{whole}”的单位“{whole_unit}”不能换算")]
    Units {
        /// The code of the indicator worded.
        part: String,
        /// Its unit.
        part_unit: String,
        /// The code of the other indicator.
        whole: String,
        /// Its unit.
        whole_unit: String,
    },
    /// `{报告期:累计}` or `@上月` without a period to take it from.
    #[error(
        "要写报告期（如“1—8月份”），但“报告”表的“报告期”没有写月份（如“2021年8月份”），也没有“日期”"
    )]
    NoReportPeriod,
    /// `@…` naming no label of the report's period.
    #[error("的时期“{typed}”不认识：@ 后面可以写本月、累计、累计月份、上月或上期累计")]
    UnknownSpan {
        /// The period as typed.
        typed: String,
    },
    /// A label of the report's period asked of an indicator.
    #[error("的写法“{form}”只用于报告期，如 {{报告期:{form}}}")]
    SpanOfIndicator {
        /// The form as typed.
        form: String,
    },
    /// A count of one indicator.
    #[error(
        "：“{code}”是一个指标；个数要对一个板块（如 {{行业:增长个数}}）或几个代码（如 {{a、b、c:增长个数}}）计算"
    )]
    CountOfOne {
        /// The code.
        code: String,
    },
    /// A structure of one figure.
    #[error("：结构要对几个指标计算，如 {{一产、二产、三产:结构}}")]
    StructureOfOne,
    /// A count over a group that has no indicator.
    #[error(
        "：没有哪个指标的“板块”是“{name}”，无从计数；请检查板块名称，或写出要数的代码，如 {{a、b、c:增长个数}}"
    )]
    EmptyGroup {
        /// The group's name, as typed.
        name: String,
    },
    /// A rank asked for outside a batch made per region.
    #[error(
        "要在同一批报告中排位次，只能在按列分别编译时使用（如 briefing compile 工作簿 --per 地区）"
    )]
    RankOutsideBatch,
    /// A rank of an indicator shared by every region.
    #[error(
        "：指标“{code}”是各报告共用的（“{column}”列为空），没有位次；位次只对按{column}分别填写的指标计算"
    )]
    SharedByRegions {
        /// The indicator's code.
        code: String,
        /// The column that names the region.
        column: String,
    },
    /// A rank by growth of a region without a growth figure.
    #[error("需要“{region}”的指标“{code}”的同比（或上年同期），但它没有填写")]
    NoGrowth {
        /// The indicator's code.
        code: String,
        /// The region.
        region: String,
    },
    /// A rank of a region that lacks the indicator.
    #[error("引用的指标“{code}”在“{region}”中没有")]
    NotInRegion {
        /// The indicator's code.
        code: String,
        /// The region.
        region: String,
    },
}
