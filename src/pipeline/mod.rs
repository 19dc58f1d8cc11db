//! The pipeline, from workbook files to the files of their reports: the
//! one entry point that the command line, `watch`, the tests and the
//! benchmarks call.
//!
//! - [`run`] does it all for a list of workbooks: reads them, compiles (or
//!   checks) every report on all cores, writes each report's files as a
//!   set, and returns every outcome as a [`Run`], telling its progress
//!   through a callback.
//! - Its steps, for callers that want one report in memory:
//!   [`read`] checks a workbook into a [`Batch`] of [`Report`]s (one, or
//!   one per region with `--per`); [`Batch::word`] words one report;
//!   [`Compiler::compile`] typesets it and computes its files in memory
//!   ([`Compiled`]); [`Compiler::check`] finds its problems only.
//!
//! A [`Compiler`] holds what all compiles share: the fonts and the parsed
//! templates, each loaded when first needed, and usable from several
//! threads at once.
//!
//! The files, one per concern: `options` (how reports are made, and
//! timings), `batch` (reading a workbook into reports), `compiler` (what
//! compiles share), `report` (compiling one report), `artifacts` (a
//! report's files and their names), `overview` (a batch's overview),
//! `memo` (keeping Typst's memoization small), `run` (running many),
//! `error` (every stage's error, and the one place they become
//! diagnostics).
//!
//! ```no_run
//! use briefing::pipeline::{self, Compiler, Options, RunOptions};
//!
//! let compiler = Compiler::new(Options::default());
//! let workbooks = ["data/兰州市2020年上半年成绩单.xlsx".into()];
//! let run = pipeline::run(&compiler, &workbooks, &RunOptions::default(), |_| {});
//! assert_eq!(run.tally().failed, 0);
//! ```

mod artifacts;
mod batch;
mod compiler;
mod data;
mod error;
mod memo;
mod options;
mod overview;
mod report;
mod run;

pub use artifacts::OutputNames;
pub(crate) use batch::file_stem;
pub use batch::{Batch, Report, read, read_retrying};
pub use compiler::Compiler;
pub(crate) use data::names_file;
pub use error::Error;
pub use options::{Options, Timings};
pub use report::Compiled;
pub use run::{BatchRun, Event, Mode, Run, RunOptions, Tally, WorkbookRun, limit_threads, run};
