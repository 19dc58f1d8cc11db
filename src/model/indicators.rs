//! The indicator sheet (指标): one figure a row, with its code, unit,
//! kind and changes, cut into regions when read per region.
//!
//! `read_indicators` finds the columns once (`Columns`), reads each row's
//! cells (`Reader::read_row`), checks its code (`Reader::check_code`) and
//! makes it an [`Indicator`] (`Reader::indicator`).

use std::collections::HashMap;

use super::cells::{
    CellProblem, decimals_typed, looks_like_a_fraction, parse_number, prose_at, text_at, value_at,
};
use super::figures::check_two_year;
use super::growth::is_price_name;
use super::table::Table;
use super::vocabulary::{Column, LIST_SEPARATORS, RESERVED_CODES, normalize_header};
use super::{Growth, Indicator, Kind, MoreFigures, ReadOptions, Regions, Rejected, Text};
use crate::diagnostic::{CellRef, Diagnostic};
use crate::number::{Decimal, format_number};
use crate::workbook::{Sheet, Value};

/// What the indicator sheet gives.
#[derive(Debug, Default)]
pub(super) struct IndicatorSheet {
    /// The rows without errors, in sheet order.
    pub indicators: Vec<Indicator>,
    /// The rows left out because of errors.
    pub rejected: Vec<Rejected>,
    /// The regions, when read per region.
    pub regions: Option<Regions>,
}

/// Where the indicator sheet's columns are.
#[derive(Debug, Clone, Copy)]
struct Columns {
    code: u32,
    name: u32,
    value: u32,
    group: Option<u32>,
    unit: Option<u32>,
    previous: Option<u32>,
    yoy: Option<u32>,
    previous_yoy: Option<u32>,
    /// The columns of [`Column::MORE_FIGURES`], in that order.
    more: [Option<u32>; Column::MORE_FIGURES.len()],
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
    value: Option<f64>,
    previous: Option<f64>,
    yoy: Option<f64>,
    previous_yoy: Option<f64>,
    more: MoreFigures,
    /// Whether every number of the row could be read.
    numbers_ok: bool,
    region: Option<String>,
}

/// Reads the indicator sheet, reporting every problem at its cell.
pub(super) fn read_indicators(
    sheet: &Sheet,
    options: &ReadOptions,
    formats_known: bool,
    diags: &mut Vec<Diagnostic>,
) -> IndicatorSheet {
    let Some(table) = Table::new(sheet, &[Column::Code, Column::Name, Column::Value]) else {
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
        return IndicatorSheet::default();
    };
    table.check_cells(diags);
    let Some(columns) = find_columns(&table, options, diags) else {
        return IndicatorSheet::default();
    };
    let mut reader = Reader {
        table: &table,
        options,
        formats_known,
        regions: options.per.as_ref().map(|column| Regions {
            column: column.trim().to_string(),
            sheet: sheet.name.clone(),
            names: Vec::new(),
            rows: HashMap::new(),
        }),
        columns,
        seen: HashMap::new(),
        in_some_region: HashMap::new(),
        group: None,
        indicators: Vec::new(),
        rejected: Vec::new(),
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
    }
}

/// The sheet's columns; `None` (with errors) when a required one, or the
/// `--per` column, is missing.
fn find_columns(
    table: &Table,
    options: &ReadOptions,
    diags: &mut Vec<Diagnostic>,
) -> Option<Columns> {
    let code = table.required(Column::Code, diags);
    let name = table.required(Column::Name, diags);
    let value = table.required(Column::Value, diags);
    let region = match &options.per {
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
    Some(Columns {
        code: code?,
        name: name?,
        value: value?,
        group: table.column(Column::Group),
        unit: table.column(Column::Unit),
        previous: table.column(Column::Previous),
        yoy: table.column(Column::Yoy),
        previous_yoy: table.column(Column::PreviousYoy),
        more: Column::MORE_FIGURES.map(|column| table.column(column)),
        base: table.column(Column::Base),
        highlight: table.column(Column::Highlight),
        note: table.column(Column::Note),
        kind: table.column(Column::Kind),
        region,
    })
}

impl Columns {
    /// Where the figure column `column` (数值, 上年同期, 同比, 上期同比, or
    /// one of [`Column::MORE_FIGURES`]) is,
    /// if the sheet has it; other columns hold no figure.
    fn figure(self, column: Column) -> Option<u32> {
        match column {
            Column::Value => Some(self.value),
            Column::Previous => self.previous,
            Column::Yoy => self.yoy,
            Column::PreviousYoy => self.previous_yoy,
            other => Column::MORE_FIGURES
                .iter()
                .position(|&c| c == other)
                .and_then(|i| self.more[i]),
        }
    }
}

/// Reads the rows one by one, remembering what later rows are checked
/// against.
struct Reader<'a> {
    table: &'a Table<'a>,
    options: &'a ReadOptions,
    /// Whether the file stores cell formats (a percentage cell is known).
    formats_known: bool,
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
}

impl<'a> Reader<'a> {
    fn at(&self, row: u32, col: u32) -> CellRef {
        self.table.cell_ref(row, col)
    }

    /// Reads a row's cells, reporting what is wrong with each.
    fn read_row(&mut self, row: u32, cells: &'a [Value], diags: &mut Vec<Diagnostic>) -> Row<'a> {
        let sheet = self.table.sheet;
        let (columns, options) = (self.columns, self.options);
        // A blank group continues the one above: people merge it vertically.
        if let Some(g) = prose_at(sheet, row, cells, columns.group, options, diags) {
            self.group = Some(g);
        }
        let region = prose_at(sheet, row, cells, columns.region, options, diags);
        if let (Some(regions), Some(region)) = (&mut self.regions, &region) {
            regions.add(row, region);
        }
        let code = text_at(sheet, cells, Some(columns.code));
        let name = prose_at(sheet, row, cells, Some(columns.name), options, diags);
        let unit = text_at(sheet, cells, columns.unit).unwrap_or_default();
        let kind =
            text_at(sheet, cells, columns.kind).map(|text| self.typed_kind(&text, row, diags));
        let mut numbers_ok = true;
        let mut number = |column: Column| match self.number(row, cells, column, &unit, diags) {
            Ok(n) => n,
            Err(error) => {
                diags.push(error);
                numbers_ok = false;
                None
            }
        };
        let value = number(Column::Value);
        let previous = number(Column::Previous);
        let yoy = number(Column::Yoy);
        let previous_yoy = number(Column::PreviousYoy);
        let mut more = MoreFigures::default();
        for column in Column::MORE_FIGURES {
            more.set(column, number(column));
        }
        more.base = prose_at(sheet, row, cells, columns.base, options, diags);
        more.shown = self.shown_places(row, cells);
        Row {
            row,
            cells,
            code,
            name,
            unit,
            kind,
            value,
            previous,
            yoy,
            previous_yoy,
            more,
            numbers_ok,
            region,
        }
    }

    /// The decimals each figure of the row shows, where its cell says: a
    /// number typed as text (`1536.00`), or a number formatted with fixed
    /// decimals.
    fn shown_places(&self, row: u32, cells: &[Value]) -> Vec<(Column, u32)> {
        let figures = [
            Column::Value,
            Column::Previous,
            Column::Yoy,
            Column::PreviousYoy,
        ];
        let columns = figures.into_iter().chain(Column::MORE_FIGURES);
        columns
            .filter_map(|column| {
                let col = self.columns.figure(column)?;
                let places = match value_at(self.table.sheet, cells, Some(col)) {
                    Value::Text(text) => decimals_typed(&text),
                    Value::Number(_) | Value::Percent(_) => self.table.sheet.shown_places(row, col),
                    _ => None,
                }?;
                Some((column, places))
            })
            .collect()
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

    /// The number in `column`, if the sheet has it; an error when it
    /// cannot be read or a required 数值 is empty, which leaves the row out.
    /// A 同比 that looks like a percentage stored as a fraction is warned
    /// about.
    fn number(
        &self,
        row: u32,
        cells: &[Value],
        column: Column,
        unit: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> Result<Option<f64>, Diagnostic> {
        let Some(col) = self.columns.figure(column) else {
            return Ok(None);
        };
        let value = value_at(self.table.sheet, cells, Some(col));
        let label = column.chinese();
        let percent = column.holds_percent();
        match parse_number(&value, unit, percent) {
            Ok(Some(n)) if percent && !self.formats_known && looks_like_a_fraction(&value) => {
                let shown = Decimal::from_f64(n).shift(2);
                diags.push(
                    Diagnostic::warning(
                        Some(self.at(row, col)),
                        format!("“{label}”是 {}，像是设为百分比格式的 {shown}%", format_number(n)),
                    )
                    .with_hint(format!(
                        "这种文件格式读不出单元格格式：如果表中显示的是 {shown}%，请把单元格改为数字 {shown}，或另存为 .xlsx"
                    )),
                );
                Ok(Some(n))
            }
            Ok(None) if column == Column::Value && value.is_blank() => {
                Err(CellProblem::new("是空的", "每个指标都要填写数值").at(self.at(row, col), label))
            }
            Ok(n) => Ok(n),
            Err(problem) => Err(problem.at(self.at(row, col), label)),
        }
    }

    /// Checks a row and adds it: as an indicator, or as rejected.
    fn add(&mut self, row: Row<'a>, diags: &mut Vec<Diagnostic>) {
        let Some(code) = row.code.clone() else {
            diags.push(
                Diagnostic::error(Some(self.at(row.row, self.columns.code)), "“代码”是空的")
                    .with_hint("给每个指标一个唯一的代码，例如 gdp，正文用 {gdp} 引用它"),
            );
            return;
        };
        if let Err(problem) = self.check_code(&code, &row) {
            diags.push(problem);
            return;
        }
        let region = row.region.clone();
        match self.indicator(code.clone(), row, diags) {
            Some(indicator) => self.indicators.push(indicator),
            None => self.rejected.push(Rejected { code, region }),
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
    /// missing or wrong.
    fn indicator(&self, code: String, row: Row, diags: &mut Vec<Diagnostic>) -> Option<Indicator> {
        let (sheet, columns, options) = (self.table.sheet, self.columns, self.options);
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
        let value = row.value.filter(|_| row.numbers_ok)?;
        let kind = row.kind.unwrap_or_else(|| {
            let kind = Kind::from_name(&name);
            self.tell_kind_from_name(&name, kind, row.row, diags);
            kind
        });
        let mut indicator = Indicator {
            code,
            group: self.group.clone(),
            name,
            value,
            unit: row.unit,
            kind,
            previous: row.previous,
            yoy: row.yoy,
            previous_yoy: row.previous_yoy,
            more: row.more,
            highlight: None,
            note: None,
            region: row.region,
            cell: self.at(row.row, columns.code),
        };
        self.index_level_yoy(&mut indicator, row.row, diags);
        self.check_yoy(&indicator, row.row, diags);
        let two_year = self.columns.figure(Column::TwoYear);
        if let Some(col) = two_year {
            diags.extend(check_two_year(&indicator, self.at(row.row, col)));
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

    /// An index given as a level without 同比: 99.5 means a fall of 0.5%.
    fn index_level_yoy(&self, indicator: &mut Indicator, row: u32, diags: &mut Vec<Diagnostic>) {
        if indicator.yoy.is_some()
            || indicator.kind != Kind::Index
            || !(50.0..=200.0).contains(&indicator.value)
        {
            return;
        }
        let derived = crate::number::difference(indicator.value, 100.0);
        diags.push(Diagnostic::info(
            Some(self.at(row, self.columns.value)),
            format!(
                "指数“{}”没有填同比：按上年同期为 100，同比为 {derived}",
                indicator.name
            ),
        ));
        indicator.yoy = derived.to_f64();
    }

    /// Warns when the typed 同比 disagrees with the growth worked out from
    /// 数值 and 上年同期 (rates, whose growth is in points, are not checked).
    fn check_yoy(&self, indicator: &Indicator, row: u32, diags: &mut Vec<Diagnostic>) {
        let (Some(yoy), Some(col)) = (indicator.yoy, self.columns.yoy) else {
            return;
        };
        let Some(Growth::Percent(computed)) = indicator.growth_from_previous() else {
            return;
        };
        if let Some(computed) = inconsistent_yoy(computed, yoy) {
            diags.push(
                Diagnostic::warning(
                    Some(self.at(row, col)),
                    format!(
                        "同比 {} 与数值、上年同期算出的 {computed} 不一致",
                        format_number(yoy)
                    ),
                )
                .with_hint(
                    "如果同比按可比价格等口径计算，可以不管；否则请核对数值、上年同期和同比",
                ),
            );
        }
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

/// The `computed` growth (one decimal, or the decimals of `yoy`) when it
/// disagrees with the typed `yoy` beyond rounding.
fn inconsistent_yoy(computed: f64, yoy: f64) -> Option<String> {
    // Half a unit of the last decimal typed, plus the rounding of the figures.
    let decimals = Decimal::from_f64(yoy).decimals();
    let tolerance = 0.5 * 10f64.powi(-(decimals as i32)) + 0.05;
    ((computed - yoy).abs() > tolerance).then(|| {
        Decimal::from_f64(computed)
            .round(decimals.max(1))
            .to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_yoy_that_disagrees_with_the_figures_is_found() {
        // The growth worked out from 数值 and 上年同期 (105 against 100 is
        // +5%, 105.04 is +5.04%, 110 is +10%) against the typed 同比.
        assert_eq!(inconsistent_yoy(5.0, 5.0), None);
        assert_eq!(inconsistent_yoy(5.04, 5.0), None);
        assert_eq!(inconsistent_yoy(10.0, 5.0).as_deref(), Some("10.0"));
    }
}
