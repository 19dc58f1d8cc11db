//! Output that archives and recipients can trust, and real workbooks that
//! just work: file permissions, all-or-nothing writes, closed pipes, chart
//! sheets, impossible dates, literal Latin text, and every spreadsheet of
//! calamine's own test suite.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Cell::*, briefing, compile_into, compile_ok, text, write_workbook};

mod common;

/// A small valid workbook at `dir/name`.
fn small_workbook(dir: &Path, name: &str, paragraph: &'static str) -> PathBuf {
    let path = dir.join(name);
    write_workbook(
        &path,
        &[
            (
                "报告",
                vec![
                    vec![T("项目"), T("内容")],
                    vec![T("标题"), T("输出测试")],
                    vec![T("日期"), T("2020年8月4日")],
                ],
            ),
            ("正文", vec![vec![T("段落")], vec![T(paragraph)]]),
        ],
    );
    path
}

/// Runs briefing through `sh` with `umask` set.
fn with_umask(umask: &str, args: &[&Path]) -> std::process::Output {
    let mut script = format!("umask {umask}; exec \"$0\"");
    for i in 0..args.len() {
        script.push_str(&format!(" \"${}\"", i + 1));
    }
    Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_briefing"))
        .args(args)
        .env("BRIEFING_FONT_CACHE", common::font_cache())
        .output()
        .unwrap()
}

#[cfg(unix)]
#[test]
fn outputs_take_their_permissions_from_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let workbook = small_workbook(dir.path(), "t.xlsx", "正文。");
    for (umask, mode) in [("022", 0o644), ("077", 0o600)] {
        let out = dir.path().join(format!("out{umask}"));
        let output = with_umask(
            umask,
            &[
                Path::new("compile"),
                &workbook,
                Path::new("--png"),
                Path::new("--out"),
                &out,
            ],
        );
        assert!(output.status.success(), "{:?}", text(&output));
        for file in ["t.pdf", "t-汇总.xlsx", "t-1.png"] {
            let found = std::fs::metadata(out.join(file))
                .unwrap()
                .permissions()
                .mode()
                & 0o777;
            assert_eq!(found, mode, "{file} under umask {umask}: {found:o}");
        }
    }
}

#[test]
fn a_folder_in_place_of_the_summary_leaves_the_previous_pdf_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let workbook = small_workbook(dir.path(), "t.xlsx", "正文。");
    let out = dir.path().join("out");
    std::fs::create_dir_all(out.join("t-汇总.xlsx")).unwrap();
    std::fs::write(out.join("t.pdf"), b"the previous PDF").unwrap();
    let output = compile_into(&workbook, &out, &["--png"]);
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(1), "{stdout}\n{stderr}");
    assert!(
        stderr.contains("t-汇总.xlsx：这是一个文件夹，不是文件"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read(out.join("t.pdf")).unwrap(),
        b"the previous PDF"
    );
    // Nothing else was written, and no temporary file is left behind.
    let mut left: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["t-汇总.xlsx", "t.pdf"]);
}

#[test]
fn a_closed_pipe_ends_the_program_quietly() {
    // Enough warnings that the JSON does not fit in a pipe's buffer.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.xlsx");
    let mut body = vec![vec![T("段落")]];
    body.extend((0..2000).map(|_| vec![T("甲,乙,丙")]));
    write_workbook(
        &path,
        &[
            (
                "报告",
                vec![vec![T("项目"), T("内容")], vec![T("标题"), T("t")]],
            ),
            ("正文", body),
        ],
    );
    let mut child = check_json(&path);
    let mut first = [0u8; 10];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The pipe is closed here, as `| head -c 10` closes it.
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    assert_eq!(&first[..1], b"[");
}

#[test]
fn a_workbook_with_a_chart_sheet_compiles() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chart.xlsx");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let report = workbook.add_worksheet();
    report.set_name("报告").unwrap();
    report.write_row(0, 0, ["项目", "内容"]).unwrap();
    report
        .write_row(1, 0, ["标题", "有图表工作表的简报"])
        .unwrap();
    report.write_row(2, 0, ["日期", "2020年8月4日"]).unwrap();
    let data = workbook.add_worksheet();
    data.set_name("指标").unwrap();
    data.write_row(0, 0, ["代码", "指标", "数值", "单位"])
        .unwrap();
    data.write_row(1, 0, ["gdp", "地区生产总值"]).unwrap();
    data.write_number(1, 2, 1422.22).unwrap();
    data.write_string(1, 3, "亿元").unwrap();
    let body = workbook.add_worksheet();
    body.set_name("正文").unwrap();
    body.write_row(0, 0, ["段落"]).unwrap();
    body.write_row(1, 0, ["实现地区生产总值{gdp}。"]).unwrap();
    let mut chart = rust_xlsxwriter::Chart::new(rust_xlsxwriter::ChartType::Column);
    chart.add_series().set_values("指标!$C$2:$C$2");
    let sheet = workbook.add_chartsheet();
    sheet.set_name("图表1").unwrap();
    sheet.insert_chart(0, 0, &chart).unwrap();
    workbook.save(&path).unwrap();

    let out = dir.path().join("out");
    let output = compile_into(&path, &out, &[]);
    let (stdout, stderr) = text(&output);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert!(
        stderr.contains("说明: 跳过了图表工作表“图表1”（不是数据表格，不读取）"),
        "{stderr}"
    );
    let body = common::squeeze(&common::pdf_body_text(&out.join("chart.pdf")));
    assert!(body.contains("实现地区生产总值1422.22亿元。"), "{body}");
}

#[test]
fn latin_text_prints_character_for_character() {
    let dir = tempfile::tempdir().unwrap();
    let paragraph =
        "模板里写 #read(\"/etc/passwd\") 也不会读取文件，英文引语 \"Made in China\" 照原样。";
    let workbook = small_workbook(dir.path(), "t.xlsx", paragraph);
    let out = dir.path().join("out");
    compile_ok(&workbook, &out, &[]);
    let body = common::pdf_body_text(&out.join("t.pdf"));
    let flat = body.replace('\n', "");
    assert!(
        flat.contains("模板里写 #read(\"/etc/passwd\") 也不会读取文件"),
        "{body}"
    );
    assert!(
        flat.contains("英文引语 \"Made in China\" 照原样。"),
        "{body}"
    );
}

#[test]
fn quotes_in_code_among_chinese_text_print_as_typed() {
    let dir = tempfile::tempdir().unwrap();
    let paragraph = "模板里写#read(\"/etc/passwd\")也不会读取文件，调用f(\"x\")即可，他说\"好\"。";
    let workbook = small_workbook(dir.path(), "q.xlsx", paragraph);
    let out = dir.path().join("out");
    compile_ok(&workbook, &out, &[]);
    let body = common::squeeze(&common::pdf_body_text(&out.join("q.pdf")));
    assert!(
        body.contains("模板里写#read(\"/etc/passwd\")也不会读取文件，调用f(\"x\")即可，他说“好”。"),
        "{body}"
    );
}

#[test]
fn an_impossible_date_is_an_error_at_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.xlsx");
    write_workbook(
        &path,
        &[(
            "报告",
            vec![
                vec![T("项目"), T("内容")],
                vec![T("标题"), T("t")],
                vec![T("日期"), T("2020年13月45日")],
            ],
        )],
    );
    let output = briefing(["check".as_ref(), path.as_os_str()]);
    let (_, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("报告!B3：日期“2020年13月45日”不存在：没有13月"),
        "{stderr}"
    );
}

/// Starts `briefing check <path> --format json` with both outputs piped.
fn check_json(path: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args([
            "check".as_ref(),
            path.as_os_str(),
            "--format".as_ref(),
            "json".as_ref(),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// calamine's own test files, beside the repository (never copied in).
fn corpus() -> Option<PathBuf> {
    let dir = common::root().join("../shared/corpus/calamine");
    dir.is_dir().then_some(dir)
}

#[test]
fn every_spreadsheet_of_calamines_suite_ends_in_a_chinese_message() {
    let Some(dir) = corpus() else {
        eprintln!("no corpus beside the repository; skipped");
        return;
    };
    let english = regex_lite(&[
        "error",
        "expecting",
        "failed",
        "malformed",
        "invalid",
        "protected",
        "exceeded",
        "panicked",
        "unexpected",
        "not found",
        "buffer",
    ]);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e != "md"))
        .collect();
    files.sort();
    assert!(files.len() >= 100, "{} files", files.len());
    for path in &files {
        let start = Instant::now();
        let mut child = check_json(path);
        let mut stdout = String::new();
        child
            .stdout
            .take()
            .unwrap()
            .read_to_string(&mut stdout)
            .unwrap();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "{} hung",
                path.display()
            );
            std::thread::sleep(Duration::from_millis(10));
        };
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        let name = path.file_name().unwrap().to_string_lossy();
        assert_eq!(status.code(), Some(1), "{name}: {stderr}");
        assert!(stderr.is_empty(), "{name}: {stderr}");
        let found: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        let errors: Vec<&serde_json::Value> = found
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["severity"] == "error")
            .collect();
        assert!(!errors.is_empty(), "{name}: {stdout}");
        for d in found.as_array().unwrap() {
            let message = d["message"].as_str().unwrap();
            assert!(message.chars().any(common::is_han), "{name}: {message}");
            // The file's own words (its path, cell text quoted in “”) are
            // not a library's.
            let ours = unquoted(&message.replace(&*path.to_string_lossy(), ""));
            assert!(!english(&ours), "{name}: {message}");
        }
    }
}

/// A message without the text quoted in “”.
fn unquoted(message: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in message.chars() {
        match c {
            '“' => depth += 1,
            '”' => depth -= 1,
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Whether a text holds any of `words`, ignoring case.
fn regex_lite(words: &[&'static str]) -> impl Fn(&str) -> bool {
    let words = words.to_vec();
    move |text| {
        let lower = text.to_lowercase();
        words.iter().any(|w| lower.contains(w))
    }
}
