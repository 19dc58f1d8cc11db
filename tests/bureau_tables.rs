//! A bureau's own table, put into the workbook as it comes: title rows,
//! a two-row header of merged period groups, 其中 rows, growth-only rows,
//! "—" for no figure and footnotes; the text cites its rows by name.

use std::path::Path;

use rust_xlsxwriter::Workbook;

mod common;

use common::{briefing, compile_into, compile_ok, pdf_body_text, squeeze, text};

/// One row of the clerk's table: name (with its indentation as typed),
/// unit, then 11月 绝对值 and 增长%, 1-11月 绝对值 and 增长%, 1-10月 增长%,
/// as they show.
type Row = (&'static str, &'static str, &'static [&'static str]);

/// The county's monthly table, laid out as the bureau sends it.
const ROWS: [Row; 14] = [
    ("一、工业", "", &[]),
    ("规模工业增加值", "%", &["—", "7.1", "—", "6.2", "5.8"]),
    (
        "　　其中：国有控股企业",
        "%",
        &["—", "3.2", "—", "2.9", "2.7"],
    ),
    (
        "　　　　　股份制企业",
        "%",
        &["—", "8.4", "—", "7.5", "7.4"],
    ),
    (
        "规模工业总产值",
        "万元",
        &["1021300", "5.5", "10983200", "4.9", "4.8"],
    ),
    ("二、投资", "", &[]),
    ("固定资产投资", "%", &["—", "—", "—", "-3.4", "-4.1"]),
    ("　　其中：工业投资", "%", &["—", "—", "—", "12.6", "11.0"]),
    ("三、消费", "", &[]),
    (
        "社会消费品零售总额",
        "万元",
        &["48210", "-1.5", "512345", "-2.1", "-2.9"],
    ),
    ("四、财政金融", "", &[]),
    (
        "一般公共预算收入",
        "万元",
        &["9120", "3.0", "131270", "4.4", "4.6"],
    ),
    (
        "金融机构各项存款余额",
        "亿元",
        &["412.3", "6.1", "412.3", "6.1", "5.9"],
    ),
    (
        "城乡居民储蓄存款余额",
        "亿元",
        &["301.5", "8.8", "301.5", "8.8", "8.6"],
    ),
];

/// Writes the clerk's workbook: 报告, 正文 with `paragraphs`, and the
/// bureau's sheet 主要指标 as delivered.
fn clerk_workbook(path: &Path, paragraphs: &[&str]) {
    clerk_workbook_with(path, paragraphs, &[]);
}

/// The clerk's workbook with a 指标 sheet of `described` rows (代码, 板块,
/// 指标, 类型, 要点) and no figures: descriptions of the table's rows.
fn clerk_workbook_with(path: &Path, paragraphs: &[&str], described: &[[&str; 5]]) {
    clerk_workbook_reporting(path, paragraphs, described, &[]);
}

/// The clerk's workbook as [`clerk_workbook_with`] makes it, with `more`
/// fields of 报告.
fn clerk_workbook_reporting(
    path: &Path,
    paragraphs: &[&str],
    described: &[[&str; 5]],
    more: &[[&str; 2]],
) {
    let mut workbook = Workbook::new();
    if !described.is_empty() {
        let sheet = workbook.add_worksheet().set_name("指标").unwrap();
        sheet
            .write_row(
                0,
                0,
                ["代码", "板块", "指标", "类型", "要点", "数值", "同比"],
            )
            .unwrap();
        for (r, row) in described.iter().enumerate() {
            sheet.write_row(r as u32 + 1, 0, *row).unwrap();
        }
    }
    let report = workbook.add_worksheet().set_name("报告").unwrap();
    report.write_row(0, 0, ["项目", "内容"]).unwrap();
    report
        .write_row(1, 0, ["标题", "全县经济运行简析"])
        .unwrap();
    report.write_row(2, 0, ["报告期", "2023年1—11月"]).unwrap();
    for (r, field) in more.iter().enumerate() {
        report.write_row(r as u32 + 3, 0, *field).unwrap();
    }
    let body = workbook.add_worksheet().set_name("正文").unwrap();
    body.write_row(0, 0, ["章", "节", "段落"]).unwrap();
    for (r, p) in paragraphs.iter().enumerate() {
        body.write_row(r as u32 + 1, 0, ["一、经济运行", "", p])
            .unwrap();
    }
    common::add_county_month(
        &mut workbook,
        &common::CountyMonth {
            title: "2023年1-11月全县主要经济指标",
            groups: ["11月", "1-11月"],
            before: Some("1-10月"),
            rows: &ROWS,
            footnote: Some("注：规模工业增加值增速按可比价格计算。"),
        },
    );
    workbook.save(path).unwrap();
}

/// The clerk's two sentences, from the sheet as delivered.
const SENTENCES: [(&str, &str); 2] = [
    (
        "{报告期:累计}，全县规模工业增加值同比{规模工业增加值:同比}，{规模工业增加值:比较:省略主语:提高}。",
        "1—11月份，全县规模工业增加值同比增长6.2%，比1—10月份提高0.4个百分点。",
    ),
    (
        "全县社会消费品零售总额{社会消费品零售总额}，同比{社会消费品零售总额:同比}，{社会消费品零售总额:比较}。",
        "全县社会消费品零售总额512345万元，同比下降2.1%，降幅比1—10月份收窄0.8个百分点。",
    ),
];

#[test]
fn the_clerks_sheet_compiles_as_delivered_into_the_bureaus_sentences() {
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("简析.xlsx");
    let paragraphs: Vec<&str> = SENTENCES.iter().map(|(p, _)| *p).collect();
    clerk_workbook(&workbook, &paragraphs);
    let out = dir.path().join("out");
    compile_ok(&workbook, &out, &[]);
    let printed = squeeze(&pdf_body_text(&out.join("简析.pdf")));
    for (_, expected) in SENTENCES {
        assert!(
            printed.contains(&squeeze(expected)),
            "{expected}\nnot in\n{printed}"
        );
    }
}

#[test]
fn a_period_group_a_parent_and_growth_only_rows_are_cited_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("简析.xlsx");
    clerk_workbook(
        &workbook,
        &[
            "11月份，规模工业增加值{11月/规模工业增加值:同比}，{本月/社会消费品零售总额}。",
            "其中国有控股企业{国有控股企业:同比}，股份制企业{股份制企业:同比}。",
            "固定资产投资{固定资产投资:同比}，{固定资产投资:比较}；工业投资{工业投资:同比}。",
            "{规模工业增加值、一般公共预算收入:同比}。",
            "{表:主要指标}",
        ],
    );
    let out = dir.path().join("out");
    compile_ok(&workbook, &out, &[]);
    let printed = squeeze(&pdf_body_text(&out.join("简析.pdf")));
    for expected in [
        "11月份，规模工业增加值增长7.1%，48210万元。",
        "其中国有控股企业增长2.9%，股份制企业增长7.5%。",
        "固定资产投资下降3.4%，降幅比1—10月份收窄0.7个百分点；工业投资增长12.6%。",
        "分别增长6.2%和4.4%。",
    ] {
        assert!(printed.contains(expected), "{expected}\nnot in\n{printed}");
    }
    // The table as the bureau prints it: its title as the caption, each
    // group once, the footnote under it.
    let table = &printed[printed
        .find("2023年1-11月全县主要经济指标")
        .expect("caption")..];
    let header = &table[..table.find("一、工业").expect("the first row")];
    assert_eq!(
        header,
        "2023年1-11月全县主要经济指标11月1-11月1-10月指标名称计量单位绝对值比上年同期增长%绝对值比上年同期增长%比上年同期增长%"
    );
    assert!(
        table.contains("注：规模工业增加值增速按可比价格计算。"),
        "{table}"
    );
}

#[test]
fn a_growth_only_row_has_no_value_and_the_summary_shows_a_dash() {
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("简析.xlsx");
    clerk_workbook(&workbook, &["规模工业增加值{规模工业增加值}。"]);
    let output = compile_into(&workbook, &dir.path().join("out"), &[]);
    let (_, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("需要指标“规模工业增加值”的“数值”，但它没有填写"),
        "{stderr}"
    );

    clerk_workbook(&workbook, &["规模工业增加值{规模工业增加值:同比}。"]);
    let out = dir.path().join("out");
    compile_ok(&workbook, &out, &[]);
    let mut summary: calamine::Xlsx<_> =
        calamine::open_workbook(out.join("简析-汇总.xlsx")).unwrap();
    use calamine::Reader;
    let sheet = summary.worksheet_range("汇总").unwrap();
    let row = sheet
        .rows()
        .find(|r| r.iter().any(|c| *c == "规模工业增加值"))
        .expect("the row of 规模工业增加值");
    let texts: Vec<String> = row.iter().map(ToString::to_string).collect();
    assert!(texts.contains(&"—".to_string()), "{texts:?}");
    assert!(texts.contains(&"6.2".to_string()), "{texts:?}");
}

/// The messages of `briefing check` on a workbook of `sheets`.
fn check_messages(path: &Path) -> String {
    let output = briefing(["check".as_ref(), path.as_os_str()]);
    let (stdout, stderr) = text(&output);
    format!("{stdout}{stderr}")
}

#[test]
fn bad_names_and_headers_are_told_at_their_cells() {
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("简析.xlsx");
    // An unknown name suggests the nearest.
    clerk_workbook(&workbook, &["{规模工业增加:同比}"]);
    let messages = check_messages(&workbook);
    assert!(
        messages.contains("引用的“规模工业增加”既不是“指标”工作表的代码，也不是表格中的指标名称；最接近的是“规模工业增加值”"),
        "{messages}"
    );
    // A name printed twice (in two sheets) is cited by neither bare name.
    let mut wb = Workbook::new();
    let report = wb.add_worksheet().set_name("报告").unwrap();
    report.write_row(0, 0, ["项目", "内容"]).unwrap();
    report.write_row(1, 0, ["标题", "简析"]).unwrap();
    let body = wb.add_worksheet().set_name("正文").unwrap();
    body.write_row(0, 0, ["章", "节", "段落"]).unwrap();
    body.write_row(1, 0, ["", "", "{增加值:同比}，{工业/增加值:同比}"])
        .unwrap();
    for (name, figure) in [("工业", 5.1), ("建筑业", 3.2)] {
        let sheet = wb.add_worksheet().set_name(name).unwrap();
        sheet
            .write_row(0, 0, ["指标", "单位", "增长%", "备考"])
            .unwrap();
        sheet.write_string(1, 0, "增加值").unwrap();
        sheet.write_string(1, 1, "%").unwrap();
        sheet.write_number(1, 2, figure).unwrap();
    }
    wb.save(&workbook).unwrap();
    let messages = check_messages(&workbook);
    assert!(
        messages.contains("“增加值”在表格中有几处（工业!A2、建筑业!A2）"),
        "{messages}"
    );
    assert!(!messages.contains("{工业/增加值:同比}”"), "{messages}");
    // An unknown header is a warning at its cell naming the nearest known one.
    assert!(messages.contains("工业!D1：表头“备考”不认识"), "{messages}");

    // A sheet whose header names no figures, in a workbook without 指标.
    let mut wb = Workbook::new();
    let report = wb.add_worksheet().set_name("报告").unwrap();
    report.write_row(0, 0, ["项目", "内容"]).unwrap();
    report.write_row(1, 0, ["标题", "简析"]).unwrap();
    let body = wb.add_worksheet().set_name("正文").unwrap();
    body.write_row(0, 0, ["段落"]).unwrap();
    body.write_string(1, 0, "产值{产值:同比}").unwrap();
    let data = wb.add_worksheet().set_name("数据").unwrap();
    data.write_row(0, 0, ["甲", "乙", "丙"]).unwrap();
    data.write_string(1, 0, "产值").unwrap();
    data.write_number(1, 1, 12.0).unwrap();
    wb.save(&workbook).unwrap();
    let messages = check_messages(&workbook);
    assert!(
        messages.contains("数据!A1：“数据”表中没有找到统计表的表头"),
        "{messages}"
    );
}

/// Each fixture of tests/fixtures/bureau (a table rebuilt from a real
/// release, its source in tests/reference/bureau) compiles, citing the
/// table's rows by name, into the release's own sentences.
#[test]
fn tables_rebuilt_from_releases_give_the_releases_sentences() {
    let fixtures = common::root().join("tests/fixtures/bureau");
    let expected: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixtures.join("expected.json")).unwrap())
            .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    let all = expected.as_object().unwrap();
    assert!(all.len() >= 9, "{} fixtures", all.len());
    for (name, paragraphs) in all {
        let workbook = fixtures.join(format!("{name}.xlsx"));
        let out = dir.path().join(name);
        let output = compile_into(&workbook, &out, &[]);
        if !output.status.success() {
            failures.push(format!("{name}: {}", text(&output).1));
            continue;
        }
        let printed = squeeze(&pdf_body_text(&out.join(format!("{name}.pdf"))));
        for paragraph in paragraphs.as_array().unwrap() {
            let expected = paragraph["expected"].as_str().unwrap();
            if !printed.contains(&squeeze(expected)) {
                failures.push(format!("{name}: {expected}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_indicator_sheet_describes_the_tables_rows_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("简析.xlsx");
    clerk_workbook_with(
        &workbook,
        &["社零{sales}，{sales:同比}；增加值{规模工业增加值:同比}。"],
        &[
            [
                "sales",
                "消费",
                "社会消费品零售总额",
                "",
                "消费市场{sales:同比}",
            ],
            ["", "", "规模工业增加值", "存量", ""],
        ],
    );
    let messages = check_messages(&workbook);
    // The second row has no code: an error at its cell, as any row.
    assert!(messages.contains("指标!A3：“代码”是空的"), "{messages}");
    clerk_workbook_with(
        &workbook,
        &["社零{sales}，{sales:同比}；增加值{规模工业增加值:同比}。"],
        &[
            [
                "sales",
                "消费",
                "社会消费品零售总额",
                "",
                "消费市场{sales:同比}",
            ],
            ["ind", "", "规模工业增加值", "存量", ""],
        ],
    );
    let out = dir.path().join("out");
    compile_ok(&workbook, &out, &[]);
    let printed = squeeze(&pdf_body_text(&out.join("简析.pdf")));
    for expected in [
        "社零512345万元，下降2.1%；增加值增加6.2%。",
        "消费市场下降2.1%",
    ] {
        assert!(printed.contains(expected), "{expected}\nnot in\n{printed}");
    }
}

#[test]
fn the_appendix_indents_the_tables_parts_as_the_bureau_does() {
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("简析.xlsx");
    clerk_workbook_reporting(
        &workbook,
        &["规模工业增加值同比{规模工业增加值:同比}。"],
        &[],
        &[["附表", "主要经济指标"], ["自动图表", "否"]],
    );
    let out = dir.path().join("out");
    compile_ok(&workbook, &out, &[]);
    let pages = common::pdf_words(&out.join("简析.pdf"));
    let x = |name: &str| {
        let found: Vec<f64> = pages
            .iter()
            .flat_map(|p| &p.words)
            .filter(|w| w.text == name)
            .map(|w| w.x0)
            .collect();
        assert_eq!(found.len(), 1, "{name}: {found:?}");
        found[0]
    };
    // A part (其中) one step in from its whole, a part of a part as far
    // as the table says; rows of their own at the margin of the names.
    let margin = x("固定资产投资");
    assert_eq!(x("社会消费品零售总额"), margin);
    let step = x("工业投资") - margin;
    assert!(step > 5.0, "{step}");
    assert_eq!(x("国有控股企业"), margin + step);
}
