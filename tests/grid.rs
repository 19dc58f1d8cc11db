//! The 文档网格 line breaker of the 公文 templates (templates/gongwen/grid.typ,
//! and its Rust twin src/typeset/grid.rs) on lines that are hard to break:
//! two closing marks after a full line, Latin text and digits, a number
//! longer than the space left on its line, a paragraph of punctuation only,
//! an opening mark near a line's end. Checked by the glyphs' positions on
//! the page; the built-in template (lines broken in Rust) and a copy of it
//! on disk (lines broken by grid.typ in Typst) must place every glyph alike.

use std::path::Path;

use briefing::pipeline::{Compiler, Options};
use briefing::typeset::{self, PlacedGlyph};

mod common;

const MM: f64 = 72.0 / 25.4;
const AREA_WIDTH: f64 = 156.0 * MM;
const PITCH: f64 = AREA_WIDTH / 28.0;
/// How much closer than a cell apart the text sets characters (grid.typ).
const TRACKING: f64 = 16.0 + 0.01 - PITCH;

/// Twenty-six Han characters: a first line's worth (it is indented two).
const FULL_FIRST_LINE: &str = "各县区坚持稳中求进工作总基调完整准确全面贯彻新发展理";

const HARD: &[&str] = &[
    // Two closing marks just past a full first line.
    "各县区坚持稳中求进工作总基调完整准确全面贯彻新发展理。”）继续推进各项工作落地见效。",
    // Latin text and digits, which take their own widths.
    "全市规模以上工业增加值同比增长3.5%，其中GDP核算口径下的ABC类企业完成投资增长12.5%，比一季度回升15.6个百分点，民间投资增长1.2%，高技术产业投资增长20.3%。",
    // A number longer than what is left of its line.
    "全年全市累计完成各类项目建设投资总额达到12345678901234567890元，创历史新高。",
    // Punctuation only.
    "“”（）《》，。、；：！？“”（）《》，。、；：！？“”（）《》，。、；：！？",
    // An opening mark near the end of a line, after Latin text and digits.
    "数据来源：兰州市统计局20200804发布的《兰州市2020年上半年国民经济运行情况》（第12345号）。",
];

/// The sample with the hard paragraphs in a chapter of their own.
fn workbook(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("网格.xlsx");
    let mut body = vec![["四、网格", "", HARD[0]]];
    body.extend(HARD[1..].iter().map(|p| ["", "", *p]));
    // Not last: the last paragraph of the text sticks to the signature,
    // in a block of its own, and Typst does not justify its lines (a known
    // flaw, left as it is).
    body.push(["", "", "以上。"]);
    common::sample_with(&path, &[], &body, &[]);
    path
}

/// `workbook` laid out with `template`: its glyphs.
fn glyphs(workbook: &Path, template: &str) -> Vec<PlacedGlyph> {
    let options = Options {
        template: Some(template.into()),
        system_fonts: false,
        ..Options::default()
    };
    let compiler = Compiler::new(options);
    let batch = compiler.read(workbook).unwrap();
    let compiled = compiler.compile(&batch, &batch.reports[0]);
    assert!(compiled.succeeded(), "{:#?}", compiled.diagnostics);
    typeset::glyphs(&compiled.laid_out.unwrap())
}

/// A copy of the built-in `gongwen` template in `dir`, which briefing
/// treats as any template on disk: its lines are broken by grid.typ.
fn template_on_disk(dir: &Path) -> String {
    let folder = dir.join("gongwen");
    std::fs::create_dir_all(&folder).unwrap();
    let gongwen = typeset::BUILTIN_TEMPLATES
        .iter()
        .find(|t| t.name == "gongwen")
        .unwrap();
    for (file, bytes) in gongwen.files {
        std::fs::write(folder.join(file), bytes).unwrap();
    }
    folder.to_string_lossy().into_owned()
}

/// The body-text lines (16 pt glyphs) of every page, in order, each left
/// to right, with the left edge of its page's type area.
fn body_lines(glyphs: &[PlacedGlyph]) -> Vec<(f64, Vec<&PlacedGlyph>)> {
    let pages = glyphs.iter().map(|g| g.page).max().unwrap_or(0) + 1;
    let mut lines = Vec::new();
    for page in 0..pages {
        let left = if page % 2 == 0 { 28.0 * MM } else { 26.0 * MM };
        let mut on_page: Vec<&PlacedGlyph> = glyphs
            .iter()
            .filter(|g| g.page == page && (g.size - 16.0).abs() < 0.01)
            .collect();
        on_page.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
        let mut page_lines: Vec<Vec<&PlacedGlyph>> = Vec::new();
        for g in on_page {
            match page_lines.last_mut() {
                Some(line) if (line[0].y - g.y).abs() < 0.5 => line.push(g),
                _ => page_lines.push(vec![g]),
            }
        }
        for mut line in page_lines {
            line.sort_by(|a, b| a.x.total_cmp(&b.x));
            lines.push((left, line));
        }
    }
    lines
}

fn text(line: &[&PlacedGlyph]) -> String {
    line.iter().map(|g| g.text.as_str()).collect()
}

/// The lines of paragraph `paragraph`: the run of consecutive lines whose
/// texts make it up.
fn lines_of<'a>(
    lines: &'a [(f64, Vec<&'a PlacedGlyph>)],
    paragraph: &str,
) -> &'a [(f64, Vec<&'a PlacedGlyph>)] {
    for start in 0..lines.len() {
        let mut joined = String::new();
        for end in start..lines.len() {
            joined += &text(&lines[end].1);
            if !paragraph.starts_with(&joined) {
                break;
            }
            if joined == paragraph {
                return &lines[start..=end];
            }
        }
    }
    panic!("no lines make up {paragraph}")
}

const CLOSING: &str = "，。、；：！？）》」』】〕”’";
const OPENING: &str = "（《「『【〔“‘";

fn is_mark(g: &PlacedGlyph, marks: &str) -> bool {
    g.text.chars().all(|c| marks.contains(c))
}

/// Where the cell of a glyph starts: an opening mark draws at the right of
/// its cell, anything else from its start.
fn cell_start(g: &PlacedGlyph) -> f64 {
    if is_mark(g, OPENING) {
        g.x + g.advance - PITCH
    } else {
        g.x
    }
}

#[test]
fn hard_lines_on_the_grid() {
    let dir = tempfile::tempdir().unwrap();
    let workbook = workbook(dir.path());
    let in_rust = glyphs(&workbook, "gongwen");
    let in_typst = glyphs(&workbook, &template_on_disk(dir.path()));
    // Both breakers set every glyph in the same place.
    assert_eq!(in_rust.len(), in_typst.len());
    for (a, b) in in_rust.iter().zip(&in_typst) {
        assert!(
            a.page == b.page
                && a.text == b.text
                && (a.x - b.x).abs() < 1e-6
                && (a.y - b.y).abs() < 1e-6,
            "Rust and Typst break differently: {a:?} against {b:?}"
        );
    }

    let lines = body_lines(&in_rust);
    for paragraph in HARD {
        let mine = lines_of(&lines, paragraph);
        for (k, (left, line)) in mine.iter().enumerate() {
            let right = left + AREA_WIDTH;
            let context = format!("line {} of {paragraph}: {}", k + 1, text(line));
            let last_line = k == mine.len() - 1;
            // The first line is indented two cells, the others start at the
            // left edge.
            let indent = if k == 0 { 2.0 * PITCH } else { 0.0 };
            // (A mark after the indent keeps the weak space before its
            // cell, the text's tracking.)
            let start = cell_start(line[0]) - left;
            assert!(
                (start - indent).abs() < TRACKING + 0.01,
                "{context}: starts at {start:.2}"
            );
            // No closing mark starts a line, no opening mark ends one.
            assert!(
                !is_mark(line[0], CLOSING),
                "{context}: starts with a closing mark"
            );
            // At most one glyph starts past the right edge: a closing mark.
            let past: Vec<_> = line.iter().filter(|g| g.x > right - 0.5).collect();
            assert!(past.len() <= 1, "{context}: {} glyphs hang", past.len());
            assert!(
                past.iter().all(|g| is_mark(g, CLOSING)),
                "{context}: only a closing mark hangs"
            );
            let inside: Vec<_> = line.iter().filter(|g| g.x <= right - 0.5).collect();
            let end = inside.last().unwrap();
            assert!(
                !is_mark(end, OPENING) || last_line,
                "{context}: ends with an opening mark"
            );
            // Every line but the last ends flush with the right edge: its
            // last character's cell (or a Latin glyph's advance) ends there.
            let reach = if end.text.is_ascii() {
                end.x + end.advance
            } else {
                end.x + PITCH
            };
            // A line of pure Chinese before a run or an opening mark that
            // does not fit at its end stays short, on the cells.
            let ascii = |g: &PlacedGlyph| g.text.is_ascii();
            let short = !line.iter().any(|g| ascii(g))
                && mine
                    .get(k + 1)
                    .is_some_and(|(_, next)| ascii(next[0]) || is_mark(next[0], OPENING));
            if !last_line && !short {
                assert!(
                    (reach - right).abs() < 0.6,
                    "{context}: ends {:.2} pt from the edge",
                    reach - right
                );
            }
        }
    }

    // Two closing marks after a full first line: the line gives its last
    // character to the next one, so that one mark hangs at most.
    let first = lines_of(&lines, HARD[0]);
    let chars: Vec<char> = FULL_FIRST_LINE.chars().collect();
    assert_eq!(text(&first[0].1), chars[..25].iter().collect::<String>());
    assert!(text(&first[1].1).starts_with(&format!("{}。”）", chars[25])));

    // Han characters of a line without Latin text stand in the cells of the
    // grid, unless the line is stretched.
    for (left, line) in lines_of(&lines, HARD[2])
        .iter()
        .chain(lines_of(&lines, HARD[3]))
    {
        if line.iter().all(|g| !g.text.chars().any(|c| c.is_ascii())) && line.len() < 28 {
            for g in line.iter().filter(|g| g.text.chars().all(common::is_han)) {
                // Characters are a hair (0.01 pt) less than a cell apart, so
                // that 28 fit.
                let cell = ((g.x - left) / PITCH).round();
                assert!(
                    (g.x - left - cell * PITCH).abs() < 0.3,
                    "{} off its cell in {}",
                    g.text,
                    text(line)
                );
            }
        }
    }

    // The long number is never split.
    assert!(
        lines_of(&lines, HARD[2])
            .iter()
            .any(|(_, l)| text(l).contains("12345678901234567890")),
        "the number is split"
    );
    // Punctuation only: a mark to a cell, one after the other (less the
    // text's tracking: the weak space before a mark's cell stays between
    // two marks).
    for (_, line) in lines_of(&lines, HARD[3]) {
        for pair in line.windows(2) {
            let step = cell_start(pair[1]) - cell_start(pair[0]);
            assert!(
                (step - PITCH + TRACKING).abs() < 0.01,
                "marks {:.2} pt apart in {}",
                step,
                text(line)
            );
        }
    }
}
