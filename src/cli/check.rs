//! `briefing check`: every problem of the workbooks, for people or as JSON.
//! It runs the pipeline in [`Mode::Check`]: the same checks as a compile,
//! characters no font can draw included, without making any file.

use anyhow::Result;
use briefing::diagnostic::{Diagnostic, Severity};
use briefing::pipeline::{self, Compiler, Mode, Run, RunOptions};

use super::args::{CheckArgs, Format};
use super::outln;
use super::print::report_batch;

/// Checks the workbooks and prints every problem; `Ok(false)` when any is
/// an error.
pub fn check(args: &CheckArgs) -> Result<bool> {
    let compiler = Compiler::new(args.options());
    let options = RunOptions {
        mode: Mode::Check,
        ..RunOptions::default()
    };
    let run = pipeline::run(&compiler, &args.read.workbooks, &options, |_| {});
    if args.format == Format::Json {
        return check_json(&run);
    }
    let mut ok = true;
    for workbook in &run.workbooks {
        let path = &workbook.path;
        let batch = match &workbook.outcome {
            Ok(batch) => batch,
            Err(error) => {
                eprintln!("错误: {error}");
                ok = false;
                continue;
            }
        };
        let errors = report_batch(path, batch, usize::MAX);
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

/// Writes every problem of a run as JSON; exits like `check`.
fn check_json(run: &Run) -> Result<bool> {
    let mut found: Vec<(String, Option<&str>, Diagnostic)> = Vec::new();
    for workbook in &run.workbooks {
        let file = workbook.path.display().to_string();
        match &workbook.outcome {
            Err(error) => found.push((file, None, Diagnostic::error(None, error.to_string()))),
            Ok(batch) => {
                for (report, compiled) in batch.batch.reports.iter().zip(&batch.compiled) {
                    for d in &compiled.diagnostics {
                        found.push((file.clone(), report.region.as_deref(), d.clone()));
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
