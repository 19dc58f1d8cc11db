//! A monthly briefing: the briefing workbook names its data (数据 =
//! 统计月报*.xlsx), the bureau's files are dropped into its folder month
//! after month, and one command makes the newest month's PDF, named by its
//! period, comparing with the month before from that month's file.

use std::path::Path;

use rust_xlsxwriter::Workbook;

mod common;

use common::{briefing, pdf_body_text, squeeze, text};

/// A row of a month's table: name, unit, then 本月 绝对值 and 增长%,
/// 累计 绝对值 and 增长%, and the previous cumulative period's 增长% when
/// the file has that column, as they show ("—" for no figure).
type Row = (&'static str, &'static str, &'static [&'static str]);

/// One month's file as the bureau sends it: a title, 本月 and 累计 period
/// groups over 绝对值 and 比上年同期增长%, and (in some months) the
/// previous cumulative period's growth.
struct Month {
    file: &'static str,
    title: &'static str,
    month: &'static str,
    cumulative: &'static str,
    before: Option<&'static str>,
    rows: [Row; 3],
}

const OCTOBER: Month = Month {
    file: "统计月报（十月）.xlsx",
    title: "2023年1-10月全县主要经济指标",
    month: "10月",
    cumulative: "1-10月",
    before: Some("1-9月"),
    rows: [
        ("一、主要指标", "", &[]),
        ("规模工业增加值", "%", &["—", "6.5", "—", "5.8", "5.6"]),
        (
            "社会消费品零售总额",
            "万元",
            &["46000", "-1.8", "464135", "-2.9", "-3.2"],
        ),
    ],
};

/// November's file gives 1-10月 again, 社会消费品零售总额's revised.
const NOVEMBER: Month = Month {
    file: "统计月报（十一月）.xlsx",
    title: "2023年1-11月全县主要经济指标",
    month: "11月",
    cumulative: "1-11月",
    before: Some("1-10月"),
    rows: [
        ("一、主要指标", "", &[]),
        ("规模工业增加值", "%", &["—", "7.1", "—", "6.2", "5.8"]),
        (
            "社会消费品零售总额",
            "万元",
            &["48210", "-1.5", "512345", "-2.1", "-2.8"],
        ),
    ],
};

/// December's file is the whole year's, without the previous period's
/// column: its title names no month, its cumulative group is 全年.
const DECEMBER: Month = Month {
    file: "统计月报（十二月）.xlsx",
    title: "2023年全县主要经济指标",
    month: "12月",
    cumulative: "全年",
    before: None,
    rows: [
        ("一、主要指标", "", &[]),
        ("规模工业增加值", "%", &["—", "7.8", "—", "6.4"]),
        (
            "社会消费品零售总额",
            "万元",
            &["52000", "-0.5", "564345", "-1.6"],
        ),
    ],
};

/// Writes a month's file into `dir`.
fn write_month(dir: &Path, month: &Month) {
    let mut workbook = Workbook::new();
    common::add_county_month(
        &mut workbook,
        &common::CountyMonth {
            title: month.title,
            groups: [month.month, month.cumulative],
            before: month.before,
            rows: &month.rows,
            footnote: None,
        },
    );
    workbook.save(dir.join(month.file)).unwrap();
}

/// The clerk's two sentences, the same every month.
const PARAGRAPHS: [&str; 3] = [
    "{报告期:累计}，全县规模工业增加值同比{规模工业增加值:同比}，{规模工业增加值:比较:省略主语:提高}。",
    "全县社会消费品零售总额{社会消费品零售总额}，同比{社会消费品零售总额:同比}，{社会消费品零售总额:比较}。",
    "本期为{报告期:年}年第{报告期:月}期。",
];

/// The trend chart of the months in the folder.
const TREND: &str = "{图:规模工业增加值、社会消费品零售总额:走势}";

/// Writes the briefing workbook: 报告 naming its data by a pattern, and
/// 正文; no figures, no period, no date.
fn write_briefing(path: &Path, more: &[(&str, &str)]) {
    write_briefing_with(path, more, &[]);
}

/// Writes the briefing workbook with `extra` paragraphs after the usual.
fn write_briefing_with(path: &Path, more: &[(&str, &str)], extra: &[&str]) {
    let mut workbook = Workbook::new();
    let report = workbook.add_worksheet().set_name("报告").unwrap();
    report.write_row(0, 0, ["项目", "内容"]).unwrap();
    report
        .write_row(1, 0, ["标题", "全县经济运行简析"])
        .unwrap();
    report.write_row(2, 0, ["数据", "统计月报*.xlsx"]).unwrap();
    for (i, (key, value)) in more.iter().enumerate() {
        report.write_row(i as u32 + 3, 0, [*key, *value]).unwrap();
    }
    let body = workbook.add_worksheet().set_name("正文").unwrap();
    body.write_row(0, 0, ["章", "节", "段落"]).unwrap();
    for (r, p) in PARAGRAPHS.iter().chain(extra).enumerate() {
        body.write_row(r as u32 + 1, 0, ["一、经济运行", "", p])
            .unwrap();
    }
    workbook.save(path).unwrap();
}

/// The first object in `value` whose title is `title`.
fn find_titled<'a>(value: &'a serde_json::Value, title: &str) -> Option<&'a serde_json::Value> {
    match value {
        serde_json::Value::Object(map) => {
            if map.get("title").and_then(|t| t.as_str()) == Some(title) {
                return Some(value);
            }
            map.values().find_map(|v| find_titled(v, title))
        }
        serde_json::Value::Array(items) => items.iter().find_map(|v| find_titled(v, title)),
        _ => None,
    }
}

/// Runs `briefing <command> 简析.xlsx` with no other argument.
fn run(command: &str, workbook: &Path) -> (bool, String) {
    let output = briefing([command.as_ref(), workbook.as_os_str()]);
    let (stdout, stderr) = text(&output);
    (output.status.success(), format!("{stdout}\n{stderr}"))
}

#[test]
fn each_month_is_compiled_from_the_newest_file_and_compared_with_the_one_before() {
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("简析.xlsx");
    write_briefing(&workbook, &[]);
    let out = dir.path().join("out");
    let pdf = |name: &str| out.join(format!("简析-2023年{name}.pdf"));

    // October: its own column of 1-9月 gives the comparison.
    write_month(dir.path(), &OCTOBER);
    let (ok, messages) = run("compile", &workbook);
    assert!(ok, "{messages}");
    let october = squeeze(&pdf_body_text(&pdf("10月")));
    assert!(
        october.contains("1—10月份，全县规模工业增加值同比增长5.8%，比1—9月份提高0.2个百分点。"),
        "{october}"
    );

    // November: the file's own 1-10月 is a revision of October's file,
    // which wins and is said.
    write_month(dir.path(), &NOVEMBER);
    let (ok, messages) = run("check", &workbook);
    assert!(ok, "{messages}");
    assert!(
        messages.contains("“社会消费品零售总额”1—10月份的同比，2023年10月的文件（统计月报（十月）.xlsx）是-2.9，2023年11月的文件（统计月报（十一月）.xlsx）改为-2.8：用较新的"),
        "{messages}"
    );
    let (ok, messages) = run("compile", &workbook);
    assert!(ok, "{messages}");
    let november = squeeze(&pdf_body_text(&pdf("11月")));
    assert!(
        november.contains("同比下降2.1%，降幅比1—10月份收窄0.7个百分点。"),
        "{november}"
    );
    let earlier = [
        std::fs::read(pdf("10月")).unwrap(),
        std::fs::read(pdf("11月")).unwrap(),
    ];

    // December: no previous column; 1—11月份 comes from November's file.
    // The files' names sort October last, and December's was not written
    // last: the period in the title and headers decides.
    write_month(dir.path(), &DECEMBER);
    write_month(dir.path(), &OCTOBER);
    write_briefing_with(&workbook, &[], &[TREND]);
    let (ok, messages) = run("check", &workbook);
    assert!(ok, "{messages}");
    assert!(
        messages.contains(
            "数据取自“统计月报（十二月）.xlsx”：2023年12月（读自“全年”），是“数据”所写的“统计月报*.xlsx”相符的3个文件中报告期最新的"
        ),
        "{messages}"
    );
    let (ok, messages) = run("compile", &workbook);
    assert!(ok, "{messages}");
    let december = squeeze(&pdf_body_text(&pdf("12月")));
    for expected in [
        "全年，全县规模工业增加值同比增长6.4%，比1—11月份提高0.2个百分点。",
        "全县社会消费品零售总额564345万元，同比下降1.6%，降幅比1—11月份收窄0.5个百分点。",
        "本期为2023年第12期。",
    ] {
        assert!(
            december.contains(expected),
            "{expected}\nnot in\n{december}"
        );
    }
    // The trend over the months, each from the latest file that gives it
    // (1—10月's 社会消费品零售总额 as November's file revised it; 1—9月
    // from October's column of it).
    let trend = &december[december.find("增速走势").expect("the trend chart")..];
    for period in ["1—9月", "1—10月", "1—11月", "1—12月"] {
        assert!(trend.contains(period), "{period} not in {trend}");
    }
    let emitted_dir = tempfile::tempdir().unwrap();
    let emitted = emitted_dir.path().join("typst");
    let output = briefing([
        "compile".as_ref(),
        workbook.as_os_str(),
        "--emit-typst".as_ref(),
        emitted.as_os_str(),
    ]);
    assert!(output.status.success(), "{:?}", text(&output));
    let data: serde_json::Value =
        serde_json::from_slice(&std::fs::read(emitted.join("briefing.json")).unwrap()).unwrap();
    let chart =
        find_titled(&data, "规模工业增加值、社会消费品零售总额增速走势").expect("the chart's data");
    let series = &chart["series"];
    assert_eq!(
        series["periods"],
        serde_json::json!(["1—9月", "1—10月", "1—11月", "1—12月"])
    );
    assert_eq!(series["lines"][0]["name"], "规模工业增加值");
    assert_eq!(
        series["lines"][0]["values"],
        serde_json::json!([5.6, 5.8, 6.2, 6.4])
    );
    assert_eq!(
        series["lines"][1]["values"],
        serde_json::json!([-3.2, -2.8, -2.1, -1.6])
    );
    assert_eq!(std::fs::read(pdf("10月")).unwrap(), earlier[0]);
    assert_eq!(std::fs::read(pdf("11月")).unwrap(), earlier[1]);
    // The data files are read, never written.
    let mut files: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "out",
            "简析.xlsx",
            "统计月报（十一月）.xlsx",
            "统计月报（十二月）.xlsx",
            "统计月报（十月）.xlsx"
        ]
    );

    // Without November's file, the gap is named and no comparison is
    // made with 1—10月份 as if it were the month before.
    std::fs::remove_file(dir.path().join(NOVEMBER.file)).unwrap();
    std::fs::remove_file(pdf("12月")).unwrap();
    let (ok, messages) = run("compile", &workbook);
    assert!(
        messages.contains("缺少2023年11月的数据文件：找到了2023年10月和2023年12月的"),
        "{messages}"
    );
    assert!(!ok, "{messages}");
    assert!(
        messages.contains("需要指标“规模工业增加值”的“上期同比”，但它没有填写"),
        "{messages}"
    );
    assert!(!pdf("12月").exists());
}

#[test]
fn the_automatic_charts_are_a_choice_in_every_template() {
    for template in ["default", "gongwen", "jianbao"] {
        for charts in ["是", "否"] {
            let dir = tempfile::tempdir().unwrap();
            let workbook = dir.path().join("简析.xlsx");
            write_briefing(&workbook, &[("模板", template), ("自动图表", charts)]);
            write_month(dir.path(), &OCTOBER);
            write_month(dir.path(), &NOVEMBER);
            let out = dir.path().join("out");
            let output = common::compile_into(&workbook, &out, &[]);
            let (stdout, stderr) = text(&output);
            assert!(output.status.success(), "{stdout}\n{stderr}");
            let pdf = out.join("简析-2023年11月.pdf");
            let first = squeeze(&common::pdf_page_lines(&pdf, 1).concat());
            let text = "1—11月份，全县规模工业增加值同比增长6.2%";
            let chart = first.find("主要指标同比增速");
            if charts == "是" {
                // The charts come first, before the text.
                let at = chart.unwrap_or_else(|| panic!("{template}: no chart in\n{first}"));
                assert!(
                    first.find(text).is_none_or(|t| at < t),
                    "{template}: {first}"
                );
            } else {
                let all = squeeze(&pdf_body_text(&pdf));
                assert!(!all.contains("同比增速"), "{template}: {all}");
                assert!(first.contains(text), "{template}: {first}");
            }
        }
    }
}

/// Ends the watch when the test ends, whatever happens.
struct Kill(std::process::Child);

impl Drop for Kill {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn a_new_months_file_dropped_into_a_watched_folder_makes_its_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("简析.xlsx");
    write_briefing(&workbook, &[]);
    write_month(dir.path(), &OCTOBER);
    write_month(dir.path(), &NOVEMBER);
    let pdf = |name: &str| dir.path().join(format!("out/简析-2023年{name}.pdf"));
    let mut watch = Kill(
        std::process::Command::new(env!("CARGO_BIN_EXE_briefing"))
            .arg("watch")
            .arg(&workbook)
            .env("BRIEFING_FONT_CACHE", common::font_cache())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap(),
    );
    let wait_for = |file: &Path, watch: &mut Kill| {
        let start = std::time::Instant::now();
        while !file.exists() {
            assert!(watch.0.try_wait().unwrap().is_none(), "watch ended");
            assert!(
                start.elapsed() < std::time::Duration::from_secs(60),
                "no {}",
                file.display()
            );
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    };
    wait_for(&pdf("11月"), &mut watch);
    let november = std::fs::read(pdf("11月")).unwrap();
    // December's file arrives as a download does: written elsewhere, then
    // moved into the folder.
    let elsewhere = tempfile::tempdir().unwrap();
    write_month(elsewhere.path(), &DECEMBER);
    std::fs::rename(
        elsewhere.path().join(DECEMBER.file),
        dir.path().join(DECEMBER.file),
    )
    .unwrap_or_else(|_| write_month(dir.path(), &DECEMBER));
    wait_for(&pdf("12月"), &mut watch);
    // The PDF is written whole (renamed into place), so it reads at once.
    let december = squeeze(&pdf_body_text(&pdf("12月")));
    assert!(
        december.contains("全年，全县规模工业增加值同比增长6.4%，比1—11月份提高0.2个百分点。"),
        "{december}"
    );
    assert_eq!(std::fs::read(pdf("11月")).unwrap(), november);
}

/// January's file: one period, the month and the year so far alike.
const JANUARY: Month = Month {
    file: "统计月报（2024年一月）.xlsx",
    title: "2024年1月全县主要经济指标",
    month: "本月",
    cumulative: "累计",
    before: None,
    rows: [
        ("一、主要指标", "", &[]),
        ("规模工业增加值", "%", &["—", "7.0", "—", "7.0"]),
        (
            "社会消费品零售总额",
            "万元",
            &["50100", "-0.8", "50100", "-0.8"],
        ),
    ],
};

/// February's file, of 1-2月.
const FEBRUARY: Month = Month {
    file: "统计月报（2024年二月）.xlsx",
    title: "2024年1-2月全县主要经济指标",
    month: "2月",
    cumulative: "1-2月",
    before: None,
    rows: [
        ("一、主要指标", "", &[]),
        ("规模工业增加值", "%", &["—", "6.8", "—", "6.9"]),
        (
            "社会消费品零售总额",
            "万元",
            &["48000", "-0.4", "98100", "-0.6"],
        ),
    ],
};

#[test]
fn the_first_period_of_a_year_is_compared_with_the_year_before_as_a_whole() {
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("简析.xlsx");
    write_briefing(&workbook, &[]);
    let out = dir.path().join("out");
    let pdf = |name: &str| out.join(format!("简析-{name}.pdf"));
    write_month(dir.path(), &NOVEMBER);
    write_month(dir.path(), &DECEMBER);

    // January: last year's December file gives 上年全年, said so; not a
    // 1—12月份 of this year, and no month of last year is missing.
    write_month(dir.path(), &JANUARY);
    let (ok, messages) = run("compile", &workbook);
    assert!(ok, "{messages}");
    assert!(!messages.contains("缺少"), "{messages}");
    let january = squeeze(&pdf_body_text(&pdf("2024年1月")));
    for expected in [
        "1月份，全县规模工业增加值同比增长7.0%，比上年全年提高0.6个百分点。",
        "全县社会消费品零售总额50100万元，同比下降0.8%，降幅比上年全年收窄0.8个百分点。",
        "本期为2024年第1期。",
    ] {
        assert!(january.contains(expected), "{expected}\nnot in\n{january}");
    }
    assert!(!january.contains("1—12月"), "{january}");

    // 1-2月 after January's file: compared with 1月份.
    write_month(dir.path(), &FEBRUARY);
    let (ok, messages) = run("compile", &workbook);
    assert!(ok, "{messages}");
    let february = squeeze(&pdf_body_text(&pdf("2024年2月")));
    assert!(
        february.contains("1—2月份，全县规模工业增加值同比增长6.9%，比1月份下降0.1个百分点。"),
        "{february}"
    );

    // Where January is not published alone, 1-2月 is the year's first
    // period: compared with 上年全年, and January is not missed.
    std::fs::remove_file(dir.path().join(JANUARY.file)).unwrap();
    let (ok, messages) = run("compile", &workbook);
    assert!(ok, "{messages}");
    assert!(!messages.contains("缺少"), "{messages}");
    let february = squeeze(&pdf_body_text(&pdf("2024年2月")));
    for expected in [
        "1—2月份，全县规模工业增加值同比增长6.9%，比上年全年提高0.5个百分点。",
        "全县社会消费品零售总额98100万元，同比下降0.6%，降幅比上年全年收窄1.0个百分点。",
        "本期为2024年第2期。",
    ] {
        assert!(
            february.contains(expected),
            "{expected}\nnot in\n{february}"
        );
    }
}

#[test]
fn a_problem_in_the_data_file_is_pointed_at_in_that_file() {
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("简析.xlsx");
    write_briefing(&workbook, &[]);
    common::write_county_month(
        &dir.path().join("统计月报（十一月）.xlsx"),
        "2023年1-11月全县主要经济指标",
        ["11月", "1-11月"],
        &[
            ("规模工业增加值", "%", ["—", "7.1", "—", "待定"]),
            (
                "社会消费品零售总额",
                "万元",
                ["48210", "-1.5", "512345", "-2.1"],
            ),
        ],
    );
    let (ok, messages) = run("check", &workbook);
    assert!(!ok, "{messages}");
    // The cell, its row and the message that names a row's cell in its
    // text all say the data file, not the briefing workbook.
    assert!(
        messages.contains("错误: [统计月报（十一月）.xlsx]主要指标!F4：应为数字，实际为“待定”"),
        "{messages}"
    );
    assert!(
        messages.contains("统计月报（十一月）.xlsx › 主要指标:4:"),
        "{messages}"
    );
    assert!(
        messages.contains("但它没有填写（[统计月报（十一月）.xlsx]主要指标!A5）"),
        "{messages}"
    );
    assert!(!messages.contains("简析.xlsx › 主要指标"), "{messages}");
}
