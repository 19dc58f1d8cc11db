//! The pipeline, from a workbook file to the bytes of its reports.
//!
//! This is the one entry point that the command line, the tests and the
//! benchmarks call:
//!
//! 1. [`read`] opens a workbook, checks it into a [`Briefing`] and cuts it
//!    into [`Report`]s: one, or one per region with `--per`
//!    ([`ReadOptions::per`]);
//! 2. [`Batch::word`] words one report's figures and resolves its
//!    placeholders (all that `briefing check` needs);
//! 3. [`Compiler::compile`] typesets one report and computes all of its
//!    output files in memory ([`Compiled`]); nothing is written.
//!
//! A [`Compiler`] holds what all compiles share: the fonts and the parsed
//! templates, each loaded when first needed. It can be used from several
//! threads at once, so the reports of a batch compile in parallel; writing
//! the files is the caller's ([`crate::output::write_set`]).
//!
//! ```no_run
//! use briefing::compile::{Compiler, Options};
//!
//! let compiler = Compiler::new(Options::default());
//! let batch = compiler.read("data/兰州市2020年上半年成绩单.xlsx".as_ref())?;
//! for report in &batch.reports {
//!     let compiled = compiler.compile(&batch, report);
//!     briefing::output::write_set(&compiled.artifacts)?;
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use chrono::NaiveDateTime;

use crate::diagnostic::{Diagnostic, has_errors};
use crate::model::{Briefing, ReadOptions, ReportKey};
use crate::output::{Artifact, parent_folder, safe_file_name};
use crate::summary::{self, Status};
use crate::typeset::{
    self, BUILTIN_TEMPLATES, Fonts, Metadata, PdfStandard, Template, TemplateSource, TypesetError,
};
use crate::wording::{Document, Ranks, Region};
use crate::workbook::{ReadError, Workbook};

/// How reports are made.
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
}

impl Default for Options {
    fn default() -> Self {
        Options {
            read: ReadOptions::default(),
            template: None,
            out_dir: None,
            png: false,
            allow_missing_glyphs: false,
            fallback_date: None,
            pdf_standards: PdfStandard::DEFAULT.to_vec(),
            font_paths: Vec::new(),
            system_fonts: true,
            font_cache: typeset::font_cache::default_path(),
            emit_typst: None,
        }
    }
}

/// How long each stage took (`--timings`).
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
    /// Writing the files (the caller's).
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
fn timed<T>(slot: &mut Duration, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let result = f();
    *slot += start.elapsed();
    result
}

/// A workbook read and checked, cut into the reports it makes.
#[derive(Debug)]
pub struct Batch {
    /// The workbook's path.
    pub path: PathBuf,
    /// Its cells, for showing diagnostics in context.
    pub workbook: Workbook,
    /// The whole workbook, every region's indicators included.
    pub briefing: Briefing,
    /// Ranks across the regions (empty without `--per`).
    pub ranks: Ranks,
    /// The reports, in order of first appearance of their regions.
    pub reports: Vec<Report>,
    /// How long reading and checking took.
    pub timings: Timings,
}

/// One report of a batch, checked but not yet worded.
#[derive(Debug)]
pub struct Report {
    /// Its region, when the workbook makes one report per region.
    pub region: Option<String>,
    /// The stem of its output files, safe on every system: the workbook's
    /// name, then the region's.
    pub name: String,
    /// What it says: the shared indicators and its region's.
    pub briefing: Briefing,
    /// The problems found while reading that concern this report.
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads the workbook at `path`, checks it, and cuts it into its reports.
/// Problems in the data are in each report's diagnostics; only a file that
/// cannot be read at all is an error.
pub fn read(path: &Path, options: &ReadOptions) -> Result<Batch, ReadError> {
    let mut timings = Timings::default();
    let workbook = timed(&mut timings.read, || Workbook::open(path))?;
    let (briefing, diagnostics) = timed(&mut timings.check, || {
        Briefing::from_workbook(&workbook, options)
    });
    let stem = file_stem(path);
    let ranks = Ranks::new(&briefing.indicators);
    let reports = match &briefing.regions {
        Some(regions) if !regions.names.is_empty() => {
            let names = unique_names(regions.names.iter().map(|r| format!("{stem}-{r}")));
            regions
                .names
                .iter()
                .zip(names)
                .map(|(region, name)| Report {
                    region: Some(region.clone()),
                    name,
                    briefing: briefing.for_region(region),
                    diagnostics: regions.diagnostics_for(region, &diagnostics),
                })
                .collect()
        }
        _ => vec![Report {
            region: None,
            name: safe_file_name(&stem),
            briefing: briefing.clone(),
            diagnostics,
        }],
    };
    Ok(Batch {
        path: path.to_path_buf(),
        workbook,
        briefing,
        ranks,
        reports,
        timings,
    })
}

/// A workbook's name without its extension: `成绩单` for `成绩单.xlsx`.
fn file_stem(path: &Path) -> std::borrow::Cow<'_, str> {
    path.file_stem()
        .map_or_else(|| "briefing".into(), |s| s.to_string_lossy())
}

/// Safe file names, distinct even where file systems ignore case:
/// a repeated name gets `-2`, `-3`….
fn unique_names(names: impl Iterator<Item = String>) -> Vec<String> {
    let mut taken: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for name in names {
        let safe = safe_file_name(&name);
        let mut candidate = safe.clone();
        let mut n = 1;
        while taken.contains(&candidate.to_lowercase()) {
            n += 1;
            candidate = format!("{safe}-{n}");
        }
        taken.push(candidate.to_lowercase());
        out.push(candidate);
    }
    out
}

impl Batch {
    /// Words `report`: its figures as text and its placeholders resolved.
    /// Returns the document unless there was an error, and every problem
    /// found for this report, from reading on.
    pub fn word(&self, report: &Report) -> (Option<Document>, Vec<Diagnostic>) {
        let column = self.briefing.regions.as_ref().map(|r| r.column.as_str());
        let region = match (&report.region, column) {
            (Some(name), Some(column)) => Some(Region {
                column,
                name,
                ranks: &self.ranks,
            }),
            _ => None,
        };
        let (document, more) = Document::new(&report.briefing, region.as_ref());
        let mut diagnostics = report.diagnostics.clone();
        diagnostics.extend(more);
        let document = document.filter(|_| !has_errors(&diagnostics));
        (document, diagnostics)
    }

    /// Whether the workbook makes one report per region.
    pub fn per_region(&self) -> bool {
        self.reports.iter().any(|r| r.region.is_some())
    }
}

/// The outcome of compiling one report: its files, in memory, and every
/// problem found on the way.
#[derive(Debug)]
pub struct Compiled {
    /// Every problem, warnings included; with any error, `artifacts` is
    /// empty.
    pub diagnostics: Vec<Diagnostic>,
    /// The PDF, the summary workbook and any PNG pages, to be written
    /// together.
    pub artifacts: Vec<Artifact>,
    /// Pages of the PDF.
    pub pages: usize,
    /// Indicators in the report.
    pub indicators: usize,
    /// What Typst warned about in the template, formatted like its errors.
    pub template_warnings: Vec<String>,
    /// Font roles the template uses that fell back to an embedded font
    /// (仿宋, 标题…), for a note to the user.
    pub fallback_roles: Vec<&'static str>,
    /// The laid-out pages, for measuring them ([`typeset::glyphs`]).
    pub laid_out: Option<typst_layout::PagedDocument>,
    /// How long each stage of this report took.
    pub timings: Timings,
}

impl Compiled {
    /// Whether the report compiled: no error, files ready to write.
    pub fn succeeded(&self) -> bool {
        !has_errors(&self.diagnostics)
    }

    fn failed(diagnostics: Vec<Diagnostic>) -> Compiled {
        Compiled {
            diagnostics,
            artifacts: Vec::new(),
            pages: 0,
            indicators: 0,
            template_warnings: Vec::new(),
            fallback_roles: Vec::new(),
            laid_out: None,
            timings: Timings::default(),
        }
    }

    /// The report's outcome for the overview workbook.
    pub fn status(&self) -> Status {
        let errors: Vec<&Diagnostic> = self.diagnostics.iter().filter(|d| d.is_error()).collect();
        match errors.first() {
            None => Status::Compiled { pages: self.pages },
            Some(first) => Status::Failed {
                errors: errors.len(),
                first: first.headline().replace('\n', " "),
            },
        }
    }
}

/// Compiles reports: holds the fonts and the templates that every compile
/// shares. Safe to use from several threads at once.
pub struct Compiler {
    /// The embedded fonts alone, for templates that name nothing else;
    /// loaded when first needed.
    embedded: OnceLock<Fonts>,
    /// The embedded fonts with those of `--font-path` and, unless turned
    /// off, those installed on the machine; loaded when first needed.
    installed: OnceLock<Fonts>,
    options: Options,
    /// Templates by name or path, each loaded and parsed once.
    templates: Mutex<HashMap<String, Arc<Template>>>,
}

/// How many compiles a result of Typst's memoization outlives unused.
const CACHE_AGE: usize = 10;

/// Pixels per point of the `--png` previews (144 dpi).
const PNG_PIXELS_PER_POINT: f64 = 2.0;

impl Compiler {
    /// A compiler that works as `options` say. Nothing is loaded yet: fonts
    /// and templates are, once, when a compile first needs them.
    pub fn new(options: Options) -> Compiler {
        Compiler {
            embedded: OnceLock::new(),
            installed: OnceLock::new(),
            options,
            templates: Mutex::new(HashMap::new()),
        }
    }

    /// The options it was made with.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Loads the embedded fonts now (a caller can do so while it reads the
    /// workbooks); returns how long that took, zero if they were loaded.
    pub fn preload_fonts(&self) -> Duration {
        let mut took = Duration::ZERO;
        self.embedded
            .get_or_init(|| timed(&mut took, Fonts::embedded));
        took
    }

    /// The fonts `template` is set with, loaded on first use (the time it
    /// takes goes to `timings.fonts`). A built-in template whose font
    /// roles are all embedded families needs no installed font, so the
    /// machine's fonts are not even looked at for it.
    fn fonts_for(&self, template: &Template, timings: &mut Timings) -> &Fonts {
        let embedded = self
            .embedded
            .get_or_init(|| timed(&mut timings.fonts, Fonts::embedded));
        let embedded_only = self.options.font_paths.is_empty()
            && matches!(template.files(), TemplateSource::Builtin(t) if t.roles.is_empty());
        if embedded_only {
            return embedded;
        }
        self.installed.get_or_init(|| {
            timed(&mut timings.fonts, || {
                embedded.with_installed(
                    self.options.system_fonts,
                    &self.options.font_paths,
                    self.options.font_cache.clone(),
                )
            })
        })
    }

    /// Reads a workbook with this compiler's options; see [`read`].
    pub fn read(&self, path: &Path) -> Result<Batch, ReadError> {
        read(path, &self.options.read)
    }

    /// The folder a batch's outputs go to.
    pub fn out_dir(&self, batch: &Batch) -> PathBuf {
        self.options
            .out_dir
            .clone()
            .unwrap_or_else(|| parent_folder(&batch.path).join("out"))
    }

    /// Words, typesets and summarises one report of `batch`. Every output
    /// file is computed in memory; nothing is written.
    pub fn compile(&self, batch: &Batch, report: &Report) -> Compiled {
        self.compile_with(batch, report, Inside::Parallel)
    }

    /// [`Compiler::compile`], using a second core inside the report or not.
    fn compile_with(&self, batch: &Batch, report: &Report, inside: Inside) -> Compiled {
        let mut timings = Timings::default();
        let mut compiled = self.compile_timed(batch, report, inside, &mut timings);
        compiled.timings = timings;
        compiled
    }

    fn compile_timed(
        &self,
        batch: &Batch,
        report: &Report,
        inside: Inside,
        timings: &mut Timings,
    ) -> Compiled {
        let (document, mut diagnostics) = timed(&mut timings.word, || batch.word(report));
        let Some(document) = document else {
            return Compiled::failed(diagnostics);
        };
        let template = match self.template(batch, &report.briefing) {
            Ok(template) => template,
            Err(error) => {
                diagnostics.push(Diagnostic::error(None, error.to_string()));
                return Compiled::failed(diagnostics);
            }
        };
        let date = report.briefing.date().or(self.options.fallback_date);
        let fonts = self.fonts_for(&template, timings);
        // Layout keeps one core busy: the summary workbook is made on the
        // other meanwhile, from the problems known so far (made again below
        // in the rare case that layout finds more).
        let (mut layout_time, mut summary_time) = (Duration::ZERO, Duration::ZERO);
        let mut layout = || {
            timed(&mut layout_time, || {
                typeset::layout(&document, &template, fonts, date)
            })
        };
        let mut summary = || {
            timed(&mut summary_time, || {
                summary::summary_workbook(&document, &diagnostics, date)
            })
        };
        let (laid_out, early_summary) = match inside {
            Inside::Parallel => rayon::join(layout, summary),
            Inside::Serial => (layout(), summary()),
        };
        timings.layout += layout_time;
        timings.summary += summary_time;
        let diagnostics_before = diagnostics.len();
        // Typst memoizes in a process-wide cache, where every report of a
        // batch adds its results under the same keys: without forgetting
        // old ones, memory grows with each report (200 reports: 270 MB
        // instead of 140 MB) and lookups slow down. Results a compile still
        // uses are never old; Typst's command line does the same after
        // each compile.
        typst::comemo::evict(CACHE_AGE);
        let laid_out = match laid_out {
            Ok(laid_out) => laid_out,
            Err(error) => {
                diagnostics.push(Diagnostic::error(None, error.to_string()));
                return Compiled::failed(diagnostics);
            }
        };
        let missing = self.missing_glyphs(&batch.workbook, &laid_out.document);
        // PDF/A and PDF/UA forbid characters drawn as empty boxes: with
        // missing glyphs allowed, the PDF can only be a plain one.
        let standards = if missing.is_empty() {
            self.options.pdf_standards.clone()
        } else {
            let plain = vec![PdfStandard::V1_7];
            if self.options.pdf_standards != plain {
                diagnostics.push(Diagnostic::warning(
                    None,
                    format!(
                        "有字符印成方框，PDF 不能符合 {}，已生成普通 PDF（1.7）",
                        standard_names(&self.options.pdf_standards)
                    ),
                ));
            }
            plain
        };
        diagnostics.extend(missing);
        let mut compiled = Compiled {
            diagnostics,
            artifacts: Vec::new(),
            pages: laid_out.document.pages().len(),
            indicators: document.indicators.len(),
            template_warnings: laid_out.warnings,
            fallback_roles: fallback_roles(&template, fonts),
            laid_out: None,
            timings: Timings::default(),
        };
        if compiled.succeeded() {
            // Still good if layout found no new problem for the 校验 sheet.
            let summary = (compiled.diagnostics.len() == diagnostics_before)
                .then_some(early_summary)
                .and_then(Result::ok);
            let made = Made {
                document: &document,
                template: &template,
                fonts,
                laid_out: &laid_out.document,
                diagnostics: &compiled.diagnostics,
                summary,
                metadata: metadata(&document, date),
                standards: &standards,
            };
            match self.artifacts(batch, report, made, timings) {
                Ok(artifacts) => compiled.artifacts = artifacts,
                Err(error) => compiled.diagnostics.push(error),
            }
        }
        compiled.laid_out = Some(laid_out.document);
        compiled
    }

    /// Compiles every report of `batches` on `jobs` threads at once and
    /// hands each outcome to `finish` (on the thread that compiled it, as
    /// soon as it is ready: to write its files, say). Returns what `finish`
    /// returned, batch by batch, in the order of the reports.
    ///
    /// Each thread compiles one report at a time from start to end, so no
    /// report waits behind another that a thread took up in the middle of
    /// it; Typst's own parallel work runs on rayon's pool.
    pub fn compile_all<T: Send>(
        &self,
        batches: &[&Batch],
        jobs: usize,
        finish: impl Fn(&Batch, &Report, Compiled) -> T + Sync,
    ) -> Vec<Vec<T>> {
        let work: Vec<(usize, usize)> = batches
            .iter()
            .enumerate()
            .flat_map(|(b, batch)| (0..batch.reports.len()).map(move |r| (b, r)))
            .collect();
        let next = AtomicUsize::new(0);
        let workers = jobs.clamp(1, work.len().max(1));
        // With several reports at a time the cores are busy already.
        let inside = if workers > 1 {
            Inside::Serial
        } else {
            Inside::Parallel
        };
        let worker = || {
            let mut done = Vec::new();
            while let Some(&(b, r)) = work.get(next.fetch_add(1, Ordering::Relaxed)) {
                let (batch, report) = (batches[b], &batches[b].reports[r]);
                let compiled = self.compile_with(batch, report, inside);
                done.push(((b, r), finish(batch, report, compiled)));
            }
            done
        };
        let mut done: Vec<((usize, usize), T)> = std::thread::scope(|scope| {
            let workers: Vec<_> = (1..workers).map(|_| scope.spawn(worker)).collect();
            let mut done = worker();
            for handle in workers {
                match handle.join() {
                    Ok(more) => done.extend(more),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            }
            done
        });
        done.sort_by_key(|(at, _)| *at);
        let mut out: Vec<Vec<T>> = batches.iter().map(|_| Vec::new()).collect();
        for ((b, _), value) in done {
            out[b].push(value);
        }
        out
    }

    /// Every output file of a report, in memory.
    fn artifacts(
        &self,
        batch: &Batch,
        report: &Report,
        made: Made,
        timings: &mut Timings,
    ) -> Result<Vec<Artifact>, Diagnostic> {
        let out_dir = self.out_dir(batch);
        let laid_out = made.laid_out;
        let date = made.metadata.date;
        let pdf = timed(&mut timings.pdf, || {
            typeset::pdf(laid_out, &made.metadata, made.standards)
        })
        .map_err(|e| Diagnostic::error(None, e.to_string()))?;
        let summary = match made.summary {
            Some(summary) => summary,
            None => timed(&mut timings.summary, || {
                summary::summary_workbook(made.document, made.diagnostics, date)
            })
            .map_err(|e| Diagnostic::error(None, format!("生成汇总工作簿失败：{e}")))?,
        };
        let name = &report.name;
        let mut artifacts = vec![
            Artifact {
                path: out_dir.join(format!("{name}.pdf")),
                bytes: pdf,
            },
            Artifact {
                path: out_dir.join(format!("{name}-汇总.xlsx")),
                bytes: summary,
            },
        ];
        if self.options.png {
            let pages = timed(&mut timings.pdf, || {
                typeset::png(laid_out, PNG_PIXELS_PER_POINT)
            })
            .map_err(|e| Diagnostic::error(None, format!("生成页面预览图失败：{e}")))?;
            for (i, bytes) in pages.into_iter().enumerate() {
                artifacts.push(Artifact {
                    path: out_dir.join(format!("{name}-{}.png", i + 1)),
                    bytes,
                });
            }
        }
        if let Some(dir) = &self.options.emit_typst {
            // One folder per report when the workbook makes several.
            let dir = match &report.region {
                Some(_) => dir.join(name),
                None => dir.clone(),
            };
            let files = typeset::emit(made.document, made.template, made.fonts)
                .map_err(|e| Diagnostic::error(None, e))?;
            artifacts.extend(files.into_iter().map(|(path, bytes)| Artifact {
                path: dir.join(path),
                bytes,
            }));
        }
        refuse_overwriting(&artifacts, &batch.path)?;
        Ok(artifacts)
    }

    /// The overview workbook of a batch made per region, from the outcome
    /// of each of its reports (in the order of `batch.reports`); `None`
    /// for a batch of one report.
    pub fn overview(
        &self,
        batch: &Batch,
        outcomes: &[Status],
    ) -> Option<Result<Artifact, Diagnostic>> {
        if !batch.per_region() {
            return None;
        }
        let statuses: Vec<(&str, Status)> = batch
            .reports
            .iter()
            .zip(outcomes)
            .map(|(report, status)| (report.region.as_deref().unwrap_or_default(), status.clone()))
            .collect();
        let stem = file_stem(&batch.path);
        let date = batch.briefing.date().or(self.options.fallback_date);
        let artifact =
            summary::overview_workbook(&stem, &batch.briefing, &batch.ranks, &statuses, date)
                .map_err(|e| Diagnostic::error(None, format!("生成总览工作簿失败：{e}")))
                .map(|bytes| Artifact {
                    path: self
                        .out_dir(batch)
                        .join(format!("{}-总览.xlsx", safe_file_name(&stem))),
                    bytes,
                })
                .and_then(|artifact| {
                    refuse_overwriting(std::slice::from_ref(&artifact), &batch.path)?;
                    Ok(artifact)
                });
        Some(artifact)
    }

    /// Forgets the templates loaded so far, so that the next compile reads
    /// them again (after a template file changed on disk).
    pub fn reload_templates(&self) {
        self.templates.lock().expect("template cache lock").clear();
    }

    /// The folder of the template a report of `batch` uses, when it is a
    /// folder on disk (for watching it).
    pub fn template_folder(&self, batch: &Batch) -> Option<PathBuf> {
        let report = batch.reports.first()?;
        match self.template(batch, &report.briefing).ok()?.files() {
            TemplateSource::Folder { root, .. } => Some(root.clone()),
            TemplateSource::Builtin(_) => None,
        }
    }

    /// The template of a report, loaded once per name: `--template`, else
    /// the workbook's 模板 (a path relative to the workbook), else the
    /// default.
    fn template(&self, batch: &Batch, briefing: &Briefing) -> Result<Arc<Template>, TypesetError> {
        let named = briefing
            .report_value(ReportKey::Template)
            .filter(|t| !t.is_empty());
        let wanted = match (&self.options.template, named) {
            (Some(name), _) => name.clone(),
            (None, Some(name)) if BUILTIN_TEMPLATES.iter().all(|t| t.name != name) => {
                parent_folder(&batch.path)
                    .join(name)
                    .to_string_lossy()
                    .into_owned()
            }
            (None, Some(name)) => name.to_string(),
            (None, None) => BUILTIN_TEMPLATES[0].name.to_string(),
        };
        let mut templates = self.templates.lock().expect("template cache lock");
        if let Some(template) = templates.get(&wanted) {
            return Ok(template.clone());
        }
        let template = Arc::new(Template::new(typeset::find_template(&wanted)?));
        templates.insert(wanted, template.clone());
        Ok(template)
    }

    /// Every character that no chosen font can draw, as an error (or a
    /// warning when allowed) at each workbook cell that holds it.
    fn missing_glyphs(
        &self,
        workbook: &Workbook,
        laid_out: &typst_layout::PagedDocument,
    ) -> Vec<Diagnostic> {
        let allow = self.options.allow_missing_glyphs;
        let mut diagnostics = Vec::new();
        for c in typeset::missing_characters(laid_out) {
            let message = format!(
                "字符“{c}”（U+{:04X}）没有字体能够显示，会印成方框",
                c as u32
            );
            let hint = "换用常用字，或用 --font-path 指定含有这个字的字体；确需保留时加 --allow-missing-glyphs";
            let cells = workbook.cells_containing(c);
            let make = |cell| {
                let d = if allow {
                    Diagnostic::warning(cell, message.clone())
                } else {
                    Diagnostic::error(cell, message.clone())
                };
                d.with_hint(hint)
            };
            if cells.is_empty() {
                diagnostics
                    .push(make(None).with_hint(format!("{hint}（这个字来自模板，不在工作簿中）")));
            }
            diagnostics.extend(cells.into_iter().map(|cell| make(Some(cell))));
        }
        diagnostics
    }
}

/// Whether one report's compile may use a second core (for the summary
/// workbook while Typst lays out the pages).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Inside {
    Parallel,
    Serial,
}

/// A report laid out, and what its files are made from.
struct Made<'a> {
    /// The worded report.
    document: &'a Document,
    /// The template and fonts it was laid out with.
    template: &'a Template,
    fonts: &'a Fonts,
    /// Its pages.
    laid_out: &'a typst_layout::PagedDocument,
    /// Every problem found, for the summary's 校验 sheet.
    diagnostics: &'a [Diagnostic],
    /// The summary workbook, when it was made already.
    summary: Option<Vec<u8>>,
    /// What the PDF says about itself.
    metadata: Metadata,
    /// The standards the PDF conforms to.
    standards: &'a [PdfStandard],
}

/// `PDF/A-2b + PDF/UA-1`.
fn standard_names(standards: &[PdfStandard]) -> String {
    let names: Vec<&str> = standards.iter().map(|s| s.name()).collect();
    names.join(" + ")
}

/// What the PDF says about itself, from the report's fields.
fn metadata(document: &Document, date: Option<NaiveDateTime>) -> Metadata {
    let field = |key| document.report_str(key).map(String::from);
    Metadata {
        title: field(ReportKey::Title),
        author: field(ReportKey::Author).or_else(|| field(ReportKey::Publisher)),
        subject: field(ReportKey::Period),
        keywords: document
            .report_str(ReportKey::Keywords)
            .map(|k| {
                k.split(['、', '，', ',', '；', ';'])
                    .map(str::trim)
                    .filter(|k| !k.is_empty())
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default(),
        date,
    }
}

/// The roles a built-in template uses that fell back to embedded fonts.
fn fallback_roles(template: &Template, fonts: &Fonts) -> Vec<&'static str> {
    let TemplateSource::Builtin(builtin) = template.files() else {
        return Vec::new();
    };
    typeset::ROLES
        .iter()
        .zip(fonts.resolve_roles())
        .filter(|(role, resolved)| builtin.roles.contains(&role.key) && resolved.fallback)
        .map(|(role, _)| role.name)
        .collect()
}

/// Refuses outputs that would replace the input workbook.
fn refuse_overwriting(artifacts: &[Artifact], workbook: &Path) -> Result<(), Diagnostic> {
    let Ok(input) = workbook.canonicalize() else {
        return Ok(());
    };
    match artifacts
        .iter()
        .find(|a| a.path.canonicalize().is_ok_and(|p| p == input))
    {
        Some(artifact) => Err(Diagnostic::error(
            None,
            format!(
                "输出文件 {} 会覆盖输入的工作簿，请用 --out 换一个输出文件夹",
                artifact.path.display()
            ),
        )),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_stay_distinct_where_case_is_ignored() {
        let names = unique_names(
            ["简报-A区", "简报-a区", "简报-B/区", "简报-B:区"]
                .into_iter()
                .map(String::from),
        );
        assert_eq!(
            names,
            ["简报-A区", "简报-a区-2", "简报-B_区", "简报-B_区-2"]
        );
    }
}
