//! Typesetting: a Typst template turns the worded [`Document`] into a PDF.
//!
//! The document reaches the template as typed data in
//! `sys.inputs.briefing` (see `docs/templates.md`), never as Typst source, so
//! text from a cell always prints literally. Fonts are in [`fonts`], the
//! Typst environment in [`world`].

mod error;
pub mod font_cache;
pub mod fonts;
mod grid;
mod pdf;
mod pictures;
mod value;
pub mod world;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDateTime};
use typst::WorldExt;
use typst::diag::{Severity, SourceDiagnostic};
use typst::foundations::{Datetime, Dict, Value};
use typst::layout::{Abs, Frame, FrameItem, Point, Transform};
use typst::text::{Glyph, TextItem};
use typst_layout::PagedDocument;

use crate::wording::Document;
pub use error::TypesetError;
pub use fonts::{Fonts, ROLES, ResolvedRole};
pub use pdf::{Metadata, PdfStandard, pdf};
pub use pictures::{FigurePicture, figure_pictures};
pub use world::{BriefingWorld, BuiltinTemplate, Template, TemplateSource};

/// The templates shipped inside the binary; the first is the default.
pub static BUILTIN_TEMPLATES: &[BuiltinTemplate] = &[
    BuiltinTemplate {
        name: "default",
        description: "简报（成绩单）样式：标题、数字卡片、图表和分章正文",
        files: &[
            (
                "main.typ",
                include_bytes!("../../templates/default/main.typ"),
            ),
            (
                "style.typ",
                include_bytes!("../../templates/default/style.typ"),
            ),
            (
                "figures.typ",
                include_bytes!("../../templates/shared/figures.typ"),
            ),
            (
                OVERVIEW_FILE,
                include_bytes!("../../templates/default/overview.typ"),
            ),
        ],
        roles: &[],
    },
    BuiltinTemplate {
        name: "gongwen",
        description: "党政机关公文格式（GB/T 9704-2012）：仿宋正文、一、（一）1. 标题、页码",
        files: &[
            (
                "main.typ",
                include_bytes!("../../templates/gongwen/main.typ"),
            ),
            (
                "style.typ",
                include_bytes!("../../templates/gongwen/style.typ"),
            ),
            (
                "data.typ",
                include_bytes!("../../templates/gongwen/data.typ"),
            ),
            (
                "parts.typ",
                include_bytes!("../../templates/gongwen/parts.typ"),
            ),
            (
                "grid.typ",
                include_bytes!("../../templates/gongwen/grid.typ"),
            ),
            (
                "figures.typ",
                include_bytes!("../../templates/shared/figures.typ"),
            ),
            (
                OVERVIEW_FILE,
                include_bytes!("../../templates/gongwen/overview.typ"),
            ),
        ],
        roles: &["title", "fangsong", "hei", "kai", "song"],
    },
    BuiltinTemplate {
        name: "jianbao",
        description: "红头简报：红色简报名称、期号、编印单位和日期、红线，公文格式正文，末页版记（报送、抄送）",
        files: &[
            (
                "main.typ",
                include_bytes!("../../templates/gongwen/jianbao.typ"),
            ),
            (
                "style.typ",
                include_bytes!("../../templates/gongwen/style.typ"),
            ),
            (
                "data.typ",
                include_bytes!("../../templates/gongwen/data.typ"),
            ),
            (
                "parts.typ",
                include_bytes!("../../templates/gongwen/parts.typ"),
            ),
            (
                "grid.typ",
                include_bytes!("../../templates/gongwen/grid.typ"),
            ),
            (
                "figures.typ",
                include_bytes!("../../templates/shared/figures.typ"),
            ),
            (
                OVERVIEW_FILE,
                include_bytes!("../../templates/gongwen/overview.typ"),
            ),
        ],
        roles: &["title", "fangsong", "hei", "kai", "song"],
    },
];

/// The file beside a template's entry file that lays out the overview of
/// a batch made per region.
pub const OVERVIEW_FILE: &str = "overview.typ";

/// Finds a template by built-in name, or by the path of a `.typ` file or of
/// a folder holding `main.typ`.
///
/// # Errors
///
/// [`TypesetError::UnknownTemplate`] when `name_or_path` names neither a
/// built-in template nor a `.typ` file or a folder holding `main.typ`.
pub fn find_template(name_or_path: &str) -> Result<TemplateSource, TypesetError> {
    if let Some(builtin) = BUILTIN_TEMPLATES.iter().find(|t| t.name == name_or_path) {
        return Ok(TemplateSource::Builtin(builtin));
    }
    let path = Path::new(name_or_path);
    let unknown = || {
        let names: Vec<&str> = BUILTIN_TEMPLATES.iter().map(|t| t.name).collect();
        TypesetError::UnknownTemplate(name_or_path.to_string(), names.join("、"))
    };
    // The folder is resolved once, so that every file read can be checked
    // against it without touching the disk again.
    let folder = |root: &Path, main: String| {
        let root = root.canonicalize().map_err(|_| unknown())?;
        Ok(TemplateSource::Folder { root, main })
    };
    if path.is_dir() && path.join("main.typ").is_file() {
        return folder(path, "main.typ".into());
    }
    if path.is_file() {
        let root = crate::output::parent_folder(path);
        let main = path
            .file_name()
            .ok_or_else(unknown)?
            .to_string_lossy()
            .into_owned();
        return folder(root, main);
    }
    Err(unknown())
}

/// The template that lays out the overview of a batch made with the
/// template `source`: its [`OVERVIEW_FILE`] beside the entry file, or the
/// built-in default's when a folder has none. Also returns the file looked
/// for on disk (for watching it: creating it changes the overview).
pub fn overview_template(source: &TemplateSource) -> (Template, Option<PathBuf>) {
    match source {
        TemplateSource::Builtin(builtin) if builtin.has(OVERVIEW_FILE) => {
            (Template::with_main(source.clone(), OVERVIEW_FILE), None)
        }
        TemplateSource::Folder { root, .. } => {
            let path = root.join(OVERVIEW_FILE);
            let template = if path.is_file() {
                Template::new(TemplateSource::Folder {
                    root: root.clone(),
                    main: OVERVIEW_FILE.into(),
                })
            } else {
                default_overview()
            };
            (template, Some(path))
        }
        TemplateSource::Builtin(_) => (default_overview(), None),
    }
}

/// The built-in default template's overview.
fn default_overview() -> Template {
    Template::with_main(
        TemplateSource::Builtin(&BUILTIN_TEMPLATES[0]),
        OVERVIEW_FILE,
    )
}

/// How each font role is filled, by the role's key: `sys.inputs.fonts`.
fn roles(fonts: &Fonts) -> BTreeMap<&'static str, ResolvedRole> {
    fonts
        .resolve_roles()
        .into_iter()
        .map(|r| (r.key, r))
        .collect()
}

/// What a template receives as `sys.inputs`: the briefing, and how each
/// font role is filled; for a built-in 公文 template (one with the
/// `grid.typ` line breaker), the lines of its body text as `grid`.
fn inputs(document: &Document, template: &Template, fonts: &Fonts) -> Dict {
    let roles = roles(fonts);
    let mut inputs = Dict::new();
    inputs.insert("briefing".into(), typst_value(document));
    inputs.insert("fonts".into(), typst_value(&roles));
    if let TemplateSource::Builtin(builtin) = template.files()
        && builtin.has(GRID_FILE)
        && let Some(fangsong) = roles.get("fangsong")
        && let Some(lines) = grid::grid_lines(document, fonts, fangsong)
    {
        inputs.insert("grid".into(), lines);
    }
    inputs
}

/// The 公文 templates' line breaker, which [`grid`] does in Rust for the
/// built-in ones.
const GRID_FILE: &str = "grid.typ";

/// `data` as indented JSON, its keys sorted as in the Typst values.
fn pretty_json(data: &impl serde::Serialize) -> Vec<u8> {
    let json = serde_json::to_value(data).expect("the data's keys are all text");
    serde_json::to_vec_pretty(&json).expect("JSON serializes")
}

/// `data` as a Typst value.
fn typst_value(data: &impl serde::Serialize) -> Value {
    value::to_value(data).expect("the data's keys are all text")
}

/// The template and its data as files that Typst's own command line
/// compiles into the same document (`--emit-typst`): every file of the
/// template, with `sys.inputs.briefing` and `sys.inputs.fonts` read from
/// `briefing.json` and `fonts.json` beside them, and the 公文 grid's lines
/// broken by the template (`grid.typ`, placed as briefing places them).
/// Paths are relative to the folder the files go into.
///
/// # Errors
///
/// [`TypesetError::TemplateFolder`] when a folder template's files cannot
/// be read.
pub fn emit(
    document: &Document,
    template: &Template,
    fonts: &Fonts,
) -> Result<Vec<(PathBuf, Vec<u8>)>, TypesetError> {
    let mut files = vec![
        (PathBuf::from("briefing.json"), pretty_json(document)),
        (PathBuf::from("fonts.json"), pretty_json(&roles(fonts))),
    ];
    for (path, bytes) in template.files().all_files()? {
        let bytes = if path.extension().is_some_and(|e| e == "typ") {
            String::from_utf8_lossy(&bytes)
                .replace("sys.inputs.briefing", "json(\"/briefing.json\")")
                .replace("sys.inputs.fonts", "json(\"/fonts.json\")")
                // Typst's command line breaks the 公文 grid's lines itself.
                .replace("sys.inputs.at(\"grid\", default: none)", "none")
                .into_bytes()
        } else {
            bytes
        };
        files.push((path, bytes));
    }
    Ok(files)
}

/// Lays out `document` with `template`. `date` is the document's date (for
/// `datetime.today()` in templates).
///
/// # Errors
///
/// [`TypesetError::Template`] with Typst's messages when the template
/// fails on this document.
pub fn layout(
    document: &Document,
    template: &Template,
    fonts: &Fonts,
    date: Option<NaiveDateTime>,
) -> Result<LaidOut, TypesetError> {
    lay_out(inputs(document, template, fonts), template, fonts, date).map_err(|error| match error {
        TypesetError::Template(mut messages) if document.has_figures() => {
            if let Some(message) = messages.iter_mut().find(|m| m.contains(FOUND_DICTIONARY)) {
                message.push_str(FIGURES_HINT);
            }
            TypesetError::Template(messages)
        }
        other => other,
    })
}

/// What Typst says of a dictionary where text should be: what a template
/// written before `{表:…}` and `{图:…}` says of such a paragraph.
const FOUND_DICTIONARY: &str = "found dictionary";

/// The hint for it.
const FIGURES_HINT: &str = "\n  提示：正文里有 {表:…} 或 {图:…} 段落，模板收到的这种段落不是文字，\
     而是表格 (table: …) 或图表 (chart: …)，要分别排出（见 docs/templates.md）；\
     用 briefing new 新生成的模板已经会排。";

/// Lays out the overview of a batch with `template` (one made by
/// [`overview_template`]): `overview` is `sys.inputs.overview`, and
/// `document` (the overview's report fields and date) is
/// `sys.inputs.briefing`, so that a style shared with the reports reads
/// its title and date as it does for them. `date` is as for [`layout`].
///
/// # Errors
///
/// [`TypesetError::Template`] with Typst's messages when the overview
/// template fails.
pub fn layout_overview(
    document: &Document,
    overview: &impl serde::Serialize,
    template: &Template,
    fonts: &Fonts,
    date: Option<NaiveDateTime>,
) -> Result<LaidOut, TypesetError> {
    let mut inputs = Dict::new();
    inputs.insert("briefing".into(), typst_value(document));
    inputs.insert("overview".into(), typst_value(overview));
    inputs.insert("fonts".into(), typst_value(&roles(fonts)));
    lay_out(inputs, template, fonts, date)
}

/// Lays out `template` with `inputs` as `sys.inputs`.
fn lay_out(
    inputs: Dict,
    template: &Template,
    fonts: &Fonts,
    date: Option<NaiveDateTime>,
) -> Result<LaidOut, TypesetError> {
    let today = date.and_then(|d| Datetime::from_ymd(d.year(), d.month() as u8, d.day() as u8));
    let world = BriefingWorld::new(template, fonts, inputs, today);
    let result = typst::compile::<PagedDocument>(&world);
    let format_all = |diagnostics: &[SourceDiagnostic]| -> Vec<String> {
        diagnostics
            .iter()
            .map(|d| format_diagnostic(&world, d))
            .collect()
    };
    let warnings = format_all(&result.warnings);
    match result.output {
        Ok(document) => Ok(LaidOut { document, warnings }),
        Err(errors) => Err(TypesetError::Template(format_all(&errors))),
    }
}

/// A laid-out document, with what Typst warned about while laying it out
/// (formatted like its errors).
pub struct LaidOut {
    /// The pages.
    pub document: PagedDocument,
    /// The template's warnings, such as an unknown font family.
    pub warnings: Vec<String>,
}

/// Renders every page as a PNG image at `pixel_per_pt` pixels per point.
///
/// # Errors
///
/// [`TypesetError::Png`] when a page cannot be encoded.
pub fn png(document: &PagedDocument, pixel_per_pt: f64) -> Result<Vec<Vec<u8>>, TypesetError> {
    document
        .pages()
        .iter()
        .map(|page| png_page(page, pixel_per_pt))
        .collect()
}

/// Renders one page as a PNG image at `pixel_per_pt` pixels per point.
///
/// # Errors
///
/// [`TypesetError::Png`] when the page cannot be encoded.
pub fn png_page(page: &typst_layout::Page, pixel_per_pt: f64) -> Result<Vec<u8>, TypesetError> {
    let options = typst_render::RenderOptions {
        pixel_per_pt: typst::utils::Scalar::new(pixel_per_pt),
        ..Default::default()
    };
    typst_render::render(page, &options)
        .encode_png()
        .map_err(|e| TypesetError::Png(e.to_string()))
}

/// One glyph as laid out on a page, for checks and measurements.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedGlyph {
    /// Zero-based page index.
    pub page: usize,
    /// The text the glyph draws.
    pub text: String,
    /// Where the glyph's advance starts (the pen position), in points from
    /// the page's left edge. Compressed punctuation may draw its empty half
    /// before this point; its ink never does.
    pub x: f64,
    /// Baseline, in points from the page's top edge.
    pub y: f64,
    /// The glyph's advance width in points.
    pub advance: f64,
    /// The font size in points.
    pub size: f64,
    /// The family of the font that draws it.
    pub family: String,
    /// Whether the font lacks the character (the glyph is `.notdef`).
    pub missing: bool,
}

/// Every glyph of a laid-out document, page by page, in drawing order.
pub fn glyphs(document: &PagedDocument) -> Vec<PlacedGlyph> {
    let mut out = Vec::new();
    walk_text(document, &mut |page, at, text, glyph, advance| {
        out.push(PlacedGlyph {
            page,
            text: text.text[glyph.range()].to_string(),
            x: at.x.to_pt(),
            y: at.y.to_pt(),
            advance: advance.to_pt(),
            size: text.size.to_pt(),
            family: text.font.font().info().family.clone(),
            missing: glyph.id == 0,
        });
    });
    out
}

/// Calls `f` with each glyph of the document: its page, its pen position
/// on the page, its text item, the glyph and its advance.
fn walk_text(document: &PagedDocument, f: &mut impl FnMut(usize, Point, &TextItem, &Glyph, Abs)) {
    fn walk(
        frame: &Frame,
        ts: Transform,
        page: usize,
        f: &mut impl FnMut(usize, Point, &TextItem, &Glyph, Abs),
    ) {
        for (pos, item) in frame.items() {
            let here = ts.pre_concat(Transform::translate(pos.x, pos.y));
            match item {
                FrameItem::Group(group) => {
                    walk(&group.frame, here.pre_concat(group.transform), page, f)
                }
                FrameItem::Text(text) => {
                    let mut x = Abs::zero();
                    for glyph in &text.glyphs {
                        let advance = glyph.x_advance.at(text.size);
                        f(
                            page,
                            Point::new(x, Abs::zero()).transform(here),
                            text,
                            glyph,
                            advance,
                        );
                        x += advance;
                    }
                }
                _ => {}
            }
        }
    }
    for (page, p) in document.pages().iter().enumerate() {
        walk(&p.frame, Transform::identity(), page, f);
    }
}

/// The characters that no chosen font could draw, each once, in order.
pub fn missing_characters(document: &PagedDocument) -> Vec<char> {
    let mut missing: Vec<char> = Vec::new();
    walk_text(document, &mut |_, _, text, glyph, _| {
        if glyph.id != 0 {
            return;
        }
        for c in text.text[glyph.range()]
            .chars()
            .filter(|c| !c.is_whitespace() && !c.is_control())
        {
            if !missing.contains(&c) {
                missing.push(c);
            }
        }
    });
    missing
}

/// The characters of `document` that no face of `fonts` has, each once, in
/// order of first appearance: found from the fonts' coverage, without
/// layout. Typst falls back to any face that has a character, so what a
/// compile prints as an empty box ([`missing_characters`]) is among these.
pub fn uncovered_characters(document: &Document, fonts: &Fonts) -> Vec<char> {
    fn strings<'a>(value: &'a Value, out: &mut Vec<&'a str>) {
        match value {
            Value::Str(s) => out.push(s.as_str()),
            Value::Array(items) => items.iter().for_each(|i| strings(i, out)),
            Value::Dict(dict) => dict.iter().for_each(|(_, v)| strings(v, out)),
            _ => {}
        }
    }
    let data = typst_value(document);
    let mut texts = Vec::new();
    strings(&data, &mut texts);
    let mut seen = std::collections::HashSet::new();
    let mut uncovered = Vec::new();
    for c in texts.iter().flat_map(|t| t.chars()) {
        if c.is_whitespace() || c.is_control() || !seen.insert(c) {
            continue;
        }
        if !fonts.infos().any(|info| info.coverage.contains(c as u32)) {
            uncovered.push(c);
        }
    }
    uncovered
}

/// Formats a Typst diagnostic the way Typst shows them: file, line and
/// column, the source line, the message and its hints.
fn format_diagnostic(world: &BriefingWorld, diagnostic: &SourceDiagnostic) -> String {
    let label = match diagnostic.severity {
        Severity::Error => "错误",
        Severity::Warning => "警告",
    };
    let mut out = String::new();
    let location = diagnostic.span.id().and_then(|id| {
        let source = typst::World::source(world, id).ok()?;
        let range = world.range(diagnostic.span)?;
        let (line, col) = source.lines().byte_to_line_column(range.start)?;
        let text = source
            .text()
            .lines()
            .nth(line)
            .unwrap_or_default()
            .to_string();
        Some((world.display_path(id), line + 1, col + 1, text))
    });
    match location {
        Some((path, line, col, text)) => {
            out.push_str(&format!(
                "{label}：{path}:{line}:{col}：{}\n",
                diagnostic.message
            ));
            out.push_str(&format!("  {line:>4} | {text}\n"));
            out.push_str(&format!("       | {}^", " ".repeat(col.saturating_sub(1))));
        }
        None => out.push_str(&format!("{label}：{}", diagnostic.message)),
    }
    for hint in &diagnostic.hints {
        out.push_str(&format!("\n  提示：{}", hint.v));
    }
    out
}
