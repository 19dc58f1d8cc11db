//! `briefing compile` (and `briefing <workbook>…`, what dropping files onto
//! the program does): compile every report of the workbooks in parallel,
//! write each report's files as a set, and print what happened.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Result;
use briefing::compile::{Batch, Compiled, Compiler, Timings};
use briefing::diagnostic::Diagnostic;
use briefing::output;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::args::CompileArgs;
use super::print::{Tally, print_written, report_batch};
use super::{outln, read_all_retrying};

/// How many warnings `compile` prints before pointing to `check`.
const WARNINGS_SHOWN: usize = 10;

/// What one compile of the workbooks came to.
pub struct Outcome {
    /// Reports written, and reports (or workbooks) that failed.
    pub tally: Tally,
    /// The folders the reports' templates come from, for watching them.
    pub template_folders: Vec<PathBuf>,
    /// The folders the reports were written to.
    pub out_dirs: Vec<PathBuf>,
}

/// Compiles the workbooks of `args` once; `dropped` when they were given
/// without a command (dropped onto the program), which ends with a short
/// summary. `Ok(false)` when any report failed.
pub fn compile(args: &CompileArgs, dropped: bool) -> Result<bool> {
    let start = Instant::now();
    let compiler = Compiler::new(args.options());
    let outcome = compile_once(&compiler, args, 0);
    if args.timings {
        eprintln!("总用时 {}", seconds(start.elapsed()));
    }
    if dropped {
        let place = outcome
            .out_dirs
            .first()
            .map(|o| format!("，文件在 {}", o.display()));
        outln!(
            "完成：{} 份成功，{} 份失败{}。",
            outcome.tally.succeeded,
            outcome.tally.failed,
            place.unwrap_or_default()
        );
    }
    Ok(outcome.tally.failed == 0)
}

/// Reads, compiles and writes every report of the workbooks of `args` with
/// `compiler`, printing problems and results. A workbook that cannot be
/// read is tried `retries` more times first (for `watch`).
pub fn compile_once(compiler: &Compiler, args: &CompileArgs, retries: u32) -> Outcome {
    // The embedded fonts load while the workbooks are read.
    let (fonts, batches) = rayon::join(
        || compiler.preload_fonts(),
        || read_all_retrying(&args.read.workbooks, &compiler.options().read, retries),
    );
    let mut timings = Timings {
        fonts,
        ..Timings::default()
    };
    let total: usize = batches
        .iter()
        .map(|(_, b)| b.as_ref().map_or(0, |b| b.reports.len()))
        .sum();
    let progress = progress_bar(args.quiet, total);
    let readable: Vec<&Batch> = batches
        .iter()
        .filter_map(|(_, b)| b.as_ref().ok())
        .collect();
    let jobs = args
        .jobs
        .map(usize::from)
        .or_else(|| std::thread::available_parallelism().ok().map(usize::from))
        .unwrap_or(1);
    let mut compiled = compiler
        .compile_all(&readable, jobs, |_, report, mut compiled| {
            let start = Instant::now();
            if compiled.succeeded()
                && let Err(error) = output::write_set(&compiled.artifacts)
            {
                compiled
                    .diagnostics
                    .push(Diagnostic::error(None, error.to_string()));
            }
            compiled.timings.write += start.elapsed();
            // Keep the paths for the summary, not the bytes and pages.
            for artifact in &mut compiled.artifacts {
                artifact.bytes = Vec::new();
            }
            compiled.laid_out = None;
            if let Some(region) = &report.region {
                progress.set_message(region.clone());
            }
            progress.inc(1);
            compiled
        })
        .into_iter();
    let results: Vec<Vec<Compiled>> = batches
        .iter()
        .map(|(_, b)| match b {
            Ok(_) => compiled.next().unwrap_or_default(),
            Err(_) => Vec::new(),
        })
        .collect();
    progress.finish_and_clear();

    let mut tally = Tally::default();
    let mut errors_printed = 0;
    let mut fallbacks: Vec<&str> = Vec::new();
    let mut template_warnings: Vec<&str> = Vec::new();
    let mut template_folders = Vec::new();
    let mut out_dirs = Vec::new();
    for ((path, batch), compiled) in batches.iter().zip(&results) {
        let batch = match batch {
            Ok(batch) => batch,
            Err(error) => {
                eprintln!("错误: {error}");
                tally.failed += 1;
                continue;
            }
        };
        timings += batch.timings;
        template_folders.extend(compiler.template_folder(batch));
        out_dirs.push(compiler.out_dir(batch));
        for c in compiled {
            timings += c.timings;
            for warning in &c.template_warnings {
                if !template_warnings.contains(&warning.as_str()) {
                    eprintln!("模板{warning}");
                    template_warnings.push(warning);
                }
            }
            for role in &c.fallback_roles {
                if !fallbacks.contains(role) {
                    fallbacks.push(role);
                }
            }
        }
        errors_printed += report_batch(path, batch, compiled, WARNINGS_SHOWN);
        if total == 1 && !args.quiet {
            print_written(&compiled[0]);
        }
        let outcomes: Vec<_> = compiled.iter().map(Compiled::status).collect();
        if let Some(overview) = compiler.overview(batch, &outcomes) {
            match overview.map(|o| (output::write_set(std::slice::from_ref(&o)), o.path)) {
                Ok((Ok(()), path)) if !args.quiet => outln!("已生成总览 {}", path.display()),
                Ok((Ok(()), _)) => {}
                Ok((Err(error), _)) => eprintln!("错误: {error}"),
                Err(error) => eprintln!("{}", error.headline()),
            }
        }
        for c in compiled {
            tally.count(c.succeeded());
        }
    }
    if !fallbacks.is_empty() {
        eprintln!(
            "提示：本机没有安装{}，已用内置的开源字体代替。运行 briefing fonts 查看详情。",
            fallbacks.join("、")
        );
    }
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
    if batches.len() == 1 && total <= 1 {
        if total == 1 && tally.failed > 0 {
            eprintln!("发现 {errors_printed} 处错误，没有生成任何文件。请按提示修改工作簿后重试。");
        }
    } else {
        outln!("{} 份成功，{} 份失败", tally.succeeded, tally.failed);
    }
    if args.timings {
        print_timings(&timings);
    }
    Outcome {
        tally,
        template_folders,
        out_dirs,
    }
}

/// A progress bar on a terminal for more than one report, else nothing.
fn progress_bar(quiet: bool, total: usize) -> ProgressBar {
    if quiet || total < 2 || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} 份 {elapsed} {msg}")
            .expect("a valid progress template"),
    );
    bar
}

/// Prints the time of each stage (summed over the reports).
fn print_timings(timings: &Timings) {
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
fn seconds(d: Duration) -> String {
    if d < Duration::from_secs(1) {
        format!("{:.1} 毫秒", d.as_secs_f64() * 1000.0)
    } else {
        format!("{:.2} 秒", d.as_secs_f64())
    }
}
