//! The typed model: what a workbook says once its cells are checked.

use super::vocabulary::{Column, ReportKey};
use super::{Details, Figure, Figures, Regions};
use crate::diagnostic::CellRef;
use crate::workbook::Value;

/// The key of a line of the report sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKey {
    /// A known key (标题, 日期…).
    Known(ReportKey),
    /// Any other key, as typed; templates receive it under that name.
    Other(String),
}

impl FieldKey {
    /// The name templates receive the line under: the English name of a
    /// known key (`title`), else the key as typed.
    pub fn name(&self) -> &str {
        match self {
            FieldKey::Known(key) => key.english(),
            FieldKey::Other(name) => name,
        }
    }
}

/// One line of the report sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportField {
    /// Its key.
    pub key: FieldKey,
    /// The cell's text (dates written the Chinese way).
    pub value: String,
    /// Where the value is.
    pub cell: CellRef,
}

/// What kind of figure an indicator is (the 类型 column); it decides how
/// its changes are worded. Its names are in [`Kind::names`].
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
    /// 存量: a stock (存栏, 余额), which grows (增加) or shrinks (减少).
    Stock,
}

/// A figure of the indicator sheet. Serialized (without its 要点 and cell),
/// it is what a template receives of it besides the worded text.
#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    /// Unique code used in placeholders (`{gdp}`).
    pub code: String,
    /// The headline group (板块) the figure belongs to, if any.
    pub group: Option<String>,
    /// The indicator's name (指标).
    pub name: String,
    /// The unit written after the figure (亿元, %, 个).
    pub unit: String,
    /// What kind of figure it is (类型), as typed or inferred from the name.
    pub kind: Kind,
    /// Its figures, by column: 数值 (none for an indicator a bureau's
    /// table gives only the growth of), 上年同期, 同比 in percent (for an
    /// index given as a level without 同比, the level − 100), 上期同比,
    /// 环比, 两年平均…; see [`Indicator::figure`].
    pub figures: Figures,
    /// What the row says beyond its figures (基期…).
    pub details: Details,
    /// The group's headline sentence (要点), with placeholders unresolved.
    pub highlight: Option<Text>,
    /// A free note (备注).
    pub note: Option<String>,
    /// The region the row belongs to, when the workbook is read per region
    /// (`--per`) and the row's cell in that column is not empty.
    pub region: Option<String>,
    /// The row of the indicator, pointing at its code cell; for a figure
    /// of a wide sheet, at its 数值 on the region's row.
    pub cell: CellRef,
}

/// An indicator as templates receive it: its figures by their English
/// column names (`value`, `yoy`, `mom`…), flat beside its code and name.
#[derive(serde::Serialize)]
struct IndicatorJson<'a> {
    code: &'a str,
    group: &'a Option<String>,
    name: &'a str,
    value: Option<f64>,
    unit: &'a str,
    kind: Kind,
    previous: Option<f64>,
    yoy: Option<f64>,
    previous_yoy: Option<f64>,
    mom: Option<f64>,
    previous_mom: Option<f64>,
    two_year_average: Option<f64>,
    previous_two_year_average: Option<f64>,
    two_years_ago: Option<f64>,
    last_period: Option<f64>,
    base: &'a Option<String>,
    base_value: Option<f64>,
    base_growth: Option<f64>,
    note: &'a Option<String>,
}

impl serde::Serialize for Indicator {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let get = |column| self.get(column);
        IndicatorJson {
            code: &self.code,
            group: &self.group,
            name: &self.name,
            value: get(Column::Value),
            unit: &self.unit,
            kind: self.kind,
            previous: get(Column::Previous),
            yoy: get(Column::Yoy),
            previous_yoy: get(Column::PreviousYoy),
            mom: get(Column::Mom),
            previous_mom: get(Column::PreviousMom),
            two_year_average: get(Column::TwoYear),
            previous_two_year_average: get(Column::PreviousTwoYear),
            two_years_ago: get(Column::TwoYearsAgo),
            last_period: get(Column::LastPeriod),
            base: &self.details.base,
            base_value: get(Column::BaseValue),
            base_growth: get(Column::BaseGrowth),
            note: &self.note,
        }
        .serialize(serializer)
    }
}

impl Indicator {
    /// An indicator with its code, name and cell and nothing else: no
    /// figure, no unit, kind 总量. The `with_` methods give it the rest,
    /// which is how tests and library users make one.
    ///
    /// ```
    /// use briefing::diagnostic::CellRef;
    /// use briefing::model::{Column, Indicator, Kind};
    ///
    /// let cpi = Indicator::new("cpi", "居民消费价格", CellRef::new("指标", 1, 0))
    ///     .with_kind(Kind::Price)
    ///     .with_yoy(2.8)
    ///     .with(Column::Mom, 0.3);
    /// assert_eq!(cpi.get(Column::Value), None);
    /// assert_eq!(cpi.get(Column::Yoy), Some(2.8));
    /// assert_eq!(cpi.get(Column::Mom), Some(0.3));
    /// ```
    pub fn new(code: impl Into<String>, name: impl Into<String>, cell: CellRef) -> Self {
        Indicator {
            code: code.into(),
            group: None,
            name: name.into(),
            unit: String::new(),
            kind: Kind::Total,
            figures: Figures::default(),
            details: Details::default(),
            highlight: None,
            note: None,
            region: None,
            cell,
        }
    }

    /// The figure of `column` (数值, 同比…), if given.
    pub fn figure(&self, column: Column) -> Option<&Figure> {
        self.figures.get(column)
    }

    /// The number of the figure of `column`, if given.
    pub fn get(&self, column: Column) -> Option<f64> {
        self.figure(column).map(|f| f.value)
    }

    /// Sets the figure of `column` (one of [`Column::FIGURES`]).
    pub fn set(&mut self, column: Column, figure: impl Into<Option<Figure>>) {
        self.figures.set(column, figure.into());
    }

    /// With the figure of `column` (one of [`Column::FIGURES`]), its
    /// decimals and cell.
    pub fn with_figure(mut self, column: Column, figure: impl Into<Option<Figure>>) -> Self {
        self.set(column, figure);
        self
    }

    /// With the number of `column` (one of [`Column::FIGURES`]): no
    /// decimals shown, no cell.
    pub fn with(self, column: Column, value: impl Into<Option<f64>>) -> Self {
        self.with_figure(column, value.into().map(Figure::new))
    }

    /// With its figure (数值); `None` for a growth-only indicator.
    pub fn with_value(self, value: impl Into<Option<f64>>) -> Self {
        self.with(Column::Value, value)
    }

    /// With its unit (单位).
    pub fn with_unit(self, unit: &str) -> Self {
        let unit = unit.to_string();
        Indicator { unit, ..self }
    }

    /// With its kind (类型).
    pub fn with_kind(self, kind: Kind) -> Self {
        Indicator { kind, ..self }
    }

    /// With its figure a year earlier (上年同期).
    pub fn with_previous(self, previous: impl Into<Option<f64>>) -> Self {
        self.with(Column::Previous, previous)
    }

    /// With its 同比 in percent.
    pub fn with_yoy(self, yoy: impl Into<Option<f64>>) -> Self {
        self.with(Column::Yoy, yoy)
    }

    /// With the previous period's 同比 (上期同比).
    pub fn with_previous_yoy(self, previous_yoy: impl Into<Option<f64>>) -> Self {
        self.with(Column::PreviousYoy, previous_yoy)
    }

    /// With what the row says beyond its figures (基期…).
    pub fn with_details(self, details: Details) -> Self {
        Indicator { details, ..self }
    }

    /// With its headline group (板块).
    pub fn with_group(self, group: &str) -> Self {
        let group = Some(group.to_string());
        Indicator { group, ..self }
    }

    /// In a region's report (`--per`).
    pub fn with_region(self, region: impl Into<Option<String>>) -> Self {
        let region = region.into();
        Indicator { region, ..self }
    }
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
    /// A chapter without paragraphs yet.
    pub(super) fn new(title: String) -> Self {
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
/// keyed by the header row, and printed as a table where the text asks for
/// it (`{表:工作表名}`).
#[derive(Debug, Clone, PartialEq)]
pub struct ExtraTable {
    /// The sheet's name.
    pub name: String,
    /// The header names, in column order: the text of each column's header
    /// cells, top to bottom, when the header takes several rows.
    pub headers: Vec<String>,
    /// The header rows as the sheet shows them, merged cells spanning.
    pub header: Vec<Vec<HeaderCell>>,
    /// The data rows: one value per header (empty cells as empty text).
    pub rows: Vec<Vec<Value>>,
    /// The data rows as the sheet shows them: numbers with the decimals
    /// their format shows, percentages with `%`.
    pub shown: Vec<Vec<String>>,
    /// The title printed above the table (a bureau's title row), if any.
    pub caption: Option<String>,
    /// The footnotes under the table (注：…), one per line.
    pub notes: Vec<String>,
    /// How many steps each data row's first cell is indented (其中 rows).
    pub indents: Vec<u32>,
}

/// A cell of a table's header, spanning the rows and columns of its merged
/// region.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct HeaderCell {
    /// Its text.
    pub text: String,
    /// The header rows it spans (1 unless merged down).
    pub rowspan: u32,
    /// The columns it spans (1 unless merged across).
    pub colspan: u32,
}

/// How to read a workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOptions {
    /// Normalise punctuation, digits and spacing of printed text
    /// ([`crate::normalize`]); on by default.
    pub normalize: bool,
    /// The column of the indicator sheet that cuts the workbook into one
    /// report per value (`--per 地区`), or the first column of a wide
    /// sheet that gives each region's figures on its row; see [`Regions`].
    pub per: Option<String>,
    /// The bureau's data files to read beside the workbook (`--data`),
    /// over the workbook's 数据; the one of the newest period is used, the
    /// others give the earlier periods' figures.
    pub data: Vec<std::path::PathBuf>,
    /// The data files must lie in this folder (`briefing serve` reads
    /// nothing outside the folder it serves, canonical); any may be read
    /// when `None`.
    pub data_within: Option<std::path::PathBuf>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            normalize: true,
            per: None,
            data: Vec::new(),
            data_within: None,
        }
    }
}

/// Everything a workbook says, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Briefing {
    /// The report sheet's lines, in order.
    pub report: Vec<ReportField>,
    /// The indicators, in sheet order: the indicator sheet's, then those
    /// of the bureau tables' rows.
    pub indicators: Vec<Indicator>,
    /// The names placeholders may cite bureau tables' indicators by.
    pub names: super::Names,
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
    /// Its row, where its error is reported: placeholders citing it are
    /// folded under that error rather than reported again.
    pub row: Option<CellRef>,
}
