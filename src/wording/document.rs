//! The document a template receives: every figure worded, every
//! placeholder resolved (see `docs/templates.md` for its fields).

use serde::Serialize;
use serde_json::{Map, Value as Json};

use super::blocks::{self, Block, Context};
use super::charts::ChartDoc;
use super::citations::Citations;
use super::lint;
use super::lookup::Lookup;
use super::period::{report_month, report_year};
use super::placeholder::Form;
use super::render::word;
use super::style::{HouseStyle, style_words};
use super::tables::TableDoc;
use super::{Found, Region, resolve};
use crate::diagnostic::Diagnostic;
use crate::model::{Briefing, Chapter, ExtraTable, Indicator, ReportKey, Text};
use crate::workbook::Value;

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
    /// The month-on-month change, as `{代码:环比}` gives it: `增长0.31%`.
    pub mom: Option<String>,
    /// The two-year average growth, as `{代码:两年平均}` gives it:
    /// `增长5.4%` (worked out from 两年前同期 when 两年平均 is empty).
    pub two_year_average: Option<String>,
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
    /// Whether the heading carries its own number (（一）, 1.), so that
    /// templates that number headings leave it as typed.
    pub numbered: bool,
    /// Paragraphs, placeholders resolved; a table or chart where one is
    /// asked for.
    pub paragraphs: Vec<Block>,
}

/// A chapter with resolved paragraphs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChapterDoc {
    /// Heading (may be empty for text before the first chapter).
    pub title: String,
    /// Whether the heading carries its own number (一、, 第一章), so that
    /// templates that number headings leave it as typed.
    pub numbered: bool,
    /// Paragraphs before the first section.
    pub paragraphs: Vec<Block>,
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
    /// The charts of every indicator the templates draw before the body:
    /// the 同比 of those that have one, and this period's against the
    /// last's of those that have both.
    pub charts: Vec<ChartDoc>,
    /// The table of main indicators (附表), when the 报告 sheet titles one.
    pub appendix: Option<TableDoc>,
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
        let worded = Document::word(briefing, region);
        let mut diags = Vec::new();
        worded.fold(&mut diags);
        diags.extend(worded.diags);
        (worded.document, diags)
    }

    /// [`Document::new`], with the citations of rows that have errors
    /// counted rather than reported, for a caller that has those rows'
    /// errors to fold them under ([`Worded::fold`]).
    pub fn word(briefing: &Briefing, region: Option<&Region>) -> Worded {
        let mut diags = Vec::new();
        let mut lookup =
            Lookup::new(&briefing.indicators, &briefing.rejected).with_names(&briefing.names);
        lookup.month = report_month(briefing);
        lookup.year = report_year(briefing);
        lookup.style = house_style(briefing, &mut diags);
        let mut words = Words {
            briefing,
            lookup,
            region,
            found: Found {
                diags,
                ..Default::default()
            },
            cited: Vec::new(),
            period: String::new(),
        };
        let report: Map<String, Json> = briefing
            .report
            .iter()
            .map(|f| {
                let text = Text {
                    text: f.value.clone(),
                    cell: f.cell.clone(),
                };
                (f.key.name().to_string(), Json::String(words.text(&text)))
            })
            .collect();
        let field = |key: ReportKey| {
            let value = report.get(key.english()).and_then(Json::as_str);
            value.filter(|v| !v.is_empty()).map(String::from)
        };
        words.period = field(ReportKey::Period).unwrap_or_else(|| "本期".into());
        let all: Vec<&Indicator> = briefing.indicators.iter().collect();
        let appendix = field(ReportKey::AppendixTable)
            .map(|title| TableDoc::indicators(&title, &words.period, &all, true));
        let charts = if auto_charts(briefing, &mut words.found.diags) {
            [
                ChartDoc::growth("主要指标同比增速", &all, region),
                ChartDoc::compare("本期与上期同比增速比较", &all, region),
            ]
        } else {
            [None, None]
        };
        let groups = words.groups();
        let body: Vec<ChapterDoc> = briefing.body.iter().map(|c| words.chapter(c)).collect();
        if let Some(note) = numbered_note(&body) {
            words.found.diags.push(note);
        }
        // Every text is resolved: the phrases citing each indicator are known.
        let indicators = words.indicators();
        let document = Document {
            report,
            indicators,
            groups,
            body,
            charts: charts.into_iter().flatten().collect(),
            appendix,
            tables: briefing.tables.iter().map(table_json).collect(),
            date: briefing.date().map(DateParts::of),
            region: region.map(|r| r.name.to_string()),
        };
        let Found { diags, citations } = words.found;
        let ok = !crate::diagnostic::has_errors(&diags) && citations.is_empty();
        Worded {
            document: ok.then_some(document),
            diags,
            citations,
        }
    }

    /// The value of a known report key, when not empty.
    pub fn report_str(&self, key: ReportKey) -> Option<&str> {
        self.report
            .get(key.english())
            .and_then(Json::as_str)
            .filter(|s| !s.is_empty())
    }

    /// Whether a paragraph of the body is a table or a chart.
    pub fn has_figures(&self) -> bool {
        self.blocks().any(|p| p.text().is_none())
    }

    /// Every resolved paragraph of text of the body, in reading order.
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        self.blocks().filter_map(Block::text)
    }

    /// Every paragraph of the body, text, table or chart, in reading order.
    fn blocks(&self) -> impl Iterator<Item = &Block> {
        self.body.iter().flat_map(|c| {
            c.paragraphs
                .iter()
                .chain(c.sections.iter().flat_map(|s| s.paragraphs.iter()))
        })
    }
}

/// Whether the template draws its automatic charts: the 报告 field 自动图表
/// says 否 to turn them off; a word that is neither yes nor no is a
/// warning at its cell, and they stay on.
fn auto_charts(briefing: &Briefing, diags: &mut Vec<Diagnostic>) -> bool {
    let key = crate::model::FieldKey::Known(ReportKey::AutoCharts);
    let Some(field) = briefing.report.iter().find(|f| f.key == key) else {
        return true;
    };
    let word = field.value.trim().to_lowercase();
    match word.as_str() {
        "" | "是" | "开" | "有" | "要" | "显示" | "yes" | "on" | "true" | "1" => true,
        "否" | "关" | "无" | "不要" | "不显示" | "no" | "off" | "false" | "0" => false,
        _ => {
            diags.push(
                Diagnostic::warning(
                    Some(field.cell.clone()),
                    format!("“自动图表”写的是“{}”，看不出要不要", field.value),
                )
                .with_hint("填“是”（画出自动图表）或“否”（不画）"),
            );
            true
        }
    }
}

/// The house style the 报告 field 措辞 sets (the default without one); a
/// word that names no style is an error at its cell.
fn house_style(briefing: &Briefing, diags: &mut Vec<Diagnostic>) -> HouseStyle {
    let key = crate::model::FieldKey::Known(ReportKey::Style);
    let Some(field) = briefing.report.iter().find(|f| f.key == key) else {
        return HouseStyle::default();
    };
    HouseStyle::parse(&field.value).unwrap_or_else(|word| {
        diags.push(
            Diagnostic::error(
                Some(field.cell.clone()),
                format!("“措辞”中的“{word}”不认识"),
            )
            .with_hint(format!(
                "措辞写措辞用词，用顿号隔开，如“较、顿号、省略主语”；可用的有：{}",
                style_words()
            )),
        );
        HouseStyle::default()
    })
}

/// A briefing worded: its document (unless there was an error), every
/// problem found, and where placeholders cited rows that have errors.
#[derive(Debug)]
pub struct Worded {
    /// The document, unless there was an error.
    pub document: Option<Document>,
    /// Every problem found, warnings included.
    pub diags: Vec<Diagnostic>,
    /// The citations of rows that have errors, folded under them.
    citations: Citations,
}

impl Worded {
    /// Folds the citations of rows with errors under those errors, found
    /// in `diags` (the errors of reading the workbook); see
    /// [`Citations::fold`].
    pub fn fold(&self, diags: &mut Vec<Diagnostic>) {
        self.citations.fold(diags);
    }
}

/// The wording of one briefing under way: what its texts may cite, and
/// what wording them found.
struct Words<'a> {
    briefing: &'a Briefing,
    lookup: Lookup<'a>,
    region: Option<&'a Region<'a>>,
    /// Every problem found so far, warnings included, and the citations
    /// of rows with errors.
    found: Found,
    /// The phrases relating an indicator to another, by the code of the
    /// indicator they word.
    cited: Vec<(String, String)>,
    /// The period reported on, as a table's header names it.
    period: String,
}

impl Words<'_> {
    /// `text` linted and resolved; empty when it has errors (reported).
    fn text(&mut self, text: &Text) -> String {
        let indicators = &self.briefing.indicators;
        self.found
            .diags
            .extend(lint::stale_figures(text, indicators));
        self.found.diags.extend(lint::price_verbs(text, indicators));
        let (lookup, region) = (&self.lookup, self.region);
        resolve(text, lookup, region, &mut self.found, &mut self.cited).unwrap_or_default()
    }

    /// The headline groups, in order of first appearance, each with the
    /// sentence of its first 要点.
    fn groups(&mut self) -> Vec<GroupDoc> {
        let mut groups: Vec<GroupDoc> = Vec::new();
        for indicator in &self.briefing.indicators {
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
            groups[index].indicators.push(indicator.code.clone());
            if let Some(highlight) = &indicator.highlight {
                let resolved = self.text(highlight);
                groups[index].highlight.get_or_insert(resolved);
            }
        }
        groups
    }

    /// A paragraph of the body: its text resolved, or the table or chart
    /// it asks for (empty text when that has an error, reported).
    fn paragraph(&mut self, text: &Text) -> Block {
        let made = match blocks::request(&text.text) {
            None => return Block::Text(self.text(text)),
            Some(Err(problem)) => Err(Diagnostic {
                cell: Some(text.cell.clone()),
                ..problem
            }),
            Some(Ok(request)) => {
                let cx = Context {
                    briefing: self.briefing,
                    lookup: &self.lookup,
                    region: self.region,
                    period: &self.period,
                };
                blocks::block(request, text, &cx)
            }
        };
        match made {
            Ok(block) => {
                self.found.diags.extend(blocks::mixed_units(&block, text));
                block
            }
            Err(problem) => {
                self.found.diags.push(problem);
                Block::Text(String::new())
            }
        }
    }

    /// A chapter with its paragraphs resolved.
    fn chapter(&mut self, chapter: &Chapter) -> ChapterDoc {
        ChapterDoc {
            title: chapter.title.clone(),
            numbered: self_numbered(&chapter.title),
            paragraphs: chapter
                .paragraphs
                .iter()
                .map(|p| self.paragraph(p))
                .collect(),
            sections: chapter
                .sections
                .iter()
                .map(|s| SectionDoc {
                    title: s.title.clone(),
                    numbered: self_numbered(&s.title),
                    paragraphs: s.paragraphs.iter().map(|p| self.paragraph(p)).collect(),
                })
                .collect(),
        }
    }

    /// Every indicator worded, with the phrases of the prose citing it.
    fn indicators(&self) -> Vec<IndicatorDoc> {
        let region = self.region;
        let indicators = self.briefing.indicators.iter();
        indicators
            .map(|i| {
                let mut doc = IndicatorDoc::new(i, region);
                for (code, phrase) in &self.cited {
                    if *code == i.code && !doc.text.cited.contains(phrase) {
                        doc.text.cited.push(phrase.clone());
                    }
                }
                doc
            })
            .collect()
    }
}

impl IndicatorDoc {
    /// An indicator with its fields worded, in the report of `region`.
    pub fn new(i: &Indicator, region: Option<&Region>) -> Self {
        // The same forms the placeholders give, so that a template and the
        // prose never word a figure differently.
        let word = |form| word(i, form, region).ok();
        let text = IndicatorText {
            value: word(Form::Value).unwrap_or_default(),
            number: word(Form::Number).unwrap_or_default(),
            yoy: word(Form::Yoy),
            previous: word(Form::Previous),
            previous_yoy: word(Form::PreviousYoy),
            change: word(Form::Change { against: None }),
            compare: word(Form::Compare { period: None }),
            mom: word(Form::Mom),
            two_year_average: word(Form::TwoYear),
            rank: word(Form::Rank),
            yoy_rank: word(Form::GrowthRank),
            cited: Vec::new(),
        };
        IndicatorDoc {
            figures: i.clone(),
            text,
        }
    }
}

impl DateParts {
    /// The parts of `date`.
    fn of(date: chrono::NaiveDateTime) -> DateParts {
        use chrono::Datelike;
        DateParts {
            year: date.year(),
            month: date.month(),
            day: date.day(),
        }
    }
}

/// An extra sheet as its name and its rows, each keyed by header.
fn table_json(table: &ExtraTable) -> (String, Json) {
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

/// Whether a heading starts with a number of its own: 一、 （一） 1. 1、
/// 1． （1） 第一章 第1节.
pub fn self_numbered(title: &str) -> bool {
    let title = title.trim_start();
    let is_numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十百零〇".contains(c);
    let numeral_len = |s: &str| s.chars().take_while(|&c| is_numeral(c)).count();
    let after = |s: &str| {
        let n = numeral_len(s);
        (n > 0).then(|| s.chars().skip(n).collect::<String>())
    };
    if let Some(rest) = title.strip_prefix('第') {
        return after(rest).is_some_and(|r| r.starts_with(['章', '节', '部', '篇']));
    }
    if let Some(rest) = title.strip_prefix(['（', '(']) {
        return after(rest).is_some_and(|r| r.starts_with(['）', ')']));
    }
    match after(title) {
        Some(rest) => {
            let digits = title.starts_with(|c: char| c.is_ascii_digit());
            rest.starts_with('、')
                || (digits
                    && rest.starts_with(['．', '.'])
                    && !rest.chars().nth(1).is_some_and(char::is_numeric))
        }
        None => false,
    }
}

/// What `check` says when headings carry their own numbers: templates
/// that number headings (公文, 简报) print those as typed.
fn numbered_note(body: &[ChapterDoc]) -> Option<Diagnostic> {
    let titles = body.iter().flat_map(|c| {
        let sections = c.sections.iter().filter(|s| s.numbered).map(|s| &s.title);
        c.numbered.then_some(&c.title).into_iter().chain(sections)
    });
    let titles: Vec<&String> = titles.collect();
    let first = titles.first()?;
    Some(Diagnostic::info(
        None,
        format!(
            "有 {} 个章节标题自带编号（如“{first}”）：公文、简报模板照原样印出，不再另加编号",
            titles.len()
        ),
    ))
}
