//! The templates measured from the laid-out document: glyph positions
//! checked against GB/T 9704 for the official template, and against the
//! type area for both.

use briefing::compile::{Compiler, Options};
use briefing::typeset::{self, Fonts, PlacedGlyph};

mod common;

const MM: f64 = 72.0 / 25.4;

/// The sample laid out with a built-in template, as `briefing compile`
/// lays it out, and its glyphs.
fn sample_glyphs(template: &str) -> (usize, Vec<PlacedGlyph>) {
    let options = Options {
        template: Some(template.into()),
        ..Options::default()
    };
    let compiler = Compiler::new(Fonts::new(false, &[]), options);
    let batch = compiler.read(&common::sample()).unwrap();
    let compiled = compiler.compile(&batch, &batch.reports[0]);
    assert!(compiled.succeeded(), "{:#?}", compiled.diagnostics);
    let laid_out = compiled.laid_out.unwrap();
    (laid_out.pages().len(), typeset::glyphs(&laid_out))
}

/// Body-text glyphs of one page, grouped into lines by baseline.
fn lines(glyphs: &[PlacedGlyph], page: usize, size: f64) -> Vec<Vec<&PlacedGlyph>> {
    let mut lines: Vec<Vec<&PlacedGlyph>> = Vec::new();
    let mut on_page: Vec<&PlacedGlyph> = glyphs
        .iter()
        .filter(|g| g.page == page && (g.size - size).abs() < 0.01)
        .collect();
    on_page.sort_by(|a, b| {
        a.y.partial_cmp(&b.y)
            .unwrap()
            .then(a.x.partial_cmp(&b.x).unwrap())
    });
    for g in on_page {
        match lines.last_mut() {
            Some(line) if (line[0].y - g.y).abs() < 0.5 => line.push(g),
            _ => lines.push(vec![g]),
        }
    }
    lines
}

/// Whether a glyph is a Han character.
fn is_han(g: &PlacedGlyph) -> bool {
    g.text.chars().all(common::is_han)
}

/// Whether a glyph is Chinese (a Han character or full-width punctuation).
fn is_chinese(g: &PlacedGlyph) -> bool {
    g.text
        .chars()
        .all(|c| common::is_han(c) || "，。、；：？！“”‘’（）《》——……".contains(c))
}

/// GB/T 9704 in points: the type area of an odd page and of an even page
/// (the binding margin alternates sides), its top and bottom.
const AREA_TOP: f64 = 37.0 * MM;
const AREA_BOTTOM: f64 = (37.0 + 225.0) * MM;
const AREA_WIDTH: f64 = 156.0 * MM;
const LINE_PITCH: f64 = 225.0 * MM / 22.0;
const CHAR_PITCH: f64 = AREA_WIDTH / 28.0;

fn area_left(page: usize) -> f64 {
    // Page 1 (index 0) is odd: binding on the left.
    if page.is_multiple_of(2) {
        28.0 * MM
    } else {
        26.0 * MM
    }
}

/// Asserts that every glyph lies inside [left, right] (ink, not the empty
/// half of compressed punctuation) with a tolerance of 0.3 pt.
fn assert_inside(glyphs: &[PlacedGlyph], left: impl Fn(usize) -> f64, width: f64) {
    for g in glyphs {
        let (l, r) = (left(g.page), left(g.page) + width);
        // Closing punctuation draws in the left half of its em box.
        let ink = if g
            .text
            .chars()
            .all(|c| "，。、；：？！”’）》」』".contains(c))
        {
            0.5
        } else {
            1.0
        };
        let right_edge = g.x + g.advance.min(ink * g.size);
        assert!(
            g.x >= l - 0.3 && right_edge <= r + 0.3,
            "glyph outside the type area: {g:?}"
        );
    }
}

#[test]
fn gongwen_body_text_sits_on_the_22_by_28_grid() {
    let (pages, glyphs) = sample_glyphs("gongwen");
    assert!(pages > 10, "{pages} pages");
    let mut full_pages = 0;
    let mut full_lines = 0;
    for page in 0..pages {
        let body = lines(&glyphs, page, 16.0);
        assert!(body.len() <= 22, "page {}: {} lines", page + 1, body.len());
        full_pages += usize::from(body.len() == 22);
        for line in &body {
            // Every baseline is on one of the 22 lines of the grid, the first
            // one em (0.88 em above the baseline) below the top of the area.
            let y = line[0].y;
            let k = (y - AREA_TOP - 0.88 * 16.0) / LINE_PITCH;
            assert!(
                (k - k.round()).abs() < 0.01,
                "page {}: baseline off the grid at {:.2} mm",
                page + 1,
                y / MM
            );
            assert!(
                k.round() >= 0.0 && k.round() <= 21.0,
                "page {}: line {k} outside the area",
                page + 1
            );
            // A justified line of Chinese text holds 28 characters counting
            // its indent; compressed punctuation (half a character at most)
            // may let a line take one more character per two marks.
            let right = line.last().unwrap();
            let justified =
                (right.x + right.advance.min(right.size) - area_left(page) - AREA_WIDTH).abs()
                    < 1.0;
            if justified && line.iter().all(|g| is_chinese(g)) {
                let indent = ((line[0].x - area_left(page)) / CHAR_PITCH).round() as usize;
                let count = indent + line.len();
                let punctuation = line.iter().filter(|g| !is_han(g)).count();
                assert!(
                    (28..=28 + punctuation / 2).contains(&count),
                    "page {}: {count} characters, {punctuation} marks: {}",
                    page + 1,
                    line.iter().map(|g| g.text.as_str()).collect::<String>()
                );
                full_lines += 1;
            }
        }
    }
    // Most pages are full, and the check saw plenty of lines.
    assert!(
        full_pages * 2 >= pages,
        "{full_pages} of {pages} pages have 22 lines"
    );
    assert!(full_lines > 100, "{full_lines} full lines");
}

#[test]
fn gongwen_margins_and_page_numbers() {
    let (pages, glyphs) = sample_glyphs("gongwen");
    // Everything, page numbers included, is within the type area's width.
    assert_inside(&glyphs, area_left, AREA_WIDTH);
    for g in glyphs.iter().filter(|g| (g.size - 16.0).abs() < 0.01) {
        assert!(
            g.y - 0.88 * 16.0 >= AREA_TOP - 0.1 && g.y <= AREA_BOTTOM,
            "{g:?}"
        );
    }
    // Body lines start at the left edge of the area on both kinds of page.
    for page in 0..2 {
        let starts = lines(&glyphs, page, 16.0)
            .iter()
            .map(|l| l[0].x)
            .fold(f64::MAX, f64::min);
        assert!(
            (starts - area_left(page)).abs() < 0.3,
            "page {}: {:.2} mm",
            page + 1,
            starts / MM
        );
    }
    // Page numbers: 4号 (14 pt), "— n —", 7 mm below the area, odd pages on
    // the right and even pages on the left, one character in.
    for page in 0..pages {
        let number: Vec<&PlacedGlyph> = glyphs
            .iter()
            .filter(|g| g.page == page && (g.size - 14.0).abs() < 0.01 && g.y > AREA_BOTTOM)
            .collect();
        let text: String = number.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(text.replace(' ', ""), format!("—{}—", page + 1));
        let top = number[0].y - 0.73 * 14.0; // cap height of the digits' line
        assert!(
            (top - AREA_BOTTOM - 7.0 * MM).abs() < 1.5,
            "page {}: {:.2} mm",
            page + 1,
            top / MM
        );
        let left = number.first().unwrap().x;
        let right = number.last().map(|g| g.x + g.advance).unwrap();
        if page.is_multiple_of(2) {
            assert!(
                (area_left(page) + AREA_WIDTH - 14.0 - right).abs() < 0.5,
                "page {}: ends at {:.2} mm",
                page + 1,
                right / MM
            );
        } else {
            assert!(
                (left - area_left(page) - 14.0).abs() < 0.5,
                "page {}: starts at {:.2} mm",
                page + 1,
                left / MM
            );
        }
    }
}

#[test]
fn default_template_keeps_text_inside_its_type_area() {
    let (_, glyphs) = sample_glyphs("default");
    assert_inside(&glyphs, |_| 21.0 * MM, 168.0 * MM);
}
