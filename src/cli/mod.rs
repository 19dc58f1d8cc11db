//! The command line, one file per concern: `args` (clap), `compile` (also
//! what dropping files on the program does), `watch`, `check`, `new`,
//! `serve` (the local page), `print` (how results are shown), and `console`
//! (the window on Windows). Each calls the library's pipeline
//! ([`briefing::pipeline::run`]) and prints what it returns.

pub mod args;
pub mod check;
pub mod compile;
pub mod console;
pub mod new;
pub mod print;
pub mod serve;
pub mod watch;

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
