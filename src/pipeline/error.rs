//! Why a report, or a file of it, could not be made; and the one place
//! where every stage's error becomes a [`Diagnostic`].

use std::path::PathBuf;

use crate::diagnostic::Diagnostic;
use crate::output::WriteError;
use crate::typeset::TypesetError;
use crate::workbook::ReadError;

/// An error of one of the pipeline's stages, with its context. Each
/// stage has its own error type; this gathers them for the reports.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The workbook could not be read at all.
    #[error(transparent)]
    Read(#[from] ReadError),
    /// The template could not be found or laid out, or the PDF or a
    /// page image could not be made.
    #[error(transparent)]
    Typeset(#[from] TypesetError),
    /// The summary (or overview) workbook could not be made.
    #[error("生成{what}失败：{source}")]
    Summary {
        /// Which workbook: 汇总工作簿 or 总览工作簿.
        what: &'static str,
        /// What rust_xlsxwriter said.
        source: rust_xlsxwriter::XlsxError,
    },
    /// The overview PDF of a batch could not be made (its template has
    /// errors, say); its workbook is not written either.
    #[error("生成总览 PDF 失败：{0}")]
    OverviewPdf(TypesetError),
    /// An output file would replace the workbook being read.
    #[error("输出文件 {} 会覆盖输入的工作簿，请用 --out 换一个输出文件夹", .0.display())]
    Overwrite(PathBuf),
    /// The Word copy could not be made.
    #[error(transparent)]
    Docx(#[from] crate::docx::DocxError),
    /// The files could not be written.
    #[error(transparent)]
    Write(#[from] WriteError),
}

impl From<Error> for Diagnostic {
    fn from(error: Error) -> Diagnostic {
        Diagnostic::error(None, error.to_string())
    }
}
