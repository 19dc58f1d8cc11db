//! The overview workbook of a batch (`--per`): one row per report, with its
//! region, whether it compiled, and each region-specific figure with its
//! rank — the sheet the office keeps.

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::{Styles, display_width, properties_at};
use crate::model::{Briefing, Growth, Indicator};
use crate::number::Decimal;
use crate::wording::{RankBy, Ranks};

/// The overview sheet's name.
pub const OVERVIEW_SHEET: &str = "总览";

/// How one report of the batch ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// Its files were written: this many pages.
    Compiled {
        /// Pages of the PDF.
        pages: usize,
    },
    /// It had errors; no file of it was written.
    Failed {
        /// How many errors.
        errors: usize,
        /// The first error, in one line.
        first: String,
    },
}

/// Rows above the header: a title and a note.
const HEADER_ROW: u32 = 2;

/// Builds the overview workbook of a batch read from `briefing` (the whole
/// workbook, all regions) and returns its bytes. `title` names the batch
/// (the workbook's file name); `statuses` holds each region's outcome, in
/// the order of the rows; `created` fixes the creation time stored in the
/// file.
pub fn overview_workbook(
    title: &str,
    briefing: &Briefing,
    ranks: &Ranks,
    statuses: &[(&str, Status)],
    created: Option<chrono::NaiveDateTime>,
) -> Result<Vec<u8>, XlsxError> {
    let column = briefing
        .regions
        .as_ref()
        .map_or("报告", |r| r.column.as_str());
    let mut workbook = Workbook::new();
    workbook.set_properties(&properties_at(
        &format!("{title}（按{column}汇总）"),
        created,
    )?);
    let styles = Styles::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(OVERVIEW_SHEET)?;

    let failed = statuses
        .iter()
        .filter(|(_, s)| matches!(s, Status::Failed { .. }))
        .count();
    sheet.write_string_with_format(
        0,
        0,
        format!(
            "按{column}汇总：{} 份成功，{failed} 份失败",
            statuses.len() - failed
        ),
        &styles.title,
    )?;
    sheet.write_string_with_format(
        1,
        0,
        "位次按同一批报告中的数值（或同比）从大到小排列，数值相同的并列。",
        &styles.note,
    )?;

    // The region-specific indicators, in sheet order: 数值, 位次, and
    // 同比 with its rank when any region has a growth figure.
    let mut codes: Vec<(&str, String, Option<&str>)> = Vec::new();
    for i in briefing.indicators.iter().filter(|i| i.region.is_some()) {
        if codes.iter().any(|(c, ..)| *c == i.code) {
            continue;
        }
        let label = match i.unit.as_str() {
            "" => i.name.clone(),
            unit => format!("{}（{unit}）", i.name),
        };
        let has_growth = statuses
            .iter()
            .any(|(r, _)| ranks.rank(&i.code, r, RankBy::Growth).is_some());
        // The growth as ranked: in percent, or for a rate in points.
        let growth = match i.growth() {
            Some(Growth::Points(_)) => "同比（个百分点）",
            _ => "同比（%）",
        };
        codes.push((&i.code, label, has_growth.then_some(growth)));
    }
    let mut headers = vec![
        (column.to_string(), 12.0),
        ("状态".to_string(), 8.0),
        ("说明".to_string(), 40.0),
    ];
    for (_, label, growth) in &codes {
        headers.push((label.clone(), display_width(label).clamp(10.0, 24.0)));
        headers.push(("位次".to_string(), 6.0));
        if let Some(growth) = growth {
            headers.push((growth.to_string(), 10.0));
            headers.push(("增速位次".to_string(), 9.0));
        }
    }
    for (col, (header, width)) in headers.iter().enumerate() {
        let col = col as u16;
        sheet.write_string_with_format(HEADER_ROW, col, header, &styles.header)?;
        sheet.set_column_width(col, *width)?;
    }

    let failed_style = styles.text.clone().set_font_color("C00000");
    for (i, (region, status)) in statuses.iter().enumerate() {
        let row = HEADER_ROW + 1 + i as u32;
        sheet.write_string_with_format(row, 0, *region, &styles.text)?;
        let (label, note, style) = match status {
            Status::Compiled { pages } => ("成功", format!("{pages} 页"), &styles.text),
            Status::Failed { errors, first } => {
                ("失败", format!("{errors} 处错误：{first}"), &failed_style)
            }
        };
        sheet.write_string_with_format(row, 1, label, style)?;
        sheet.write_string_with_format(row, 2, &note, &styles.wrapped)?;
        let mut col = 3u16;
        for (code, _, growth) in &codes {
            let mine = briefing
                .indicators
                .iter()
                .find(|x| x.code == *code && x.region.as_deref() == Some(*region));
            let mut cell = |value: Option<f64>, format: &Format| -> Result<(), XlsxError> {
                match value {
                    Some(n) => sheet.write_number_with_format(row, col, n, format)?,
                    None => sheet.write_blank(row, col, &styles.text)?,
                };
                col += 1;
                Ok(())
            };
            let decimals = |n: f64| styles.number(Decimal::from_f64(n).decimals());
            let place = |by| ranks.rank(code, region, by).map(|r| r.place as f64);
            let value = mine.map(|m| m.value);
            cell(value, &decimals(value.unwrap_or(0.0)))?;
            cell(place(RankBy::Value), &styles.number(0))?;
            if growth.is_some() {
                let growth = mine.and_then(Indicator::growth).map(Growth::figure);
                cell(growth, &decimals(growth.unwrap_or(0.0)))?;
                cell(place(RankBy::Growth), &styles.number(0))?;
            }
        }
    }
    let last_row = HEADER_ROW + statuses.len().max(1) as u32;
    sheet.set_freeze_panes(HEADER_ROW + 1, 1)?;
    sheet.autofilter(HEADER_ROW, 0, last_row, headers.len() as u16 - 1)?;
    sheet.set_paper_size(9);
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    workbook.save_to_buffer()
}
