//! The workbooks the page works on ([`Project`]s), the queue that
//! compiles them one run at a time, and the threads that follow the
//! workbooks of the served folder as `watch` does.
//!
//! Every compile is a [`pipeline::run`] in [`Mode::Keep`]: nothing is
//! written to disk; the files and the laid-out pages stay in memory for
//! the page to show and download. A compile that fails keeps the last
//! good files and pages of each report beside the new problems.

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use serde::Deserialize;

use super::views::{self, ProjectView};
use crate::output::{Artifact, ArtifactKind};
use crate::pipeline::{self, Compiler, Mode, Options, RunOptions};
use crate::typeset::{BUILTIN_TEMPLATES, PdfStandard};
use crate::watcher::Watcher;

/// How often a workbook that cannot be read is tried again (a save may be
/// under way), as `watch` does.
const RETRIES: u32 = 5;
/// Changes kept for a page that is slow to hear them.
const CHANGES_KEPT: usize = 1024;

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
    fn options(&self, base: &Options) -> Result<Options, String> {
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
    pub problems: Vec<views::Problem>,
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

/// A compile waiting its turn; `done` hears when it is over.
struct Job {
    project: Arc<Project>,
    done: Option<Sender<()>>,
}

/// Every project, the compile queue and the listeners to changes.
pub struct Projects {
    /// The served folder, canonical.
    pub folder: PathBuf,
    /// The private folder uploads are kept in.
    pub uploads: PathBuf,
    base: Options,
    jobs: usize,
    compilers: Mutex<HashMap<Choice, Arc<Compiler>>>,
    list: Mutex<Vec<Arc<Project>>>,
    queue: Mutex<Sender<Job>>,
    changes: tokio::sync::broadcast::Sender<String>,
}

impl Projects {
    /// No project yet; starts the thread that compiles, one run at a time
    /// (each run uses every core).
    pub fn new(folder: PathBuf, uploads: PathBuf, base: Options, jobs: usize) -> Arc<Projects> {
        let (queue, jobs_in) = channel();
        let projects = Arc::new(Projects {
            folder,
            uploads,
            base,
            jobs,
            compilers: Mutex::new(HashMap::new()),
            list: Mutex::new(Vec::new()),
            queue: Mutex::new(queue),
            changes: tokio::sync::broadcast::channel(CHANGES_KEPT).0,
        });
        let worker = projects.clone();
        std::thread::spawn(move || worker.compile_queued(jobs_in));
        projects
    }

    /// The project numbered `id`.
    pub fn get(&self, id: usize) -> Option<Arc<Project>> {
        lock(&self.list).get(id.checked_sub(1)?).cloned()
    }

    /// Every project, in the order they were opened.
    pub fn all(&self) -> Vec<Arc<Project>> {
        lock(&self.list).clone()
    }

    /// The project of the workbook at `path`, made (and queued for its
    /// first compile) when there is none; a live one is followed from
    /// then on.
    pub fn open(self: &Arc<Self>, path: PathBuf, live: bool) -> Arc<Project> {
        let mut list = lock(&self.list);
        if let Some(project) = list.iter().find(|p| p.path == path) {
            let project = project.clone();
            drop(list);
            if !live {
                // The same file dropped again: compile what it now holds.
                self.queue(&project, None);
            }
            return project;
        }
        let project = Arc::new(Project {
            id: list.len() + 1,
            name: path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
            path,
            live,
            state: Mutex::new(State::default()),
        });
        list.push(project.clone());
        drop(list);
        if live {
            let projects = self.clone();
            let followed = project.clone();
            std::thread::spawn(move || projects.follow(&followed));
        } else {
            self.queue(&project, None);
        }
        project
    }

    /// Sets a project's options and compiles it again.
    pub fn choose(&self, project: &Arc<Project>, choice: Choice) {
        project.state().choice = choice;
        self.queue(project, None);
    }

    /// A channel that hears of every change: a JSON object with the
    /// project's `id` and `version`.
    pub fn listen(&self) -> tokio::sync::broadcast::Receiver<String> {
        self.changes.subscribe()
    }

    /// The project as the page shows it.
    pub fn view(&self, project: &Project) -> ProjectView {
        views::project(project, &project.state())
    }

    /// Queues a compile of `project`.
    fn queue(&self, project: &Arc<Project>, done: Option<Sender<()>>) {
        project.state().busy = true;
        self.changed(project);
        let job = Job {
            project: project.clone(),
            done,
        };
        // The worker lives as long as the server.
        let _ = lock(&self.queue).send(job);
    }

    /// Tells every listener that `project` changed.
    fn changed(&self, project: &Project) {
        let version = project.state().version;
        let message = serde_json::json!({ "id": project.id, "version": version }).to_string();
        // No page may be listening.
        let _ = self.changes.send(message);
    }

    /// Compiles queued projects until the server stops.
    fn compile_queued(&self, jobs: Receiver<Job>) {
        for job in jobs {
            let compiled = catch_unwind(AssertUnwindSafe(|| self.compile(&job.project)));
            if compiled.is_err() {
                let mut state = job.project.state();
                state.failure = Some("编译时出现内部错误；请把这个工作簿发给开发者。".into());
                state.version += 1;
            }
            job.project.state().busy = false;
            self.changed(&job.project);
            if let Some(done) = job.done {
                let _ = done.send(());
            }
        }
    }

    /// The compiler for a choice, made once: it keeps the fonts and
    /// templates loaded between compiles.
    fn compiler(&self, choice: &Choice) -> Result<Arc<Compiler>, String> {
        let mut compilers = lock(&self.compilers);
        if let Some(compiler) = compilers.get(choice) {
            return Ok(compiler.clone());
        }
        let compiler = Arc::new(Compiler::new(choice.options(&self.base)?));
        compilers.insert(choice.clone(), compiler.clone());
        Ok(compiler)
    }

    /// Compiles a project and keeps the outcome in its state.
    fn compile(&self, project: &Project) {
        let start = Instant::now();
        let choice = project.state().choice.clone();
        let compiler = match self.compiler(&choice) {
            Ok(compiler) => compiler,
            Err(why) => {
                let mut state = project.state();
                state.failure = Some(why);
                state.version += 1;
                return;
            }
        };
        let options = RunOptions {
            mode: Mode::Keep,
            jobs: self.jobs,
            retries: if project.live { RETRIES } else { 0 },
        };
        let run = pipeline::run(
            &compiler,
            std::slice::from_ref(&project.path),
            &options,
            |_| {},
        );
        let mut state = project.state();
        state.version += 1;
        state.took_ms = start.elapsed().as_millis() as u64;
        state.dependencies = run.dependencies;
        let version = state.version;
        for workbook in run.workbooks {
            match workbook.outcome {
                Ok(batch) => {
                    state.failure = None;
                    state.data = data_state(&batch.batch);
                    state.reports =
                        views::reports(batch.batch, batch.compiled, &mut state.reports, version);
                    match batch.overview {
                        Ok(overview) => state.overview = overview,
                        Err(error) => state.failure = Some(error.to_string()),
                    }
                }
                Err(error) => state.failure = Some(error.to_string()),
            }
        }
    }

    /// The PDF of an earlier period of a project's data (`2023年10月`),
    /// compiled from the workbook with that period's file and those
    /// before it, as `--data` would; or why not, in Chinese.
    pub fn earlier_pdf(&self, project: &Project, period: &str) -> Result<Artifact, String> {
        let (choice, files) = {
            let state = project.state();
            let earlier = state.data.as_ref().map_or(&[][..], |d| &d.earlier[..]);
            let at = earlier
                .iter()
                .position(|(name, _)| name == period)
                .ok_or_else(|| format!("没有{period}的数据文件；请刷新页面"))?;
            let files: Vec<PathBuf> = earlier[..=at].iter().map(|(_, f)| f.clone()).collect();
            (state.choice.clone(), files)
        };
        let compiler = self.compiler(&choice)?;
        let mut read = compiler.options().read.clone();
        read.data = files;
        let batch = pipeline::read(&project.path, &read).map_err(|e| e.to_string())?;
        let report = batch.reports.first().ok_or("工作簿没有可生成的报告")?;
        let compiled = compiler.compile(&batch, report);
        if let Some(error) = compiled.diagnostics.iter().find(|d| d.is_error()) {
            return Err(format!("{period}的 PDF 没有生成：{}", error.headline()));
        }
        compiled
            .artifacts
            .into_iter()
            .find(|a| a.kind == ArtifactKind::Pdf)
            .ok_or_else(|| format!("{period}的 PDF 没有生成"))
    }

    /// Follows a workbook of the served folder: compiles it, then again
    /// after every save (or change of its template), until the server
    /// stops.
    fn follow(&self, project: &Arc<Project>) {
        let mut watcher = Watcher::new().ok();
        // Followed from before the first compile, so that a save while it
        // runs is not missed.
        if let Some(watcher) = watcher.as_mut() {
            let _ = watcher.follow(std::slice::from_ref(&project.path));
        }
        loop {
            let (done, finished) = channel();
            self.queue(project, Some(done));
            let _ = finished.recv();
            let dependencies = project.state().dependencies.clone();
            let Some(watcher) = watcher.as_mut() else {
                return;
            };
            if let Err(error) = watcher.follow(&dependencies) {
                project.state().failure = Some(error.to_string());
                self.changed(project);
                return;
            }
            let changed = watcher.wait();
            if changed.is_empty() {
                return;
            }
            for compiler in lock(&self.compilers).values() {
                compiler.forget_files(&changed);
            }
        }
    }

    /// Whether `path` is a workbook of the served folder (not a link out
    /// of it): the only files of the folder the page may open.
    pub fn in_folder(&self, path: &Path) -> bool {
        path.canonicalize()
            .is_ok_and(|p| p.starts_with(&self.folder) && p.is_file())
    }
}

/// What the page says of a batch's data: the file read, its period and
/// the earlier periods' files.
fn data_state(batch: &pipeline::Batch) -> Option<DataState> {
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

/// Locks a mutex, whatever a panicking holder left (the state stays
/// usable: each field is whole).
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}
