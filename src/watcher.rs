//! Telling when the files a run read change (`briefing watch`).
//!
//! A [`Watcher`] follows exactly the files the last run read, as Typst's
//! own `watch` follows `world.dependencies()`: the workbooks and the
//! template files the Typst world loaded (or looked for), nothing else, so
//! the compile's own outputs and unrelated files never count.
//!
//! Spreadsheet programs save in many ways: Excel and WPS write a temporary
//! file and rename it over the workbook, LibreOffice rewrites it in place,
//! and both leave lock files (`~$…`, `.~lock…#`) beside it. So each file's
//! folder is watched rather than the file (a file replaced by a rename is
//! a new file), and only events that name a followed file count, and only
//! those that change it: reading one (as every compile does) is no change.
//! Events are debounced: a save that writes in several steps is one change.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

/// How long events must pause before they count as one change.
const DEBOUNCE: Duration = Duration::from_millis(250);

/// Follows a set of files for changes.
pub struct Watcher {
    watcher: RecommendedWatcher,
    events: Receiver<notify::Result<Event>>,
    /// The folders watched (canonical).
    folders: Vec<PathBuf>,
    /// Each followed file: as the caller named it, and as events name it
    /// (in its canonical folder).
    files: Vec<(PathBuf, PathBuf)>,
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
    /// A watcher that follows no file yet.
    pub fn new() -> Result<Watcher, WatchError> {
        let (sender, events) = channel();
        let watcher = notify::recommended_watcher(sender).map_err(|e| WatchError {
            path: PathBuf::from("."),
            reason: format!("系统不支持监视文件（{e}）"),
        })?;
        Ok(Watcher {
            watcher,
            events,
            folders: Vec::new(),
            files: Vec::new(),
        })
    }

    /// Follows exactly `files` from now on (those of the last run: see
    /// [`crate::pipeline::Run::dependencies`]). A file that does not exist
    /// is followed too: creating it is a change. Folders no longer needed
    /// are let go.
    pub fn follow(&mut self, files: &[PathBuf]) -> Result<(), WatchError> {
        let mut followed = Vec::new();
        let mut folders = Vec::new();
        for file in files {
            let name = file.file_name().ok_or_else(|| WatchError {
                path: file.clone(),
                reason: "不是文件".into(),
            })?;
            let folder = crate::output::parent_folder(file)
                .canonicalize()
                .map_err(|e| WatchError {
                    path: file.clone(),
                    reason: crate::diagnostic::describe_io(&e),
                })?;
            followed.push((file.clone(), folder.join(name)));
            if !folders.contains(&folder) {
                folders.push(folder);
            }
        }
        for old in self.folders.iter().filter(|f| !folders.contains(f)) {
            let _ = self.watcher.unwatch(old);
        }
        for folder in folders.iter().filter(|f| !self.folders.contains(f)) {
            self.watcher
                .watch(folder, RecursiveMode::NonRecursive)
                .map_err(|e| WatchError {
                    path: folder.clone(),
                    reason: format!("系统不支持监视文件夹（{e}）"),
                })?;
        }
        self.folders = folders;
        self.files = followed;
        Ok(())
    }

    /// Waits until a followed file changes, and then until events pause,
    /// so that a save in several steps is one change. Returns the files
    /// that changed, as [`Watcher::follow`] was given them; empty only when
    /// watching stopped.
    pub fn wait(&self) -> Vec<PathBuf> {
        let mut changed = Vec::new();
        loop {
            let next = if changed.is_empty() {
                self.events
                    .recv()
                    .map_err(|_| RecvTimeoutError::Disconnected)
            } else {
                self.events.recv_timeout(DEBOUNCE)
            };
            match next {
                // An error (a folder removed, say) changes nothing by itself.
                Ok(Err(_)) => {}
                Ok(Ok(event)) => self.note(&event, &mut changed),
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => {
                    return changed;
                }
            }
        }
    }

    /// Adds the followed files that `event` changed to `changed`.
    fn note(&self, event: &Event, changed: &mut Vec<PathBuf>) {
        // Reading a file (every compile reads the workbook and the
        // template) changes nothing.
        if matches!(event.kind, EventKind::Access(_)) {
            return;
        }
        for path in &event.paths {
            if let Some((given, _)) = self.files.iter().find(|(_, seen)| seen == path)
                && !changed.contains(given)
            {
                changed.push(given.clone());
            }
        }
    }
}
