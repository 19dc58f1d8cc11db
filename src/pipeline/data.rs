//! The bureau's data file a briefing workbook reads: named by its 报告
//! field 数据 (a file name or a pattern such as `统计月报*.xlsx`, beside
//! the workbook) or by `--data` (which wins). Of the files named, the one
//! of the newest period is used, the period read from the tables' titles
//! and headers; the others are the earlier months of the series. The data
//! files are only read, never written.

use std::path::{Path, PathBuf};

use crate::diagnostic::{CellRef, Diagnostic};
use crate::model::{
    Briefing, DataPeriod, Earlier, FieldKey, LIST_SEPARATORS, ReadOptions, ReportField, ReportKey,
    data_period, join_earlier, report_field,
};
use crate::workbook::Workbook;

/// The data a briefing workbook reads besides its own sheets.
#[derive(Debug, Default)]
pub(crate) struct Data {
    /// The data file used, when the briefing names one.
    pub used: Option<PathBuf>,
    /// Its period, when its tables name one.
    pub period: Option<DataPeriod>,
    /// The sheets of the data file appended to the workbook, by name.
    pub sheets: Vec<String>,
    /// The earlier periods' data.
    pub earlier: Vec<Earlier>,
    /// The earlier periods' files, oldest first.
    pub earlier_files: Vec<(DataPeriod, PathBuf)>,
    /// Which file was used and why, and the problems in finding it.
    pub diagnostics: Vec<Diagnostic>,
    /// The files and patterns named, for `watch` to follow: a file of a
    /// pattern's folder that matches it is followed too.
    pub named: Vec<PathBuf>,
    /// The cell of the 数据 field, for pointing at it.
    cell: Option<CellRef>,
}

/// A data file read, with its period.
struct Candidate {
    path: PathBuf,
    workbook: Workbook,
    period: Option<DataPeriod>,
    source: String,
}

/// Finds the data file that the workbook at `path` names, and appends its
/// sheets to `workbook`, where they are read as the workbook's own.
pub(crate) fn attach(path: &Path, workbook: &mut Workbook, options: &ReadOptions) -> Data {
    let mut data = Data::default();
    let folder = folder_of(path);
    let (spec, named): (String, Vec<PathBuf>) = if options.data.is_empty() {
        let Some((value, cell)) = report_field(workbook, ReportKey::Data) else {
            return data;
        };
        data.cell = Some(cell);
        let parts = value
            .split(|c| LIST_SEPARATORS.contains(&c) || c == ';' || c == '；')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| folder.join(p))
            .collect();
        (format!("“数据”所写的“{value}”"), parts)
    } else {
        ("--data".to_string(), options.data.clone())
    };
    let mut files = Vec::new();
    for name in named {
        if let Some(folder) = &options.data_within
            && !within(&name, folder)
        {
            let written = name.strip_prefix(folder_of(path)).unwrap_or(&name);
            data.diagnostics.push(outside(written, data.cell.clone()));
            continue;
        }
        data.named.push(name.clone());
        let name = &name;
        let found = matching(name, path);
        let found: Vec<PathBuf> = match &options.data_within {
            // A link in the folder may point out of it.
            Some(folder) => found.into_iter().filter(|f| within(f, folder)).collect(),
            None => found,
        };
        if found.is_empty() {
            data.diagnostics.push(missing(name, data.cell.clone()));
        }
        files.extend(found);
    }
    files.sort();
    files.dedup();
    let mut candidates = Vec::new();
    for file in files {
        match Workbook::open(&file) {
            Ok(book) => {
                let found = data_period(&book);
                candidates.push(Candidate {
                    period: found.as_ref().map(|f| f.period),
                    source: found.map(|f| f.source).unwrap_or_default(),
                    path: file,
                    workbook: book,
                });
            }
            Err(error) => data.diagnostics.push(
                Diagnostic::warning(
                    data.cell.clone(),
                    format!("数据文件“{}”无法读取，没有用它：{error}", shown(&file)),
                )
                .with_hint("在表格软件中打开它另存为 .xlsx"),
            ),
        }
    }
    let Some(chosen) = choose(&mut candidates, &spec, &mut data) else {
        return data;
    };
    let used = candidates.swap_remove(chosen);
    data.used = Some(used.path.clone());
    data.period = used.period;
    for sheet in used.workbook.sheets {
        if workbook.sheets.iter().any(|s| s.name == sheet.name) {
            data.diagnostics.push(
                Diagnostic::warning(
                    None,
                    format!(
                        "数据文件“{}”的工作表“{}”与工作簿中的同名，没有读取",
                        shown(&used.path),
                        sheet.name
                    ),
                )
                .with_hint("把工作簿中的这张工作表改个名字"),
            );
            continue;
        }
        data.sheets.push(sheet.name.clone());
        workbook.sheets.push(sheet);
    }
    let plain = ReadOptions {
        data: Vec::new(),
        ..options.clone()
    };
    for candidate in candidates {
        let (Some(period), Some(current)) = (candidate.period, data.period) else {
            continue;
        };
        if period < current {
            data.earlier_files.push((period, candidate.path.clone()));
            let (briefing, _) = Briefing::from_workbook(&candidate.workbook, &plain);
            data.earlier.push(Earlier {
                period,
                file: shown(&candidate.path),
                briefing,
            });
        }
    }
    data.earlier.sort_by_key(|e| e.period);
    data.earlier_files.sort();
    data
}

impl Data {
    /// Points the cells of `diagnostics` that are in the data file's
    /// sheets at that file, so that a message names the file the clerk
    /// must open, not the briefing workbook.
    pub(crate) fn locate(&self, diagnostics: &mut [Diagnostic]) {
        locate(self.used.as_deref(), &self.sheets, diagnostics);
    }

    /// Gives `briefing` what its data says: the 报告期 when its 报告 names
    /// none, and the earlier periods' figures. The messages about the data
    /// come first in `diagnostics`.
    pub(crate) fn apply(&self, briefing: &mut Briefing, diagnostics: &mut Vec<Diagnostic>) {
        // An indicator of the data file is pointed at in that file, also
        // where a message names its cell in its text.
        if let Some(file) = &self.used {
            for indicator in &mut briefing.indicators {
                if self.sheets.contains(&indicator.cell.sheet) {
                    indicator.cell.file = Some(shown(file).into());
                }
            }
        }
        let mut mine = self.diagnostics.clone();
        if let Some(period) = self.period {
            let key = FieldKey::Known(ReportKey::Period);
            match briefing.report.iter_mut().find(|f| f.key == key) {
                Some(field) if field.value.trim().is_empty() => {
                    field.value = period.report_period();
                }
                Some(_) => {}
                None => briefing.report.push(ReportField {
                    key,
                    value: period.report_period(),
                    cell: self
                        .cell
                        .clone()
                        .unwrap_or_else(|| CellRef::new("报告", 0, 0)),
                }),
            }
            let file = self.used.as_deref().map(shown).unwrap_or_default();
            join_earlier(briefing, period, &file, &self.earlier, &mut mine);
        }
        mine.append(diagnostics);
        *diagnostics = mine;
    }
}

/// Points the cells of `diagnostics` in one of `sheets` at `file`.
pub(crate) fn locate(file: Option<&Path>, sheets: &[String], diagnostics: &mut [Diagnostic]) {
    let Some(file) = file else { return };
    for cell in diagnostics.iter_mut().filter_map(|d| d.cell.as_mut()) {
        if cell.file.is_none() && sheets.contains(&cell.sheet) {
            cell.file = Some(shown(file).into());
        }
    }
}

/// The files a name stands for: itself when it exists, or the files of
/// its folder its pattern matches (`*` any characters, `?` one), leaving
/// out the briefing workbook and the lock files of spreadsheet programs.
fn matching(name: &Path, workbook: &Path) -> Vec<PathBuf> {
    let pattern = name
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if !pattern.contains(['*', '?']) {
        return if name.is_file() {
            vec![name.to_path_buf()]
        } else {
            Vec::new()
        };
    }
    let folder = match name.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let Ok(entries) = std::fs::read_dir(&folder) else {
        return Vec::new();
    };
    let ours = workbook.file_name();
    let mut found: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter(|e| {
            let file = e.file_name().to_string_lossy().into_owned();
            !file.starts_with("~$")
                && !file.starts_with(".~")
                && Some(e.file_name().as_os_str()) != ours
                && wildcard(&pattern, &file)
        })
        .map(|e| folder.join(e.file_name()))
        .collect();
    found.sort();
    found
}

/// Whether `file` is one that `named` stands for: the same file, or a
/// file of its folder that it matches when it is a pattern (not a lock
/// file of a spreadsheet program).
pub(crate) fn names_file(named: &Path, file: &Path) -> bool {
    if named == file {
        return true;
    }
    let (Some(pattern), Some(name)) = (named.file_name(), file.file_name()) else {
        return false;
    };
    let (pattern, name) = (pattern.to_string_lossy(), name.to_string_lossy());
    pattern.contains(['*', '?'])
        && named.parent() == file.parent()
        && !name.starts_with("~$")
        && !name.starts_with(".~")
        && wildcard(&pattern, &name)
}

/// Whether `text` matches `pattern` (`*` any characters, `?` one),
/// ignoring the case of Latin letters as Windows does.
fn wildcard(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.to_lowercase().chars().collect();
    let t: Vec<char> = text.to_lowercase().chars().collect();
    // The classic two-pointer match, going back to the last star.
    let (mut i, mut j) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while j < t.len() {
        if i < p.len() && (p[i] == '?' || p[i] == t[j]) {
            i += 1;
            j += 1;
        } else if i < p.len() && p[i] == '*' {
            star = Some((i, j));
            i += 1;
        } else if let Some((si, sj)) = star {
            i = si + 1;
            j = sj + 1;
            star = Some((si, sj + 1));
        } else {
            return false;
        }
    }
    p[i..].iter().all(|&c| c == '*')
}

/// The folder of the workbook at `path`.
fn folder_of(path: &Path) -> &Path {
    path.parent().unwrap_or(Path::new(""))
}

/// Whether the file or pattern `name` lies in `folder` (canonical): its
/// own folder, links followed, is `folder` or one inside it, and so is
/// the file itself when it is there.
fn within(name: &Path, folder: &Path) -> bool {
    let parent = match name.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let in_folder = |p: &Path| p.canonicalize().is_ok_and(|p| p.starts_with(folder));
    in_folder(parent) && (!name.exists() || in_folder(name))
}

/// A data file or pattern named outside the served folder: refused.
fn outside(name: &Path, cell: Option<CellRef>) -> Diagnostic {
    Diagnostic::error(
        cell,
        format!(
            "“数据”写的“{}”不在本机页面服务的文件夹里，没有读取：本机页面只读取这个文件夹里的数据文件",
            name.display()
        ),
    )
    .with_hint("把数据文件放进服务的文件夹（工作簿所在的文件夹或它的子文件夹），“数据”写相对于工作簿的文件名，如“统计月报*.xlsx”")
}

/// A data file named but not found.
fn missing(name: &Path, cell: Option<CellRef>) -> Diagnostic {
    let file = name
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let folder = name.parent().map(shown).unwrap_or_default();
    let message = if file.contains(['*', '?']) {
        format!("文件夹“{folder}”里没有与“{file}”相符的数据文件")
    } else {
        format!("找不到数据文件“{}”", shown(name))
    };
    Diagnostic::error(cell, message).with_hint(
        "把统计局的数据文件放到工作簿所在的文件夹，文件名与“报告”中的“数据”相符；或改“数据”",
    )
}

/// Which candidate is used: the one of the newest period. Says which and
/// why; two files of the same period, or files whose period cannot be
/// read, are warnings.
fn choose(candidates: &mut [Candidate], spec: &str, data: &mut Data) -> Option<usize> {
    if candidates.is_empty() {
        return None;
    }
    let cell = data.cell.clone();
    let newest = candidates.iter().filter_map(|c| c.period).max();
    let Some(newest) = newest else {
        let last = candidates.len() - 1;
        if candidates.len() > 1 {
            let names: Vec<String> = candidates.iter().map(|c| shown(&c.path)).collect();
            data.diagnostics.push(
                Diagnostic::warning(
                    cell,
                    format!(
                        "看不出数据文件{}的报告期，用了文件名排在最后的“{}”",
                        names.join("、"),
                        names[last]
                    ),
                )
                .with_hint(
                    "统计局表格的标题或表头应写明报告期，如“2023年1-11月”；或用 --data 指定文件",
                ),
            );
        } else {
            data.diagnostics.push(Diagnostic::info(
                cell,
                format!(
                    "数据取自“{}”（标题和表头中没有写明报告期）",
                    shown(&candidates[last].path)
                ),
            ));
        }
        return Some(last);
    };
    let newest_files: Vec<usize> = (0..candidates.len())
        .filter(|&i| candidates[i].period == Some(newest))
        .collect();
    let chosen = *newest_files.last()?;
    let used = &candidates[chosen];
    if newest_files.len() > 1 {
        let names: Vec<String> = newest_files
            .iter()
            .map(|&i| format!("“{}”", shown(&candidates[i].path)))
            .collect();
        data.diagnostics.push(
            Diagnostic::warning(
                cell.clone(),
                format!(
                    "{}都是{}的数据，用了文件名排在最后的“{}”",
                    names.join("和"),
                    newest.name(),
                    shown(&used.path)
                ),
            )
            .with_hint("把过时的一个移出文件夹"),
        );
    }
    let why = if candidates.len() > 1 {
        format!("是{spec}相符的{}个文件中报告期最新的", candidates.len())
    } else {
        format!("由{spec}指定")
    };
    data.diagnostics.push(Diagnostic::info(
        cell,
        format!(
            "数据取自“{}”：{}（读自“{}”），{why}",
            shown(&used.path),
            newest.name(),
            used.source
        ),
    ));
    Some(chosen)
}

/// A path as messages show it: its file name.
fn shown(path: &Path) -> String {
    path.file_name()
        .unwrap_or(path.as_os_str())
        .to_string_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_as_on_windows() {
        assert!(wildcard("统计月报*.xlsx", "统计月报2023-11.xlsx"));
        assert!(wildcard("统计月报*.xlsx", "统计月报.XLSX"));
        assert!(wildcard("统计月报??.xlsx", "统计月报11.xlsx"));
        assert!(!wildcard("统计月报??.xlsx", "统计月报1.xlsx"));
        assert!(!wildcard("统计月报*.xlsx", "统计月报2023-11.xls"));
        assert!(wildcard("*月*", "11月数据"));
    }
}
