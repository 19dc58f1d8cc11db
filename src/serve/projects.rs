//! The workbooks the page works on ([`Projects`]), the queue that
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

use super::state::{Choice, Project, data_state, reports};
use super::views::{self, ProjectView};
use crate::output::{Artifact, ArtifactKind};
use crate::pipeline::{self, Compiler, Mode, Options, RunOptions};
use crate::watcher::{RETRIES, Watcher};

/// Changes kept for a page that is slow to hear them.
const CHANGES_KEPT: usize = 1024;

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
        let project = Arc::new(Project::new(list.len() + 1, path, live));
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
                        reports(batch.batch, batch.compiled, &mut state.reports, version);
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
    ///
    /// # Errors
    ///
    /// Why not, in Chinese: no data file of that period, or the report of it
    /// could not be made.
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
        let compile = || {
            let (done, finished) = channel();
            self.queue(project, Some(done));
            let _ = finished.recv();
            project.state().dependencies.clone()
        };
        let Ok(mut watcher) = Watcher::new() else {
            compile();
            return;
        };
        // Followed from before the first compile, so that a save while it
        // runs is not missed.
        let _ = watcher.follow(std::slice::from_ref(&project.path));
        let forget = |changed: &[PathBuf]| {
            for compiler in lock(&self.compilers).values() {
                compiler.forget_files(changed);
            }
        };
        if let Err(error) = watcher.rerun(compile, forget) {
            project.state().failure = Some(error.to_string());
            self.changed(project);
        }
    }

    /// Whether `path` is a workbook of the served folder (not a link out
    /// of it): the only files of the folder the page may open.
    pub fn in_folder(&self, path: &Path) -> bool {
        path.canonicalize()
            .is_ok_and(|p| p.starts_with(&self.folder) && p.is_file())
    }
}

/// Locks a mutex, whatever a panicking holder left (the state stays
/// usable: each field is whole).
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}
