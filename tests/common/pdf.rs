//! Reading a PDF's text back with poppler's `pdftotext`, and comparing
//! text.
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

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

/// Text of one page of a PDF (1 is the first), line by line.
pub fn pdf_page_lines(pdf: &Path, page: usize) -> Vec<String> {
    let page = page.to_string();
    lines(&pdftotext(pdf, &["-f", &page, "-l", &page]))
}

/// How many pages a PDF has.
pub fn pdf_page_count(pdf: &Path) -> usize {
    let output = Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("pdfinfo runs");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo gives the page count")
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
