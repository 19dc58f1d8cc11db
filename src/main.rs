//! The `briefing` command line: parses arguments and hands them to the
//! command's module in `cli/`, which calls the library's pipeline
//! ([`briefing::pipeline`]) and prints what happened.

mod cli;

use std::ffi::OsString;
use std::process::ExitCode;

use briefing::typeset::{BUILTIN_TEMPLATES, Fonts};
use briefing::workbook;
use clap::Parser;

use cli::args::{Cli, Command};
use cli::outln;

// Reports compile in parallel; mimalloc keeps the threads from waiting on
// each other for memory as the system allocator makes them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The exit code for data or template problems (usage errors exit with 2).
const DATA_ERROR: u8 = 1;

fn main() -> ExitCode {
    // A damaged workbook can make the reader panic; the library catches
    // that and reports a damaged file, so the panic itself is not shown.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !workbook::panic_is_caught() {
            default_hook(info)
        }
    }));

    // Files dropped onto the program arrive without a command: compile them.
    let mut argv: Vec<OsString> = std::env::args_os().collect();
    let dropped = argv
        .get(1)
        .is_some_and(|a| is_workbook(std::path::Path::new(a)));
    if dropped {
        argv.insert(1, "compile".into());
    }
    // Started from Explorer with nothing dropped on it: say how to use it
    // and open the local page, on the program's folder, instead of a usage
    // error (the window stays open while the page is served).
    let alone = cli::console::alone_on_console();
    if argv.len() == 1 && alone {
        outln!("{}\n", cli::console::HOW_TO_USE);
        argv.push("serve".into());
    }
    let code = match Cli::try_parse_from(argv) {
        Ok(cli) => run(cli, dropped),
        Err(error) => {
            let _ = error.print();
            ExitCode::from(error.exit_code() as u8)
        }
    };
    if alone {
        cli::console::pause_if_alone();
    }
    code
}

/// Runs the command and tells how it went as an exit code.
fn run(cli: Cli, dropped: bool) -> ExitCode {
    let result = match cli.command {
        Command::Compile(args) => cli::compile::compile(&args, dropped),
        Command::Watch(args) => cli::watch::watch(&args),
        Command::Check(args) => cli::check::check(&args),
        Command::New(args) => cli::new::new(&args),
        Command::Serve(args) => cli::serve::serve(&args),
        Command::Fonts(args) => {
            cli::print::print_fonts(&Fonts::new(true, &args.font_paths));
            Ok(true)
        }
        Command::Templates => {
            for t in BUILTIN_TEMPLATES {
                outln!("{:<10} {}", t.name, t.description);
            }
            Ok(true)
        }
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(DATA_ERROR),
        Err(error) => {
            // Every error of briefing says its cause in Chinese already;
            // the chain would add the system's English after it.
            eprintln!("{error}");
            ExitCode::from(DATA_ERROR)
        }
    }
}

/// Whether a command-line argument names a workbook rather than a command:
/// an existing file, or a name with a spreadsheet's extension.
fn is_workbook(path: &std::path::Path) -> bool {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    path.is_file()
        || matches!(
            extension.as_deref(),
            Some("xlsx" | "xlsm" | "xls" | "xlsb" | "ods")
        )
}
