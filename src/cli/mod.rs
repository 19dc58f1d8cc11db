//! The command line, one file per concern: `args` (clap), `compile` (also
//! what dropping files on the program does), `watch`, `check`, `new`, and
//! `print` (how results are shown).

pub mod args;
pub mod check;
pub mod compile;
pub mod new;
pub mod print;
pub mod watch;

use std::path::PathBuf;
use std::time::Duration;

use briefing::compile::{self as pipeline, Batch};
use briefing::model::ReadOptions;
use briefing::workbook::ReadError;
use rayon::prelude::*;

/// Writes a line to standard output; a closed pipe (`briefing … | head`)
/// ends the program quietly, as ripgrep and cargo do.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let mut out = std::io::stdout().lock();
        if let Err(error) = writeln!(out, $($arg)*) {
            if error.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
        }
    }};
}
pub(crate) use outln;

/// One workbook as read: its batch of reports, or why it could not be read.
pub type Read = (PathBuf, Result<Batch, ReadError>);

/// Reads every workbook, in parallel.
pub fn read_all(paths: &[PathBuf], options: &ReadOptions) -> Vec<Read> {
    read_all_retrying(paths, options, 0)
}

/// Reads every workbook, in parallel; a workbook that cannot be read (a
/// spreadsheet program may be half-way through saving it) is tried again
/// `retries` times, a fifth of a second apart.
pub fn read_all_retrying(paths: &[PathBuf], options: &ReadOptions, retries: u32) -> Vec<Read> {
    paths
        .par_iter()
        .map(|path| {
            let mut read = pipeline::read(path, options);
            for _ in 0..retries {
                if read.is_ok() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(200));
                read = pipeline::read(path, options);
            }
            (path.clone(), read)
        })
        .collect()
}
