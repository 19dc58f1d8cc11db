//! Where the tests' files are: the repository, the sample, the font
//! cache of their runs, the dump template.
#![allow(dead_code)]

use std::path::PathBuf;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The sample workbook shipped in data/.
pub fn sample() -> PathBuf {
    root().join("data/兰州市2020年上半年成绩单.xlsx")
}

/// The font cache of the tests' runs, never the user's.
pub fn font_cache() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("briefing-fonts-test.json")
}

/// The dump template of the tests: prints the data a template receives.
pub fn dump_template() -> String {
    root()
        .join("tests/templates/dump")
        .to_string_lossy()
        .into_owned()
}
