//! The editing loop: `watch` follows the workbook as it is saved, `new`
//! makes a project that compiles as made, a workbook dropped on the program
//! compiles, `--emit-typst` writes what Typst's own command line compiles,
//! and `--timings` lists the stages.

use std::io::Read;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{Cell::*, briefing, text, write_workbook};

mod common;

/// A workbook whose one paragraph is `paragraph`.
fn workbook(path: &Path, paragraph: &'static str, template: Option<&'static str>) {
    let mut report = vec![
        vec![T("项目"), T("内容")],
        vec![T("标题"), T("监视测试")],
        vec![T("日期"), T("2020年8月4日")],
    ];
    if let Some(template) = template {
        report.push(vec![T("模板"), T(template)]);
    }
    write_workbook(
        path,
        &[
            ("报告", report),
            ("正文", vec![vec![T("段落")], vec![T(paragraph)]]),
        ],
    );
}

/// A folder template `mine` in `dir` whose main file sets the embedded
/// serif and then `body`; returns the folder.
fn folder_template(dir: &Path, body: &str) -> std::path::PathBuf {
    let template = dir.join("mine");
    std::fs::create_dir(&template).unwrap();
    let main = format!("#set text(font: \"Noto Serif CJK SC\")\n{body}");
    std::fs::write(template.join("main.typ"), main).unwrap();
    template
}

/// Saves like Excel and WPS do: the new content goes to a temporary file
/// beside the workbook, which is then renamed over it.
fn save_by_rename(path: &Path, write: impl FnOnce(&Path)) {
    let temp = path.with_file_name("~$saving.tmp");
    write(&temp);
    std::fs::rename(&temp, path).unwrap();
}

/// The body text of a PDF, or nothing while it does not exist.
fn pdf_text(pdf: &Path) -> String {
    if !pdf.exists() {
        return String::new();
    }
    common::squeeze(&common::pdf_body_text(pdf))
}

/// Waits (up to 30 s) until `done` holds, failing with `what` otherwise.
fn wait_until(what: &str, child: &mut Child, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        if let Some(status) = child.try_wait().unwrap() {
            panic!("watch ended ({status}) while waiting for {what}");
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Starts `briefing watch` with `args`.
fn watch(args: &[&std::ffi::OsStr]) -> Kill {
    let child = Command::new(env!("CARGO_BIN_EXE_briefing"))
        .arg("watch")
        .args(args)
        .env("BRIEFING_FONT_CACHE", common::font_cache())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    Kill(child)
}

/// Stops a watch and returns what it printed on standard error.
fn stop(mut watch: Kill) -> String {
    let mut pipe = watch.0.stderr.take().unwrap();
    watch.0.kill().unwrap();
    let mut stderr = String::new();
    pipe.read_to_string(&mut stderr).unwrap();
    stderr
}

/// Ends the child when the test ends, whatever happens.
struct Kill(Child);

impl Drop for Kill {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn watch_follows_saves_keeps_the_last_good_pdf_and_recovers() {
    let dir = tempfile::tempdir().unwrap();
    let template = folder_template(
        dir.path(),
        "版式甲：#for c in sys.inputs.briefing.body { for p in c.paragraphs [#p] }\n",
    );
    let path = dir.path().join("简报.xlsx");
    workbook(&path, "第一稿。", Some("mine"));
    let out = dir.path().join("out");
    let pdf = out.join("简报.pdf");
    let mut watch = watch(&[path.as_os_str(), "--out".as_ref(), out.as_os_str()]);

    wait_until("the first PDF", &mut watch.0, || {
        pdf_text(&pdf).contains("版式甲：第一稿。")
    });

    // A save by rename is picked up.
    save_by_rename(&path, |temp| workbook(temp, "第二稿。", Some("mine")));
    wait_until("the second draft", &mut watch.0, || {
        pdf_text(&pdf).contains("第二稿。")
    });

    // A corrupt save (half a file) keeps the old PDF and the process alive.
    let good = std::fs::read(&pdf).unwrap();
    save_by_rename(&path, |temp| {
        std::fs::write(temp, b"PK\x03\x04 half a workbook").unwrap()
    });
    std::thread::sleep(Duration::from_secs(3));
    assert!(
        watch.0.try_wait().unwrap().is_none(),
        "watch ended on a corrupt save"
    );
    assert_eq!(
        std::fs::read(&pdf).unwrap(),
        good,
        "the last good PDF was replaced"
    );

    // A workbook with errors does the same; the fix recovers.
    save_by_rename(&path, |temp| workbook(temp, "{nope}", Some("mine")));
    std::thread::sleep(Duration::from_secs(2));
    assert_eq!(std::fs::read(&pdf).unwrap(), good);
    save_by_rename(&path, |temp| workbook(temp, "第三稿。", Some("mine")));
    wait_until("the fixed save", &mut watch.0, || {
        pdf_text(&pdf).contains("第三稿。")
    });

    // A template edit rebuilds.
    std::fs::write(
        template.join("main.typ"),
        "#set text(font: \"Noto Serif CJK SC\")\n版式乙：#for c in sys.inputs.briefing.body { for p in c.paragraphs [#p] }\n",
    )
    .unwrap();
    wait_until("the template edit", &mut watch.0, || {
        pdf_text(&pdf).contains("版式乙：第三稿。")
    });

    // What it said on the way: the corrupt file, the error at its cell, and
    // the time of each recompile.
    let stderr = stop(watch);
    assert!(stderr.contains("无法读取工作簿"), "{stderr}");
    assert!(stderr.contains("正文!A2：占位符“{nope}”"), "{stderr}");
    assert!(stderr.contains("保留上次生成的文件"), "{stderr}");
    assert!(stderr.contains("已重新编译，用时"), "{stderr}");
}

#[test]
fn a_new_project_compiles_as_made_and_again_with_the_next_months_file() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("新项目");
    let output = briefing(["new".as_ref(), project.as_os_str()]);
    let (stdout, stderr) = text(&output);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    for file in [
        "简析.xlsx",
        "统计月报2024年6月.xlsx",
        "README.md",
        "模板/main.typ",
        "模板/overview.typ",
    ] {
        assert!(project.join(file).is_file(), "{file} missing");
    }
    let readme = std::fs::read_to_string(project.join("README.md")).unwrap();
    assert!(
        readme.contains("每月：把统计局的新文件放进这个文件夹，运行 `briefing 简析.xlsx`。"),
        "{readme}"
    );
    // It refuses to write over a folder with files in it.
    let again = briefing(["new".as_ref(), project.as_os_str()]);
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again).1.contains("已经存在且不是空文件夹"));
    // A folder that cannot be made is said in Chinese alone, without the
    // system's English after it.
    let file = dir.path().join("一个文件");
    std::fs::write(&file, "").unwrap();
    let blocked = briefing(["new".as_ref(), file.join("项目").as_os_str()]);
    let said = text(&blocked).1;
    assert_eq!(blocked.status.code(), Some(1));
    assert!(said.starts_with("无法写入 "), "{said}");
    assert!(!said.contains("os error"), "{said}");

    // As made: run as the README says, the workbook alone.
    let workbook = project.join("简析.xlsx");
    let output = briefing([workbook.as_os_str()]);
    let (stdout, stderr) = text(&output);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert!(!stderr.contains("警告"), "{stderr}");
    let june = project.join("out/简析-2024年6月.pdf");
    assert_eq!(
        lines(&june),
        [
            "2024年上半年××县经济运行简析",
            "工业生产",
            "上半年，全县规模以上工业增加值同比增长7.2%，其中制造业增加值同比增长8.0%。",
            "投资和消费",
            "全县固定资产投资同比增长4.5%，其中民间投资同比下降2.1%。",
            "全县社会消费品零售总额301200万元，同比增长4.6%；其中6月份52300万元，同比增长5.1%。",
            "财政收入",
            "全县一般公共预算收入61230万元，同比增长6.4%。",
        ]
    );
    let june_bytes = std::fs::read(&june).unwrap();

    // The sample data replaced by the next month's file, as the bureau
    // sends it: a new PDF named by its period, June's kept.
    std::fs::remove_file(project.join("统计月报2024年6月.xlsx")).unwrap();
    write_july(&project.join("统计月报2024年7月.xlsx"));
    let output = briefing([workbook.as_os_str()]);
    let (stdout, stderr) = text(&output);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert!(!stderr.contains("警告"), "{stderr}");
    let july = project.join("out/简析-2024年7月.pdf");
    assert_eq!(
        lines(&july),
        [
            "2024年1—7月份××县经济运行简析",
            "工业生产",
            "1—7月份，全县规模以上工业增加值同比增长7.0%，其中制造业增加值同比增长7.7%。",
            "投资和消费",
            "全县固定资产投资同比增长3.9%，其中民间投资同比下降1.8%。",
            "全县社会消费品零售总额353500万元，同比增长4.8%；其中7月份53800万元，同比增长5.9%。",
            "财政收入",
            "全县一般公共预算收入70110万元，同比增长5.9%。",
        ]
    );
    assert_eq!(std::fs::read(&june).unwrap(), june_bytes);
}

/// The lines of a PDF's body, without blank ones.
fn lines(pdf: &Path) -> Vec<String> {
    common::pdf_body_text(pdf)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

/// July's file from the county bureau, laid out as June's sample is.
fn write_july(path: &Path) {
    common::write_county_month(
        path,
        "2024年1-7月××县主要经济指标",
        ["7月", "1-7月"],
        &[
            ("规模以上工业增加值", "%", ["—", "6.1", "—", "7.0"]),
            ("  其中：制造业", "%", ["—", "6.5", "—", "7.7"]),
            ("固定资产投资", "%", ["—", "—", "—", "3.9"]),
            ("  其中：民间投资", "%", ["—", "—", "—", "-1.8"]),
            (
                "社会消费品零售总额",
                "万元",
                ["53800", "5.9", "353500", "4.8"],
            ),
            ("一般公共预算收入", "万元", ["8880", "2.0", "70110", "5.9"]),
        ],
    );
}

#[test]
fn a_workbook_dropped_on_the_program_compiles() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("拖放.xlsx");
    workbook(&path, "拖放的工作簿。", None);
    let output = briefing([path.as_os_str()]);
    let (stdout, stderr) = text(&output);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert!(dir.path().join("out/拖放.pdf").is_file());
    assert!(stdout.contains("完成：1 份成功，0 份失败"), "{stdout}");
}

#[test]
fn emitted_typst_files_hold_the_template_and_the_data() {
    let dir = tempfile::tempdir().unwrap();
    let emitted = dir.path().join("typst");
    let output = briefing([
        "compile".as_ref(),
        common::sample().as_os_str(),
        "--template".as_ref(),
        "gongwen".as_ref(),
        "--out".as_ref(),
        dir.path().as_os_str(),
        "--emit-typst".as_ref(),
        emitted.as_os_str(),
        "--timings".as_ref(),
        "--png".as_ref(),
    ]);
    let (stdout, stderr) = text(&output);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    // The emitted files are not counted as page images.
    let pages = common::pdf_page_count(&dir.path().join("兰州市2020年上半年成绩单.pdf"));
    assert!(
        stdout.contains(&format!("已生成 {pages} 张页面预览图")),
        "{stdout}"
    );
    // The data and fonts come from the files, and the lines of the 公文
    // grid are broken by grid.typ: nothing is an input.
    for file in ["main.typ", "style.typ", "data.typ", "parts.typ"] {
        let typst = std::fs::read_to_string(emitted.join(file)).unwrap();
        assert!(
            !typst.contains("sys.inputs.briefing")
                && !typst.contains("sys.inputs.fonts")
                && !typst.contains("sys.inputs.at("),
            "{file}: {typst}"
        );
    }
    let data_typ = std::fs::read_to_string(emitted.join("data.typ")).unwrap();
    assert!(data_typ.contains("json(\"/briefing.json\")"), "{data_typ}");
    assert!(data_typ.contains("json(\"/fonts.json\")"), "{data_typ}");
    let data: serde_json::Value =
        serde_json::from_slice(&std::fs::read(emitted.join("briefing.json")).unwrap()).unwrap();
    assert_eq!(data["report"]["title"], "上半年兰州市经济增速由负转正");
    assert_eq!(data["indicators"][0]["text"]["value"], "1422.22亿元");
    let fonts: serde_json::Value =
        serde_json::from_slice(&std::fs::read(emitted.join("fonts.json")).unwrap()).unwrap();
    assert_eq!(fonts["fangsong"]["family"][0], "Noto Serif CJK SC");
    // --timings lists every stage.
    for stage in [
        "读取",
        "检查",
        "措辞",
        "字体",
        "排版",
        "PDF",
        "汇总表",
        "写文件",
    ] {
        assert!(stderr.contains(stage), "{stage} not in {stderr}");
    }
}

#[test]
fn watch_ignores_its_own_output() {
    // A template file beside the workbook: its folder, watched for template
    // changes, holds the output folder too.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("mine.typ"),
        "#set text(font: \"Noto Serif CJK SC\")\n#sys.inputs.briefing.report.title\n",
    )
    .unwrap();
    let path = dir.path().join("简报.xlsx");
    workbook(&path, "正文。", Some("mine.typ"));
    let pdf = dir.path().join("out/简报.pdf");
    let mut watch = watch(&[path.as_os_str()]);
    wait_until("the first PDF", &mut watch.0, || pdf.exists());
    std::thread::sleep(Duration::from_secs(3));
    let stderr = stop(watch);
    assert_eq!(stderr.matches("已重新编译").count(), 1, "{stderr}");
}

#[test]
fn watch_follows_the_template_files_the_compile_read_and_no_others() {
    // A folder template whose main file includes a part; a notes file in
    // the same folder is never read by the compile.
    let dir = tempfile::tempdir().unwrap();
    let template = folder_template(dir.path(), "#include \"part.typ\"\n");
    std::fs::write(template.join("part.typ"), "部件甲。").unwrap();
    std::fs::write(template.join("notes.txt"), "说明").unwrap();
    let path = dir.path().join("简报.xlsx");
    workbook(&path, "正文。", Some("mine"));
    let pdf = dir.path().join("out/简报.pdf");
    let mut watch = watch(&[path.as_os_str()]);
    wait_until("the first PDF", &mut watch.0, || {
        pdf_text(&pdf).contains("部件甲。")
    });

    // A file the compile did not read changes nothing.
    std::fs::write(template.join("notes.txt"), "说明，改过").unwrap();
    std::thread::sleep(Duration::from_secs(2));
    // The included part is followed, and read again.
    std::fs::write(template.join("part.typ"), "部件乙。").unwrap();
    wait_until("the edited part", &mut watch.0, || {
        pdf_text(&pdf).contains("部件乙。")
    });
    std::thread::sleep(Duration::from_secs(1));
    let stderr = stop(watch);
    assert_eq!(stderr.matches("已重新编译").count(), 2, "{stderr}");
}

#[test]
fn watch_says_when_a_file_cannot_be_written_and_writes_it_on_the_next_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("简报.xlsx");
    workbook(&path, "第一稿。", None);
    let pdf = dir.path().join("out/简报.pdf");
    let mut watch = watch(&[path.as_os_str()]);
    wait_until("the first PDF", &mut watch.0, || {
        pdf_text(&pdf).contains("第一稿。")
    });
    // Something stands where the PDF goes (on Windows: a PDF reader holds
    // it open), so the next compile cannot write it.
    std::fs::remove_file(&pdf).unwrap();
    std::fs::create_dir(&pdf).unwrap();
    save_by_rename(&path, |temp| workbook(temp, "第二稿。", None));
    std::thread::sleep(Duration::from_secs(2));
    assert!(pdf.is_dir());
    // Once it is out of the way, the next save writes it.
    std::fs::remove_dir(&pdf).unwrap();
    save_by_rename(&path, |temp| workbook(temp, "第三稿。", None));
    wait_until("the third draft", &mut watch.0, || {
        pdf_text(&pdf).contains("第三稿。")
    });
    let stderr = stop(watch);
    assert!(
        stderr.contains("简报.pdf 没能写入（可能正在别的程序里打开着），保留了上次生成的文件。关掉它以后，再保存一次工作簿即可重新生成。"),
        "{stderr}"
    );
}

#[test]
fn watch_waits_for_a_workbook_saved_in_place_to_be_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("简报.xlsx");
    workbook(&path, "第一稿。", None);
    let pdf = dir.path().join("out/简报.pdf");
    let mut watch = watch(&[path.as_os_str()]);
    wait_until("the first PDF", &mut watch.0, || {
        pdf_text(&pdf).contains("第一稿。")
    });
    // As LibreOffice saves: the file itself is rewritten, here in two
    // writes with a pause between them longer than a compile's retries of
    // an unreadable workbook (5 × 0.2 s) last.
    let next = dir.path().join("next.xlsx");
    workbook(&next, "第二稿。", None);
    let bytes = std::fs::read(&next).unwrap();
    {
        use std::io::Write;
        let mut file = std::fs::File::create(&path).unwrap();
        file.write_all(&bytes[..bytes.len() / 2]).unwrap();
        file.flush().unwrap();
        std::thread::sleep(Duration::from_millis(1500));
        file.write_all(&bytes[bytes.len() / 2..]).unwrap();
    }
    wait_until("the second draft", &mut watch.0, || {
        pdf_text(&pdf).contains("第二稿。")
    });
    let stderr = stop(watch);
    assert!(!stderr.contains("无法读取"), "{stderr}");
    assert_eq!(stderr.matches("已重新编译").count(), 2, "{stderr}");
}
