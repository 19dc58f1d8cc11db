//! How the command line prints what happened: diagnostics like a
//! compiler's, the files written, and the font roles.

use std::collections::{HashMap, HashSet};
use std::io::IsTerminal;
use std::path::Path;
use std::time::Duration;

use briefing::diagnostic::{self, Diagnostic, TidiedSum};
use briefing::output::ArtifactKind;
use briefing::pipeline::{BatchRun, Compiled, OutputNames, Timings};
use briefing::typeset::fonts::Weight;
use briefing::typeset::{self, Fonts};
use briefing::workbook::Workbook;

use super::outln;

/// Prints the files one report was written to.
pub fn print_written(names: &OutputNames, compiled: &Compiled) {
    if !compiled.succeeded() {
        return;
    }
    if let Some(pdf) = compiled.artifact(ArtifactKind::Pdf) {
        outln!("已生成 {}（{} 页）", pdf.path.display(), compiled.pages);
    }
    if let Some(docx) = compiled.artifact(ArtifactKind::Docx) {
        outln!("已生成 {}（Word，可编辑）", docx.path.display());
    }
    if let Some(summary) = compiled.artifact(ArtifactKind::Summary) {
        outln!(
            "已生成 {}（{} 个指标）",
            summary.path.display(),
            compiled.indicators
        );
    }
    let pages = compiled
        .artifacts
        .iter()
        .filter(|a| matches!(a.kind, ArtifactKind::Page(_)))
        .count();
    if pages > 0 {
        outln!("已生成 {pages} 张页面预览图 {}", names.pages().display());
    }
}

/// Prints the time of each stage (summed over the reports).
pub fn print_timings(timings: &Timings) {
    eprintln!("各阶段用时：");
    for (stage, time) in timings.stages() {
        // Chinese characters take two columns on a terminal.
        let width: usize = stage
            .chars()
            .map(|c| if c.is_ascii() { 1 } else { 2 })
            .sum();
        let pad = " ".repeat(8usize.saturating_sub(width));
        eprintln!("  {stage}{pad}{:>10}", seconds(time));
    }
}

/// A duration the way people read it: `0.182 秒`, `12.4 毫秒`.
pub fn seconds(d: Duration) -> String {
    if d < Duration::from_secs(1) {
        format!("{:.1} 毫秒", d.as_secs_f64() * 1000.0)
    } else {
        format!("{:.2} 秒", d.as_secs_f64())
    }
}

/// Prints the problems of a batch like a compiler: errors in full, up to
/// `max_warnings` warnings (one line each unless all are shown). A problem
/// shared by every report of the batch is shown once; one that concerns
/// some regions only is shown under each of them.
pub fn report_batch(path: &Path, batch: &BatchRun, max_warnings: usize) -> usize {
    let per_report: Vec<(Option<&str>, &[Diagnostic])> = batch
        .batch
        .reports
        .iter()
        .zip(&batch.compiled)
        .map(|(r, c)| (r.region.as_deref(), c.diagnostics.as_slice()))
        .collect();
    print_diagnostics(path, &batch.batch.workbook, &per_report, max_warnings)
}

/// See [`report_batch`]; `per_report` holds each report's region and
/// diagnostics. Returns how many errors were printed.
pub fn print_diagnostics(
    path: &Path,
    workbook: &Workbook,
    per_report: &[(Option<&str>, &[Diagnostic])],
    max_warnings: usize,
) -> usize {
    let styled = std::io::stderr().is_terminal();
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let full = |d: &Diagnostic, region: Option<&str>| {
        let excerpt = d.cell.as_ref().and_then(|c| workbook.excerpt(c));
        let file = match region {
            Some(region) => format!("{file}（{region}）"),
            None => file.clone(),
        };
        eprintln!(
            "{}\n",
            diagnostic::render(d, &file, excerpt.as_ref(), styled)
        );
    };
    let all_shown = max_warnings == usize::MAX;
    let mut warnings_left = max_warnings;
    let mut warnings_hidden = 0;
    let mut errors = 0;
    let mut tidied = TidiedSum::default();
    for (region, diagnostics) in shared_first(per_report) {
        for d in diagnostics.iter().filter(|d| d.is_error()) {
            full(d, region);
            errors += 1;
        }
        for d in diagnostics.into_iter().filter(|d| !d.is_error()) {
            if !all_shown && tidied.add(d) {
                continue;
            }
            if warnings_left == 0 {
                warnings_hidden += 1;
            } else if all_shown {
                full(d, region);
            } else {
                warnings_left -= 1;
                match region {
                    Some(region) => eprintln!("{region}：{}", d.headline()),
                    None => eprintln!("{}", d.headline()),
                }
            }
        }
    }
    if warnings_hidden > 0 {
        eprintln!(
            "还有 {warnings_hidden} 条警告或说明没有列出；运行 briefing check {} 查看全部。",
            path.display()
        );
    }
    for &(what, count) in tidied.by_kind() {
        eprintln!(
            "已把 {count} 处{what}；briefing check {} 列出每一处。",
            path.display()
        );
    }
    errors
}

/// Each report's problems, those that every report shares first, once
/// (with no region), then each report's own.
fn shared_first<'a>(
    per_report: &[(Option<&'a str>, &'a [Diagnostic])],
) -> Vec<(Option<&'a str>, Vec<&'a Diagnostic>)> {
    // How many reports have each problem (a report that has it twice
    // counts once).
    let mut reports_with: HashMap<&Diagnostic, usize> = HashMap::new();
    for (_, diagnostics) in per_report {
        for d in diagnostics.iter().collect::<HashSet<_>>() {
            *reports_with.entry(d).or_default() += 1;
        }
    }
    let shared = |d: &Diagnostic| reports_with.get(d) == Some(&per_report.len());
    let mut groups: Vec<(Option<&str>, Vec<&Diagnostic>)> = vec![(
        None,
        per_report
            .first()
            .map(|(_, ds)| ds.iter().filter(|d| shared(d)).collect())
            .unwrap_or_default(),
    )];
    for (region, diagnostics) in per_report {
        groups.push((*region, diagnostics.iter().filter(|d| !shared(d)).collect()));
    }
    groups
}

/// Prints how each font role is filled on this machine.
pub fn print_fonts(fonts: &Fonts) {
    outln!("字体角色（先找本机安装的公文字体，找不到再用内置的开源字体）：");
    for (role, resolved) in typeset::ROLES.iter().zip(fonts.resolve_roles()) {
        let chosen = &resolved.family[0];
        let origin = match fonts.role_origin(&resolved) {
            Some(typeset::fonts::Origin::File(path)) => path.display().to_string(),
            Some(typeset::fonts::Origin::Embedded(file)) => format!("内置 {file}"),
            None => "未找到".to_string(),
        };
        let weight = if resolved.weight == Weight::Bold {
            "（粗体）"
        } else {
            ""
        };
        if resolved.fallback {
            outln!(
                "  {}：未安装 {}，改用 {chosen}{weight}（{origin}）",
                role.name,
                role.preferred.join("、")
            );
        } else {
            outln!("  {}：{chosen}（{origin}）", role.name);
        }
    }
}
