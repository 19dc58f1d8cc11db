//! Why typesetting failed.

use std::path::PathBuf;

/// Why a PDF could not be made.
#[derive(Debug, thiserror::Error)]
pub enum TypesetError {
    /// `--template` names neither a built-in template nor a file or folder.
    #[error(
        "找不到模板“{0}”。可用的内置模板：{1}；也可以给出模板文件（.typ）或含 main.typ 的文件夹的路径"
    )]
    UnknownTemplate(String, String),
    /// The workbook's 模板 lies outside the folder `briefing serve` serves.
    #[error(
        "模板“{0}”不在服务的文件夹里：页面只读取这个文件夹里的文件。请把模板放进这个文件夹，或在页面上选一个内置模板"
    )]
    OutsideFolder(String),
    /// The template has errors; each message is fully formatted.
    #[error("模板出错：\n{}", .0.join("\n"))]
    Template(Vec<String>),
    /// The PDF cannot be made as asked (a standard it cannot meet).
    #[error("无法生成 PDF：{0}")]
    Pdf(String),
    /// A page could not be encoded as a PNG image.
    #[error("生成页面预览图失败：{0}")]
    Png(String),
    /// A folder template's files could not be listed (for `--emit-typst`).
    #[error("无法读取模板文件夹 {}：{}", .path.display(), crate::diagnostic::describe_io(.source))]
    TemplateFolder {
        /// The folder.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
}
