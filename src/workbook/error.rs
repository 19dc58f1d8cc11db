//! Why a workbook could not be read: each stage of reading fails with a
//! [`ReadProblem`], which [`ReadError`] puts with the file's path. What
//! users read is written here, in one place, in Chinese; calamine's own
//! (English) errors are told in words users know by [`explain`].

use std::fmt;

use crate::diagnostic::describe_io;

/// Why a workbook could not be read at all.
#[derive(Debug)]
pub struct ReadError {
    /// The path given by the user (or the name given with the bytes).
    pub path: String,
    /// What went wrong.
    pub problem: ReadProblem,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = &self.path;
        match &self.problem {
            ReadProblem::Open(error) => write!(f, "无法打开文件 {path}：{}", describe_io(error)),
            problem => write!(f, "无法读取工作簿 {path}：{problem}"),
        }
    }
}

impl std::error::Error for ReadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.problem {
            ReadProblem::Open(error) => Some(error),
            _ => None,
        }
    }
}

/// What went wrong in reading a workbook, before the path is known. Each
/// message follows `无法读取工作簿 {path}：`.
#[derive(Debug, thiserror::Error)]
pub enum ReadProblem {
    /// The file does not exist or cannot be opened.
    #[error("{}", describe_io(.0))]
    Open(std::io::Error),
    /// The file is encrypted (password-protected), or an old binary file
    /// with a new extension.
    #[error(
        "文件受密码保护（或是改了扩展名的旧版 .xls 文件）。请在 Excel 或 WPS 中取消密码（或另存为 .xlsx）后重试"
    )]
    Encrypted,
    /// A part of the file would inflate to more than we read.
    #[error(
        "文件中的“{entry}”解压后有 {megabytes} MB，超出上限。文件可能已损坏；请在 Excel、WPS 或 LibreOffice 中打开并另存"
    )]
    TooLarge {
        /// The part of the file.
        entry: String,
        /// Its inflated size.
        megabytes: u64,
    },
    /// A sheet's used range is too large to read.
    #[error(
        "工作表“{sheet}”在 {cell} 处有内容，使用范围过大。请删除表格范围以外的多余内容（选中多余的行和列后删除）再保存"
    )]
    RangeTooLarge {
        /// The sheet's name.
        sheet: String,
        /// The farthest cell with a value, in A1 notation.
        cell: String,
    },
    /// A sheet with more cells than are read: the file is fine, there is
    /// too much in one sheet.
    #[error(
        "工作表“{sheet}”有超过 {} 万个非空单元格，超出一张表能读取的上限。\
         数千个地区的数字请改用每个地区一行、每个指标一列的宽表（见使用说明“按地区的宽表”），\
         或把地区分到几个工作簿中分别生成",
        .limit / 10_000
    )]
    TooManyCells {
        /// The sheet's name.
        sheet: String,
        /// How many cells with a value a sheet may have.
        limit: usize,
    },
    /// A cell holds more text than Excel lets a cell hold: the file was
    /// not saved by a spreadsheet program, or the cell was pasted into
    /// from elsewhere.
    #[error(
        "工作表“{sheet}”的 {cell} 单元格有 {chars} 个字符，超过表格软件一个单元格最多 {limit} 个字符的上限。\
         请把这段文字分写到几个单元格（正文的每个段落一个单元格）"
    )]
    CellTooLong {
        /// The sheet's name.
        sheet: String,
        /// The cell, in A1 notation.
        cell: String,
        /// How many characters it holds.
        chars: usize,
        /// How many a cell may hold.
        limit: usize,
    },
    /// The file is not a workbook calamine understands, or is damaged.
    #[error(
        "{}{problem}。请确认它是 .xlsx、.xlsm、.xls、.xlsb 或 .ods 文件，并能在 Excel、WPS 或 LibreOffice 中正常打开",
        in_sheet(.sheet)
    )]
    Format {
        /// The sheet where it was found, when it is one sheet's.
        sheet: Option<String>,
        /// What is wrong.
        problem: FormatProblem,
    },
}

impl ReadProblem {
    /// The problem with the whole file's format.
    pub fn format(problem: FormatProblem) -> Self {
        ReadProblem::Format {
            sheet: None,
            problem,
        }
    }
}

impl From<FormatProblem> for ReadProblem {
    fn from(problem: FormatProblem) -> Self {
        ReadProblem::format(problem)
    }
}

/// `工作表“…”：` before a problem of one sheet.
fn in_sheet(sheet: &Option<String>) -> String {
    sheet
        .as_ref()
        .map(|sheet| format!("工作表“{sheet}”："))
        .unwrap_or_default()
}

/// What is wrong with a file that is not a readable workbook.
#[derive(Debug, thiserror::Error)]
pub enum FormatProblem {
    /// Damaged for a reason nobody can tell more precisely.
    #[error("文件已损坏或不完整（可能没有保存完，或在下载、复制时出错）")]
    Damaged,
    /// An Excel 97-2003 container that cannot be opened.
    #[error("文件已损坏：它不是有效的 Excel 97-2003（.xls）文件")]
    DamagedXls,
    /// An Excel 97-2003 sheet that declares billions of cells.
    #[error("工作表声明的范围过大，文件可能已损坏")]
    DeclaredRange,
    /// An OpenDocument sheet with more cells than calamine reads.
    #[error("工作表的使用范围过大。请删除表格范围以外的多余内容（选中多余的行和列后删除）再保存")]
    OdsTooLarge,
    /// A file named .ods that is not an OpenDocument spreadsheet.
    #[error("它不是 OpenDocument 电子表格（.ods）文件")]
    NotOds,
    /// A file named .xls that is not an Excel 97-2003 file.
    #[error("它不是有效的 Excel 97-2003（.xls）文件")]
    NotXls,
    /// Reading failed.
    #[error("读取时出错：{}", describe_io(.0))]
    Io(std::io::Error),
}

/// A calamine error told in words users know (never calamine's own
/// English text), in `sheet` when known.
pub(super) fn explain(error: calamine::Error, sheet: Option<&str>) -> ReadProblem {
    use calamine::{Error, OdsError, XlsError, XlsbError, XlsxError};
    let problem = match error {
        Error::Xls(XlsError::Password) | Error::Ods(OdsError::Password) => {
            return ReadProblem::Encrypted;
        }
        Error::Ods(OdsError::CellLimitExceeded { .. }) => FormatProblem::OdsTooLarge,
        Error::Ods(OdsError::InvalidMime(_)) => FormatProblem::NotOds,
        Error::Xls(XlsError::Cfb(_)) => FormatProblem::NotXls,
        Error::Io(e)
        | Error::Xlsx(XlsxError::Io(e))
        | Error::Xlsb(XlsbError::Io(e))
        | Error::Ods(OdsError::Io(e))
        | Error::Xls(XlsError::Io(e))
            if e.kind() != std::io::ErrorKind::UnexpectedEof =>
        {
            FormatProblem::Io(e)
        }
        _ => FormatProblem::Damaged,
    };
    ReadProblem::Format {
        sheet: sheet.map(str::to_string),
        problem,
    }
}
