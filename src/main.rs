//! The `briefing` command line: parses arguments, calls the library's
//! pipeline ([`briefing::compile`]) and prints what happened.

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use briefing::compile::{self, Batch, Compiled, Compiler, Options};
use briefing::diagnostic::{self, Diagnostic, Severity};
use briefing::model::ReadOptions;
use briefing::output;
use briefing::typeset::{self, BUILTIN_TEMPLATES, Fonts, PdfStandard};
use briefing::workbook::{self, ReadError, Workbook};

/// 把 Excel 工作簿编译成中文 PDF 简报和汇总工作簿。
#[derive(Parser)]
#[command(name = "briefing", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 编译工作簿：生成 PDF 简报和汇总工作簿
    Compile(CompileArgs),
    /// 检查工作簿：列出所有错误和警告，不生成文件
    Check(CheckArgs),
    /// 列出内置模板
    Templates,
    /// 列出字体角色（标题、宋、仿宋、黑、楷）在本机用的是哪种字体
    Fonts(FontsArgs),
}

/// How workbooks are read, shared by `compile` and `check`.
#[derive(clap::Args)]
struct ReadArgs {
    /// 工作簿文件（.xlsx、.xlsm、.xls、.xlsb、.ods），可以写多个
    #[arg(required = true, value_name = "工作簿")]
    workbooks: Vec<PathBuf>,
    /// 按“指标”表中这一列的每个值（如 地区）分别生成一份报告；这一列为空的指标属于每份报告
    #[arg(long, value_name = "列名")]
    per: Option<String>,
    /// 保留文字原样，不统一标点、数字和空格
    #[arg(long)]
    no_normalize: bool,
}

impl ReadArgs {
    fn options(&self) -> ReadOptions {
        ReadOptions {
            normalize: !self.no_normalize,
            per: self.per.clone(),
        }
    }
}

#[derive(clap::Args)]
struct FontsArgs {
    /// 另外查找字体的文件夹（可写多次）
    #[arg(long = "font-path", value_name = "DIR")]
    font_paths: Vec<PathBuf>,
}

#[derive(clap::Args)]
struct CheckArgs {
    #[command(flatten)]
    read: ReadArgs,
    /// 输出格式：text（给人看）或 json（给程序读，写到标准输出）
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

#[derive(clap::Args)]
struct CompileArgs {
    #[command(flatten)]
    read: ReadArgs,
    /// 模板：内置模板名（如 default），或 .typ 文件、含 main.typ 的文件夹的路径；
    /// 不写时用工作簿“报告”表中的“模板”，再不写用 default
    #[arg(long, short)]
    template: Option<String>,
    /// 输出文件夹；默认是工作簿所在文件夹下的 out/
    #[arg(long, short)]
    out: Option<PathBuf>,
    #[command(flatten)]
    fonts: FontsArgs,
    /// 另外把每一页存成 PNG 图片（<文件名>-1.png、-2.png……）
    #[arg(long)]
    png: bool,
    /// 有字体显示不了的字时只警告，仍然生成文件（缺字处会显示为方框）
    #[arg(long)]
    allow_missing_glyphs: bool,
    /// PDF 遵循的标准：a-2b（PDF/A-2b，存档）、a-3b、ua-1（PDF/UA-1，无障碍）、1.7（普通 PDF）；
    /// 可写多个，用逗号分开；默认 a-2b,ua-1
    #[arg(long, value_enum, value_delimiter = ',', value_name = "标准")]
    pdf_standard: Vec<StandardArg>,
    /// 同时编译几份报告；默认用上全部处理器核心
    #[arg(long, short, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    /// 不显示进度条和生成的文件，只报告问题
    #[arg(long, short)]
    quiet: bool,
}

/// A PDF standard as `--pdf-standard` names it.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum StandardArg {
    /// PDF 1.7
    #[value(name = "1.7")]
    V1_7,
    /// PDF/A-2b
    #[value(name = "a-2b")]
    A2b,
    /// PDF/A-3b
    #[value(name = "a-3b")]
    A3b,
    /// PDF/UA-1
    #[value(name = "ua-1")]
    Ua1,
}

impl From<StandardArg> for PdfStandard {
    fn from(arg: StandardArg) -> Self {
        match arg {
            StandardArg::V1_7 => PdfStandard::V1_7,
            StandardArg::A2b => PdfStandard::A2b,
            StandardArg::A3b => PdfStandard::A3b,
            StandardArg::Ua1 => PdfStandard::Ua1,
        }
    }
}

/// How `check` prints what it found.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// Rendered for people, on standard error.
    Text,
    /// A JSON array on standard output.
    Json,
}

// Reports compile in parallel; mimalloc keeps the threads from waiting on
// each other for memory as the system allocator makes them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The exit code for data or template problems (usage errors exit with 2).
const DATA_ERROR: u8 = 1;

/// Writes a line to standard output; a closed pipe (`briefing … | head`)
/// ends the program quietly, as ripgrep and cargo do.
macro_rules! outln {
    ($($arg:tt)*) => {{
        let mut out = std::io::stdout().lock();
        if let Err(error) = writeln!(out, $($arg)*) {
            if error.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
        }
    }};
}

fn main() -> ExitCode {
    // A damaged workbook can make the reader panic; the library catches
    // that and reports a damaged file, so the panic itself is not shown.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !workbook::panic_is_caught() {
            default_hook(info)
        }
    }));

    let cli = Cli::parse();
    let result = match cli.command {
        Command::Compile(args) => compile(&args),
        Command::Check(args) => check(&args),
        Command::Fonts(args) => {
            print_fonts(&Fonts::new(true, &args.font_paths));
            Ok(true)
        }
        Command::Templates => {
            for t in BUILTIN_TEMPLATES {
                outln!("{:<10} {}", t.name, t.description);
            }
            Ok(true)
        }
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(DATA_ERROR),
        Err(error) => {
            eprintln!("{error:#}");
            ExitCode::from(DATA_ERROR)
        }
    }
}

/// How many warnings `compile` prints before pointing to `check`.
const WARNINGS_SHOWN: usize = 10;

/// One workbook as read: its batch of reports, or why it could not be read.
type Read = (PathBuf, Result<Batch, ReadError>);

/// Reads every workbook, in parallel.
fn read_all(paths: &[PathBuf], options: &ReadOptions) -> Vec<Read> {
    paths
        .par_iter()
        .map(|path| (path.clone(), compile::read(path, options)))
        .collect()
}

fn compile(args: &CompileArgs) -> Result<bool> {
    let options = Options {
        read: args.read.options(),
        template: args.template.clone(),
        out_dir: args.out.clone(),
        png: args.png,
        allow_missing_glyphs: args.allow_missing_glyphs,
        fallback_date: Some(source_date_epoch().unwrap_or_else(now)),
        pdf_standards: match args.pdf_standard.as_slice() {
            [] => PdfStandard::DEFAULT.to_vec(),
            chosen => chosen.iter().map(|&s| s.into()).collect(),
        },
    };
    let compiler = Compiler::new(Fonts::new(true, &args.fonts.font_paths), options);
    let batches = read_all(&args.read.workbooks, &compiler.options().read);
    let total: usize = batches
        .iter()
        .map(|(_, b)| b.as_ref().map_or(0, |b| b.reports.len()))
        .sum();
    let progress = if args.quiet || total < 2 || !std::io::stderr().is_terminal() {
        ProgressBar::hidden()
    } else {
        let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{bar:30} {pos}/{len} 份 {elapsed} {msg}")
                .expect("a valid progress template"),
        );
        bar
    };
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
            if compiled.succeeded()
                && let Err(error) = output::write_set(&compiled.artifacts)
            {
                compiled
                    .diagnostics
                    .push(Diagnostic::error(None, error.to_string()));
            }
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
    for ((path, batch), compiled) in batches.iter().zip(&results) {
        let batch = match batch {
            Ok(batch) => batch,
            Err(error) => {
                eprintln!("错误: {error}");
                tally.failed += 1;
                continue;
            }
        };
        for c in compiled {
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
    // One workbook of one report speaks of files; anything more, of reports.
    if batches.len() == 1 && total <= 1 {
        if total == 1 && tally.failed > 0 {
            eprintln!("发现 {errors_printed} 处错误，没有生成任何文件。请按提示修改工作簿后重试。");
        }
    } else {
        outln!("{} 份成功，{} 份失败", tally.succeeded, tally.failed);
    }
    Ok(tally.failed == 0)
}

/// How many reports compiled and how many failed.
#[derive(Default)]
struct Tally {
    succeeded: usize,
    failed: usize,
}

impl Tally {
    fn count(&mut self, succeeded: bool) {
        if succeeded {
            self.succeeded += 1;
        } else {
            self.failed += 1;
        }
    }
}

/// Prints the files one report was written to.
fn print_written(compiled: &Compiled) {
    if !compiled.succeeded() {
        return;
    }
    let mut artifacts = compiled.artifacts.iter();
    if let (Some(pdf), Some(xlsx)) = (artifacts.next(), artifacts.next()) {
        outln!("已生成 {}（{} 页）", pdf.path.display(), compiled.pages);
        outln!(
            "已生成 {}（{} 个指标）",
            xlsx.path.display(),
            compiled.indicators
        );
    }
    let pngs: Vec<_> = artifacts.collect();
    if let Some(first) = pngs.first() {
        let pattern = first.path.to_string_lossy().replace("-1.png", "-*.png");
        outln!("已生成 {} 张页面预览图 {pattern}", pngs.len());
    }
}

/// Prints the problems of a batch like a compiler: errors in full, up to
/// `max_warnings` warnings (one line each unless all are shown). A problem
/// shared by every report of the batch is shown once; one that concerns
/// some regions only is shown under each of them.
fn report_batch(path: &Path, batch: &Batch, compiled: &[Compiled], max_warnings: usize) -> usize {
    let per_report: Vec<(Option<&str>, &[Diagnostic])> = batch
        .reports
        .iter()
        .zip(compiled)
        .map(|(r, c)| (r.region.as_deref(), c.diagnostics.as_slice()))
        .collect();
    print_diagnostics(path, &batch.workbook, &per_report, max_warnings)
}

/// See [`report_batch`]; `per_report` holds each report's region and
/// diagnostics. Returns how many errors were printed.
fn print_diagnostics(
    path: &Path,
    workbook: &Workbook,
    per_report: &[(Option<&str>, &[Diagnostic])],
    max_warnings: usize,
) -> usize {
    let mut reports_with: HashMap<&Diagnostic, usize> = HashMap::new();
    for (_, diagnostics) in per_report {
        for d in diagnostics.iter() {
            *reports_with.entry(d).or_default() += 1;
        }
    }
    let shared = |d: &Diagnostic| reports_with.get(d) == Some(&per_report.len());
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
    // Shared problems first, once; then each report's own.
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
    let mut warnings_left = max_warnings;
    let mut warnings_hidden = 0;
    let mut errors = 0;
    for (region, diagnostics) in &groups {
        for d in diagnostics.iter().filter(|d| d.is_error()) {
            full(d, *region);
            errors += 1;
        }
        for d in diagnostics.iter().filter(|d| !d.is_error()) {
            if warnings_left == 0 {
                warnings_hidden += 1;
            } else if max_warnings == usize::MAX {
                full(d, *region);
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
    errors
}

fn check(args: &CheckArgs) -> Result<bool> {
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

/// Prints how each font role is filled on this machine.
fn print_fonts(fonts: &Fonts) {
    outln!("字体角色（先找本机安装的公文字体，找不到再用内置的开源字体）：");
    for (role, resolved) in typeset::ROLES.iter().zip(fonts.resolve_roles()) {
        let chosen = &resolved.family[0];
        let origin = match fonts.role_origin(&resolved) {
            Some(typeset::fonts::Origin::File(path)) => path.display().to_string(),
            Some(typeset::fonts::Origin::Embedded(file)) => format!("内置 {file}"),
            None => "未找到".to_string(),
        };
        let weight = if resolved.weight == "bold" {
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

/// The time of this run, in UTC.
fn now() -> chrono::NaiveDateTime {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    chrono::DateTime::from_timestamp(seconds, 0)
        .unwrap_or_default()
        .naive_utc()
}

/// The time given by SOURCE_DATE_EPOCH, for reproducible builds.
fn source_date_epoch() -> Option<chrono::NaiveDateTime> {
    let seconds: i64 = std::env::var("SOURCE_DATE_EPOCH")
        .ok()?
        .trim()
        .parse()
        .ok()?;
    chrono::DateTime::from_timestamp(seconds, 0).map(|d| d.naive_utc())
}
