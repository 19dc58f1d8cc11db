//! The words of a PDF's pages with their boxes (`pdftotext -bbox`), and
//! the problems they show: a word off its page, words over each other.
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

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
