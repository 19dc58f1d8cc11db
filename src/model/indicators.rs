//! The indicator sheet (指标): one figure a row, with its code, unit,
//! kind and changes, cut into regions when read per region.
//!
//! `read_indicators` finds the columns once (`Columns`), reads each row's
//! cells (`Reader::read_row`), checks its code (`Reader::check_code`) and
//! makes it an [`Indicator`] (`Reader::indicator`).
//!
//! With a wide sheet (see `wide`), the rows of the codes it gives hold no
//! figures: each becomes a description (`IndicatorSheet::described`) that
//! the wide sheet's rows fill in, region by region.

use std::collections::{HashMap, HashSet};

use super::cells::{prose_at, text_at, value_at};
use super::figure_cells::{FigureCells, Figures};
use super::growth::is_price_name;
use super::table::Table;
use super::vocabulary::{Column, LIST_SEPARATORS, RESERVED_CODES, normalize_header};
use super::{Indicator, Kind, MoreFigures, ReadOptions, Regions, Rejected, Text};
use crate::diagnostic::{CellRef, Diagnostic};
use crate::workbook::{Sheet, Value};

/// What the indicator sheet gives.
#[derive(Debug, Default)]
pub(super) struct IndicatorSheet {
    /// The rows without errors, in sheet order (with a wide sheet, those of
    /// the codes it does not give: the ones shared by every region).
    pub indicators: Vec<Indicator>,
    /// The rows left out because of errors.
    pub rejected: Vec<Rejected>,
    /// The regions, when read per region from a column of this sheet.
    pub regions: Option<Regions>,
    /// With a wide sheet, the rows of the codes it gives, in sheet order:
    /// each an indicator without figures, after how many of `indicators`.
    pub described: Vec<(usize, Indicator)>,
    /// Rows without figures that name a row of a bureau's table: they give
    /// it a code, 类型, 板块, 要点 or 备注.
    pub named: Vec<Indicator>,
    /// Every code the sheet lists, rows with errors included.
    pub codes: HashSet<String>,
}

/// The wide sheet's part in reading the indicator sheet.
#[derive(Debug, Clone, Copy)]
pub(super) struct WideCodes<'a> {
    /// The wide sheet's name.
    pub sheet: &'a str,
    /// The codes it gives figures of.
    pub codes: &'a HashSet<String>,
}

/// The codes the indicator sheet lists, and whether it has the column
/// `per`: what tells a wide sheet, before the indicator sheet is read.
pub(super) fn outline(sheet: &Sheet, per: &str) -> (HashSet<String>, bool) {
    let Some(table) = Table::new(sheet, &[Column::Code, Column::Name, Column::Value]) else {
        return (HashSet::new(), false);
    };
    let code = table.column(Column::Code);
    let codes = table
        .rows
        .iter()
        .filter_map(|&(_, cells)| text_at(sheet, cells, code))
        .collect();
    (codes, table.named(&[per]).is_some())
}

/// Where the indicator sheet's columns are.
#[derive(Debug, Clone)]
struct Columns {
    code: u32,
    name: u32,
    /// The figure columns (of [`Column::FIGURES`]) the sheet has; 数值 is
    /// among them unless a wide sheet gives every figure.
    figures: Vec<(Column, u32)>,
    group: Option<u32>,
    unit: Option<u32>,
    /// The column naming the second base (基期).
    base: Option<u32>,
    highlight: Option<u32>,
    note: Option<u32>,
    kind: Option<u32>,
    /// The column that names the region (`--per`).
    region: Option<u32>,
}

/// One row's cells, read but not yet checked.
struct Row<'a> {
    row: u32,
    cells: &'a [Value],
    code: Option<String>,
    name: Option<String>,
    unit: String,
    /// The 类型 as typed (an unknown one is reported and read as 总量).
    kind: Option<Kind>,
    /// The figures; `None` for a code the wide sheet gives.
    figures: Option<Figures>,
    /// 基期.
    base: Option<String>,
    region: Option<String>,
}

/// Reads the indicator sheet, reporting every problem at its cell; `wide`
/// is the wide sheet, when there is one.
pub(super) fn read_indicators(
    sheet: &Sheet,
    options: &ReadOptions,
    formats_known: bool,
    wide: Option<WideCodes>,
    tabled: &HashSet<String>,
    diags: &mut Vec<Diagnostic>,
) -> IndicatorSheet {
    let Some(table) = Table::new(sheet, &[Column::Code, Column::Name, Column::Value]) else {
        if let Some(column) = &options.per
            && wide.is_none()
        {
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
        return IndicatorSheet::default();
    };
    table.check_cells(diags);
    let Some(columns) = find_columns(&table, options, wide.is_some(), diags) else {
        return IndicatorSheet::default();
    };
    let per = options.per.as_ref().filter(|_| wide.is_none());
    let mut reader = Reader {
        table: &table,
        options,
        formats_known,
        wide,
        regions: per.map(|column| Regions {
            column: column.trim().to_string(),
            sheet: sheet.name.clone(),
            names: Vec::new(),
            rows: HashMap::new(),
        }),
        columns,
        seen: HashMap::new(),
        in_some_region: HashMap::new(),
        group: None,
        indicators: Vec::with_capacity(table.rows.len()),
        rejected: Vec::new(),
        described: Vec::new(),
        named: Vec::new(),
        tabled,
        codes: HashSet::new(),
    };
    for &(row, cells) in &table.rows {
        let row = reader.read_row(row, cells, diags);
        reader.add(row, diags);
    }
    reader.check_regions_named(diags);
    IndicatorSheet {
        indicators: reader.indicators,
        rejected: reader.rejected,
        regions: reader.regions,
        described: reader.described,
        named: reader.named,
        codes: reader.codes,
    }
}

/// The sheet's columns; `None` (with errors) when a required one, or the
/// `--per` column, is missing. With a wide sheet (`wide`), neither 数值
/// nor the `--per` column is required.
fn find_columns(
    table: &Table,
    options: &ReadOptions,
    wide: bool,
    diags: &mut Vec<Diagnostic>,
) -> Option<Columns> {
    let code = table.required(Column::Code, diags);
    let name = table.required(Column::Name, diags);
    let value = match wide {
        true => table.column(Column::Value),
        false => table.required(Column::Value, diags),
    };
    let region = match &options.per {
        Some(column) if wide => table.named(&[column.as_str()]),
        Some(column) => {
            let found = table.named(&[column.as_str()]);
            if found.is_none() {
                let names: Vec<&str> = table.columns.iter().map(|(n, _)| n.as_str()).collect();
                diags.push(
                    Diagnostic::error(
                        Some(table.cell_ref(table.header_row, table.sheet.first_col)),
                        format!("“指标”工作表没有“{column}”列，无法按它分别编译"),
                    )
                    .with_hint(format!(
                        "这张表的列有：{}。请检查 --per 后面的列名，或在第 {} 行（标题行）加上“{column}”列",
                        names.join("、"),
                        table.header_row + 1
                    )),
                );
                return None;
            }
            found
        }
        None => None,
    };
    if !wide {
        value?;
    }
    let known = [
        [
            Column::Code,
            Column::Group,
            Column::Name,
            Column::Value,
            Column::Unit,
        ]
        .as_slice(),
        &Column::FIGURES,
        &[Column::Base, Column::Highlight, Column::Note, Column::Kind],
    ]
    .concat();
    let per: Vec<&str> = options.per.iter().map(String::as_str).collect();
    table.warn_unknown(&known, &per, diags);
    Some(Columns {
        code: code?,
        name: name?,
        figures: Column::FIGURES
            .into_iter()
            .filter_map(|figure| Some((figure, table.column(figure)?)))
            .collect(),
        group: table.column(Column::Group),
        unit: table.column(Column::Unit),
        base: table.column(Column::Base),
        highlight: table.column(Column::Highlight),
        note: table.column(Column::Note),
        kind: table.column(Column::Kind),
        region,
    })
}

/// Reads the rows one by one, remembering what later rows are checked
/// against.
struct Reader<'a> {
    table: &'a Table<'a>,
    options: &'a ReadOptions,
    /// Whether the file stores cell formats (a percentage cell is known).
    formats_known: bool,
    /// The wide sheet, when there is one.
    wide: Option<WideCodes<'a>>,
    columns: Columns,
    regions: Option<Regions>,
    /// Codes are unique within a region: (region, code) → first cell.
    seen: HashMap<(Option<String>, String), CellRef>,
    /// A code shared by every region (a row whose region is empty) cannot
    /// also be given per region: code → first cell given per region.
    in_some_region: HashMap<String, CellRef>,
    /// The current 板块: a blank one continues the one above.
    group: Option<String>,
    indicators: Vec<Indicator>,
    rejected: Vec<Rejected>,
    described: Vec<(usize, Indicator)>,
    named: Vec<Indicator>,
    /// The names bureau tables print (compared as [`super::compact_name`]).
    tabled: &'a HashSet<String>,
    codes: HashSet<String>,
}

impl<'a> Reader<'a> {
    fn at(&self, row: u32, col: u32) -> CellRef {
        self.table.cell_ref(row, col)
    }

    /// Where the figures of the row at `row` are.
    fn figure_cells(&self, row: u32, cells: &'a [Value]) -> FigureCells<'_> {
        FigureCells {
            sheet: self.table.sheet,
            row,
            cells,
            columns: &self.columns.figures,
            code: None,
            wide_sheet: self.wide.map(|w| w.sheet),
            formats_known: self.formats_known,
        }
    }

    /// Reads a row's cells, reporting what is wrong with each.
    fn read_row(&mut self, row: u32, cells: &'a [Value], diags: &mut Vec<Diagnostic>) -> Row<'a> {
        let sheet = self.table.sheet;
        let options = self.options;
        // A blank group continues the one above: people merge it vertically.
        if let Some(g) = prose_at(sheet, row, cells, self.columns.group, options, diags) {
            self.group = Some(g);
        }
        let region = prose_at(sheet, row, cells, self.columns.region, options, diags);
        if let (Some(regions), Some(region)) = (&mut self.regions, &region) {
            regions.add(row, region);
        }
        let region = region.filter(|_| self.region_allowed(row, diags));
        let code = text_at(sheet, cells, Some(self.columns.code));
        let name = prose_at(sheet, row, cells, Some(self.columns.name), options, diags);
        let unit = text_at(sheet, cells, self.columns.unit).unwrap_or_default();
        let kind =
            text_at(sheet, cells, self.columns.kind).map(|text| self.typed_kind(&text, row, diags));
        let given_wide = match (self.wide, &code) {
            (Some(wide), Some(code)) => wide.codes.contains(code),
            _ => false,
        };
        // A row without figures that names a row of a bureau's table
        // describes it: its figures are the table's.
        let tabled = !given_wide
            && name
                .as_deref()
                .is_some_and(|n| self.tabled.contains(&super::compact_name(n)))
            && self.figure_cells(row, cells).is_blank();
        let figures = match given_wide || tabled {
            true => {
                self.no_figures_here(row, cells, code.as_deref().unwrap_or_default(), diags);
                None
            }
            false => Some(self.figure_cells(row, cells).read(&unit, diags)),
        };
        let base = prose_at(sheet, row, cells, self.columns.base, options, diags);
        Row {
            row,
            cells,
            code,
            name,
            unit,
            kind,
            figures,
            base,
            region,
        }
    }

    /// Whether the row may name a region in this sheet's `--per` column:
    /// not with a wide sheet, whose rows are the regions (an error).
    fn region_allowed(&self, row: u32, diags: &mut Vec<Diagnostic>) -> bool {
        let (Some(wide), Some(col), Some(column)) =
            (self.wide, self.columns.region, &self.options.per)
        else {
            return true;
        };
        let sheet = wide.sheet;
        diags.push(
            Diagnostic::error(
                Some(self.at(row, col)),
                format!("各{column}的数字已填在“{sheet}”表中，“指标”表的“{column}”列应当空着"),
            )
            .with_hint(format!(
                "“指标”表每个代码只写一行（名称、单位、板块……），各{column}的数字填在“{sheet}”表；删掉这一格，或删掉“{column}”列"
            )),
        );
        false
    }

    /// A code the wide sheet gives has no figure in this sheet: each one
    /// typed is an error (which figure would count is not clear).
    fn no_figures_here(&self, row: u32, cells: &[Value], code: &str, diags: &mut Vec<Diagnostic>) {
        let (Some(wide), Some(column)) = (self.wide, &self.options.per) else {
            return;
        };
        for &(figure, col) in &self.columns.figures {
            if value_at(self.table.sheet, cells, Some(col)).is_blank() {
                continue;
            }
            let label = figure.chinese();
            diags.push(
                Diagnostic::error(
                    Some(self.at(row, col)),
                    format!(
                        "指标“{code}”的数字按{column}填在“{}”表中，这里的“{label}”不知该用于哪份报告",
                        wide.sheet
                    ),
                )
                .with_hint(format!(
                    "删掉这一格；如果这是对所有报告都有效的数字（例如全市的），给它另起一个代码（如 city_{code}）单独写一行，不要在“{}”表中写这个代码",
                    wide.sheet
                )),
            );
        }
    }

    /// The kind typed in 类型; an unknown one is an error, read as 总量.
    fn typed_kind(&self, text: &str, row: u32, diags: &mut Vec<Diagnostic>) -> Kind {
        Kind::named(text).unwrap_or_else(|| {
            let names: Vec<String> = Kind::ALL
                .iter()
                .map(|kind| format!("{}（{}）", kind.names()[0], kind.names()[1]))
                .collect();
            let cell = self.columns.kind.map(|col| self.at(row, col));
            diags.push(
                Diagnostic::error(cell, format!("“类型”写的“{text}”不认识")).with_hint(format!(
                    "类型可以是 {}，或留空（按名称和单位判断）",
                    names.join("、")
                )),
            );
            Kind::Total
        })
    }

    /// Checks a row and adds it: as an indicator, as the description of
    /// one the wide sheet gives, or as rejected.
    fn add(&mut self, row: Row<'a>, diags: &mut Vec<Diagnostic>) {
        let Some(code) = row.code.clone() else {
            diags.push(
                Diagnostic::error(Some(self.at(row.row, self.columns.code)), "“代码”是空的")
                    .with_hint("给每个指标一个唯一的代码，例如 gdp，正文用 {gdp} 引用它"),
            );
            return;
        };
        self.codes.insert(code.clone());
        if let Err(problem) = self.check_code(&code, &row) {
            diags.push(problem);
            return;
        }
        let region = row.region.clone();
        let described = row.figures.is_none();
        let given_wide = self.wide.is_some_and(|w| w.codes.contains(&code));
        let row_number = row.row;
        match self.indicator(code.clone(), row, diags) {
            Some(indicator) if described && !given_wide => self.named.push(indicator),
            Some(indicator) if described => {
                self.described.push((self.indicators.len(), indicator));
            }
            Some(indicator) => self.indicators.push(indicator),
            None => {
                let row = Some(self.at(row_number, self.columns.code));
                self.rejected.push(Rejected { code, region, row });
            }
        }
    }

    /// Checks that a code can be cited and is unique (within its region),
    /// and remembers it.
    fn check_code(&mut self, code: &str, row: &Row) -> Result<(), Diagnostic> {
        let cell = self.at(row.row, self.columns.code);
        let error = |message: String, hint: String| {
            Err(Diagnostic::error(Some(cell.clone()), message).with_hint(hint))
        };
        if let Some(bad) = code.chars().find(|c| {
            matches!(c, '{' | '}' | ':' | '：') || LIST_SEPARATORS.contains(c) || c.is_whitespace()
        }) {
            return error(
                format!("代码“{code}”中不能有“{bad}”"),
                "代码只用字母、数字、下划线或汉字，不带空格、冒号、逗号、顿号和花括号".into(),
            );
        }
        if RESERVED_CODES.contains(&code) {
            return error(
                format!("代码“{code}”是保留字"),
                format!(
                    "正文中 {{表:…}} 印出表格、{{图:…}} 画出图表，所以“表”和“图”不能作代码；请给这个指标换一个代码，如 {code}1"
                ),
            );
        }
        if let Some(regions) = &self.regions
            && normalize_header(code) == normalize_header(&regions.column)
        {
            let column = &regions.column;
            return error(
                format!("代码“{code}”与按其分别编译的列“{column}”同名"),
                format!("正文中的 {{{column}}} 指当前报告的{column}名称；请给这个指标换一个代码"),
            );
        }
        let key = (row.region.clone(), code.to_string());
        if let Some(first) = self.seen.get(&key) {
            let within = match &row.region {
                Some(region) => format!("在“{region}”中"),
                None => String::new(),
            };
            return error(
                format!("代码“{code}”{within}重复，第一次出现在 {first}"),
                "每个指标的代码必须唯一".into(),
            );
        }
        if let Some(regions) = &self.regions {
            let shared = format!(
                "共用的指标（“{}”列为空的行）对每份报告都有效，不能再按{}分别填写；请删掉其中一行，或给共用的指标换一个代码",
                regions.column, regions.column
            );
            if row.region.is_some() {
                if let Some(first) = self.seen.get(&(None, code.to_string())) {
                    return error(format!("代码“{code}”已是共用的指标（{first}）"), shared);
                }
                self.in_some_region
                    .entry(code.to_string())
                    .or_insert_with(|| cell.clone());
            } else if let Some(first) = self.in_some_region.get(code) {
                let column = &regions.column;
                return error(format!("代码“{code}”已按{column}填写（{first}）"), shared);
            }
        }
        self.seen.insert(key, cell);
        Ok(())
    }

    /// The row as an indicator; `None` when its name or a number is
    /// missing or wrong. A code the wide sheet gives is an indicator
    /// without figures, which the wide sheet's rows fill in.
    fn indicator(&self, code: String, row: Row, diags: &mut Vec<Diagnostic>) -> Option<Indicator> {
        let (sheet, options) = (self.table.sheet, self.options);
        let columns = &self.columns;
        let Some(name) = row.name else {
            diags.push(
                Diagnostic::error(
                    Some(self.at(row.row, columns.name)),
                    format!("指标“{code}”的“指标”名称是空的"),
                )
                .with_hint("填写指标名称，例如“地区生产总值”"),
            );
            return None;
        };
        let figures = match row.figures {
            Some(figures) if !figures.ok => return None,
            Some(figures) if figures.value.is_none() => {
                // Else an error value, or a formula without result: both
                // reported already.
                if !self.has_value_column() {
                    self.no_value_column(&code, row.row, diags);
                }
                return None;
            }
            figures => figures,
        };
        let kind = row.kind.unwrap_or_else(|| {
            let kind = Kind::from_name(&name);
            self.tell_kind_from_name(&name, kind, row.row, diags);
            kind
        });
        let mut indicator = Indicator {
            code,
            group: self.group.clone(),
            name,
            value: None,
            unit: row.unit,
            kind,
            previous: None,
            yoy: None,
            previous_yoy: None,
            more: MoreFigures {
                base: row.base,
                ..MoreFigures::default()
            },
            highlight: None,
            note: None,
            region: row.region,
            cell: self.at(row.row, columns.code),
        };
        if let Some(figures) = figures {
            figures.fill(&mut indicator);
            self.figure_cells(row.row, row.cells)
                .check(&mut indicator, diags);
        }
        indicator.highlight = columns.highlight.and_then(|col| {
            prose_at(sheet, row.row, row.cells, Some(col), options, diags).map(|text| Text {
                text,
                cell: self.at(row.row, col),
            })
        });
        indicator.note = prose_at(sheet, row.row, row.cells, columns.note, options, diags);
        Some(indicator)
    }

    /// Whether the sheet has a 数值 column (without one, a wide sheet must
    /// give every code's figures).
    fn has_value_column(&self) -> bool {
        self.columns
            .figures
            .iter()
            .any(|&(f, _)| f == Column::Value)
    }

    /// Reports a code without 数值 when the sheet has no 数值 column (which
    /// a wide sheet allows) and the wide sheet does not give the code.
    fn no_value_column(&self, code: &str, row: u32, diags: &mut Vec<Diagnostic>) {
        let sheet = self.wide.map_or("", |w| w.sheet);
        let column = self.options.per.as_deref().unwrap_or_default();
        diags.push(
            Diagnostic::error(
                Some(self.at(row, self.columns.code)),
                format!("指标“{code}”没有数值：“指标”表没有“数值”列，“{sheet}”表也没有“{code}”列"),
            )
            .with_hint(format!(
                "按{column}分别填写的数字，在“{sheet}”表加一列“{code}”；对所有报告都有效的数字，在“指标”表加“数值”列填写"
            )),
        );
    }

    /// Says, as information, what kind a name made an indicator when the
    /// 类型 column said nothing and it is not a 总量.
    fn tell_kind_from_name(&self, name: &str, kind: Kind, row: u32, diags: &mut Vec<Diagnostic>) {
        let told = match kind {
            Kind::Total => return,
            Kind::Index if is_price_name(name) => "价格指数：涨跌写作“上涨”“下降”",
            Kind::Index => "指数",
            Kind::Stock => "存量：增减写作“增加”“减少”",
            Kind::Price | Kind::Rate => "价格：涨跌写作“上涨”“下降”",
        };
        diags.push(
            Diagnostic::info(
                Some(self.at(row, self.columns.name)),
                format!("指标“{name}”按名称当作{told}"),
            )
            .with_hint("不对时在“类型”列写明：总量、价格、比率或指数"),
        );
    }

    /// Reports a `--per` column without any region in it.
    fn check_regions_named(&self, diags: &mut Vec<Diagnostic>) {
        if let Some(regions) = &self.regions
            && regions.names.is_empty()
            && let Some(col) = self.columns.region
        {
            let column = &regions.column;
            diags.push(
                Diagnostic::error(
                    Some(self.at(self.table.header_row, col)),
                    format!("“{column}”列是空的，没有可以分别编译的报告"),
                )
                .with_hint(format!(
                    "在“{column}”列填写每个指标所属的{column}；对所有报告都有效的指标留空"
                )),
            );
        }
    }
}
