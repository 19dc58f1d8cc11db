//! A whole run: every report of every workbook given, compiled (or
//! checked) on all cores, written, and told back as a [`Run`]. The
//! command line, `watch` and the benchmarks all call [`run`].

use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use rayon::prelude::*;

use super::batch::{Batch, Report, read_retrying};
use super::compiler::Compiler;
use super::error::Error;
use super::options::Timings;
use super::overview::overview;
use super::report::{Compiled, Inside};
use crate::output::{self, Artifact};
use crate::workbook::ReadError;

/// What a run does with each report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Compile it and write its files (all or none), keeping only their
    /// names and kinds in the outcome; then the batch's overview (its
    /// workbook and PDF).
    Write,
    /// Find every problem a compile would find, making no file
    /// (`briefing check`).
    Check,
    /// Compile it and keep its files and laid-out pages in the outcome,
    /// writing none; the overview too (`briefing serve` serves them).
    Keep,
}

/// How a run goes, besides the [`Compiler`]'s options.
///
/// ```
/// use briefing::pipeline::{Mode, RunOptions};
///
/// let options = RunOptions { jobs: 1, ..RunOptions::default() };
/// assert_eq!(options.mode, Mode::Write);
/// ```
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// What is done with each report.
    pub mode: Mode,
    /// How many reports are compiled at once; by default one per core.
    /// They are compiled on rayon's pool, whose threads [`limit_threads`]
    /// sets: never more at once than it has threads.
    pub jobs: usize,
    /// How often a workbook that cannot be read is tried again, a fifth of
    /// a second apart: a spreadsheet program may be half-way through
    /// saving it (`watch` retries; a single compile does not).
    pub retries: u32,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            mode: Mode::Write,
            jobs: std::thread::available_parallelism().map_or(1, usize::from),
            retries: 0,
        }
    }
}

/// What a run tells its caller while it goes (for a progress bar).
#[derive(Debug)]
pub enum Event<'a> {
    /// Every workbook was read: this many reports are to be made.
    Read {
        /// Reports in all the workbooks that could be read.
        reports: usize,
    },
    /// One report is done (its files written, in [`Mode::Write`]).
    Done {
        /// The report.
        report: &'a Report,
        /// How it went.
        compiled: &'a Compiled,
    },
}

/// The outcome of a run: every workbook's, in the order given.
#[derive(Debug)]
pub struct Run {
    /// Each workbook with its outcome.
    pub workbooks: Vec<WorkbookRun>,
    /// How long each stage took, summed over the reports.
    pub timings: Timings,
    /// Every file the run read: the workbooks, and the template files
    /// (those looked for but missing included), for watching them.
    pub dependencies: Vec<PathBuf>,
}

/// One workbook of a run.
#[derive(Debug)]
pub struct WorkbookRun {
    /// Its path, as given.
    pub path: PathBuf,
    /// Its reports, or why it could not be read at all.
    pub outcome: Result<BatchRun, ReadError>,
}

/// The reports of one workbook that could be read.
#[derive(Debug)]
pub struct BatchRun {
    /// The workbook, read and cut into reports.
    pub batch: Batch,
    /// Each report's outcome, in the order of `batch.reports`.
    pub compiled: Vec<Compiled>,
    /// The folder its files went to.
    pub out_dir: PathBuf,
    /// The overview of a batch made per region, its workbook and its PDF,
    /// made after its reports (written together in [`Mode::Write`], which
    /// keeps only their names and kinds); empty when there is none, or in
    /// [`Mode::Check`].
    pub overview: Result<Vec<Artifact>, Error>,
}

/// How many reports succeeded and how many failed (a workbook that could
/// not be read counts as one failure).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Reports compiled (and written) without error.
    pub succeeded: usize,
    /// Reports, or whole workbooks, with errors.
    pub failed: usize,
}

impl Run {
    /// How many reports succeeded and failed.
    pub fn tally(&self) -> Tally {
        let mut tally = Tally::default();
        for workbook in &self.workbooks {
            match &workbook.outcome {
                Ok(batch) => {
                    for compiled in &batch.compiled {
                        if compiled.succeeded() {
                            tally.succeeded += 1;
                        } else {
                            tally.failed += 1;
                        }
                    }
                }
                Err(_) => tally.failed += 1,
            }
        }
        tally
    }

    /// How many reports the workbooks that could be read make.
    pub fn reports(&self) -> usize {
        self.batches().map(|b| b.compiled.len()).sum()
    }

    /// The workbooks that could be read.
    pub fn batches(&self) -> impl Iterator<Item = &BatchRun> {
        self.workbooks
            .iter()
            .filter_map(|w| w.outcome.as_ref().ok())
    }

    /// Every report's outcome.
    pub fn compiled(&self) -> impl Iterator<Item = &Compiled> {
        self.batches().flat_map(|b| &b.compiled)
    }

    /// What Typst warned about in the templates, each warning once.
    pub fn template_warnings(&self) -> Vec<&str> {
        let mut warnings: Vec<&str> = Vec::new();
        for warning in self.compiled().flat_map(|c| &c.template_warnings) {
            if !warnings.contains(&warning.as_str()) {
                warnings.push(warning);
            }
        }
        warnings
    }

    /// The font roles that fell back to an embedded font, each once.
    pub fn fallback_roles(&self) -> Vec<&'static str> {
        let mut roles: Vec<&'static str> = Vec::new();
        for &role in self.compiled().flat_map(|c| &c.fallback_roles) {
            if !roles.contains(&role) {
                roles.push(role);
            }
        }
        roles
    }
}

/// Keeps the whole process to `jobs` threads of work, as `typst compile
/// --jobs` does: [`RunOptions::jobs`] says how many reports are made at
/// once, and this, how many threads Typst's own parallel work (page runs,
/// the PDF) and a report's parts use. With 1, everything runs on one
/// core. Only the first call counts (rayon's pool is made once).
///
/// ```
/// briefing::pipeline::limit_threads(1);
/// ```
pub fn limit_threads(jobs: usize) {
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.max(1))
        .build_global();
}

/// Reads every workbook at `paths` and makes each of their reports as
/// `options` say, on `options.jobs` threads, calling `events` as it goes
/// (from any thread). Problems are in the outcome, never an error: a
/// workbook that cannot be read or a report that fails leaves the others
/// to go on.
///
/// ```
/// use briefing::pipeline::{self, Compiler, Options, RunOptions};
///
/// let out = tempfile::tempdir()?;
/// let compiler = Compiler::new(Options {
///     out_dir: Some(out.path().to_path_buf()),
///     ..Options::default()
/// });
/// let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/data/兰州市2020年上半年成绩单.xlsx");
/// let run = pipeline::run(&compiler, &[sample.into()], &RunOptions::default(), |_| {});
/// assert_eq!((run.tally().succeeded, run.tally().failed), (1, 0));
/// assert!(out.path().join("兰州市2020年上半年成绩单.pdf").is_file());
/// assert!(out.path().join("兰州市2020年上半年成绩单-汇总.xlsx").is_file());
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn run(
    compiler: &Compiler,
    paths: &[PathBuf],
    options: &RunOptions,
    events: impl Fn(Event) + Sync,
) -> Run {
    // The embedded fonts load while the workbooks are read.
    let (fonts, read) = rayon::join(
        || compiler.preload_fonts(),
        || read_all(compiler, paths, options.retries),
    );
    let mut timings = Timings {
        fonts,
        ..Timings::default()
    };
    let batches: Vec<&Batch> = read.iter().filter_map(|(_, b)| b.as_ref().ok()).collect();
    events(Event::Read {
        reports: batches.iter().map(|b| b.reports.len()).sum(),
    });
    let data: Vec<PathBuf> = batches
        .iter()
        .flat_map(|b| b.data_named.iter().cloned())
        .collect();
    let mut done = each_report(&batches, options.jobs, |batch, report, inside| {
        let compiled = match options.mode {
            Mode::Write => write(compiler.compile_with(batch, report, inside)),
            Mode::Check => compiler.check(batch, report),
            Mode::Keep => compiler.compile_with(batch, report, inside),
        };
        events(Event::Done {
            report,
            compiled: &compiled,
        });
        compiled
    })
    .into_iter();
    let workbooks = read
        .into_iter()
        .map(|(path, batch)| {
            let outcome = batch.map(|batch| {
                let compiled = done.next().unwrap_or_default();
                finish(compiler, batch, compiled, options.mode)
            });
            WorkbookRun { path, outcome }
        })
        .collect::<Vec<_>>();
    for batch in workbooks.iter().filter_map(|w| w.outcome.as_ref().ok()) {
        timings += batch.batch.timings;
        for compiled in &batch.compiled {
            timings += compiled.timings;
        }
    }
    let mut dependencies: Vec<PathBuf> = paths.to_vec();
    dependencies.extend(data);
    dependencies.extend(compiler.template_files());
    Run {
        workbooks,
        timings,
        dependencies,
    }
}

/// Reads every workbook, in parallel.
fn read_all(
    compiler: &Compiler,
    paths: &[PathBuf],
    retries: u32,
) -> Vec<(PathBuf, Result<Batch, ReadError>)> {
    let options = &compiler.options().read;
    paths
        .par_iter()
        .map(|path| (path.clone(), read_retrying(path, options, retries)))
        .collect()
}

/// Writes a compiled report's files as a set, then lets go of their
/// bytes and pages (a batch of hundreds keeps only names).
fn write(mut compiled: Compiled) -> Compiled {
    let start = Instant::now();
    if compiled.succeeded()
        && let Err(error) = output::write_set(&compiled.artifacts)
    {
        compiled.not_written = Some(error.path.clone());
        compiled.diagnostics.push(Error::from(error).into());
    }
    compiled.timings.write += start.elapsed();
    for artifact in &mut compiled.artifacts {
        artifact.bytes = Vec::new();
    }
    compiled.laid_out = None;
    compiled
}

/// A batch's outcome once its reports are done: with its overview
/// written, in [`Mode::Write`].
fn finish(compiler: &Compiler, mut batch: Batch, compiled: Vec<Compiled>, mode: Mode) -> BatchRun {
    let statuses: Vec<_> = compiled.iter().map(Compiled::status).collect();
    let mut timings = Timings::default();
    let overview = match mode {
        Mode::Write => overview(compiler, &batch, &statuses, &mut timings)
            .and_then(|overview| write_overview(overview, &mut timings)),
        Mode::Keep => overview(compiler, &batch, &statuses, &mut timings),
        Mode::Check => Ok(Vec::new()),
    };
    batch.timings += timings;
    BatchRun {
        out_dir: compiler.out_dir(&batch),
        batch,
        compiled,
        overview,
    }
}

/// Writes the overview's files as a set, then lets go of their bytes.
fn write_overview(
    mut overview: Vec<Artifact>,
    timings: &mut Timings,
) -> Result<Vec<Artifact>, Error> {
    let start = Instant::now();
    let written = output::write_set(&overview);
    timings.write += start.elapsed();
    written?;
    for artifact in &mut overview {
        artifact.bytes = Vec::new();
    }
    Ok(overview)
}

/// Runs `work` on every report of `batches`, `jobs` at once, and returns
/// what it returned, batch by batch, in the order of the reports.
///
/// Each worker takes one report at a time from start to end, so no report
/// waits behind another that a worker took up in the middle of it. The
/// workers are tasks on rayon's pool, where Typst's own parallel work
/// (page runs) goes too: a worker waiting for that work does some of it,
/// and no more threads are busy than the pool has (with threads of their
/// own, two workers and the pool's two threads shared two cores). A
/// report alone may use a second core inside ([`Inside::Parallel`]).
fn each_report<T: Send>(
    batches: &[&Batch],
    jobs: usize,
    work: impl Fn(&Batch, &Report, Inside) -> T + Sync,
) -> Vec<Vec<T>> {
    let all: Vec<(usize, usize)> = batches
        .iter()
        .enumerate()
        .flat_map(|(b, batch)| (0..batch.reports.len()).map(move |r| (b, r)))
        .collect();
    let next = AtomicUsize::new(0);
    let workers = jobs.clamp(1, all.len().max(1));
    // With several reports at a time the cores are busy already.
    let inside = if workers > 1 {
        Inside::Serial
    } else {
        Inside::Parallel
    };
    let worker = || {
        let mut done = Vec::new();
        while let Some(&(b, r)) = all.get(next.fetch_add(1, Ordering::Relaxed)) {
            let batch = batches[b];
            done.push(((b, r), work(batch, &batch.reports[r], inside)));
        }
        done
    };
    let finished = Mutex::new(Vec::new());
    rayon::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|_| {
                let mine = worker();
                finished.lock().expect("finished reports lock").extend(mine);
            });
        }
    });
    let mut done: Vec<((usize, usize), T)> = finished.into_inner().expect("finished reports lock");
    done.sort_by_key(|(at, _)| *at);
    let mut out: Vec<Vec<T>> = batches.iter().map(|_| Vec::new()).collect();
    for ((b, _), value) in done {
        out[b].push(value);
    }
    out
}
