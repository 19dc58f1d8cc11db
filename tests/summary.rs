//! The summary workbook read back: every sheet carries the briefing's
//! figures and text, formulas carry their results, and the same input gives
//! the same bytes.

mod common;

use std::collections::HashMap;
use std::path::Path;

use calamine::{Data, DataType, Reader, open_workbook_auto};
use common::Cell::{E, N, T};
use common::*;

/// All rows of a sheet as strings keyed by the header found at `header_row`.
fn records(path: &Path, sheet: &str, header_row: usize) -> Vec<HashMap<String, Data>> {
    let mut workbook = open_workbook_auto(path).unwrap();
    let range = workbook.worksheet_range(sheet).unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    let header: Vec<String> = rows[header_row].iter().map(|c| c.to_string()).collect();
    rows[header_row + 1..]
        .iter()
        .map(|row| header.iter().cloned().zip(row.iter().cloned()).collect())
        .collect()
}

fn number(data: &Data) -> Option<f64> {
    data.as_f64()
}

/// A workbook with previous values and previous growth rates, so that the
/// derived columns and the second chart have something to show.
fn rich_workbook(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("简报.xlsx");
    write_workbook(
        &path,
        &[
            (
                "报告",
                vec![
                    vec![T("项目"), T("内容")],
                    vec![T("标题"), T("经济简报")],
                    vec![T("日期"), T("2021-07-15")],
                ],
            ),
            (
                "指标",
                vec![
                    vec![
                        T("代码"),
                        T("板块"),
                        T("指标"),
                        T("数值"),
                        T("单位"),
                        T("上年同期"),
                        T("同比"),
                        T("上期同比"),
                        T("要点"),
                    ],
                    vec![
                        T("gdp"),
                        T("经济"),
                        T("地区生产总值"),
                        N(1500.25),
                        T("亿元"),
                        N(1422.2),
                        N(5.5),
                        N(-1.6),
                        T("总值{gdp}，{gdp:比较:一季度}。"),
                    ],
                    vec![
                        T("rate"),
                        T("经济"),
                        T("失业率"),
                        N(5.1),
                        T("%"),
                        N(5.6),
                        N(-8.9),
                        N(-3.0),
                        E,
                    ],
                    vec![
                        T("jobs"),
                        T("民生"),
                        T("新增就业"),
                        N(4.3),
                        T("万人"),
                        E,
                        N(2.0),
                        E,
                        T("就业{jobs}。"),
                    ],
                ],
            ),
            (
                "正文",
                vec![
                    vec![T("段落")],
                    vec![T("总值{gdp}，失业率{rate}，比上年{rate:增减}。")],
                ],
            ),
        ],
    );
    path
}

#[test]
fn derived_cells_are_formulas_with_their_results() {
    let dir = tempfile::tempdir().unwrap();
    let workbook = rich_workbook(dir.path());
    compile_ok(&workbook, &dir.path().join("out"), &[]);
    let xlsx = dir.path().join("out/简报-汇总.xlsx");
    let rows = records(&xlsx, "汇总", 2);
    let row = |code: &str| {
        rows.iter()
            .find(|r| r["代码"].get_string() == Some(code))
            .unwrap()
    };
    // 增减 = 数值 - 上年同期, 增速变化 = 同比 - 上期同比, as read back.
    let gdp = row("gdp");
    assert!(
        (number(&gdp["增减"]).unwrap() - (1500.25 - 1422.2)).abs() < 1e-9,
        "{gdp:?}"
    );
    assert!(
        (number(&gdp["增速变化（百分点）"]).unwrap() - 7.1).abs() < 1e-9,
        "{gdp:?}"
    );
    assert!(
        gdp["简报中的表述"]
            .to_string()
            .starts_with("1500.25亿元，同比增长5.5%，增速由负转正")
    );
    let rate = row("rate");
    assert!((number(&rate["增减"]).unwrap() - (-0.5)).abs() < 1e-9);
    assert_eq!(row("jobs")["增减"], Data::Empty);

    // The cells are formulas, not just numbers.
    let mut book = open_workbook_auto(&xlsx).unwrap();
    let formulas = book.worksheet_formula("汇总").unwrap();
    let all: Vec<String> = formulas.used_cells().map(|(_, _, f)| f.clone()).collect();
    // gdp is on row 5: title, legend, header, the group row 经济, then gdp.
    assert!(
        all.contains(&"D5-F5".to_string()) && all.contains(&"H5-I5".to_string()),
        "{all:?}"
    );

    // The chart data links to 汇总, with both periods where both exist.
    let chart = records(&xlsx, "图表", 0);
    let names: Vec<String> = chart.iter().map(|r| r["指标"].to_string()).collect();
    assert!(
        names.starts_with(&["地区生产总值".into(), "失业率".into(), "新增就业".into()]),
        "{names:?}"
    );
    assert_eq!(number(&chart[0]["同比（%）"]), Some(5.5));
    assert_eq!(number(&chart[0]["上期同比（%）"]), Some(-1.6));
    let chart_formulas = book.worksheet_formula("图表").unwrap();
    assert!(
        chart_formulas
            .used_cells()
            .any(|(_, _, f)| f.contains("汇总") && f.contains("H5"))
    );
}

#[test]
fn every_cell_of_the_summary_rows_has_the_format_of_its_kind() {
    let dir = tempfile::tempdir().unwrap();
    let workbook = rich_workbook(dir.path());
    compile_ok(&workbook, &dir.path().join("out"), &[]);
    let xlsx = dir.path().join("out/简报-汇总.xlsx");
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    let values = book.worksheet_range("汇总").unwrap();
    let styles = book.worksheet_style("汇总").unwrap();
    let style = |row: u32, col: u32| styles.get((row, col)).cloned().unwrap_or_default();
    let code = |row: u32| {
        values
            .get_value((row, 1))
            .map(|d| d.to_string())
            .unwrap_or_default()
    };
    let shown = |row: u32, col: u32| {
        style(row, col)
            .number_format
            .map(|f| f.format_code)
            .unwrap_or_default()
    };
    // Title, legend and header, then 经济 (gdp, rate) and 民生 (jobs).
    let rows = 3..=7;
    for row in rows.clone() {
        for col in 0..12 {
            let style = style(row, col);
            let borders = style
                .borders
                .as_ref()
                .is_some_and(|b| b.has_visible_borders());
            assert!(borders, "row {row}, column {col} has no borders: {style:?}");
        }
    }
    for row in [3, 6] {
        for col in 0..12 {
            let style = style(row, col);
            let bold = style.font.as_ref().is_some_and(|f| f.is_bold());
            let fill = style.fill.as_ref().and_then(|f| f.get_color());
            let grey = fill.is_some_and(|c| (c.red, c.green, c.blue) == (0xF2, 0xF2, 0xF2));
            assert!(bold && grey, "group row {row}, column {col}: {style:?}");
        }
    }
    let codes: Vec<String> = rows.clone().map(code).collect();
    assert_eq!(codes, ["", "gdp", "rate", "", "jobs"]);
    // Figures show the decimals they were typed with; 增减 and 增速变化
    // those of their inputs: 1500.25 − 1422.2 and 5.5 − (−1.6).
    let gdp: Vec<String> = [3, 5, 6, 7, 8, 9].iter().map(|&c| shown(4, c)).collect();
    assert_eq!(gdp, ["0.00", "0.0", "0.00", "0.0", "0.0", "0.0"]);
    // 新增就业: 4.3, 同比 2.
    assert_eq!([shown(7, 3), shown(7, 7)], ["0.0", "0"]);
    // The wording and the note wrap; the rest of the row does not.
    for row in [4, 5, 7] {
        for col in 0..12 {
            let wraps = style(row, col).alignment.is_some_and(|a| a.wrap_text);
            assert_eq!(wraps, col >= 10, "row {row}, column {col}");
        }
    }
}

#[test]
fn without_a_temporary_folder_the_summary_says_the_same() {
    // Sheets are written row by row through temporary files; where none
    // can be made they are held in memory instead.
    let dir = tempfile::tempdir().unwrap();
    let workbook = rich_workbook(dir.path());
    let (usual, without) = (dir.path().join("usual"), dir.path().join("without"));
    compile_ok(&workbook, &usual, &[]);
    let missing = dir.path().join("没有这个文件夹");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(["compile".as_ref(), workbook.as_os_str(), "--out".as_ref()])
        .arg(&without)
        .env("BRIEFING_FONT_CACHE", font_cache())
        .env("TMPDIR", &missing)
        .env("TMP", &missing)
        .env("TEMP", &missing)
        .output()
        .unwrap();
    let (stdout, stderr) = text(&output);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    let cells = |folder: &Path| {
        let mut book = open_workbook_auto(folder.join("简报-汇总.xlsx")).unwrap();
        ["汇总", "图表", "正文", "校验"].map(|sheet| {
            let values = book.worksheet_range(sheet).unwrap();
            let formulas = book.worksheet_formula(sheet).unwrap();
            let values: Vec<String> = values.cells().map(|c| format!("{c:?}")).collect();
            let formulas: Vec<String> = formulas.cells().map(|c| format!("{c:?}")).collect();
            (values, formulas)
        })
    };
    let (a, b) = (cells(&usual), cells(&without));
    assert!(
        a[0].0.iter().any(|c| c.contains("地区生产总值")),
        "{:?}",
        a[0]
    );
    assert!(a[1].1.iter().any(|c| c.contains("汇总")), "{:?}", a[1]);
    assert_eq!(a, b);
}

#[test]
fn every_sheet_of_the_sample_summary_matches_the_briefing() {
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("成绩单.xlsx");
    std::fs::copy(sample(), &workbook).unwrap();
    compile_ok(&workbook, &dir.path().join("out"), &[]);
    let xlsx = dir.path().join("out/成绩单-汇总.xlsx");
    let pdf_text = squeeze(&pdf_body_text(&dir.path().join("out/成绩单.pdf")));

    // 汇总: each indicator once, with the input's figures (checked in
    // sample.rs), and its group on a group row above it.
    let summary = records(&xlsx, "汇总", 2);
    let indicator_rows = summary
        .iter()
        .filter(|r| !r["代码"].to_string().is_empty())
        .count();
    assert_eq!(indicator_rows, 88);
    for r in &summary {
        let code = r["代码"].to_string();
        if code.is_empty() {
            continue;
        }
        let wording = r["简报中的表述"].to_string();
        let figure = wording.split('，').next().unwrap();
        assert!(pdf_text.contains(figure), "{code}: {figure} not in the PDF");
    }

    // 图表: one row per indicator with 同比, the same figures as 汇总.
    let chart = records(&xlsx, "图表", 0);
    for r in &chart {
        let name = r["指标"].to_string();
        let source = summary
            .iter()
            .find(|s| s["指标"].to_string() == name)
            .unwrap();
        assert_eq!(
            number(&r["同比（%）"]),
            number(&source["同比（%）"]),
            "{name}"
        );
    }
    assert_eq!(chart.len(), 4);

    // 正文: every paragraph as printed in the briefing.
    let body = records(&xlsx, "正文", 0);
    assert!(body.len() >= 46, "{}", body.len());
    for r in &body {
        let text = r["段落"].to_string();
        assert!(
            pdf_text.contains(&squeeze(&text)),
            "paragraph not in the PDF: {text}"
        );
    }

    // 校验: exactly what `briefing check` reports.
    let check = briefing(["check".as_ref(), workbook.as_os_str()]);
    let stderr = String::from_utf8(check.stderr).unwrap();
    let reported: Vec<&str> = stderr.lines().filter(|l| l.starts_with("警告: ")).collect();
    let rows = records(&xlsx, "校验", 0);
    assert_eq!(rows.len(), reported.len());
    for (row, line) in rows.iter().zip(&reported) {
        let place = format!("{}!{}", row["工作表"], row["单元格"]);
        assert!(
            line.contains(&format!("警告: {place}：{}", row["问题"])),
            "{line} vs {row:?}"
        );
    }
}

#[test]
fn a_workbook_without_problems_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let workbook = rich_workbook(dir.path());
    compile_ok(&workbook, &dir.path().join("out"), &[]);
    let rows = records(&dir.path().join("out/简报-汇总.xlsx"), "校验", 0);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["问题"].to_string(), "未发现问题");
}

#[test]
fn the_wording_column_shows_prices_shares_and_contributions() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.xlsx");
    write_workbook(
        &path,
        &[
            (
                "报告",
                vec![vec![T("项目"), T("内容")], vec![T("标题"), T("t")]],
            ),
            (
                "指标",
                vec![
                    vec![
                        T("代码"),
                        T("指标"),
                        T("数值"),
                        T("单位"),
                        T("上年同期"),
                        T("同比"),
                    ],
                    vec![T("cpi"), T("居民消费价格"), N(102.0), E, E, N(0.7)],
                    vec![
                        T("hightech"),
                        T("高技术制造业增加值"),
                        N(352.0),
                        T("亿元"),
                        N(307.0),
                        E,
                    ],
                    vec![
                        T("industry"),
                        T("规模以上工业增加值"),
                        N(1000.0),
                        T("亿元"),
                        N(895.0),
                        E,
                    ],
                ],
            ),
            (
                "正文",
                vec![
                    vec![T("段落")],
                    vec![T(
                        "居民消费价格{cpi:同比}。高技术制造业占比{hightech:比重:industry}，{hightech:拉动:industry}。",
                    )],
                ],
            ),
        ],
    );
    let out = dir.path().join("out");
    compile_ok(&path, &out, &[]);
    let rows = records(&out.join("t-汇总.xlsx"), "汇总", 2);
    let wording = |code: &str| {
        rows.iter()
            .find(|r| r.get("代码").is_some_and(|c| *c == code))
            .map(|r| r["简报中的表述"].to_string())
            .unwrap()
    };
    assert_eq!(wording("cpi"), "102，同比上涨0.7%");
    assert_eq!(
        wording("hightech"),
        "352亿元，同比增长14.7%；35.2%；拉动规模以上工业增加值增长5.0个百分点"
    );
}
