//! Figures worded the way statistics offices write them, and the
//! placeholders that put them into prose.
//!
//! This module owns every rule about how a number becomes text, so that no
//! template re-implements them: [`Document::new`] resolves the placeholders of
//! a checked [`Briefing`] and hands the template each figure both as data and
//! as finished text.
//!
//! Placeholders, in 要点, 段落 and the report sheet's values:
//!
//! | form | gives | example |
//! |---|---|---|
//! | `{代码}` | value and unit | 1422.22亿元 |
//! | `{代码:数值}` | the number alone | 1422.22 |
//! | `{代码:同比}` | the year-on-year change | 增长1.5% / 下降1.6% / 持平 |
//! | `{代码:上年同期}` | the previous year's value and unit | 1401.2亿元 |
//! | `{{`, `}}` | a literal brace | { } |

use std::collections::HashMap;

use serde::Serialize;
use serde_json::{Map, Value as Json};

use crate::diagnostic::{CellRef, Diagnostic};
use crate::model::{Briefing, Indicator, Text};
use crate::workbook::Value;

/// Writes a number the way statistics offices do in prose: half-width
/// digits, no thousands separators, no exponent, and never "-0".
///
/// ```
/// use briefing::wording::format_number;
/// assert_eq!(format_number(1422.22), "1422.22");
/// assert_eq!(format_number(2450.0), "2450");
/// assert_eq!(format_number(-1.6), "-1.6");
/// assert_eq!(format_number(-0.0), "0");
/// ```
pub fn format_number(n: f64) -> String {
    if n == 0.0 {
        return "0".into();
    }
    // Rust prints the shortest text that reads back as the same float, so a
    // figure typed as 1422.22 comes out as 1422.22.
    format!("{n}")
}

/// A figure followed by its unit: `1422.22亿元`.
pub fn with_unit(n: f64, unit: &str) -> String {
    format!("{}{unit}", format_number(n))
}

/// The wording of a year-on-year change in percent: 增长1.5%, 下降1.6%, 持平.
///
/// ```
/// use briefing::wording::change;
/// assert_eq!(change(1.5), "增长1.5%");
/// assert_eq!(change(-1.6), "下降1.6%");
/// assert_eq!(change(0.0), "持平");
/// ```
pub fn change(percent: f64) -> String {
    if percent > 0.0 {
        format!("增长{}%", format_number(percent))
    } else if percent < 0.0 {
        format!("下降{}%", format_number(-percent))
    } else {
        "持平".into()
    }
}

/// Which field of an indicator a placeholder asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// `{code}`: value and unit.
    Value,
    /// `{code:数值}`: the number alone.
    Number,
    /// `{code:同比}`: the year-on-year wording.
    Yoy,
    /// `{code:上年同期}`: previous value and unit.
    Previous,
}

impl Form {
    fn parse(name: &str) -> Option<Form> {
        match name.trim().to_lowercase().as_str() {
            "" => Some(Form::Value),
            "数值" | "value" | "number" => Some(Form::Number),
            "同比" | "yoy" => Some(Form::Yoy),
            "上年同期" | "previous" => Some(Form::Previous),
            _ => None,
        }
    }
}

/// The forms a placeholder can take, for hints.
const FORMS_HINT: &str =
    "可用的写法：{代码}、{代码:数值}、{代码:同比}、{代码:上年同期}；要写花括号本身，请写 {{ 或 }}";

/// Resolves the placeholders of `text` against `indicators`, reporting every
/// problem at the text's cell. Returns `None` when there was an error.
fn resolve(
    text: &str,
    cell: &CellRef,
    indicators: &HashMap<&str, &Indicator>,
    diags: &mut Vec<Diagnostic>,
) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut ok = true;
    let mut error = |message: String, diags: &mut Vec<Diagnostic>| {
        ok = false;
        diags.push(Diagnostic::error(Some(cell.clone()), message).with_hint(FORMS_HINT));
    };
    let mut rest = text;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(&rest[..i]);
        let brace = rest.as_bytes()[i];
        let after = &rest[i + 1..];
        if after.as_bytes().first() == Some(&brace) {
            out.push(brace as char);
            rest = &after[1..];
            continue;
        }
        if brace == b'}' {
            error("多余的“}”".into(), diags);
            rest = after;
            continue;
        }
        let Some(end) = after
            .find(['}', '{'])
            .filter(|&e| after.as_bytes()[e] == b'}')
        else {
            error(
                format!(
                    "占位符“{{{}”没有闭合的“}}”",
                    after.chars().take(12).collect::<String>()
                ),
                diags,
            );
            rest = after;
            continue;
        };
        let inner = &after[..end];
        rest = &after[end + 1..];
        let (code, form) = match inner.split_once([':', '：']) {
            Some((code, form)) => (code.trim(), form),
            None => (inner.trim(), ""),
        };
        let Some(form) = Form::parse(form) else {
            error(
                format!("占位符“{{{inner}}}”的写法“{}”不认识", form.trim()),
                diags,
            );
            continue;
        };
        let Some(indicator) = indicators.get(code) else {
            error(
                format!("占位符“{{{inner}}}”引用的代码“{code}”在“指标”工作表中不存在"),
                diags,
            );
            continue;
        };
        let missing = |label: &str| {
            format!(
                "占位符“{{{inner}}}”需要指标“{code}”的“{label}”，但它没有填写（{}）",
                indicator.cell
            )
        };
        match form {
            Form::Value => out.push_str(&with_unit(indicator.value, &indicator.unit)),
            Form::Number => out.push_str(&format_number(indicator.value)),
            Form::Yoy => match indicator.yoy {
                Some(yoy) => out.push_str(&change(yoy)),
                None => error(missing("同比"), diags),
            },
            Form::Previous => match indicator.previous {
                Some(previous) => out.push_str(&with_unit(previous, &indicator.unit)),
                None => error(missing("上年同期"), diags),
            },
        }
    }
    out.push_str(rest);
    ok.then_some(out)
}

/// The finished text of an indicator's fields.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorText {
    /// Value and unit: `1422.22亿元`.
    pub value: String,
    /// The number alone: `1422.22`.
    pub number: String,
    /// The year-on-year wording, when 同比 is given: `增长1.5%`.
    pub yoy: Option<String>,
    /// The previous year's value and unit, when given.
    pub previous: Option<String>,
}

/// An indicator as the template and the summary see it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorDoc {
    /// Unique code.
    pub code: String,
    /// Headline group (板块).
    pub group: Option<String>,
    /// Name (指标).
    pub name: String,
    /// The figure.
    pub value: f64,
    /// Its unit.
    pub unit: String,
    /// Same period a year earlier.
    pub previous: Option<f64>,
    /// Year-on-year change in percent.
    pub yoy: Option<f64>,
    /// Previous period's year-on-year change in percent.
    pub previous_yoy: Option<f64>,
    /// Free note.
    pub note: Option<String>,
    /// The fields as finished text.
    pub text: IndicatorText,
}

/// A headline group (板块): its sentence and its figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupDoc {
    /// The group's name.
    pub name: String,
    /// The group's headline sentence, resolved; from the first 要点 in the group.
    pub highlight: Option<String>,
    /// Codes of the group's indicators, in sheet order.
    pub indicators: Vec<String>,
}

/// A section with resolved paragraphs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionDoc {
    /// Heading.
    pub title: String,
    /// Paragraphs, placeholders resolved.
    pub paragraphs: Vec<String>,
}

/// A chapter with resolved paragraphs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChapterDoc {
    /// Heading (may be empty for text before the first chapter).
    pub title: String,
    /// Paragraphs before the first section.
    pub paragraphs: Vec<String>,
    /// Sections.
    pub sections: Vec<SectionDoc>,
}

/// Everything a template receives: the briefing with its figures worded and
/// its placeholders resolved. Serialized, it is the `briefing` input of the
/// template (see `docs/templates.md`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// Report fields by their English name (`title`, `lead`, …) or as typed.
    pub report: Map<String, Json>,
    /// Every indicator, in sheet order.
    pub indicators: Vec<IndicatorDoc>,
    /// The headline groups, in order of first appearance.
    pub groups: Vec<GroupDoc>,
    /// The body.
    pub body: Vec<ChapterDoc>,
    /// Every extra sheet: name → rows keyed by header.
    pub tables: Map<String, Json>,
}

impl Document {
    /// Words every figure and resolves every placeholder of `briefing`.
    /// Returns the document, or every problem found.
    pub fn new(briefing: &Briefing) -> Result<Document, Vec<Diagnostic>> {
        let mut diags = Vec::new();
        let by_code: HashMap<&str, &Indicator> = briefing
            .indicators
            .iter()
            .map(|i| (i.code.as_str(), i))
            .collect();
        let text = |t: &Text, diags: &mut Vec<Diagnostic>| {
            resolve(&t.text, &t.cell, &by_code, diags).unwrap_or_default()
        };

        let report = briefing
            .report
            .iter()
            .map(|f| {
                let value = resolve(&f.value, &f.cell, &by_code, &mut diags).unwrap_or_default();
                (f.key.clone(), Json::String(value))
            })
            .collect();

        let mut groups: Vec<GroupDoc> = Vec::new();
        for indicator in &briefing.indicators {
            let Some(name) = &indicator.group else {
                continue;
            };
            let index = match groups.iter().position(|g| &g.name == name) {
                Some(index) => index,
                None => {
                    groups.push(GroupDoc {
                        name: name.clone(),
                        highlight: None,
                        indicators: Vec::new(),
                    });
                    groups.len() - 1
                }
            };
            let group = &mut groups[index];
            group.indicators.push(indicator.code.clone());
            if let Some(highlight) = &indicator.highlight {
                let resolved = text(highlight, &mut diags);
                group.highlight.get_or_insert(resolved);
            }
        }

        let indicators = briefing.indicators.iter().map(IndicatorDoc::from).collect();

        let body = briefing
            .body
            .iter()
            .map(|chapter| ChapterDoc {
                title: chapter.title.clone(),
                paragraphs: chapter
                    .paragraphs
                    .iter()
                    .map(|p| text(p, &mut diags))
                    .collect(),
                sections: chapter
                    .sections
                    .iter()
                    .map(|s| SectionDoc {
                        title: s.title.clone(),
                        paragraphs: s.paragraphs.iter().map(|p| text(p, &mut diags)).collect(),
                    })
                    .collect(),
            })
            .collect();

        let tables = briefing
            .tables
            .iter()
            .map(|table| {
                let rows = table
                    .rows
                    .iter()
                    .map(|row| {
                        let record: Map<String, Json> = table
                            .headers
                            .iter()
                            .zip(row)
                            .map(|(h, v)| (h.clone(), cell_json(v)))
                            .collect();
                        Json::Object(record)
                    })
                    .collect();
                (table.name.clone(), Json::Array(rows))
            })
            .collect();

        if diags.is_empty() {
            Ok(Document {
                report,
                indicators,
                groups,
                body,
                tables,
            })
        } else {
            Err(diags)
        }
    }

    /// A report value by its English name (`title`) or as typed.
    pub fn report_str(&self, key: &str) -> Option<&str> {
        self.report
            .get(key)
            .and_then(Json::as_str)
            .filter(|s| !s.is_empty())
    }

    /// Every resolved paragraph of the body, in reading order.
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        self.body.iter().flat_map(|c| {
            c.paragraphs
                .iter()
                .chain(c.sections.iter().flat_map(|s| s.paragraphs.iter()))
                .map(String::as_str)
        })
    }
}

impl From<&Indicator> for IndicatorDoc {
    fn from(i: &Indicator) -> Self {
        IndicatorDoc {
            code: i.code.clone(),
            group: i.group.clone(),
            name: i.name.clone(),
            value: i.value,
            unit: i.unit.clone(),
            previous: i.previous,
            yoy: i.yoy,
            previous_yoy: i.previous_yoy,
            note: i.note.clone(),
            text: IndicatorText {
                value: with_unit(i.value, &i.unit),
                number: format_number(i.value),
                yoy: i.yoy.map(change),
                previous: i.previous.map(|p| with_unit(p, &i.unit)),
            },
        }
    }
}

/// A cell of an extra sheet as JSON: numbers stay numbers, the rest is text.
fn cell_json(value: &Value) -> Json {
    match value {
        Value::Number(n) => serde_json::Number::from_f64(*n).map_or(Json::Null, Json::Number),
        Value::Bool(b) => Json::Bool(*b),
        Value::Empty => Json::String(String::new()),
        other => Json::String(other.to_text()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn indicator(code: &str, value: f64, unit: &str, yoy: Option<f64>) -> Indicator {
        Indicator {
            code: code.into(),
            group: None,
            name: code.into(),
            value,
            unit: unit.into(),
            previous: None,
            yoy,
            previous_yoy: None,
            highlight: None,
            note: None,
            cell: CellRef::new("指标", 1, 0),
        }
    }

    fn run(text: &str) -> (Option<String>, Vec<Diagnostic>) {
        let gdp = indicator("gdp", 1422.22, "亿元", Some(1.5));
        let jobs = indicator("jobs", 4.29, "万人", None);
        let map = HashMap::from([("gdp", &gdp), ("jobs", &jobs)]);
        let mut diags = Vec::new();
        let out = resolve(text, &CellRef::new("正文", 4, 2), &map, &mut diags);
        (out, diags)
    }

    #[test]
    fn placeholders_give_the_seed_wording() {
        let (out, diags) = run("实现地区生产总值{gdp}、{gdp:同比}，新增就业{jobs}");
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(
            out.unwrap(),
            "实现地区生产总值1422.22亿元、增长1.5%，新增就业4.29万人"
        );
        assert_eq!(run("{gdp:数值}{gdp：value}").0.unwrap(), "1422.221422.22");
        assert_eq!(run("{{字面}}").0.unwrap(), "{字面}");
    }

    #[test]
    fn every_bad_placeholder_is_reported_at_its_cell() {
        let (out, diags) = run("{nope} {gdp:环比} {jobs:同比} {jobs:上年同期} 尾}");
        assert_eq!(out, None);
        let messages: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
        assert_eq!(messages.len(), 5, "{messages:#?}");
        assert!(messages.iter().all(|m| m.starts_with("错误：正文!C5：")));
        assert!(messages[0].contains("“nope”在“指标”工作表中不存在"));
        assert!(messages[1].contains("“环比”不认识"));
        assert!(messages[2].contains("“同比”"));
        assert!(messages[3].contains("“上年同期”"));
        assert!(messages[4].contains("多余的“}”"));
        let (out, diags) = run("增长{gdp:同比");
        assert_eq!(out, None);
        assert!(diags[0].message.contains("没有闭合"), "{diags:?}");
    }

    #[test]
    fn changes_are_worded_by_sign() {
        assert_eq!(change(17.2), "增长17.2%");
        assert_eq!(change(-5.0), "下降5%");
        assert_eq!(change(0.0), "持平");
    }
}
