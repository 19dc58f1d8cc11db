//! Tables and charts as statistics offices print them: the 附表 of main
//! indicators in every built-in template, tables and charts in the text
//! (`{表:…}`, `{图:…}`) on the sample and on edge workbooks, charts of more
//! indicators than they show, and the tags a screen reader needs.

use std::path::{Path, PathBuf};

use common::{Cell, compile_ok, pdf_body_text, sample_with, squeeze, write_workbook};
use common::{Page, Word, pdf_words as pages, word_problems};

mod common;

const TEMPLATES: [&str; 3] = ["default", "gongwen", "jianbao"];

/// An indicator row of the sample as typed: name, unit, 数值 and 同比.
struct Typed {
    name: String,
    unit: String,
    value: String,
    yoy: Option<String>,
}

/// The sample's indicators, read with calamine.
fn sample_indicators() -> Vec<Typed> {
    use calamine::{Data, Reader, open_workbook_auto};
    let mut workbook = open_workbook_auto(common::sample()).unwrap();
    let range = workbook.worksheet_range("指标").unwrap();
    let mut rows = range.rows();
    let header: Vec<String> = rows.next().unwrap().iter().map(|d| d.to_string()).collect();
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (name, unit, value, yoy) = (at("指标"), at("单位"), at("数值"), at("同比"));
    let number = |d: &Data| match d {
        Data::Float(n) => Some(format!("{n}")),
        Data::Int(n) => Some(format!("{n}")),
        _ => None,
    };
    rows.filter(|row| row[name] != Data::Empty)
        .map(|row| Typed {
            name: row[name].to_string(),
            unit: row[unit].to_string(),
            value: number(&row[value]).unwrap(),
            yoy: number(&row[yoy]),
        })
        .collect()
}

/// The words on the line of `word`: those of its page whose boxes share its
/// vertical extent, left to right.
fn line_of<'a>(page: &'a Page, word: &Word) -> Vec<&'a Word> {
    let mut line: Vec<&Word> = page
        .words
        .iter()
        .filter(|w| (w.y0 - word.y0).abs() < 1.0 && (w.y1 - word.y1).abs() < 1.0)
        .collect();
    line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    line
}

/// Digits after the decimal point of a number as printed.
fn decimals(number: &str) -> usize {
    number.split_once('.').map_or(0, |(_, f)| f.len())
}

/// Compiles `workbook` with `template` into `out`; the PDF.
fn compiled(workbook: &Path, out: &Path, template: &str) -> PathBuf {
    compile_ok(workbook, out, &["--template", template]);
    let stem = workbook.file_stem().unwrap().to_string_lossy();
    out.join(format!("{stem}.pdf"))
}

#[test]
fn the_appendix_lists_every_indicator_right_aligned_with_its_header_on_every_page() {
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("附表.xlsx");
    sample_with(&workbook, &[("附表", "主要经济指标")], &[], &[]);
    let typed = sample_indicators();
    let with_yoy = typed.iter().filter(|t| t.yoy.is_some()).count();
    for template in TEMPLATES {
        let pdf = compiled(&workbook, &dir.path().join(template), template);
        let pages = pages(&pdf);
        // The table starts under its title, the first word that is the
        // title alone.
        let (start, title) = pages
            .iter()
            .enumerate()
            .find_map(|(n, p)| {
                p.words
                    .iter()
                    .find(|w| w.text == "主要经济指标")
                    .map(|w| (n, w.y1))
            })
            .unwrap_or_else(|| panic!("{template}: no title 主要经济指标"));
        let in_table = |n: usize, w: &Word| n > start || (n == start && w.y0 > title);

        let mut found = 0;
        // Page, decimals and right edge of each number of the two columns.
        let mut rights: Vec<(usize, usize, f64)> = Vec::new();
        let mut values: Vec<(usize, usize, f64)> = Vec::new();
        let mut rows_by_page: Vec<Vec<f64>> = vec![Vec::new(); pages.len()];
        for t in &typed {
            let Some((n, word)) = pages.iter().enumerate().find_map(|(n, p)| {
                p.words
                    .iter()
                    .find(|w| w.text == t.name && in_table(n, w))
                    .map(|w| (n, w))
            }) else {
                continue;
            };
            let line = line_of(&pages[n], word);
            let texts: Vec<&str> = line.iter().map(|w| w.text.as_str()).collect();
            assert!(
                texts.contains(&t.value.as_str()),
                "{template}: {} {texts:?}",
                t.name
            );
            if !t.unit.is_empty() {
                assert!(
                    texts.contains(&t.unit.as_str()),
                    "{template}: {} {texts:?}",
                    t.name
                );
            }
            rows_by_page[n].push(word.y0);
            let value = line.iter().find(|w| w.text == t.value).unwrap();
            values.push((n, decimals(&t.value), value.x1));
            let Some(yoy) = &t.yoy else { continue };
            found += 1;
            // 同比 is the last column.
            let last = line.last().unwrap();
            assert_eq!(&last.text, yoy, "{template}: {} {texts:?}", t.name);
            rights.push((n, decimals(yoy), last.x1));
        }
        assert!(
            found * 10 >= with_yoy * 9,
            "{template}: only {found} of {with_yoy} rows with 同比 found"
        );
        assert!(
            values.len() >= typed.len() * 9 / 10,
            "{template}: {} rows",
            values.len()
        );
        // On each page (a 公文's even pages sit further left), numbers with
        // as many decimals end at one edge.
        for column in [&values, &rights] {
            for (page, places, _) in column.iter() {
                let edges: Vec<f64> = column
                    .iter()
                    .filter(|r| r.0 == *page && r.1 == *places)
                    .map(|r| r.2)
                    .collect();
                let lo = edges.iter().copied().fold(f64::MAX, f64::min);
                let hi = edges.iter().copied().fold(f64::MIN, f64::max);
                assert!(
                    hi - lo <= 0.5,
                    "{template}: page {}: {places} decimals end between {lo} and {hi}",
                    page + 1
                );
            }
        }
        // And they stand on the decimal point, not merely flush right: on
        // a page, a number with fewer decimals ends further left, by more
        // than 2 pt for each decimal it lacks.
        let mut compared = 0;
        for column in [&values, &rights] {
            for &(page, places, right) in column.iter() {
                for &(_, more, other) in column.iter().filter(|r| r.0 == page && r.1 > places) {
                    compared += 1;
                    assert!(
                        other - right > 2.0 * (more - places) as f64,
                        "{template}: page {}: {places} decimals end at {right}, {more} at {other}",
                        page + 1
                    );
                }
            }
        }
        assert!(compared > 0, "{template}: no page mixes decimals");
        // The table runs over pages, each opening with its header.
        let table_pages: Vec<usize> = (0..pages.len())
            .filter(|&n| !rows_by_page[n].is_empty())
            .collect();
        assert!(
            table_pages.len() >= 2,
            "{template}: the table takes {table_pages:?}"
        );
        for &n in &table_pages {
            let top = rows_by_page[n].iter().copied().fold(f64::MAX, f64::min);
            let header = pages[n]
                .words
                .iter()
                .find(|w| w.text == "单位" && in_table(n, w));
            assert!(
                header.is_some_and(|h| h.y1 <= top),
                "{template}: page {} has rows but no header above them",
                n + 1
            );
        }
        assert_eq!(word_problems(&pdf), Vec::<String>::new(), "{template}");
    }
}

/// A workbook of `count` indicators in two 板块 whose 同比 `yoy` gives, a
/// sheet of months with a merged header, and paragraphs that print tables
/// and charts.
fn edge_workbook(path: &Path, count: usize, yoy: impl Fn(usize) -> f64) {
    use rust_xlsxwriter::{Format, Workbook};
    let mut workbook = Workbook::new();
    let report = workbook.add_worksheet().set_name("报告").unwrap();
    for (r, row) in [
        ["项目", "内容"],
        ["标题", "全市经济运行情况"],
        ["报告期", "1—6月"],
        ["附表", "主要经济指标"],
    ]
    .iter()
    .enumerate()
    {
        report.write_row(r as u32, 0, *row).unwrap();
    }
    let sheet = workbook.add_worksheet().set_name("指标").unwrap();
    sheet
        .write_row(0, 0, ["代码", "板块", "指标", "数值", "单位", "同比"])
        .unwrap();
    for i in 0..count {
        let r = i as u32 + 1;
        let group = if i < count.div_ceil(2) {
            "工业"
        } else {
            "投资"
        };
        let name = if i % 7 == 3 {
            format!("其中：第{i}项产品产量")
        } else {
            format!("第{i}项指标")
        };
        sheet
            .write_row(r, 0, [format!("x{i}"), group.into(), name])
            .unwrap();
        sheet.write_number(r, 3, 100.0 + i as f64 * 12.5).unwrap();
        sheet.write_string(r, 4, "亿元").unwrap();
        sheet.write_number(r, 5, yoy(i)).unwrap();
    }
    let months = workbook.add_worksheet().set_name("月度").unwrap();
    let merged = Format::new();
    months.merge_range(0, 0, 1, 0, "月份", &merged).unwrap();
    months.merge_range(0, 1, 0, 2, "工业", &merged).unwrap();
    months.write_row(1, 1, ["产量", "销量"]).unwrap();
    for m in 1..=6u32 {
        months.write_string(m + 1, 0, format!("{m}月")).unwrap();
        months
            .write_number(m + 1, 1, 10.0 * f64::from(m) + 0.5)
            .unwrap();
        months.write_number(m + 1, 2, 9.0 * f64::from(m)).unwrap();
    }
    let codes = (0..count.min(3))
        .map(|i| format!("x{i}"))
        .collect::<Vec<_>>()
        .join("、");
    let body = workbook.add_worksheet().set_name("正文").unwrap();
    let paragraphs = [
        "上半年，全市经济运行总体平稳。".to_string(),
        "{表:工业}".into(),
        format!("{{图:{codes}:同比}}"),
        format!("{{图:{codes}}}"),
        "{表:月度}".into(),
        "{图:月度}".into(),
        "{图:月度:柱状}".into(),
        "以上数据为初步统计数。".into(),
    ];
    body.write_row(0, 0, ["章", "节", "段落"]).unwrap();
    for (r, p) in paragraphs.iter().enumerate() {
        body.write_row(r as u32 + 1, 0, ["一、总体情况", "", p.as_str()])
            .unwrap();
    }
    workbook.save(path).unwrap();
}

/// An edge workbook: its name, how many indicators, and their 同比.
type Shape = (&'static str, usize, fn(usize) -> f64);

#[test]
fn tables_and_charts_of_the_text_hold_on_edge_workbooks_in_every_template() {
    let dir = tempfile::tempdir().unwrap();
    let shapes: [Shape; 4] = [
        ("全部持平", 8, |_| 0.0),
        ("一个指标", 1, |_| 3.5),
        ("全部下降", 9, |i| -(i as f64) - 0.5),
        ("一百二十个指标", 120, |i| {
            (i as f64 * 7.3) % 41.0 - 12.0
        }),
    ];
    for (name, count, yoy) in shapes {
        let workbook = dir.path().join(format!("{name}.xlsx"));
        edge_workbook(&workbook, count, yoy);
        for template in TEMPLATES {
            let pdf = compiled(&workbook, &dir.path().join(template), template);
            let text = squeeze(&pdf_body_text(&pdf));
            for caption in ["表1", "表2", "月度", "工业"] {
                assert!(text.contains(caption), "{name}, {template}: no {caption}");
            }
            // The 板块 table (表1, before the sheet's 表2) lists its
            // indicators; the sheet's merged header spans its columns.
            let table = text.find("表1工业").expect("the 板块 table's caption");
            let end = text[table..].find("表2").map_or(text.len(), |e| table + e);
            // A row: 指标, then 单位 (charts print the name beside a figure).
            assert!(
                text[table..end].contains("第0项指标亿元"),
                "{name}, {template}: {}",
                &text[table..end]
            );
            let pages = pages(&pdf);
            let page = pages
                .iter()
                .find(|p| p.words.iter().any(|w| w.text == "产量"))
                .unwrap();
            let word = |text: &str| page.words.iter().find(|w| w.text == text).unwrap();
            let (output, sales) = (word("产量"), word("销量"));
            // The merged cell right above them.
            let industry = page
                .words
                .iter()
                .filter(|w| w.text == "工业" && w.y1 <= output.y0)
                .min_by(|a, b| (output.y0 - a.y1).total_cmp(&(output.y0 - b.y1)))
                .unwrap();
            let centre = (industry.x0 + industry.x1) / 2.0;
            assert!(
                output.x1 < centre && centre < sales.x0,
                "{name}, {template}: 工业 not over 产量 and 销量"
            );
            assert_eq!(
                word_problems(&pdf),
                Vec::<String>::new(),
                "{name}, {template}"
            );
        }
    }
}

#[test]
fn the_sample_prints_tables_and_charts_where_its_text_asks() {
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("图表.xlsx");
    let months: Vec<Vec<Cell>> = std::iter::once(vec![Cell::T("月份"), Cell::T("地区生产总值")])
        .chain((1..=6).map(|m| {
            vec![
                Cell::S(format!("{m}月")),
                Cell::N(200.0 + 20.0 * f64::from(m)),
            ]
        }))
        .collect();
    let body = [
        ["一、主要指标", "", "{表:稳经济}"],
        [
            "一、主要指标",
            "",
            "{图:gdp、tech_contract_value、ecommerce:同比}",
        ],
        ["一、主要指标", "", "{图:月度走势}"],
        ["一、主要指标", "", "{图:月度走势:柱状}"],
        ["一、主要指标", "", "{图:累计增速:柱状}"],
    ];
    // Growth from below zero to above it: bars either way of the axis,
    // each value printed at its bar's end.
    let growth: Vec<Vec<Cell>> = std::iter::once(vec![Cell::T("月份"), Cell::T("增速")])
        .chain(
            [-5.2, -2.1, 0.3, 1.5, 2.4, 3.1]
                .iter()
                .enumerate()
                .map(|(m, &g)| vec![Cell::S(format!("1—{}月", m + 1)), Cell::N(g)]),
        )
        .collect();
    sample_with(
        &workbook,
        &[("附表", "主要经济指标")],
        &body,
        &[("月度走势", months), ("累计增速", growth)],
    );
    for template in TEMPLATES {
        let pdf = compiled(&workbook, &dir.path().join(template), template);
        let text = squeeze(&pdf_body_text(&pdf));
        assert!(text.contains("表1稳经济"), "{template}");
        assert!(text.contains("月度走势"), "{template}");
        // The line chart and the bar chart of 月度走势 each print its six
        // values (one column: every value where there is room).
        for value in ["220", "240", "260", "280", "300", "320"] {
            assert_eq!(
                text.matches(value).count(),
                2,
                "{template}: {value} in {text}"
            );
        }
        // A decline's value under its bar, well below the axis: lower on
        // the page than the value over the short bar of 0.3 just above it.
        let ys = pages(&pdf).into_iter().find_map(|page| {
            let y_of = |t: &str| page.words.iter().find(|w| w.text == t).map(|w| w.y0);
            y_of("-5.2").zip(y_of("0.3"))
        });
        let (down, up) = ys.unwrap_or_else(|| panic!("{template}: no chart of 累计增速"));
        assert!(down > up + 30.0, "{template}: -5.2 at {down}, 0.3 at {up}");
        assert_eq!(word_problems(&pdf), Vec::<String>::new(), "{template}");
    }
}

#[test]
fn a_chart_of_more_indicators_than_it_shows_says_how_many_are_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("多.xlsx");
    let mut rows = vec![vec![
        Cell::T("代码"),
        Cell::T("指标"),
        Cell::T("数值"),
        Cell::T("单位"),
        Cell::T("同比"),
    ]];
    for i in 0..150 {
        // Growth rises with i: the lowest are the first rows.
        rows.push(vec![
            Cell::S(format!("x{i}")),
            Cell::S(format!("指标{i}号")),
            Cell::N(100.0),
            Cell::T("亿元"),
            Cell::N(i as f64 / 10.0 - 5.0),
        ]);
    }
    let report = vec![
        vec![Cell::T("项目"), Cell::T("内容")],
        vec![Cell::T("标题"), Cell::T("多指标")],
    ];
    write_workbook(&workbook, &[("报告", report), ("指标", rows)]);
    for template in TEMPLATES {
        let pdf = compiled(&workbook, &dir.path().join(template), template);
        let text = squeeze(&pdf_body_text(&pdf));
        assert!(text.contains("共150项指标"), "{template}");
        assert!(text.contains("其余30项见汇总工作簿"), "{template}");
        // The 60 highest and 60 lowest are shown; the 30 in the middle not.
        for shown in ["指标0号", "指标59号", "指标90号", "指标149号"] {
            assert!(text.contains(shown), "{template}: {shown} missing");
        }
        for left_out in ["指标60号", "指标75号", "指标89号"] {
            assert!(!text.contains(left_out), "{template}: {left_out} shown");
        }
        assert_eq!(word_problems(&pdf), Vec::<String>::new(), "{template}");
    }
}

/// Every structure element of a PDF's tag tree: its type and alt text.
fn structure(pdf: &Path) -> Vec<(String, Option<String>)> {
    use lopdf::{Document, Object};
    let doc = Document::load(pdf).unwrap();
    let root = doc.catalog().unwrap().get(b"StructTreeRoot").unwrap();
    let mut found = Vec::new();
    let mut todo = vec![root.clone()];
    while let Some(object) = todo.pop() {
        let (_, object) = doc.dereference(&object).unwrap();
        match object {
            Object::Array(items) => todo.extend(items.iter().cloned()),
            Object::Dictionary(dict) => {
                if let Ok(Object::Name(kind)) = dict.get(b"S") {
                    let alt = dict
                        .get(b"Alt")
                        .ok()
                        .and_then(|a| lopdf::decode_text_string(a).ok());
                    found.push((String::from_utf8_lossy(kind).into_owned(), alt));
                }
                if let Ok(kids) = dict.get(b"K") {
                    todo.push(kids.clone());
                }
            }
            _ => {}
        }
    }
    found
}

#[test]
fn charts_are_figures_with_alt_text_and_the_appendix_a_table_with_header_cells() {
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("无障碍.xlsx");
    let months: Vec<Vec<Cell>> = std::iter::once(vec![Cell::T("月份"), Cell::T("产量")])
        .chain((1..=4).map(|m| vec![Cell::S(format!("{m}月")), Cell::N(f64::from(m))]))
        .collect();
    let body = [
        ["一、主要指标", "", "{图:gdp、ecommerce:同比}"],
        ["一、主要指标", "", "{图:gdp、ecommerce}"],
        ["一、主要指标", "", "{图:月度}"],
    ];
    sample_with(
        &workbook,
        &[("附表", "主要经济指标")],
        &body,
        &[("月度", months)],
    );
    for template in TEMPLATES {
        let pdf = compiled(&workbook, &dir.path().join(template), template);
        let tree = structure(&pdf);
        let figures: Vec<&Option<String>> = tree
            .iter()
            .filter(|(s, _)| s == "Figure")
            .map(|(_, a)| a)
            .collect();
        // The growth chart and the three of the text.
        assert!(figures.len() >= 4, "{template}: {tree:?}");
        assert!(
            figures
                .iter()
                .all(|a| a.as_ref().is_some_and(|a| !a.is_empty())),
            "{template}: a figure without alt text"
        );
        let alts: Vec<&str> = figures.iter().filter_map(|a| a.as_deref()).collect();
        assert!(
            alts.iter().any(|a| a.contains("地区生产总值增长1.5%")),
            "{template}: {alts:?}"
        );
        assert!(
            alts.iter().any(|a| a.contains("电子商务交易额660亿元")),
            "{template}: {alts:?}"
        );
        assert!(
            alts.iter()
                .any(|a| a.contains("1月1") && a.contains("4月4")),
            "{template}: {alts:?}"
        );
        assert!(
            tree.iter().any(|(s, _)| s == "Table"),
            "{template}: no Table"
        );
        let header_cells = tree.iter().filter(|(s, _)| s == "TH").count();
        assert!(header_cells >= 4, "{template}: {header_cells} TH cells");
    }
}

#[test]
fn table_and_chart_are_not_codes_and_stand_alone() {
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("保留.xlsx");
    let report = vec![
        vec![Cell::T("项目"), Cell::T("内容")],
        vec![Cell::T("标题"), Cell::T("保留字")],
    ];
    let indicators = vec![
        vec![
            Cell::T("代码"),
            Cell::T("指标"),
            Cell::T("数值"),
            Cell::T("单位"),
        ],
        vec![
            Cell::T("表"),
            Cell::T("表格数"),
            Cell::N(3.0),
            Cell::T("个"),
        ],
        vec![
            Cell::T("gdp"),
            Cell::T("地区生产总值"),
            Cell::N(3.0),
            Cell::T("亿元"),
        ],
    ];
    let body = vec![
        vec![Cell::T("章"), Cell::T("节"), Cell::T("段落")],
        vec![Cell::T("一、"), Cell::E, Cell::T("如下{图:gdp}所示。")],
        vec![Cell::T("一、"), Cell::E, Cell::T("{表:没有这张表}")],
        vec![Cell::T("一、"), Cell::E, Cell::T("{图:月度:饼图}")],
    ];
    let months = vec![
        vec![Cell::T("月份"), Cell::T("产量")],
        vec![Cell::T("1月"), Cell::N(3.0)],
    ];
    write_workbook(
        &workbook,
        &[
            ("报告", report),
            ("指标", indicators),
            ("正文", body),
            ("月度", months),
        ],
    );
    let output = common::briefing(["check".as_ref(), workbook.as_os_str()]);
    let (stdout, stderr) = common::text(&output);
    let all = format!("{stdout}{stderr}");
    assert_eq!(output.status.code(), Some(1), "{all}");
    assert!(
        all.contains("指标!A2") && all.contains("代码“表”是保留字"),
        "{all}"
    );
    assert!(
        all.contains("正文!C2") && all.contains("要单独成一段"),
        "{all}"
    );
    assert!(
        all.contains("正文!C3") && all.contains("没有名为“没有这张表”的工作表或板块"),
        "{all}"
    );
    assert!(
        all.contains("正文!C4")
            && all.contains("图的写法“饼图”不认识")
            && all.contains("画柱状图写 {图:月度:柱状}"),
        "{all}"
    );
}
