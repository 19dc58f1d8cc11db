//! Running the briefing binary.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

use super::paths::font_cache;
use super::pdf::{pdf_body_text, squeeze};

/// Runs the briefing binary with `args`.
pub fn briefing<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(args)
        .env("BRIEFING_FONT_CACHE", font_cache())
        .output()
        .expect("briefing runs")
}

/// Standard output and error of a run, for assertion messages.
pub fn text(output: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Runs `briefing compile <workbook> --out <out> <extra…>`, whatever its
/// outcome.
pub fn compile_into(workbook: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "compile".as_ref(),
        workbook.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ];
    args.extend(extra.iter().map(|s| std::ffi::OsStr::new(*s)));
    briefing(args)
}

/// Compiles `workbook` into `out` and panics with the messages on failure.
pub fn compile_ok(workbook: &Path, out: &Path, extra: &[&str]) -> String {
    let output = compile_into(workbook, out, extra);
    let (stdout, stderr) = text(&output);
    assert!(
        output.status.success(),
        "compile failed:\n{stdout}\n{stderr}"
    );
    stdout
}

/// Compiles `workbook` into `out` and returns the body text of its PDF
/// without whitespace.
pub fn printed_text(workbook: &Path, out: &Path) -> String {
    compile_ok(workbook, out, &[]);
    let stem = workbook.file_stem().unwrap().to_string_lossy();
    squeeze(&pdf_body_text(&out.join(format!("{stem}.pdf"))))
}
