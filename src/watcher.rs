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
//!
//! A change counts as soon as the file is whole, not after a fixed pause:
//! a file renamed into place is whole at once; one written in place is
//! whole when the writer closes it, or, where the system does not say so,
//! when a workbook's zip end record is there (for other files, when writes
//! have rested a moment). So a save reaches the compile in about the time
//! the save takes.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, ModifyKind, RenameMode};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

/// How long writes to a file that cannot be checked for wholeness must
/// rest before it counts as whole.
const SETTLE: Duration = Duration::from_millis(50);
/// How long a change may stay unfinished before it counts anyway (a
/// program that removed a file and never put it back, say).
const LONGEST_SAVE: Duration = Duration::from_secs(2);

/// How often a workbook that cannot be read is tried again while it is
/// followed: a spreadsheet program may be half-way through saving it.
pub const RETRIES: u32 = 5;

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
    ///
    /// # Errors
    ///
    /// [`WatchError`] when the system refuses a watcher (on Linux, too many
    /// inotify instances in use).
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
    ///
    /// # Errors
    ///
    /// [`WatchError`] naming what cannot be watched: a path that names no
    /// file, a folder that cannot be read, or one past the system's limit
    /// of watched folders.
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

    /// The watch loop: runs `run`, which returns the files it read
    /// ([`crate::pipeline::Run::dependencies`]), follows exactly those,
    /// waits until one changes, tells `forget` which changed, and runs
    /// again; until watching stops (`Ok`) or a file cannot be followed.
    /// Follow the files of the first run before calling, so that a save
    /// while it runs is not missed.
    ///
    /// # Errors
    ///
    /// [`WatchError`] as [`Watcher::follow`], when the files of a run cannot be
    /// followed.
    pub fn rerun(
        &mut self,
        mut run: impl FnMut() -> Vec<PathBuf>,
        mut forget: impl FnMut(&[PathBuf]),
    ) -> Result<(), WatchError> {
        loop {
            let dependencies = run();
            self.follow(&dependencies)?;
            let changed = self.wait();
            if changed.is_empty() {
                return Ok(());
            }
            forget(&changed);
        }
    }

    /// Waits until a followed file changes and is whole again (see the
    /// module's documentation). Returns the files that changed, as
    /// [`Watcher::follow`] was given them; empty only when watching stopped.
    pub fn wait(&self) -> Vec<PathBuf> {
        let mut changed: Vec<Changed> = Vec::new();
        let mut first = Instant::now();
        loop {
            let next = if changed.is_empty() {
                self.events
                    .recv()
                    .map_err(|_| RecvTimeoutError::Disconnected)
            } else if changed.iter().all(|c| c.whole) {
                // Take what else is queued already, then go.
                self.events.recv_timeout(Duration::ZERO)
            } else {
                self.events.recv_timeout(SETTLE)
            };
            match next {
                // An error (a folder removed, say) changes nothing by itself.
                Ok(Err(_)) => {}
                Ok(Ok(event)) => {
                    if changed.is_empty() {
                        first = Instant::now();
                    }
                    self.note(&event, &mut changed);
                }
                Err(RecvTimeoutError::Timeout) => {
                    // Writes rested: what is whole now counts.
                    for change in changed.iter_mut().filter(|c| !c.whole) {
                        change.whole = is_whole(&change.seen);
                    }
                    if changed.iter().all(|c| c.whole) || first.elapsed() > LONGEST_SAVE {
                        return changed.into_iter().map(|c| c.given).collect();
                    }
                }
                Err(RecvTimeoutError::Disconnected) => {
                    return changed.into_iter().map(|c| c.given).collect();
                }
            }
        }
    }

    /// Adds what `event` did to the followed files to `changed`.
    fn note(&self, event: &Event, changed: &mut Vec<Changed>) {
        // Reading a file (every compile reads the workbook and the
        // template) changes nothing; closing it after writing finishes a
        // change.
        let finished = match event.kind {
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
            EventKind::Access(_) => return,
            EventKind::Modify(ModifyKind::Name(RenameMode::To | RenameMode::Both)) => true,
            _ => false,
        };
        for path in &event.paths {
            // A pattern (`统计月报*.xlsx`, a data file's) follows every
            // file of its folder that it matches.
            let Some((given, _)) = self
                .files
                .iter()
                .find(|(_, seen)| crate::pipeline::names_file(seen, path))
            else {
                continue;
            };
            let seen = path;
            // A rename's "from" path is gone, not changed.
            let whole = finished && seen.exists();
            match changed.iter_mut().find(|c| &c.given == given) {
                Some(change) => change.whole = whole,
                None => changed.push(Changed {
                    given: given.clone(),
                    seen: seen.clone(),
                    whole,
                }),
            }
        }
    }
}

/// A followed file that changed.
struct Changed {
    /// As the caller named it.
    given: PathBuf,
    /// As events name it.
    seen: PathBuf,
    /// Whether it is whole again: written and closed, or renamed into place.
    whole: bool,
}

/// Whether a file written in place looks whole: a workbook that is a zip
/// archive (.xlsx, .xlsm, .xlsb, .ods) when its end record is there and
/// agrees with the central directory before it (a zip is written front to
/// back, its end record last); any other file when it exists.
fn is_whole(path: &Path) -> bool {
    let zipped = path.extension().is_some_and(|e| {
        ["xlsx", "xlsm", "xlsb", "ods"]
            .iter()
            .any(|z| e.eq_ignore_ascii_case(z))
    });
    if !zipped {
        return path.exists();
    }
    std::fs::read(path).is_ok_and(|bytes| zip_is_whole(&bytes))
}

/// Whether `bytes` end with a zip archive's end record that agrees with
/// the central directory before it.
fn zip_is_whole(bytes: &[u8]) -> bool {
    // The end record is 22 bytes, followed by a comment of at most 64 KiB.
    let tail = bytes.len().saturating_sub(22 + 0xFFFF);
    let Some(end) = bytes[tail..]
        .windows(4)
        .rposition(|w| w == b"PK\x05\x06")
        .map(|at| tail + at)
    else {
        return false;
    };
    let Some(record) = bytes.get(end..end + 22) else {
        return false;
    };
    let u32_at = |at: usize| {
        u32::from_le_bytes([record[at], record[at + 1], record[at + 2], record[at + 3]])
    };
    let (size, offset) = (u32_at(12), u32_at(16));
    // ZIP64 keeps the real values elsewhere; its end record is enough.
    size == u32::MAX || offset == u32::MAX || offset as usize + size as usize == end
}

#[cfg(test)]
mod tests {
    use super::zip_is_whole;

    #[test]
    fn a_workbook_is_whole_only_with_its_end_record() {
        let sample = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/兰州市2020年上半年成绩单.xlsx"
        ))
        .unwrap();
        assert!(zip_is_whole(&sample));
        // Half-way through a save in place.
        assert!(!zip_is_whole(&sample[..sample.len() / 2]));
        assert!(!zip_is_whole(&sample[..sample.len() - 1]));
        assert!(!zip_is_whole(b""));
        assert!(!zip_is_whole(b"PK\x05\x06"));
    }
}
