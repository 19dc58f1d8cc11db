//! briefing compiles Excel workbooks into Chinese PDF briefings and summary
//! workbooks.
//!
//! The data flows one way through one module per stage:
//!
//! 1. [`workbook`] reads the spreadsheet file into plain tables of cells;
//! 2. [`model`] checks those tables into a typed [`model::Briefing`],
//!    reporting every problem as a [`diagnostic::Diagnostic`] at its cell,
//!    and has [`normalize`] put the punctuation of printed text right;
//! 3. [`wording`] formats figures and resolves the placeholders in the prose;
//! 4. [`typeset`] runs a Typst template over the result and exports the PDF;
//! 5. [`summary`] writes the summary workbook.
//!
//! The command line in `src/main.rs` strings the stages together.

pub mod diagnostic;
pub mod model;
pub mod normalize;
pub mod output;
pub mod summary;
pub mod typeset;
pub mod wording;
pub mod workbook;
