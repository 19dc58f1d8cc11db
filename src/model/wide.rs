//! The wide sheet (`--per 地区`): one row per region, one column per figure
//! of an indicator, the way county figures usually arrive.
//!
//! ```text
//! 地区    | gdp    | gdp:同比 | gdp:上年同期 | retail
//! 城关区  | 800.5  | 2.1      | 784.0        | 300
//! ```
//!
//! Its first header is the `--per` column; each other header is a code of
//! the indicator sheet, alone for the 数值 or followed by a colon and one
//! of the figure columns ([`Column::FIGURES`]: `gdp:同比`, `gdp：上年同期`).
//! The indicator sheet then describes each code once (名称, 单位, 板块…)
//! and gives no figure of it. [`find`] tells the wide sheet among the
//! workbook's sheets and reads its header; [`WideSheet::read`] makes each
//! region's indicators from those descriptions, which `join` puts in the
//! order the long form (a region column in the indicator sheet) would give
//! them, so that both shapes make the same reports.

use std::collections::{HashMap, HashSet};

use super::cells::prose_at;
use super::figure_cells::FigureCells;
use super::indicators::outline;
use super::problems::{Problem, WideProblem};
use super::table::Table;
use super::vocabulary::{
    BODY_SHEET, Column, INDICATOR_SHEET, REPORT_SHEET, matches_any, normalize_header,
};
use super::{Indicator, ReadOptions, Regions, Rejected};
use crate::diagnostic::{CellRef, Diagnostic};
use crate::workbook::{Sheet, Value, Workbook};

/// The wide sheet of a workbook, its header read.
pub(super) struct WideSheet<'a> {
    /// The sheet's index in the workbook.
    pub index: usize,
    table: Table<'a>,
    /// The column naming the region.
    region_col: u32,
    /// The codes of the header, in order of their first column.
    codes: Vec<WideCode>,
    /// The same codes, to look up.
    code_set: HashSet<String>,
}

/// The figures a wide sheet gives.
pub(super) struct WideFigures {
    /// Each region's indicators, in the order of the sheet's rows: one
    /// place per description, empty where the region has no such figure.
    pub per_region: Vec<Vec<Option<Indicator>>>,
    /// The figures left out because of errors.
    pub rejected: Vec<Rejected>,
    /// The regions, in the order of the sheet's rows.
    pub regions: Regions,
}

/// A code of the wide sheet's header.
struct WideCode {
    code: String,
    /// Its figure columns, each with its absolute column index.
    columns: Vec<(Column, u32)>,
    /// Its first header cell.
    header: CellRef,
}

/// The wide sheets of a workbook read per the column `per`: visible
/// sheets other than the three known ones whose first header is `per`,
/// unless the indicator sheet has a `per` column and no other header of the
/// sheet names one of its codes (a plain table listing regions, for the
/// template). Only the first is read; each other is an error.
pub(super) fn find<'a>(
    workbook: &'a Workbook,
    per: &str,
    indicators: Option<&Sheet>,
    diags: &mut Vec<Diagnostic>,
) -> Option<WideSheet<'a>> {
    let (known_codes, long) =
        indicators.map_or_else(|| (HashSet::new(), false), |s| outline(s, per));
    let per_name = normalize_header(per);
    let first_is_per = |row: &[Value]| {
        row.iter()
            .find(|v| !v.is_blank())
            .is_some_and(|v| normalize_header(&v.to_text()) == per_name)
    };
    let mut found: Option<WideSheet> = None;
    for (index, sheet) in workbook.sheets.iter().enumerate() {
        let name = normalize_header(&sheet.name);
        let known = [REPORT_SHEET, INDICATOR_SHEET, BODY_SHEET]
            .iter()
            .any(|names| matches_any(&name, names));
        if known || !sheet.visible {
            continue;
        }
        let Some(table) = Table::find(sheet, first_is_per) else {
            continue;
        };
        let Some(&(ref first, region_col)) = table.columns.first() else {
            continue;
        };
        if *first != per_name {
            continue;
        }
        let headers = headers(&table, region_col);
        let names_a_code = headers
            .iter()
            .any(|(text, _)| known_codes.contains(split(text).0));
        if long && !names_a_code {
            continue;
        }
        if let Some(wide) = &found {
            let first = &workbook.sheets[wide.index].name;
            let problem = WideProblem::SecondSheet {
                per: per.to_string(),
                first: first.clone(),
            };
            diags.push(problem.at(table.cell_ref(table.header_row, region_col)));
            continue;
        }
        let codes = read_header(&table, &headers, diags);
        found = Some(WideSheet {
            index,
            region_col,
            code_set: codes.iter().map(|c| c.code.clone()).collect(),
            codes,
            table,
        });
    }
    found
}

/// The header cells after the region column: text and absolute column.
fn headers(table: &Table, region_col: u32) -> Vec<(String, u32)> {
    let sheet = table.sheet;
    let row = &sheet.rows[(table.header_row - sheet.first_row) as usize];
    row.iter()
        .enumerate()
        .map(|(i, v)| (v, sheet.first_col + i as u32))
        .filter(|&(v, col)| {
            col > region_col && !v.is_blank() && !sheet.is_merge_copy(table.header_row, col)
        })
        .map(|(v, col)| (v.to_text().trim().to_string(), col))
        .collect()
}

/// A header as its code and what follows the colon (half- or full-width),
/// both trimmed: `gdp：同比` → (`gdp`, `同比`).
fn split(header: &str) -> (&str, Option<&str>) {
    match header.split_once([':', '：']) {
        Some((code, figure)) => (code.trim(), Some(figure.trim())),
        None => (header.trim(), None),
    }
}

/// Reads the header: each code with its figure columns, reporting a header
/// without code, an unknown figure after the colon, and a column given
/// twice.
fn read_header(
    table: &Table,
    headers: &[(String, u32)],
    diags: &mut Vec<Diagnostic>,
) -> Vec<WideCode> {
    let at = |col| table.cell_ref(table.header_row, col);
    let mut codes: Vec<WideCode> = Vec::new();
    let mut seen: HashMap<(&str, Column), CellRef> = HashMap::new();
    for (text, col) in headers {
        let (code, figure) = split(text);
        if code.is_empty() {
            let header = text.clone();
            diags.push(WideProblem::NoCode { header }.at(at(*col)));
            continue;
        }
        let figure = match figure {
            None => Column::Value,
            Some(typed) => {
                let typed_name = normalize_header(typed);
                let named = Column::FIGURES
                    .into_iter()
                    .find(|f| matches_any(&typed_name, f.names()));
                let Some(figure) = named else {
                    let problem = WideProblem::UnknownFigure {
                        header: text.clone(),
                        typed: typed.to_string(),
                        code: code.to_string(),
                    };
                    diags.push(problem.at(at(*col)));
                    continue;
                };
                figure
            }
        };
        if let Some(first) = seen.get(&(code, figure)) {
            let problem = WideProblem::RepeatedColumn {
                code: code.to_string(),
                figure,
                first: first.clone(),
            };
            diags.push(problem.at(at(*col)));
            continue;
        }
        seen.insert((code, figure), at(*col));
        match codes.iter_mut().find(|c| c.code == code) {
            Some(known) => known.columns.push((figure, *col)),
            None => codes.push(WideCode {
                code: code.to_string(),
                columns: vec![(figure, *col)],
                header: at(*col),
            }),
        }
    }
    codes
}

impl WideSheet<'_> {
    /// The sheet's name.
    pub fn name(&self) -> &str {
        &self.table.sheet.name
    }

    /// Whether the header has columns of `code`.
    pub fn gives(&self, code: &str) -> bool {
        self.code_set.contains(code)
    }

    /// Reads the regions' rows into indicators, from the indicator sheet's
    /// `descriptions` of the codes this sheet gives; `listed` is every
    /// code the indicator sheet lists, empty when the workbook has no
    /// indicator sheet (whose absence is reported already).
    pub fn read(
        &self,
        descriptions: &[Indicator],
        listed: &HashSet<String>,
        options: &ReadOptions,
        formats_known: bool,
        diags: &mut Vec<Diagnostic>,
    ) -> WideFigures {
        let column = options.per.as_deref().unwrap_or_default().trim();
        self.check_codes(listed, column, diags);
        self.table.check_cells(diags);
        let mut regions = Regions::new(column, self.name());
        let index: HashMap<&str, usize> = descriptions
            .iter()
            .enumerate()
            .map(|(i, indicator)| (indicator.code.as_str(), i))
            .collect();
        let mut rejected = Vec::new();
        let mut first_rows: HashMap<String, CellRef> = HashMap::new();
        // Each region's indicators, by their place in `descriptions`.
        let mut per_region: Vec<Vec<Option<Indicator>>> = Vec::new();
        let sheet = self.table.sheet;
        for &(row, cells) in &self.table.rows {
            let cell = self.table.cell_ref(row, self.region_col);
            let Some(region) = prose_at(sheet, row, cells, Some(self.region_col), options, diags)
            else {
                let column = column.to_string();
                diags.push(WideProblem::NoRegion { column }.at(cell));
                continue;
            };
            if let Some(first) = first_rows.get(&region) {
                let problem = WideProblem::RepeatedRegion {
                    column: column.to_string(),
                    region: region.clone(),
                    first: first.clone(),
                };
                diags.push(problem.at(cell));
                // The problem concerns that region's report only.
                regions.rows.insert(row, region);
                continue;
            }
            regions.add(row, &region);
            first_rows.insert(region.clone(), cell);
            let mut mine = vec![None; descriptions.len()];
            for code in &self.codes {
                let Some(&i) = index.get(code.code.as_str()) else {
                    continue;
                };
                let cells = FigureCells {
                    sheet,
                    row,
                    cells,
                    columns: &code.columns,
                    code: Some(&code.code),
                    formats_known,
                };
                if cells.is_blank() {
                    // The region has no such figure, as a row left out of
                    // the long form.
                    continue;
                }
                let mut indicator = descriptions[i].clone();
                let figures = cells.read(&indicator.unit, diags);
                let value_cell = cells.at(Column::Value);
                let (Some(value_cell), true, Some(_)) =
                    (value_cell, figures.ok, figures.figures.get(Column::Value))
                else {
                    rejected.push(Rejected {
                        code: code.code.clone(),
                        region: Some(region.clone()),
                        row: None,
                    });
                    continue;
                };
                figures.fill(&mut indicator);
                indicator.region = Some(region.clone());
                indicator.cell = value_cell;
                cells.check(&mut indicator, diags);
                mine[i] = Some(indicator);
            }
            per_region.push(mine);
        }
        if regions.names.is_empty() {
            let problem = WideProblem::NoRegions {
                sheet: self.name().to_string(),
                column: column.to_string(),
            };
            diags.push(problem.at(self.table.cell_ref(self.table.header_row, self.region_col)));
        }
        WideFigures {
            per_region,
            rejected,
            regions,
        }
    }

    /// Reports each code of the header that the indicator sheet does not
    /// list, and each that it lists without a column of its 数值, at its
    /// first header cell.
    fn check_codes(&self, listed: &HashSet<String>, column: &str, diags: &mut Vec<Diagnostic>) {
        if listed.is_empty() {
            return;
        }
        for code in &self.codes {
            let name = &code.code;
            if listed.contains(name) {
                if !code.columns.iter().any(|&(f, _)| f == Column::Value) {
                    let problem = WideProblem::NoValueColumn { code: name.clone() };
                    diags.push(problem.at(code.header.clone()));
                }
                continue;
            }
            let problem = WideProblem::UnknownCode {
                code: name.clone(),
                similar: similar_codes(name, listed),
                column: column.to_string(),
            };
            diags.push(problem.at(code.header.clone()));
        }
    }
}

/// The codes of `codes` that `typed` may have meant: the same but for
/// case, one it starts with (`gdp同比`), or one or two characters off.
fn similar_codes(typed: &str, codes: &HashSet<String>) -> Vec<String> {
    let lower = typed.to_lowercase();
    let mut similar: Vec<(usize, &String)> = codes
        .iter()
        .filter_map(|code| {
            let distance = edit_distance(&lower, &code.to_lowercase());
            let close = distance <= 2 && distance < code.chars().count();
            let prefix = code.chars().count() >= 2 && typed.starts_with(code.as_str());
            (close || prefix).then_some((distance, code))
        })
        .collect();
    similar.sort();
    similar
        .into_iter()
        .take(3)
        .map(|(_, c)| c.clone())
        .collect()
}

/// How many characters to insert, delete or change to make `a` into `b`.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_split_at_either_colon() {
        assert_eq!(split("gdp"), ("gdp", None));
        assert_eq!(split(" gdp : 同比 "), ("gdp", Some("同比")));
        assert_eq!(split("gdp：上年同期"), ("gdp", Some("上年同期")));
        assert_eq!(split(":同比"), ("", Some("同比")));
    }

    #[test]
    fn similar_codes_are_close_in_spelling() {
        let codes: HashSet<String> = ["gdp", "retail", "invest", "city_gdp"]
            .map(String::from)
            .into();
        assert_eq!(similar_codes("gpd", &codes), ["gdp"]);
        assert_eq!(similar_codes("GDP", &codes), ["gdp"]);
        assert_eq!(similar_codes("retial", &codes), ["retail"]);
        assert_eq!(similar_codes("gdp同比", &codes), ["gdp"]);
        assert!(similar_codes("population", &codes).is_empty());
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
