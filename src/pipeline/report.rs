//! Compiling one report: wording, layout, the checks that need fonts, and
//! its files in memory ([`Compiled`]).

use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDateTime;

use super::artifacts::{self, Made};
use super::batch::{Batch, Report};
use super::compiler::Compiler;
use super::error::Error;
use super::memo;
use super::options::{Timings, timed};
use crate::diagnostic::{Diagnostic, has_errors};
use crate::output::{Artifact, ArtifactKind};
use crate::summary::Status;
use crate::typeset::{self, Fonts, LaidOut, PdfStandard, Template, TemplateSource};
use crate::wording::Document;

/// The outcome of compiling one report: its files, in memory, and every
/// problem found on the way.
#[derive(Debug, Default)]
pub struct Compiled {
    /// Every problem, warnings included; with any error, `artifacts` is
    /// empty.
    pub diagnostics: Vec<Diagnostic>,
    /// The PDF, the summary workbook and any PNG pages, to be written
    /// together (each with its [`ArtifactKind`]).
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
    /// The file that could not be written, when writing failed (another
    /// program holds it open, say): the others were left as they were.
    pub not_written: Option<std::path::PathBuf>,
    /// How long each stage of this report took.
    pub timings: Timings,
}

impl Compiled {
    /// Whether the report compiled: no error, files ready to write.
    pub fn succeeded(&self) -> bool {
        !has_errors(&self.diagnostics)
    }

    /// The first file of `kind`, when it was made.
    pub fn artifact(&self, kind: ArtifactKind) -> Option<&Artifact> {
        self.artifacts.iter().find(|a| a.kind == kind)
    }

    fn failed(diagnostics: Vec<Diagnostic>) -> Compiled {
        Compiled {
            diagnostics,
            ..Compiled::default()
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

/// Whether one report's compile may use a second core (for the summary
/// workbook while Typst lays out the pages).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Inside {
    Parallel,
    Serial,
}

impl Compiler {
    /// Words, typesets and summarises one report of `batch`. Every output
    /// file is computed in memory; nothing is written.
    pub fn compile(&self, batch: &Batch, report: &Report) -> Compiled {
        self.compile_with(batch, report, Inside::Parallel)
    }

    /// Finds every problem of one report that [`Compiler::compile`] would
    /// find, without making its files: the wording's, and characters that
    /// no font can draw. Those are looked up in the fonts' coverage, which
    /// takes no layout; only a report with such characters is laid out, to
    /// find them exactly as a compile does.
    pub fn check(&self, batch: &Batch, report: &Report) -> Compiled {
        let mut timings = Timings::default();
        let (prepared, mut diagnostics) = self.prepare(batch, report, &mut timings);
        let Some((document, template)) = prepared else {
            return Compiled::failed(diagnostics);
        };
        let fonts = self.fonts_for(&template, &mut timings);
        if !typeset::uncovered_characters(&document, fonts).is_empty() {
            let date = self.date(batch);
            match typeset::layout(&document, &template, fonts, date) {
                Ok(laid_out) => {
                    let missing = typeset::missing_characters(&laid_out.document);
                    diagnostics.extend(self.missing_glyphs(batch, &missing));
                }
                Err(error) => diagnostics.push(Error::from(error).into()),
            }
            memo::forget_old();
        }
        Compiled {
            diagnostics,
            indicators: document.indicators.len(),
            timings,
            ..Compiled::default()
        }
    }

    /// [`Compiler::compile`], using a second core inside the report or not.
    pub(super) fn compile_with(&self, batch: &Batch, report: &Report, inside: Inside) -> Compiled {
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
        let (prepared, mut diagnostics) = self.prepare(batch, report, timings);
        let Some((document, template)) = prepared else {
            return Compiled::failed(diagnostics);
        };
        let date = self.date(batch);
        let fonts = self.fonts_for(&template, timings);
        let (laid_out, early_summary) = lay_out(
            &document,
            &template,
            fonts,
            date,
            &diagnostics,
            inside,
            timings,
        );
        let laid_out = match laid_out {
            Ok(laid_out) => laid_out,
            Err(error) => {
                diagnostics.push(error.into());
                return Compiled::failed(diagnostics);
            }
        };
        let diagnostics_before = diagnostics.len();
        let standards = self.glyph_problems(batch, &laid_out, &mut diagnostics);
        let mut compiled = Compiled {
            diagnostics,
            pages: laid_out.document.pages().len(),
            indicators: document.indicators.len(),
            template_warnings: laid_out.warnings,
            fallback_roles: fallback_roles(&template, fonts),
            ..Compiled::default()
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
                date,
                standards: &standards,
            };
            let names = self.output_names(batch, report);
            let options = self.options();
            match artifacts::make(options, &batch.path, report, &names, made, timings) {
                Ok(artifacts) => compiled.artifacts = artifacts,
                Err(error) => compiled.diagnostics.push(error.into()),
            }
        }
        compiled.laid_out = Some(laid_out.document);
        compiled
    }

    /// What a compile and a check start with: the report worded, and its
    /// template; `None` with an error among the problems.
    fn prepare(
        &self,
        batch: &Batch,
        report: &Report,
        timings: &mut Timings,
    ) -> (Option<(Document, Arc<Template>)>, Vec<Diagnostic>) {
        let (document, mut diagnostics) = timed(&mut timings.word, || batch.word(report));
        let Some(document) = document else {
            return (None, diagnostics);
        };
        // Every report of a batch has the workbook's 报告 fields, its
        // 模板 and 日期 among them.
        match self.template(batch, &batch.briefing) {
            Ok(template) => (Some((document, template)), diagnostics),
            Err(error) => {
                diagnostics.push(Error::from(error).into());
                (None, diagnostics)
            }
        }
    }

    /// The reports' date: the workbook's 日期, else the options' fallback.
    fn date(&self, batch: &Batch) -> Option<NaiveDateTime> {
        batch.briefing.date().or(self.options().fallback_date)
    }

    /// Adds the characters no font could draw to `diagnostics`, and returns
    /// the standards the PDF can still conform to: PDF/A and PDF/UA forbid
    /// characters drawn as empty boxes, so with missing glyphs allowed the
    /// PDF can only be a plain one.
    fn glyph_problems(
        &self,
        batch: &Batch,
        laid_out: &LaidOut,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Vec<PdfStandard> {
        let missing = typeset::missing_characters(&laid_out.document);
        let wanted = &self.options().pdf_standards;
        if missing.is_empty() {
            return wanted.clone();
        }
        let plain = vec![PdfStandard::V1_7];
        if *wanted != plain {
            let names: Vec<&str> = wanted.iter().map(|s| s.name()).collect();
            diagnostics.push(Diagnostic::warning(
                None,
                format!(
                    "有字符印成方框，PDF 不能符合 {}，已生成普通 PDF（1.7）",
                    names.join(" + ")
                ),
            ));
        }
        diagnostics.extend(self.missing_glyphs(batch, &missing));
        plain
    }

    /// Each character of `missing` (no chosen font can draw it), as an
    /// error (or a warning when allowed) at each workbook cell that holds
    /// it.
    fn missing_glyphs(&self, batch: &Batch, missing: &[char]) -> Vec<Diagnostic> {
        let workbook = &batch.workbook;
        let allow = self.options().allow_missing_glyphs;
        let mut diagnostics = Vec::new();
        for &c in missing {
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
        batch.locate(&mut diagnostics);
        diagnostics
    }
}

/// Lays out `document` and, meanwhile, makes its summary workbook from
/// the problems known so far (made again later in the rare case that
/// layout finds more): layout keeps one core busy, the summary takes the
/// other when `inside` allows.
fn lay_out(
    document: &Document,
    template: &Template,
    fonts: &Fonts,
    date: Option<NaiveDateTime>,
    diagnostics: &[Diagnostic],
    inside: Inside,
    timings: &mut Timings,
) -> (Result<LaidOut, Error>, Result<Vec<u8>, Error>) {
    let (mut layout_time, mut summary_time) = (Duration::ZERO, Duration::ZERO);
    let mut layout = || {
        timed(&mut layout_time, || {
            typeset::layout(document, template, fonts, date).map_err(Error::from)
        })
    };
    let mut summary = || {
        timed(&mut summary_time, || {
            artifacts::summary_workbook(document, diagnostics, date)
        })
    };
    let results = match inside {
        Inside::Parallel => rayon::join(layout, summary),
        Inside::Serial => (layout(), summary()),
    };
    timings.layout += layout_time;
    timings.summary += summary_time;
    memo::forget_old();
    results
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
