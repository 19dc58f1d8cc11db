//! The command line's arguments (clap), shared groups first.

use std::path::PathBuf;

use briefing::model::ReadOptions;
use briefing::pipeline::Options;
use briefing::typeset::PdfStandard;
use clap::{Parser, Subcommand};

/// 把 Excel 工作簿编译成中文 PDF 简报和汇总工作簿。
#[derive(Parser)]
#[command(
    name = "briefing",
    version,
    about = "把 Excel 工作簿编译成中文 PDF 简报和汇总工作簿。",
    override_usage = "briefing <命令> [参数]\n       briefing <工作簿>...（直接编译，拖放文件到程序上也是这样）",
    long_about = None
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// 编译工作簿：生成 PDF 简报和汇总工作簿
    Compile(CompileArgs),
    /// 监视工作簿：每次保存（或模板改动）都重新编译，出错时保留上次生成的文件
    Watch(CompileArgs),
    /// 检查工作簿：列出所有错误和警告，不生成文件
    Check(CheckArgs),
    /// 新建一个可以直接编译的示例项目：工作簿、模板和说明
    New(NewArgs),
    /// 列出内置模板
    Templates,
    /// 列出字体角色（标题、宋、仿宋、黑、楷）在本机用的是哪种字体
    Fonts(FontsArgs),
    /// 在浏览器里打开本机页面：拖入工作簿，查看问题、预览页面、下载文件，保存后自动更新
    Serve(ServeArgs),
}

/// How workbooks are read, shared by `compile` and `check`.
#[derive(clap::Args)]
pub struct ReadArgs {
    /// 工作簿文件（.xlsx、.xlsm、.xls、.xlsb、.ods），可以写多个
    #[arg(required = true, value_name = "工作簿")]
    pub workbooks: Vec<PathBuf>,
    /// 按“指标”表中这一列的每个值（如 地区）分别生成一份报告；这一列为空的指标属于每份报告
    #[arg(long, value_name = "列名")]
    pub per: Option<String>,
    /// 保留文字原样，不统一标点、数字和空格
    #[arg(long)]
    pub no_normalize: bool,
    /// 统计局的数据文件（可写多次，代替“报告”中的“数据”）：用报告期最新的一个，其余作为往期
    #[arg(long, value_name = "FILE")]
    pub data: Vec<PathBuf>,
}

impl ReadArgs {
    /// How the library reads the workbooks.
    pub fn options(&self) -> ReadOptions {
        ReadOptions {
            normalize: !self.no_normalize,
            per: self.per.clone(),
            data: self.data.clone(),
            data_within: None,
        }
    }
}

#[derive(clap::Args)]
pub struct FontsArgs {
    /// 另外查找字体的文件夹（可写多次）
    #[arg(long = "font-path", value_name = "DIR")]
    pub font_paths: Vec<PathBuf>,
}

/// The template and the fonts, shared by `compile` and `check` (which
/// needs them to find characters no font can draw).
#[derive(clap::Args)]
pub struct TemplateArgs {
    /// 模板：内置模板名（如 default），或 .typ 文件、含 main.typ 的文件夹的路径；
    /// 不写时用工作簿“报告”表中的“模板”，再不写用 default
    #[arg(long, short)]
    pub template: Option<String>,
    #[command(flatten)]
    pub fonts: FontsArgs,
}

#[derive(clap::Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub read: ReadArgs,
    #[command(flatten)]
    pub template: TemplateArgs,
    /// 输出格式：text（给人看）或 json（给程序读，写到标准输出）
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

#[derive(clap::Args)]
pub struct CompileArgs {
    #[command(flatten)]
    pub read: ReadArgs,
    #[command(flatten)]
    pub template: TemplateArgs,
    /// 输出文件夹；默认是工作簿所在文件夹下的 out/
    #[arg(long, short)]
    pub out: Option<PathBuf>,
    /// 另外把每一页存成 PNG 图片（<文件名>-1.png、-2.png……）
    #[arg(long)]
    pub png: bool,
    /// 另外生成可编辑的 Word 文件（<文件名>.docx），版式同所用模板；报告表的“Word”写“是”时也会生成
    #[arg(long)]
    pub docx: bool,
    /// 有字体显示不了的字时只警告，仍然生成文件（缺字处会显示为方框）
    #[arg(long)]
    pub allow_missing_glyphs: bool,
    /// PDF 遵循的标准：a-2b（PDF/A-2b，存档）、a-3b、ua-1（PDF/UA-1，无障碍）、1.7（普通 PDF）；
    /// 可写多个，用逗号分开；默认 a-2b,ua-1
    #[arg(long, value_enum, value_delimiter = ',', value_name = "标准")]
    pub pdf_standard: Vec<StandardArg>,
    /// 最多用几个处理器核心（同时编译几份报告）；默认用上全部处理器核心
    #[arg(long, short, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// 不显示进度条和生成的文件，只报告问题
    #[arg(long, short)]
    pub quiet: bool,
    /// 列出每个阶段（读取、检查、措辞、字体、排版、PDF、汇总表、写文件）的耗时
    #[arg(long)]
    pub timings: bool,
    /// 另外把模板和数据（JSON）写到这个文件夹，可以用 typst compile 文件夹/main.typ 编译出同样的文档
    #[arg(long, value_name = "DIR")]
    pub emit_typst: Option<PathBuf>,
}

impl CompileArgs {
    /// The library's options for these arguments.
    pub fn options(&self) -> Options {
        Options {
            out_dir: self.out.clone(),
            png: self.png,
            docx: self.docx,
            allow_missing_glyphs: self.allow_missing_glyphs,
            fallback_date: Some(compile_date()),
            pdf_standards: match self.pdf_standard.as_slice() {
                [] => PdfStandard::DEFAULT.to_vec(),
                chosen => chosen.iter().map(|&s| s.into()).collect(),
            },
            emit_typst: self.emit_typst.clone(),
            ..self.template.options(&self.read)
        }
    }
}

impl CheckArgs {
    /// The library's options for these arguments.
    pub fn options(&self) -> Options {
        self.template.options(&self.read)
    }
}

impl TemplateArgs {
    /// The library's options for reading as `read` says with this template
    /// and these fonts; the rest as by default.
    fn options(&self, read: &ReadArgs) -> Options {
        Options {
            read: read.options(),
            template: self.template.clone(),
            font_paths: self.fonts.font_paths.clone(),
            ..Options::default()
        }
    }
}

#[derive(clap::Args)]
pub struct ServeArgs {
    /// 页面上列出这个文件夹里的工作簿（打开后每次保存都自动更新）；默认是当前文件夹
    #[arg(value_name = "文件夹", default_value = ".")]
    pub folder: PathBuf,
    /// 端口；不写时用 3120，被占用时自动换一个空闲端口
    #[arg(long, value_name = "N")]
    pub port: Option<u16>,
    /// 不自动打开浏览器
    #[arg(long)]
    pub no_open: bool,
    #[command(flatten)]
    pub fonts: FontsArgs,
}

impl ServeArgs {
    /// How the page's compiles are made, before what is chosen on it.
    pub fn options(&self) -> Options {
        Options {
            fallback_date: Some(compile_date()),
            font_paths: self.fonts.font_paths.clone(),
            // The Word copy is always offered for download.
            docx: true,
            ..Options::default()
        }
    }
}

#[derive(clap::Args)]
pub struct NewArgs {
    /// 新项目的文件夹（不能已有内容）
    #[arg(value_name = "文件夹")]
    pub folder: PathBuf,
}

/// A PDF standard as `--pdf-standard` names it.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StandardArg {
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
pub enum Format {
    /// Rendered for people, on standard error.
    Text,
    /// A JSON array on standard output.
    Json,
}

/// The date of reports whose 报告 gives none: SOURCE_DATE_EPOCH, else
/// the time of this run.
fn compile_date() -> chrono::NaiveDateTime {
    source_date_epoch().unwrap_or_else(now)
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
