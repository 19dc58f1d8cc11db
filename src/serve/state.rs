//! Where each workbook on the page stands ([`Project`], its [`State`]),
//! the options a person chooses for it ([`Choice`]), and how a compile's
//! outcome becomes its new state ([`reports`]).

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use serde::Deserialize;

use super::problems::{Problem, problems};
use crate::output::Artifact;
use crate::pipeline::{Batch, Compiled, Options};
use crate::typeset::{BUILTIN_TEMPLATES, PdfStandard};

/// What the page lets a person choose, as the command line's options.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(default)]
pub struct Choice {
    /// A built-in template's name; none for the workbook's own 模板.
    pub template: Option<String>,
    /// The column that makes one report per value (`--per`).
    pub per: Option<String>,
    /// The PDF standards, as `--pdf-standard` names them (`a-2b,ua-1`);
    /// none for the default.
    pub standards: Option<String>,
}

impl Choice {
    /// The compile options for this choice, on top of `base`; or why the
    /// choice cannot be made, in Chinese.
    pub(super) fn options(&self, base: &Options) -> Result<Options, String> {
        let mut options = base.clone();
        if let Some(name) = self.template.as_deref().filter(|t| !t.is_empty()) {
            if BUILTIN_TEMPLATES.iter().all(|t| t.name != name) {
                return Err(format!("没有名为“{name}”的内置模板"));
            }
            options.template = Some(name.to_string());
        }
        options.read.per = self.per.clone().filter(|p| !p.trim().is_empty());
        if let Some(standards) = self.standards.as_deref().filter(|s| !s.is_empty()) {
            options.pdf_standards = standards
                .split(',')
                .map(|name| standard(name.trim()))
                .collect::<Result<_, _>>()?;
        }
        Ok(options)
    }
}

/// A PDF standard by the name `--pdf-standard` gives it.
fn standard(name: &str) -> Result<PdfStandard, String> {
    Ok(match name {
        "1.7" => PdfStandard::V1_7,
        "a-2b" => PdfStandard::A2b,
        "a-3b" => PdfStandard::A3b,
        "ua-1" => PdfStandard::Ua1,
        _ => {
            return Err(format!(
                "不认识的 PDF 标准“{name}”：可选 a-2b、a-3b、ua-1、1.7"
            ));
        }
    })
}

/// One workbook on the page: dropped onto it, or picked from the served
/// folder (then followed, and compiled again after every save).
pub struct Project {
    /// Its number in the page's addresses, from 1.
    pub id: usize,
    /// The workbook on disk.
    pub path: PathBuf,
    /// Its file name, as shown.
    pub name: String,
    /// Whether it is a workbook of the served folder, followed for saves.
    pub live: bool,
    state: Mutex<State>,
}

/// Where a project stands.
#[derive(Default)]
pub(super) struct State {
    /// The options chosen on the page.
    pub choice: Choice,
    /// Counts the compiles that finished, from 0 (none yet).
    pub version: u64,
    /// Whether a compile is queued or under way.
    pub busy: bool,
    /// Why the last compile made nothing at all (the workbook cannot be
    /// read, an option is wrong), in Chinese.
    pub failure: Option<String>,
    /// How long the last compile took, in milliseconds.
    pub took_ms: u64,
    /// Each report of the last compile that read the workbook.
    pub reports: Vec<ReportState>,
    /// The overview workbook and PDF of a batch made per region, last
    /// made.
    pub overview: Vec<Artifact>,
    /// What the last compile read, for following it.
    pub dependencies: Vec<PathBuf>,
    /// The bureau's data file the last compile read, when the workbook
    /// names one.
    pub data: Option<DataState>,
}

/// The data file a project's last compile read, and the earlier periods'.
pub(super) struct DataState {
    /// The file's name.
    pub file: String,
    /// Its period (`2023年12月`), when its tables name one.
    pub period: Option<String>,
    /// The earlier periods' names and files, oldest first.
    pub earlier: Vec<(String, PathBuf)>,
}

/// One report of a project.
pub(super) struct ReportState {
    /// The stem of its files.
    pub name: String,
    /// Its region, for a batch made per region.
    pub region: Option<String>,
    /// Whether its last compile succeeded.
    pub succeeded: bool,
    /// The problems of its last compile, as the page shows them.
    pub problems: Vec<Problem>,
    /// Text put right, summed by kind: `已把 12 处半角标点改为全角`.
    pub tidied: Vec<String>,
    /// Its last good files and pages.
    pub kept: Option<Kept>,
}

/// A report's files and pages from its last good compile.
pub(super) struct Kept {
    /// The PDF and the summary workbook.
    pub artifacts: Vec<Artifact>,
    /// The pages, for previews.
    pub document: Arc<typst_layout::PagedDocument>,
    /// The project's version they were made in (previews are addressed by
    /// it, so a browser never shows an old page as new).
    pub version: u64,
}

impl State {
    /// The files on offer, as [`Project::files`] lists them.
    fn files(&self) -> impl Iterator<Item = &Artifact> {
        self.reports
            .iter()
            .filter_map(|r| r.kept.as_ref())
            .flat_map(|k| &k.artifacts)
            .chain(&self.overview)
    }
}

impl Project {
    /// The project numbered `id` of the workbook at `path`, not compiled
    /// yet.
    pub(super) fn new(id: usize, path: PathBuf, live: bool) -> Project {
        Project {
            id,
            name: path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
            path,
            live,
            state: Mutex::new(State::default()),
        }
    }

    /// Its state, locked.
    pub(super) fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Every file it offers for download: each report's last good PDF,
    /// Word copy and summary, then the overview's workbook and PDF.
    pub fn files(&self) -> Vec<Artifact> {
        self.state().files().cloned().collect()
    }

    /// The file it offers under `name`, alone (a batch holds many).
    pub fn file(&self, name: &str) -> Option<Artifact> {
        let state = self.state();
        let found = state
            .files()
            .find(|a| a.path.file_name().is_some_and(|n| n == name));
        found.cloned()
    }
}

/// The reports of a compile, each keeping its last good files where it
/// failed now (matched by name with the reports of `before`).
pub(super) fn reports(
    batch: Batch,
    compiled: Vec<Compiled>,
    before: &mut Vec<ReportState>,
    version: u64,
) -> Vec<ReportState> {
    let mut before = std::mem::take(before);
    batch
        .reports
        .iter()
        .zip(compiled)
        .map(|(report, compiled)| {
            let old = before
                .iter()
                .position(|b| b.name == report.name)
                .map(|i| before.swap_remove(i));
            let succeeded = compiled.succeeded();
            let (problems, tidied) = problems(&batch.workbook, &compiled.diagnostics);
            let kept = match compiled.laid_out {
                Some(document) if succeeded => Some(Kept {
                    artifacts: compiled.artifacts,
                    document: Arc::new(document),
                    version,
                }),
                _ => old.and_then(|o| o.kept),
            };
            ReportState {
                name: report.name.clone(),
                region: report.region.clone(),
                succeeded,
                problems,
                tidied,
                kept,
            }
        })
        .collect()
}

/// What the page says of a batch's data: the file read, its period and
/// the earlier periods' files.
pub(super) fn data_state(batch: &Batch) -> Option<DataState> {
    let file = batch.data.as_ref()?;
    Some(DataState {
        file: file
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
        period: batch.period.map(|p| p.name()),
        earlier: batch
            .earlier_data
            .iter()
            .map(|(period, file)| (period.name(), file.clone()))
            .collect(),
    })
}
