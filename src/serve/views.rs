//! What the page is sent (as JSON): a project with its reports, each
//! report's problems with the part of the sheet around each one, and the
//! addresses of its pages and files.

use serde::Serialize;

use super::projects::{Kept, Project, ReportState, State};
use crate::diagnostic::{Diagnostic, Severity, TidiedSum, column_name};
use crate::output::ArtifactKind;
use crate::pipeline::{Batch, Compiled};
use crate::workbook::{Value, Workbook};

/// Rows and columns shown on each side of a problem's cell.
const AROUND: u32 = 2;
/// The longest text shown in a cell of the grid.
const LONGEST_CELL: usize = 16;

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
    pub choice: super::Choice,
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

/// A problem as the command line words it, with the sheet around its cell.
#[derive(Debug, Clone, Serialize)]
pub struct Problem {
    /// `error`, `warning` or `info`.
    pub level: &'static str,
    /// `错误`, `警告` or `提示`.
    pub label: &'static str,
    /// The command line's one-line form: `错误: 指标!C5：…`.
    pub headline: String,
    /// The message alone.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
    /// The cell: sheet name and A1 address.
    pub cell: Option<CellView>,
    /// The sheet around the cell.
    pub grid: Option<Grid>,
}

/// A cell's place.
#[derive(Debug, Clone, Serialize)]
pub struct CellView {
    /// The file the sheet is in, when it is the briefing's data file.
    pub file: Option<String>,
    /// The sheet's name.
    pub sheet: String,
    /// `C5`.
    pub a1: String,
    /// Zero-based row.
    pub row: u32,
    /// Zero-based column.
    pub col: u32,
}

/// A piece of a sheet, with real column letters and row numbers.
#[derive(Debug, Clone, Serialize)]
pub struct Grid {
    /// The letters of its columns.
    pub columns: Vec<String>,
    /// Its rows: the row number (from 1) and each cell's text.
    pub rows: Vec<(u32, Vec<String>)>,
    /// Where the problem's cell is in `rows` and `columns`.
    pub mark: (usize, usize),
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
                    document: std::sync::Arc::new(document),
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

/// Errors and warnings, each with its grid, errors first; and text put
/// right, summed by kind, as the command line sums it.
fn problems(workbook: &Workbook, diagnostics: &[Diagnostic]) -> (Vec<Problem>, Vec<String>) {
    let mut tidied = TidiedSum::default();
    let mut problems = Vec::new();
    for d in diagnostics {
        if tidied.add(d) {
            continue;
        }
        problems.push(Problem {
            level: match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "info",
            },
            label: d.severity.label(),
            headline: d.headline(),
            message: d.message.clone(),
            hint: d.hint.clone(),
            cell: d.cell.as_ref().map(|c| CellView {
                file: c.file.as_deref().map(String::from),
                sheet: c.sheet.clone(),
                a1: c.a1(),
                row: c.row,
                col: c.col,
            }),
            grid: d
                .cell
                .as_ref()
                .map(|c| grid(workbook, &c.sheet, c.row, c.col)),
        });
    }
    problems.sort_by_key(|p| p.level != "error");
    let tidied = tidied
        .by_kind()
        .iter()
        .map(|(what, count)| format!("已把 {count} 处{what}"))
        .collect();
    (problems, tidied)
}

/// The cells around (`row`, `col`) of a sheet, as they read.
fn grid(workbook: &Workbook, sheet: &str, row: u32, col: u32) -> Grid {
    let sheet = workbook.sheets.iter().find(|s| s.name == sheet);
    let text = |r: u32, c: u32| -> String {
        let value = sheet.and_then(|s| {
            s.rows
                .get(r.checked_sub(s.first_row)? as usize)?
                .get(c.checked_sub(s.first_col)? as usize)
        });
        let text = value.map(Value::to_text).unwrap_or_default();
        let text = text.replace(['\n', '\r'], " ");
        if text.chars().count() > LONGEST_CELL {
            text.chars().take(LONGEST_CELL - 1).chain(['…']).collect()
        } else {
            text
        }
    };
    let (top, left) = (row.saturating_sub(AROUND), col.saturating_sub(AROUND));
    let columns = (left..=col + AROUND).collect::<Vec<_>>();
    Grid {
        columns: columns.iter().map(|&c| column_name(c)).collect(),
        rows: (top..=row + AROUND)
            .map(|r| (r + 1, columns.iter().map(|&c| text(r, c)).collect()))
            .collect(),
        mark: ((row - top) as usize, (col - left) as usize),
    }
}
