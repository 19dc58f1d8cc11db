//! One workbook, one report per region (`--per 地区`): names, figures and
//! ranks of every report read back from its PDF, a bad region named with
//! its cell while the others compile, and the batch's overview workbook.

use std::path::Path;

use calamine::{Data, DataType, Reader, open_workbook_auto};
use common::{Cell::*, region_gdp, region_name, write_regions_workbook};

mod common;

/// The region whose 地区生产总值 is planted as text.
const BAD: usize = 11;
const REGIONS: usize = 30;

/// The text of a PDF with all whitespace removed.
fn pdf_text(path: &Path) -> String {
    common::squeeze(&common::pdf_body_text(path))
}

#[test]
fn thirty_regions_with_one_planted_error() {
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("区县成绩单.xlsx");
    write_regions_workbook(&workbook, REGIONS, Some(BAD));
    let out = dir.path().join("out");
    let output = common::compile_into(&workbook, &out, &["--per", "地区"]);
    let (stdout, stderr) = common::text(&output);
    assert_eq!(output.status.code(), Some(1), "{stdout}\n{stderr}");

    // The bad region is named, with the cell of its bad figure: row 1 is
    // the shared indicator, then three rows per region; 数值 is column E.
    let bad_row = 2 + 3 * BAD + 1;
    let bad_name = region_name(BAD);
    let expected = format!("区县成绩单.xlsx（{bad_name}）");
    assert!(stderr.contains(&expected), "{stderr}");
    assert!(
        stderr.contains(&format!("指标!E{bad_row}：“数值”应为数字，实际为“待定”")),
        "{stderr}"
    );
    assert!(stdout.contains("29 份成功，1 份失败"), "{stdout}");

    let mut pdfs: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".pdf"))
        .collect();
    pdfs.sort();
    // A PDF per region that compiled, and the overview's (tests/overview.rs).
    assert_eq!(pdfs.len(), 29 + 1, "{pdfs:?}");
    assert!(pdfs.contains(&"区县成绩单-总览.pdf".to_string()));
    assert!(!out.join(format!("区县成绩单-{bad_name}.pdf")).exists());

    for i in (0..REGIONS).filter(|&i| i != BAD) {
        let name = region_name(i);
        let file = format!("区县成绩单-{}.pdf", name.replace('/', "_"));
        let text = pdf_text(&out.join(&file));
        // The bad region has no figure, so those after it move up one.
        let rank = if i < BAD { i + 1 } else { i };
        let growth_rank = match i {
            0 | 1 => 1,
            i if i < BAD => i + 1,
            i => i,
        };
        let gdp = region_gdp(i);
        // Growth rates of General cells to one decimal: 5.0, 4.8.
        let sentence = format!(
            "上半年，{name}实现地区生产总值{gdp}亿元，总量居全市第{rank}位；同比增长{:.1}%，增速居全市第{growth_rank}位。",
            common::region_yoy(i),
        );
        assert!(
            text.contains(&sentence),
            "{file}: {sentence}\nnot in\n{text}"
        );
        assert!(
            text.contains(&format!("{name}2020年上半年经济运行情况")),
            "{file}"
        );
        assert!(
            text.contains("全市实现地区生产总值1422.22亿元，同比增长1.5%。"),
            "{file}"
        );
        assert!(out.join(file.replace(".pdf", "-汇总.xlsx")).exists());
    }

    // The overview: a row per region, whether it compiled, figures, ranks.
    let (headers, data) = overview(&out.join("区县成绩单-总览.xlsx"));
    assert_eq!(
        headers[..7],
        [
            "地区",
            "状态",
            "说明",
            "地区生产总值（亿元）",
            "位次",
            "同比（%）",
            "增速位次"
        ]
    );
    assert_eq!(data.len(), REGIONS);
    for (i, row) in data.iter().enumerate() {
        assert_eq!(row[0].to_string(), region_name(i));
        if i == BAD {
            assert_eq!(row[1].to_string(), "失败");
            assert!(row[2].to_string().contains("待定"), "{:?}", row[2]);
            assert_eq!(row[3], Data::Empty);
        } else {
            assert_eq!(row[1].to_string(), "成功");
            assert_eq!(row[3].as_f64(), Some(region_gdp(i)));
            assert_eq!(
                row[4].as_f64(),
                Some(if i < BAD { i + 1 } else { i } as f64)
            );
        }
    }
}

/// The overview sheet of a batch: its header row, and the rows below it.
fn overview(path: &Path) -> (Vec<String>, Vec<Vec<Data>>) {
    let mut overview = open_workbook_auto(path).unwrap();
    let range = overview.worksheet_range("总览").unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    let header = rows
        .iter()
        .position(|r| r[0] == Data::String("地区".into()))
        .unwrap();
    let headers = rows[header].iter().map(|d| d.to_string()).collect();
    let data = rows[header + 1..].iter().map(|r| r.to_vec()).collect();
    (headers, data)
}

/// Runs `briefing check --per 地区` on the sheets and returns stderr.
fn check_fails(sheets: &[(&str, Vec<Vec<common::Cell>>)], per: Option<&str>) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.xlsx");
    common::write_workbook(&path, sheets);
    let mut args = vec!["check".to_string(), path.display().to_string()];
    if let Some(per) = per {
        args.extend(["--per".to_string(), per.to_string()]);
    }
    let output = common::briefing(args);
    let (stdout, stderr) = common::text(&output);
    assert_eq!(output.status.code(), Some(1), "{stdout}\n{stderr}");
    stderr
}

fn report() -> (&'static str, Vec<Vec<common::Cell>>) {
    (
        "报告",
        vec![vec![T("项目"), T("内容")], vec![T("标题"), T("{地区}简报")]],
    )
}

#[test]
fn codes_are_unique_per_region_and_ranks_need_a_batch() {
    let indicators = (
        "指标",
        vec![
            vec![T("地区"), T("代码"), T("指标"), T("数值")],
            vec![E, T("pop"), T("常住人口"), N(1.0)],
            vec![T("甲"), T("gdp"), T("生产总值"), N(2.0)],
            vec![T("乙"), T("gdp"), T("生产总值"), N(3.0)],
            vec![T("甲"), T("gdp"), T("生产总值"), N(4.0)],
            vec![T("乙"), T("pop"), T("常住人口"), N(5.0)],
            vec![T("乙"), T("地区"), T("地区"), N(6.0)],
        ],
    );
    let body = (
        "正文",
        vec![vec![T("段落")], vec![T("{gdp:位次}{pop:位次}")]],
    );
    let stderr = check_fails(&[report(), indicators.clone(), body.clone()], Some("地区"));
    assert!(
        stderr.contains("指标!B5：代码“gdp”在“甲”中重复，第一次出现在 指标!B3"),
        "{stderr}"
    );
    assert!(
        stderr.contains("指标!B6：代码“pop”已是共用的指标（指标!B2）"),
        "{stderr}"
    );
    assert!(
        stderr.contains("指标!B7：代码“地区”与按其分别编译的列“地区”同名"),
        "{stderr}"
    );
    assert!(stderr.contains("指标“pop”是各报告共用的"), "{stderr}");

    // Without --per, ranks and {地区} say why they cannot be used.
    let (name, mut rows) = indicators;
    rows.pop();
    let stderr = check_fails(&[report(), (name, rows), body], None);
    assert!(stderr.contains("只能在按列分别编译时使用"), "{stderr}");
    assert!(
        stderr.contains("引用的代码“地区”在“指标”工作表中不存在"),
        "{stderr}"
    );
}

#[test]
fn a_missing_or_empty_per_column_is_an_error_at_the_header() {
    let indicators = (
        "指标",
        vec![
            vec![T("代码"), T("指标"), T("数值"), T("地区")],
            vec![T("gdp"), T("生产总值"), N(2.0), E],
        ],
    );
    let stderr = check_fails(&[report(), indicators.clone()], Some("区县"));
    assert!(
        stderr.contains("指标!A1：“指标”工作表没有“区县”列，无法按它分别编译"),
        "{stderr}"
    );
    assert!(
        stderr.contains("这张表的列有：代码、指标、数值、地区"),
        "{stderr}"
    );
    let stderr = check_fails(&[report(), indicators], Some("地区"));
    assert!(stderr.contains("指标!D1：“地区”列是空的"), "{stderr}");
}

#[test]
fn several_workbooks_in_one_call_each_get_their_files() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("甲.xlsx");
    let b = dir.path().join("乙.xlsx");
    let broken = dir.path().join("坏.xlsx");
    write_regions_workbook(&a, 2, None);
    write_regions_workbook(&b, 3, None);
    std::fs::write(&broken, b"not a workbook").unwrap();
    let out = dir.path().join("out");
    let output = common::briefing([
        "compile".as_ref(),
        a.as_os_str(),
        b.as_os_str(),
        broken.as_os_str(),
        "--per".as_ref(),
        "地区".as_ref(),
        "--jobs".as_ref(),
        "2".as_ref(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    let (stdout, stderr) = common::text(&output);
    assert_eq!(output.status.code(), Some(1), "{stdout}\n{stderr}");
    assert!(stdout.contains("5 份成功，1 份失败"), "{stdout}");
    assert!(stderr.contains("坏.xlsx"), "{stderr}");
    for file in [
        "甲-城关区.pdf",
        "甲-七里河区.pdf",
        "乙-西固区.pdf",
        "甲-总览.xlsx",
        "甲-总览.pdf",
        "乙-总览.xlsx",
        "乙-总览.pdf",
    ] {
        assert!(out.join(file).exists(), "{file} missing");
    }
}

/// A 比率 indicator without a unit of % (研发投入强度, 2.0 → 2.5) is worded
/// in percentage points, and ranked by the same points: by percent growth
/// 甲 (+25%) would come first, by points 乙 (+0.6) does.
#[test]
fn a_rate_is_ranked_by_the_points_it_is_worded_in() {
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("强度.xlsx");
    let indicators = (
        "指标",
        vec![
            vec![
                T("地区"),
                T("代码"),
                T("指标"),
                T("数值"),
                T("单位"),
                T("上年同期"),
                T("类型"),
            ],
            vec![
                T("甲"),
                T("rd"),
                T("研发投入强度"),
                N(2.5),
                E,
                N(2.0),
                T("比率"),
            ],
            vec![
                T("乙"),
                T("rd"),
                T("研发投入强度"),
                N(10.6),
                E,
                N(10.0),
                T("比率"),
            ],
            vec![
                T("丙"),
                T("rd"),
                T("研发投入强度"),
                N(5.1),
                E,
                N(5.0),
                T("比率"),
            ],
        ],
    );
    let body = (
        "正文",
        vec![
            vec![T("段落")],
            vec![T(
                "{地区}研发投入强度比上年{rd:同比}，增速居全市{rd:增速位次}。",
            )],
        ],
    );
    common::write_workbook(&workbook, &[report(), indicators, body]);
    let out = dir.path().join("out");
    common::compile_ok(&workbook, &out, &["--per", "地区"]);
    for (region, points, place) in [("甲", "0.5", 2), ("乙", "0.6", 1), ("丙", "0.1", 3)] {
        let text = pdf_text(&out.join(format!("强度-{region}.pdf")));
        let sentence =
            format!("{region}研发投入强度比上年提高{points}个百分点，增速居全市第{place}位。");
        assert!(text.contains(&sentence), "{sentence}\nnot in\n{text}");
    }

    // The overview shows the points the regions are ranked by.
    let (headers, data) = overview(&out.join("强度-总览.xlsx"));
    assert_eq!(headers[5..7], ["同比（个百分点）", "增速位次"]);
    let growth: Vec<(f64, f64)> = data
        .iter()
        .map(|r| (r[5].as_f64().unwrap(), r[6].as_f64().unwrap()))
        .collect();
    assert_eq!(growth, [(0.5, 2.0), (0.6, 1.0), (0.1, 3.0)]);
}
