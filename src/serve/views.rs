//! What the page is sent (as JSON): a project with its reports, each
//! report's problems (made by `problems`), and the addresses of its pages
//! and files.

use serde::Serialize;

use super::problems::Problem;
use super::state::{Choice, Project, ReportState, State};
use crate::output::ArtifactKind;

/// A project as the page shows it.
#[derive(Debug, Serialize)]
pub struct ProjectView {
    /// Its number.
    pub id: usize,
    /// The workbook's file name.
    pub name: String,
    /// Whether it follows a workbook of the served folder.
    pub live: bool,
    /// Compiles finished so far.
    pub version: u64,
    /// Whether a compile is queued or under way.
    pub busy: bool,
    /// Why the last compile made nothing, in Chinese.
    pub failure: Option<String>,
    /// How long the last compile took, in milliseconds.
    pub took_ms: u64,
    /// The options chosen.
    pub choice: Choice,
    /// Each report.
    pub reports: Vec<ReportView>,
    /// The downloads of the overview, its workbook and its PDF, for a
    /// batch made per region.
    pub overview: Vec<FileView>,
    /// The address of every file as one zip, when there is any.
    pub zip: Option<String>,
    /// The bureau's data file the last compile read, when the workbook
    /// names one (its 数据).
    pub data: Option<DataView>,
}

/// The data file a briefing read, and the earlier periods on offer.
#[derive(Debug, Serialize)]
pub struct DataView {
    /// The file's name.
    pub file: String,
    /// Its period: `2023年12月`.
    pub period: Option<String>,
    /// The earlier periods' PDFs, newest first.
    pub earlier: Vec<PeriodView>,
}

/// An earlier period's PDF, made when asked for.
#[derive(Debug, Serialize)]
pub struct PeriodView {
    /// The period: `2023年11月`.
    pub period: String,
    /// Its data file's name.
    pub file: String,
    /// Where to get its PDF.
    pub url: String,
}

/// One report.
#[derive(Debug, Serialize)]
pub struct ReportView {
    /// The stem of its files.
    pub name: String,
    /// Its region, in a batch made per region.
    pub region: Option<String>,
    /// Whether its last compile succeeded.
    pub succeeded: bool,
    /// Whether its pages and files are from an earlier compile (the last
    /// one failed).
    pub stale: bool,
    /// Errors and warnings.
    pub problems: Vec<Problem>,
    /// Text put right, summed by kind.
    pub tidied: Vec<String>,
    /// The addresses of its page images, in order.
    pub pages: Vec<String>,
    /// Its PDF and summary workbook.
    pub files: Vec<FileView>,
}

/// A file to download.
#[derive(Debug, Serialize)]
pub struct FileView {
    /// Its name, as the command line writes it.
    pub name: String,
    /// What it is: `PDF`, `汇总工作簿`, `总览工作簿`, `总览PDF`.
    pub kind: &'static str,
    /// Where to get it.
    pub url: String,
}

/// The view of a project in its state.
pub(super) fn project(project: &Project, state: &State) -> ProjectView {
    let base = format!("/api/projects/{}", project.id);
    let reports: Vec<ReportView> = state
        .reports
        .iter()
        .enumerate()
        .map(|(k, r)| report(&base, k, r))
        .collect();
    let overview: Vec<FileView> = state.overview.iter().map(|o| file(&base, o)).collect();
    let any_file = !overview.is_empty() || reports.iter().any(|r| !r.files.is_empty());
    ProjectView {
        id: project.id,
        name: project.name.clone(),
        live: project.live,
        version: state.version,
        busy: state.busy,
        failure: state.failure.clone(),
        took_ms: state.took_ms,
        choice: state.choice.clone(),
        reports,
        overview,
        zip: any_file.then(|| format!("{base}/zip")),
        data: state.data.as_ref().map(|d| DataView {
            file: d.file.clone(),
            period: d.period.clone(),
            earlier: d
                .earlier
                .iter()
                .rev()
                .map(|(period, file)| PeriodView {
                    period: period.clone(),
                    file: file
                        .file_name()
                        .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
                    url: format!("{base}/periods/{}.pdf", encode(period)),
                })
                .collect(),
        }),
    }
}

/// The view of one report, the `k`-th.
fn report(base: &str, k: usize, r: &ReportState) -> ReportView {
    let (pages, files) = match &r.kept {
        Some(kept) => (
            (1..=kept.document.pages().len())
                .map(|n| format!("{base}/reports/{k}/pages/{n}.png?v={}", kept.version))
                .collect(),
            kept.artifacts.iter().map(|a| file(base, a)).collect(),
        ),
        None => (Vec::new(), Vec::new()),
    };
    ReportView {
        name: r.name.clone(),
        region: r.region.clone(),
        succeeded: r.succeeded,
        stale: !r.succeeded && r.kept.is_some(),
        problems: r.problems.clone(),
        tidied: r.tidied.clone(),
        pages,
        files,
    }
}

/// A download.
fn file(base: &str, artifact: &crate::output::Artifact) -> FileView {
    let name = artifact
        .path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let encoded = encode(&name);
    FileView {
        kind: match artifact.kind {
            ArtifactKind::Pdf => "PDF",
            ArtifactKind::Summary => "汇总工作簿",
            ArtifactKind::Docx => "Word",
            ArtifactKind::Overview => "总览工作簿",
            ArtifactKind::OverviewPdf => "总览PDF",
            _ => "文件",
        },
        url: format!("{base}/files/{encoded}"),
        name,
    }
}

/// A name as a part of an address.
fn encode(name: &str) -> String {
    percent_encoding::utf8_percent_encode(name, percent_encoding::NON_ALPHANUMERIC).to_string()
}
