//! A new project to start from (`briefing new`): a workbook whose three
//! sheets have their header rows and example rows showing every placeholder
//! form, the default template copied for customising, and a short README in
//! Chinese. It compiles as made.

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use crate::model::vocabulary::{BODY_SHEET, INDICATOR_SHEET, REPORT_SHEET};
use crate::model::{Column, Kind, ReportKey};
use crate::output::{Artifact, ArtifactKind};
use crate::typeset::BUILTIN_TEMPLATES;

/// The workbook's file name in a new project.
pub const WORKBOOK: &str = "简报.xlsx";
/// The folder the template is copied to, named in the workbook's 模板.
pub const TEMPLATE_DIR: &str = "模板";

/// The 报告 sheet: key, value.
const REPORT: &[(ReportKey, &str)] = &[
    (ReportKey::Title, "××市2024年上半年经济运行情况"),
    (ReportKey::Period, "2024年上半年"),
    (ReportKey::Date, "2024年7月20日"),
    (ReportKey::Publisher, "××市统计局"),
    (
        ReportKey::Lead,
        "上半年，全市实现地区生产总值{gdp}，同比{gdp:同比}，{gdp:比较:一季度}。",
    ),
    (ReportKey::Template, TEMPLATE_DIR),
    (ReportKey::Bulletin, "经济运行简报"),
    (ReportKey::Issue, "2024年第7期"),
    (ReportKey::Editor, "××市统计局办公室"),
    (ReportKey::SendTo, "市委、市政府领导同志"),
    (ReportKey::CopyTo, "各区县人民政府，市政府各部门"),
];

/// A cell of the 指标 sheet: text, a number, or nothing.
enum Cell {
    T(&'static str),
    N(f64),
    E,
}
use Cell::{E, N, T};

/// The 类型 of a row, as the workbook writes it.
const fn kind(kind: Kind) -> Cell {
    T(kind.chinese())
}

/// The 指标 sheet's rows, in the columns of [`Column::INDICATORS`]: one of
/// each kind of figure.
#[rustfmt::skip]
const INDICATORS: [[Cell; Column::INDICATORS.len()]; 6] = [
    [T("gdp"), T("经济总量"), T("地区生产总值"), N(1422.22), T("亿元"), N(1401.2), N(1.5), N(-1.7),
        kind(Kind::Total), T("全市经济{gdp:比较:一季度}，地区生产总值{gdp}。"), T("同比按可比价格计算")],
    [T("industry"), T("经济总量"), T("规模以上工业增加值"), N(420.5), T("亿元"), N(410.1), N(2.5), N(1.8),
        kind(Kind::Total), E, E],
    [T("retail"), T("消费"), T("社会消费品零售总额"), N(720.3), T("亿元"), E, N(-3.2), N(-8.4),
        E, T("消费降幅{retail:比较:一季度}。"), E],
    [T("cpi"), T("价格"), T("居民消费价格指数"), N(102.1), E, E, E, E,
        kind(Kind::Index), E, T("上年同期 = 100")],
    [T("unemployment"), T("就业"), T("城镇调查失业率"), N(5.1), T("%"), N(5.6), E, E,
        kind(Kind::Rate), E, E],
    [T("province_gdp"), E, T("全省地区生产总值"), N(5000.0), T("亿元"), E, N(0.8), E,
        E, E, T("与全省比较用")],
];

/// The 正文 sheet: chapter, section, paragraph.
const BODY: &[(&str, &str, &str)] = &[
    (
        "总体情况",
        "",
        "上半年，全市实现地区生产总值{gdp}（{gdp:万元}），比上年同期的{gdp:上年同期}{gdp:增减}，同比{gdp:同比}，增速{gdp:对比:province_gdp:全省}。",
    ),
    (
        "",
        "",
        "一季度同比{gdp:上期同比}，上半年{gdp:比较:一季度}。",
    ),
    (
        "主要指标",
        "工业",
        "规模以上工业增加值{industry}，同比{industry:同比}，占地区生产总值的比重为{industry:比重:gdp}，比上年同期{industry:比重变化:gdp}，{industry:拉动:gdp:全市经济}。",
    ),
    (
        "",
        "消费和价格",
        "地区生产总值、规模以上工业增加值、社会消费品零售总额同比{gdp、industry、retail:同比}。居民消费价格同比{cpi:同比}。",
    ),
    (
        "",
        "就业",
        "城镇调查失业率为{unemployment}，比上年同期{unemployment:增减}。（写两个花括号就印出花括号本身：{{注}}。）",
    ),
];

/// The README of a new project.
const README: &str = "# 简报\n\n\
这个文件夹由 `briefing new` 生成，可以直接编译：\n\n\
```sh\nbriefing compile 简报.xlsx\n```\n\n\
生成的 PDF 和汇总工作簿在 `out/` 文件夹里。修改工作簿时可以用 `briefing watch 简报.xlsx`，每次保存都会自动重新生成。\n\n\
- **报告**：标题、日期、发布单位等；“模板”写的是本文件夹里的 `模板/`。\n\
- **指标**：每行一个数字，正文里用 `{代码}` 引用，例如 `{gdp}`、`{gdp:同比}`。\n\
- **正文**：章、节、段落，段落里的占位符会换成数字和“增长1.5%”这样的说法。\n\n\
`模板/main.typ` 是内置 default 模板的副本，可以按需要修改版式；\
`模板/overview.typ` 是按地区分别编译（`--per 地区`）时总览 PDF 的版式。\
换用公文格式或红头简报：把“模板”一项改为 `gongwen` 或 `jianbao`。\n\n\
所有写法见 briefing 的 docs/workbook.md。\n";

/// The files of a new project in `folder`: the workbook, the default
/// template copied into `模板/`, and a README. Nothing is written.
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

/// The example workbook.
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
    report.set_column_width(1, 80)?;

    let sheet = workbook.add_worksheet();
    sheet.set_name(INDICATOR_SHEET[0])?;
    let columns = Column::INDICATORS.map(Column::chinese);
    sheet.write_row_with_format(0, 0, columns, &header)?;
    for (row, cells) in INDICATORS.iter().enumerate() {
        for (col, cell) in cells.iter().enumerate() {
            let (row, col) = (row as u32 + 1, col as u16);
            match cell {
                T(text) => sheet.write_string(row, col, *text)?,
                N(number) => sheet.write_number(row, col, *number)?,
                E => sheet,
            };
        }
    }
    for (col, width) in [10, 10, 20, 10, 8, 10, 8, 10, 8, 40, 16]
        .into_iter()
        .enumerate()
    {
        sheet.set_column_width(col as u16, width)?;
    }
    sheet.set_freeze_panes(1, 0)?;

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
