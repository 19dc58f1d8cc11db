//! The workbook contract: sheets, aliases, placeholders, extra tables, and
//! the errors reported at their cells. Most tests use the dump template of
//! tests/templates/, which prints exactly what a template receives.

mod common;

use common::Cell::{E, N, T};
use common::*;

fn report(title: &'static str) -> (&'static str, Vec<Vec<Cell>>) {
    (
        "报告",
        vec![vec![T("项目"), T("内容")], vec![T("标题"), T(title)]],
    )
}

fn indicators() -> (&'static str, Vec<Vec<Cell>>) {
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
                T("要点"),
            ],
            vec![
                T("gdp"),
                T("稳经济"),
                T("地区生产总值"),
                N(1422.22),
                T("亿元"),
                N(1401.2),
                N(1.5),
                T("实现{gdp}、{gdp:同比}。"),
            ],
            vec![
                T("exports"),
                E,
                T("出口"),
                N(35.0),
                T("亿元"),
                E,
                N(-1.6),
                E,
            ],
            vec![
                T("flat"),
                T("其他"),
                T("持平指标"),
                N(7.0),
                T("个"),
                E,
                N(0.0),
                E,
            ],
        ],
    )
}

/// Compiles sheets with the dump template and returns the printed lines.
fn dump(sheets: &[(&str, Vec<Vec<Cell>>)]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("t.xlsx");
    write_workbook(&workbook, sheets);
    compile_ok(
        &workbook,
        &dir.path().join("out"),
        &["--template", &dump_template()],
    );
    pdf_lines(&dir.path().join("out/t.pdf"))
}

/// Compiles sheets expecting failure; returns stderr, and checks that no
/// output was written.
fn fails(sheets: &[(&str, Vec<Vec<Cell>>)]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("t.xlsx");
    write_workbook(&workbook, sheets);
    let out = dir.path().join("out");
    let output = compile_into(&workbook, &out, &[]);
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(1), "{stdout}\n{stderr}");
    assert!(!out.exists(), "output written despite errors");
    stderr
}

#[test]
fn placeholders_are_resolved_everywhere() {
    let lines = dump(&[
        (
            "报告",
            vec![
                vec![T("项目"), T("内容")],
                vec![T("标题"), T("经济{{简报}}")],
                vec![
                    T("导语"),
                    T("GDP {gdp:数值}，上年{gdp:上年同期}，出口{exports:同比}，{flat:同比}。"),
                ],
                vec![T("自定义"), T("随模板")],
            ],
        ),
        indicators(),
        (
            "正文",
            vec![
                vec![T("章"), T("节"), T("段落")],
                vec![T("一"), T("甲"), T("总值{gdp}，{gdp:同比}。")],
            ],
        ),
    ]);
    assert_line(&lines, "报告|title|经济{简报}");
    assert_line(
        &lines,
        "报告|lead|GDP 1422.22，上年1401.2亿元，出口下降1.6%，持平。",
    );
    assert_line(&lines, "报告|自定义|随模板");
    assert_line(&lines, "段|总值1422.22亿元，增长1.5%。");
    assert_line(
        &lines,
        "板块|稳经济|gdp,exports|\"实现1422.22亿元、增长1.5%。\"",
    );
}

#[test]
fn indicators_reach_the_template_as_data_and_text() {
    let lines = dump(&[report("t"), indicators()]);
    assert_line(
        &lines,
        "指标|gdp|地区生产总值|1422.22|亿元|1422.22亿元|1422.22|\"增长1.5%\"|\"1401.2亿元\"|\"稳经济\"",
    );
    // A blank 板块 continues the group above (merged cells).
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("指标|exports|") && l.ends_with("|\"稳经济\"")),
        "{lines:#?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("指标|flat|") && l.contains("|\"持平\"|")),
        "{lines:#?}"
    );
    assert_line(
        &lines,
        "板块|稳经济|gdp,exports|\"实现1422.22亿元、增长1.5%。\"",
    );
    assert_line(&lines, "板块|其他|flat|none");
}

#[test]
fn english_sheet_names_and_headers_are_accepted() {
    let lines = dump(&[
        (
            "Report",
            vec![
                vec![T("key"), T("value")],
                vec![T("title"), T("T")],
                vec![T("kicker"), T("K")],
            ],
        ),
        (
            "indicators",
            vec![
                vec![
                    T(" id "),
                    T("group"),
                    T("Name"),
                    T("value"),
                    T("unit"),
                    T("previous"),
                    T("YoY"),
                    T("previous_yoy"),
                    T("highlight"),
                    T("note"),
                ],
                vec![
                    T("x"),
                    T("G"),
                    T("X"),
                    N(2.5),
                    T("万人"),
                    N(2.0),
                    N(25.0),
                    N(3.0),
                    T("h {x}"),
                    T("n"),
                ],
            ],
        ),
        (
            "body",
            vec![
                vec![T("chapter"), T("section"), T("paragraph")],
                vec![T("C"), T("S"), T("p {x:yoy}")],
            ],
        ),
    ]);
    assert_line(&lines, "报告|kicker|K");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("指标|x|X|2.5|万人|2.5万人|2.5|\"增长25.0%\"|\"2万人\"")),
        "{lines:#?}"
    );
    assert_line(&lines, "段|p 增长25.0%");
}

#[test]
fn blank_chapter_and_section_cells_continue_the_ones_above() {
    let lines = dump(&[
        report("t"),
        (
            "正文",
            vec![
                vec![T("章"), T("节"), T("段落")],
                vec![T("第一章"), E, T("导言")],
                vec![E, T("一节"), T("甲")],
                vec![E, E, T("乙")],
                vec![E, T("二节"), T("丙")],
                vec![T("第二章"), E, T("丁")],
                vec![E, E, T("戊")],
            ],
        ),
    ]);
    let body: Vec<&str> = lines
        .iter()
        .map(String::as_str)
        .filter(|l| !l.starts_with("报告"))
        .collect();
    assert_eq!(
        body,
        [
            "章|第一章",
            "段|导言",
            "节|一节",
            "段|甲",
            "段|乙",
            "节|二节",
            "段|丙",
            "章|第二章",
            "段|丁",
            "段|戊"
        ]
    );
}

#[test]
fn other_sheets_reach_the_template_as_tables() {
    let lines = dump(&[
        report("t"),
        (
            "各区",
            vec![
                vec![T("区县"), T("增速")],
                vec![T("城关区"), N(2.5)],
                vec![T("七里河区"), N(-0.5)],
            ],
        ),
    ]);
    assert_line(&lines, "表|各区|区县=\"城关区\";增速=2.5");
    assert_line(&lines, "表|各区|区县=\"七里河区\";增速=-0.5");
}

#[test]
fn cell_text_prints_literally_and_never_runs_as_code() {
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("t.xlsx");
    write_workbook(
        &workbook,
        &[
            report("#read(\"/etc/passwd\")"),
            (
                "正文",
                vec![vec![T("段落")], vec![T("*x* _y_ $z$ #sys.version <a> @b")]],
            ),
        ],
    );
    compile_ok(&workbook, &dir.path().join("out"), &[]);
    let text = squeeze(&pdf_body_text(&dir.path().join("out/t.pdf")));
    assert!(text.contains("#read(\"/etc/passwd\")"), "{text}");
    assert!(text.contains("*x*_y_$z$#sys.version<a>@b"), "{text}");
    assert!(!text.contains("root:"), "{text}");
}

#[test]
fn placeholder_errors_name_their_cells_and_nothing_is_written() {
    let stderr = fails(&[
        report("t"),
        indicators(),
        (
            "正文",
            vec![
                vec![T("章"), T("节"), T("段落")],
                vec![T("一"), E, T("{nope}")],
                vec![E, E, T("{gdp:定基}")],
                vec![E, E, T("{exports:上年同期}")],
                vec![E, E, T("{gdp")],
            ],
        ),
    ]);
    assert!(
        stderr.contains("正文!C2：占位符“{nope}”引用的代码“nope”在“指标”工作表中不存在"),
        "{stderr}"
    );
    assert!(
        stderr.contains("正文!C3：占位符“{gdp:定基}”的写法“定基”不认识"),
        "{stderr}"
    );
    assert!(
        stderr.contains("正文!C4：占位符“{exports:上年同期}”需要指标“exports”的“上年同期”"),
        "{stderr}"
    );
    assert!(
        stderr.contains("正文!C5：占位符“{gdp”没有闭合的“}”"),
        "{stderr}"
    );
    assert!(stderr.contains("发现 4 处错误"), "{stderr}");
}

#[test]
fn data_errors_name_their_cells() {
    let stderr = fails(&[
        (
            "报告",
            vec![vec![T("项目"), T("内容")], vec![T("作者"), T("某人")]],
        ),
        (
            "指标",
            vec![
                vec![T("代码"), T("指标"), T("数值")],
                vec![T("a"), T("甲"), N(1.0)],
                vec![T("a"), T("乙"), N(2.0)],
                vec![T("b"), T("丙"), T("很多")],
                vec![E, T("丁"), N(3.0)],
                vec![T("c"), E, N(4.0)],
                vec![T("d"), T("戊"), E],
            ],
        ),
    ]);
    assert!(stderr.contains("报告!A1：缺少“标题”"), "{stderr}");
    assert!(
        stderr.contains("指标!A3：代码“a”重复，第一次出现在 指标!A2"),
        "{stderr}"
    );
    assert!(
        stderr.contains("指标!C4：“数值”应为数字，实际为“很多”"),
        "{stderr}"
    );
    assert!(stderr.contains("指标!A5：“代码”是空的"), "{stderr}");
    assert!(
        stderr.contains("指标!B6：指标“c”的“指标”名称是空的"),
        "{stderr}"
    );
    assert!(stderr.contains("指标!C7：“数值”是空的"), "{stderr}");
    assert!(stderr.contains("提示: "), "{stderr}");
}

#[test]
fn missing_report_sheet_and_columns_are_errors() {
    let stderr = fails(&[(
        "指标",
        vec![vec![T("代码"), T("数值")], vec![T("a"), N(1.0)]],
    )]);
    assert!(stderr.contains("工作簿中没有“报告”工作表"), "{stderr}");
    assert!(stderr.contains("指标!A1：缺少“指标”列"), "{stderr}");
}

#[test]
fn a_folder_template_cannot_read_outside_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("secret.txt"), "机密").unwrap();
    let template = dir.path().join("tpl");
    std::fs::create_dir(&template).unwrap();
    std::fs::write(template.join("part.typ"), "#let who = \"内部文件\"").unwrap();
    std::fs::write(
        template.join("main.typ"),
        "#import \"part.typ\": who\n#who\n#read(\"../secret.txt\")\n",
    )
    .unwrap();
    let workbook = dir.path().join("t.xlsx");
    write_workbook(&workbook, &[report("t")]);
    let output = briefing([
        "compile".as_ref(),
        workbook.as_os_str(),
        "--template".as_ref(),
        template.as_os_str(),
    ]);
    let (_, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    // Shown like Typst shows errors: file, line, column, and the line itself.
    assert!(stderr.contains("main.typ:3:"), "{stderr}");
    assert!(stderr.contains("#read(\"../secret.txt\")"), "{stderr}");
    assert!(!stderr.contains("机密"), "{stderr}");
}

#[test]
fn the_workbook_can_name_its_template() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("mine.typ");
    std::fs::write(&template, "#sys.inputs.briefing.report.title 用我的模板").unwrap();
    let workbook = dir.path().join("t.xlsx");
    write_workbook(
        &workbook,
        &[(
            "报告",
            vec![
                vec![T("项目"), T("内容")],
                vec![T("标题"), T("标题甲")],
                vec![T("模板"), T("mine.typ")],
            ],
        )],
    );
    compile_ok(&workbook, &dir.path().join("out"), &[]);
    let text = squeeze(&pdf_body_text(&dir.path().join("out/t.pdf")));
    assert_eq!(text, "标题甲用我的模板");
}

#[test]
fn usage_errors_exit_with_2_and_unknown_templates_with_1() {
    let output = briefing(["compile"]);
    assert_eq!(output.status.code(), Some(2));
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("t.xlsx");
    write_workbook(&workbook, &[report("t")]);
    let output = briefing([
        "compile".as_ref(),
        workbook.as_os_str(),
        "--template".as_ref(),
        "nope".as_ref(),
    ]);
    let (_, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr.contains("找不到模板“nope”"), "{stderr}");
    let output = briefing(["compile", "/no/such/file.xlsx"]);
    let (_, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr.contains("无法打开文件 /no/such/file.xlsx"),
        "{stderr}"
    );
}

#[test]
fn text_is_normalised_with_a_warning_at_each_cell_unless_asked_not_to() {
    let sheets = [
        report("上半年,经济回升"),
        (
            "正文",
            vec![
                vec![T("章"), T("段落")],
                vec![T("关键词:发展"), T("增长3.5%,见(附表).")],
            ],
        ),
    ];
    let lines = dump(&sheets);
    assert_line(&lines, "报告|title|上半年，经济回升");
    assert_line(&lines, "章|关键词：发展");
    assert_line(&lines, "段|增长3.5%，见（附表）。");

    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("t.xlsx");
    write_workbook(&workbook, &sheets);
    let output = briefing(["check".as_ref(), workbook.as_os_str()]);
    let (stdout, stderr) = text(&output);
    assert!(output.status.success(), "{stderr}");
    assert!(stdout.contains("没有发现错误"), "{stdout}");
    assert!(
        stderr.contains("警告: 报告!B2：半角逗号“,”已改为“，”"),
        "{stderr}"
    );
    assert!(
        stderr.contains("警告: 正文!A2：半角冒号“:”已改为“：”"),
        "{stderr}"
    );
    assert!(
        stderr.contains("警告: 正文!B2：半角括号“(”已改为“（”"),
        "{stderr}"
    );
    assert!(
        stderr.contains("警告: 正文!B2：半角句号“.”已改为“。”"),
        "{stderr}"
    );

    let out = dir.path().join("out");
    compile_ok(
        &workbook,
        &out,
        &["--no-normalize", "--template", &dump_template()],
    );
    let lines = pdf_lines(&out.join("t.pdf"));
    assert_line(&lines, "报告|title|上半年,经济回升");
    assert_line(&lines, "段|增长3.5%,见(附表).");
}

#[test]
fn compile_sums_up_text_put_right_by_kind_and_check_lists_every_place() {
    let sheets = [
        report("上半年,经济回升,稳中有进"),
        (
            "正文",
            vec![
                vec![T("章"), T("段落")],
                vec![T("关键词:发展"), T("增长3.5%,见(附表).")],
                vec![E, T("全市  共有ＡＢ两类。")],
            ],
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("t.xlsx");
    write_workbook(&workbook, &sheets);
    let output = compile_into(&workbook, &dir.path().join("out"), &[]);
    let (_, stderr) = text(&output);
    assert!(output.status.success(), "{stderr}");
    let place = workbook.display();
    assert_eq!(
        stderr.lines().collect::<Vec<_>>(),
        [
            format!("已把 7 处半角标点改为全角；briefing check {place} 列出每一处。"),
            format!("已把 1 处多余的空格删去；briefing check {place} 列出每一处。"),
            format!("已把 2 处全角字母或数字改为半角；briefing check {place} 列出每一处。"),
        ]
    );

    // `check` and its JSON keep every one, at its cell.
    let output = briefing(["check".as_ref(), workbook.as_os_str()]);
    let stderr = text(&output).1;
    for line in [
        "警告: 报告!B2：半角逗号“,”已改为“，”（2 处）",
        "警告: 正文!A2：半角冒号“:”已改为“：”",
        "警告: 正文!B3：多余空格删去",
        "警告: 正文!B3：全角字母或数字“Ａ”已改为“A”",
        "警告: 正文!B3：全角字母或数字“Ｂ”已改为“B”",
    ] {
        assert!(stderr.contains(line), "{line} not in {stderr}");
    }
    let output = briefing([
        "check".as_ref(),
        workbook.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    let problems: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(problems.len(), 9, "{problems:#?}");
}

#[test]
fn the_small_template_of_the_docs_compiles() {
    let docs = std::fs::read_to_string(root().join("docs/templates.md")).unwrap();
    let start = docs.find("## A small template").unwrap();
    let code = docs[start..]
        .split("```typst")
        .nth(1)
        .unwrap()
        .split("```")
        .next()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("small.typ"), code).unwrap();
    let workbook = dir.path().join("t.xlsx");
    write_workbook(
        &workbook,
        &[
            report("小模板"),
            indicators(),
            (
                "正文",
                vec![
                    vec![T("章"), T("段落")],
                    vec![T("一章"), T("正文{gdp}。")],
                    vec![T("一章"), T("{图:gdp}")],
                ],
            ),
        ],
    );
    let template = dir.path().join("small.typ").to_string_lossy().into_owned();
    compile_ok(
        &workbook,
        &dir.path().join("out"),
        &["--template", &template],
    );
    let text = squeeze(&pdf_body_text(&dir.path().join("out/t.pdf")));
    assert!(
        text.contains("小模板") && text.contains("地区生产总值：1422.22亿元，同比增长1.5%"),
        "{text}"
    );
    // The chart's title, in place of the chart.
    assert!(text.contains("正文1422.22亿元。地区生产总值"), "{text}");
}

#[test]
fn a_template_that_prints_every_paragraph_as_text_is_told_of_tables_and_charts() {
    // As templates were written before `{表:…}` and `{图:…}`.
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("old.typ");
    let code =
        "#for chapter in sys.inputs.briefing.body {\n  for p in chapter.paragraphs { par(p) }\n}\n";
    std::fs::write(&template, code).unwrap();
    let workbook = dir.path().join("t.xlsx");
    let body = |paragraph| {
        (
            "正文",
            vec![vec![T("章"), T("段落")], vec![T("一章"), T(paragraph)]],
        )
    };
    let out = dir.path().join("out");
    let run = |paragraph| {
        write_workbook(&workbook, &[report("t"), indicators(), body(paragraph)]);
        briefing([
            "compile".as_ref(),
            workbook.as_os_str(),
            "--template".as_ref(),
            template.as_os_str(),
            "-o".as_ref(),
            out.as_os_str(),
        ])
    };
    let output = run("{图:gdp}");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("old.typ:2:37：expected content, found dictionary")
            && stderr.contains("提示：正文里有 {表:…} 或 {图:…} 段落"),
        "{stderr}"
    );
    // Text alone compiles.
    assert!(run("正文{gdp}。").status.success());
}

#[test]
fn template_warnings_are_shown_like_typst_shows_them() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("warn.typ");
    std::fs::write(&template, "#set text(font: \"NoSuchFont\")\n你好\n").unwrap();
    let workbook = dir.path().join("t.xlsx");
    write_workbook(&workbook, &[report("t")]);
    let output = briefing([
        "compile".as_ref(),
        workbook.as_os_str(),
        "--template".as_ref(),
        template.as_os_str(),
    ]);
    let (_, stderr) = text(&output);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("warn.typ:1:17：unknown font family: nosuchfont"),
        "{stderr}"
    );
}
