//! Figures worded the way statistics offices write them, and the
//! placeholders that put them into prose.
//!
//! This module owns every rule about how a number becomes text, so that no
//! template re-implements them: [`Document::new`] resolves the placeholders of
//! a checked [`Briefing`] and hands the template each figure both as data and
//! as finished text.
//!
//! - [`numbers`]: rounding, unit scaling and the wording of changes;
//! - [`placeholder`]: the `{代码:写法:参数}` forms in prose (documented for
//!   users in `docs/workbook.md`);
//! - [`lint`]: figures typed literally that disagree with the indicators.

mod lint;
mod numbers;
mod placeholder;
mod rank;

use std::collections::HashMap;

pub use numbers::{
    Verbs, change, change_as, compare, compare_as, join_list, level_change, point_change, pull,
    respectively, share, share_change, versus,
};
use placeholder::{FORMS_HINT, Lookup, Piece, parse, render, scan};
pub use rank::{Rank, RankBy, Ranks};
use serde::Serialize;
use serde_json::{Map, Value as Json};

use crate::diagnostic::{CellRef, Diagnostic};
use crate::model::{Briefing, Indicator, ReportKey, Text};
use crate::workbook::Value;

/// Resolves the placeholders of one text against `indicators`: the text as
/// it will be printed, or every problem found (placed at `cell`).
///
/// ```
/// use briefing::diagnostic::CellRef;
/// use briefing::model::{Indicator, Kind};
/// use briefing::wording::fill;
///
/// let gdp = Indicator {
///     code: "gdp".into(), group: None, name: "地区生产总值".into(),
///     value: 1422.22, unit: "亿元".into(), kind: Kind::Total, previous: None, yoy: Some(1.5),
///     previous_yoy: Some(-1.7), highlight: None, note: None, region: None,
///     cell: CellRef::new("指标", 1, 0),
/// };
/// let cell = CellRef::new("正文", 1, 2);
/// let text = fill("实现地区生产总值{gdp}、{gdp:同比}，{gdp:比较:一季度}", &[gdp], &cell);
/// assert_eq!(text.unwrap(), "实现地区生产总值1422.22亿元、增长1.5%，增速由负转正");
/// ```
pub fn fill(
    text: &str,
    indicators: &[Indicator],
    cell: &CellRef,
) -> Result<String, Vec<Diagnostic>> {
    let by_code: HashMap<&str, &Indicator> =
        indicators.iter().map(|i| (i.code.as_str(), i)).collect();
    let lookup = Lookup {
        by_code: &by_code,
        rejected: &[],
    };
    let mut diags = Vec::new();
    resolve(text, cell, &lookup, None, &mut diags, &mut Vec::new()).ok_or(diags)
}

/// The report being worded, when a workbook makes one report per region
/// (`--per`): prose cites its name as `{列名}` and its ranks as
/// `{代码:位次}`.
#[derive(Debug, Clone, Copy)]
pub struct Region<'a> {
    /// The column that names the region: `地区`.
    pub column: &'a str,
    /// This report's region: `城关区`.
    pub name: &'a str,
    /// The ranks across all regions of the batch.
    pub ranks: &'a Ranks,
}

/// Resolves the placeholders of `text` against `indicators`, reporting every
/// problem at the text's cell. Returns `None` when there was an error.
/// Phrases that relate an indicator to another (比重, 拉动, 对比) are
/// added to `cited`, by the code of the indicator they word.
fn resolve(
    text: &str,
    cell: &CellRef,
    lookup: &Lookup,
    region: Option<&Region>,
    diags: &mut Vec<Diagnostic>,
    cited: &mut Vec<(String, String)>,
) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut ok = true;
    let mut error = |message: String| {
        ok = false;
        diags.push(Diagnostic::error(Some(cell.clone()), message).with_hint(FORMS_HINT));
    };
    for piece in scan(text) {
        match piece {
            Piece::Literal(literal) => out.push_str(&literal),
            Piece::Error(message) => error(message),
            Piece::Placeholder(inner) => {
                let worded = parse(inner).and_then(|parsed| {
                    if let Some(region) = region
                        && parsed.codes == [region.column]
                    {
                        if parsed.is_bare() {
                            return Ok(region.name.to_string());
                        }
                        return Err(format!(
                            "占位符“{{{inner}}}”：{{{}}} 是当前报告的{}名称，不能加写法",
                            region.column, region.column
                        ));
                    }
                    let worded = render(&parsed, lookup, inner, region)?;
                    if parsed.other().is_some() {
                        for code in &parsed.codes {
                            cited.push((code.to_string(), worded.clone()));
                        }
                    }
                    Ok(worded)
                });
                match worded {
                    Ok(text) => out.push_str(&text),
                    Err(message) => error(message),
                }
            }
        }
    }
    ok.then_some(out)
}

/// The finished text of an indicator's fields.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorText {
    /// Value and unit: `1422.22亿元`.
    pub value: String,
    /// The number alone: `1422.22`.
    pub number: String,
    /// The year-on-year wording, as `{代码:同比}` gives it: `增长1.5%`
    /// (worked out from 上年同期 when 同比 is empty).
    pub yoy: Option<String>,
    /// The previous year's value and unit, when given.
    pub previous: Option<String>,
    /// The previous period's 同比, worded, when given.
    pub previous_yoy: Option<String>,
    /// The change from the previous year's value, when given: `增加3.2万人`,
    /// or `提高0.8个百分点` for rates.
    pub change: Option<String>,
    /// This period's 同比 against the previous period's, when both are
    /// given: `增速比上期加快2.1个百分点`, `增速由负转正`.
    pub compare: Option<String>,
    /// The region's rank by 数值 in a batch (`第3位`), as `{代码:位次}`.
    pub rank: Option<String>,
    /// The region's rank by 同比 in a batch, as `{代码:增速位次}`.
    pub yoy_rank: Option<String>,
    /// The phrases of the prose that relate this figure to another
    /// (比重, 拉动, 对比), as printed: `35.2%`, `拉动全市经济增长0.8个百分点`.
    pub cited: Vec<String>,
}

/// An indicator as the template and the summary see it: its figures, and
/// the same figures as finished text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorDoc {
    /// The figures as read (serialized flat: `code`, `value`, `yoy`, …).
    #[serde(flatten)]
    pub figures: Indicator,
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
    /// The report's date (日期), when it reads as a date.
    pub date: Option<DateParts>,
    /// The region of this report, when the workbook makes one per region.
    pub region: Option<String>,
}

/// A date split into its parts, for templates to write it their way
/// (`2020年8月4日` in official documents).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DateParts {
    /// The year.
    pub year: i32,
    /// The month, 1 to 12.
    pub month: u32,
    /// The day of the month.
    pub day: u32,
}

impl Document {
    /// Words every figure and resolves every placeholder of `briefing`, the
    /// report of `region` when the workbook makes one per region. Returns
    /// the document (unless there was an error) and every problem found,
    /// warnings included.
    pub fn new(
        briefing: &Briefing,
        region: Option<&Region>,
    ) -> (Option<Document>, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let by_code: HashMap<&str, &Indicator> = briefing
            .indicators
            .iter()
            .map(|i| (i.code.as_str(), i))
            .collect();
        let lookup = Lookup {
            by_code: &by_code,
            rejected: &briefing.rejected,
        };
        let mut cited = Vec::new();
        let mut text = |t: &Text, diags: &mut Vec<Diagnostic>| {
            diags.extend(lint::stale_figures(t, &briefing.indicators));
            diags.extend(lint::price_verbs(t, &briefing.indicators));
            resolve(&t.text, &t.cell, &lookup, region, diags, &mut cited).unwrap_or_default()
        };

        let report = briefing
            .report
            .iter()
            .map(|f| {
                let value = text(
                    &Text {
                        text: f.value.clone(),
                        cell: f.cell.clone(),
                    },
                    &mut diags,
                );
                (f.key.name().to_string(), Json::String(value))
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

        // Every text is resolved: the phrases citing each indicator are known.
        let indicators = briefing
            .indicators
            .iter()
            .map(|i| {
                let mut doc = IndicatorDoc::new(i, region);
                for (code, phrase) in &cited {
                    if *code == i.code && !doc.text.cited.contains(phrase) {
                        doc.text.cited.push(phrase.clone());
                    }
                }
                doc
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

        let date = briefing.date().map(|d| {
            use chrono::Datelike;
            DateParts {
                year: d.year(),
                month: d.month(),
                day: d.day(),
            }
        });
        let document = Document {
            report,
            indicators,
            groups,
            body,
            tables,
            date,
            region: region.map(|r| r.name.to_string()),
        };
        let ok = !crate::diagnostic::has_errors(&diags);
        (ok.then_some(document), diags)
    }

    /// The value of a known report key, when not empty.
    pub fn report_str(&self, key: ReportKey) -> Option<&str> {
        self.report
            .get(key.english())
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

impl IndicatorDoc {
    /// An indicator with its fields worded, in the report of `region`.
    pub fn new(i: &Indicator, region: Option<&Region>) -> Self {
        // The same forms the placeholders give, so that a template and the
        // prose never word a figure differently.
        let word = |form: &str| placeholder::word(i, form).ok();
        let rank = |by| {
            let region = region?;
            Some(region.ranks.rank(&i.code, region.name, by)?.text())
        };
        let text = IndicatorText {
            value: word("").unwrap_or_default(),
            number: word("数值").unwrap_or_default(),
            yoy: word("同比"),
            previous: word("上年同期"),
            previous_yoy: word("上期同比"),
            change: word("增减"),
            compare: word("比较"),
            rank: rank(RankBy::Value),
            yoy_rank: rank(RankBy::Growth),
            cited: Vec::new(),
        };
        IndicatorDoc {
            figures: i.clone(),
            text,
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
            kind: Default::default(),
            previous: None,
            yoy,
            previous_yoy: None,
            highlight: None,
            note: None,
            region: None,
            cell: CellRef::new("指标", 1, 0),
        }
    }

    fn run(text: &str) -> (Option<String>, Vec<Diagnostic>) {
        let gdp = indicator("gdp", 1422.22, "亿元", Some(1.5));
        let jobs = indicator("jobs", 4.29, "万人", None);
        let map = HashMap::from([("gdp", &gdp), ("jobs", &jobs)]);
        let lookup = Lookup {
            by_code: &map,
            rejected: &[],
        };
        let mut diags = Vec::new();
        let out = resolve(
            text,
            &CellRef::new("正文", 4, 2),
            &lookup,
            None,
            &mut diags,
            &mut Vec::new(),
        );
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
        assert!(messages.iter().all(|m| m.starts_with("错误: 正文!C5：")));
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
        assert_eq!(change(17.2, None), "增长17.2%");
        assert_eq!(change(-5.0, None), "下降5%");
        assert_eq!(change(0.0, None), "持平");
    }
}
