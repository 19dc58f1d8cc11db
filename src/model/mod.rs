//! The typed model of a briefing, and the checks that build it from cells.
//!
//! A workbook has three sheets with fixed meaning (报告, 指标, 正文; English
//! names accepted) and any number of extra sheets that reach the template as
//! plain tables. [`Briefing::from_workbook`] reads them all and reports every
//! problem at its cell; it never stops at the first one. The contract is
//! documented for users in `docs/workbook.md`.

use std::collections::HashMap;

use chrono::NaiveDateTime;

mod regions;

use crate::diagnostic::{CellRef, Diagnostic};
use crate::workbook::{Sheet, Value, Workbook};
pub use regions::Regions;

/// The characters that separate the codes of a placeholder's list
/// (`{a、b:同比}`), which a code therefore cannot hold.
pub const LIST_SEPARATORS: [char; 3] = ['、', ',', '，'];

/// Names of the report sheet.
const REPORT_SHEET: &[&str] = &["报告", "report"];
/// Names of the indicator sheet.
const INDICATOR_SHEET: &[&str] = &["指标", "indicators"];
/// Names of the body sheet.
const BODY_SHEET: &[&str] = &["正文", "body"];

/// The known keys of the report sheet: the English name used in templates,
/// then the names accepted in the workbook.
pub const REPORT_KEYS: &[(&str, &[&str])] = &[
    ("title", &["标题", "title"]),
    ("kicker", &["肩题", "kicker"]),
    ("subtitle", &["副标题", "subtitle"]),
    ("period", &["报告期", "period"]),
    ("date", &["日期", "date"]),
    ("publisher", &["发布单位", "publisher"]),
    ("author", &["作者", "author"]),
    ("source", &["来源", "source"]),
    ("lead", &["导语", "lead"]),
    ("keywords", &["关键词", "keywords"]),
    ("template", &["模板", "template"]),
    ("bulletin", &["简报名称", "bulletin"]),
    ("issue", &["期号", "issue"]),
    ("editor", &["编印单位", "editor"]),
    ("send_to", &["报送", "send_to"]),
    ("copy_to", &["抄送", "copy_to"]),
];

/// One line of the report sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportField {
    /// The English name of a known key (`title`), or the key as typed.
    pub key: String,
    /// The cell's text (dates written the Chinese way).
    pub value: String,
    /// Where the value is.
    pub cell: CellRef,
}

/// What kind of figure an indicator is (the 类型 column); it decides how
/// its changes are worded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// 总量: an amount that grows (增长) or falls (下降).
    #[default]
    Total,
    /// 价格: a price, which rises (上涨) or falls (下降).
    Price,
    /// 比率: a rate or share, which changes by percentage points.
    Rate,
    /// 指数: an index; given as a level (上年同期 = 100) without 同比, its
    /// 同比 is the level − 100. A price index rises and falls as prices do.
    Index,
}

impl Kind {
    /// The names accepted in the 类型 column: the Chinese one first.
    pub const NAMES: &[(Kind, &[&str])] = &[
        (Kind::Total, &["总量", "total"]),
        (Kind::Price, &["价格", "price"]),
        (Kind::Rate, &["比率", "rate"]),
        (Kind::Index, &["指数", "index"]),
    ];

    /// The kind named `text` in the 类型 column.
    fn named(text: &str) -> Option<Kind> {
        let text = normalize_header(text);
        Kind::NAMES
            .iter()
            .find(|(_, names)| matches_any(&text, names))
            .map(|&(kind, _)| kind)
    }

    /// The kind a name suggests when the 类型 column says nothing:
    /// 居民消费价格 is a price, 居民消费价格指数 an index.
    fn from_name(name: &str) -> Kind {
        if name.ends_with("指数") {
            Kind::Index
        } else if is_price_name(name) {
            Kind::Price
        } else {
            Kind::Total
        }
    }
}

/// Whether an indicator's name says it is a price (价格, 物价, 房价, CPI,
/// PPI…).
pub fn is_price_name(name: &str) -> bool {
    let upper = name.to_uppercase();
    ["价格", "物价", "房价", "油价", "票价", "租金"]
        .iter()
        .any(|word| name.contains(word))
        || ["CPI", "PPI", "RPI"]
            .iter()
            .any(|word| upper.contains(word))
}

/// A figure of the indicator sheet. Serialized (without its 要点 and cell),
/// it is what a template receives of it besides the worded text.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Indicator {
    /// Unique code used in placeholders (`{gdp}`).
    pub code: String,
    /// The headline group (板块) the figure belongs to, if any.
    pub group: Option<String>,
    /// The indicator's name (指标).
    pub name: String,
    /// The figure itself (数值).
    pub value: f64,
    /// The unit written after the figure (亿元, %, 个).
    pub unit: String,
    /// What kind of figure it is (类型), as typed or inferred from the name.
    pub kind: Kind,
    /// The value of the same period a year earlier (上年同期).
    pub previous: Option<f64>,
    /// Year-on-year change in percent (同比): 1.5 means +1.5%. For an
    /// index given as a level without 同比, the level − 100.
    pub yoy: Option<f64>,
    /// The previous period's year-on-year change in percent (上期同比).
    pub previous_yoy: Option<f64>,
    /// The group's headline sentence (要点), with placeholders unresolved.
    #[serde(skip)]
    pub highlight: Option<Text>,
    /// A free note (备注).
    pub note: Option<String>,
    /// The region the row belongs to, when the workbook is read per region
    /// (`--per`) and the row's cell in that column is not empty.
    #[serde(skip)]
    pub region: Option<String>,
    /// The row of the indicator, pointing at its code cell.
    #[serde(skip)]
    pub cell: CellRef,
}

/// Text typed in a cell, remembered with its cell for later diagnostics.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    /// The text as typed.
    pub text: String,
    /// Where it was typed.
    pub cell: CellRef,
}

/// A chapter of the body (章).
#[derive(Debug, Clone, PartialEq)]
pub struct Chapter {
    /// The chapter's heading; empty for paragraphs before the first chapter.
    pub title: String,
    /// Paragraphs before the chapter's first section.
    pub paragraphs: Vec<Text>,
    /// The titled sections (节).
    pub sections: Vec<Section>,
}

impl Chapter {
    fn new(title: String) -> Self {
        Chapter {
            title,
            paragraphs: Vec::new(),
            sections: Vec::new(),
        }
    }
}

/// A titled section of a chapter (节).
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// The section's heading.
    pub title: String,
    /// Its paragraphs, in order.
    pub paragraphs: Vec<Text>,
}

/// A sheet other than the three known ones, handed to the template as rows
/// keyed by the header row.
#[derive(Debug, Clone, PartialEq)]
pub struct ExtraTable {
    /// The sheet's name.
    pub name: String,
    /// The header names, in column order.
    pub headers: Vec<String>,
    /// The data rows: one value per header (empty cells as empty text).
    pub rows: Vec<Vec<Value>>,
}

/// How to read a workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOptions {
    /// Normalise punctuation, digits and spacing of printed text
    /// ([`crate::normalize`]); on by default.
    pub normalize: bool,
    /// The column of the indicator sheet that cuts the workbook into one
    /// report per value (`--per 地区`); see [`Regions`].
    pub per: Option<String>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            normalize: true,
            per: None,
        }
    }
}

/// Everything a workbook says, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Briefing {
    /// The report sheet's lines, in order.
    pub report: Vec<ReportField>,
    /// The indicators, in sheet order.
    pub indicators: Vec<Indicator>,
    /// The body, chapter by chapter.
    pub body: Vec<Chapter>,
    /// Every other visible sheet.
    pub tables: Vec<ExtraTable>,
    /// Indicator rows left out because of errors, so that a placeholder
    /// citing one can say so rather than call it unknown.
    pub rejected: Vec<Rejected>,
    /// The regions, when the workbook is read per region (`--per`).
    pub regions: Option<Regions>,
}

/// An indicator row left out because of errors.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejected {
    /// Its code.
    pub code: String,
    /// Its region, when read per region.
    pub region: Option<String>,
}

impl Indicator {
    /// Whether changes of this figure are a price's: 上涨 rather than 增长.
    pub fn is_price(&self) -> bool {
        match self.kind {
            Kind::Price => true,
            Kind::Index => is_price_name(&self.name),
            Kind::Total | Kind::Rate => false,
        }
    }

    /// Whether this figure is a rate or share, whose changes are told in
    /// percentage points: 类型 比率, or a unit of % or ‰.
    pub fn is_rate(&self) -> bool {
        self.kind == Kind::Rate || crate::number::is_rate(&self.unit)
    }
}

impl Briefing {
    /// Reads the typed model from a workbook, with every problem found.
    /// Rows with errors are left out, so the model is complete only when
    /// no diagnostic is an error; it is returned anyway so that the later
    /// stages can report their problems in the same run.
    pub fn from_workbook(
        workbook: &Workbook,
        options: &ReadOptions,
    ) -> (Briefing, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let mut report = None;
        let mut indicators = Vec::new();
        let mut rejected = Vec::new();
        let mut regions = None;
        let mut indicator_sheet = false;
        let mut body = Vec::new();
        let mut tables = Vec::new();
        for sheet in &workbook.sheets {
            let name = normalize_header(&sheet.name);
            if matches_any(&name, REPORT_SHEET) {
                report = Some(read_report(sheet, options, &mut diags));
            } else if matches_any(&name, INDICATOR_SHEET) {
                indicator_sheet = true;
                (indicators, rejected, regions) =
                    read_indicators(sheet, options, workbook.formats_known, &mut diags);
            } else if matches_any(&name, BODY_SHEET) {
                body = read_body(sheet, options, &mut diags);
            } else if sheet.visible
                && let Some(table) = read_extra(sheet, options, &mut diags)
            {
                tables.push(table);
            }
        }
        if !workbook.skipped.is_empty() {
            diags.push(Diagnostic::info(
                None,
                format!(
                    "跳过了{}（不是数据表格，不读取）",
                    workbook.skipped.join("、")
                ),
            ));
        }
        if report.is_none() {
            diags.push(
                Diagnostic::error(None, "工作簿中没有“报告”工作表")
                    .with_hint("新建名为“报告”的工作表，两列“项目 | 内容”，至少填写“标题”"),
            );
        }
        if let Some(column) = &options.per
            && !indicator_sheet
        {
            diags.push(
                Diagnostic::error(
                    None,
                    format!("工作簿中没有“指标”工作表，无法按“{column}”分别编译"),
                )
                .with_hint(format!(
                    "新建“指标”工作表，加一列“{column}”，填写每个指标所属的{column}"
                )),
            );
        }
        let report = report.unwrap_or_default();
        (
            Briefing {
                report,
                indicators,
                body,
                tables,
                rejected,
                regions,
            },
            diags,
        )
    }

    /// The value of a report key, by its English name (`title`) or as typed.
    pub fn report_value(&self, key: &str) -> Option<&str> {
        self.report
            .iter()
            .find(|f| f.key == key)
            .map(|f| f.value.as_str())
    }

    /// The report's date (日期), when it reads as a date.
    pub fn date(&self) -> Option<NaiveDateTime> {
        self.report_value("date").and_then(parse_date)
    }
}

/// Reads a date written the usual ways: `2020-08-04`, `2020/8/4`,
/// `2020年8月4日`, optionally followed by a time (`2020年08月04日08:26`).
///
/// ```
/// use briefing::model::parse_date;
/// let d = parse_date("2020年08月04日08:26").unwrap();
/// assert_eq!(d.to_string(), "2020-08-04 08:26:00");
/// assert_eq!(parse_date("2020/8/4").unwrap().to_string(), "2020-08-04 00:00:00");
/// assert!(parse_date("上半年").is_none());
/// ```
pub fn parse_date(text: &str) -> Option<NaiveDateTime> {
    let numbers = date_numbers(text)?;
    let [year, month, day, rest @ ..] = numbers.as_slice() else {
        return None;
    };
    if *year < 1900 {
        return None;
    }
    let date = chrono::NaiveDate::from_ymd_opt(*year as i32, *month, *day)?;
    let (hour, minute) = match rest {
        [h, m, ..] => (*h, *m),
        _ => (0, 0),
    };
    date.and_hms_opt(hour, minute, 0)
}

/// The numbers of a text written as a date: year, month, day and maybe a
/// time (`2020年08月04日08:26` → 2020, 8, 4, 8, 26).
fn date_numbers(text: &str) -> Option<Vec<u32>> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().ok())
        .collect()
}

/// What is wrong with a text that is written like a date but names no
/// real day (`2020年13月45日`, `2021-02-29`, `2020年8月4日25:00`); `None`
/// for real dates and for text that is not written as a date at all
/// (`上半年`).
///
/// ```
/// use briefing::model::impossible_date;
/// assert!(impossible_date("2020年13月45日").unwrap().contains("13月"));
/// assert!(impossible_date("2021-02-29").is_some());
/// assert_eq!(impossible_date("2020年8月4日"), None);
/// assert_eq!(impossible_date("2020年上半年"), None);
/// ```
pub fn impossible_date(text: &str) -> Option<String> {
    let numbers = date_numbers(text)?;
    let [year, month, day, rest @ ..] = numbers.as_slice() else {
        return None;
    };
    if *year < 1900 || parse_date(text).is_some() {
        return None;
    }
    let problem = if !(1..=12).contains(month) {
        format!("没有{month}月")
    } else if chrono::NaiveDate::from_ymd_opt(*year as i32, *month, *day).is_none() {
        format!("{year}年{month}月没有{day}日")
    } else {
        let time: Vec<String> = rest.iter().map(u32::to_string).collect();
        format!("时间“{}”不存在", time.join(":"))
    };
    Some(format!("日期“{text}”不存在：{problem}"))
}

/// Header text compared the forgiving way: without spaces or line breaks,
/// and case-insensitive for English names.
fn normalize_header(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

fn matches_any(normalized: &str, names: &[&str]) -> bool {
    names.iter().any(|n| normalize_header(n) == normalized)
}

/// A sheet read as a header row and data rows.
struct Table<'a> {
    sheet: &'a Sheet,
    /// Zero-based row index of the header row.
    header_row: u32,
    /// Normalized header name → absolute column index.
    columns: Vec<(String, u32)>,
    /// The data rows below the header that have at least one value.
    rows: Vec<(u32, &'a [Value])>,
}

impl<'a> Table<'a> {
    /// The header row is the first row (of the first twenty) that holds
    /// one of `expected`'s names, so that a title row above the table is
    /// skipped; without such a row, the first row with any value. `None`
    /// for an empty sheet.
    fn new(sheet: &'a Sheet, expected: &[&[&str]]) -> Option<Self> {
        let is_header = |row: &[Value]| {
            row.iter().any(|v| {
                let name = normalize_header(&v.to_text());
                expected.iter().any(|names| matches_any(&name, names))
            })
        };
        let skip = sheet
            .indexed_rows()
            .take(20)
            .position(|(_, row)| is_header(row))
            .unwrap_or_else(|| {
                sheet
                    .indexed_rows()
                    .take_while(|(_, row)| row.iter().all(Value::is_blank))
                    .count()
            });
        let mut rows = sheet.indexed_rows().skip(skip);
        let (header_row, header) = rows.next()?;
        let columns = header
            .iter()
            .enumerate()
            .filter(|(_, v)| !v.is_blank())
            .map(|(i, v)| (normalize_header(&v.to_text()), sheet.first_col + i as u32))
            .collect();
        let rows = rows
            .filter(|(_, row)| !row.iter().all(Value::is_blank))
            .collect();
        Some(Table {
            sheet,
            header_row,
            columns,
            rows,
        })
    }

    /// The column whose header is one of `names`.
    fn column(&self, names: &[&str]) -> Option<u32> {
        self.columns
            .iter()
            .find(|(h, _)| matches_any(h, names))
            .map(|&(_, c)| c)
    }

    /// Reports cells that hold no usable value in any column with a header:
    /// error values (#DIV/0!, #N/A) and formulas whose result the file does
    /// not store.
    fn check_cells(&self, diags: &mut Vec<Diagnostic>) {
        for &(row, cells) in &self.rows {
            for &(_, col) in &self.columns {
                if self.sheet.is_merge_copy(row, col) {
                    continue;
                }
                match value_at(self.sheet, cells, Some(col)) {
                    Value::Error(error) => diags.push(
                        Diagnostic::error(Some(self.cell_ref(row, col)), format!("单元格是错误值“{error}”"))
                            .with_hint("修正这个单元格的公式或数据，使它显示正常的值"),
                    ),
                    Value::Formula(formula) => diags.push(
                        Diagnostic::error(
                            Some(self.cell_ref(row, col)),
                            format!("单元格是公式“={formula}”，但文件里没有它的计算结果"),
                        )
                        .with_hint(
                            "这个文件多半由程序生成、从未在表格软件中打开过：用 Excel、WPS 或 LibreOffice 打开并保存一次，再重新编译",
                        ),
                    ),
                    _ => {}
                }
            }
        }
    }

    /// The column named `names`, or an error at the header row if missing.
    fn required_column(&self, names: &[&str], diags: &mut Vec<Diagnostic>) -> Option<u32> {
        let column = self.column(names);
        if column.is_none() {
            let aliases = match &names[1..] {
                [] => String::new(),
                others => format!("（也可写作 {}）", others.join("、")),
            };
            diags.push(
                Diagnostic::error(
                    Some(CellRef::new(
                        &self.sheet.name,
                        self.header_row,
                        self.sheet.first_col,
                    )),
                    format!("缺少“{}”列", names[0]),
                )
                .with_hint(format!(
                    "在第 {} 行（标题行）添加名为“{}”的列{aliases}",
                    self.header_row + 1,
                    names[0],
                )),
            );
        }
        column
    }

    fn cell_ref(&self, row: u32, col: u32) -> CellRef {
        CellRef::new(&self.sheet.name, row, col)
    }
}

/// The value in absolute column `col` of a row slice.
fn value_at(sheet: &Sheet, row: &[Value], col: Option<u32>) -> Value {
    col.and_then(|c| c.checked_sub(sheet.first_col))
        .and_then(|i| row.get(i as usize))
        .cloned()
        .unwrap_or(Value::Empty)
}

/// The trimmed text of a cell, or `None` when blank.
fn text_at(sheet: &Sheet, row: &[Value], col: Option<u32>) -> Option<String> {
    let value = value_at(sheet, row, col);
    (!value.is_blank()).then(|| value.to_text().trim().to_string())
}

/// Like [`text_at`], for text that is printed: normalised (unless turned
/// off), with each change reported as a warning at the cell.
fn prose_at(
    sheet: &Sheet,
    row: u32,
    cells: &[Value],
    col: Option<u32>,
    options: &ReadOptions,
    diags: &mut Vec<Diagnostic>,
) -> Option<String> {
    let text = text_at(sheet, cells, col)?;
    if !options.normalize {
        return Some(text);
    }
    let col = col?;
    if sheet.is_merge_copy(row, col) {
        // Reported at the merged cell itself.
        return Some(crate::normalize::normalize(&text).0);
    }
    let cell = CellRef::new(&sheet.name, row, col);
    Some(crate::normalize::normalize_reported(&text, &cell, diags))
}

fn read_report(
    sheet: &Sheet,
    options: &ReadOptions,
    diags: &mut Vec<Diagnostic>,
) -> Vec<ReportField> {
    let mut fields = Vec::new();
    let Some(table) = Table::new(sheet, &[&["项目", "key"], &["内容", "value"]]) else {
        diags.push(Diagnostic::error(
            Some(CellRef::new(&sheet.name, 0, 0)),
            "“报告”工作表是空的，至少需要填写“标题”",
        ));
        return fields;
    };
    table.check_cells(diags);
    let key_col = table.column(&["项目", "key"]);
    let value_col = table.column(&["内容", "value"]);
    let (key_col, value_col, rows) = match (key_col, value_col) {
        (Some(k), Some(v)) => (k, v, table.rows.clone()),
        // No header row: the sheet starts with data in its first two columns.
        _ => (
            sheet.first_col,
            sheet.first_col + 1,
            std::iter::once((
                table.header_row,
                table.sheet.rows[(table.header_row - sheet.first_row) as usize].as_slice(),
            ))
            .chain(table.rows.iter().copied())
            .collect(),
        ),
    };
    for (row, cells) in rows {
        let Some(raw_key) = text_at(sheet, cells, Some(key_col)) else {
            continue;
        };
        let normalized = normalize_header(&raw_key);
        let key = REPORT_KEYS
            .iter()
            .find(|(_, names)| matches_any(&normalized, names))
            .map_or(raw_key.clone(), |(english, _)| english.to_string());
        // The template's path is not prose.
        let value = if key == "template" {
            text_at(sheet, cells, Some(value_col))
        } else {
            prose_at(sheet, row, cells, Some(value_col), options, diags)
        }
        .unwrap_or_default();
        if let Some(first) = fields.iter().find(|f: &&ReportField| f.key == key) {
            diags.push(
                Diagnostic::error(
                    Some(table.cell_ref(row, key_col)),
                    format!("“{raw_key}”重复出现，第一次在 {}", first.cell),
                )
                .with_hint("每个项目只填写一次"),
            );
            continue;
        }
        if key == "date"
            && let Some(problem) = impossible_date(&value)
        {
            diags.push(
                Diagnostic::error(Some(table.cell_ref(row, value_col)), problem).with_hint(
                    "按“2020年8月4日”或“2020-08-04”填写真实的日期，或把单元格设为日期格式",
                ),
            );
        }
        fields.push(ReportField {
            key,
            value,
            cell: table.cell_ref(row, value_col),
        });
    }
    match fields.iter().find(|f| f.key == "title") {
        Some(f) if !f.value.is_empty() => {}
        Some(f) => diags.push(
            Diagnostic::error(Some(f.cell.clone()), "“标题”是空的").with_hint("填写简报的标题"),
        ),
        None => diags.push(
            Diagnostic::error(
                Some(CellRef::new(&sheet.name, table.header_row, key_col)),
                "缺少“标题”",
            )
            .with_hint("在“报告”工作表中加一行：项目“标题”，内容为简报的标题"),
        ),
    }
    fields
}

/// Column names of the indicator sheet: first the Chinese header, then the
/// accepted aliases.
mod columns {
    pub const CODE: &[&str] = &["代码", "id", "code"];
    pub const GROUP: &[&str] = &["板块", "group"];
    pub const NAME: &[&str] = &["指标", "name"];
    pub const VALUE: &[&str] = &["数值", "value"];
    pub const UNIT: &[&str] = &["单位", "unit"];
    pub const PREVIOUS: &[&str] = &["上年同期", "previous"];
    pub const YOY: &[&str] = &["同比", "yoy"];
    pub const PREVIOUS_YOY: &[&str] = &["上期同比", "previous_yoy"];
    pub const HIGHLIGHT: &[&str] = &["要点", "highlight"];
    pub const NOTE: &[&str] = &["备注", "note"];
    pub const KIND: &[&str] = &["类型", "kind", "type"];
    pub const CHAPTER: &[&str] = &["章", "chapter"];
    pub const SECTION: &[&str] = &["节", "section"];
    pub const PARAGRAPH: &[&str] = &["段落", "paragraph", "text"];
}

fn read_indicators(
    sheet: &Sheet,
    options: &ReadOptions,
    formats_known: bool,
    diags: &mut Vec<Diagnostic>,
) -> (Vec<Indicator>, Vec<Rejected>, Option<Regions>) {
    let mut indicators: Vec<Indicator> = Vec::new();
    let mut rejected: Vec<Rejected> = Vec::new();
    let Some(table) = Table::new(sheet, &[columns::CODE, columns::NAME, columns::VALUE]) else {
        if let Some(column) = &options.per {
            diags.push(
                Diagnostic::error(
                    Some(CellRef::new(&sheet.name, 0, 0)),
                    format!("“指标”工作表是空的，无法按“{column}”分别编译"),
                )
                .with_hint(format!(
                    "填写指标，并加一列“{column}”写明每个指标所属的{column}"
                )),
            );
        }
        return (indicators, rejected, None);
    };
    table.check_cells(diags);
    let code_col = table.required_column(columns::CODE, diags);
    let name_col = table.required_column(columns::NAME, diags);
    let value_col = table.required_column(columns::VALUE, diags);
    let region_col = match &options.per {
        Some(column) => {
            let found = table.column(&[column.as_str()]);
            if found.is_none() {
                let names: Vec<&str> = table.columns.iter().map(|(n, _)| n.as_str()).collect();
                diags.push(
                    Diagnostic::error(
                        Some(table.cell_ref(table.header_row, sheet.first_col)),
                        format!("“指标”工作表没有“{column}”列，无法按它分别编译"),
                    )
                    .with_hint(format!(
                        "这张表的列有：{}。请检查 --per 后面的列名，或在第 {} 行（标题行）加上“{column}”列",
                        names.join("、"),
                        table.header_row + 1
                    )),
                );
                return (indicators, rejected, None);
            }
            found
        }
        None => None,
    };
    let (Some(code_col), Some(name_col), Some(value_col)) = (code_col, name_col, value_col) else {
        return (indicators, rejected, None);
    };
    let mut regions = options.per.as_ref().map(|column| Regions {
        column: column.trim().to_string(),
        sheet: sheet.name.clone(),
        names: Vec::new(),
        rows: HashMap::new(),
    });
    let group_col = table.column(columns::GROUP);
    let unit_col = table.column(columns::UNIT);
    let previous_col = table.column(columns::PREVIOUS);
    let yoy_col = table.column(columns::YOY);
    let previous_yoy_col = table.column(columns::PREVIOUS_YOY);
    let highlight_col = table.column(columns::HIGHLIGHT);
    let note_col = table.column(columns::NOTE);
    let kind_col = table.column(columns::KIND);

    // Codes are unique within a region; a code shared by every region
    // (a row whose region is empty) cannot also be given per region.
    let mut seen: HashMap<(Option<String>, String), CellRef> = HashMap::new();
    let mut in_some_region: HashMap<String, CellRef> = HashMap::new();
    let mut group: Option<String> = None;
    for &(row, cells) in &table.rows {
        let at = |col: u32| table.cell_ref(row, col);
        // A blank group continues the one above: people merge it vertically.
        if let Some(g) = prose_at(sheet, row, cells, group_col, options, diags) {
            group = Some(g);
        }
        let region = prose_at(sheet, row, cells, region_col, options, diags);
        if let (Some(regions), Some(region)) = (&mut regions, &region) {
            regions.add(row, region);
        }
        let code = text_at(sheet, cells, Some(code_col));
        let name = prose_at(sheet, row, cells, Some(name_col), options, diags);
        let unit = text_at(sheet, cells, unit_col).unwrap_or_default();
        let typed_kind = match text_at(sheet, cells, kind_col) {
            None => None,
            Some(text) => match Kind::named(&text) {
                Some(kind) => Some(kind),
                None => {
                    let names: Vec<String> = Kind::NAMES
                        .iter()
                        .map(|(_, n)| format!("{}（{}）", n[0], n[1]))
                        .collect();
                    diags.push(
                        Diagnostic::error(kind_col.map(&at), format!("“类型”写的“{text}”不认识"))
                            .with_hint(format!(
                                "类型可以是 {}，或留空（按名称和单位判断）",
                                names.join("、")
                            )),
                    );
                    Some(Kind::Total)
                }
            },
        };
        // Errors in this row's numbers leave the row out.
        let mut number_errors = 0;
        let mut number = |col: Option<u32>, label: &str, required: bool| -> Option<f64> {
            let col = col?;
            let value = value_at(sheet, cells, Some(col));
            let percent = matches!(label, "同比" | "上期同比");
            match parse_number(&value, &unit, percent) {
                Ok(Some(n)) if percent && !formats_known && looks_like_a_fraction(&value) => {
                    let shown = crate::number::Decimal::from_f64(n).shift(2);
                    diags.push(
                        Diagnostic::warning(
                            Some(at(col)),
                            format!("“{label}”是 {}，像是设为百分比格式的 {shown}%", crate::number::format_number(n)),
                        )
                        .with_hint(format!(
                            "这种文件格式读不出单元格格式：如果表中显示的是 {shown}%，请把单元格改为数字 {shown}，或另存为 .xlsx"
                        )),
                    );
                    Some(n)
                }
                Ok(n) => n,
                Err((message, hint)) => {
                    number_errors += 1;
                    diags.push(
                        Diagnostic::error(Some(at(col)), format!("“{label}”{message}"))
                            .with_hint(hint),
                    );
                    None
                }
            }
            .or_else(|| {
                if required && value.is_blank() {
                    number_errors += 1;
                    diags.push(
                        Diagnostic::error(Some(at(col)), format!("“{label}”是空的"))
                            .with_hint("每个指标都要填写数值"),
                    );
                }
                None
            })
        };
        let value = number(Some(value_col), "数值", true);
        let previous = number(previous_col, "上年同期", false);
        let yoy = number(yoy_col, "同比", false);
        let previous_yoy = number(previous_yoy_col, "上期同比", false);
        let numbers_ok = number_errors == 0;
        let Some(code) = code else {
            diags.push(
                Diagnostic::error(Some(at(code_col)), "“代码”是空的")
                    .with_hint("给每个指标一个唯一的代码，例如 gdp，正文用 {gdp} 引用它"),
            );
            continue;
        };
        if let Some(bad) = code.chars().find(|c| {
            matches!(c, '{' | '}' | ':' | '：') || LIST_SEPARATORS.contains(c) || c.is_whitespace()
        }) {
            diags.push(
                Diagnostic::error(Some(at(code_col)), format!("代码“{code}”中不能有“{bad}”"))
                    .with_hint(
                        "代码只用字母、数字、下划线或汉字，不带空格、冒号、逗号、顿号和花括号",
                    ),
            );
            continue;
        }
        if let Some(regions) = &regions
            && normalize_header(&code) == normalize_header(&regions.column)
        {
            diags.push(
                Diagnostic::error(
                    Some(at(code_col)),
                    format!("代码“{code}”与按其分别编译的列“{}”同名", regions.column),
                )
                .with_hint(format!(
                    "正文中的 {{{}}} 指当前报告的{}名称；请给这个指标换一个代码",
                    regions.column, regions.column
                )),
            );
            continue;
        }
        let key = (region.clone(), code.clone());
        if let Some(first) = seen.get(&key) {
            let within = match &region {
                Some(region) => format!("在“{region}”中"),
                None => String::new(),
            };
            diags.push(
                Diagnostic::error(
                    Some(at(code_col)),
                    format!("代码“{code}”{within}重复，第一次出现在 {first}"),
                )
                .with_hint("每个指标的代码必须唯一"),
            );
            continue;
        }
        let shared = |regions: &Regions| {
            format!(
                "共用的指标（“{}”列为空的行）对每份报告都有效，不能再按{}分别填写；请删掉其中一行，或给共用的指标换一个代码",
                regions.column, regions.column
            )
        };
        match (&region, &regions) {
            (Some(_), Some(regions)) => {
                if let Some(first) = seen.get(&(None, code.clone())) {
                    diags.push(
                        Diagnostic::error(
                            Some(at(code_col)),
                            format!("代码“{code}”已是共用的指标（{first}）"),
                        )
                        .with_hint(shared(regions)),
                    );
                    continue;
                }
                in_some_region
                    .entry(code.clone())
                    .or_insert_with(|| at(code_col));
            }
            (None, Some(regions)) => {
                if let Some(first) = in_some_region.get(&code) {
                    diags.push(
                        Diagnostic::error(
                            Some(at(code_col)),
                            format!("代码“{code}”已按{}填写（{first}）", regions.column),
                        )
                        .with_hint(shared(regions)),
                    );
                    continue;
                }
            }
            _ => {}
        }
        seen.insert(key, at(code_col));
        let Some(name) = name else {
            diags.push(
                Diagnostic::error(
                    Some(at(name_col)),
                    format!("指标“{code}”的“指标”名称是空的"),
                )
                .with_hint("填写指标名称，例如“地区生产总值”"),
            );
            rejected.push(Rejected { code, region });
            continue;
        };
        let (Some(value), true) = (value, numbers_ok) else {
            rejected.push(Rejected { code, region });
            continue;
        };
        let kind = typed_kind.unwrap_or_else(|| Kind::from_name(&name));
        if typed_kind.is_none() && kind != Kind::Total {
            let told = match kind {
                Kind::Index if is_price_name(&name) => "价格指数：涨跌写作“上涨”“下降”",
                Kind::Index => "指数",
                _ => "价格：涨跌写作“上涨”“下降”",
            };
            diags.push(
                Diagnostic::info(Some(at(name_col)), format!("指标“{name}”按名称当作{told}"))
                    .with_hint("不对时在“类型”列写明：总量、价格、比率或指数"),
            );
        }
        // An index given as a level: 99.5 means a fall of 0.5%.
        let yoy = match yoy {
            None if kind == Kind::Index && (50.0..=200.0).contains(&value) => {
                let derived = crate::number::difference(value, 100.0);
                diags.push(Diagnostic::info(
                    Some(at(value_col)),
                    format!("指数“{name}”没有填同比：按上年同期为 100，同比为 {derived}"),
                ));
                derived.to_string().parse().ok()
            }
            yoy => yoy,
        };
        if let (Some(previous), Some(yoy), Some(col)) = (previous, yoy, yoy_col)
            && kind != Kind::Rate
            && let Some(computed) = inconsistent_yoy(value, previous, yoy, &unit)
        {
            diags.push(
                Diagnostic::warning(
                    Some(at(col)),
                    format!(
                        "同比 {} 与数值、上年同期算出的 {computed} 不一致",
                        crate::number::format_number(yoy)
                    ),
                )
                .with_hint(
                    "如果同比按可比价格等口径计算，可以不管；否则请核对数值、上年同期和同比",
                ),
            );
        }
        indicators.push(Indicator {
            code,
            group: group.clone(),
            name,
            value,
            unit,
            kind,
            previous,
            yoy,
            previous_yoy,
            highlight: highlight_col.and_then(|col| {
                prose_at(sheet, row, cells, Some(col), options, diags).map(|text| Text {
                    text,
                    cell: at(col),
                })
            }),
            note: prose_at(sheet, row, cells, note_col, options, diags),
            region,
            cell: at(code_col),
        });
    }
    if let Some(regions) = &regions
        && regions.names.is_empty()
        && let Some(col) = region_col
    {
        diags.push(
            Diagnostic::error(
                Some(table.cell_ref(table.header_row, col)),
                format!("“{}”列是空的，没有可以分别编译的报告", regions.column),
            )
            .with_hint(format!(
                "在“{}”列填写每个指标所属的{}；对所有报告都有效的指标留空",
                regions.column, regions.column
            )),
        );
    }
    (indicators, rejected, regions)
}

/// Reads a number from a cell, the way people type them: numbers stored as
/// text ("1,422.22", " 1422.22 ", full-width "１４２２．２２"), with the row's
/// unit after them ("1422.22亿元"), with "%" in a percentage column, with a
/// "−" sign. A cell formatted as a percentage (Excel stores 1.5% as 0.015)
/// is read as the percentage it shows. `percent` says whether the column
/// holds percentages (同比).
///
/// Returns `Ok(None)` for a blank cell, and for error values and formulas
/// without results, which [`Table::check_cells`] reports; `Err((message,
/// hint))` for anything else that is not a number.
pub fn parse_number(
    value: &Value,
    unit: &str,
    percent: bool,
) -> Result<Option<f64>, (String, String)> {
    let not_a_number = |found: &str| {
        (
            format!("应为数字，实际为“{found}”"),
            "只填写数字，例如 1422.22；单位写在“单位”列".to_string(),
        )
    };
    match value {
        Value::Number(n) => Ok(Some(*n)),
        Value::Percent(p) => {
            let shown: f64 = crate::number::Decimal::from_f64(*p)
                .shift(2)
                .to_string()
                .parse()
                .unwrap_or(p * 100.0);
            if percent || unit.is_empty() || crate::number::is_rate(unit) {
                Ok(Some(shown))
            } else {
                Err((
                    format!(
                        "单元格设为百分比格式（显示为 {}%），但“单位”是“{unit}”",
                        crate::number::format_number(shown)
                    ),
                    "把单元格格式改为“常规”或“数值”，或把单位改为 %".to_string(),
                ))
            }
        }
        v if v.is_blank() => Ok(None),
        Value::Error(_) | Value::Formula(_) => Ok(None),
        Value::Text(text) => {
            let typed = half_width_number(text.trim());
            let split = typed
                .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '+')))
                .unwrap_or(typed.len());
            let (number, suffix) = typed.split_at(split);
            let suffix = suffix.trim();
            let parsed = number
                .replace(',', "")
                .parse::<f64>()
                .ok()
                .filter(|n| n.is_finite());
            match parsed {
                None => Err(not_a_number(text)),
                Some(n) if suffix.is_empty() || suffix == unit => Ok(Some(n)),
                Some(n) if suffix == "%" && (percent || crate::number::is_rate(unit)) => {
                    Ok(Some(n))
                }
                Some(_) if suffix.chars().all(|c| !c.is_ascii_digit()) && !percent => Err((
                    format!("中数字后写的单位“{suffix}”与“单位”列的“{unit}”不一致"),
                    "只在“单位”列写单位；若数字确是这个单位，请把“单位”列改成一致，或换算数字"
                        .to_string(),
                )),
                Some(_) => Err(not_a_number(text)),
            }
        }
        other => Err(not_a_number(&other.to_text())),
    }
}

/// Whether a number cell looks like a percentage stored as a fraction
/// (0.015 for 1.5%): below one, with three or more decimals.
fn looks_like_a_fraction(value: &Value) -> bool {
    matches!(value, Value::Number(n) if n.abs() < 1.0 && *n != 0.0
        && crate::number::Decimal::from_f64(*n).decimals() >= 3)
}

/// The growth worked out from `value` and `previous` (one decimal), when it
/// disagrees with the typed `yoy` beyond rounding. Rates (units of % or ‰)
/// are not checked: their 同比 may be a change in points.
fn inconsistent_yoy(value: f64, previous: f64, yoy: f64, unit: &str) -> Option<String> {
    if previous == 0.0 || crate::number::is_rate(unit) {
        return None;
    }
    let computed = (value / previous - 1.0) * 100.0;
    // Half a unit of the last decimal typed, plus the rounding of the figures.
    let decimals = crate::number::Decimal::from_f64(yoy).decimals();
    let tolerance = 0.5 * 10f64.powi(-(decimals as i32)) + 0.05;
    ((computed - yoy).abs() > tolerance).then(|| {
        crate::number::Decimal::from_f64(computed)
            .round(decimals.max(1))
            .to_string()
    })
}

/// Full-width digits and signs as their half-width forms, for reading
/// numbers typed with a Chinese input method (`１４２２．２２`, `−1.6`).
fn half_width_number(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '−' => '-',
            c => crate::normalize::half_width(c).unwrap_or(c),
        })
        .collect()
}

fn read_body(sheet: &Sheet, options: &ReadOptions, diags: &mut Vec<Diagnostic>) -> Vec<Chapter> {
    let mut chapters: Vec<Chapter> = Vec::new();
    let Some(table) = Table::new(
        sheet,
        &[columns::CHAPTER, columns::SECTION, columns::PARAGRAPH],
    ) else {
        return chapters;
    };
    table.check_cells(diags);
    let chapter_col = table.column(columns::CHAPTER);
    let section_col = table.column(columns::SECTION);
    let Some(paragraph_col) = table.required_column(columns::PARAGRAPH, diags) else {
        return chapters;
    };
    for &(row, cells) in &table.rows {
        // A blank 章 or 节 continues the one above; a new 章 starts without 节.
        if let Some(title) = prose_at(sheet, row, cells, chapter_col, options, diags)
            && chapters.last().is_none_or(|c| c.title != title)
        {
            chapters.push(Chapter::new(title));
        }
        if chapters.is_empty() {
            chapters.push(Chapter::new(String::new()));
        }
        let chapter = chapters.last_mut().expect("a chapter was just pushed");
        if let Some(title) = prose_at(sheet, row, cells, section_col, options, diags)
            && chapter.sections.last().is_none_or(|s| s.title != title)
        {
            chapter.sections.push(Section {
                title,
                paragraphs: Vec::new(),
            });
        }
        if let Some(text) = prose_at(sheet, row, cells, Some(paragraph_col), options, diags) {
            let paragraph = Text {
                text,
                cell: table.cell_ref(row, paragraph_col),
            };
            match chapter.sections.last_mut() {
                Some(section) => section.paragraphs.push(paragraph),
                None => chapter.paragraphs.push(paragraph),
            }
        }
    }
    chapters
}

fn read_extra(
    sheet: &Sheet,
    options: &ReadOptions,
    diags: &mut Vec<Diagnostic>,
) -> Option<ExtraTable> {
    let table = Table::new(sheet, &[])?;
    table.check_cells(diags);
    let header_cells = &sheet.rows[(table.header_row - sheet.first_row) as usize];
    let headers: Vec<(String, u32)> = header_cells
        .iter()
        .enumerate()
        .filter(|(_, v)| !v.is_blank())
        .map(|(i, v)| (v.to_text().trim().to_string(), sheet.first_col + i as u32))
        .collect();
    let rows = table
        .rows
        .iter()
        .map(|&(row, cells)| {
            headers
                .iter()
                .map(|&(_, col)| match value_at(sheet, cells, Some(col)) {
                    Value::Text(_) => Value::Text(
                        prose_at(sheet, row, cells, Some(col), options, diags).unwrap_or_default(),
                    ),
                    other => other,
                })
                .collect()
        })
        .collect();
    Some(ExtraTable {
        name: sheet.name.clone(),
        headers: headers.into_iter().map(|(h, _)| h).collect(),
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_typed_as_text_are_read() {
        let text = |s: &str| Value::Text(s.into());
        let ok = |v: &Value, unit: &str, percent: bool| parse_number(v, unit, percent).unwrap();
        assert_eq!(ok(&text(" 1,422.22 "), "亿元", false), Some(1422.22));
        assert_eq!(ok(&text("1422.22亿元"), "亿元", false), Some(1422.22));
        assert_eq!(ok(&text("１４２２．２２"), "亿元", false), Some(1422.22));
        assert_eq!(ok(&text("1.5%"), "", true), Some(1.5));
        assert_eq!(ok(&text("−1.6"), "", true), Some(-1.6));
        assert_eq!(ok(&text("-1.6"), "", true), Some(-1.6));
        assert_eq!(ok(&Value::Percent(0.015), "", true), Some(1.5));
        assert_eq!(ok(&Value::Percent(0.946), "%", false), Some(94.6));
        assert_eq!(ok(&Value::Empty, "", false), None);
        assert_eq!(ok(&Value::Error("#DIV/0!".into()), "", false), None);
        let err = |v: &Value, unit: &str| parse_number(v, unit, false).unwrap_err().0;
        assert_eq!(err(&text("约一千"), ""), "应为数字，实际为“约一千”");
        assert!(err(&text("1422.22万元"), "亿元").contains("“万元”与“单位”列的“亿元”不一致"));
        assert!(err(&Value::Percent(0.5), "亿元").contains("百分比格式（显示为 50%）"));
    }

    #[test]
    fn a_yoy_that_disagrees_with_the_figures_is_found() {
        assert_eq!(inconsistent_yoy(105.0, 100.0, 5.0, "亿元"), None);
        assert_eq!(inconsistent_yoy(105.04, 100.0, 5.0, "亿元"), None);
        assert_eq!(
            inconsistent_yoy(110.0, 100.0, 5.0, "亿元").as_deref(),
            Some("10.0")
        );
        assert_eq!(inconsistent_yoy(84.6, 83.8, 0.8, "%"), None);
    }

    #[test]
    fn headers_ignore_spaces_line_breaks_and_case() {
        assert_eq!(normalize_header(" 上年\n同期 "), "上年同期");
        assert!(matches_any(
            &normalize_header("Previous_YoY"),
            columns::PREVIOUS_YOY
        ));
    }
}
