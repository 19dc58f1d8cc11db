//! Watching a workbook and its template for changes (`briefing watch`).
//!
//! Spreadsheet programs save in many ways: Excel and WPS write a temporary
//! file and rename it over the workbook, LibreOffice rewrites it in place,
//! and both leave lock files (`~$…`, `.~lock…#`) beside it. So the
//! workbook's folder is watched rather than the file, and only events that
//! name the workbook itself (or a file of the template's folder) count, and
//! only those that change a file: reading one (as every compile does) is no
//! change. Events are debounced: a save that writes in several steps is one
//! change.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

/// How long events must pause before they count as one change.
const DEBOUNCE: Duration = Duration::from_millis(250);

/// What changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Change {
    /// The workbook was written, replaced or removed.
    pub workbook: bool,
    /// A file of the template's folder changed.
    pub template: bool,
}

/// Watches a workbook and, optionally, the folder of its template.
pub struct Watcher {
    watcher: RecommendedWatcher,
    events: Receiver<notify::Result<Event>>,
    /// The workbook's folder (canonical) and file name.
    folder: PathBuf,
    name: std::ffi::OsString,
    template: Option<PathBuf>,
    /// Where the outputs go: changes there are our own.
    ignored: Vec<PathBuf>,
}

/// Why watching could not start.
#[derive(Debug, thiserror::Error)]
#[error("无法监视 {}：{reason}", .path.display())]
pub struct WatchError {
    /// What could not be watched.
    pub path: PathBuf,
    /// Why, in Chinese.
    pub reason: String,
}

impl Watcher {
    /// Starts watching `workbook`.
    pub fn new(workbook: &Path) -> Result<Watcher, WatchError> {
        let error = |path: &Path, reason: String| WatchError {
            path: path.to_path_buf(),
            reason,
        };
        let folder = crate::output::parent_folder(workbook)
            .canonicalize()
            .map_err(|e| error(workbook, crate::diagnostic::describe_io(&e)))?;
        let name = workbook
            .file_name()
            .ok_or_else(|| error(workbook, "不是文件".into()))?
            .to_os_string();
        let (sender, events) = channel();
        let mut watcher = notify::recommended_watcher(sender)
            .map_err(|e| error(workbook, format!("系统不支持监视文件（{e}）")))?;
        watcher
            .watch(&folder, RecursiveMode::NonRecursive)
            .map_err(|e| error(&folder, format!("系统不支持监视文件夹（{e}）")))?;
        Ok(Watcher {
            watcher,
            events,
            folder,
            name,
            template: None,
            ignored: Vec::new(),
        })
    }

    /// Ignores changes under `folder` (the output folder, which may lie
    /// inside the template's folder): they are the compile's own.
    pub fn ignore(&mut self, folder: &Path) {
        let folder = folder
            .canonicalize()
            .unwrap_or_else(|_| folder.to_path_buf());
        if !self.ignored.contains(&folder) {
            self.ignored.push(folder);
        }
    }

    /// Also watches the template's folder, replacing the one watched so
    /// far; `None` watches no template (a built-in one).
    pub fn watch_template(&mut self, folder: Option<&Path>) -> Result<(), WatchError> {
        if self.template.as_deref() == folder {
            return Ok(());
        }
        if let Some(old) = self.template.take() {
            let _ = self.watcher.unwatch(&old);
        }
        if let Some(folder) = folder {
            self.watcher
                .watch(folder, RecursiveMode::Recursive)
                .map_err(|e| WatchError {
                    path: folder.to_path_buf(),
                    reason: format!("系统不支持监视文件夹（{e}）"),
                })?;
            self.template = Some(folder.to_path_buf());
        }
        Ok(())
    }

    /// Waits until the workbook or the template changes, and then until
    /// events pause, so that a save in several steps is one change.
    pub fn wait(&self) -> Change {
        let mut change = Change::default();
        loop {
            let next = if change == Change::default() {
                self.events
                    .recv()
                    .map_err(|_| RecvTimeoutError::Disconnected)
            } else {
                self.events.recv_timeout(DEBOUNCE)
            };
            match next {
                // An error (a folder removed, say) changes nothing by itself.
                Ok(Err(_)) => {}
                Ok(Ok(event)) => self.note(&event, &mut change),
                Err(RecvTimeoutError::Timeout) => return change,
                Err(RecvTimeoutError::Disconnected) => return change,
            }
        }
    }

    /// Adds what `event` changed to `change`.
    fn note(&self, event: &Event, change: &mut Change) {
        // Reading a file (every compile reads the workbook and the
        // template) changes nothing.
        if matches!(event.kind, EventKind::Access(_)) {
            return;
        }
        for path in &event.paths {
            if self.ignored.iter().any(|i| path.starts_with(i)) {
                continue;
            }
            if self.is_workbook(path) {
                change.workbook = true;
            } else if self.template.as_ref().is_some_and(|t| path.starts_with(t)) {
                change.template = true;
            }
        }
    }

    /// Whether `path` names the workbook (it may no longer exist).
    fn is_workbook(&self, path: &Path) -> bool {
        path.file_name() == Some(self.name.as_os_str())
            && path
                .parent()
                .and_then(|p| p.canonicalize().ok())
                .is_some_and(|p| p == self.folder)
    }
}
