//! A new project to start from (`briefing new`), in the shape of a
//! monthly briefing: a briefing workbook (报告 and 正文) that names its
//! data by a pattern, a sample data file in the bureau's layout beside it
//! (a title row, 本月 and 1-N月 period groups, 其中 rows, a footnote),
//! the default template copied for customising, and a short README in
//! Chinese. It compiles as made, and again each month when the bureau's
//! new file is put in the folder.

use std::path::Path;

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};

use crate::model::vocabulary::{BODY_SHEET, REPORT_SHEET};
use crate::model::{Column, ReportKey};
use crate::output::{Artifact, ArtifactKind};
use crate::typeset::BUILTIN_TEMPLATES;

/// The briefing workbook's file name in a new project.
pub const WORKBOOK: &str = "简析.xlsx";
/// The sample data file's name, which the briefing's 数据 matches.
pub const DATA_FILE: &str = "统计月报2024年6月.xlsx";
/// The folder the template is copied to, named in the workbook's 模板.
pub const TEMPLATE_DIR: &str = "模板";

/// The 报告 sheet: key, value. No 报告期: it comes from the data.
const REPORT: &[(ReportKey, &str)] = &[
    (
        ReportKey::Title,
        "{报告期:年}年{报告期:累计}××县经济运行简析",
    ),
    (ReportKey::Publisher, "××县统计局"),
    (ReportKey::Data, "统计月报*.xlsx"),
    (ReportKey::Issue, "{报告期:年}年第{报告期:月}期"),
    (ReportKey::AutoCharts, "否"),
    (ReportKey::Template, TEMPLATE_DIR),
];

/// The 正文 sheet: chapter, section, paragraph, citing the data file's
/// rows by the names its table prints.
const BODY: &[(&str, &str, &str)] = &[
    (
        "工业生产",
        "",
        "{报告期:累计}，全县规模以上工业增加值同比{规模以上工业增加值:同比}，其中制造业增加值同比{制造业:同比}。",
    ),
    (
        "投资和消费",
        "",
        "全县固定资产投资同比{固定资产投资:同比}，其中民间投资同比{民间投资:同比}。",
    ),
    (
        "",
        "",
        "全县社会消费品零售总额{社会消费品零售总额}，同比{社会消费品零售总额:同比}；其中{报告期:月}月份{本月/社会消费品零售总额}，同比{本月/社会消费品零售总额:同比}。",
    ),
    (
        "财政收入",
        "",
        "全县一般公共预算收入{一般公共预算收入}，同比{一般公共预算收入:同比}。",
    ),
];

/// A row of the sample data file: name (其中 rows as the bureau writes
/// them), unit, then 本月 绝对值 and 增长%, 1-N月 绝对值 and 增长%
/// (`None` printed as "—").
type DataRow = (&'static str, &'static str, [Option<f64>; 4]);

/// The sample data file's rows.
const DATA: &[DataRow] = &[
    (
        "规模以上工业增加值",
        "%",
        [None, Some(6.8), None, Some(7.2)],
    ),
    ("  其中：制造业", "%", [None, Some(7.5), None, Some(8.0)]),
    ("固定资产投资", "%", [None, None, None, Some(4.5)]),
    ("  其中：民间投资", "%", [None, None, None, Some(-2.1)]),
    (
        "社会消费品零售总额",
        "万元",
        [Some(52_300.0), Some(5.1), Some(301_200.0), Some(4.6)],
    ),
    (
        "一般公共预算收入",
        "万元",
        [Some(8_650.0), Some(3.2), Some(61_230.0), Some(6.4)],
    ),
];

/// The README of a new project.
const README: &str = "# 经济运行简析\n\n\
这个文件夹由 `briefing new` 生成，可以直接编译。\n\n\
**每月：把统计局的新文件放进这个文件夹，运行 `briefing 简析.xlsx`。**\n\n\
- 新文件原样放进来，文件名以“统计月报”开头（如 `统计月报2024年7月.xlsx`），不用打开，不用复制粘贴。\
旧的文件留着：有上个月的文件时，`{规模以上工业增加值:比较}` 写出“比1—5月份……”。\n\
- 报告期、期号和文件名都跟着数据走：生成 `out/简析-2024年6月.pdf`，上个月的 PDF 不会被覆盖。\n\
- `统计月报2024年6月.xlsx` 是样例数据，换成统计局发来的文件即可。\n\
- `简析.xlsx` 的“正文”用统计局表格里印的指标名称写占位符，如 `{规模以上工业增加值:同比}`。\n\
- `模板/` 是内置 default 模板的副本，可以按需要修改版式。\n\n\
所有写法见 briefing 的 docs/workbook.md（“每月怎么做”一节）。\n";

/// The files of a new project in `folder`: the briefing workbook, the
/// sample data file, the default template copied into `模板/`, and a
/// README. Nothing is written.
///
/// # Errors
///
/// An [`XlsxError`] if the workbooks cannot be made (not expected: their
/// contents are fixed).
pub fn new_project(folder: &Path) -> Result<Vec<Artifact>, XlsxError> {
    let template = &BUILTIN_TEMPLATES[0];
    let mut files = vec![
        Artifact {
            kind: ArtifactKind::Project,
            path: folder.join(WORKBOOK),
            bytes: workbook()?,
        },
        Artifact {
            kind: ArtifactKind::Project,
            path: folder.join(DATA_FILE),
            bytes: data_workbook()?,
        },
        Artifact {
            kind: ArtifactKind::Project,
            path: folder.join("README.md"),
            bytes: README.as_bytes().to_vec(),
        },
    ];
    for (path, bytes) in template.files {
        files.push(Artifact {
            kind: ArtifactKind::Project,
            path: folder.join(TEMPLATE_DIR).join(path),
            bytes: bytes.to_vec(),
        });
    }
    Ok(files)
}

/// The briefing workbook: 报告 and 正文.
fn workbook() -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let header = Format::new().set_bold().set_background_color("D9E1F2");
    let wrap = Format::new().set_text_wrap();

    let report = workbook.add_worksheet();
    report.set_name(REPORT_SHEET[0])?;
    let columns = [Column::Key, Column::Content].map(Column::chinese);
    report.write_row_with_format(0, 0, columns, &header)?;
    for (row, (key, value)) in REPORT.iter().enumerate() {
        report.write_string(row as u32 + 1, 0, key.chinese())?;
        report.write_string_with_format(row as u32 + 1, 1, *value, &wrap)?;
    }
    report.set_column_width(0, 12)?;
    report.set_column_width(1, 60)?;

    let body = workbook.add_worksheet();
    body.set_name(BODY_SHEET[0])?;
    let columns = [Column::Chapter, Column::Section, Column::Paragraph].map(Column::chinese);
    body.write_row_with_format(0, 0, columns, &header)?;
    for (row, (chapter, section, text)) in BODY.iter().enumerate() {
        let row = row as u32 + 1;
        body.write_string(row, 0, *chapter)?;
        body.write_string(row, 1, *section)?;
        body.write_string_with_format(row, 2, *text, &wrap)?;
    }
    body.set_column_width(0, 12)?;
    body.set_column_width(1, 12)?;
    body.set_column_width(2, 90)?;
    body.set_freeze_panes(1, 0)?;

    crate::summary::save(&mut workbook)
}

/// The sample data file, laid out as a county bureau's monthly table: a
/// title merged across, a two-row header of period groups over 绝对值
/// and 比上年同期增长%, 其中 rows, "—" for no figure, a footnote.
fn data_workbook() -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("主要指标")?;
    let title = Format::new()
        .set_bold()
        .set_font_size(14)
        .set_align(FormatAlign::Center);
    let head = Format::new()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin);
    let name = Format::new().set_border(FormatBorder::Thin);
    let one = Format::new()
        .set_num_format("0.0")
        .set_border(FormatBorder::Thin);
    let whole = Format::new()
        .set_num_format("0")
        .set_border(FormatBorder::Thin);
    let none = Format::new()
        .set_align(FormatAlign::Center)
        .set_border(FormatBorder::Thin);
    sheet.merge_range(0, 0, 0, 5, "2024年1-6月××县主要经济指标", &title)?;
    sheet.merge_range(1, 0, 2, 0, "指标名称", &head)?;
    sheet.merge_range(1, 1, 2, 1, "计量单位", &head)?;
    sheet.merge_range(1, 2, 1, 3, "6月", &head)?;
    sheet.merge_range(1, 4, 1, 5, "1-6月", &head)?;
    for (col, text) in ["绝对值", "比上年同期增长%", "绝对值", "比上年同期增长%"]
        .into_iter()
        .enumerate()
    {
        sheet.write_string_with_format(2, col as u16 + 2, text, &head)?;
    }
    for (i, (label, unit, figures)) in DATA.iter().enumerate() {
        let row = i as u32 + 3;
        sheet.write_string_with_format(row, 0, *label, &name)?;
        sheet.write_string_with_format(row, 1, *unit, &none)?;
        for (c, figure) in figures.iter().enumerate() {
            let col = c as u16 + 2;
            match figure {
                Some(n) if c % 2 == 0 => sheet.write_number_with_format(row, col, *n, &whole)?,
                Some(n) => sheet.write_number_with_format(row, col, *n, &one)?,
                None => sheet.write_string_with_format(row, col, "—", &none)?,
            };
        }
    }
    let last = DATA.len() as u32 + 3;
    sheet.merge_range(
        last,
        0,
        last,
        5,
        "注：规模以上工业增加值增速按可比价格计算；固定资产投资不含农户。",
        &Format::new(),
    )?;
    sheet.set_column_width(0, 22)?;
    sheet.set_column_width(1, 10)?;
    for col in 2..6 {
        sheet.set_column_width(col, 12)?;
    }
    crate::summary::save(&mut workbook)
}
