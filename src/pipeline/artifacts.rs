//! A report's files in memory, and the one plan of their names
//! ([`OutputNames`]) that making, writing and printing them all use.

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;

use super::batch::Report;
use super::error::Error;
use super::options::{Options, Timings, timed};
use crate::diagnostic::Diagnostic;
use crate::docx;
use crate::model::{LIST_SEPARATORS, ReportKey};
use crate::output::{Artifact, ArtifactKind, safe_file_name};
use crate::summary;
use crate::typeset::{self, Fonts, Metadata, PdfStandard, Template, TemplateSource};
use crate::wording::Document;

/// Pixels per point of the `--png` previews (144 dpi).
const PNG_PIXELS_PER_POINT: f64 = 2.0;

/// Where the files of one report go: `<folder>/<name>.pdf`,
/// `<name>-汇总.xlsx`, `<name>-1.png`….
///
/// ```
/// use std::path::Path;
/// use briefing::pipeline::OutputNames;
///
/// let names = OutputNames::new(Path::new("out"), "简报-城关区");
/// assert_eq!(names.pdf(), Path::new("out/简报-城关区.pdf"));
/// assert_eq!(names.summary(), Path::new("out/简报-城关区-汇总.xlsx"));
/// assert_eq!(names.page(2), Path::new("out/简报-城关区-2.png"));
/// assert_eq!(names.pages(), Path::new("out/简报-城关区-*.png"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputNames {
    folder: PathBuf,
    name: String,
}

impl OutputNames {
    /// The files named `name…` in `folder`.
    pub fn new(folder: &Path, name: &str) -> OutputNames {
        OutputNames {
            folder: folder.to_path_buf(),
            name: name.to_string(),
        }
    }

    /// The PDF.
    pub fn pdf(&self) -> PathBuf {
        self.folder.join(format!("{}.pdf", self.name))
    }

    /// The editable Word copy.
    pub fn docx(&self) -> PathBuf {
        self.folder.join(format!("{}.docx", self.name))
    }

    /// The summary workbook.
    pub fn summary(&self) -> PathBuf {
        self.folder.join(format!("{}-汇总.xlsx", self.name))
    }

    /// The image of page `number` (from 1).
    pub fn page(&self, number: usize) -> PathBuf {
        self.folder.join(format!("{}-{number}.png", self.name))
    }

    /// All page images, as a pattern for people to read.
    pub fn pages(&self) -> PathBuf {
        self.folder.join(format!("{}-*.png", self.name))
    }

    /// The overview workbook of a batch made per region, named after the
    /// workbook (`stem`).
    pub fn overview(folder: &Path, stem: &str) -> PathBuf {
        folder.join(format!("{}-总览.xlsx", safe_file_name(stem)))
    }

    /// The overview PDF of a batch made per region, beside its workbook.
    pub fn overview_pdf(folder: &Path, stem: &str) -> PathBuf {
        folder.join(format!("{}-总览.pdf", safe_file_name(stem)))
    }
}

/// A report laid out, and what its files are made from.
pub(super) struct Made<'a> {
    /// The worded report.
    pub document: &'a Document,
    /// The template and fonts it was laid out with.
    pub template: &'a Template,
    pub fonts: &'a Fonts,
    /// Its pages.
    pub laid_out: &'a typst_layout::PagedDocument,
    /// Every problem found, for the summary's 校验 sheet.
    pub diagnostics: &'a [Diagnostic],
    /// The summary workbook, when it was made already.
    pub summary: Option<Vec<u8>>,
    /// The report's date.
    pub date: Option<NaiveDateTime>,
    /// The standards the PDF conforms to.
    pub standards: &'a [PdfStandard],
}

/// Every output file of `report` of the workbook at `workbook`, in
/// memory, named by `names`, as `options` ask.
pub(super) fn make(
    options: &Options,
    workbook: &Path,
    report: &Report,
    names: &OutputNames,
    made: Made,
    timings: &mut Timings,
) -> Result<Vec<Artifact>, Error> {
    let metadata = metadata(made.document, made.date);
    let pdf = timed(&mut timings.pdf, || {
        typeset::pdf(made.laid_out, &metadata, made.standards)
    })?;
    let docx = match options.docx || asks_for_docx(made.document) {
        true => Some(timed(&mut timings.pdf, || word_copy(&made))?),
        false => None,
    };
    let summary = match made.summary {
        Some(summary) => summary,
        None => timed(&mut timings.summary, || {
            summary_workbook(made.document, made.diagnostics, made.date)
        })?,
    };
    let mut artifacts = vec![
        Artifact {
            kind: ArtifactKind::Pdf,
            path: names.pdf(),
            bytes: pdf,
        },
        Artifact {
            kind: ArtifactKind::Summary,
            path: names.summary(),
            bytes: summary,
        },
    ];
    if let Some(bytes) = docx {
        artifacts.push(Artifact {
            kind: ArtifactKind::Docx,
            path: names.docx(),
            bytes,
        });
    }
    if options.png {
        let pages = timed(&mut timings.pdf, || {
            typeset::png(made.laid_out, PNG_PIXELS_PER_POINT)
        })?;
        artifacts.extend(pages.into_iter().enumerate().map(|(i, bytes)| Artifact {
            kind: ArtifactKind::Page(i + 1),
            path: names.page(i + 1),
            bytes,
        }));
    }
    if let Some(dir) = &options.emit_typst {
        // One folder per report when the workbook makes several.
        let dir = match &report.region {
            Some(_) => dir.join(&report.name),
            None => dir.clone(),
        };
        let files = typeset::emit(made.document, made.template, made.fonts)?;
        artifacts.extend(files.into_iter().map(|(path, bytes)| Artifact {
            kind: ArtifactKind::Typst,
            path: dir.join(path),
            bytes,
        }));
    }
    refuse_overwriting(&artifacts, workbook)?;
    Ok(artifacts)
}

/// The summary workbook of a report whose problems are `diagnostics`.
pub(super) fn summary_workbook(
    document: &Document,
    diagnostics: &[Diagnostic],
    date: Option<NaiveDateTime>,
) -> Result<Vec<u8>, Error> {
    summary::summary_workbook(document, diagnostics, date).map_err(|source| Error::Summary {
        what: "汇总工作簿",
        source,
    })
}

/// Whether the report's 报告 sheet asks for the Word copy (Word: 是).
fn asks_for_docx(document: &Document) -> bool {
    document
        .report_str(ReportKey::Docx)
        .is_some_and(|v| matches!(v.trim(), "是" | "要" | "生成" | "yes" | "Yes" | "YES" | "1"))
}

/// Pixels per point of the charts in the Word copy: 300 dpi, for print.
const DOCX_PIXELS_PER_POINT: f64 = 300.0 / 72.0;

/// The editable Word copy of a report: in the built-in template's layout,
/// its fonts as the template's roles chose them, its charts cut out of
/// the laid-out pages.
fn word_copy(made: &Made) -> Result<Vec<u8>, Error> {
    let name = match made.template.files() {
        TemplateSource::Builtin(builtin) => Some(builtin.name),
        TemplateSource::Folder { .. } => None,
    };
    let names = docx::FontNames::from_roles(&made.fonts.resolve_roles());
    let pictures: Vec<docx::Picture> =
        typeset::figure_pictures(made.laid_out, DOCX_PIXELS_PER_POINT)?
            .into_iter()
            .map(|p| docx::Picture {
                png: p.png,
                pixels: p.pixels,
                points: p.points,
                alt: p.alt,
            })
            .collect();
    let bytes = docx::docx(
        made.document,
        docx::Look::of_template(name),
        &names,
        &pictures,
    )?;
    Ok(summary::made_on_unix(bytes))
}

/// What the PDF says about itself, from the report's fields.
pub(super) fn metadata(document: &Document, date: Option<NaiveDateTime>) -> Metadata {
    let field = |key| document.report_str(key).map(String::from);
    Metadata {
        title: field(ReportKey::Title),
        author: field(ReportKey::Author).or_else(|| field(ReportKey::Publisher)),
        subject: field(ReportKey::Period),
        keywords: document
            .report_str(ReportKey::Keywords)
            .map(|k| {
                k.split(|c| LIST_SEPARATORS.contains(&c) || matches!(c, '；' | ';'))
                    .map(str::trim)
                    .filter(|k| !k.is_empty())
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default(),
        date,
    }
}

/// Refuses outputs that would replace the input workbook.
pub(super) fn refuse_overwriting(artifacts: &[Artifact], workbook: &Path) -> Result<(), Error> {
    let Ok(input) = workbook.canonicalize() else {
        return Ok(());
    };
    match artifacts
        .iter()
        .find(|a| a.path.canonicalize().is_ok_and(|p| p == input))
    {
        Some(artifact) => Err(Error::Overwrite(artifact.path.clone())),
        None => Ok(()),
    }
}
