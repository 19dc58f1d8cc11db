//! The 公文 templates' 文档网格 lines, broken here rather than in Typst
//! script, where breaking every paragraph of a report took more time than
//! the rest of its layout (docs/performance.md).
//!
//! This is the algorithm of `templates/gongwen/grid.typ`, line for line,
//! with the same numbers: the grid of `style.typ` (lines 156 mm wide of 28
//! cells, body text in 16 pt with the tracking that puts characters a cell
//! apart) and the widths of runs of Latin text and digits as Typst measures
//! them (the font's advances as shaped, plus the tracking between
//! characters). The lines go to the template in `sys.inputs.grid`, by
//! paragraph; `grid-par` of `parts.typ` uses them only when the grid and
//! font they were made for are its own, and breaks any other paragraph
//! itself with grid.typ. A paragraph with a character whose width Typst may set other
//! than by its advance (a space, a symbol outside ASCII) is left to
//! grid.typ too.

use typst::foundations::{Array, Dict, IntoValue, Str, Value};
use typst::layout::Abs;
use typst::text::{FontInstance, FontStretch, FontStyle, FontVariant, FontVariations};

use super::fonts::{Fonts, ResolvedRole};
use crate::wording::{Block, Document};

/// The grid of `templates/gongwen/style.typ`.
struct Grid {
    /// The width of a cell.
    pitch: Abs,
    /// The width of a line.
    width: Abs,
    /// The size of body text.
    size: Abs,
    /// The tracking of body text.
    tracking: Abs,
}

impl Grid {
    /// The grid of `style.typ`: 28 cells in 156 mm, text in 16 pt.
    fn gongwen() -> Grid {
        let width = Abs::mm(156.0);
        let pitch = width / 28.0;
        let size = Abs::pt(16.0);
        Grid {
            pitch,
            width,
            size,
            tracking: pitch - size - Abs::pt(0.01),
        }
    }
}

/// What takes one place on a line.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// A closing mark: one cell.
    Closing,
    /// An opening mark: one cell.
    Opening,
    /// A Han character: one cell.
    Han,
    /// A run of Latin text and digits: its own width, never split.
    Run,
}

/// A token of a paragraph: its kind, text and width.
struct Token<'a> {
    kind: Kind,
    text: &'a str,
    width: Abs,
}

const CLOSING_MARKS: &str = "，。、；：！？）》」』】〕”’";
const OPENING_MARKS: &str = "（《「『【〔“‘";

/// Whether `c` is a Han character (one cell), as grid.typ's `han-range`.
fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// The tokens of `text`, each run measured by `width_of`; `None` when a
/// character is one this module leaves to grid.typ, or a run cannot be
/// measured.
fn tokens<'a>(
    text: &'a str,
    pitch: Abs,
    mut width_of: impl FnMut(&str) -> Option<Abs>,
) -> Option<Vec<Token<'a>>> {
    let mut tokens = Vec::new();
    let mut run_start = None;
    for (at, c) in text.char_indices() {
        let kind = if CLOSING_MARKS.contains(c) {
            Kind::Closing
        } else if OPENING_MARKS.contains(c) {
            Kind::Opening
        } else if is_han(c) {
            Kind::Han
        } else if c.is_ascii_graphic() {
            run_start.get_or_insert(at);
            continue;
        } else {
            return None;
        };
        if let Some(start) = run_start.take() {
            let run = &text[start..at];
            tokens.push(Token {
                kind: Kind::Run,
                text: run,
                width: width_of(run)?,
            });
        }
        let end = at + c.len_utf8();
        tokens.push(Token {
            kind,
            text: &text[at..end],
            width: pitch,
        });
    }
    if let Some(start) = run_start {
        let run = &text[start..];
        tokens.push(Token {
            kind: Kind::Run,
            text: run,
            width: width_of(run)?,
        });
    }
    Some(tokens)
}

/// A line: its first token, the token after it, how many closing marks
/// hang past it, whether it is short (pure Chinese, not reaching the edge)
/// and whether it is stretched although short.
#[derive(Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    hanging: usize,
    short: bool,
    stretched: bool,
}

impl Line {
    /// Whether the line is set as Word sets it: not short, at most one mark
    /// hanging past it.
    fn well_set(&self) -> bool {
        !self.short && self.hanging <= 1
    }
}

/// The line that starts at token `i` in a line `room` wide, holding at
/// most `limit` tokens (grid.typ's `fill-line`).
fn fill_line(tokens: &[Token], i: usize, room: Abs, limit: Option<usize>) -> Line {
    let n = tokens.len();
    let kind = |k: usize| tokens[k].kind;
    let mut used = Abs::zero();
    let mut j = i;
    while j < n
        && limit.is_none_or(|limit| j - i < limit)
        && used + tokens[j].width <= room + Abs::pt(0.05)
    {
        used += tokens[j].width;
        j += 1;
    }
    // A run wider than the line takes a line of its own.
    if j == i && i < n {
        used += tokens[j].width;
        j += 1;
    }
    let mut hanging = 0;
    if j < n && limit.is_none() && j > i && kind(j) == Kind::Closing {
        while j + hanging < n && kind(j + hanging) == Kind::Closing {
            hanging += 1;
        }
    } else if j < n {
        while j > i + 1 && (kind(j) == Kind::Closing || kind(j - 1) == Kind::Opening) {
            j -= 1;
            used -= tokens[j].width;
        }
    }
    let short = j + hanging < n
        && used < room - Abs::pt(1.0)
        && tokens[i..j].iter().all(|t| t.kind != Kind::Run);
    Line {
        start: i,
        end: j + hanging,
        hanging,
        short,
        stretched: false,
    }
}

/// The lines from line `from` on, those before it kept; `limits` caps the
/// number of tokens of some lines (by line number).
fn fill_from(
    tokens: &[Token],
    lines: &[Line],
    from: usize,
    first_room: Abs,
    room: Abs,
    limits: &[Option<usize>],
) -> Vec<Line> {
    let mut lines = lines[..from].to_vec();
    let mut i = lines.last().map_or(0, |l| l.end);
    while i < tokens.len() {
        let k = lines.len();
        let line = fill_line(
            tokens,
            i,
            if k == 0 { first_room } else { room },
            limits.get(k).copied().flatten(),
        );
        i = line.end;
        lines.push(line);
    }
    lines
}

/// The lines of a paragraph, each line that falls short mended where a
/// line before it that holds a run can give up a character or a few
/// (grid.typ's `break-lines`).
fn break_lines(tokens: &[Token], first_room: Abs, room: Abs) -> Vec<Line> {
    let mut limits: Vec<Option<usize>> = Vec::new();
    let with = |limits: &[Option<usize>], k: usize, limit: usize| {
        let mut limits = limits.to_vec();
        if limits.len() <= k {
            limits.resize(k + 1, None);
        }
        limits[k] = Some(limit);
        limits
    };
    let mut lines = fill_from(tokens, &[], 0, first_room, room, &limits);
    let mut k = 0;
    while k < lines.len() {
        let mut j = k as isize - 1;
        while !lines[k].well_set() && j >= k.saturating_sub(6) as isize {
            let giver = lines[j as usize];
            let count = giver.end - giver.start;
            if tokens[giver.start..giver.end]
                .iter()
                .any(|t| t.kind == Kind::Run)
            {
                for fewer in 1..count.min(4) {
                    let tried = with(&limits, j as usize, count - fewer);
                    let mended = fill_from(tokens, &lines, j as usize, first_room, room, &tried);
                    if mended.len() > k && mended[j as usize + 1..=k].iter().all(Line::well_set) {
                        limits = tried;
                        lines = mended;
                        break;
                    }
                }
            }
            j -= 1;
        }
        let line = lines[k];
        if line.hanging > 1 {
            // Nothing could give: the line gives its last character to the
            // next one, so that a single mark hangs, and is stretched.
            limits = with(&limits, k, line.end - line.start - line.hanging - 1);
            lines = fill_from(tokens, &lines, k, first_room, room, &limits);
            lines[k].stretched = true;
        }
        k += 1;
    }
    lines
}

/// A line as grid.typ's `set-line` sets it: `parts` alternate text between
/// marks (maybe empty) and a mark, starting and ending with text; `hang`
/// are the marks that hang past it; `justify` whether its line break
/// justifies it.
fn line_value(tokens: &[Token], line: &Line) -> Value {
    let mut parts = Array::new();
    let mut run = String::new();
    for t in &tokens[line.start..line.end - line.hanging] {
        if matches!(t.kind, Kind::Closing | Kind::Opening) {
            parts.push(Str::from(std::mem::take(&mut run)).into_value());
            parts.push(Str::from(t.text).into_value());
        } else {
            run.push_str(t.text);
        }
    }
    parts.push(Str::from(run).into_value());
    let hang: Array = tokens[line.end - line.hanging..line.end]
        .iter()
        .map(|t| Str::from(t.text).into_value())
        .collect();
    let mut dict = Dict::new();
    dict.insert("parts".into(), parts.into_value());
    dict.insert("hang".into(), hang.into_value());
    dict.insert(
        "justify".into(),
        (!line.short || line.stretched).into_value(),
    );
    dict.into_value()
}

/// The width Typst measures for `run` set in `font` at the grid's size and
/// tracking: the advances as shaped (kerning included), the tracking after
/// every character but the last, plus the 0.5 pt grid.typ adds. `None`
/// when the font lacks a character.
fn run_width(font: &FontInstance, run: &str, grid: &Grid) -> Option<Abs> {
    let face = font.rusty();
    if run.chars().any(|c| face.glyph_index(c).is_none()) {
        return None;
    }
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(run);
    let language: rustybuzz::Language = "zh-CN".parse().ok()?;
    buffer.set_language(language.clone());
    buffer.set_direction(rustybuzz::Direction::LeftToRight);
    buffer.guess_segment_properties();
    buffer.set_flags(rustybuzz::BufferFlags::REMOVE_DEFAULT_IGNORABLES);
    let plan = rustybuzz::ShapePlan::new(
        face,
        buffer.direction(),
        Some(buffer.script()),
        Some(&language),
        &[],
    );
    let shaped = rustybuzz::shape_with_plan(face, &plan, buffer);
    let infos = shaped.glyph_infos();
    let positions = shaped.glyph_positions();
    if infos.iter().any(|g| g.glyph_id == 0) {
        return None;
    }
    let tracking = typst::layout::Em::from_abs(grid.tracking, grid.size);
    let mut width = typst::layout::Em::zero();
    for (k, (info, pos)) in infos.iter().zip(positions).enumerate() {
        width += font.to_em(pos.x_advance);
        if infos
            .get(k + 1)
            .is_some_and(|next| next.cluster != info.cluster)
        {
            width += tracking;
        }
    }
    Some(width.at(grid.size) + Abs::pt(0.5))
}

/// `sys.inputs.grid` for the 公文 templates: the grid and font the lines
/// are for, and the lines of every paragraph of body text in `document`
/// that this module can break (`lines`: paragraph → lines). `None` when
/// the 仿宋 role has no font.
pub(crate) fn grid_lines(
    document: &Document,
    fonts: &Fonts,
    fangsong: &ResolvedRole,
) -> Option<Value> {
    let grid = Grid::gongwen();
    let variant = FontVariant::new(
        FontStyle::Normal,
        fangsong.weight.typst(),
        FontStretch::NORMAL,
    );
    let family = fangsong.family.first()?;
    let font = fonts
        .book()
        .select(&family.to_lowercase(), variant)
        .and_then(|id| fonts.font(id))?
        .instantiate(variant, grid.size, &FontVariations::default());
    let mut texts: Vec<&str> = Vec::new();
    if let Some(lead) = document.report.get("lead").and_then(|v| v.as_str()) {
        texts.push(lead);
    }
    texts.extend(
        document
            .groups
            .iter()
            .filter_map(|g| g.highlight.as_deref()),
    );
    for chapter in &document.body {
        let paragraphs = chapter
            .paragraphs
            .iter()
            .chain(chapter.sections.iter().flat_map(|s| &s.paragraphs));
        texts.extend(paragraphs.filter_map(|p| match p {
            Block::Text(text) => Some(text.as_str()),
            _ => None,
        }));
    }
    let mut lines = Dict::new();
    for text in texts {
        let Some(tokens) = tokens(text, grid.pitch, |run| run_width(&font, run, &grid)) else {
            continue;
        };
        let broken = break_lines(&tokens, grid.width - 2.0 * grid.pitch, grid.width);
        let value: Array = broken.iter().map(|l| line_value(&tokens, l)).collect();
        lines.insert(text.into(), value.into_value());
    }
    let mut dict = Dict::new();
    dict.insert("pitch".into(), grid.pitch.into_value());
    dict.insert("width".into(), grid.width.into_value());
    dict.insert("size".into(), grid.size.into_value());
    let family: Array = fangsong
        .family
        .iter()
        .map(|f| Str::from(f.as_str()).into_value())
        .collect();
    dict.insert("family".into(), family.into_value());
    dict.insert("lines".into(), lines.into_value());
    Some(dict.into_value())
}
