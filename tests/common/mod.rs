//! Helpers shared by the integration tests: running the binary, building
//! workbooks, and reading PDFs and workbooks back.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use rust_xlsxwriter::Workbook;

pub mod http;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The sample workbook shipped in data/.
pub fn sample() -> PathBuf {
    root().join("data/兰州市2020年上半年成绩单.xlsx")
}

/// Runs the briefing binary with `args`.
pub fn briefing<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(args)
        .env("BRIEFING_FONT_CACHE", font_cache())
        .output()
        .expect("briefing runs")
}

/// The font cache of the tests' runs, never the user's.
pub fn font_cache() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("briefing-fonts-test.json")
}

/// Standard output and error of a run, for assertion messages.
pub fn text(output: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Runs `briefing compile <workbook> --out <out> <extra…>`, whatever its
/// outcome.
pub fn compile_into(workbook: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "compile".as_ref(),
        workbook.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ];
    args.extend(extra.iter().map(|s| std::ffi::OsStr::new(*s)));
    briefing(args)
}

/// Compiles `workbook` into `out` and panics with the messages on failure.
pub fn compile_ok(workbook: &Path, out: &Path, extra: &[&str]) -> String {
    let output = compile_into(workbook, out, extra);
    let (stdout, stderr) = text(&output);
    assert!(
        output.status.success(),
        "compile failed:\n{stdout}\n{stderr}"
    );
    stdout
}

/// Text of a PDF in content order, without the page margins (so that running
/// headers and page numbers do not split paragraphs).
pub fn pdf_body_text(pdf: &Path) -> String {
    pdftotext(
        pdf,
        &["-raw", "-x", "0", "-y", "60", "-W", "595", "-H", "722"],
    )
}

/// Compiles `workbook` into `out` and returns the body text of its PDF
/// without whitespace.
pub fn printed_text(workbook: &Path, out: &Path) -> String {
    compile_ok(workbook, out, &[]);
    let stem = workbook.file_stem().unwrap().to_string_lossy();
    squeeze(&pdf_body_text(&out.join(format!("{stem}.pdf"))))
}

/// The fixture `name` of tests/fixtures/, checked to be what `build`
/// writes (into `dir`, for the comparison).
pub fn rebuilt_fixture(name: &str, build: fn(&Path), dir: &Path) -> PathBuf {
    let fixture = root().join("tests/fixtures").join(name);
    let rebuilt = dir.join("rebuilt.xlsx");
    build(&rebuilt);
    assert_eq!(
        read_sheets(&fixture),
        read_sheets(&rebuilt),
        "{name} is not what its builder writes"
    );
    fixture
}

/// The sheets of a workbook, as debug text for comparisons.
fn read_sheets(path: &Path) -> String {
    format!(
        "{:?}",
        briefing::workbook::Workbook::open(path).unwrap().sheets
    )
}

/// Text of a PDF, line by line in reading order.
pub fn pdf_lines(pdf: &Path) -> Vec<String> {
    lines(&pdftotext(pdf, &[]))
}

/// Text of one page of a PDF (1 is the first), line by line.
pub fn pdf_page_lines(pdf: &Path, page: usize) -> Vec<String> {
    let page = page.to_string();
    lines(&pdftotext(pdf, &["-f", &page, "-l", &page]))
}

/// How many pages a PDF has.
pub fn pdf_page_count(pdf: &Path) -> usize {
    let output = Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("pdfinfo runs");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo gives the page count")
}

/// Text of a PDF, line by line in the order it was drawn (a grid's cells
/// one after the other, rather than row by row across them).
pub fn pdf_raw_lines(pdf: &Path) -> Vec<String> {
    lines(&pdftotext(pdf, &["-raw"]))
}

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

fn pdftotext(pdf: &Path, args: &[&str]) -> String {
    let output = Command::new("pdftotext")
        .args(args)
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext is installed (poppler-utils)");
    assert!(
        output.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    String::from_utf8(output.stdout).expect("UTF-8 text")
}

/// Asserts that `lines` holds `line`, showing all lines when it does not.
pub fn assert_line(lines: &[String], line: &str) {
    assert!(
        lines.iter().any(|l| l == line),
        "{line:?} not among {lines:#?}"
    );
}

/// Removes all whitespace, for comparisons that ignore line breaks.
pub fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Folds punctuation width, so that a half-width mark and its full-width
/// form compare equal (the reference article types "," where the briefing
/// prints "，").
pub fn fold_punctuation(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '，' => ',',
            '：' => ':',
            '；' => ';',
            '（' => '(',
            '）' => ')',
            '？' => '?',
            '！' => '!',
            other => other,
        })
        .collect()
}

/// Whether a character is a Han character.
pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

// ---------------------------------------------------------------- word boxes

/// A word of a PDF page as `pdftotext -bbox` places it, in points from the
/// page's top left corner.
#[derive(Debug, Clone)]
pub struct Word {
    pub text: String,
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

/// A page's size and its words.
pub struct Page {
    pub width: f64,
    pub height: f64,
    pub words: Vec<Word>,
}

/// The value of `name="…"` in an XHTML tag.
fn attribute(tag: &str, name: &str) -> f64 {
    let start = tag.find(&format!("{name}=\"")).expect(name) + name.len() + 2;
    let end = start + tag[start..].find('"').unwrap();
    tag[start..end].parse().unwrap()
}

/// Every page of a PDF with its words, as `pdftotext -bbox` gives them.
pub fn pdf_words(pdf: &Path) -> Vec<Page> {
    let output = Command::new("pdftotext")
        .arg("-bbox")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext is installed (poppler-utils)");
    assert!(output.status.success(), "pdftotext {}", pdf.display());
    let html = String::from_utf8_lossy(&output.stdout);
    let mut pages: Vec<Page> = Vec::new();
    for line in html.lines().map(str::trim) {
        if line.starts_with("<page ") {
            pages.push(Page {
                width: attribute(line, "width"),
                height: attribute(line, "height"),
                words: Vec::new(),
            });
        } else if let Some(rest) = line.strip_prefix("<word ") {
            let (tag, text) = rest.split_once('>').unwrap();
            let text = text.trim_end_matches("</word>");
            pages.last_mut().unwrap().words.push(Word {
                text: text
                    .replace("&amp;", "&")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">"),
                x0: attribute(tag, "xMin"),
                y0: attribute(tag, "yMin"),
                x1: attribute(tag, "xMax"),
                y1: attribute(tag, "yMax"),
            });
        }
    }
    pages
}

/// How far two words may overlap (in points, each way) and still count as
/// touching: neighbouring glyphs set with a hair of negative tracking.
const TOUCH: f64 = 0.5;

/// Problems with the words of a PDF: a word off its page, or two words
/// drawn over each other.
///
/// A word's box is the em boxes of its glyphs (poppler gives each glyph its
/// font size in height), so lines set apart by their leading never touch,
/// and nothing needs to be excused: the 公文 page number sits 7 mm below
/// the type area and the red masthead's name on grid lines of its own. The
/// one thing poppler gets wrong is the empty half of a full-width mark, see
/// `ink_box`.
pub fn word_problems(pdf: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    for (n, page) in pdf_words(pdf).iter().enumerate() {
        for w in &page.words {
            if w.x0 < -TOUCH
                || w.y0 < -TOUCH
                || w.x1 > page.width + TOUCH
                || w.y1 > page.height + TOUCH
            {
                problems.push(format!(
                    "page {}: “{}” off the page at {w:?}",
                    n + 1,
                    w.text
                ));
            }
        }
        let boxes: Vec<Word> = page.words.iter().map(ink_box).collect();
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                let across = a.x1.min(b.x1) - a.x0.max(b.x0);
                let down = a.y1.min(b.y1) - a.y0.max(b.y0);
                if across > TOUCH && down > TOUCH {
                    problems.push(format!(
                        "page {}: “{}” over “{}”: {a:?} {b:?}",
                        n + 1,
                        a.text,
                        b.text
                    ));
                }
            }
        }
    }
    problems
}

/// The box a word's glyphs are drawn in. A full-width mark draws in one
/// half of its em box (a closing mark in the left half, an opening mark in
/// the right), and Typst may set it in that half alone, next to another
/// mark or at the end of a line; poppler still gives it the whole em. So a
/// word that ends with a closing mark ends half an em earlier, and one
/// that starts with an opening mark starts half an em later. (A word's box
/// is its glyphs' em boxes: its height is the font size.)
pub fn ink_box(w: &Word) -> Word {
    const CLOSING: &str = "，。、；：！？）》」』】〕”’";
    const OPENING: &str = "（《「『【〔“‘";
    let half = (w.y1 - w.y0) / 2.0;
    let mut ink = w.clone();
    if w.text.chars().last().is_some_and(|c| CLOSING.contains(c)) {
        ink.x1 -= half;
    }
    if w.text.chars().next().is_some_and(|c| OPENING.contains(c)) {
        ink.x0 += half;
    }
    ink
}

/// A cell of a test workbook.
#[derive(Clone, Debug)]
pub enum Cell {
    /// Text.
    T(&'static str),
    /// Text made by the test.
    S(String),
    /// A number.
    N(f64),
    /// A percentage as it shows (5.3 for 5.3%), stored as Excel stores it
    /// (0.053) in a cell formatted `0.0%`.
    P(f64),
    /// Nothing.
    E,
}

/// Writes a workbook with the given sheets, each a list of rows.
pub fn write_workbook(path: &Path, sheets: &[(&str, Vec<Vec<Cell>>)]) {
    let mut workbook = Workbook::new();
    let percent = rust_xlsxwriter::Format::new().set_num_format("0.0%");
    for (name, rows) in sheets {
        let sheet = workbook.add_worksheet();
        sheet.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                match cell {
                    Cell::T(s) => {
                        sheet.write_string(r as u32, c as u16, *s).unwrap();
                    }
                    Cell::S(s) => {
                        sheet.write_string(r as u32, c as u16, s).unwrap();
                    }
                    Cell::N(n) => {
                        sheet.write_number(r as u32, c as u16, *n).unwrap();
                    }
                    Cell::P(p) => {
                        // Parsed rather than divided, for the stored
                        // fraction to read back as exactly `p`%.
                        let stored: f64 = format!("{p}e-2").parse().unwrap();
                        sheet
                            .write_number_with_format(r as u32, c as u16, stored, &percent)
                            .unwrap();
                    }
                    Cell::E => {}
                }
            }
        }
    }
    workbook.save(path).unwrap();
}

/// Writes a copy of the sample workbook to `path`, its cells as values,
/// with `report` lines added to its 报告 sheet, `body` rows (章, 节, 段落)
/// added to its 正文 sheet, and `sheets` added after its own.
pub fn sample_with(
    path: &Path,
    report: &[(&str, &str)],
    body: &[[&str; 3]],
    sheets: &[(&str, Vec<Vec<Cell>>)],
) {
    use calamine::{Data, Reader, open_workbook_auto};
    let mut sample = open_workbook_auto(sample()).unwrap();
    let mut copied: Vec<(String, Vec<Vec<Cell>>)> = Vec::new();
    for name in sample.sheet_names() {
        let range = sample.worksheet_range(&name).unwrap();
        let mut rows: Vec<Vec<Cell>> = range
            .rows()
            .map(|row| {
                row.iter()
                    .map(|d| match d {
                        Data::Empty => Cell::E,
                        Data::Float(n) => Cell::N(*n),
                        Data::Int(n) => Cell::N(*n as f64),
                        other => Cell::S(other.to_string()),
                    })
                    .collect()
            })
            .collect();
        let added: Vec<Vec<Cell>> = match name.as_str() {
            "报告" => report
                .iter()
                .map(|(k, v)| vec![Cell::S(k.to_string()), Cell::S(v.to_string())])
                .collect(),
            "正文" => body
                .iter()
                .map(|row| row.iter().map(|c| Cell::S(c.to_string())).collect())
                .collect(),
            _ => Vec::new(),
        };
        rows.extend(added);
        copied.push((name, rows));
    }
    let mut all: Vec<(&str, Vec<Vec<Cell>>)> = copied
        .iter()
        .map(|(name, rows)| (name.as_str(), rows.clone()))
        .collect();
    all.extend(sheets.iter().cloned());
    write_workbook(path, &all);
}

/// A copy of the sample workbook, its cells as values, with 地区生产总值's
/// 数值 (指标!D2, cited by two placeholders) typed as “待定”.
pub fn planted_sample(path: &Path) {
    use calamine::{Data, Reader, open_workbook_auto};
    let mut sample = open_workbook_auto(sample()).unwrap();
    let mut sheets: Vec<(String, Vec<Vec<Cell>>)> = Vec::new();
    for name in sample.sheet_names() {
        let range = sample.worksheet_range(&name).unwrap();
        let mut rows: Vec<Vec<Cell>> = range
            .rows()
            .map(|row| {
                row.iter()
                    .map(|d| match d {
                        Data::Empty => Cell::E,
                        Data::Float(n) => Cell::N(*n),
                        Data::Int(n) => Cell::N(*n as f64),
                        other => Cell::S(other.to_string()),
                    })
                    .collect()
            })
            .collect();
        if name == "指标" {
            assert!(matches!(&rows[1][0], Cell::S(code) if code == "gdp"));
            rows[1][3] = Cell::T("待定");
        }
        sheets.push((name, rows));
    }
    let sheets: Vec<(&str, Vec<Vec<Cell>>)> = sheets
        .iter()
        .map(|(name, rows)| (name.as_str(), rows.clone()))
        .collect();
    write_workbook(path, &sheets);
}

/// The dump template of the tests: prints the data a template receives.
pub fn dump_template() -> String {
    root()
        .join("tests/templates/dump")
        .to_string_lossy()
        .into_owned()
}

/// Region names of the generated batch workbooks: Lanzhou's districts and
/// counties, then numbered ones. One holds a `/`, which no file name can.
pub fn region_name(i: usize) -> String {
    const NAMES: [&str; 9] = [
        "城关区",
        "七里河区",
        "西固区",
        "安宁区",
        "红古区",
        "永登县",
        "皋兰县",
        "榆中县",
        "兰州新区/高新区",
    ];
    NAMES
        .get(i)
        .map_or_else(|| format!("第{}区", i + 1), |n| n.to_string())
}

/// The 地区生产总值 of region `i` in a generated batch: strictly falling
/// with `i`, so that region `i` ranks `i + 1` among all regions.
pub fn region_gdp(i: usize) -> f64 {
    5000.0 - 10.0 * i as f64
}

/// The 同比 of region `i`: falling with `i`, except that regions 0 and 1
/// tie (both rank first, region 2 ranks third).
pub fn region_yoy(i: usize) -> f64 {
    if i == 1 { 5.0 } else { 5.0 - 0.1 * i as f64 }
}

/// Writes a workbook of `regions` district reports, read with
/// `--per 地区`: three indicators per region, one shared by all (an empty
/// 地区), and prose that cites the region, its figures and its ranks. When
/// `bad` names a region, its 地区生产总值 reads "待定" instead of a number.
pub fn write_regions_workbook(path: &Path, regions: usize, bad: Option<usize>) {
    let mut workbook = Workbook::new();
    let report = workbook.add_worksheet();
    report.set_name("报告").unwrap();
    let fields = [
        ("项目", "内容"),
        ("标题", "{地区}2020年上半年经济运行情况"),
        ("报告期", "2020年上半年"),
        ("日期", "2020年8月4日"),
        ("发布单位", "兰州市统计局"),
    ];
    for (r, (k, v)) in fields.iter().enumerate() {
        report.write_string(r as u32, 0, *k).unwrap();
        report.write_string(r as u32, 1, *v).unwrap();
    }

    let sheet = workbook.add_worksheet();
    sheet.set_name("指标").unwrap();
    let headers = ["地区", "板块", "代码", "指标", "数值", "单位", "同比"];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let mut row = 1u32;
    let mut put =
        |region: &str, code: &str, name: &str, value: Result<f64, &str>, unit: &str, yoy: f64| {
            sheet.write_string(row, 0, region).unwrap();
            sheet.write_string(row, 1, "经济总量").unwrap();
            sheet.write_string(row, 2, code).unwrap();
            sheet.write_string(row, 3, name).unwrap();
            match value {
                Ok(n) => sheet.write_number(row, 4, n).unwrap(),
                Err(text) => sheet.write_string(row, 4, text).unwrap(),
            };
            sheet.write_string(row, 5, unit).unwrap();
            sheet.write_number(row, 6, yoy).unwrap();
            row += 1;
        };
    put("", "city_gdp", "全市地区生产总值", Ok(1422.22), "亿元", 1.5);
    for i in 0..regions {
        let name = region_name(i);
        let gdp = if bad == Some(i) {
            Err("待定")
        } else {
            Ok(region_gdp(i))
        };
        put(&name, "gdp", "地区生产总值", gdp, "亿元", region_yoy(i));
        put(
            &name,
            "retail",
            "社会消费品零售总额",
            Ok(100.0 + i as f64),
            "亿元",
            -2.0,
        );
        put(
            &name,
            "invest",
            "固定资产投资",
            Ok(50.0 + (i % 7) as f64),
            "亿元",
            3.5,
        );
    }

    let body = workbook.add_worksheet();
    body.set_name("正文").unwrap();
    let paragraphs = [
        ("章", "段落"),
        (
            "总体情况",
            "上半年，{地区}实现地区生产总值{gdp}，总量居全市{gdp:位次}；同比{gdp:同比}，增速居全市{gdp:增速位次}。",
        ),
        (
            "总体情况",
            "全市实现地区生产总值{city_gdp}，同比{city_gdp:同比}。",
        ),
        (
            "消费与投资",
            "社会消费品零售总额{retail}，同比{retail:同比}；固定资产投资同比{invest:同比}。",
        ),
    ];
    for (r, (chapter, text)) in paragraphs.iter().enumerate() {
        body.write_string(r as u32, 0, *chapter).unwrap();
        body.write_string(r as u32, 1, *text).unwrap();
    }
    workbook.save(path).unwrap();
}

/// The names and units of the indicators of [`write_overview_workbook`].
pub const OVERVIEW_INDICATORS: [(&str, &str); 12] = [
    ("地区生产总值", "亿元"),
    ("社会消费品零售总额", "亿元"),
    ("城镇调查失业率", "%"),
    ("规模以上工业企业个数", "个"),
    ("固定资产投资（不含农户）", "亿元"),
    ("城镇常住居民人均可支配收入", "元"),
    ("农村常住居民人均可支配收入", "元"),
    ("一般公共预算收入", "亿元"),
    ("金融机构人民币各项存款余额", "亿元"),
    ("金融机构人民币各项贷款余额", "亿元"),
    ("全社会用电量", "亿千瓦时"),
    ("规模以上工业增加值", "亿元"),
];

/// A figure of region `i` and indicator `j` of [`write_overview_workbook`]
/// among `regions`: 数值, 上年同期 and 同比 as written in the workbook.
///
/// - Indicators 0 and 4.. have a 同比 and distinct values; their 同比
///   repeat (ties) and fall below zero for some regions.
/// - Indicator 1's values tie three by three.
/// - Indicator 2 is a rate with 上年同期 and no 同比: its growth is in
///   points, 数值 − 上年同期.
/// - Indicator 3 has neither 同比 nor 上年同期: no growth at all.
pub fn overview_figure(regions: usize, i: usize, j: usize) -> (f64, Option<f64>, Option<f64>) {
    let spread = ((i * 7 + j * 3) % regions) as f64;
    let yoy = ((i * 11 + j * 5) % 17) as f64 / 2.0 - 3.0;
    match j {
        1 => (
            100.0 + ((i * 7) % regions / 3) as f64 * 5.0,
            None,
            Some(yoy),
        ),
        2 => {
            let value = 50.0 + spread;
            (value, Some(value - ((i * 3) % 5) as f64 + 2.0), None)
        }
        3 => (1000.0 + spread * 3.0, None, None),
        _ => (4000.0 + spread * 10.0 + j as f64 / 10.0, None, Some(yoy)),
    }
}

/// Writes a workbook of `regions` district reports with the first
/// `indicators` of [`OVERVIEW_INDICATORS`] for each (codes `x0`, `x1`…;
/// figures from [`overview_figure`]), read with `--per 地区`, and prose
/// that cites each region's ranks. When `bad` names a region, its first
/// indicator's 数值 reads "待定". `fields` are added to the 报告 sheet.
pub fn write_overview_workbook(
    path: &Path,
    regions: usize,
    indicators: usize,
    bad: Option<usize>,
    fields: &[(&str, &str)],
) {
    let mut report = vec![
        vec![Cell::T("项目"), Cell::T("内容")],
        vec![Cell::T("标题"), Cell::T("{地区}2020年上半年经济运行情况")],
        vec![Cell::T("报告期"), Cell::T("2020年上半年")],
        vec![Cell::T("日期"), Cell::T("2020年8月4日")],
        vec![Cell::T("发布单位"), Cell::T("兰州市统计局")],
    ];
    for (key, value) in fields {
        report.push(vec![Cell::S(key.to_string()), Cell::S(value.to_string())]);
    }
    let mut rows = vec![
        [
            "地区",
            "板块",
            "代码",
            "指标",
            "数值",
            "单位",
            "上年同期",
            "同比",
            "类型",
        ]
        .map(Cell::T)
        .to_vec(),
    ];
    let number = |n: Option<f64>| n.map_or(Cell::E, Cell::N);
    for i in 0..regions {
        for (j, (name, unit)) in OVERVIEW_INDICATORS.iter().take(indicators).enumerate() {
            let (value, previous, yoy) = overview_figure(regions, i, j);
            rows.push(vec![
                Cell::S(region_name(i)),
                Cell::T("主要指标"),
                Cell::S(format!("x{j}")),
                Cell::T(name),
                if bad == Some(i) && j == 0 {
                    Cell::T("待定")
                } else {
                    Cell::N(value)
                },
                Cell::T(unit),
                number(previous),
                number(yoy),
                if j == 2 { Cell::T("比率") } else { Cell::E },
            ]);
        }
    }
    let body = vec![
        vec![Cell::T("章"), Cell::T("段落")],
        vec![
            Cell::T("总体情况"),
            Cell::T("{地区}地区生产总值{x0}，居全市{x0:位次}，增速居全市{x0:增速位次}。"),
        ],
    ];
    write_workbook(path, &[("报告", report), ("指标", rows), ("正文", body)]);
}

/// The median of `times` (the benchmarks report it).
pub fn median(mut times: Vec<std::time::Duration>) -> std::time::Duration {
    times.sort();
    times[times.len() / 2]
}

/// `d` in milliseconds.
pub fn ms(d: std::time::Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// A month's file from a county statistics bureau: a title merged
/// across, a two-row header of the month's and the year-to-date's period
/// groups (`groups`) over 绝对值 and 比上年同期增长%, then `rows` of name
/// (其中 rows indented as the bureau writes them), unit and four figures
/// as they show ("—" for none; a figure with a point shows one decimal),
/// and a footnote.
pub fn write_county_month(
    path: &Path,
    title: &str,
    groups: [&str; 2],
    rows: &[(&str, &str, [&str; 4])],
) {
    use rust_xlsxwriter::{Format, FormatAlign};
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet().set_name("主要指标").unwrap();
    let centre = Format::new().set_align(FormatAlign::Center);
    let one = Format::new().set_num_format("0.0");
    sheet.merge_range(0, 0, 0, 5, title, &centre).unwrap();
    sheet.merge_range(1, 0, 2, 0, "指标名称", &centre).unwrap();
    sheet.merge_range(1, 1, 2, 1, "计量单位", &centre).unwrap();
    sheet.merge_range(1, 2, 1, 3, groups[0], &centre).unwrap();
    sheet.merge_range(1, 4, 1, 5, groups[1], &centre).unwrap();
    let measures = ["绝对值", "比上年同期增长%", "绝对值", "比上年同期增长%"];
    sheet.write_row(2, 2, measures).unwrap();
    for (i, (name, unit, figures)) in rows.iter().enumerate() {
        let r = i as u32 + 3;
        sheet.write_string(r, 0, *name).unwrap();
        sheet.write_string(r, 1, *unit).unwrap();
        for (c, figure) in figures.iter().enumerate() {
            let col = c as u16 + 2;
            match figure.parse::<f64>() {
                Ok(n) if figure.contains('.') => {
                    sheet.write_number_with_format(r, col, n, &one).unwrap()
                }
                Ok(n) => sheet.write_number(r, col, n).unwrap(),
                Err(_) => sheet.write_string(r, col, *figure).unwrap(),
            };
        }
    }
    let last = rows.len() as u32 + 3;
    sheet
        .merge_range(
            last,
            0,
            last,
            5,
            "注：规模以上工业增加值增速按可比价格计算。",
            &Format::new(),
        )
        .unwrap();
    workbook.save(path).unwrap();
}
