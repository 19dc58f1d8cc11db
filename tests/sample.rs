//! End to end on the sample workbook: the PDF carries the whole reference
//! article, embeds its fonts, and the summary workbook carries the input's
//! figures.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Data, DataType, Reader, open_workbook_auto};
use common::*;

/// The reference article, as published.
fn article() -> Vec<String> {
    let text = std::fs::read_to_string(root().join("tests/reference/lanzhou-2020h1.txt")).unwrap();
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

/// Compiles the sample into a fresh folder and returns (folder, pdf, xlsx).
fn compile_sample() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("成绩单.xlsx");
    std::fs::copy(sample(), &workbook).unwrap();
    // Default output folder: out/ next to the workbook.
    let output = briefing(["compile".as_ref(), workbook.as_os_str()]);
    let (stdout, stderr) = text(&output);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    let pdf = dir.path().join("out/成绩单.pdf");
    let xlsx = dir.path().join("out/成绩单-汇总.xlsx");
    assert!(stdout.contains(&pdf.display().to_string()), "{stdout}");
    assert!(stdout.contains(&xlsx.display().to_string()), "{stdout}");
    (dir, pdf, xlsx)
}

#[test]
fn pdf_carries_every_paragraph_and_heading_of_the_article() {
    let (_dir, pdf, _) = compile_sample();
    // The briefing prints full-width punctuation where the article typed
    // half-width: compare with punctuation width folded.
    let text = fold_punctuation(&squeeze(&pdf_body_text(&pdf)));
    let lines = article();
    let start = lines.iter().position(|l| l.starts_with("关键词")).unwrap();
    let end = lines.iter().position(|l| l.starts_with("(责编")).unwrap();
    let mut checked = 0;
    for line in &lines {
        if line.ends_with('。') {
            assert!(
                text.contains(&squeeze(line)),
                "paragraph missing from the PDF:\n{line}"
            );
            checked += 1;
        }
    }
    // Headings: chapter keywords and section titles of the body.
    for line in &lines[start..end] {
        if !line.ends_with('。') {
            let heading = line.strip_prefix("关键词:").unwrap_or(line);
            assert!(
                text.contains(&squeeze(heading)),
                "heading missing from the PDF: {line}"
            );
        }
    }
    // The article's 46 paragraphs: ten headline sentences, the lead, the body.
    assert_eq!(checked, 46);
    // The title block.
    for line in &lines[..2] {
        assert!(text.contains(&squeeze(line)), "{line}");
    }
}

#[test]
fn chinese_prose_has_no_half_width_punctuation() {
    let (_dir, pdf, _) = compile_sample();
    assert_no_half_width_punctuation(&pdf);
    let dir = tempfile::tempdir().unwrap();
    compile_ok(&sample(), dir.path(), &["--template", "gongwen"]);
    assert_no_half_width_punctuation(&dir.path().join("兰州市2020年上半年成绩单.pdf"));
}

fn assert_no_half_width_punctuation(pdf: &Path) {
    let text = squeeze(&pdf_body_text(pdf));
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if ",:;()?!".contains(c) {
            let before = i.checked_sub(1).map(|j| chars[j]);
            let after = chars.get(i + 1).copied();
            assert!(
                !before.is_some_and(is_han) && !after.is_some_and(is_han),
                "half-width {c:?} in Chinese prose: …{}…",
                chars[i.saturating_sub(10)..(i + 10).min(chars.len())]
                    .iter()
                    .collect::<String>()
            );
        }
    }
}

#[test]
fn every_figure_of_the_input_appears_as_typed() {
    let (_dir, pdf, _) = compile_sample();
    let text = squeeze(&pdf_body_text(&pdf));
    for row in sheet_records(&sample(), "指标") {
        let figure = format!("{}{}", row["数值"], row["单位"]);
        assert!(text.contains(&figure), "{figure} ({}) missing", row["代码"]);
    }
}

#[test]
fn headline_cards_show_each_groups_figure() {
    let (_dir, pdf, _) = compile_sample();
    let lines = pdf_raw_lines(&pdf);
    // Each headline group of the article appears with its leading figure on
    // the line right after the group's name.
    for (group, figure) in [
        ("稳经济", "1422.22亿元"),
        ("保民生", "4.29万人"),
        ("抓项目", "1277个"),
    ] {
        let at = lines
            .iter()
            .position(|l| l == group)
            .unwrap_or_else(|| panic!("{group} not found"));
        assert!(
            squeeze(&lines[at + 1]).starts_with(figure),
            "{group}: {}",
            lines[at + 1]
        );
    }
}

#[test]
fn pdf_embeds_all_its_fonts_and_has_metadata() {
    let (_dir, pdf, _) = compile_sample();
    let fonts = Command::new("pdffonts").arg(&pdf).output().unwrap();
    let fonts = String::from_utf8(fonts.stdout).unwrap();
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(rows.len() >= 3, "{fonts}");
    for row in rows {
        let columns: Vec<&str> = row.split_whitespace().collect();
        // name, type words…, encoding, emb, sub, uni, object, id
        let emb = columns[columns.len() - 5];
        assert_eq!(emb, "yes", "font not embedded: {row}");
        // A ToUnicode map, so that text can be searched and copied.
        let uni = columns[columns.len() - 3];
        assert_eq!(uni, "yes", "font without ToUnicode: {row}");
        assert!(
            row.contains("CJK") || row.contains("Kai"),
            "unexpected font: {row}"
        );
    }
    let info = Command::new("pdfinfo").arg(&pdf).output().unwrap();
    let info = String::from_utf8(info.stdout).unwrap();
    assert!(info.contains("上半年兰州市经济增速由负转正"), "{info}");
    // The date comes from the workbook's 日期, not from the clock.
    assert!(info.contains("Aug  4 08:26:00 2020"), "{info}");
    assert!(info.contains("Tagged:          yes"), "{info}");

    // PDF/A-2b and PDF/UA-1, declared in the XMP metadata with the
    // report's fields and the language.
    let meta = Command::new("pdfinfo")
        .arg("-meta")
        .arg(&pdf)
        .output()
        .unwrap();
    let meta = String::from_utf8(meta.stdout).unwrap();
    for declared in [
        "<pdfaid:part>2</pdfaid:part>",
        "<pdfaid:conformance>B</pdfaid:conformance>",
        "<pdfuaid:part>1</pdfuaid:part>",
        "<rdf:li>zh-CN</rdf:li>",
        "<rdf:li xml:lang=\"x-default\">上半年兰州市经济增速由负转正</rdf:li>",
        "<xmp:CreateDate>2020-08-04T08:26:00+00:00</xmp:CreateDate>",
    ] {
        assert!(meta.contains(declared), "{declared} not in {meta}");
    }
}

/// Reads a sheet into rows keyed by the header row (the first row whose
/// first cell is 代码 or 板块).
fn sheet_records(path: &Path, sheet: &str) -> Vec<std::collections::HashMap<String, Data>> {
    let mut workbook = open_workbook_auto(path).unwrap();
    let range = workbook.worksheet_range(sheet).unwrap();
    let mut rows = range
        .rows()
        .skip_while(|r| !matches!(r[0].to_string().as_str(), "代码" | "板块"));
    let header: Vec<String> = rows.next().unwrap().iter().map(|c| c.to_string()).collect();
    rows.map(|row| header.iter().cloned().zip(row.iter().cloned()).collect())
        .collect()
}

#[test]
fn summary_workbook_has_the_figures_of_the_input() {
    let (_dir, _, xlsx) = compile_sample();
    let input = sheet_records(&sample(), "指标");
    // Group rows carry no code; every other row is one indicator.
    let summary: Vec<_> = sheet_records(&xlsx, "汇总")
        .into_iter()
        .filter(|r| !r["代码"].to_string().is_empty())
        .collect();
    assert_eq!(input.len(), summary.len());
    for row in &input {
        let code = row["代码"].to_string();
        let out = summary
            .iter()
            .find(|r| r["代码"].to_string() == code)
            .unwrap_or_else(|| panic!("{code} missing from the summary"));
        assert_eq!(out["数值"].as_f64(), row["数值"].as_f64(), "{code}");
        assert_eq!(out["单位"].to_string(), row["单位"].to_string(), "{code}");
        assert_eq!(out["板块"].to_string(), row["板块"].to_string(), "{code}");
        assert_eq!(out["指标"].to_string(), row["指标"].to_string(), "{code}");
        assert_eq!(out["同比（%）"].as_f64(), row["同比"].as_f64(), "{code}");
    }
}

#[test]
fn two_compiles_give_identical_bytes() {
    let (_a, pdf_a, xlsx_a) = compile_sample();
    let (_b, pdf_b, xlsx_b) = compile_sample();
    assert!(
        std::fs::read(&pdf_a).unwrap() == std::fs::read(&pdf_b).unwrap(),
        "PDFs differ"
    );
    assert!(
        std::fs::read(&xlsx_a).unwrap() == std::fs::read(&xlsx_b).unwrap(),
        "workbooks differ"
    );
}

#[test]
fn the_grid_template_extracts_as_the_text_reads() {
    // Each mark of the 公文 grid sits in a box of its own: copying the text
    // out of the PDF still gives every paragraph character for character,
    // with no space where a line broke or a mark took a cell.
    let dir = tempfile::tempdir().unwrap();
    compile_ok(&sample(), dir.path(), &["--template", "gongwen"]);
    let pdf = dir.path().join("兰州市2020年上半年成绩单.pdf");
    let joined: String = pdftotext_raw(&pdf).replace(['\n', '\u{c}'], "");
    let text = fold_punctuation(&joined);
    let mut checked = 0;
    for line in article().iter().filter(|l| l.ends_with('。')) {
        assert!(
            text.contains(line.as_str()),
            "paragraph not extracted as written:\n{line}"
        );
        checked += 1;
    }
    assert_eq!(checked, 46);
}

/// The text of a 公文 PDF in drawing order: the type area only (37 mm to
/// 262 mm from the top), without page numbers.
fn pdftotext_raw(pdf: &Path) -> String {
    let output = Command::new("pdftotext")
        .args(["-raw", "-x", "0", "-y", "100", "-W", "595", "-H", "645"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    String::from_utf8(output.stdout).unwrap()
}
