//! The 红头简报 template measured from its PDF: pages rendered at 72 dpi
//! (one pixel per point) and read pixel by pixel, text read with pdftotext.

use std::path::Path;
use std::process::Command;

mod common;

const MM: f64 = 72.0 / 25.4;
/// The type area of an odd page: 28 mm from the left, 156 mm wide; its
/// bottom 262 mm from the top.
const AREA_LEFT: f64 = 28.0 * MM;
const AREA_WIDTH: f64 = 156.0 * MM;
const AREA_BOTTOM: f64 = 262.0 * MM;

/// A page rendered to RGB pixels at one pixel per point.
struct Page {
    width: usize,
    height: usize,
    rgb: Vec<u8>,
}

impl Page {
    fn render(pdf: &Path, page: usize) -> Page {
        let output = Command::new("pdftoppm")
            .args(["-r", "72", "-f", &page.to_string(), "-l", &page.to_string()])
            .arg(pdf)
            .output()
            .expect("pdftoppm is installed (poppler-utils)");
        assert!(output.status.success());
        // A binary PPM: "P6", width, height, 255, then RGB bytes.
        let data = output.stdout;
        let mut fields = Vec::new();
        let mut at = 0;
        while fields.len() < 4 {
            while data[at].is_ascii_whitespace() {
                at += 1;
            }
            let start = at;
            while !data[at].is_ascii_whitespace() {
                at += 1;
            }
            fields.push(String::from_utf8_lossy(&data[start..at]).into_owned());
        }
        assert_eq!(fields[0], "P6");
        Page {
            width: fields[1].parse().unwrap(),
            height: fields[2].parse().unwrap(),
            rgb: data[at + 1..].to_vec(),
        }
    }

    fn pixel(&self, x: usize, y: usize) -> (u8, u8, u8) {
        let i = (y * self.width + x) * 3;
        (self.rgb[i], self.rgb[i + 1], self.rgb[i + 2])
    }

    /// The columns of row `y` whose pixel `is`.
    fn row(&self, y: usize, is: impl Fn((u8, u8, u8)) -> bool) -> Vec<usize> {
        (0..self.width).filter(|&x| is(self.pixel(x, y))).collect()
    }

    /// Rows where pixels that are `is` span the type area from edge to edge.
    fn rules(&self, is: impl Fn((u8, u8, u8)) -> bool + Copy) -> Vec<usize> {
        (0..self.height)
            .filter(|&y| {
                let xs = self.row(y, is);
                xs.len() as f64 > AREA_WIDTH * 0.98
                    && xs
                        .first()
                        .is_some_and(|&x| (x as f64 - AREA_LEFT).abs() < 2.0)
                    && xs
                        .last()
                        .is_some_and(|&x| (x as f64 - AREA_LEFT - AREA_WIDTH).abs() < 2.0)
            })
            .collect()
    }
}

fn red((r, g, b): (u8, u8, u8)) -> bool {
    r > 180 && g < 90 && b < 90
}

fn dark((r, g, b): (u8, u8, u8)) -> bool {
    r < 100 && g < 100 && b < 100
}

/// Groups of consecutive rows: one per rule.
fn groups(rows: &[usize]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for &y in rows {
        match out.last_mut() {
            Some((_, end)) if *end + 1 == y => *end = y,
            _ => out.push((y, y)),
        }
    }
    out
}

#[test]
fn masthead_in_red_above_a_red_rule_and_the_record_at_the_foot() {
    let dir = tempfile::tempdir().unwrap();
    common::compile_ok(&common::sample(), dir.path(), &["--template", "jianbao"]);
    let pdf = dir.path().join("兰州市2020年上半年成绩单.pdf");

    // Page 1: red type (the bulletin's name), then one red rule across the
    // type area, and nothing red below it.
    let first = Page::render(&pdf, 1);
    let rule = groups(&first.rules(red));
    assert_eq!(rule.len(), 1, "red rules at rows {rule:?}");
    let (rule_top, rule_bottom) = rule[0];
    let red_rows: Vec<usize> = (0..first.height)
        .filter(|&y| !first.row(y, red).is_empty())
        .collect();
    let text_rows: Vec<usize> = red_rows.iter().copied().filter(|&y| y < rule_top).collect();
    assert!(
        text_rows.len() > 20,
        "red type {} rows tall",
        text_rows.len()
    );
    assert!(
        red_rows.iter().all(|&y| y <= rule_bottom),
        "red below the rule"
    );
    // The name starts at the top of the type area (37 mm) and is centred.
    let top = text_rows[0] as f64;
    assert!(
        (top - 37.0 * MM).abs() < 12.0,
        "name starts at {:.1} mm",
        top / MM
    );
    let xs: Vec<usize> = text_rows.iter().flat_map(|&y| first.row(y, red)).collect();
    let (left, right) = (
        *xs.iter().min().unwrap() as f64,
        *xs.iter().max().unwrap() as f64,
    );
    let centre = AREA_LEFT + AREA_WIDTH / 2.0;
    assert!(
        ((left + right) / 2.0 - centre).abs() < 3.0,
        "name not centred"
    );
    // 期号, the office and the date are printed between name and rule.
    let text = common::pdf_lines(&pdf);
    common::assert_line(&text, "经济运行简报");
    common::assert_line(&text, "2020年第8期");
    common::assert_line(&text, "兰州市统计局办公室");
    common::assert_line(&text, "2020年8月4日");

    // The last page: the 版记 at the foot, between rules across the type
    // area, the last one on the bottom of the area.
    let pages = common::pdf_page_count(&pdf);
    let last = Page::render(&pdf, pages);
    let rules = groups(&last.rules(dark));
    assert!(rules.len() >= 4, "rules at rows {rules:?}");
    let foot = &rules[rules.len() - 4..];
    let bottom = foot[3].1 as f64;
    assert!(
        (bottom - AREA_BOTTOM).abs() < 3.0,
        "last rule at {:.1} mm",
        bottom / MM
    );
    assert!(
        foot[0].0 as f64 > AREA_BOTTOM - 60.0 * MM,
        "版记 starts at {} pt",
        foot[0].0
    );
    // Thick rules outside, thin ones between.
    let thickness = |(a, b): (usize, usize)| b - a + 1;
    assert!(thickness(foot[0]) >= thickness(foot[1]));
    let record = common::pdf_page_lines(&pdf, pages);
    common::assert_line(&record, "报送：市委、市人大常委会、市政府、市政协领导同志");
    common::assert_line(
        &record,
        "抄送：各县区人民政府，兰州新区管委会，市政府各部门",
    );
    common::assert_line(&record, "兰州市统计局办公室");
    common::assert_line(&record, "2020年8月4日印发");
}
