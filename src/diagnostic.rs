//! Problems found in a workbook, each pointing at the cell it comes from.
//!
//! Every stage that looks at user data reports what it finds here instead of
//! stopping at the first problem, so that one run lists everything to fix.
//! Messages are in Chinese: they are read by the people who fill the workbook.

use std::fmt;

/// A cell of a worksheet, zero-based, shown in A1 notation (`指标!C5`);
/// a cell of another file (the bureau's data file a briefing reads) as
/// Excel names a cell of another workbook: `[统计月报.xlsx]主要指标!C5`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct CellRef {
    /// The file the sheet is in, when it is not the workbook compiled
    /// (boxed: a diagnostic stays small enough to pass around by value).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<Box<str>>,
    /// The worksheet's name as it appears on its tab.
    pub sheet: String,
    /// Zero-based row index.
    pub row: u32,
    /// Zero-based column index.
    pub col: u32,
}

impl CellRef {
    /// Creates a reference to a cell from zero-based indices.
    ///
    /// ```
    /// use briefing::diagnostic::CellRef;
    /// assert_eq!(CellRef::new("指标", 4, 2).to_string(), "指标!C5");
    /// ```
    pub fn new(sheet: impl Into<String>, row: u32, col: u32) -> Self {
        Self {
            file: None,
            sheet: sheet.into(),
            row,
            col,
        }
    }
}

/// A cell in A1 notation from zero-based indices: (4, 2) → `C5`.
pub fn a1(row: u32, col: u32) -> String {
    format!("{}{}", column_name(col), row + 1)
}

/// The letters of a zero-based column index: 0 → `A`, 26 → `AA`.
pub fn column_name(col: u32) -> String {
    let mut n = col as u64 + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        letters.push(b'A' + rem);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).expect("ASCII letters")
}

impl CellRef {
    /// The cell without its sheet: `C5`.
    pub fn a1(&self) -> String {
        a1(self.row, self.col)
    }
}

impl fmt::Display for CellRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "[{file}]")?;
        }
        write!(f, "{}!{}", self.sheet, self.a1())
    }
}

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Severity {
    /// The briefing would be wrong: nothing is written.
    Error,
    /// Worth a look, but the briefing can still be made.
    Warning,
    /// Said once so that nobody is surprised; nothing to fix.
    Info,
}

impl Severity {
    /// The word users read: 错误 or 警告.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "说明",
        }
    }
}

/// One problem in the workbook.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Diagnostic {
    /// Whether the problem stops the compile.
    pub severity: Severity,
    /// Where the problem is, when it is at a cell.
    pub cell: Option<CellRef>,
    /// What was found, in Chinese.
    pub message: String,
    /// How to fix it, in Chinese.
    pub hint: Option<String>,
    /// When the text was put right rather than found wrong (a half-width
    /// comma made full-width): what was done, for a summary by kind
    /// (boxed, as the cell's file: a diagnostic stays small enough to
    /// pass around by value).
    #[serde(skip)]
    pub tidied: Option<Box<Tidied>>,
}

/// What normalisation did in one cell, for a summary of all its changes
/// by kind (`已把 68 处半角标点改为全角`), where a run does not list them one
/// by one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Tidied {
    /// What was done, as a summary says it: `半角标点改为全角`.
    pub what: &'static str,
    /// In how many places of the cell.
    pub count: usize,
}

/// The most characters of a cell's text a message quotes: a message
/// stays a line or two, whatever the cell holds.
const QUOTED_CHARS: usize = 40;

/// `text` with each quotation (“…”) longer than [`QUOTED_CHARS`] clipped
/// to its start and its length: “长长长…（共 32767 字）”.
fn clip_quotes(text: String) -> String {
    if text.chars().count() <= QUOTED_CHARS {
        return text;
    }
    let mut clipped = String::with_capacity(text.len().min(4096));
    let mut rest = text.as_str();
    while let Some(open) = rest.find('“') {
        let (before, quoted) = rest.split_at(open + '“'.len_utf8());
        clipped.push_str(before);
        let Some(close) = quoted.find('”') else {
            rest = quoted;
            break;
        };
        let inner = &quoted[..close];
        let count = inner.chars().count();
        if count > QUOTED_CHARS {
            clipped.extend(inner.chars().take(QUOTED_CHARS / 2));
            clipped.push_str(&format!("…（共 {count} 字）"));
        } else {
            clipped.push_str(inner);
        }
        rest = &quoted[close..];
    }
    clipped.push_str(rest);
    clipped
}

impl Diagnostic {
    /// A diagnostic of `severity` at a cell. Text quoted from cells is
    /// clipped (see [`clip_quotes`]).
    pub(crate) fn new(severity: Severity, cell: Option<CellRef>, message: String) -> Self {
        Self {
            severity,
            cell,
            message: clip_quotes(message),
            hint: None,
            tidied: None,
        }
    }

    /// An error at a cell.
    pub fn error(cell: Option<CellRef>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, cell, message.into())
    }

    /// A warning at a cell.
    pub fn warning(cell: Option<CellRef>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, cell, message.into())
    }

    /// Information at a cell: nothing to fix.
    pub fn info(cell: Option<CellRef>, message: impl Into<String>) -> Self {
        Self::new(Severity::Info, cell, message.into())
    }

    /// Adds a hint that says how to fix the problem.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(clip_quotes(hint.into()));
        self
    }

    /// Marks the diagnostic as telling of text put right: `what` was done
    /// in `count` places.
    pub fn with_tidied(mut self, what: &'static str, count: usize) -> Self {
        self.tidied = Some(Box::new(Tidied { what, count }));
        self
    }

    /// Whether this diagnostic stops the compile.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl Diagnostic {
    /// The problem in one line: `警告: 报告!B9：半角逗号“,”已改为“，”`.
    pub fn headline(&self) -> String {
        let label = self.severity.label();
        match &self.cell {
            Some(cell) => format!("{label}: {cell}：{}", self.message),
            None => format!("{label}: {}", self.message),
        }
    }
}

/// The headline, then the hint on a line of its own. [`render`] gives the
/// full, compiler-like form.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.headline())?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  提示: {hint}")?;
        }
        Ok(())
    }
}

/// Text put right, summed up by kind, each diagnostic once: what the
/// command line and the local page say instead of listing every cell
/// (`已把 351 处半角标点改为全角`).
///
/// ```
/// use briefing::diagnostic::{Diagnostic, TidiedSum};
///
/// let d = Diagnostic::info(None, "“,”已改为“，”").with_tidied("半角标点改为全角", 2);
/// let other = Diagnostic::warning(None, "别的问题");
/// let mut sum = TidiedSum::default();
/// assert!(sum.add(&d));
/// assert!(sum.add(&d)); // the same diagnostic again counts once
/// assert!(!sum.add(&other));
/// assert_eq!(sum.by_kind(), [("半角标点改为全角", 2)]);
/// ```
#[derive(Debug, Default)]
pub struct TidiedSum<'a> {
    by_kind: Vec<(&'static str, usize)>,
    seen: std::collections::HashSet<&'a Diagnostic>,
}

impl<'a> TidiedSum<'a> {
    /// Counts `d` when it tells of text put right; whether it does.
    pub fn add(&mut self, d: &'a Diagnostic) -> bool {
        let Some(tidy) = d.tidied.as_deref() else {
            return false;
        };
        if self.seen.insert(d) {
            match self.by_kind.iter_mut().find(|(what, _)| *what == tidy.what) {
                Some((_, count)) => *count += tidy.count,
                None => self.by_kind.push((tidy.what, tidy.count)),
            }
        }
        true
    }

    /// What was put right, and in how many places, in order of first
    /// appearance.
    pub fn by_kind(&self) -> &[(&'static str, usize)] {
        &self.by_kind
    }
}

/// The row of a cell, shown as source for a diagnostic: the row's cells
/// joined by " │ ", and the byte range of the cell itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    /// The row's text.
    pub text: String,
    /// Where the cell is in `text`.
    pub range: std::ops::Range<usize>,
}

/// Renders a diagnostic the way compilers do: the problem, the workbook
/// and row it is in with the cell underlined, and the hint. `styled` adds
/// colours for terminals.
pub fn render(d: &Diagnostic, file: &str, excerpt: Option<&Excerpt>, styled: bool) -> String {
    use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
    .with_name(d.severity.label());
    let file = d
        .cell
        .as_ref()
        .and_then(|c| c.file.as_deref())
        .unwrap_or(file);
    let title = match &d.cell {
        Some(cell) => format!("{cell}：{}", d.message),
        None => d.message.clone(),
    };
    let first = match (&d.cell, excerpt) {
        (Some(cell), Some(excerpt)) => level.primary_title(title).element(
            Snippet::source(excerpt.text.as_str())
                .line_start(cell.row as usize + 1)
                .path(format!("{file} › {}", cell.sheet))
                .annotation(AnnotationKind::Primary.span(excerpt.range.clone())),
        ),
        _ => level
            .primary_title(title)
            .element(Level::NOTE.with_name("文件").message(file)),
    };
    let mut report: Vec<Group> = vec![first];
    if let Some(hint) = &d.hint {
        report.push(Group::with_title(
            Level::HELP.with_name("提示").secondary_title(hint.as_str()),
        ));
    }
    let renderer = if styled {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    renderer
        .decor_style(annotate_snippets::renderer::DecorStyle::Unicode)
        .render(&report)
        .to_string()
}

/// What went wrong with a file, in words users know, from the operating
/// system's error: “文件不存在”, “没有权限……”.
///
/// ```
/// use briefing::diagnostic::describe_io;
/// let missing = std::fs::read("/no/such/file").unwrap_err();
/// assert_eq!(describe_io(&missing), "文件或文件夹不存在（系统错误 2）");
/// ```
pub fn describe_io(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    // Windows' sharing violations (a PDF open in Acrobat or WPS, a workbook
    // open in Excel) have no error kind of their own.
    let shared = cfg!(windows) && matches!(error.raw_os_error(), Some(32 | 33));
    let what = match error.kind() {
        _ if shared => "文件正被其他程序（如 PDF 阅读器、WPS、Excel）打开；请关闭它后重试",
        ErrorKind::NotFound => "文件或文件夹不存在",
        ErrorKind::PermissionDenied => {
            "没有权限，或文件正被其他程序（如 PDF 阅读器、Excel）打开；请关闭它，或换一个文件夹"
        }
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => "磁盘空间不足",
        ErrorKind::IsADirectory => "这是一个文件夹，不是文件",
        ErrorKind::NotADirectory => "路径中的某一级是文件而不是文件夹",
        ErrorKind::ReadOnlyFilesystem => "磁盘是只读的",
        ErrorKind::AlreadyExists => "文件已经存在",
        ErrorKind::InvalidFilename => "文件名无效",
        ErrorKind::UnexpectedEof => "文件不完整",
        _ => "读写失败",
    };
    match error.raw_os_error() {
        Some(code) => format!("{what}（系统错误 {code}）"),
        None => what.to_string(),
    }
}

/// Returns whether any of the diagnostics is an error.
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(Diagnostic::is_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names_follow_spreadsheet_convention() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
    }

    #[test]
    fn display_names_cell_and_hint() {
        let d = Diagnostic::error(Some(CellRef::new("指标", 2, 3)), "数值不是数字")
            .with_hint("填写数字");
        assert_eq!(
            d.to_string(),
            "错误: 指标!D3：数值不是数字\n  提示: 填写数字"
        );
        assert_eq!(d.headline(), "错误: 指标!D3：数值不是数字");
    }

    #[test]
    fn a_cell_of_another_file_is_named_as_excel_names_it() {
        let mut cell = CellRef::new("主要指标", 4, 2);
        cell.file = Some("统计月报.xlsx".into());
        assert_eq!(cell.to_string(), "[统计月报.xlsx]主要指标!C5");
        let d = Diagnostic::warning(Some(cell), "不认识的表头");
        let shown = render(&d, "简析.xlsx", None, false);
        assert!(
            shown.contains("[统计月报.xlsx]主要指标!C5：不认识的表头"),
            "{shown}"
        );
        assert!(shown.contains("文件: 统计月报.xlsx"), "{shown}");
    }

    #[test]
    fn long_quotations_are_clipped_to_their_start_and_length() {
        let header = "长".repeat(32_767);
        let d = Diagnostic::warning(None, format!("列名“{header}”不认识，“单位”也不是"))
            .with_hint(format!("改成“单位”；“{}”", "短".repeat(40)));
        assert_eq!(
            d.message,
            format!(
                "列名“{}…（共 32767 字）”不认识，“单位”也不是",
                "长".repeat(20)
            )
        );
        assert_eq!(
            d.hint.unwrap(),
            format!("改成“单位”；“{}”", "短".repeat(40))
        );
        let open = Diagnostic::error(None, format!("没有闭合的“{}", "字".repeat(50)));
        assert_eq!(open.message, format!("没有闭合的“{}", "字".repeat(50)));
    }
}
