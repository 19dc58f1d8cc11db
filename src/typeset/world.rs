//! The Typst [`World`] of one compile: the template's files, the fonts, the
//! briefing's data as `sys.inputs`, and a fixed date. The [`Template`] and
//! the fonts are shared by all compiles; the data and date are the
//! compile's own.
//!
//! A template either ships inside the binary or is a folder on disk. A folder
//! template can read any file inside its folder and nothing outside it;
//! packages are not downloaded.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Dict, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use super::error::TypesetError;
use super::fonts::Fonts;

/// A template shipped inside the binary.
#[derive(Debug)]
pub struct BuiltinTemplate {
    /// The name used with `--template`.
    pub name: &'static str,
    /// A one-line description in Chinese.
    pub description: &'static str,
    /// Its files: path inside the template, then content. `main.typ` first.
    pub files: &'static [(&'static str, &'static [u8])],
    /// The font roles it uses (`sys.inputs.fonts`), so that the command
    /// line can say which of them fell back to an embedded font.
    pub roles: &'static [&'static str],
}

/// Where a template's files come from.
#[derive(Debug, Clone)]
pub enum TemplateSource {
    /// A template shipped inside the binary.
    Builtin(&'static BuiltinTemplate),
    /// A template on disk: its folder and its main file inside that folder.
    Folder {
        /// The folder the template can read from, canonical.
        root: PathBuf,
        /// The main file, relative to `root`.
        main: String,
    },
}

impl BuiltinTemplate {
    /// Whether it has a file at `path`.
    pub fn has(&self, path: &str) -> bool {
        self.files.iter().any(|(p, _)| *p == path)
    }
}

impl TemplateSource {
    /// The main file's path inside the template.
    fn main_path(&self) -> &str {
        match self {
            TemplateSource::Builtin(t) => t.files[0].0,
            TemplateSource::Folder { main, .. } => main,
        }
    }

    /// Every file of the template, by its path inside the template: the
    /// main file is `main.typ`, whatever its name on disk.
    ///
    /// # Errors
    ///
    /// [`TypesetError::TemplateFolder`] when a folder template's files cannot
    /// be listed or read.
    pub fn all_files(&self) -> Result<Vec<(PathBuf, Vec<u8>)>, TypesetError> {
        match self {
            TemplateSource::Builtin(template) => Ok(template
                .files
                .iter()
                .map(|(path, data)| (PathBuf::from(path), data.to_vec()))
                .collect()),
            TemplateSource::Folder { root, main } => {
                let mut files = Vec::new();
                let mut stack = vec![root.clone()];
                while let Some(dir) = stack.pop() {
                    let entries =
                        std::fs::read_dir(&dir).map_err(|source| TypesetError::TemplateFolder {
                            path: dir.clone(),
                            source,
                        })?;
                    for entry in entries.flatten() {
                        let path = entry.path();
                        if path.is_dir() {
                            stack.push(path);
                        } else if let Ok(data) = std::fs::read(&path) {
                            let relative = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
                            let relative = if relative == Path::new(main) {
                                PathBuf::from("main.typ")
                            } else {
                                relative
                            };
                            files.push((relative, data));
                        }
                    }
                }
                files.sort();
                Ok(files)
            }
        }
    }

    /// Reads a file of the template, by its path inside the template.
    fn read(&self, vpath: &VirtualPath) -> FileResult<Bytes> {
        match self {
            TemplateSource::Builtin(template) => {
                let wanted = vpath.get_without_slash();
                template
                    .files
                    .iter()
                    .find(|(path, _)| *path == wanted)
                    .map(|(_, data)| Bytes::new(*data))
                    .ok_or_else(|| FileError::NotFound(PathBuf::from(wanted)))
            }
            TemplateSource::Folder { root, .. } => {
                let path = vpath.realize(root).map_err(FileError::Realize)?;
                ensure_inside(root, &path)?;
                let data = std::fs::read(&path).map_err(|e| FileError::from_io(e, &path))?;
                Ok(Bytes::new(data))
            }
        }
    }
}

/// Refuses paths that leave the template's (canonical) folder, through
/// `..` or a link.
fn ensure_inside(root: &Path, path: &Path) -> FileResult<()> {
    let real = path
        .canonicalize()
        .map_err(|e| FileError::from_io(e, path))?;
    if real.starts_with(root) {
        Ok(())
    } else {
        Err(FileError::AccessDenied)
    }
}

/// A template ready to compile, shared by every compile that uses it: its
/// files are read and its sources parsed once, however many reports are
/// made with it, and read again only when told that they changed
/// ([`Template::forget`]).
pub struct Template {
    files: TemplateSource,
    main: FileId,
    sources: Mutex<HashMap<FileId, FileResult<Source>>>,
    /// Other files compiles loaded (images, data), as read.
    loaded: Mutex<HashMap<FileId, FileResult<Bytes>>>,
}

impl Template {
    /// A template whose files come from `files`.
    pub fn new(files: TemplateSource) -> Template {
        let main = files.main_path().to_string();
        Template::with_main(files, &main)
    }

    /// A template whose files come from `files`, compiled from the file
    /// at `main` inside it rather than from its main file (the overview
    /// of a batch).
    pub fn with_main(files: TemplateSource, main: &str) -> Template {
        let main_path = VirtualPath::new(main).expect("template main path is valid");
        Template {
            main: RootedPath::new(VirtualRoot::Project, main_path).intern(),
            files,
            sources: Mutex::new(HashMap::new()),
            loaded: Mutex::new(HashMap::new()),
        }
    }

    /// Where the template's files come from.
    pub fn files(&self) -> &TemplateSource {
        &self.files
    }

    /// The files on disk that compiles with this template have asked for so
    /// far, those that were missing included (creating one changes the
    /// next compile); none for a built-in template. As Typst's own
    /// `watch` follows `world.dependencies()`.
    pub fn dependencies(&self) -> Vec<PathBuf> {
        let TemplateSource::Folder { root, .. } = &self.files else {
            return Vec::new();
        };
        let sources = self.sources.lock().expect("source cache lock");
        let loaded = self.loaded.lock().expect("file cache lock");
        let mut paths: Vec<PathBuf> = sources
            .keys()
            .chain(loaded.keys())
            .filter(|id| *id.root() == VirtualRoot::Project)
            .filter_map(|id| id.vpath().realize(root).ok())
            .collect();
        paths.sort();
        paths.dedup();
        paths
    }

    /// Forgets what was read of the files at `paths`, so that the next
    /// compile reads them again; the other files stay as read.
    pub fn forget(&self, paths: &[PathBuf]) {
        let TemplateSource::Folder { root, .. } = &self.files else {
            return;
        };
        let changed = |id: &FileId| {
            id.vpath()
                .realize(root)
                .is_ok_and(|path| paths.contains(&path))
        };
        let mut sources = self.sources.lock().expect("source cache lock");
        let mut loaded = self.loaded.lock().expect("file cache lock");
        sources.retain(|id, _| !changed(id));
        loaded.retain(|id, _| !changed(id));
    }

    /// A file's bytes, read once.
    fn file(&self, id: FileId) -> FileResult<Bytes> {
        let mut loaded = self.loaded.lock().expect("file cache lock");
        loaded.entry(id).or_insert_with(|| self.read(id)).clone()
    }

    fn read(&self, id: FileId) -> FileResult<Bytes> {
        if let VirtualRoot::Package(spec) = id.root() {
            return Err(FileError::Other(Some(
                format!(
                    "模板不能使用外部包 {spec}：briefing 不联网下载；请把需要的文件放进模板文件夹"
                )
                .into(),
            )));
        }
        self.files.read(id.vpath())
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        let mut sources = self.sources.lock().expect("source cache lock");
        sources
            .entry(id)
            .or_insert_with(|| {
                let bytes = self.read(id)?;
                let text = std::str::from_utf8(&bytes).map_err(|_| FileError::InvalidUtf8)?;
                Ok(Source::new(id, text.to_string()))
            })
            .clone()
    }
}

/// Everything Typst may see during one compile.
pub struct BriefingWorld<'a> {
    library: LazyHash<Library>,
    fonts: &'a Fonts,
    template: &'a Template,
    today: Option<Datetime>,
}

impl<'a> BriefingWorld<'a> {
    /// A world for `template`, with `inputs` as `sys.inputs` and `today` as
    /// the date `datetime.today()` returns.
    pub fn new(
        template: &'a Template,
        fonts: &'a Fonts,
        inputs: Dict,
        today: Option<Datetime>,
    ) -> Self {
        BriefingWorld {
            library: LazyHash::new(Library::builder().with_inputs(inputs).build()),
            fonts,
            template,
            today,
        }
    }

    /// A short path of a file for messages: `main.typ`.
    pub fn display_path(&self, id: FileId) -> String {
        id.vpath().get_without_slash().to_string()
    }
}

impl World for BriefingWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.fonts.book()
    }

    fn main(&self) -> FileId {
        self.template.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        self.template.source(id)
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.template.file(id)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.today
    }
}
