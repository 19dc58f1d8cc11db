//! Paragraphs that print a table or a chart instead of text: a paragraph of
//! the 正文 that is only
//!
//! - `{表:工作表名}`: that sheet, as it is laid out in the workbook;
//! - `{表:板块名}`: the indicators of one 板块, as the 附表 prints them;
//! - `{图:a、b、c:同比}`: bars of their 同比; `{图:a、b、c}`: of their values;
//! - `{图:工作表名}`: lines of a sheet with one row per period.
//!
//! `表` and `图` are therefore not codes (see [`crate::model::RESERVED_CODES`]).

use serde::Serialize;

use super::charts::{ChartDoc, Shape};
use super::lookup::Lookup;
use super::tables::TableDoc;
use super::{Region, WordingError};
use crate::diagnostic::Diagnostic;
use crate::model::{Briefing, ExtraTable, Indicator, LIST_SEPARATORS, Text};

/// A paragraph of the body as the template receives it: text, or a table
/// or chart the paragraph asks for. Serialized, text is a string and the
/// others a dictionary with one key, `table` or `chart`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Block {
    /// A paragraph of text, placeholders resolved.
    Text(String),
    /// A table (`{表:…}`).
    Table {
        /// The table.
        table: TableDoc,
    },
    /// A chart (`{图:…}`).
    Chart {
        /// The chart.
        chart: ChartDoc,
    },
}

impl Block {
    /// The paragraph's text, when it is one.
    pub fn text(&self) -> Option<&str> {
        match self {
            Block::Text(text) => Some(text),
            _ => None,
        }
    }
}

/// What a paragraph that is only a `{表:…}` or `{图:…}` asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Request<'a> {
    /// `{表:name}`.
    Table(&'a str),
    /// `{图:what}` or `{图:what:form}`.
    Chart(&'a str, Option<&'a str>),
}

/// Whether `text` asks for a table or a chart: `None` for a paragraph of
/// text, an error when a `{表:…}` or `{图:…}` stands within other text.
pub(super) fn request(text: &str) -> Option<Result<Request<'_>, Diagnostic>> {
    let trimmed = text.trim();
    let inner = trimmed
        .strip_prefix('{')
        .and_then(|t| t.strip_suffix('}'))
        .filter(|t| !t.contains(['{', '}']));
    let split = inner.and_then(|inner| inner.split_once([':', '：']));
    let split = split.filter(|(word, _)| matches!(word.trim(), "表" | "图"));
    if let Some((word, rest)) = split {
        return Some(Ok(if word.trim() == "表" {
            Request::Table(rest.trim())
        } else {
            match rest.split_once([':', '：']) {
                Some((what, form)) => Request::Chart(what.trim(), Some(form.trim())),
                None => Request::Chart(rest.trim(), None),
            }
        }));
    }
    let within = ["{表:", "{表：", "{图:", "{图："]
        .iter()
        .any(|start| text.contains(start));
    within.then(|| {
        Err(Diagnostic::error(None, "表格或图表的占位符要单独成一段")
            .with_hint("把 {表:…} 或 {图:…} 单独写在“正文”表的一个单元格里，前后不加文字；说明文字写在上一段"))
    })
}

/// Where a table or chart is asked for: the briefing, what its texts may
/// cite, and the report's period (the header of a table's values).
pub(super) struct Context<'a> {
    /// The briefing (its sheets are `{表:工作表名}`).
    pub briefing: &'a Briefing,
    /// Its indicators and 板块.
    pub lookup: &'a Lookup<'a>,
    /// The report of this region, when there is one per region.
    pub region: Option<&'a Region<'a>>,
    /// The period reported on (报告期), else `本期`.
    pub period: &'a str,
}

/// The table or chart `request` asks for in the paragraph `text`, or the
/// problem with it (at the paragraph's cell).
pub(super) fn block(request: Request, text: &Text, cx: &Context) -> Result<Block, Diagnostic> {
    let Context {
        briefing,
        lookup,
        region,
        period,
    } = *cx;
    let typed = text.text.trim();
    let inner = &typed[1..typed.len() - 1];
    let sheet = |name: &str| briefing.tables.iter().find(|t| t.name == name);
    let problem = |message: String, hint: String| {
        Diagnostic::error(Some(text.cell.clone()), message).with_hint(hint)
    };
    match request {
        Request::Table(name) => {
            if let Some(table) = sheet(name) {
                return Ok(Block::Table {
                    table: TableDoc::sheet(table),
                });
            }
            if let Some(members) = lookup.group(name) {
                let table = TableDoc::indicators(name, period, members, false);
                return Ok(Block::Table { table });
            }
            Err(problem(
                format!("没有名为“{name}”的工作表或板块"),
                names_hint(briefing, lookup),
            ))
        }
        Request::Chart(what, form) => {
            if let Some(table) = sheet(what) {
                let Some(shape) = form.map_or(Some(Shape::Line), Shape::named) else {
                    return Err(problem(
                        format!("图的写法“{}”不认识", form.unwrap_or_default()),
                        format!(
                            "工作表画折线图写 {{图:{what}}} 或 {{图:{what}:折线}}，画柱状图写 {{图:{what}:柱状}}"
                        ),
                    ));
                };
                return ChartDoc::series(table, shape)
                    .map(|chart| Block::Chart { chart })
                    .ok_or_else(|| {
                        problem(
                            format!("工作表“{what}”里没有可以画图的数字"),
                            series_hint(table),
                        )
                    });
            }
            let codes: Vec<&str> = what
                .split(LIST_SEPARATORS)
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect();
            let indicators = codes
                .iter()
                .map(|&code| {
                    lookup.get(code).map_err(|p| {
                        WordingError::placeholder(inner, p)
                            .at(&text.cell)
                            .with_hint(names_hint(briefing, lookup))
                    })
                })
                .collect::<Result<Vec<&Indicator>, Diagnostic>>()?;
            if indicators.is_empty() {
                return Err(problem(
                    "图没有写画哪些指标".into(),
                    "写 {图:代码、代码:同比} 画同比增速，{图:代码、代码} 画数值，{图:工作表名} 画一张按期排列的表".into(),
                ));
            }
            let chart = match form {
                None => ChartDoc::values(&values_title(&indicators), &indicators, region),
                Some("同比") => ChartDoc::growth(&growth_title(&indicators), &indicators, region),
                Some("走势") => {
                    let title = format!("{}增速走势", names_of(&indicators));
                    return ChartDoc::trend(&title, &indicators)
                        .map(|chart| Block::Chart { chart })
                        .ok_or_else(|| {
                            problem(
                                format!("“{what}”没有往期的数字，画不出走势图"),
                                "往期来自往期的数据文件：把前几个月统计局的文件放进文件夹（文件名与“报告”中的“数据”相符）".into(),
                            )
                        });
                }
                Some(other) => {
                    return Err(problem(
                        format!("图的写法“{other}”不认识"),
                        "图只能画数值、同比或走势：{图:代码、代码}、{图:代码、代码:同比} 或 {图:代码、代码:走势}".into(),
                    ));
                }
            };
            chart.map(|chart| Block::Chart { chart }).ok_or_else(|| {
                problem(
                    format!("“{what}”都没有同比，画不出同比增速图"),
                    "在“指标”表给这些指标填上“同比”或“上年同期”，或者去掉“:同比”画它们的数值"
                        .into(),
                )
            })
        }
    }
}

/// A warning when the bars of a chart of values are in different units.
pub(super) fn mixed_units(block: &Block, text: &Text) -> Option<Diagnostic> {
    let Block::Chart { chart } = block else {
        return None;
    };
    let first = chart.bars.first()?;
    let mixed = chart.kind == super::charts::ChartKind::Values
        && chart.bars.iter().any(|b| b.unit != first.unit);
    mixed.then(|| {
        Diagnostic::warning(
            Some(text.cell.clone()),
            "图中指标的单位不同，柱子的长短不能相比",
        )
        .with_hint("只把单位相同的指标画在一张图里，或者画它们的同比：{图:代码、代码:同比}")
    })
}

/// The title of a chart of the values of `indicators`: their names, and
/// their unit when they share one.
fn values_title(indicators: &[&Indicator]) -> String {
    let unit = &indicators[0].unit;
    let shared = !unit.is_empty() && indicators.iter().all(|i| &i.unit == unit);
    let names = names_of(indicators);
    if shared {
        format!("{names}（{unit}）")
    } else {
        names
    }
}

/// The title of a chart of the 同比 of `indicators`.
fn growth_title(indicators: &[&Indicator]) -> String {
    format!("{}同比增速", names_of(indicators))
}

/// The names of `indicators`: all of three or fewer, else the first and
/// how many (`地区生产总值等5项指标`).
fn names_of(indicators: &[&Indicator]) -> String {
    match indicators {
        [] => String::new(),
        [_, _, _, _, ..] => format!("{}等{}项指标", indicators[0].name, indicators.len()),
        _ => {
            let names: Vec<&str> = indicators.iter().map(|i| i.name.as_str()).collect();
            names.join("、")
        }
    }
}

/// A hint naming the sheets and 板块 a `{表:…}` can print.
fn names_hint(briefing: &Briefing, lookup: &Lookup) -> String {
    let sheets: Vec<&str> = briefing.tables.iter().map(|t| t.name.as_str()).collect();
    let mut groups: Vec<&str> = lookup.groups();
    groups.sort_unstable();
    let list = |names: &[&str]| {
        if names.is_empty() {
            "（没有）".to_string()
        } else {
            names.join("、")
        }
    };
    format!(
        "{{表:名称}} 和 {{图:名称}} 可以用的工作表：{}；板块：{}；{{图:代码、代码}} 的代码是“指标”表的“代码”列",
        list(&sheets),
        list(&groups)
    )
}

/// What a sheet needs to be drawn as lines.
fn series_hint(table: &ExtraTable) -> String {
    format!(
        "“{}”的第一列写各期（如 1月、2月……），其余每列一个指标的数字，每期一行",
        table.name
    )
}
