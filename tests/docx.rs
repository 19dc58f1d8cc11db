//! The editable Word copy (`--docx`): read back as XML, converted by
//! LibreOffice (an independent reader) and compared with the PDF.
//!
//! LibreOffice (`soffice`, Debian's libreoffice-writer-nogui) must be
//! installed; .ci/run installs it.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{compile_ok, pdf_words, sample_with, squeeze};

mod common;

const TEMPLATES: [&str; 3] = ["default", "gongwen", "jianbao"];

// ---------------------------------------------------------------- reading

/// An XML element, as much of one as the tests read.
#[derive(Debug, Default, Clone)]
struct Element {
    name: String,
    attributes: BTreeMap<String, String>,
    children: Vec<Element>,
    text: String,
}

impl Element {
    /// Every element named `name` under this one, depth first.
    fn all<'a>(&'a self, name: &str) -> Vec<&'a Element> {
        let mut found = Vec::new();
        fn walk<'a>(e: &'a Element, name: &str, found: &mut Vec<&'a Element>) {
            for child in &e.children {
                if child.name == name {
                    found.push(child);
                }
                walk(child, name, found);
            }
        }
        walk(self, name, &mut found);
        found
    }

    /// The first element named `name` under this one.
    fn first(&self, name: &str) -> Option<&Element> {
        self.all(name).into_iter().next()
    }

    fn attr(&self, name: &str) -> Option<&str> {
        self.attributes.get(name).map(String::as_str)
    }

    /// The text of every `w:t` under this element.
    fn text(&self) -> String {
        self.all("w:t").iter().map(|t| t.text.as_str()).collect()
    }
}

/// Parses an XML part.
fn parse(xml: &[u8]) -> Element {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut stack = vec![Element::default()];
    let mut buf = Vec::new();
    let element = |e: &quick_xml::events::BytesStart| Element {
        name: e.name().as_ref().to_string(),
        attributes: e
            .attributes()
            .map(|a| {
                let a = a.unwrap();
                (
                    a.key.as_ref().to_string(),
                    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .unwrap()
                        .into_owned(),
                )
            })
            .collect(),
        ..Element::default()
    };
    loop {
        match reader.read_event_into(&mut buf).unwrap() {
            Event::Start(e) => stack.push(element(&e)),
            Event::Empty(e) => {
                let e = element(&e);
                stack.last_mut().unwrap().children.push(e);
            }
            Event::End(_) => {
                let done = stack.pop().unwrap();
                stack.last_mut().unwrap().children.push(done);
            }
            Event::Text(t) => {
                let text = t.xml10_content();
                stack.last_mut().unwrap().text.push_str(&text);
            }
            Event::GeneralRef(r) => {
                let name = r.as_ref().to_string();
                let c = match name.as_str() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("entity {other}"),
                };
                stack.last_mut().unwrap().text.push_str(c);
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    stack.pop().unwrap()
}

/// The parts of a .docx, by name.
fn parts(docx: &Path) -> BTreeMap<String, Vec<u8>> {
    let file = std::fs::File::open(docx).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut parts = BTreeMap::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        parts.insert(entry.name().unwrap().into_owned(), bytes);
    }
    parts
}

/// A .docx's part `name`, parsed.
fn part(docx: &Path, name: &str) -> Element {
    parse(&parts(docx)[name])
}

// ---------------------------------------------------------------- making

/// The sample with a 附表 and a table of one 板块 in its text.
fn sample_with_tables(dir: &Path) -> PathBuf {
    let workbook = dir.join("成绩单.xlsx");
    sample_with(
        &workbook,
        &[("附表", "主要经济指标")],
        &[["一、稳经济", "", "{表:稳经济}"]],
        &[],
    );
    workbook
}

/// Compiles `workbook` with `template` and `--docx` into `out`; returns
/// the PDF and the .docx.
fn compiled(workbook: &Path, out: &Path, template: &str) -> (PathBuf, PathBuf) {
    compile_ok(workbook, out, &["--template", template, "--docx"]);
    let stem = workbook.file_stem().unwrap().to_string_lossy().into_owned();
    (
        out.join(format!("{stem}.pdf")),
        out.join(format!("{stem}.docx")),
    )
}

/// A fontconfig file for LibreOffice: the fonts embedded in briefing, and
/// the fonts a Word copy names mapped to them as the templates' roles map
/// them when the official fonts are not installed.
fn fonts_conf(out: &Path) -> PathBuf {
    let fonts = common::root().join("fonts");
    let alias = |name: &str, to: &str| {
        format!(
            r#"<alias binding="same"><family>{name}</family><accept><family>{to}</family></accept></alias>"#
        )
    };
    let aliases: String = [
        ("仿宋", "Noto Serif CJK SC"),
        ("仿宋_GB2312", "Noto Serif CJK SC"),
        ("宋体", "Noto Serif CJK SC"),
        ("方正小标宋简体", "Noto Serif CJK SC"),
        ("黑体", "Noto Sans CJK SC"),
        ("楷体", "Briefing Kai"),
        ("楷体_GB2312", "Briefing Kai"),
    ]
    .iter()
    .map(|(name, to)| alias(name, to))
    .collect();
    let conf = out.join("fonts.conf");
    std::fs::write(
        &conf,
        format!(
            r#"<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include><dir>{}</dir><cachedir>{}</cachedir>{aliases}</fontconfig>"#,
            fonts.display(),
            out.join("fontconfig-cache").display()
        ),
    )
    .unwrap();
    conf
}

/// `docx` converted to PDF by LibreOffice, in `out`.
fn libreoffice_pdf(docx: &Path, out: &Path) -> PathBuf {
    // A profile of its own, so that runs in parallel do not share one.
    let profile = out.join("lo-profile");
    let status = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(out)
        .arg(docx)
        .env("FONTCONFIG_FILE", fonts_conf(out))
        .output()
        .expect("LibreOffice is installed (apt-get install libreoffice-writer-nogui)");
    assert!(status.status.success(), "{status:?}");
    out.join(docx.file_stem().unwrap()).with_extension("pdf")
}

/// The text of a PDF in the order it is drawn, without whitespace, page
/// by page without the running heads and page numbers, so that they do
/// not split a paragraph that runs over a page: a line `— N —`, and a line
/// of the title and the source (the default template's head).
fn pdf_text(pdf: &Path, running_head: &str) -> String {
    let mut text = String::new();
    for page in 1..=common::pdf_page_count(pdf) {
        let n = page.to_string();
        let output = Command::new("pdftotext")
            .args(["-raw", "-f", &n, "-l", &n])
            .arg(pdf)
            .arg("-")
            .output()
            .unwrap();
        for line in String::from_utf8_lossy(&output.stdout).lines() {
            let line = squeeze(line);
            let number = line.trim_start_matches('—').trim_end_matches('—');
            let is_number = !number.is_empty() && number.chars().all(|c| c.is_ascii_digit());
            if !is_number && line != running_head {
                text.push_str(&line);
            }
        }
    }
    text
}

/// The text of every paragraph of the body (tables' cells included) that
/// holds text, in order, with its style.
fn paragraphs(docx: &Path) -> Vec<(String, String)> {
    let document = part(docx, "word/document.xml");
    document
        .all("w:p")
        .into_iter()
        .map(|p| {
            let style = p
                .first("w:pStyle")
                .and_then(|s| s.attr("w:val"))
                .unwrap_or("Normal")
                .to_string();
            (style, p.text())
        })
        .filter(|(_, text)| !squeeze(text).is_empty())
        .collect()
}

/// Asserts that each of `paragraphs` is found in `text`, in order, but
/// for a paragraph of a table's cell, which is found anywhere (a row's
/// cells are drawn in the order each reader chooses).
fn assert_in_order(paragraphs: &[(String, String)], text: &str, what: &str) {
    let mut at = 0;
    for (style, p) in paragraphs {
        let p = squeeze(p);
        if style.starts_with("Table") {
            assert!(text.contains(&p), "{what}: {p:?} not found");
            continue;
        }
        match text[at..].find(&p) {
            Some(found) => at += found + p.len(),
            None => {
                let before: String = text[..at].chars().rev().take(60).collect();
                let before: String = before.chars().rev().collect();
                panic!("{what}: {p:?} not found after {before:?}")
            }
        }
    }
}

// ---------------------------------------------------------------- tests

#[test]
fn libreoffice_prints_every_paragraph_of_the_word_copy_as_the_pdf_does() {
    let dir = tempfile::tempdir().unwrap();
    let workbook = sample_with_tables(dir.path());
    for template in TEMPLATES {
        let out = dir.path().join(template);
        let (pdf, docx) = compiled(&workbook, &out, template);
        let all = paragraphs(&docx);
        // Pictures are not text; every other paragraph is.
        let text: Vec<_> = all.into_iter().filter(|(s, _)| s != "Figure").collect();
        assert!(text.len() > 40, "{template}: {text:?}");
        // Tables included: the 附表's rows are paragraphs of its cells.
        assert!(text.iter().any(|(_, t)| t == "地区生产总值"), "{template}");
        let head = squeeze("上半年兰州市经济增速由负转正兰州日报");
        let raw = pdf_text(&pdf, &head);
        assert_in_order(&text, &raw, &format!("{template}: the PDF"));
        // LibreOffice leaves out of the PDF's text a mark that hangs past
        // the end of a 公文's line (允许标点溢出边界): marks are not compared.
        let marks = |t: &str| -> String {
            t.chars()
                .filter(|c| !"，。、；：？！".contains(*c))
                .collect()
        };
        let unmarked: Vec<(String, String)> =
            text.iter().map(|(s, t)| (s.clone(), marks(t))).collect();
        let converted = libreoffice_pdf(&docx, &out);
        assert_in_order(
            &unmarked,
            &marks(&pdf_text(&converted, &head)),
            &format!("{template}: LibreOffice's PDF"),
        );
    }
}

/// The style `id` of a styles part.
fn style<'a>(styles: &'a Element, id: &str) -> &'a Element {
    styles
        .all("w:style")
        .into_iter()
        .find(|s| s.attr("w:styleId") == Some(id))
        .unwrap_or_else(|| panic!("no style {id}"))
}

/// A style's East Asian font and size in points.
fn font_of(styles: &Element, id: &str) -> (String, f64) {
    let s = style(styles, id);
    let fonts = s.first("w:rFonts").expect("fonts");
    let size = s.first("w:sz").and_then(|z| z.attr("w:val")).expect("size");
    (
        fonts
            .attr("w:eastAsia")
            .expect("an East Asian font")
            .to_string(),
        size.parse::<f64>().unwrap() / 2.0,
    )
}

/// Millimetres in twips.
fn twips(mm: f64) -> i64 {
    (mm * 1440.0 / 25.4).round() as i64
}

#[test]
fn the_word_copy_reads_back_with_each_templates_fonts_sizes_page_and_fields() {
    let dir = tempfile::tempdir().unwrap();
    let workbook = sample_with_tables(dir.path());
    for template in TEMPLATES {
        let (_, docx) = compiled(&workbook, &dir.path().join(template), template);
        let styles = part(&docx, "word/styles.xml");
        let document = part(&docx, "word/document.xml");
        let settings = part(&docx, "word/settings.xml");
        let margins = document.first("w:pgMar").unwrap();
        let margin = |side: &str| margins.attr(side).unwrap().parse::<i64>().unwrap();
        let indent = |id: &str| {
            style(&styles, id)
                .first("w:ind")
                .and_then(|i| i.attr("w:firstLine"))
                .map_or(0, |v| v.parse::<i64>().unwrap())
        };
        let (body_font, body_size) = font_of(&styles, "Normal");
        if template == "default" {
            // templates/default/main.typ: 五号 (10.5 pt) body in the song
            // role, a 25 pt title, 黑体 headings; margins 22 and 21 mm.
            assert_eq!((body_font.as_str(), body_size), ("宋体", 10.5));
            assert_eq!(font_of(&styles, "Title").1, 25.0);
            assert_eq!(font_of(&styles, "Heading1").0, "黑体");
            assert_eq!(indent("Normal"), 2 * 210, "two characters of 10.5 pt");
            assert_eq!(
                (margin("w:top"), margin("w:bottom")),
                (twips(22.0), twips(22.0))
            );
            assert_eq!(
                (margin("w:left"), margin("w:right")),
                (twips(21.0), twips(21.0))
            );
        } else {
            // templates/gongwen/style.typ: 3号 (16 pt) 仿宋 body, 2号 (22
            // pt) 小标宋 title, 一、 in 黑体, （一） in 楷体; the type area
            // 156 × 225 mm, 37 mm from the top, 28 mm from the binding.
            assert!(body_font.starts_with("仿宋"), "{template}: {body_font}");
            assert_eq!(body_size, 16.0);
            assert_eq!(font_of(&styles, "Title"), ("方正小标宋简体".into(), 22.0));
            assert_eq!(font_of(&styles, "Heading1"), ("黑体".into(), 16.0));
            assert!(font_of(&styles, "Heading2").0.starts_with("楷体"));
            // Two characters of the grid: 2 × 156 mm / 28.
            assert_eq!(indent("Normal"), twips(2.0 * 156.0 / 28.0));
            assert_eq!(margin("w:top"), twips(37.0));
            assert_eq!(margin("w:bottom"), twips(297.0 - 37.0 - 225.0));
            assert_eq!(margin("w:left"), twips(28.0));
            assert_eq!(margin("w:right"), twips(210.0 - 28.0 - 156.0));
            assert!(settings.first("w:mirrorMargins").is_some(), "{template}");
            assert!(
                settings.first("w:evenAndOddHeaders").is_some(),
                "{template}"
            );
            // The grid of lines: 22 to the type area.
            let grid = document.first("w:docGrid").expect("a document grid");
            assert_eq!(grid.attr("w:type"), Some("lines"));
            let pitch: i64 = grid.attr("w:linePitch").unwrap().parse().unwrap();
            assert_eq!((twips(225.0) / pitch), 22, "{pitch}");
            // The characters: 28 to the line, by their spacing.
            let spacing: i64 = style(&styles, "Normal")
                .first("w:spacing")
                .and_then(|s| s.attr("w:val"))
                .expect("character spacing")
                .parse()
                .unwrap();
            assert_eq!(twips(156.0) / (16 * 20 + spacing), 28, "{spacing}");
            // The footers, odd and even, by their references.
            let kinds: Vec<&str> = document
                .all("w:footerReference")
                .iter()
                .filter_map(|r| r.attr("w:type"))
                .collect();
            assert!(
                kinds.contains(&"default") && kinds.contains(&"even"),
                "{kinds:?}"
            );
        }
        // Every run of text has its East Asian font: each style sets one.
        for s in styles.all("w:style") {
            if let Some(fonts) = s.first("w:rFonts") {
                assert!(fonts.attr("w:eastAsia").is_some(), "{template}: {s:?}");
            }
        }
        // Page numbers are PAGE fields in every footer, between dashes.
        let footers: Vec<_> = parts(&docx)
            .into_iter()
            .filter(|(name, _)| name.starts_with("word/footer"))
            .collect();
        assert!(!footers.is_empty());
        for (name, bytes) in footers {
            let footer = parse(&bytes);
            let instructions: String = footer
                .all("w:instrText")
                .iter()
                .map(|i| i.text.clone())
                .collect();
            assert_eq!(instructions.trim(), "PAGE", "{template} {name}");
            assert!(footer.text().starts_with("— ") && footer.text().ends_with(" —"));
        }
        // The 附表: a real table whose header row repeats on every page.
        let tables = document.all("w:tbl");
        let appendix = tables
            .iter()
            .find(|t| t.text().starts_with("指标单位") && t.text().contains("生产总值"))
            .expect("the 附表");
        let rows = appendix.all("w:tr");
        assert!(rows[0].first("w:tblHeader").is_some(), "{template}");
        assert!(rows[1..].iter().all(|r| r.first("w:tblHeader").is_none()));
        assert_eq!(rows[0].text(), "指标单位2020年上半年同比增长（%）");
    }
}

/// A workbook with a sheet whose header is merged across and down.
fn merged_header_workbook(path: &Path) {
    use rust_xlsxwriter::{Format, Workbook};
    let mut workbook = Workbook::new();
    let report = workbook.add_worksheet().set_name("报告").unwrap();
    report.write_row(0, 0, ["项目", "内容"]).unwrap();
    report.write_row(1, 0, ["标题", "月度生产情况"]).unwrap();
    let sheet = workbook.add_worksheet().set_name("指标").unwrap();
    sheet
        .write_row(0, 0, ["代码", "指标", "数值", "单位", "同比"])
        .unwrap();
    sheet.write_row(1, 0, ["gy", "规上工业增加值"]).unwrap();
    sheet.write_number(1, 2, 420.5).unwrap();
    sheet.write_string(1, 3, "亿元").unwrap();
    sheet.write_number(1, 4, 3.2).unwrap();
    let months = workbook.add_worksheet().set_name("月度").unwrap();
    let merged = Format::new();
    months.merge_range(0, 0, 1, 0, "月份", &merged).unwrap();
    months.merge_range(0, 1, 0, 2, "工业", &merged).unwrap();
    months.write_row(1, 1, ["产量", "销量"]).unwrap();
    for m in 1..=90u32 {
        months.write_string(m + 1, 0, format!("{m}期")).unwrap();
        months
            .write_number(m + 1, 1, 10.0 * f64::from(m) + 0.5)
            .unwrap();
        months.write_number(m + 1, 2, 9.0 * f64::from(m)).unwrap();
    }
    let body = workbook.add_worksheet().set_name("正文").unwrap();
    body.write_row(0, 0, ["章", "节", "段落"]).unwrap();
    body.write_row(1, 0, ["一、生产", "", "各月生产情况见下表。"])
        .unwrap();
    body.write_row(2, 0, ["一、生产", "", "{表:月度}"]).unwrap();
    workbook.save(path).unwrap();
}

#[test]
fn a_sheets_merged_header_is_merged_in_word_and_repeats_on_each_page() {
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("月度.xlsx");
    merged_header_workbook(&workbook);
    for template in TEMPLATES {
        let out = dir.path().join(template);
        let (_, docx) = compiled(&workbook, &out, template);
        let document = part(&docx, "word/document.xml");
        let table = document
            .all("w:tbl")
            .into_iter()
            .find(|t| t.text().contains("月份"))
            .expect("the table");
        let rows = table.all("w:tr");
        // Row 1: 月份 merged down, 工业 across two columns; row 2: the
        // continuation of 月份, 产量, 销量.
        let cells = |r: &Element| -> Vec<(String, Option<String>, Option<String>)> {
            r.all("w:tc")
                .iter()
                .map(|c| {
                    (
                        c.text(),
                        c.first("w:gridSpan")
                            .and_then(|g| g.attr("w:val"))
                            .map(String::from),
                        c.first("w:vMerge")
                            .map(|v| v.attr("w:val").unwrap_or("continue").to_string()),
                    )
                })
                .collect()
        };
        assert_eq!(
            cells(rows[0]),
            [
                ("月份".into(), Some("1".into()), Some("restart".into())),
                ("工业".into(), Some("2".into()), None),
            ],
            "{template}"
        );
        assert_eq!(
            cells(rows[1]),
            [
                ("".into(), Some("1".into()), Some("continue".into())),
                ("产量".into(), Some("1".into()), None),
                ("销量".into(), Some("1".into()), None),
            ],
            "{template}"
        );
        let repeated: Vec<bool> = rows
            .iter()
            .map(|r| r.first("w:tblHeader").is_some())
            .collect();
        assert_eq!(repeated[..3], [true, true, false], "{template}");
        // LibreOffice repeats the two header rows on the next page.
        let converted = libreoffice_pdf(&docx, &out);
        let pages = common::pdf_page_count(&converted);
        let texts: Vec<String> = (1..=pages)
            .map(|n| squeeze(&common::pdf_page_lines(&converted, n).concat()))
            .collect();
        let with_rows: Vec<&String> = texts.iter().filter(|t| t.contains("期")).collect();
        assert!(
            with_rows.len() >= 2,
            "{template}: the table runs over a page"
        );
        for text in with_rows {
            assert!(
                text.contains("产量") && text.contains("销量"),
                "{template}: {text}"
            );
        }
    }
}

/// The lines of a page as LibreOffice set them: the words' boxes grouped
/// by their top edge, each line with its characters and its left and
/// right edge.
fn lines_of(page: &common::Page) -> Vec<(f64, String, f64, f64)> {
    let mut lines: Vec<(f64, String, f64, f64)> = Vec::new();
    let mut words = page.words.clone();
    words.sort_by(|a, b| a.y0.total_cmp(&b.y0).then(a.x0.total_cmp(&b.x0)));
    for w in words {
        match lines.last_mut() {
            Some(line) if (line.0 - w.y0).abs() < 2.0 => {
                line.1.push_str(&w.text);
                line.2 = line.2.min(w.x0);
                line.3 = line.3.max(w.x1);
            }
            _ => lines.push((w.y0, w.text.clone(), w.x0, w.x1)),
        }
    }
    lines
}

#[test]
fn libreoffice_sets_the_gongwen_copy_on_22_lines_of_28_characters() {
    let dir = tempfile::tempdir().unwrap();
    // A body of plain Chinese prose, long enough for full pages.
    let sentence = "全市经济运行稳中有进，工业生产持续恢复，固定资产投资稳步增长，消费市场回暖向好，居民收入稳定增加。";
    let body: Vec<[&str; 3]> = (0..12).map(|_| ["", "", sentence]).collect();
    let long: Vec<String> = (0..12).map(|_| sentence.repeat(4)).collect();
    let body: Vec<[&str; 3]> = body
        .iter()
        .zip(&long)
        .map(|(_, p)| ["五、补充", "", p.as_str()])
        .collect();
    let workbook = dir.path().join("长文.xlsx");
    sample_with(&workbook, &[], &body, &[]);
    let out = dir.path().join("out");
    let (pdf, docx) = compiled(&workbook, &out, "gongwen");
    let converted = libreoffice_pdf(&docx, &out);
    for (what, pdf) in [("Typst", &pdf), ("LibreOffice", &converted)] {
        // Body lines: inside the type area (37 mm from the top, 225 mm
        // tall), the page number below it left out.
        let mm = 72.0 / 25.4;
        let pages: Vec<Vec<(f64, String, f64, f64)>> = pdf_words(pdf)
            .iter()
            .map(|page| {
                lines_of(page)
                    .into_iter()
                    .filter(|l| l.0 > 37.0 * mm - 10.0 && l.0 < (37.0 + 225.0) * mm)
                    .collect()
            })
            .collect();
        // Full pages hold 22 lines, none more.
        let counts: Vec<usize> = pages.iter().map(Vec::len).collect();
        assert_eq!(counts.iter().max(), Some(&22), "{what}: {counts:?}");
        let full = pages.iter().filter(|p| p.len() == 22).count();
        assert!(full >= 2, "{what}: {counts:?}");
        // A full line of pure Chinese holds 28 characters, none more
        // (but a closing mark hanging past the edge).
        let widths: Vec<usize> = pages
            .iter()
            .flatten()
            .filter(|l| l.1.chars().all(|c| !c.is_ascii()))
            .map(|l| l.1.chars().count())
            .collect();
        assert!(
            widths.iter().filter(|&&n| n == 28).count() >= 20,
            "{what}: {widths:?}"
        );
        assert!(widths.iter().all(|&n| n <= 29), "{what}: {widths:?}");
    }
}

/// The .docx files of a folder, by name.
fn docx_files(folder: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "docx"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect()
}

#[test]
fn a_batch_writes_one_word_copy_per_good_region_the_same_bytes_each_run() {
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("区县.xlsx");
    common::write_regions_workbook(&workbook, 4, Some(2));
    let run = |out: &Path| {
        let output = common::compile_into(
            &workbook,
            out,
            &["--per", "地区", "--docx", "--template", "gongwen"],
        );
        assert_eq!(output.status.code(), Some(1), "{:?}", common::text(&output));
        docx_files(out)
    };
    let first = run(&dir.path().join("a"));
    let names: Vec<&String> = first.keys().collect();
    let mut expected: Vec<String> = [0, 1, 3]
        .map(|i| format!("区县-{}.docx", common::region_name(i)))
        .into();
    expected.sort();
    assert_eq!(names, expected.iter().collect::<Vec<_>>());
    // Made again, byte for byte the same.
    assert_eq!(first, run(&dir.path().join("b")));
}

#[test]
fn the_report_sheet_asks_for_the_word_copy() {
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("简报.xlsx");
    sample_with(&workbook, &[("Word", "是")], &[], &[]);
    let out = dir.path().join("out");
    let stdout = compile_ok(&workbook, &out, &[]);
    assert!(out.join("简报.docx").is_file(), "{stdout}");
    assert!(stdout.contains("简报.docx"), "{stdout}");
}
