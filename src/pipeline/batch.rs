//! Reading a workbook into a [`Batch`]: checked, and cut into the
//! [`Report`]s it makes.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use super::data;
use super::options::{Timings, timed};
use crate::diagnostic::{Diagnostic, has_errors};
use crate::model::{Briefing, DataPeriod, ReadOptions, ReportKey};
use crate::output::safe_file_name;
use crate::wording::{Document, Ranks, Region};
use crate::workbook::{ReadError, Workbook};

/// A workbook read and checked, cut into the reports it makes.
#[derive(Debug)]
pub struct Batch {
    /// The workbook's path.
    pub path: PathBuf,
    /// Its cells, for showing diagnostics in context (with the sheets of
    /// its data file).
    pub workbook: Workbook,
    /// The bureau's data file it read, when its 报告 (数据) or `--data`
    /// names one.
    pub data: Option<PathBuf>,
    /// The period of that data file, when its tables name one.
    pub period: Option<DataPeriod>,
    /// The earlier periods' data files named with it, oldest first.
    pub earlier_data: Vec<(DataPeriod, PathBuf)>,
    /// The sheets of that data file (appended to `workbook`), whose cells
    /// messages name with the file.
    pub data_sheets: Vec<String>,
    /// The data files and patterns its 数据 or `--data` names, for
    /// `watch` to follow (a new file matching a pattern is a change).
    pub data_named: Vec<PathBuf>,
    /// The whole workbook, every region's indicators included (shared
    /// with the report when the workbook makes one).
    pub briefing: Arc<Briefing>,
    /// Ranks across the regions (empty without `--per`).
    pub ranks: Ranks,
    /// The reports, in order of first appearance of their regions.
    pub reports: Vec<Report>,
    /// The problems found while reading, all reports' ([`Batch::diagnostics_of`]
    /// gives each report those that concern it).
    pub diagnostics: Vec<Diagnostic>,
    /// How long reading and checking took.
    pub timings: Timings,
}

/// One report of a batch, checked but not yet worded. What it says and
/// the problems that concern it are made from the batch when it is
/// compiled ([`Batch::briefing_of`], [`Batch::diagnostics_of`]), not kept
/// for every report: a batch of thousands of regions would hold each
/// region's copy of the prose and of the list of regions, memory growing
/// with the square of the regions.
#[derive(Debug)]
pub struct Report {
    /// Its region, when the workbook makes one report per region.
    pub region: Option<String>,
    /// The stem of its output files, safe on every system: the workbook's
    /// name, then the region's.
    pub name: String,
}

/// Reads the workbook at `path`, checks it, and cuts it into its reports.
/// Problems in the data are in each report's diagnostics; only a file that
/// cannot be read at all is an error.
///
///
/// # Errors
///
/// [`ReadError`] when the file cannot be opened or is not a workbook that
/// can be read (damaged, encrypted, too large); problems of its contents
/// are diagnostics in the batch, never an error.
///
/// ```no_run
/// use briefing::model::ReadOptions;
///
/// let batch = briefing::pipeline::read("简报.xlsx".as_ref(), &ReadOptions::default())?;
/// println!("{} 份报告", batch.reports.len());
/// # Ok::<(), briefing::workbook::ReadError>(())
/// ```
pub fn read(path: &Path, options: &ReadOptions) -> Result<Batch, ReadError> {
    let mut timings = Timings::default();
    let mut workbook = timed(&mut timings.read, || Workbook::open(path))?;
    let data = timed(&mut timings.read, || {
        data::attach(path, &mut workbook, options)
    });
    let (mut briefing, mut diagnostics) = timed(&mut timings.check, || {
        Briefing::from_workbook(&workbook, options)
    });
    data.apply(&mut briefing, &mut diagnostics);
    data.locate(&mut diagnostics);
    let stem = output_stem(path, &briefing, data.period);
    let ranks = Ranks::new(&briefing.indicators);
    let briefing = Arc::new(briefing);
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
                })
                .collect()
        }
        _ => vec![Report {
            region: None,
            name: safe_file_name(&stem),
        }],
    };
    Ok(Batch {
        path: path.to_path_buf(),
        workbook,
        data: data.used,
        period: data.period,
        earlier_data: data.earlier_files,
        data_sheets: data.sheets,
        data_named: data.named,
        briefing,
        ranks,
        reports,
        diagnostics,
        timings,
    })
}

/// Reads like [`read`]; a workbook that cannot be read (a spreadsheet
/// program may be half-way through saving it) is tried again `retries`
/// times, a fifth of a second apart.
///
/// # Errors
///
/// [`ReadError`] as [`read`], of the last try.
pub fn read_retrying(path: &Path, options: &ReadOptions, retries: u32) -> Result<Batch, ReadError> {
    let mut read = read(path, options);
    for _ in 0..retries {
        if read.is_ok() {
            break;
        }
        std::thread::sleep(Duration::from_millis(200));
        read = self::read(path, options);
    }
    read
}

/// A workbook's name without its extension: `成绩单` for `成绩单.xlsx`.
pub(crate) fn file_stem(path: &Path) -> std::borrow::Cow<'_, str> {
    path.file_stem()
        .map_or_else(|| "briefing".into(), |s| s.to_string_lossy())
}

/// The stem of a briefing's output files: its 报告 field 文件名, with
/// `{报告期:年}` and `{报告期:月}` standing for its data's year and month;
/// else the workbook's name, followed by the period when its data names
/// one (`简析-2023年11月`), so that each month's files stay.
fn output_stem(path: &Path, briefing: &Briefing, period: Option<DataPeriod>) -> String {
    let stem = file_stem(path).into_owned();
    let pattern = briefing
        .report_value(ReportKey::FileName)
        .map(str::trim)
        .filter(|p| !p.is_empty());
    match (pattern, period) {
        (Some(pattern), period) => {
            let year = period
                .and_then(|p| p.year)
                .map(|y| y.to_string())
                .unwrap_or_default();
            let month = period.map(|p| p.month.to_string()).unwrap_or_default();
            let named = pattern
                .replace("{报告期:年}", &year)
                .replace("{period:year}", &year)
                .replace("{报告期:月}", &month)
                .replace("{period:month}", &month);
            if named.trim().is_empty() { stem } else { named }
        }
        (None, Some(period)) => format!("{stem}-{}", period.name()),
        (None, None) => stem,
    }
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
        let worded = Document::word(&self.briefing_of(report), region.as_ref());
        let mut diagnostics = self.diagnostics_of(report);
        worded.fold(&mut diagnostics);
        diagnostics.extend(worded.diags);
        self.locate(&mut diagnostics);
        let document = worded.document.filter(|_| !has_errors(&diagnostics));
        (document, diagnostics)
    }

    /// What `report` says: the shared indicators and its region's (the
    /// whole workbook when it makes one report).
    pub fn briefing_of(&self, report: &Report) -> Arc<Briefing> {
        match &report.region {
            Some(region) => Arc::new(self.briefing.for_region(region)),
            None => Arc::clone(&self.briefing),
        }
    }

    /// The problems found while reading that concern `report`.
    pub fn diagnostics_of(&self, report: &Report) -> Vec<Diagnostic> {
        match (&report.region, &self.briefing.regions) {
            (Some(region), Some(regions)) => regions.diagnostics_for(region, &self.diagnostics),
            _ => self.diagnostics.clone(),
        }
    }

    /// Points the cells of `diagnostics` that are in the data file's
    /// sheets at that file.
    pub fn locate(&self, diagnostics: &mut [Diagnostic]) {
        data::locate(self.data.as_deref(), &self.data_sheets, diagnostics);
    }

    /// Whether the workbook makes one report per region.
    pub fn per_region(&self) -> bool {
        self.reports.iter().any(|r| r.region.is_some())
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
