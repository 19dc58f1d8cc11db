//! The indicator sheet (指标): one figure a row, with its code, unit,
//! kind and changes, cut into regions when read per region.
//!
//! `read_indicators` finds the columns once (`Columns`), reads each row's
//! cells (`Reader::read_row`), checks its code (`Reader::check_code`) and
//! makes it an [`Indicator`] (`Reader::indicator`).
//!
//! The sheet knows nothing of the other sheets: a row whose figure cells
//! are all blank is a description ([`RowFigures::Blank`]) whose figures
//! may come from a wide sheet or a bureau's table, and a row's problems
//! with its figures are kept with it ([`RowFigures::Typed`]); `join`
//! decides which figures count.

use std::collections::{HashMap, HashSet};

use super::cells::{prose_at, text_at};
use super::figure_cells::{FigureCells, ReadFigures};
use super::growth::is_price_name;
use super::problems::{IndicatorProblem, Problem};
use super::table::Table;
use super::vocabulary::{Column, LIST_SEPARATORS, RESERVED_CODES, normalize_header};
use super::{Details, Indicator, Kind, ReadOptions, Regions, Rejected, Text};
use crate::diagnostic::{CellRef, Diagnostic};
use crate::workbook::{Sheet, Value};

/// What the indicator sheet gives.
#[derive(Debug, Default)]
pub(super) struct IndicatorSheet {
    /// The rows without errors in their code, name or 类型, in sheet order.
    pub rows: Vec<SheetRow>,
    /// The rows left out because of such errors.
    pub rejected: Vec<Rejected>,
    /// The regions, when the sheet has the `--per` column.
    pub regions: Option<Regions>,
    /// Every code the sheet lists, rows with errors included.
    pub codes: HashSet<String>,
    /// The header, when the sheet is not empty.
    pub header: Option<Header>,
}

/// The indicator sheet's header, for problems found once every sheet is
/// read.
#[derive(Debug)]
pub(super) struct Header {
    /// Its first cell.
    pub cell: CellRef,
    /// The column names, as written.
    pub names: Vec<String>,
    /// Whether it has a 数值 column.
    pub has_value: bool,
    /// The `--per` column's header cell, when it has one.
    pub region: Option<CellRef>,
    /// Whether the sheet is empty (`cell` is then its first cell).
    pub empty: bool,
}

/// A row of the indicator sheet: what it describes, and its figures.
#[derive(Debug)]
pub(super) struct SheetRow {
    /// The indicator, with the row's figures when they read.
    pub indicator: Indicator,
    /// What the row's figure cells hold.
    pub figures: RowFigures,
    /// The cell of its region (`--per`), when one is named.
    pub region_cell: Option<CellRef>,
}

/// What a row's figure cells hold.
#[derive(Debug)]
pub(super) enum RowFigures {
    /// Every one is blank: the figures are given elsewhere, or the row
    /// lacks its 数值 (at `value_cell`, when the sheet has the column).
    Blank { value_cell: Option<CellRef> },
    /// Some are typed (at `cells`); `problems` are those of reading and
    /// checking them, to report when these figures are the ones used;
    /// `ok` when every one could be read (they are then the indicator's).
    Typed {
        cells: Vec<(Column, CellRef)>,
        problems: Vec<Diagnostic>,
        ok: bool,
    },
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
    /// The figures, when any is typed.
    figures: Option<ReadFigures>,
    /// The problems of reading and checking them.
    problems: Vec<Diagnostic>,
    /// 基期.
    base: Option<String>,
    region: Option<String>,
}

/// Reads the indicator sheet, reporting every problem of its rows' codes,
/// names and kinds at its cell; the problems of their figures are kept
/// with each row (see [`RowFigures`]).
pub(super) fn read_indicators(
    sheet: &Sheet,
    options: &ReadOptions,
    formats_known: bool,
    diags: &mut Vec<Diagnostic>,
) -> IndicatorSheet {
    let Some(table) = Table::new(sheet, &[Column::Code, Column::Name, Column::Value]) else {
        let header = Header {
            cell: CellRef::new(&sheet.name, 0, 0),
            names: Vec::new(),
            has_value: false,
            region: None,
            empty: true,
        };
        return IndicatorSheet {
            header: Some(header),
            ..IndicatorSheet::default()
        };
    };
    table.check_cells(diags);
    let region = options
        .per
        .as_ref()
        .and_then(|column| table.named(&[column.as_str()]));
    let header = Header {
        cell: table.cell_ref(table.header_row, sheet.first_col),
        names: table.columns.iter().map(|(n, _)| n.clone()).collect(),
        has_value: table.column(Column::Value).is_some(),
        region: region.map(|col| table.cell_ref(table.header_row, col)),
        empty: false,
    };
    let Some(columns) = find_columns(&table, region, options.per.as_deref(), diags) else {
        return IndicatorSheet {
            header: Some(header),
            ..IndicatorSheet::default()
        };
    };
    let mut reader = Reader {
        table: &table,
        options,
        formats_known,
        regions: columns
            .region
            .and(options.per.as_ref())
            .map(|column| Regions::new(column.trim(), sheet.name.clone())),
        columns,
        seen: HashMap::new(),
        in_some_region: HashMap::new(),
        group: None,
        rows: Vec::with_capacity(table.rows.len()),
        rejected: Vec::new(),
        codes: HashSet::new(),
    };
    for &(row, cells) in &table.rows {
        let row = reader.read_row(row, cells, diags);
        reader.add(row, diags);
    }
    IndicatorSheet {
        rows: reader.rows,
        rejected: reader.rejected,
        regions: reader.regions,
        codes: reader.codes,
        header: Some(header),
    }
}

/// The sheet's columns; `None` (with errors) when 代码 or 指标 is missing.
fn find_columns(
    table: &Table,
    region: Option<u32>,
    per: Option<&str>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Columns> {
    let code = table.required(Column::Code, diags);
    let name = table.required(Column::Name, diags);
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
    let per: Vec<&str> = per.into_iter().collect();
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
    columns: Columns,
    regions: Option<Regions>,
    /// Codes are unique within a region: (region, code) → first cell.
    seen: HashMap<(Option<String>, String), CellRef>,
    /// A code shared by every region (a row whose region is empty) cannot
    /// also be given per region: code → first cell given per region.
    in_some_region: HashMap<String, CellRef>,
    /// The current 板块: a blank one continues the one above.
    group: Option<String>,
    rows: Vec<SheetRow>,
    rejected: Vec<Rejected>,
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
        let code = text_at(sheet, cells, Some(self.columns.code));
        let name = prose_at(sheet, row, cells, Some(self.columns.name), options, diags);
        let unit = text_at(sheet, cells, self.columns.unit).unwrap_or_default();
        let kind =
            text_at(sheet, cells, self.columns.kind).map(|text| self.typed_kind(&text, row, diags));
        let figure_cells = self.figure_cells(row, cells);
        let mut problems = Vec::new();
        let figures = (!figure_cells.is_blank()).then(|| figure_cells.read(&unit, &mut problems));
        let base = prose_at(sheet, row, cells, self.columns.base, options, diags);
        Row {
            row,
            cells,
            code,
            name,
            unit,
            kind,
            figures,
            problems,
            base,
            region,
        }
    }

    /// The kind typed in 类型; an unknown one is an error, read as 总量.
    fn typed_kind(&self, text: &str, row: u32, diags: &mut Vec<Diagnostic>) -> Kind {
        Kind::named(text).unwrap_or_else(|| {
            let cell = self.columns.kind.map(|col| self.at(row, col));
            let typed = text.to_string();
            diags.push(IndicatorProblem::UnknownKind { typed }.at(cell));
            Kind::Total
        })
    }

    /// Checks a row and adds it: as an indicator, as the description of
    /// one the wide sheet gives, or as rejected.
    fn add(&mut self, row: Row<'a>, diags: &mut Vec<Diagnostic>) {
        let Some(code) = row.code.clone() else {
            diags.push(IndicatorProblem::NoCode.at(self.at(row.row, self.columns.code)));
            return;
        };
        self.codes.insert(code.clone());
        if let Err(problem) = self.check_code(&code, &row) {
            diags.push(problem);
            return;
        }
        let region = row.region.clone();
        let row_number = row.row;
        match self.indicator(code.clone(), row, diags) {
            Some(row) => self.rows.push(row),
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
        let error = |problem: IndicatorProblem| Err(problem.at(cell.clone()));
        let owned = || code.to_string();
        if let Some(bad) = code.chars().find(|c| {
            matches!(c, '{' | '}' | ':' | '：') || LIST_SEPARATORS.contains(c) || c.is_whitespace()
        }) {
            return error(IndicatorProblem::BadCharacter { code: owned(), bad });
        }
        if RESERVED_CODES.contains(&code) {
            return error(IndicatorProblem::Reserved { code: owned() });
        }
        if let Some(regions) = &self.regions
            && normalize_header(code) == normalize_header(&regions.column)
        {
            let column = regions.column.clone();
            return error(IndicatorProblem::NamedAsRegionColumn {
                code: owned(),
                column,
            });
        }
        let key = (row.region.clone(), code.to_string());
        if let Some(first) = self.seen.get(&key) {
            return error(IndicatorProblem::DuplicateCode {
                code: owned(),
                region: row.region.clone(),
                first: first.clone(),
            });
        }
        if let Some(regions) = &self.regions {
            let column = regions.column.clone();
            if row.region.is_some() {
                if let Some(first) = self.seen.get(&(None, code.to_string())) {
                    let first = first.clone();
                    return error(IndicatorProblem::SharedAlready {
                        code: owned(),
                        column,
                        first,
                    });
                }
                self.in_some_region
                    .entry(code.to_string())
                    .or_insert_with(|| cell.clone());
            } else if let Some(first) = self.in_some_region.get(code) {
                let first = first.clone();
                return error(IndicatorProblem::PerRegionAlready {
                    code: owned(),
                    column,
                    first,
                });
            }
        }
        self.seen.insert(key, cell);
        Ok(())
    }

    /// The row as an indicator, with its figures when they read; `None`
    /// when its name is missing.
    fn indicator(&self, code: String, row: Row, diags: &mut Vec<Diagnostic>) -> Option<SheetRow> {
        let (sheet, options) = (self.table.sheet, self.options);
        let columns = &self.columns;
        let Some(name) = row.name else {
            diags.push(IndicatorProblem::NoName { code }.at(self.at(row.row, columns.name)));
            return None;
        };
        let kind = row.kind.unwrap_or_else(|| {
            let kind = Kind::from_name(&name);
            self.tell_kind_from_name(&name, kind, row.row, diags);
            kind
        });
        let region_cell = columns
            .region
            .filter(|_| row.region.is_some())
            .map(|col| self.at(row.row, col));
        let mut indicator = Indicator {
            group: self.group.clone(),
            unit: row.unit,
            kind,
            details: Details {
                base: row.base,
                ..Details::default()
            },
            region: row.region,
            ..Indicator::new(code, name, self.at(row.row, columns.code))
        };
        let cells = self.figure_cells(row.row, row.cells);
        let figures = match row.figures {
            None => RowFigures::Blank {
                value_cell: cells.at(Column::Value),
            },
            Some(figures) => {
                let mut problems = row.problems;
                let ok = figures.ok;
                if ok {
                    figures.fill(&mut indicator);
                    cells.check(&mut indicator, &mut problems);
                }
                RowFigures::Typed {
                    cells: cells.typed(),
                    problems,
                    ok,
                }
            }
        };
        indicator.highlight = columns.highlight.and_then(|col| {
            prose_at(sheet, row.row, row.cells, Some(col), options, diags).map(|text| Text {
                text,
                cell: self.at(row.row, col),
            })
        });
        indicator.note = prose_at(sheet, row.row, row.cells, columns.note, options, diags);
        Some(SheetRow {
            indicator,
            figures,
            region_cell,
        })
    }

    /// Says, as information, what kind a name made an indicator when the
    /// 类型 column said nothing and it is not a 总量.
    fn tell_kind_from_name(&self, name: &str, kind: Kind, row: u32, diags: &mut Vec<Diagnostic>) {
        if kind == Kind::Total {
            return;
        }
        let problem = IndicatorProblem::KindFromName {
            name: name.to_string(),
            kind,
            price: is_price_name(name),
        };
        diags.push(problem.at(self.at(row, self.columns.name)));
    }
}
