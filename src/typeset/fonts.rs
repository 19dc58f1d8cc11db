//! The fonts a document can use: the open CJK fonts embedded in the binary,
//! then the fonts installed on the machine.
//!
//! Loading is deterministic. The embedded fonts come first in the font
//! book, in a fixed order, so a family that is both embedded and installed
//! always resolves to the embedded face; they are parsed up front (in
//! parallel), as every document uses them. System font files are
//! visited in sorted path order; their metadata comes from a cache
//! ([`super::font_cache`]) when they have not changed, a file is
//! memory-mapped once when a document first uses one of its faces, and a
//! face is only parsed into a [`Font`] then.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use rayon::prelude::*;
use typst::foundations::Bytes;
use typst::text::{Font, FontBook, FontInfo};
use typst::utils::LazyHash;

/// An embedded font file: its name in `fonts/` and its bytes.
struct Embedded {
    file: &'static str,
    data: &'static [u8],
}

macro_rules! embed {
    ($($file:literal),* $(,)?) => {
        &[$(Embedded { file: $file, data: include_bytes!(concat!("../../fonts/", $file)) }),*]
    };
}

/// The open fonts shipped with briefing (see `fonts/README.md`).
static EMBEDDED: &[Embedded] = embed![
    "NotoSerifCJKsc-Regular.otf",
    "NotoSerifCJKsc-Bold.otf",
    "NotoSansCJKsc-Regular.otf",
    "NotoSansCJKsc-Bold.otf",
    "BriefingKai-Regular.ttf",
];

/// The bytes of an embedded font file, by its name in `fonts/`
/// (`NotoSansCJKsc-Regular.otf`): for the local page, which shows its
/// Chinese text in the same fonts on every machine.
pub fn embedded_file(name: &str) -> Option<&'static [u8]> {
    EMBEDDED.iter().find(|e| e.file == name).map(|e| e.data)
}

/// Where a face comes from.
#[derive(Debug, Clone)]
pub enum Origin {
    /// Embedded in the binary, under this file name.
    Embedded(&'static str),
    /// A file on disk.
    File(PathBuf),
}

/// A font file, read (memory-mapped) once, when first needed.
#[derive(Clone)]
struct FontFile {
    origin: Origin,
    data: OnceLock<Option<Bytes>>,
}

impl FontFile {
    fn data(&self) -> Option<Bytes> {
        self.data
            .get_or_init(|| match &self.origin {
                Origin::Embedded(file) => EMBEDDED
                    .iter()
                    .find(|e| e.file == *file)
                    .map(|e| Bytes::new(e.data)),
                Origin::File(path) => super::font_cache::map_file(path),
            })
            .clone()
    }
}

/// A face known to the font book, parsed on first use.
#[derive(Clone)]
struct Slot {
    /// Index into [`Fonts::files`].
    file: usize,
    /// The face's index in its file.
    index: u32,
    font: OnceLock<Option<Font>>,
}

/// All faces available to a compile, with their metadata in a [`FontBook`].
pub struct Fonts {
    book: LazyHash<FontBook>,
    files: Vec<FontFile>,
    slots: Vec<Slot>,
}

impl Fonts {
    /// The embedded fonts, then those found in `extra_dirs`, then the
    /// installed ones (folders are searched recursively), with their
    /// metadata cached where [`super::font_cache::default_path`] says.
    pub fn new(include_system: bool, extra_dirs: &[PathBuf]) -> Fonts {
        Self::with_cache(
            include_system,
            extra_dirs,
            super::font_cache::default_path(),
        )
    }

    /// Like [`Fonts::new`], with the metadata cache at `cache` (none if `None`).
    pub fn with_cache(
        include_system: bool,
        extra_dirs: &[PathBuf],
        cache: Option<PathBuf>,
    ) -> Fonts {
        Fonts::embedded().with_installed(include_system, extra_dirs, cache)
    }

    /// The embedded fonts alone.
    pub fn embedded() -> Fonts {
        let mut fonts = Fonts {
            book: LazyHash::new(FontBook::new()),
            files: Vec::new(),
            slots: Vec::new(),
        };
        let mut book = FontBook::new();
        // The embedded faces are parsed now, side by side: a document uses
        // them all, and parsing once gives both the face and its metadata.
        let embedded: Vec<Vec<Font>> = EMBEDDED
            .par_iter()
            .map(|font| Font::iter(Bytes::new(font.data)).collect())
            .collect();
        for (font, faces) in EMBEDDED.iter().zip(embedded) {
            let infos = faces.iter().map(|f| f.info().clone()).collect();
            let first = fonts.slots.len();
            fonts.push(Origin::Embedded(font.file), infos, &mut book);
            for (slot, face) in fonts.slots[first..].iter().zip(faces) {
                let _ = slot.font.set(Some(face));
            }
        }
        fonts.book = LazyHash::new(book);
        fonts
    }

    /// These fonts, then those found in `extra_dirs`, then (with
    /// `include_system`) the installed ones, with their metadata cached at
    /// `cache`. The faces already parsed are shared, not parsed again.
    pub fn with_installed(
        &self,
        include_system: bool,
        extra_dirs: &[PathBuf],
        cache: Option<PathBuf>,
    ) -> Fonts {
        let mut fonts = Fonts {
            book: LazyHash::new(FontBook::new()),
            files: self.files.clone(),
            slots: self.slots.clone(),
        };
        let mut book = FontBook::new();
        for info in self.infos() {
            book.push(info.clone());
        }
        let mut dirs: Vec<PathBuf> = extra_dirs.to_vec();
        if include_system {
            dirs.extend(installed_font_dirs(|name| std::env::var_os(name)));
        }
        // Without folders to search there is nothing to cache.
        let cache = cache.filter(|_| !dirs.is_empty());
        let mut cache = super::font_cache::FontCache::load(cache);
        for path in font_files(&dirs) {
            if let Some(infos) = cache.faces(&path) {
                fonts.push(Origin::File(path), infos, &mut book);
            }
        }
        cache.save();
        fonts.book = LazyHash::new(book);
        fonts
    }

    fn push(&mut self, origin: Origin, infos: Vec<FontInfo>, book: &mut FontBook) {
        let file = self.files.len();
        self.files.push(FontFile {
            origin,
            data: OnceLock::new(),
        });
        for (index, info) in infos.into_iter().enumerate() {
            book.push(info);
            self.slots.push(Slot {
                file,
                index: index as u32,
                font: OnceLock::new(),
            });
        }
    }

    /// Metadata of every face, for Typst's font selection.
    pub fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }

    /// The face at `index` of the book, parsed on first use.
    pub fn font(&self, index: usize) -> Option<Font> {
        let slot = self.slots.get(index)?;
        slot.font
            .get_or_init(|| Font::new(self.files[slot.file].data()?, slot.index))
            .clone()
    }

    /// Where the face at `index` of the book comes from.
    pub fn origin(&self, index: usize) -> Option<&Origin> {
        self.slots.get(index).map(|s| &self.files[s.file].origin)
    }

    /// The metadata of every face, in book order.
    pub fn infos(&self) -> impl Iterator<Item = &FontInfo> {
        (0..self.slots.len()).filter_map(|i| self.book.info(i))
    }
}

/// The folders where operating systems keep installed fonts, from the
/// environment as `var` reads it (`std::env::var_os` in use): on Windows
/// `%WINDIR%\Fonts` and the per-user `%LOCALAPPDATA%\Microsoft\Windows\Fonts`
/// (where fonts installed "for me only" go), on Linux and macOS the usual
/// folders and those in the home folder.
///
/// ```
/// use std::path::PathBuf;
/// use briefing::typeset::fonts::installed_font_dirs;
///
/// let dirs = installed_font_dirs(|name| match name {
///     "LOCALAPPDATA" => Some(r"C:\Users\小王\AppData\Local".into()),
///     _ => None,
/// });
/// assert!(dirs.contains(&PathBuf::from(r"C:\Users\小王\AppData\Local").join("Microsoft/Windows/Fonts")));
/// ```
pub fn installed_font_dirs(var: impl Fn(&str) -> Option<std::ffi::OsString>) -> Vec<PathBuf> {
    let mut dirs = vec![
        PathBuf::from("/usr/share/fonts"),
        PathBuf::from("/usr/local/share/fonts"),
        PathBuf::from("/Library/Fonts"),
        PathBuf::from("/System/Library/Fonts"),
    ];
    if let Some(windir) = var("WINDIR") {
        dirs.push(Path::new(&windir).join("Fonts"));
    }
    if let Some(home) = var("HOME") {
        let home = PathBuf::from(home);
        dirs.push(home.join(".fonts"));
        dirs.push(home.join(".local/share/fonts"));
        dirs.push(home.join("Library/Fonts"));
    }
    if let Some(local) = var("LOCALAPPDATA") {
        dirs.push(Path::new(&local).join("Microsoft/Windows/Fonts"));
    }
    dirs
}

/// Every font file under `dirs`, each folder's entries in sorted order so
/// that the result never depends on the order the file system lists them.
fn font_files(dirs: &[PathBuf]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack: Vec<PathBuf> = dirs.iter().rev().cloned().collect();
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            let Ok(entries) = std::fs::read_dir(&path) else {
                continue;
            };
            let mut children: Vec<PathBuf> =
                entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            children.sort();
            stack.extend(children.into_iter().rev());
        } else if is_font_file(&path) {
            files.push(path);
        }
    }
    files
}

fn is_font_file(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        matches!(
            e.to_ascii_lowercase().as_str(),
            "ttf" | "otf" | "ttc" | "otc"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn installed_fonts_are_read_from_the_cache_until_they_change() {
        let dir = tempfile::tempdir().unwrap();
        let cache = dir.path().join("fonts.json");
        let fonts_dir = dir.path().join("fonts");
        std::fs::create_dir(&fonts_dir).unwrap();
        let font = fonts_dir.join("FangSong-test.ttf");
        let source =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fonts/FangSong-test.ttf");
        std::fs::copy(&source, &font).unwrap();
        let families = |fonts: &Fonts| -> Vec<String> {
            fonts
                .infos()
                .skip(EMBEDDED.len())
                .map(|i| i.family.clone())
                .collect()
        };
        let extra = [fonts_dir.clone()];
        let cold = Fonts::with_cache(false, &extra, Some(cache.clone()));
        assert_eq!(families(&cold), ["FangSong"]);
        let read = Fonts::with_cache(false, &extra, None);
        assert_eq!(
            cold.infos().cloned().collect::<Vec<_>>(),
            read.infos().cloned().collect::<Vec<_>>()
        );

        // The next run takes the metadata from the cache, not the file.
        let json = std::fs::read_to_string(&cache).unwrap();
        std::fs::write(&cache, json.replace("\"FangSong\"", "\"FromCache\"")).unwrap();
        assert_eq!(
            families(&Fonts::with_cache(false, &extra, Some(cache.clone()))),
            ["FromCache"]
        );

        // A changed file is read again.
        let bytes = std::fs::read(&source).unwrap();
        std::fs::write(&font, [bytes.as_slice(), &[0u8; 4]].concat()).unwrap();
        assert_eq!(
            families(&Fonts::with_cache(false, &extra, Some(cache))),
            ["FangSong"]
        );
    }

    #[test]
    fn embedded_families_are_in_the_book() {
        let fonts = Fonts::new(false, &[]);
        for family in ["Noto Serif CJK SC", "Noto Sans CJK SC", "Briefing Kai"] {
            assert!(
                fonts.book().contains_family(&family.to_lowercase()),
                "{family} missing"
            );
        }
        let index = fonts
            .book()
            .select("noto serif cjk sc", Default::default())
            .unwrap();
        let font = fonts.font(index).unwrap();
        assert!(font.info().coverage.contains('兰' as u32));
    }
}

/// A typographic role of Chinese official documents, with the families
/// that can fill it, best first: the fonts offices have installed, then
/// the open font briefing embeds.
///
/// On 麒麟 (Kylin) and 统信 (UOS) the 公文 fonts are the CESI ones (中国电子
/// 技术标准化研究院) the systems ship, e.g. UOS's
/// `/usr/share/fonts/fonts-cesi/CESI_FS_GB2312.TTF`: each in a GB2312, a
/// GB18030 and a GB13000 version, named `CESI_FS_GB2312` in English and
/// `CESI仿宋-GB2312` in Chinese (docs/templates.md). The GB2312 one comes
/// first, as 仿宋_GB2312 does, the larger character sets after it.
#[derive(Debug, Clone, Copy)]
pub struct Role {
    /// The key templates use: `sys.inputs.fonts.fangsong`.
    pub key: &'static str,
    /// The role's Chinese name: 仿宋.
    pub name: &'static str,
    /// Installed families to look for, in order.
    pub preferred: &'static [&'static str],
    /// The embedded family used when none of `preferred` is installed.
    pub embedded: &'static str,
    /// The weight to use with the embedded family (a bold Song stands in
    /// for 小标宋).
    pub embedded_weight: Weight,
}

/// The weight a role is set in. Templates receive it as `"regular"` or
/// `"bold"` (`sys.inputs.fonts.title.weight`), as Typst's `text(weight:)`
/// takes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Weight {
    /// The face's regular weight.
    Regular,
    /// Bold: Typst does not synthesise it, so the font must have it.
    Bold,
}

impl Weight {
    /// Typst's weight.
    pub fn typst(self) -> typst::text::FontWeight {
        match self {
            Weight::Regular => typst::text::FontWeight::REGULAR,
            Weight::Bold => typst::text::FontWeight::BOLD,
        }
    }
}

/// The roles, as GB/T 9704 names them.
pub static ROLES: &[Role] = &[
    Role {
        key: "title",
        name: "标题（小标宋）",
        preferred: &[
            "FZXiaoBiaoSong-B05S",
            "FZXiaoBiaoSong-B05",
            "方正小标宋简体",
            "方正小标宋_GBK",
            "CESI_XBS_GB2312",
            "CESI小标宋-GB2312",
            "CESI_XBS_GB18030",
            "CESI小标宋-GB18030",
            "CESI_XBS_GB13000",
            "CESI小标宋-GB13000",
        ],
        embedded: "Noto Serif CJK SC",
        embedded_weight: Weight::Bold,
    },
    Role {
        key: "song",
        name: "宋体",
        preferred: &[
            "SimSun",
            "宋体",
            "Songti SC",
            "STSong",
            "CESI_SS_GB2312",
            "CESI宋体-GB2312",
            "CESI_SS_GB18030",
            "CESI宋体-GB18030",
            "CESI_SS_GB13000",
            "CESI宋体-GB13000",
        ],
        embedded: "Noto Serif CJK SC",
        embedded_weight: Weight::Regular,
    },
    Role {
        key: "fangsong",
        name: "仿宋",
        preferred: &[
            "FangSong_GB2312",
            "仿宋_GB2312",
            "FangSong",
            "仿宋",
            "STFangsong",
            "CESI_FS_GB2312",
            "CESI仿宋-GB2312",
            "CESI_FS_GB18030",
            "CESI仿宋-GB18030",
            "CESI_FS_GB13000",
            "CESI仿宋-GB13000",
        ],
        embedded: "Noto Serif CJK SC",
        embedded_weight: Weight::Regular,
    },
    Role {
        key: "hei",
        name: "黑体",
        preferred: &[
            "SimHei",
            "黑体",
            "Heiti SC",
            "STHeiti",
            "CESI_HT_GB2312",
            "CESI黑体-GB2312",
            "CESI_HT_GB18030",
            "CESI黑体-GB18030",
            "CESI_HT_GB13000",
            "CESI黑体-GB13000",
        ],
        embedded: "Noto Sans CJK SC",
        embedded_weight: Weight::Regular,
    },
    Role {
        key: "kai",
        name: "楷体",
        preferred: &[
            "KaiTi_GB2312",
            "楷体_GB2312",
            "KaiTi",
            "楷体",
            "STKaiti",
            "CESI_KT_GB2312",
            "CESI楷体-GB2312",
            "CESI_KT_GB18030",
            "CESI楷体-GB18030",
            "CESI_KT_GB13000",
            "CESI楷体-GB13000",
        ],
        embedded: "Briefing Kai",
        embedded_weight: Weight::Regular,
    },
];

/// How a role was filled on this machine.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ResolvedRole {
    /// The role's key.
    pub key: &'static str,
    /// The families to use, in order: the chosen one, then the embedded
    /// one for any character the chosen one lacks.
    pub family: Vec<String>,
    /// The weight to use.
    pub weight: Weight,
    /// Whether no preferred family was installed, so the embedded one is used.
    pub fallback: bool,
}

impl Fonts {
    /// Fills every role from the fonts available, deterministically.
    pub fn resolve_roles(&self) -> Vec<ResolvedRole> {
        ROLES
            .iter()
            .map(|role| {
                let found = role
                    .preferred
                    .iter()
                    .find(|family| self.book.contains_family(&family.to_lowercase()));
                match found {
                    Some(family) => ResolvedRole {
                        key: role.key,
                        family: vec![family.to_string(), role.embedded.to_string()],
                        weight: Weight::Regular,
                        fallback: false,
                    },
                    None => ResolvedRole {
                        key: role.key,
                        family: vec![role.embedded.to_string()],
                        weight: role.embedded_weight,
                        fallback: true,
                    },
                }
            })
            .collect()
    }

    /// Where the face of `family` that a role uses comes from.
    pub fn role_origin(&self, role: &ResolvedRole) -> Option<&Origin> {
        let variant = typst::text::FontVariant {
            weight: role.weight.typst(),
            ..Default::default()
        };
        let index = self.book.select(&role.family[0].to_lowercase(), variant)?;
        self.origin(index)
    }
}
