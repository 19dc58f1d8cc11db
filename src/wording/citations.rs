//! Placeholders that cite rows with errors: not one more error each, but
//! a note on the row's own error (`另有 22 处占位符引用了这一行`), and the
//! citations made while no indicator could be read, under the 指标
//! sheet's first error.

use super::error::WordingError;
use crate::diagnostic::{CellRef, Diagnostic, Severity};
use crate::model::vocabulary::INDICATOR_SHEET;

/// The citations that could not be worded because of an error elsewhere.
#[derive(Debug, Default)]
pub(super) struct Citations {
    /// The row of each citation of an indicator whose row has an error.
    pub(super) rows: Vec<CellRef>,
    /// How many codes were cited while no indicator could be read at all.
    pub(super) unread: usize,
    /// The first of them: where it was cited and what it was.
    pub(super) first_unread: Option<(CellRef, WordingError)>,
}

impl Citations {
    /// Whether nothing was cited that could not be worded.
    pub(super) fn is_empty(&self) -> bool {
        self.rows.is_empty() && self.unread == 0
    }

    /// Folds the citations of rows with errors under those errors, found
    /// in `diags` (the errors of reading the workbook): `…（另有 22 处占位符
    /// 引用了这一行）`; a citation of a row without one is an error of its own.
    pub(super) fn fold(&self, diags: &mut Vec<Diagnostic>) {
        self.fold_unread(diags);
        let mut rows: Vec<(&CellRef, usize)> = Vec::new();
        for row in &self.rows {
            match rows.iter_mut().find(|(r, _)| r == &row) {
                Some((_, n)) => *n += 1,
                None => rows.push((row, 1)),
            }
        }
        for (row, n) in rows {
            let error = diags.iter_mut().find(|d| {
                d.severity == Severity::Error
                    && d.cell
                        .as_ref()
                        .is_some_and(|c| c.sheet == row.sheet && c.row == row.row)
            });
            let note = format!("另有 {n} 处占位符引用了这一行，改正后一并恢复");
            match error {
                Some(error) => add_note(error, &note),
                None => diags.push(Diagnostic::error(
                    Some(row.clone()),
                    format!("这一行有错误，{note}"),
                )),
            }
        }
    }

    /// Folds the citations made while no indicator could be read under the
    /// first error of the 指标 sheet, the cause; without one, they are one
    /// error saying so.
    fn fold_unread(&self, diags: &mut Vec<Diagnostic>) {
        let n = self.unread;
        if n == 0 {
            return;
        }
        let sheet_error = diags.iter_mut().find(|d| {
            let on_sheet = |c: &CellRef| {
                INDICATOR_SHEET
                    .iter()
                    .any(|n| c.sheet.eq_ignore_ascii_case(n))
            };
            d.severity == Severity::Error && d.cell.as_ref().is_some_and(on_sheet)
        });
        let note = format!("正文等处的 {n} 处占位符因此无法引用指标");
        if let Some(error) = sheet_error {
            add_note(error, &note);
            return;
        }
        // No sheet to blame: the one error is at the first citation.
        let hint =
            "加一张名为“指标”的工作表，写明代码、指标、数值等列；占位符里的代码要和“代码”列一致";
        let more = match n {
            1 => String::new(),
            _ => format!("；正文等处另有 {} 处占位符同样无法引用指标", n - 1),
        };
        let error = match &self.first_unread {
            Some((cell, WordingError::Placeholder { placeholder, .. })) => Diagnostic::error(
                Some(cell.clone()),
                format!("占位符“{{{placeholder}}}”无法引用指标：工作簿中没有读到任何指标{more}"),
            ),
            _ => Diagnostic::error(None, format!("没有读到任何指标，{note}")),
        };
        diags.push(error.with_hint(hint));
    }
}

/// `note` added to the hint of `error` (a folded consequence of it).
fn add_note(error: &mut Diagnostic, note: &str) {
    error.hint = Some(match error.hint.take() {
        Some(hint) => format!("{hint}；{note}"),
        None => note.to_string(),
    });
}
