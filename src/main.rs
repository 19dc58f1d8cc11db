//! The `briefing` command line: reads a workbook, checks it, and writes the
//! PDF briefing and the summary workbook.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use briefing::diagnostic::{self, Diagnostic};
use briefing::model::{Briefing, ReadOptions};
use briefing::typeset::{self, BUILTIN_TEMPLATES, Fonts, TemplateSource};
use briefing::wording::Document;
use briefing::workbook::Workbook;
use briefing::{output, summary};
use clap::{Parser, Subcommand};

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

#[derive(clap::Args)]
struct FontsArgs {
    /// 另外查找字体的文件夹（可写多次）
    #[arg(long = "font-path", value_name = "DIR")]
    font_paths: Vec<PathBuf>,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// 工作簿文件（.xlsx、.xlsm、.xls、.xlsb、.ods）
    workbook: PathBuf,
    /// 输出格式：text（给人看）或 json（给程序读，写到标准输出）
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// 保留文字原样，不统一标点、数字和空格
    #[arg(long)]
    no_normalize: bool,
}

#[derive(clap::Args)]
struct CompileArgs {
    /// 工作簿文件（.xlsx、.xlsm、.xls、.xlsb、.ods）
    workbook: PathBuf,
    /// 保留文字原样，不统一标点、数字和空格
    #[arg(long)]
    no_normalize: bool,
    /// 模板：内置模板名（如 default），或 .typ 文件、含 main.typ 的文件夹的路径；
    /// 不写时用工作簿“报告”表中的“模板”，再不写用 default
    #[arg(long, short)]
    template: Option<String>,
    /// 输出文件夹；默认是工作簿所在文件夹下的 out/
    #[arg(long, short)]
    out: Option<PathBuf>,
    /// 另外查找字体的文件夹（可写多次）
    #[arg(long = "font-path", value_name = "DIR")]
    font_paths: Vec<PathBuf>,
    /// 另外把每一页存成 PNG 图片（<文件名>-1.png、-2.png……）
    #[arg(long)]
    png: bool,
    /// 有字体显示不了的字时只警告，仍然生成文件（缺字处会显示为方框）
    #[arg(long)]
    allow_missing_glyphs: bool,
}

/// How `check` prints what it found.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// Rendered for people, on standard error.
    Text,
    /// A JSON array on standard output.
    Json,
}

/// The exit code for data or template problems (usage errors exit with 2).
const DATA_ERROR: u8 = 1;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Compile(args) => compile(&args),
        Command::Check(args) => check(&args),
        Command::Fonts(args) => {
            print_fonts(&Fonts::new(true, &args.font_paths));
            Ok(())
        }
        Command::Templates => {
            for t in BUILTIN_TEMPLATES {
                println!("{:<10} {}", t.name, t.description);
            }
            Ok(())
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{error:#}");
            ExitCode::from(DATA_ERROR)
        }
    }
}

/// How many warnings `compile` prints before pointing to `check`.
const WARNINGS_SHOWN: usize = 10;

/// Prints diagnostics like a compiler (errors all, warnings up to
/// `max_warnings`), and fails if any is an error.
fn report(
    path: &Path,
    workbook: Option<&Workbook>,
    diagnostics: &[Diagnostic],
    max_warnings: usize,
) -> Result<()> {
    let (errors, warnings): (Vec<&Diagnostic>, Vec<&Diagnostic>) =
        diagnostics.iter().partition(|d| d.is_error());
    let styled = std::io::stderr().is_terminal();
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    for d in &errors {
        let excerpt = d.cell.as_ref().and_then(|c| workbook?.excerpt(c));
        eprintln!(
            "{}\n",
            diagnostic::render(d, &file, excerpt.as_ref(), styled)
        );
    }
    // When warnings are capped (compile), each takes one line; `check`
    // shows them in full.
    for d in warnings.iter().take(max_warnings) {
        if max_warnings == usize::MAX {
            let excerpt = d.cell.as_ref().and_then(|c| workbook?.excerpt(c));
            eprintln!(
                "{}\n",
                diagnostic::render(d, &file, excerpt.as_ref(), styled)
            );
        } else {
            eprintln!("{}", d.headline());
        }
    }
    if warnings.len() > max_warnings {
        eprintln!(
            "还有 {} 条警告没有列出；运行 briefing check {} 查看全部。",
            warnings.len() - max_warnings,
            path.display()
        );
    }
    if !errors.is_empty() {
        bail!(
            "发现 {} 处错误，没有生成任何文件。请按提示修改工作簿后重试。",
            errors.len()
        );
    }
    Ok(())
}

/// A workbook read through every stage before typesetting, with every
/// problem found on the way.
struct Read {
    workbook: Workbook,
    briefing: Briefing,
    /// The worded document, unless there were errors.
    document: Option<Document>,
    diagnostics: Vec<Diagnostic>,
}

/// Reads, checks and words a workbook, collecting every problem.
fn read_all(path: &Path, no_normalize: bool) -> Result<Read, briefing::workbook::ReadError> {
    let workbook = Workbook::open(path)?;
    let options = ReadOptions {
        normalize: !no_normalize,
    };
    let (briefing, mut diagnostics) = Briefing::from_workbook(&workbook, options);
    let (document, more) = Document::new(&briefing);
    diagnostics.extend(more);
    Ok(Read {
        workbook,
        briefing,
        document,
        diagnostics,
    })
}

/// Reads a workbook and prints what was found; fails on any error.
fn read(path: &Path, no_normalize: bool, max_warnings: usize) -> Result<(Read, Document)> {
    let mut read = read_all(path, no_normalize)?;
    report(path, Some(&read.workbook), &read.diagnostics, max_warnings)?;
    let document = read.document.take().context("工作簿无法读取")?;
    Ok((read, document))
}

fn check(args: &CheckArgs) -> Result<()> {
    if args.format == Format::Json {
        return check_json(args);
    }
    read(&args.workbook, args.no_normalize, usize::MAX)?;
    println!("{}：没有发现错误。", args.workbook.display());
    Ok(())
}

/// One diagnostic as `check --format json` writes it.
#[derive(serde::Serialize)]
struct JsonDiagnostic<'a> {
    /// "error" or "warning".
    severity: &'static str,
    /// The workbook's path.
    file: String,
    /// The sheet, when the problem is at a cell.
    sheet: Option<&'a str>,
    /// The cell in A1 notation, when the problem is at a cell.
    cell: Option<String>,
    message: &'a str,
    hint: Option<&'a str>,
}

/// Checks a workbook and writes every problem as JSON; exits like `check`.
fn check_json(args: &CheckArgs) -> Result<()> {
    let diagnostics = match read_all(&args.workbook, args.no_normalize) {
        Err(error) => vec![Diagnostic::error(None, error.to_string())],
        Ok(read) => read.diagnostics,
    };
    let file = args.workbook.display().to_string();
    let json: Vec<JsonDiagnostic> = diagnostics
        .iter()
        .map(|d| JsonDiagnostic {
            severity: if d.is_error() { "error" } else { "warning" },
            file: file.clone(),
            sheet: d.cell.as_ref().map(|c| c.sheet.as_str()),
            cell: d.cell.as_ref().map(|c| c.a1()),
            message: &d.message,
            hint: d.hint.as_deref(),
        })
        .collect();
    println!("{}", serde_json::to_string_pretty(&json)?);
    if diagnostic::has_errors(&diagnostics) {
        return Err(anyhow::anyhow!(
            "发现 {} 处错误",
            diagnostics.iter().filter(|d| d.is_error()).count()
        ));
    }
    Ok(())
}

fn compile(args: &CompileArgs) -> Result<()> {
    let (
        Read {
            workbook,
            briefing,
            diagnostics,
            ..
        },
        document,
    ) = read(&args.workbook, args.no_normalize, WARNINGS_SHOWN)?;

    let workbook_dir = args.workbook.parent().unwrap_or(Path::new("."));
    let template = match (
        &args.template,
        briefing.report_value("template").filter(|t| !t.is_empty()),
    ) {
        (Some(name), _) => typeset::find_template(name)?,
        // A template named in the workbook is found relative to the workbook.
        (None, Some(name)) if BUILTIN_TEMPLATES.iter().all(|t| t.name != name) => {
            typeset::find_template(&workbook_dir.join(name).to_string_lossy())?
        }
        (None, Some(name)) => typeset::find_template(name)?,
        (None, None) => typeset::find_template(BUILTIN_TEMPLATES[0].name)?,
    };

    let date = briefing.date().or_else(source_date_epoch);
    let fonts = Fonts::new(true, &args.font_paths);
    if let TemplateSource::Builtin(builtin) = &template {
        note_fallbacks(&fonts, builtin.roles);
    }
    let typeset::LaidOut {
        document: laid_out,
        warnings,
    } = typeset::layout(&document, &template, &fonts, date)?;
    for warning in &warnings {
        eprintln!("模板{warning}");
    }
    let missing = missing_glyphs(&workbook, &laid_out, args.allow_missing_glyphs);
    report(&args.workbook, Some(&workbook), &missing, usize::MAX)?;
    // Allowed missing glyphs are warnings like any other, for the 校验 sheet.
    let mut diagnostics = diagnostics;
    diagnostics.extend(missing);
    let pdf = typeset::pdf(&laid_out, date)?;
    let xlsx =
        summary::summary_workbook(&document, &diagnostics, date).context("生成汇总工作簿失败")?;

    let out_dir = args.out.clone().unwrap_or_else(|| workbook_dir.join("out"));
    let stem = args
        .workbook
        .file_stem()
        .context("工作簿文件名无效")?
        .to_string_lossy();
    let pdf_path = out_dir.join(format!("{stem}.pdf"));
    let xlsx_path = out_dir.join(format!("{stem}-汇总.xlsx"));
    for (path, bytes) in [(&pdf_path, &pdf), (&xlsx_path, &xlsx)] {
        if same_file(path, &args.workbook) {
            bail!(
                "输出文件 {} 会覆盖输入的工作簿，请用 --out 换一个输出文件夹",
                path.display()
            );
        }
        output::write_atomic(path, bytes)
            .with_context(|| format!("无法写入 {}", path.display()))?;
    }
    println!(
        "已生成 {}（{} 页）",
        pdf_path.display(),
        laid_out.pages().len()
    );
    println!(
        "已生成 {}（{} 个指标）",
        xlsx_path.display(),
        document.indicators.len()
    );
    if args.png {
        let pages = typeset::png(&laid_out, PNG_PIXELS_PER_POINT).map_err(anyhow::Error::msg)?;
        for (i, page) in pages.iter().enumerate() {
            let path = out_dir.join(format!("{stem}-{}.png", i + 1));
            output::write_atomic(&path, page)
                .with_context(|| format!("无法写入 {}", path.display()))?;
        }
        println!(
            "已生成 {} 张页面预览图 {}-*.png",
            pages.len(),
            out_dir.join(&*stem).display()
        );
    }
    Ok(())
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Pixels per point of the `--png` previews (144 dpi).
const PNG_PIXELS_PER_POINT: f64 = 2.0;

/// Every character that no chosen font can draw, as an error (or a warning
/// when allowed) at each workbook cell that holds it.
fn missing_glyphs(
    workbook: &Workbook,
    laid_out: &typst_layout::PagedDocument,
    allow: bool,
) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for c in typeset::missing_characters(laid_out) {
        let message = format!(
            "字符“{c}”（U+{:04X}）没有字体能够显示，会印成方框",
            c as u32
        );
        let hint = "换用常用字，或用 --font-path 指定含有这个字的字体；确需保留时加 --allow-missing-glyphs";
        let cells = workbook.cells_containing(c);
        let make = |cell| {
            let d = if allow {
                Diagnostic::warning(cell, message.clone())
            } else {
                Diagnostic::error(cell, message.clone())
            };
            d.with_hint(hint)
        };
        if cells.is_empty() {
            diagnostics
                .push(make(None).with_hint(format!("{hint}（这个字来自模板，不在工作簿中）")));
        }
        diagnostics.extend(cells.into_iter().map(|cell| make(Some(cell))));
    }
    diagnostics
}

/// Says which font roles of a template fell back to embedded fonts.
fn note_fallbacks(fonts: &Fonts, roles: &[&str]) {
    let fallen: Vec<&str> = typeset::ROLES
        .iter()
        .zip(fonts.resolve_roles())
        .filter(|(role, resolved)| roles.contains(&role.key) && resolved.fallback)
        .map(|(role, _)| role.name)
        .collect();
    if !fallen.is_empty() {
        eprintln!(
            "提示：本机没有安装{}，已用内置的开源字体代替。运行 briefing fonts 查看详情。",
            fallen.join("、")
        );
    }
}

/// Prints how each font role is filled on this machine.
fn print_fonts(fonts: &Fonts) {
    println!("字体角色（先找本机安装的公文字体，找不到再用内置的开源字体）：");
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
            println!(
                "  {}：未安装 {}，改用 {chosen}{weight}（{origin}）",
                role.name,
                role.preferred.join("、")
            );
        } else {
            println!("  {}：{chosen}（{origin}）", role.name);
        }
    }
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
