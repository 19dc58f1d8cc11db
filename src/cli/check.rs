//! `briefing check`: every problem of the workbooks, for people or as JSON.

use anyhow::Result;
use briefing::diagnostic::{Diagnostic, Severity};

use super::args::{CheckArgs, Format};
use super::print::print_diagnostics;
use super::{Read, outln, read_all};

/// Checks the workbooks and prints every problem; `Ok(false)` when any is
/// an error.
pub fn check(args: &CheckArgs) -> Result<bool> {
    let batches = read_all(&args.read.workbooks, &args.read.options());
    if args.format == Format::Json {
        return check_json(&batches);
    }
    let mut ok = true;
    for (path, batch) in &batches {
        let batch = match batch {
            Ok(batch) => batch,
            Err(error) => {
                eprintln!("错误: {error}");
                ok = false;
                continue;
            }
        };
        let worded: Vec<Vec<Diagnostic>> = batch.reports.iter().map(|r| batch.word(r).1).collect();
        let per_report: Vec<(Option<&str>, &[Diagnostic])> = batch
            .reports
            .iter()
            .zip(&worded)
            .map(|(r, ds)| (r.region.as_deref(), ds.as_slice()))
            .collect();
        let errors = print_diagnostics(path, &batch.workbook, &per_report, usize::MAX);
        if errors == 0 {
            outln!("{}：没有发现错误。", path.display());
        } else {
            eprintln!("{}：发现 {errors} 处错误。", path.display());
            ok = false;
        }
    }
    Ok(ok)
}

/// One diagnostic as `check --format json` writes it.
#[derive(serde::Serialize)]
struct JsonDiagnostic<'a> {
    /// "error", "warning" or "info".
    severity: &'static str,
    /// The workbook's path.
    file: String,
    /// The report's region, when the workbook makes one report per region.
    region: Option<&'a str>,
    /// The sheet, when the problem is at a cell.
    sheet: Option<&'a str>,
    /// The cell in A1 notation, when the problem is at a cell.
    cell: Option<String>,
    message: &'a str,
    hint: Option<&'a str>,
}

/// Checks workbooks and writes every problem as JSON; exits like `check`.
fn check_json(batches: &[Read]) -> Result<bool> {
    let mut found: Vec<(String, Option<&str>, Diagnostic)> = Vec::new();
    for (path, batch) in batches {
        let file = path.display().to_string();
        match batch {
            Err(error) => found.push((file, None, Diagnostic::error(None, error.to_string()))),
            Ok(batch) => {
                for report in &batch.reports {
                    for d in batch.word(report).1 {
                        found.push((file.clone(), report.region.as_deref(), d));
                    }
                }
            }
        }
    }
    let json: Vec<JsonDiagnostic> = found
        .iter()
        .map(|(file, region, d)| JsonDiagnostic {
            severity: match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "info",
            },
            file: file.clone(),
            region: *region,
            sheet: d.cell.as_ref().map(|c| c.sheet.as_str()),
            cell: d.cell.as_ref().map(|c| c.a1()),
            message: &d.message,
            hint: d.hint.as_deref(),
        })
        .collect();
    outln!("{}", serde_json::to_string_pretty(&json)?);
    Ok(!found.iter().any(|(_, _, d)| d.is_error()))
}
