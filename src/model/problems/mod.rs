//! What the readers of a workbook tell users: each reader's problems are
//! the variants of one enum, whose `Display` is the message, in Chinese,
//! and whose [`Problem::hint`] says how to fix it; the reader only says
//! which problem it found, with its data, and where
//! (`IndicatorProblem::DuplicateCode { .. }.at(cell)`). Every message of
//! a reader is written here, in one place, as `workbook/error.rs` and
//! `wording/error.rs` write theirs.

mod bureau;
mod cells;
mod figures;
mod indicators;
mod join;
mod names;
mod regions;
mod report;
mod series;
mod table;
mod wide;
mod workbook;

pub(crate) use bureau::BureauProblem;
pub use cells::CellProblem;
pub(crate) use figures::FigureProblem;
pub(crate) use indicators::IndicatorProblem;
pub(crate) use join::JoinProblem;
pub(crate) use names::NameProblem;
pub(crate) use regions::RegionProblem;
pub(crate) use report::ReportProblem;
pub(crate) use series::SeriesProblem;
pub(crate) use table::TableProblem;
pub(crate) use wide::WideProblem;
pub(crate) use workbook::WorkbookProblem;

use crate::diagnostic::{CellRef, Diagnostic, Severity};

/// A problem a reader found: its message is its `Display`.
pub(crate) trait Problem: std::fmt::Display {
    /// How serious it is: an error unless the problem says otherwise.
    fn severity(&self) -> Severity {
        Severity::Error
    }

    /// How to fix it; nothing when the message says it all.
    fn hint(&self) -> Option<String>;

    /// The problem as users read it, at `cell` (or at no cell), with its
    /// hint.
    fn at(&self, cell: impl Into<Option<CellRef>>) -> Diagnostic {
        let diagnostic = Diagnostic::new(self.severity(), cell.into(), self.to_string());
        match self.hint() {
            Some(hint) => diagnostic.with_hint(hint),
            None => diagnostic,
        }
    }
}
