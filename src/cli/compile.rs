//! `briefing compile` (and `briefing <workbook>…`, what dropping files onto
//! the program does): one run of the pipeline over the workbooks, then what
//! happened, printed.

use std::io::IsTerminal;
use std::time::Instant;

use anyhow::Result;
use briefing::pipeline::{self, Compiler, Event, Mode, Run, RunOptions};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::args::CompileArgs;
use super::outln;
use super::print::{print_timings, print_written, report_batch, seconds};

/// How many warnings `compile` prints before pointing to `check`.
const WARNINGS_SHOWN: usize = 10;

/// Compiles the workbooks of `args` once; `dropped` when they were given
/// without a command (dropped onto the program), which ends with a short
/// summary. `Ok(false)` when any report, or an overview, failed.
pub fn compile(args: &CompileArgs, dropped: bool) -> Result<bool> {
    let start = Instant::now();
    let compiler = Compiler::new(args.options());
    let run = compile_once(&compiler, args, 0);
    if args.timings {
        eprintln!("总用时 {}", seconds(start.elapsed()));
    }
    let tally = run.tally();
    if dropped {
        // A folder is named only when something was written into it.
        let place = match tally.succeeded {
            0 => Some("，没有生成任何文件".to_string()),
            _ => run
                .batches()
                .next()
                .map(|b| format!("，文件在 {}", b.out_dir.display())),
        };
        outln!(
            "完成：{} 份成功，{} 份失败{}。",
            tally.succeeded,
            tally.failed,
            place.unwrap_or_default()
        );
    }
    // An overview that could not be made is an error too (its template's,
    // say), though every report was written.
    let overview_failed = run.batches().any(|b| b.overview.is_err());
    Ok(tally.failed == 0 && !overview_failed)
}

/// Runs the pipeline over the workbooks of `args` with `compiler`, writing
/// every report, and prints problems and results. A workbook that cannot
/// be read is tried `retries` more times first (for `watch`).
pub fn compile_once(compiler: &Compiler, args: &CompileArgs, retries: u32) -> Run {
    if let Some(jobs) = args.jobs {
        pipeline::limit_threads(jobs.into());
    }
    let options = RunOptions {
        mode: Mode::Write,
        jobs: args
            .jobs
            .map_or_else(|| RunOptions::default().jobs, usize::from),
        retries,
    };
    let progress = ProgressBar::hidden();
    let run = pipeline::run(
        compiler,
        &args.read.workbooks,
        &options,
        |event| match event {
            Event::Read { reports } => show_progress(&progress, args.quiet, reports),
            Event::Done { report, .. } => {
                if let Some(region) = &report.region {
                    progress.set_message(region.clone());
                }
                progress.inc(1);
            }
        },
    );
    progress.finish_and_clear();
    print_run(compiler, &run, args);
    run
}

/// Shows `progress` on a terminal for more than one report.
fn show_progress(progress: &ProgressBar, quiet: bool, reports: usize) {
    if quiet || reports < 2 || !std::io::stderr().is_terminal() {
        return;
    }
    progress.set_length(reports as u64);
    progress.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} 份 {elapsed} {msg}")
            .expect("a valid progress template"),
    );
    progress.set_draw_target(ProgressDrawTarget::stderr());
}

/// Prints what a run of `compile` came to: the template's warnings, each
/// workbook's problems and files, then the totals.
fn print_run(compiler: &Compiler, run: &Run, args: &CompileArgs) {
    for warning in run.template_warnings() {
        eprintln!("模板{warning}");
    }
    let total = run.reports();
    let mut errors_printed = 0;
    for workbook in &run.workbooks {
        let batch = match &workbook.outcome {
            Ok(batch) => batch,
            Err(error) => {
                eprintln!("错误: {error}");
                continue;
            }
        };
        // The result first, then what needs looking at.
        if total == 1 && !args.quiet {
            let names = compiler.output_names(&batch.batch, &batch.batch.reports[0]);
            print_written(&names, &batch.compiled[0]);
        }
        errors_printed += report_batch(&workbook.path, batch, WARNINGS_SHOWN);
        match &batch.overview {
            Ok(overview) if !args.quiet => {
                for file in overview {
                    outln!("已生成总览 {}", file.path.display());
                }
            }
            Ok(_) => {}
            Err(error) => eprintln!("错误: {error}"),
        }
    }
    let fallbacks = run.fallback_roles();
    if !fallbacks.is_empty() {
        eprintln!(
            "提示：本机没有安装{}，已用内置的开源字体代替。运行 briefing fonts 查看详情。",
            fallbacks.join("、")
        );
    }
    let tally = run.tally();
    if let Some(dir) = &args.emit_typst
        && tally.succeeded > 0
        && !args.quiet
    {
        outln!(
            "已把模板和数据写到 {}：可以用 typst compile {}/main.typ --font-path <字体文件夹> 编译",
            dir.display(),
            dir.display()
        );
    }
    // One workbook of one report speaks of files; anything more, of reports.
    if run.workbooks.len() == 1 && total <= 1 {
        if total == 1 && tally.failed > 0 {
            eprintln!("发现 {errors_printed} 处错误，没有生成任何文件。请按提示修改工作簿后重试。");
        }
    } else {
        outln!("{} 份成功，{} 份失败", tally.succeeded, tally.failed);
    }
    if args.timings {
        print_timings(&run.timings);
    }
}
