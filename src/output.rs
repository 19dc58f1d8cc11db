//! Writing output files as a set: every file of a report is written to a
//! temporary file in its target folder, and the temporary files are renamed
//! into place only when all of them were written. A reader never sees half
//! a file, and a failed run replaces nothing. Files get the permissions the
//! user's umask allows, like any other program's.

use std::io::Write;
use std::path::{Path, PathBuf};

/// One output file, computed in memory before anything is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Artifact {
    /// What it is.
    pub kind: ArtifactKind,
    /// Where it goes.
    pub path: PathBuf,
    /// Its content.
    pub bytes: Vec<u8>,
}

/// What an output file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ArtifactKind {
    /// A report's PDF.
    Pdf,
    /// A report's summary workbook.
    Summary,
    /// A report's editable Word copy (`--docx`).
    Docx,
    /// The image of one page of a report (`--png`), numbered from 1.
    Page(usize),
    /// A file of the template and data for Typst's own command line
    /// (`--emit-typst`).
    Typst,
    /// The overview workbook of a batch made per region.
    Overview,
    /// The overview PDF of a batch made per region.
    OverviewPdf,
    /// A file of a new project (`briefing new`).
    Project,
}

/// Why a set of files could not be written.
#[derive(Debug, thiserror::Error)]
#[error("无法写入 {}：{}", .path.display(), crate::diagnostic::describe_io(.source))]
pub struct WriteError {
    /// The file that could not be written.
    pub path: PathBuf,
    /// What the operating system said.
    pub source: std::io::Error,
}

/// Writes every artifact, all or nothing: each is first written in full to
/// a temporary file beside its target, and only when all succeeded are
/// they renamed into place. Folders are created as needed.
///
/// # Errors
///
/// [`WriteError`] naming the file when a folder cannot be made or a file
/// cannot be written or renamed (no permission, a full disk, a file held
/// open by another program); the files already renamed stay, the others
/// are not written and their temporary files are removed.
pub fn write_set(artifacts: &[Artifact]) -> Result<(), WriteError> {
    write_files(
        artifacts
            .iter()
            .map(|a| (a.path.as_path(), a.bytes.as_slice())),
    )
}

/// Writes one file atomically; see [`write_set`].
///
/// # Errors
///
/// [`WriteError`] as [`write_set`].
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    write_files(std::iter::once((path, bytes)))
}

/// Writes `files` (paths and contents) as [`write_set`] describes.
fn write_files<'a>(
    files: impl Iterator<Item = (&'a Path, &'a [u8])> + Clone,
) -> Result<(), WriteError> {
    let error = |path: &Path, source| WriteError {
        path: path.to_path_buf(),
        source,
    };
    let mut written = Vec::new();
    for (path, bytes) in files.clone() {
        written.push(write_temporary(path, bytes).map_err(|e| error(path, e))?);
    }
    for (temp, (path, _)) in written.into_iter().zip(files) {
        temp.persist(path).map_err(|e| error(path, e.error))?;
    }
    Ok(())
}

/// The folder `path` is in; `.` for a bare file name.
///
/// ```
/// use std::path::Path;
/// use briefing::output::parent_folder;
/// assert_eq!(parent_folder(Path::new("data/a.xlsx")), Path::new("data"));
/// assert_eq!(parent_folder(Path::new("a.xlsx")), Path::new("."));
/// ```
pub fn parent_folder(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Writes `bytes` to a temporary file in the folder of `path`.
fn write_temporary(path: &Path, bytes: &[u8]) -> std::io::Result<tempfile::NamedTempFile> {
    let dir = parent_folder(path);
    std::fs::create_dir_all(dir)?;
    if path.is_dir() {
        // Renaming onto a folder fails late, after the other files were
        // replaced; refuse it before anything is.
        return Err(std::io::ErrorKind::IsADirectory.into());
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix(".briefing-");
    // Like any program's output: readable as the user's umask allows
    // (tempfile's default is readable by the owner only).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut file = builder.tempfile_in(dir)?;
    // Not synced to disk: like a compiler's, these files can be made again,
    // and a sync per file would make a batch wait on the disk.
    file.write_all(bytes)?;
    Ok(file)
}

/// Makes `name` safe as a file name on Windows, macOS and Linux: the
/// characters `/\:*?"<>|` and control characters become `_`, trailing dots
/// and spaces are dropped, and names Windows reserves (`CON`, `NUL`,
/// `COM1`…) get a `_`.
///
/// ```
/// use briefing::output::safe_file_name;
/// assert_eq!(safe_file_name("城关区"), "城关区");
/// assert_eq!(safe_file_name("A/B: C?"), "A_B_ C_");
/// assert_eq!(safe_file_name("兰州新区. "), "兰州新区");
/// assert_eq!(safe_file_name("con"), "con_");
/// assert_eq!(safe_file_name("LPT1.txt"), "LPT1_.txt");
/// assert_eq!(safe_file_name(".."), "_");
/// ```
pub fn safe_file_name(name: &str) -> String {
    let mut safe: String = name
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '_'
            } else {
                c
            }
        })
        .collect();
    let kept = safe.trim_end_matches(['.', ' ']).len();
    safe.truncate(kept);
    if safe.is_empty() {
        return "_".to_string();
    }
    let stem_len = safe.find('.').unwrap_or(safe.len());
    let stem = safe[..stem_len].to_ascii_uppercase();
    let reserved = matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || (stem.len() == 4
            && (stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.as_bytes()[3].is_ascii_digit());
    if reserved {
        safe.insert(stem_len, '_');
    }
    safe
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out/a.pdf");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path().join("out")).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn a_set_with_one_unwritable_file_replaces_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let pdf = dir.path().join("a.pdf");
        let xlsx = dir.path().join("a.xlsx");
        std::fs::write(&pdf, b"old").unwrap();
        std::fs::create_dir(&xlsx).unwrap();
        let error = write_set(&[
            Artifact {
                kind: ArtifactKind::Pdf,
                path: pdf.clone(),
                bytes: b"new".to_vec(),
            },
            Artifact {
                kind: ArtifactKind::Summary,
                path: xlsx.clone(),
                bytes: b"new".to_vec(),
            },
        ])
        .unwrap_err();
        assert_eq!(error.path, xlsx);
        assert!(error.to_string().contains("这是一个文件夹"), "{error}");
        assert_eq!(std::fs::read(&pdf).unwrap(), b"old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }
}
