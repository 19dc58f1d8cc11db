//! The overview PDF of a batch made per region (`--per 地区`), in every
//! built-in template: every region's row with the value, 同比 and ranks of
//! each indicator, read back by word positions and checked against ranks
//! worked out here from the workbook's figures; the reports that failed;
//! the chart; and no word off its page or over another.

use std::path::{Path, PathBuf};
use std::process::Command;

use briefing::number::format_number;
use common::{OVERVIEW_INDICATORS, overview_figure, region_name, write_overview_workbook};

mod common;

const REGIONS: usize = 30;
/// The region whose first indicator is planted as text.
const BAD: usize = 11;
const TEMPLATES: [&str; 3] = ["default", "gongwen", "jianbao"];

/// A number as the overview prints it: as typed, a decline with a minus
/// sign.
fn printed(n: f64) -> String {
    format_number(n).replace('-', "−")
}

/// The figure an indicator is ranked by growth on, when it has one: 同比,
/// or for the rate (indicator 2) its points over 上年同期.
fn growth(value: f64, previous: Option<f64>, yoy: Option<f64>) -> Option<f64> {
    yoy.or(previous.map(|p| value - p))
}

/// The place of `mine` among `all`: one more than how many are larger.
fn place(all: &[f64], mine: f64) -> usize {
    1 + all.iter().filter(|&&x| x > mine).count()
}

/// The cells each region's rows of the tables hold, indicator after
/// indicator (as the tables list them, however many tables they take):
/// 数值 and 位次, then 同比 and its 位次 where the indicator has growth.
/// A region without the figure has dashes. Ranks are worked out here.
fn expected_cells(indicators: usize, bad: Option<usize>) -> Vec<Vec<String>> {
    let has = |i: usize, j: usize| !(bad == Some(i) && j == 0);
    let mut rows: Vec<Vec<String>> = vec![Vec::new(); REGIONS];
    for j in 0..indicators {
        let figures: Vec<(usize, f64, Option<f64>)> = (0..REGIONS)
            .filter(|&i| has(i, j))
            .map(|i| {
                let (value, previous, yoy) = overview_figure(REGIONS, i, j);
                (i, value, growth(value, previous, yoy))
            })
            .collect();
        let values: Vec<f64> = figures.iter().map(|f| f.1).collect();
        let growths: Vec<f64> = figures.iter().filter_map(|f| f.2).collect();
        for (i, row) in rows.iter_mut().enumerate() {
            let with_growth = !growths.is_empty();
            match figures.iter().find(|f| f.0 == i) {
                Some(&(_, value, g)) => {
                    row.push(printed(value));
                    row.push(place(&values, value).to_string());
                    if let (true, Some(g)) = (with_growth, g) {
                        row.push(printed(g));
                        row.push(place(&growths, g).to_string());
                    }
                }
                None => {
                    let n = if with_growth { 4 } else { 2 };
                    row.extend(std::iter::repeat_n("—".to_string(), n));
                }
            }
        }
    }
    rows
}

/// The lines of a PDF by word positions, page after page, top to bottom:
/// the words whose boxes share a middle line (within 2 pt), left to right.
fn lines(pdf: &Path) -> Vec<Vec<String>> {
    placed_lines(pdf)
        .into_iter()
        .map(|(_, line)| line.into_iter().map(|w| w.text).collect())
        .collect()
}

/// [`lines`] with each word's box, and the page (from 0) of each line.
fn placed_lines(pdf: &Path) -> Vec<(usize, Vec<common::Word>)> {
    let mut out = Vec::new();
    for (n, page) in common::pdf_words(pdf).into_iter().enumerate() {
        let mut words = page.words;
        words.sort_by(|a, b| (a.y0 + a.y1).total_cmp(&(b.y0 + b.y1)));
        let mut lines: Vec<Vec<common::Word>> = Vec::new();
        for word in words {
            let middle = (word.y0 + word.y1) / 2.0;
            match lines.last_mut() {
                Some(line) if (middle - (line[0].y0 + line[0].y1) / 2.0).abs() < 2.0 => {
                    line.push(word)
                }
                _ => lines.push(vec![word]),
            }
        }
        for mut line in lines {
            line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            out.push((n, line));
        }
    }
    out
}

/// Asserts that the 同比 of the first table's two indicators (the words
/// after a region's name at `columns`) stand on their decimal points: on
/// each page, the figures with one decimal end at one edge, and the whole
/// ones at another, further left by the width of the hidden `.0`.
fn assert_decimal_aligned(pdf: &Path, columns: [usize; 2], context: &str) {
    let lines = placed_lines(pdf);
    for column in columns {
        // (page, decimals) → right edges.
        let mut edges: std::collections::BTreeMap<(usize, bool), Vec<f64>> = Default::default();
        for i in (0..REGIONS).filter(|&i| i != BAD) {
            let name = region_name(i);
            let (page, line) = lines
                .iter()
                .find(|(_, l)| l.first().is_some_and(|w| w.text == name))
                .unwrap_or_else(|| panic!("{context}: no row of {name}"));
            let word = &line[column];
            assert!(
                word.text.parse::<f64>().is_ok() || word.text.starts_with('−'),
                "{context}: {name}: {}",
                word.text
            );
            edges
                .entry((*page, word.text.contains('.')))
                .or_default()
                .push(word.x1);
        }
        let spread = |e: &[f64]| {
            let (lo, hi) = (
                e.iter().copied().fold(f64::MAX, f64::min),
                e.iter().copied().fold(f64::MIN, f64::max),
            );
            (lo, hi)
        };
        let pages: std::collections::BTreeSet<usize> = edges.keys().map(|k| k.0).collect();
        for page in pages {
            let (whole, decimal) = (&edges.get(&(page, false)), &edges.get(&(page, true)));
            for e in [whole, decimal].into_iter().flatten() {
                let (lo, hi) = spread(e);
                assert!(
                    hi - lo < 0.5,
                    "{context}: column {column}, page {page}: edges {lo}–{hi}"
                );
            }
            if let (Some(whole), Some(decimal)) = (whole, decimal) {
                let gap = spread(decimal).0 - spread(whole).0;
                assert!(
                    (2.0..12.0).contains(&gap),
                    "{context}: column {column}, page {page}: whole figures end {gap} pt before the others"
                );
            }
        }
    }
}

/// The rest of `line` when it starts with region `name`, and whether the
/// region is marked as failed (`城关区（未生成）`, or `未生成` after it).
fn after_region<'a>(line: &'a [String], name: &str) -> Option<(bool, &'a [String])> {
    let (first, rest) = line.split_first()?;
    match first.strip_prefix(name)? {
        "" if rest.first().is_some_and(|w| w == "未生成") => Some((true, &rest[1..])),
        "" => Some((false, rest)),
        "（未生成）" | "未生成" => Some((true, rest)),
        _ => None,
    }
}

/// Compiles `workbook` with `template` per region into `out`, returning
/// the overview PDF; `ok` says whether every report should compile.
fn compile(workbook: &Path, template: &str, out: &Path, ok: bool) -> PathBuf {
    let output = common::compile_into(
        workbook,
        out,
        &["--per", "地区", "--template", template, "--quiet"],
    );
    let (stdout, stderr) = common::text(&output);
    assert_eq!(
        output.status.success(),
        ok,
        "{template}:\n{stdout}\n{stderr}"
    );
    let stem = workbook.file_stem().unwrap().to_string_lossy();
    let pdf = out.join(format!("{stem}-总览.pdf"));
    assert!(
        pdf.is_file(),
        "{template}: no overview PDF:\n{stdout}\n{stderr}"
    );
    assert!(out.join(format!("{stem}-总览.xlsx")).is_file());
    pdf
}

/// Asserts that every region has its table rows, cell by cell, then its
/// bar (unless it has no value of the chart's indicator `chart`); returns
/// each region's lines after those.
fn assert_rows<'a>(
    lines: &'a [Vec<String>],
    expected: &[Vec<String>],
    chart: usize,
    bad: Option<usize>,
    context: &str,
) -> Vec<Vec<&'a [String]>> {
    let mut after = Vec::new();
    for (i, cells) in expected.iter().enumerate() {
        let name = region_name(i);
        let mine: Vec<(bool, &[String])> = lines
            .iter()
            .filter_map(|l| after_region(l, &name))
            .collect();
        // The tables' rows, in order, hold every cell once.
        let mut seen: Vec<String> = Vec::new();
        let mut k = 0;
        while seen.len() < cells.len() && k < mine.len() {
            let (marked, rest) = mine[k];
            assert_eq!(marked, bad == Some(i), "{context}: {name} marked {marked}");
            seen.extend(rest.iter().cloned());
            k += 1;
        }
        assert_eq!(&seen, cells, "{context}: the rows of {name}");
        // Then its bar, with the value printed.
        if bad != Some(i) || chart != 0 {
            let (value, _, _) = overview_figure(REGIONS, i, chart);
            let bar = mine.get(k).map(|(_, rest)| rest.to_vec());
            assert_eq!(
                bar,
                Some(vec![printed(value)]),
                "{context}: the bar of {name}"
            );
            k += 1;
        }
        after.push(mine[k..].iter().map(|(_, rest)| *rest).collect());
    }
    after
}

/// Asserts what pdfinfo says of an overview: its title and date, tagged,
/// PDF/A-2b and PDF/UA-1, a table with header cells and a figure (which
/// PDF/UA only passes with its alternative description).
fn assert_accessible(pdf: &Path, context: &str) {
    let pdfinfo = |args: &[&str]| {
        let output = Command::new("pdfinfo")
            .args(args)
            .arg(pdf)
            .output()
            .unwrap();
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let info = pdfinfo(&[]);
    assert!(
        info.contains("Title:           2020年上半年经济运行情况（按地区汇总）"),
        "{context}: {info}"
    );
    assert!(info.contains("Aug  4 00:00:00 2020"), "{context}: {info}");
    assert!(info.contains("Tagged:          yes"), "{context}: {info}");
    let meta = pdfinfo(&["-meta"]);
    for declared in [
        "<pdfaid:part>2</pdfaid:part>",
        "<pdfuaid:part>1</pdfuaid:part>",
    ] {
        assert!(
            meta.contains(declared),
            "{context}: {declared} not in {meta}"
        );
    }
    let structure = pdfinfo(&["-struct"]);
    for tag in ["Table", "THead", "TH", "Figure"] {
        assert!(
            structure.lines().any(|l| l.trim().starts_with(tag)),
            "{context}: no {tag} in the structure"
        );
    }
}

/// How many errors `briefing check` finds for `region`'s report.
fn errors_of(workbook: &Path, region: &str) -> usize {
    let output = common::briefing([
        "check".as_ref(),
        workbook.as_os_str(),
        "--per".as_ref(),
        "地区".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    let problems: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    problems
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["severity"] == "error" && p["region"] == region)
        .count()
}

#[test]
fn thirty_regions_with_one_failing_in_every_template() {
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("区县成绩单.xlsx");
    write_overview_workbook(&workbook, REGIONS, 4, Some(BAD), &[]);
    let expected = expected_cells(4, Some(BAD));
    let bad_name = region_name(BAD);
    let errors = errors_of(&workbook, &bad_name);
    assert!(errors >= 1);
    for template in TEMPLATES {
        let out = dir.path().join(template);
        let pdf = compile(&workbook, template, &out, false);
        let problems = common::word_problems(&pdf);
        assert!(problems.is_empty(), "{template}:\n{}", problems.join("\n"));
        assert_accessible(&pdf, template);

        let text = common::squeeze(&common::pdf_body_text(&pdf));
        assert!(
            text.contains(&format!(
                "本批共30个地区，29份报告已生成，1份未生成（{bad_name}）。"
            )),
            "{template}: {text}"
        );
        // The chart is of the first indicator.
        assert!(text.contains("各地区地区生产总值（亿元）"), "{template}");

        let lines = lines(&pdf);
        let after = assert_rows(&lines, &expected, 0, Some(BAD), template);
        // Region, 数值, 位次, 同比 of x0, then of x1.
        assert_decimal_aligned(&pdf, [3, 7], template);
        // The failed report is listed last, with how many errors it has
        // and the first of them.
        let failure = after[BAD]
            .first()
            .unwrap_or_else(|| panic!("{template}: no failure row"));
        assert_eq!(failure[0], errors.to_string(), "{template}: {failure:?}");
        let said = failure[1..].concat();
        assert!(
            said.contains("指标!E") && said.contains("“数值”应为数字，实际为“待定”"),
            "{template}: {failure:?}"
        );
        for (i, rest) in after.iter().enumerate().filter(|&(i, _)| i != BAD) {
            assert!(
                rest.is_empty(),
                "{template}: {} has more rows: {rest:?}",
                region_name(i)
            );
        }

        // A report says the rank the overview prints.
        for i in [0, 5, 29] {
            let name = region_name(i);
            let report = out.join(format!("区县成绩单-{}.pdf", name.replace('/', "_")));
            let said = common::squeeze(&common::pdf_body_text(&report));
            let (rank, growth_rank) = (&expected[i][1], &expected[i][3]);
            assert!(
                said.contains(&format!("居全市第{rank}位，增速居全市第{growth_rank}位")),
                "{template}: {name}: {said}"
            );
        }
    }
}

#[test]
fn twelve_indicators_lay_out_on_the_page() {
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("多指标.xlsx");
    // The chart named by its indicator's name.
    let chart = 5;
    let (name, unit) = OVERVIEW_INDICATORS[chart];
    write_overview_workbook(&workbook, REGIONS, 12, None, &[("总览图", name)]);
    let expected = expected_cells(12, None);
    for template in TEMPLATES {
        let out = dir.path().join(template);
        let pdf = compile(&workbook, template, &out, true);
        let problems = common::word_problems(&pdf);
        assert!(problems.is_empty(), "{template}:\n{}", problems.join("\n"));
        let text = common::squeeze(&common::pdf_body_text(&pdf));
        assert!(
            text.contains(&format!("各地区{name}（{unit}）")),
            "{template}"
        );
        assert_rows(&lines(&pdf), &expected, chart, None, template);
    }
}

#[test]
fn a_template_folder_without_an_overview_uses_the_default_one() {
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("区县.xlsx");
    write_overview_workbook(&workbook, 3, 2, None, &[("总览图", "nope")]);
    let pdf = compile(
        &workbook,
        &common::dump_template(),
        &dir.path().join("out"),
        true,
    );
    let text = common::squeeze(&common::pdf_body_text(&pdf));
    assert!(text.contains("各地区情况总览"), "{text}");
    assert!(text.contains("本批共3个地区，3份报告已生成。"), "{text}");
    // A 总览图 that names no indicator of the regions: the first is drawn,
    // and `check` says why.
    assert!(text.contains("各地区地区生产总值（亿元）"), "{text}");
    let output = common::briefing([
        "check".as_ref(),
        workbook.as_os_str(),
        "--per".as_ref(),
        "地区".as_ref(),
    ]);
    let (_, stderr) = common::text(&output);
    assert!(
        stderr.contains("“总览图”的“nope”不是“指标”表中的代码或指标名称"),
        "{stderr}"
    );
}

#[test]
fn a_figure_too_wide_for_its_column_is_set_smaller() {
    use common::Cell::{E, N, S, T};
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("大数.xlsx");
    let huge = 98765432109876.5;
    let figures = [
        ("甲区", huge, Some(3.5)),
        ("乙区", 12.5, Some(-1.5)),
        ("丙区", 7.0, None),
    ];
    let mut rows = vec![
        ["地区", "代码", "指标", "数值", "单位", "同比"]
            .map(T)
            .to_vec(),
    ];
    for (region, value, yoy) in figures {
        rows.push(vec![
            S(region.into()),
            T("gdp"),
            T("地区生产总值"),
            N(value),
            T("亿元"),
            yoy.map_or(E, N),
        ]);
    }
    let report = vec![
        vec![T("项目"), T("内容")],
        vec![T("标题"), T("{地区}经济运行情况")],
    ];
    let body = vec![vec![T("段落")], vec![T("{地区}地区生产总值{gdp}亿元。")]];
    common::write_workbook(
        &workbook,
        &[("报告", report), ("指标", rows), ("正文", body)],
    );
    for template in TEMPLATES {
        let pdf = compile(&workbook, template, &dir.path().join(template), true);
        let problems = common::word_problems(&pdf);
        assert!(problems.is_empty(), "{template}:\n{}", problems.join("\n"));
        let words: Vec<common::Word> = common::pdf_words(&pdf)
            .into_iter()
            .flat_map(|p| p.words)
            .collect();
        let height = |text: &str| {
            let word = words.iter().find(|w| w.text == text);
            let word = word.unwrap_or_else(|| panic!("{template}: no “{text}”"));
            word.y1 - word.y0
        };
        // A word's box is as high as its font size: the huge figure's column
        // is set smaller than the 同比 beside it, which fits.
        let (big, small) = (height("98765432109876.5"), height("3.5"));
        assert!(big < small * 0.9, "{template}: {big} against {small}");
    }
}
