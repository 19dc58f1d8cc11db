//! briefing compiles Excel workbooks into Chinese PDF briefings and summary
//! workbooks.
//!
//! The data flows one way through one module per stage:
//!
//! 1. [`workbook`] reads the spreadsheet file into plain tables of cells;
//! 2. [`model`] checks those tables into a typed [`model::Briefing`],
//!    reporting every problem as a [`diagnostic::Diagnostic`] at its cell,
//!    has [`normalize`] put the punctuation of printed text right, and cuts
//!    a workbook into one briefing per region when asked;
//! 3. [`wording`] formats figures and resolves the placeholders in the prose;
//! 4. [`typeset`] runs a Typst template over the result and exports the PDF;
//! 5. [`summary`] writes the summary workbook (and a batch's overview).
//!
//! [`pipeline`] strings the stages together: [`pipeline::run`] is the one
//! entry point that the command line, `watch`, the tests and the
//! benchmarks use. [`output`] writes what it computed, all files of a
//! report or none. [`watcher`] tells when the files a run read change;
//! [`project`] makes a new project to start from. [`number`] and
//! [`diagnostic`] are leaves that every stage uses.

#![warn(missing_docs)]

pub mod diagnostic;
pub mod docx;
pub mod model;
pub mod normalize;
pub mod number;
pub mod output;
pub mod pipeline;
pub mod project;
pub mod serve;
pub mod summary;
pub mod typeset;
pub mod watcher;
pub mod wording;
pub mod workbook;
