//! How reports are made ([`Options`]) and how long each stage took
//! ([`Timings`]).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::NaiveDateTime;

use crate::model::ReadOptions;
use crate::typeset::{self, PdfStandard};

/// How reports are made.
///
/// ```
/// use briefing::pipeline::Options;
///
/// let options = Options {
///     template: Some("gongwen".into()),
///     png: true,
///     ..Options::default()
/// };
/// assert!(options.system_fonts);
/// ```
#[derive(Debug, Clone)]
pub struct Options {
    /// How the workbook is read: normalisation, and the column that makes
    /// one report per region.
    pub read: ReadOptions,
    /// The template: a built-in name or a path (`--template`). Without it,
    /// the workbook's 模板, else `default`.
    pub template: Option<String>,
    /// Where outputs go; by default `out/` beside the workbook.
    pub out_dir: Option<PathBuf>,
    /// Also render every page as a PNG image.
    pub png: bool,
    /// Also write the editable Word copy (`--docx`); a report also gets
    /// one when its 报告 sheet asks (Word: 是).
    pub docx: bool,
    /// Characters that no font can draw are warnings, not errors.
    pub allow_missing_glyphs: bool,
    /// The date of reports whose 报告 gives none (the command line passes
    /// `SOURCE_DATE_EPOCH`, else the time of the run). PDF/A needs one.
    pub fallback_date: Option<NaiveDateTime>,
    /// The standards the PDF conforms to; PDF/A-2b and PDF/UA-1 by default.
    pub pdf_standards: Vec<PdfStandard>,
    /// Folders of fonts to use besides the embedded ones (`--font-path`).
    pub font_paths: Vec<PathBuf>,
    /// Whether templates may use the fonts installed on the machine (the
    /// official 仿宋 of a 公文, say); on by default.
    pub system_fonts: bool,
    /// Where the metadata of installed fonts is cached; by default
    /// [`crate::typeset::font_cache::default_path`].
    pub font_cache: Option<PathBuf>,
    /// Also write the template and the data as files that Typst's own
    /// command line compiles into the same document (`--emit-typst`): in
    /// this folder, or a folder per report in it when there are several.
    pub emit_typst: Option<PathBuf>,
    /// A template that a workbook names by path (its 模板) must lie in
    /// this folder (`briefing serve` reads nothing outside the folder it
    /// serves); any may be used when `None`.
    pub templates_within: Option<PathBuf>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            read: ReadOptions::default(),
            template: None,
            out_dir: None,
            png: false,
            docx: false,
            allow_missing_glyphs: false,
            fallback_date: None,
            pdf_standards: PdfStandard::DEFAULT.to_vec(),
            font_paths: Vec::new(),
            system_fonts: true,
            font_cache: typeset::font_cache::default_path(),
            emit_typst: None,
            templates_within: None,
        }
    }
}

/// How long each stage took (`--timings`).
///
/// ```
/// use std::time::Duration;
/// use briefing::pipeline::Timings;
///
/// let mut total = Timings::default();
/// total += Timings { layout: Duration::from_millis(40), ..Timings::default() };
/// total += Timings { layout: Duration::from_millis(2), ..Timings::default() };
/// assert_eq!(total.layout, Duration::from_millis(42));
/// assert_eq!(total.stages()[4], ("排版", Duration::from_millis(42)));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Timings {
    /// Reading the workbook file.
    pub read: Duration,
    /// Checking it into the model.
    pub check: Duration,
    /// Wording figures and resolving placeholders.
    pub word: Duration,
    /// Loading fonts (the first compile that needs them pays).
    pub fonts: Duration,
    /// Typst: evaluating the template and laying out the pages.
    pub layout: Duration,
    /// Exporting the PDF (and PNG pages).
    pub pdf: Duration,
    /// Writing the summary workbook.
    pub summary: Duration,
    /// Writing the files.
    pub write: Duration,
}

impl Timings {
    /// Each stage with its Chinese name, in pipeline order.
    pub fn stages(&self) -> [(&'static str, Duration); 8] {
        [
            ("读取", self.read),
            ("检查", self.check),
            ("措辞", self.word),
            ("字体", self.fonts),
            ("排版", self.layout),
            ("PDF", self.pdf),
            ("汇总表", self.summary),
            ("写文件", self.write),
        ]
    }
}

impl std::ops::AddAssign for Timings {
    fn add_assign(&mut self, other: Timings) {
        self.read += other.read;
        self.check += other.check;
        self.word += other.word;
        self.fonts += other.fonts;
        self.layout += other.layout;
        self.pdf += other.pdf;
        self.summary += other.summary;
        self.write += other.write;
    }
}

/// Runs `f`, adding the time it took to `slot`.
pub(crate) fn timed<T>(slot: &mut Duration, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let result = f();
    *slot += start.elapsed();
    result
}
