//! Writing test workbooks: from rows of cells, from the sample, as a
//! county bureau's monthly table; and checking a fixture is what its
//! builder writes.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use rust_xlsxwriter::Workbook;

use super::paths::{root, sample};

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
    let mut copied = sample_sheets();
    for (name, rows) in &mut copied {
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
    }
    let mut all: Vec<(&str, Vec<Vec<Cell>>)> = copied
        .iter()
        .map(|(name, rows)| (name.as_str(), rows.clone()))
        .collect();
    all.extend(sheets.iter().cloned());
    write_workbook(path, &all);
}

/// The sheets of the sample workbook, its cells as values.
fn sample_sheets() -> Vec<(String, Vec<Vec<Cell>>)> {
    use calamine::{Data, Reader, open_workbook_auto};
    let mut sample = open_workbook_auto(sample()).unwrap();
    let mut sheets = Vec::new();
    for name in sample.sheet_names() {
        let range = sample.worksheet_range(&name).unwrap();
        let rows: Vec<Vec<Cell>> = range
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
        sheets.push((name, rows));
    }
    sheets
}

/// A copy of the sample workbook, its cells as values, with 地区生产总值's
/// 数值 (指标!D2, cited by two placeholders) typed as “待定”.
pub fn planted_sample(path: &Path) {
    let mut sheets = sample_sheets();
    for (name, rows) in &mut sheets {
        if name == "指标" {
            assert!(matches!(&rows[1][0], Cell::S(code) if code == "gdp"));
            rows[1][3] = Cell::T("待定");
        }
    }
    let sheets: Vec<(&str, Vec<Vec<Cell>>)> = sheets
        .iter()
        .map(|(name, rows)| (name.as_str(), rows.clone()))
        .collect();
    write_workbook(path, &sheets);
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

/// A county statistics bureau's monthly table (the sheet 主要指标), as
/// the bureau sends it: a title merged across, a two-row header of the
/// month's and the year-to-date's period groups over 绝对值 and
/// 比上年同期增长% (and, when the file has it, the previous
/// year-to-date's 比上年同期增长%), the rows, and a footnote.
pub struct CountyMonth<'a> {
    /// The title: `2023年1-11月全县主要经济指标`.
    pub title: &'a str,
    /// The month's and the year-to-date's period groups: `11月`, `1-11月`.
    pub groups: [&'a str; 2],
    /// The previous year-to-date period of a fifth column of growth:
    /// `1-10月`.
    pub before: Option<&'a str>,
    /// Each row: its name (其中 rows indented as the bureau writes them),
    /// its unit (empty for a heading, which has no figures) and its
    /// figures as they show: "—" for none, a figure with a point shows
    /// one decimal, any other text as typed.
    pub rows: &'a [(&'a str, &'a str, &'a [&'a str])],
    /// A note under the table, merged across it.
    pub footnote: Option<&'a str>,
}

/// Adds the sheet 主要指标 holding `month` to `workbook`.
pub fn add_county_month(workbook: &mut Workbook, month: &CountyMonth) {
    use rust_xlsxwriter::{Format, FormatAlign};
    let sheet = workbook.add_worksheet().set_name("主要指标").unwrap();
    let centre = Format::new().set_align(FormatAlign::Center);
    let one = Format::new().set_num_format("0.0");
    let whole = Format::new().set_num_format("0");
    let last_col = if month.before.is_some() { 6 } else { 5 };
    sheet
        .merge_range(0, 0, 0, last_col, month.title, &centre)
        .unwrap();
    sheet.merge_range(1, 0, 2, 0, "指标名称", &centre).unwrap();
    sheet.merge_range(1, 1, 2, 1, "计量单位", &centre).unwrap();
    sheet
        .merge_range(1, 2, 1, 3, month.groups[0], &centre)
        .unwrap();
    sheet
        .merge_range(1, 4, 1, 5, month.groups[1], &centre)
        .unwrap();
    let measures = ["绝对值", "比上年同期增长%", "绝对值", "比上年同期增长%"];
    sheet.write_row(2, 2, measures).unwrap();
    if let Some(before) = month.before {
        sheet.write_string(1, 6, before).unwrap();
        sheet.write_string(2, 6, "比上年同期增长%").unwrap();
    }
    for (i, (name, unit, figures)) in month.rows.iter().enumerate() {
        let r = i as u32 + 3;
        sheet.write_string(r, 0, *name).unwrap();
        if unit.is_empty() {
            continue;
        }
        sheet.write_string(r, 1, *unit).unwrap();
        for (c, figure) in figures.iter().enumerate() {
            let col = c as u16 + 2;
            match figure.parse::<f64>() {
                Ok(n) if figure.contains('.') => {
                    sheet.write_number_with_format(r, col, n, &one).unwrap()
                }
                Ok(n) => sheet.write_number_with_format(r, col, n, &whole).unwrap(),
                Err(_) => sheet.write_string(r, col, *figure).unwrap(),
            };
        }
    }
    if let Some(footnote) = month.footnote {
        let last = month.rows.len() as u32 + 3;
        sheet
            .merge_range(last, 0, last, last_col, footnote, &Format::new())
            .unwrap();
    }
}

/// Writes a county's month file of `rows` (name, unit and the four
/// figures of its period groups `groups`, see [`CountyMonth`]) with the
/// footnote bureaus print under it.
pub fn write_county_month(
    path: &Path,
    title: &str,
    groups: [&str; 2],
    rows: &[(&str, &str, [&str; 4])],
) {
    let rows: Vec<(&str, &str, &[&str])> = rows
        .iter()
        .map(|(name, unit, figures)| (*name, *unit, &figures[..]))
        .collect();
    let mut workbook = Workbook::new();
    add_county_month(
        &mut workbook,
        &CountyMonth {
            title,
            groups,
            before: None,
            rows: &rows,
            footnote: Some("注：规模以上工业增加值增速按可比价格计算。"),
        },
    );
    workbook.save(path).unwrap();
}
