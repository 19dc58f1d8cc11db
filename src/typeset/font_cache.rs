//! A cache of the metadata of installed fonts, so that start-up does not
//! parse every font file on the machine each time.
//!
//! Typst needs each face's [`FontInfo`] (family, style, coverage) before it
//! lays anything out; working it out reads the font's tables, which for a
//! few hundred installed fonts costs more than the whole compile. The cache
//! keeps it per file, keyed by size and modification time, in
//! `~/.cache/briefing/` (or `$XDG_CACHE_HOME/briefing/`, or
//! `%LOCALAPPDATA%\briefing\`); `BRIEFING_FONT_CACHE` names another file,
//! and an empty value turns the cache off. A missing or damaged cache is
//! simply rebuilt: it only ever saves time.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use typst::foundations::Bytes;
use typst::text::FontInfo;

/// The metadata of the faces of one font file.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    size: u64,
    modified_ns: u128,
    faces: Vec<FontInfo>,
}

/// Font metadata by file path.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct FontCache {
    entries: BTreeMap<PathBuf, Entry>,
    #[serde(skip)]
    path: Option<PathBuf>,
    #[serde(skip)]
    changed: bool,
}

impl FontCache {
    /// Loads the cache from `path`; an empty cache when there is none.
    pub fn load(path: Option<PathBuf>) -> FontCache {
        let mut cache: FontCache = path
            .as_ref()
            .and_then(|p| std::fs::read(p).ok())
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        cache.path = path;
        cache
    }

    /// The faces of the font file at `path`, from the cache when the file
    /// is unchanged, else read from the file. `None` for unreadable files.
    pub fn faces(&mut self, path: &Path) -> Option<Vec<FontInfo>> {
        let meta = std::fs::metadata(path).ok()?;
        let size = meta.len();
        let modified_ns = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        if let Some(entry) = self.entries.get(path)
            && entry.size == size
            && entry.modified_ns == modified_ns
        {
            return Some(entry.faces.clone());
        }
        let data = map_file(path)?;
        let faces: Vec<FontInfo> = FontInfo::iter(&data).collect();
        self.entries.insert(
            path.to_path_buf(),
            Entry {
                size,
                modified_ns,
                faces: faces.clone(),
            },
        );
        self.changed = true;
        Some(faces)
    }

    /// Writes the cache back if anything changed. Entries that another
    /// run wrote meanwhile (with other font folders, say) are kept; only
    /// files that no longer exist are forgotten. Failure to write is not an
    /// error.
    pub fn save(self) {
        let Some(path) = &self.path else { return };
        if !self.changed {
            return;
        }
        let mut merged = FontCache::load(Some(path.clone()));
        merged.entries.extend(self.entries);
        merged.entries.retain(|file, _| file.exists());
        if let Ok(json) = serde_json::to_vec(&merged) {
            let _ = crate::output::write_atomic(path, &json);
        }
    }
}

/// Maps a font file into memory: its pages are read only when touched.
pub(super) fn map_file(path: &Path) -> Option<Bytes> {
    let file = std::fs::File::open(path).ok()?;
    // Safety: font files are not expected to change while we run; if one
    // does, the worst outcome is a garbled glyph, as with any font viewer.
    let map = unsafe { memmap2::Mmap::map(&file) }.ok()?;
    Some(Bytes::new(map))
}

/// Where the cache lives, unless `BRIEFING_FONT_CACHE` says otherwise.
pub fn default_path() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("BRIEFING_FONT_CACHE") {
        return (!path.is_empty()).then(|| PathBuf::from(path));
    }
    let dir = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("LOCALAPPDATA").map(PathBuf::from))
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cache")))?;
    // The metadata's layout belongs to this version of Typst.
    Some(dir.join("briefing").join("fonts-typst-0.15.json"))
}
