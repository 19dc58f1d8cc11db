//! The templates measured from the laid-out document: glyph positions
//! checked against GB/T 9704 for the official template, and against the
//! type area for both.

use briefing::pipeline::{Compiler, Options};
use briefing::typeset::{self, PlacedGlyph};

mod common;

const MM: f64 = 72.0 / 25.4;

/// The sample laid out with a built-in template, as `briefing compile`
/// lays it out, and its glyphs.
fn sample_glyphs(template: &str) -> (usize, Vec<PlacedGlyph>) {
    glyphs_of(&common::sample(), template)
}

/// `workbook` laid out with a built-in template: its pages and glyphs.
fn glyphs_of(workbook: &std::path::Path, template: &str) -> (usize, Vec<PlacedGlyph>) {
    let options = Options {
        template: Some(template.into()),
        system_fonts: false,
        ..Options::default()
    };
    let compiler = Compiler::new(options);
    let batch = compiler.read(workbook).unwrap();
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
    // Baselines may differ by a hair (a mark set in a box): order each line
    // left to right.
    for line in &mut lines {
        line.sort_by(|a, b| a.x.partial_cmp(&b.x).unwrap());
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

/// Whether a glyph is a closing mark, which draws in the left half of its
/// em box and may hang past the end of a full line.
fn is_closing_mark(g: &PlacedGlyph) -> bool {
    g.text
        .chars()
        .all(|c| "，。、；：？！”’）》」』".contains(c))
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
/// half of compressed punctuation) with a tolerance of 0.3 pt; when
/// `hanging`, a closing mark may start at the right edge and hang past it.
fn assert_inside(glyphs: &[PlacedGlyph], left: impl Fn(usize) -> f64, width: f64, hanging: bool) {
    for g in glyphs {
        let (l, r) = (left(g.page), left(g.page) + width);
        // Closing punctuation draws in the left half of its em box.
        let closing = is_closing_mark(g);
        let ink = if closing { 0.5 } else { 1.0 };
        let right_edge = g.x + g.advance.min(ink * g.size);
        // A closing mark whose cell crosses the right edge hangs past it;
        // marks in a row may hang together, a cell each.
        let hangs = hanging && closing && g.x > r - CHAR_PITCH && g.x < r + 2.0 * CHAR_PITCH;
        assert!(
            g.x >= l - 0.3 && (right_edge <= r + 0.3 || hangs),
            "glyph outside the type area: {g:?}"
        );
    }
}

/// Asserts that the baseline of `g` is on one of the 22 lines of the
/// grid, the first one em (0.88 em above the baseline) below the top of
/// the area.
fn assert_on_the_grid(g: &PlacedGlyph, context: &str) {
    let k = (g.y - AREA_TOP - 0.88 * 16.0) / LINE_PITCH;
    assert!(
        (k - k.round()).abs() < 0.01,
        "{context} page {}: baseline of {} off the grid at {:.2} mm",
        g.page + 1,
        g.text,
        g.y / MM
    );
    assert!(
        k.round() >= 0.0 && k.round() <= 21.0,
        "{context} page {}: line {k} outside the area",
        g.page + 1
    );
}

#[test]
fn gongwen_body_text_sits_on_the_22_by_28_grid() {
    for template in ["gongwen", "jianbao"] {
        body_text_sits_on_the_grid(template);
    }
}

/// The body of a template in the 公文 style, measured on its grid.
fn body_text_sits_on_the_grid(template: &str) {
    let (pages, glyphs) = sample_glyphs(template);
    assert!(pages > 10, "{pages} pages");
    let mut full_pages = 0;
    let mut full_lines = 0;
    for page in 0..pages {
        let body = lines(&glyphs, page, 16.0);
        assert!(body.len() <= 22, "page {}: {} lines", page + 1, body.len());
        full_pages += usize::from(body.len() == 22);
        let left = area_left(page);
        let cell_of =
            |g: &PlacedGlyph| ((g.x + g.advance / 2.0 - left) / CHAR_PITCH).floor() as i64;
        for (i, line) in body.iter().enumerate() {
            assert_on_the_grid(line[0], template);
            // A line followed by one that starts at the left edge is a full
            // line of its paragraph (a paragraph's first line is indented).
            let Some(next) = body.get(i + 1) else {
                continue;
            };
            if cell_of(next[0]) != 0 || !line.iter().all(|g| is_chinese(g)) {
                continue;
            }
            // It holds exactly 28 cells, its indent included: every
            // character, punctuation too, takes one whole cell, as on a word
            // processor's 文档网格. A closing mark just past the end hangs in
            // the margin (as word processors let it) and takes no cell; an
            // opening mark that would end the line starts the next one and
            // leaves its cell empty.
            let shown = || line.iter().map(|g| g.text.as_str()).collect::<String>();
            let in_area: Vec<&PlacedGlyph> =
                line.iter().filter(|g| cell_of(g) < 28).copied().collect();
            let hanging = &line[in_area.len()..];
            assert!(
                hanging.iter().all(|g| is_closing_mark(g)),
                "page {}: {}",
                page + 1,
                shown()
            );
            let cells: Vec<i64> = in_area.iter().map(|g| cell_of(g)).collect();
            // A line stops short only when what comes next cannot start
            // in its last cells: an opening mark (which may not end a
            // line), or a number or Latin word (which is not split).
            let count = cells[0] + cells.len() as i64;
            let next_unsplit = "（《“‘".contains(next[0].text.as_str()) || !is_chinese(next[0]);
            // A line that gave its last character to the next, so that one
            // mark at most hangs, is stretched as Word does: measured by
            // `lines_are_justified`.
            if line.len() == 27 && gave_its_last_character(next) {
                continue;
            }
            assert!(
                count == 28 || (count >= 26 && next_unsplit),
                "{template} page {}: {count} cells: {}",
                page + 1,
                shown()
            );
            assert!(
                cells.windows(2).all(|w| w[1] == w[0] + 1),
                "page {}: cells {cells:?}: {}",
                page + 1,
                shown()
            );
            // Han characters start on their cell.
            for (g, cell) in in_area.iter().zip(&cells).filter(|(g, _)| is_han(g)) {
                let offset = g.x - left - *cell as f64 * CHAR_PITCH;
                assert!(
                    offset.abs() < 0.5,
                    "page {}: {} off its cell by {offset:.2} pt",
                    page + 1,
                    g.text
                );
            }
            // No closing mark starts a line, no opening mark ends one.
            assert!(!is_closing_mark(line[0]), "{}", shown());
            assert!(
                !"（《“‘".contains(in_area.last().unwrap().text.as_str()),
                "{}",
                shown()
            );
            full_lines += 1;
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
fn gongwen_text_after_a_table_of_several_pages_is_back_on_the_grid() {
    use common::Cell::{N, S};
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("长表.xlsx");
    let mut rows = vec![vec![S("地区".into()), S("数值".into())]];
    rows.extend((1..=60).map(|i| vec![S(format!("第{i}区")), N(100.0 + i as f64)]));
    let after = "表后的这一段文字仍然落在行格上，与表前的文字一样。";
    sample_with_table(&workbook, after, rows);
    for template in ["gongwen", "jianbao"] {
        let (pages, glyphs) = glyphs_of(&workbook, template);
        let body: Vec<&PlacedGlyph> = glyphs
            .iter()
            .filter(|g| (g.size - 16.0).abs() < 0.01)
            .collect();
        for g in &body {
            assert_on_the_grid(g, template);
        }
        // The table (its text in 小四: 第1区 …) runs over pages, and body
        // text follows it on its last page, below it.
        let table: Vec<&PlacedGlyph> = glyphs
            .iter()
            .filter(|g| (g.size - 12.0).abs() < 0.01 && g.text == "区")
            .collect();
        let last_page = table.iter().map(|g| g.page).max().unwrap();
        let first_page = table.iter().map(|g| g.page).min().unwrap();
        assert!(
            last_page > first_page,
            "{template}: the table fits one page"
        );
        let end = table
            .iter()
            .filter(|g| g.page == last_page)
            .map(|g| g.y)
            .fold(0.0, f64::max);
        assert!(
            body.iter().any(|g| g.page == last_page && g.y > end),
            "{template}: no text after the table on page {} of {pages}",
            last_page + 1
        );
    }
}

/// A copy of the sample whose 正文 ends with `{表:长表}`, the sheet 长表 of
/// `rows`, and the paragraph `after`.
fn sample_with_table(workbook: &std::path::Path, after: &str, rows: Vec<Vec<common::Cell>>) {
    common::sample_with(
        workbook,
        &[],
        &[["总体", "", "{表:长表}"], ["总体", "", after]],
        &[("长表", rows)],
    );
}
#[test]
fn gongwen_margins_and_page_numbers() {
    let (pages, glyphs) = sample_glyphs("gongwen");
    // Everything, page numbers included, is within the type area's width.
    assert_inside(&glyphs, area_left, AREA_WIDTH, true);
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
    assert_inside(&glyphs, |_| 21.0 * MM, 168.0 * MM, false);
}

#[test]
fn gongwen_lines_are_justified_as_word_sets_them() {
    for template in ["gongwen", "jianbao"] {
        lines_are_justified(template);
    }
}

/// Every full line of body text, in a template in the 公文 style, as Word
/// and WPS set it on the grid (两端对齐): it ends at the right edge of the
/// type area, digits and Latin text included; at most one closing mark
/// hangs past the edge; and a line of pure Chinese holds 28 cells.
///
/// Where two closing marks follow a full line and no line before it holds
/// numbers or Latin text to give up a character, the line gives its last
/// character to the next one and is stretched, as Word does: “清结”、 on
/// the last page of the sample is set …“清 | 结”、….
fn lines_are_justified(template: &str) {
    let (pages, glyphs) = sample_glyphs(template);
    // Body lines of the whole document in reading order, with their page.
    let body: Vec<(usize, Vec<&PlacedGlyph>)> = (0..pages)
        .flat_map(|page| {
            lines(&glyphs, page, 16.0)
                .into_iter()
                .map(move |l| (page, l))
        })
        .collect();
    let starts_at_left = |n: usize| {
        let (page, line) = &body[n];
        (line[0].x - area_left(*page)).abs() <= 0.5
    };
    let pure = |n: usize| body[n].1.iter().all(|g| is_chinese(g));
    let mut measured = [0, 0];
    let (mut with_latin, mut gave_up) = (0, 0);
    for (n, (page, line)) in body.iter().enumerate().take(body.len() - 1) {
        // A line followed by one that starts at the left edge of the area
        // is a full line of its paragraph, not its last.
        if !starts_at_left(n + 1) {
            continue;
        }
        let page = *page;
        let left = area_left(page);
        let right = left + AREA_WIDTH;
        let shown = || line.iter().map(|g| g.text.as_str()).collect::<String>();
        let (in_area, hanging): (Vec<&PlacedGlyph>, Vec<&PlacedGlyph>) =
            line.iter().partition(|g| g.x < right - 0.5);
        // Where the line ends: where the mark hanging past it starts; else
        // at the end of its last mark's cell (a mark is drawn at the left
        // of its cell), or of its last character's em box (justification
        // adds its stretch to the advance of every character, the last one
        // too).
        let last = in_area.last().unwrap();
        let end = match hanging.first() {
            Some(mark) => mark.x,
            None if is_closing_mark(last) => last.x + CHAR_PITCH,
            None => last.x + last.advance.min(last.size),
        };
        assert!(
            (end - right).abs() <= 0.5,
            "{template} page {}: the line ends {:.2} pt from the right edge: {}",
            page + 1,
            end - right,
            shown()
        );
        assert!(
            hanging.iter().all(|g| is_closing_mark(g)),
            "{template} page {}: {}",
            page + 1,
            shown()
        );
        assert!(
            hanging.len() <= 1,
            "{template} page {}: {} marks hang: {}",
            page + 1,
            hanging.len(),
            shown()
        );
        if pure(n) {
            let first_cell = ((in_area[0].x - left) / CHAR_PITCH).round() as usize;
            let cells = first_cell + in_area.len();
            let gave = cells == 27 && gave_its_last_character(&body[n + 1].1);
            assert!(
                cells == 28 || gave,
                "{template} page {}: {cells} cells: {}",
                page + 1,
                shown()
            );
            gave_up += usize::from(gave);
        } else {
            with_latin += 1;
        }
        measured[page % 2] += 1;
    }
    // Both kinds of page (the binding margin alternates sides), and lines
    // holding digits or Latin text, were measured; one line of the sample
    // gives up its last character.
    assert!(
        measured[0] > 20 && measured[1] > 20,
        "{template}: {measured:?} full lines on odd and even pages"
    );
    assert!(
        with_latin > 20,
        "{template}: {with_latin} lines with digits"
    );
    assert_eq!(gave_up, 1, "{template}");
}

/// Whether a line one cell short may have given `next` its last character
/// so that one mark at most hangs: `next` starts with a Han character and
/// two closing marks.
fn gave_its_last_character(next: &[&PlacedGlyph]) -> bool {
    next.len() > 2 && is_han(next[0]) && next[1..3].iter().all(|g| is_closing_mark(g))
}
