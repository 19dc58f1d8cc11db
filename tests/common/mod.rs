//! Helpers shared by the integration tests: running the binary, building
//! workbooks, and reading PDFs and workbooks back.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use rust_xlsxwriter::Workbook;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The sample workbook shipped in data/.
pub fn sample() -> PathBuf {
    root().join("data/兰州市2020年上半年成绩单.xlsx")
}

/// Runs the briefing binary with `args`.
pub fn briefing<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(args)
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

/// Compiles `workbook` into `out` and panics with the messages on failure.
pub fn compile_ok(workbook: &Path, out: &Path, extra: &[&str]) -> String {
    let mut args = vec![
        "compile".as_ref(),
        workbook.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ];
    args.extend(extra.iter().map(|s| std::ffi::OsStr::new(*s)));
    let output = briefing(args);
    let (stdout, stderr) = text(&output);
    assert!(
        output.status.success(),
        "compile failed:\n{stdout}\n{stderr}"
    );
    stdout
}

/// Text of a PDF in content order, without the page margins (so that running
/// headers and page numbers do not split paragraphs).
pub fn pdf_body_text(pdf: &Path) -> String {
    pdftotext(
        pdf,
        &["-raw", "-x", "0", "-y", "60", "-W", "595", "-H", "722"],
    )
}

/// Text of a PDF, line by line in reading order.
pub fn pdf_lines(pdf: &Path) -> Vec<String> {
    lines(&pdftotext(pdf, &[]))
}

/// Text of a PDF, line by line in the order it was drawn (a grid's cells
/// one after the other, rather than row by row across them).
pub fn pdf_raw_lines(pdf: &Path) -> Vec<String> {
    lines(&pdftotext(pdf, &["-raw"]))
}

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

fn pdftotext(pdf: &Path, args: &[&str]) -> String {
    let output = Command::new("pdftotext")
        .args(args)
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext is installed (poppler-utils)");
    assert!(
        output.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    String::from_utf8(output.stdout).expect("UTF-8 text")
}

/// Asserts that `lines` holds `line`, showing all lines when it does not.
pub fn assert_line(lines: &[String], line: &str) {
    assert!(
        lines.iter().any(|l| l == line),
        "{line:?} not among {lines:#?}"
    );
}

/// Removes all whitespace, for comparisons that ignore line breaks.
pub fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Folds punctuation width, so that a half-width mark and its full-width
/// form compare equal (the reference article types "," where the briefing
/// prints "，").
pub fn fold_punctuation(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '，' => ',',
            '：' => ':',
            '；' => ';',
            '（' => '(',
            '）' => ')',
            '？' => '?',
            '！' => '!',
            other => other,
        })
        .collect()
}

/// Whether a character is a Han character.
pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// A cell of a test workbook.
#[derive(Clone, Debug)]
pub enum Cell {
    /// Text.
    T(&'static str),
    /// A number.
    N(f64),
    /// Nothing.
    E,
}

/// Writes a workbook with the given sheets, each a list of rows.
pub fn write_workbook(path: &Path, sheets: &[(&str, Vec<Vec<Cell>>)]) {
    let mut workbook = Workbook::new();
    for (name, rows) in sheets {
        let sheet = workbook.add_worksheet();
        sheet.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                match cell {
                    Cell::T(s) => {
                        sheet.write_string(r as u32, c as u16, *s).unwrap();
                    }
                    Cell::N(n) => {
                        sheet.write_number(r as u32, c as u16, *n).unwrap();
                    }
                    Cell::E => {}
                }
            }
        }
    }
    workbook.save(path).unwrap();
}

/// The dump template of the tests: prints the data a template receives.
pub fn dump_template() -> String {
    root()
        .join("tests/templates/dump")
        .to_string_lossy()
        .into_owned()
}
