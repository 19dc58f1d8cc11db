//! Reading real-world workbooks: values as people type them, the formats
//! spreadsheet programs save, planted mistakes reported at their cells, and
//! damaged files that must end in a clear error, never a panic or a hang.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};

/// A workbook with every case of the reading rules, as a person would make
/// it: a title row above the headers, headers in another order with spaces
/// and line breaks, numbers typed as text, percentages, merged cells, a
/// formula, dates, a hidden sheet and trailing empty rows.
fn messy_workbook(path: &Path) {
    let mut wb = Workbook::new();
    let percent = Format::new().set_num_format("0.0%");
    let date = Format::new().set_num_format("yyyy-mm-dd");

    let report = wb.add_worksheet();
    report.set_name("报告").unwrap();
    report.write_row(0, 0, ["项目", "内容"]).unwrap();
    report.write_row(1, 0, ["标题", "  读取测试  "]).unwrap();
    report.write_string(2, 0, "日期").unwrap();
    let day = ExcelDateTime::from_ymd(2020, 8, 4).unwrap();
    report
        .write_datetime_with_format(2, 1, &day, &date)
        .unwrap();
    report.write_row(3, 0, ["报告期", "2020年上半年"]).unwrap();

    let ind = wb.add_worksheet();
    ind.set_name("指标").unwrap();
    ind.write_string(0, 0, "2020年上半年主要指标（单位见表）")
        .unwrap();
    ind.write_row(
        1,
        0,
        [
            "同比",
            " 数值 ",
            "单位",
            "指\n标",
            "代码",
            "板块",
            "上年同期",
        ],
    )
    .unwrap();
    // Numbers typed as text, in all the ways people type them.
    let rows: [(&str, &str, &str, &str); 6] = [
        ("a", "1,422.22", "亿元", "逗号千分位"),
        ("b", " 1422.22 ", "亿元", "前后空格"),
        ("c", "１４２２．２２", "亿元", "全角数字"),
        ("d", "1422.22亿元", "亿元", "带单位"),
        ("e", "−1.6", "%", "负号"),
        ("f", "94.6%", "%", "百分号"),
    ];
    for (i, (code, value, unit, name)) in rows.iter().enumerate() {
        let r = 2 + i as u32;
        ind.write_string(r, 1, *value).unwrap();
        ind.write_string(r, 2, *unit).unwrap();
        ind.write_string(r, 3, *name).unwrap();
        ind.write_string(r, 4, *code).unwrap();
    }
    // 同比 as a number, as text with %, negative, and as a percentage cell.
    ind.write_number(2, 0, 1.5).unwrap();
    ind.write_string(3, 0, "1.5%").unwrap();
    ind.write_number(4, 0, -1.6).unwrap();
    ind.write_number_with_format(5, 0, 0.015, &percent).unwrap();
    // A 板块 merged over the first three indicators, another over the rest.
    ind.merge_range(2, 5, 4, 5, "稳经济", &Format::new())
        .unwrap();
    ind.merge_range(5, 5, 7, 5, "保民生", &Format::new())
        .unwrap();
    // A formula with its result stored, as spreadsheet programs save it.
    ind.write_formula(2, 6, Formula::new("=B3-20").set_result("1402.22"))
        .unwrap();
    // A real number and a percentage cell as 数值.
    ind.write_row(8, 1, ["", "万人", "真数字", "g"]).unwrap();
    ind.write_number(8, 1, 4.29).unwrap();
    ind.write_row(9, 2, ["%", "百分比格式", "h"]).unwrap();
    ind.write_number_with_format(9, 1, 0.946, &percent).unwrap();
    // Trailing empty rows with formatting only.
    ind.write_blank(30, 0, &percent).unwrap();

    let body = wb.add_worksheet();
    body.set_name("正文").unwrap();
    body.write_row(0, 0, ["章", "节", "段落"]).unwrap();
    body.merge_range(1, 0, 3, 0, "第一章", &Format::new())
        .unwrap();
    body.write_row(1, 1, ["一节", "总值{a}，{a:同比}。"])
        .unwrap();
    body.write_row(2, 2, ["增速{c:同比}；{f}。"]).unwrap();
    body.write_row(3, 1, ["二节", "就业{g}，比例{h}。"])
        .unwrap();

    let hidden = wb.add_worksheet();
    hidden.set_name("草稿").unwrap();
    hidden.write_string(0, 0, "不应出现").unwrap();
    hidden.set_hidden(true);
    wb.save(path).unwrap();
}

/// The lines the dump template prints for a workbook.
fn dump(workbook: &Path) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    compile_ok(workbook, dir.path(), &["--template", &dump_template()]);
    let stem = workbook.file_stem().unwrap().to_string_lossy();
    pdf_lines(&dir.path().join(format!("{stem}.pdf")))
}

#[test]
fn values_are_read_as_people_typed_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("messy.xlsx");
    messy_workbook(&path);
    insta::assert_snapshot!(dump(&path).join("\n"));
}

/// The same workbook as LibreOffice saves it in each format it writes.
#[test]
fn every_format_reads_the_same() {
    let xlsx = dump(&root().join("tests/fixtures/messy.xlsx"));
    for ext in ["xlsm", "ods", "xls"] {
        let path = root().join(format!("tests/fixtures/messy-libreoffice.{ext}"));
        assert_eq!(dump(&path), xlsx, "{ext} reads differently");
    }
}

/// Where cell formats cannot be read (.xlsb), a 同比 that looks like a
/// percentage stored as a fraction is read as typed, with a warning.
#[test]
fn a_fraction_that_may_be_a_percentage_is_flagged_where_formats_are_unknown() {
    use briefing::model::{Briefing, ReadOptions};
    use briefing::workbook::{Value, Workbook};
    let mut workbook =
        Workbook::open(&root().join("tests/fixtures/messy-libreoffice.xls")).unwrap();
    workbook.formats_known = false;
    let sheet = workbook
        .sheets
        .iter_mut()
        .find(|s| s.name == "指标")
        .unwrap();
    let row = (5 - sheet.first_row) as usize;
    sheet.rows[row][0] = Value::Number(0.015);
    let (_, diags) = Briefing::from_workbook(&workbook, &ReadOptions::default());
    let warning = diags
        .iter()
        .find(|d| d.message.contains("0.015"))
        .expect("a warning");
    assert_eq!(warning.cell.as_ref().unwrap().to_string(), "指标!A6");
    assert!(
        warning.message.contains("像是设为百分比格式的 1.5%"),
        "{}",
        warning.message
    );
}

#[test]
fn the_fixture_matches_the_workbook_the_tests_build() {
    // tests/fixtures/messy.xlsx is messy_workbook() saved once, and the
    // LibreOffice fixtures were converted from it (tests/fixtures/README.md).
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("messy.xlsx");
    messy_workbook(&path);
    assert_eq!(dump(&path), dump(&root().join("tests/fixtures/messy.xlsx")));
}

#[test]
fn a_formula_without_a_stored_result_is_an_error_that_says_what_to_do() {
    let output = briefing([
        "check".as_ref(),
        root()
            .join("tests/fixtures/uncached-formula.xlsx")
            .as_os_str(),
    ]);
    let (_, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("指标!C2：单元格是公式“=1400+22.22”，但文件里没有它的计算结果"),
        "{stderr}"
    );
    assert!(stderr.contains("打开并保存一次"), "{stderr}");
}

/// A dozen planted mistakes, each reported once at its cell.
#[test]
fn planted_mistakes_are_each_reported_at_their_cell() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mistakes.xlsx");
    let mut wb = Workbook::new();
    let report = wb.add_worksheet();
    report.set_name("报告").unwrap();
    report.write_row(0, 0, ["项目", "内容"]).unwrap();
    report.write_row(1, 0, ["标题", ""]).unwrap(); // 1: empty title
    report
        .write_row(2, 0, ["导语", "总值{gdp}，{gdp:定基}。"])
        .unwrap(); // 2: unknown form
    let ind = wb.add_worksheet();
    ind.set_name("指标").unwrap();
    ind.write_row(0, 0, ["代码", "指标", "数值", "单位", "上年同期", "同比"])
        .unwrap();
    ind.write_row(
        1,
        0,
        ["gdp", "地区生产总值", "1422.22", "亿元", "1000", "1.5"],
    )
    .unwrap(); // 3: 同比 disagrees
    ind.write_row(2, 0, ["gdp", "重复", "1", "亿元"]).unwrap(); // 4: duplicate code
    ind.write_row(3, 0, ["x", "", "2", "个"]).unwrap(); // 5: empty name
    ind.write_row(4, 0, ["y", "文字数值", "很多", "个"])
        .unwrap(); // 6: not a number
    ind.write_row(5, 0, ["z", "单位不符", "3万元", "亿元"])
        .unwrap(); // 7: unit mismatch
    ind.write_formula(6, 2, Formula::new("=1/0").set_result("#DIV/0!"))
        .unwrap();
    ind.write_row(6, 0, ["w", "错误值"]).unwrap(); // 8: error value
    ind.write_row(7, 0, ["", "没有代码", "4", "个"]).unwrap(); // 9: empty code
    ind.write_row(8, 0, ["v", "空数值", "", "个"]).unwrap(); // 10: empty value
    let body = wb.add_worksheet();
    body.set_name("正文").unwrap();
    body.write_row(0, 0, ["段落"]).unwrap();
    body.write_row(1, 0, ["引用{nope}。"]).unwrap(); // 11: unknown code
    body.write_row(2, 0, ["上年{x:上年同期}。"]).unwrap(); // 12: missing field (x is invalid too)
    body.write_row(3, 0, ["未闭合{gdp。"]).unwrap(); // 13: unclosed brace
    wb.save(&path).unwrap();

    let output = briefing([
        "check".as_ref(),
        path.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let lines: Vec<String> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{} {}!{} {}",
                d["severity"].as_str().unwrap(),
                d["sheet"].as_str().unwrap_or("-"),
                d["cell"].as_str().unwrap_or("-"),
                d["message"].as_str().unwrap()
            )
        })
        .collect();
    insta::assert_snapshot!(lines.join("\n"));
}

/// Runs `briefing check` on a file and returns its exit code, failing the
/// test on a panic, a crash or a run longer than ten seconds.
fn check_ends_cleanly(path: &Path) -> i32 {
    let mut child = Command::new(env!("CARGO_BIN_EXE_briefing"))
        .arg("check")
        .arg(path)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(10) {
            child.kill().unwrap();
            panic!("{} hung", path.display());
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut stderr = String::new();
    std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut stderr).unwrap();
    let code = status
        .code()
        .unwrap_or_else(|| panic!("{} crashed: {status}", path.display()));
    assert!(
        code == 0 || code == 1,
        "{}: exit {code}\n{stderr}",
        path.display()
    );
    assert!(!stderr.contains("panicked"), "{}: {stderr}", path.display());
    if code == 1 {
        assert!(
            !stderr.trim().is_empty(),
            "{}: failed without a message",
            path.display()
        );
    }
    code
}

/// A small deterministic generator for the mutations.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % below.max(1)
    }
}

#[test]
fn damaged_files_end_in_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let sample = std::fs::read(sample()).unwrap();
    let mut files: Vec<PathBuf> = Vec::new();
    let mut write = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        files.push(path);
    };
    let mut rng = Lcg(20200804);
    for i in 0..40 {
        let mut bytes = sample.clone();
        for _ in 0..=i % 8 {
            let at = rng.next(bytes.len());
            bytes[at] ^= 1 << rng.next(8);
        }
        write(&format!("flipped-{i}.xlsx"), &bytes);
    }
    for i in 0..10 {
        let at = rng.next(sample.len());
        write(&format!("truncated-{i}.xlsx"), &sample[..at]);
    }
    // The other formats have readers of their own.
    for ext in ["ods", "xls"] {
        let original =
            std::fs::read(root().join(format!("tests/fixtures/messy-libreoffice.{ext}"))).unwrap();
        for i in 0..15 {
            let mut bytes = original.clone();
            for _ in 0..=i % 4 {
                let at = rng.next(bytes.len());
                bytes[at] ^= 1 << rng.next(8);
            }
            write(&format!("flipped-{i}.{ext}"), &bytes);
        }
        let at = rng.next(original.len());
        write(&format!("truncated.{ext}"), &original[..at]);
    }
    write("empty.xlsx", b"");
    write("text.xlsx", "这不是工作簿".as_bytes());
    write(
        "random.ods",
        &(0..4096).map(|_| rng.next(256) as u8).collect::<Vec<_>>(),
    );
    // An encrypted workbook is an OLE container with an .xlsx name.
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend(std::iter::repeat_n(0u8, 4096));
    write("encrypted.xlsx", &ole);
    write("garbage.xls", &ole);

    // Files that crashed earlier versions (see tests/fixtures/README.md).
    for entry in std::fs::read_dir(root().join("tests/fixtures/damaged")).unwrap() {
        files.push(entry.unwrap().path());
    }
    for path in &files {
        check_ends_cleanly(path);
    }
    let encrypted = Command::new(env!("CARGO_BIN_EXE_briefing"))
        .arg("check")
        .arg(dir.path().join("encrypted.xlsx"))
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&encrypted.stderr).contains("受密码保护"));
}

#[test]
fn a_zip_that_is_not_a_workbook_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("archive.xlsx");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    zip.start_file("readme.txt", zip::write::SimpleFileOptions::default())
        .unwrap();
    std::io::Write::write_all(&mut zip, "不是工作簿".as_bytes()).unwrap();
    zip.finish().unwrap();
    assert_eq!(check_ends_cleanly(&path), 1);
}

#[test]
fn a_value_a_million_columns_away_is_refused_without_allocating_the_range() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("far.xlsx");
    let mut wb = Workbook::new();
    let sheet = wb.add_worksheet();
    sheet.set_name("报告").unwrap();
    sheet.write_row(0, 0, ["项目", "内容"]).unwrap();
    sheet.write_string(1_048_575, 16_383, "远处").unwrap();
    wb.save(&path).unwrap();
    assert_eq!(check_ends_cleanly(&path), 1);
    let output = briefing(["check".as_ref(), path.as_os_str()]);
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("在 XFD1048576 处有内容，使用范围过大")
    );
}

#[test]
fn a_part_that_inflates_to_gigabytes_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bomb.xlsx");
    let file = std::fs::File::create(&path).unwrap();
    let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(file));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file("xl/sharedStrings.xml", options).unwrap();
    let block = vec![b' '; 1 << 20];
    for _ in 0..300 {
        std::io::Write::write_all(&mut zip, &block).unwrap();
    }
    zip.finish().unwrap();
    assert_eq!(check_ends_cleanly(&path), 1);
    let output = briefing(["check".as_ref(), path.as_os_str()]);
    assert!(String::from_utf8_lossy(&output.stderr).contains("解压后有 300 MB"));
}

/// Rewrites tests/fixtures/messy.xlsx; see tests/fixtures/README.md.
#[test]
#[ignore = "writes the fixtures; run by hand with --ignored"]
fn write_fixtures() {
    messy_workbook(&root().join("tests/fixtures/messy.xlsx"));
}

/// A merged cell is one cell: a problem in its text is reported once, at
/// the cell people see, not once per row it covers.
#[test]
fn a_merged_cell_is_reported_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("merged.xlsx");
    let mut wb = Workbook::new();
    let report = wb.add_worksheet();
    report.set_name("报告").unwrap();
    report.write_row(0, 0, ["项目", "内容"]).unwrap();
    report.write_row(1, 0, ["标题", "合并"]).unwrap();
    let body = wb.add_worksheet();
    body.set_name("正文").unwrap();
    body.write_row(0, 0, ["章", "段落"]).unwrap();
    body.merge_range(1, 0, 3, 0, "关键词:发展", &Format::new())
        .unwrap();
    for row in 1..=3 {
        body.write_string(row, 1, "正文。").unwrap();
    }
    wb.save(&path).unwrap();
    let output = briefing([
        "check".as_ref(),
        path.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let cells: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["cell"].as_str().unwrap())
        .collect();
    assert_eq!(cells, ["A2"], "{json:#}");
    let lines = dump(&path);
    assert_eq!(
        lines
            .iter()
            .filter(|l| l.starts_with("章|"))
            .collect::<Vec<_>>(),
        ["章|关键词：发展"]
    );
}

/// A small workbook of the sample's shape with one more 指标 column whose
/// header is `header`, the cell's text put into the file as it is (as a
/// program that is not a spreadsheet could write it, past Excel's limit of
/// 32,767).
fn workbook_with_header(path: &Path, header: &str) {
    let marker = "长列名";
    let mut book = sample_workbook_with_extra_header(marker);
    book.save(path).unwrap();
    let original = std::fs::read(path).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(original)).unwrap();
    let mut out = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().into_owned();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut bytes).unwrap();
        if name.ends_with(".xml") {
            bytes = String::from_utf8(bytes)
                .unwrap()
                .replace(marker, header)
                .into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut out, &bytes).unwrap();
    }
    out.finish().unwrap();
}

/// A small workbook of the sample's shape whose 指标 sheet has one more
/// column, headed `extra`.
fn sample_workbook_with_extra_header(extra: &str) -> Workbook {
    let mut wb = Workbook::new();
    let report = wb.add_worksheet();
    report.set_name("报告").unwrap();
    report.write_row(0, 0, ["项目", "内容"]).unwrap();
    report
        .write_row(1, 0, ["标题", "列名很长的工作簿"])
        .unwrap();
    let ind = wb.add_worksheet();
    ind.set_name("指标").unwrap();
    ind.write_row(0, 0, ["代码", "指标", "数值", "单位", "同比", extra])
        .unwrap();
    ind.write_row(1, 0, ["gdp", "地区生产总值", "1422.22", "亿元", "1.5"])
        .unwrap();
    let body = wb.add_worksheet();
    body.set_name("正文").unwrap();
    body.write_row(0, 0, ["段落"]).unwrap();
    body.write_row(1, 0, ["全市实现地区生产总值{gdp}，同比{gdp:同比}。"])
        .unwrap();
    wb
}

#[test]
fn a_header_as_long_as_a_cell_can_be_is_warned_about_in_a_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("长列名.xlsx");
    workbook_with_header(&path, &"长".repeat(32_767));
    let out = dir.path().join("out");
    let output = compile_into(&path, &out, &[]);
    let (stdout, stderr) = text(&output);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    let warning = stderr
        .lines()
        .find(|l| l.contains("不认识"))
        .unwrap_or_else(|| panic!("{stderr}"));
    assert_eq!(
        warning,
        format!(
            "警告: 指标!F1：列名“{}…（共 32767 字）”不认识，这一列没有读入",
            "长".repeat(20)
        )
    );
    // The summary workbook lists the warning too.
    assert!(out.join("长列名-汇总.xlsx").is_file(), "{stdout}");
}

#[test]
fn a_cell_longer_than_a_spreadsheet_allows_is_refused_at_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("过长.xlsx");
    workbook_with_header(&path, &"长".repeat(40_000));
    let output = Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(["check", "过长.xlsx"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let (_, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr.trim_end(),
        "错误: 无法读取工作簿 过长.xlsx：工作表“指标”的 F1 单元格有 40000 个字符，\
         超过表格软件一个单元格最多 32767 个字符的上限。请把这段文字分写到几个单元格（正文的每个段落一个单元格）"
    );
}
