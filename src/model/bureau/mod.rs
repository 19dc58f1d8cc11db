//! A statistics bureau's own table, read as the bureau lays it out: title
//! rows above it, a header of one to three rows with merged period groups
//! (11月 / 1-11月 / 1-10月 over 绝对值 and 比上年同期增长%), the names and
//! units columns, section rows without figures, 其中 rows indented under
//! the row above, "—" for no figure, footnotes under it.
//!
//! The reading goes as a person reads such a table: find the header
//! (`header`), tell what each column holds (`words`), then read the rows
//! below it (`rows`). What comes out is the table as the bureau prints it
//! ([`ExtraTable`], for `{表:工作表名}`) and one description per row with
//! its figures by period group ([`BureauRow`]), which [`super::names`]
//! turns into indicators cited by name.

mod header;
mod rows;
mod words;

use super::{ExtraTable, Figure, ReadOptions};
use crate::diagnostic::{CellRef, Diagnostic};
use crate::workbook::Sheet;
pub(crate) use words::{Measure, Period, compact, period, period_in_title};
pub use words::{distance, is_empty_marker};

/// Whether a name is marked as a part of the row above it, as bureaus
/// mark one: `其中：国有控股企业`, `#国有控股企业`.
pub(crate) fn is_part_name(name: &str) -> bool {
    words::row_name(name).part
}

/// A column of figures: the period group it belongs to and what it
/// measures.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FigureColumn {
    /// The absolute column index.
    pub col: u32,
    /// Its period group, an index into [`BureauTable::groups`].
    pub group: usize,
    /// What it measures.
    pub measure: Measure,
    /// The unit its header names (`总量（亿元）`).
    pub unit: Option<String>,
}

/// A bureau's table, read.
#[derive(Debug, Clone)]
pub(crate) struct BureauTable {
    /// The sheet's name.
    pub sheet: String,
    /// The table as the bureau prints it.
    pub table: ExtraTable,
    /// The period groups, in column order; one group without a period
    /// when the header names none.
    pub groups: Vec<Period>,
    /// The columns of figures.
    pub figures: Vec<FigureColumn>,
    /// The rows that name something (sections and rows of figures).
    pub rows: Vec<BureauRow>,
}

/// One row of a bureau's table.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct BureauRow {
    /// The name as placeholders cite it (其中, #, spaces and a bracketed
    /// unit taken off).
    pub name: String,
    /// The row this one is a part of (its 其中 parent), an index into the
    /// table's rows.
    pub parent: Option<usize>,
    /// The section row above it (按产业分), an index into the table's rows.
    pub section: Option<usize>,
    /// Whether it is a section row: a name without figures or unit.
    pub is_section: bool,
    /// The unit of its figures.
    pub unit: String,
    /// One figure per [`BureauTable::figures`] column, with the decimals
    /// its cell shows and the cell; `None` for an empty cell or "—".
    pub figures: Vec<Option<Figure>>,
    /// The cell of its name.
    pub cell: CellRef,
}

impl BureauTable {
    /// The group bureaus lead with: the cumulative one that runs latest
    /// (1-11月 over 11月), else the first.
    pub fn lead_group(&self) -> usize {
        let with_figures = |g: usize| {
            self.figures
                .iter()
                .any(|f| f.group == g && !matches!(f.measure, Measure::Previous | Measure::Share))
        };
        (0..self.groups.len())
            .filter(|&g| self.groups[g].cumulative && with_figures(g))
            .max_by_key(|&g| (self.groups[g].end.unwrap_or(13), std::cmp::Reverse(g)))
            .unwrap_or(0)
    }

    /// The group of the period before `group`'s (1-10月 for 1-11月, 10月
    /// for 11月), when the table has one.
    pub fn previous_group(&self, group: usize) -> Option<usize> {
        let this = &self.groups[group];
        let end = this.end?;
        (0..self.groups.len())
            .filter(|&g| {
                let other = &self.groups[g];
                g != group
                    && other.cumulative == this.cumulative
                    && other.end.is_some_and(|e| e < end)
            })
            .max_by_key(|&g| self.groups[g].end)
    }

    /// Whether the table is one of prices: its title or sheet names 价格
    /// (居民消费价格指数), so that its index rows are worded as prices.
    pub fn is_of_prices(&self) -> bool {
        let title = self.table.caption.as_deref().unwrap_or_default();
        super::growth::is_price_name(title) || super::growth::is_price_name(&self.sheet)
    }

    /// The figure of `row` in `group` that measures `measure`, with the
    /// decimals its cell shows.
    pub fn figure<'a>(
        &self,
        row: &'a BureauRow,
        group: usize,
        measure: Measure,
    ) -> Option<&'a Figure> {
        self.figures
            .iter()
            .position(|f| f.group == group && f.measure == measure)
            .and_then(|i| row.figures[i].as_ref())
    }
}

/// Reads `sheet` as a bureau's table; `None` when it has no header that
/// names a column of figures (the sheet is then read as a plain table).
pub(crate) fn read(
    sheet: &Sheet,
    options: &ReadOptions,
    diags: &mut Vec<Diagnostic>,
) -> Option<BureauTable> {
    let header = header::find(sheet)?;
    let columns = header.columns(sheet, diags)?;
    Some(rows::read(sheet, header, columns, options, diags))
}
