//! The summary workbook: the briefing's figures for the office's records.
//!
//! Four sheets, written with rust_xlsxwriter:
//!
//! - **汇总**: every indicator by group (an outline per 板块), with value,
//!   unit, previous value, the change worked out by formula, 同比, 上期同比,
//!   and the wording used in the briefing; declines in red; frozen header,
//!   autofilter, A4 landscape at page width with the header repeated.
//! - **图表**: native Excel charts drawn from the 汇总 cells.
//! - **正文**: the briefing's paragraphs with every placeholder resolved.
//! - **校验**: every warning and error found in the workbook.
//!
//! A batch made per region also gets an overview workbook
//! ([`overview_workbook`]) of its [`Overview`], which the overview PDF
//! prints too.
//!
//! Formulas carry their results, so viewers and readers that do not
//! recalculate (calamine, previews) see the right numbers. The creation time
//! is fixed by the caller, so the same input gives the same bytes.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, XlsxError};

mod charts;
mod indicators;
mod overview;
mod overview_chart;
mod overview_sheet;
mod portable;
mod prose;
mod style;

pub use overview::{
    FigureText, Overview, OverviewFigure, OverviewIndicator, OverviewRow, PDF_FIGURES, Status,
};
pub use overview_chart::{Bar, OverviewChart};
pub use overview_sheet::{OVERVIEW_SHEET, overview_workbook};
pub use portable::{made_on_unix, save};
pub use style::display_width;

use crate::diagnostic::Diagnostic;
use crate::model::ReportKey;
use crate::wording::Document;
use indicators::Placed;

/// The summary sheet's name.
pub const SUMMARY_SHEET: &str = "汇总";
/// The chart sheet's name.
pub const CHART_SHEET: &str = "图表";
/// The body sheet's name.
pub const BODY_SHEET: &str = "正文";
/// The check sheet's name.
pub const CHECK_SHEET: &str = "校验";

/// Builds the summary workbook and returns its bytes. `diagnostics` fill the
/// 校验 sheet; `created` fixes the creation time stored in the file.
///
/// # Errors
///
/// An [`XlsxError`] if rust_xlsxwriter cannot write the workbook (a text
/// longer than a cell may hold).
pub fn summary_workbook(
    document: &Document,
    diagnostics: &[Diagnostic],
    created: Option<chrono::NaiveDateTime>,
) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    workbook.set_properties(&properties(document, created)?);
    let styles = style::Styles::new();

    // 汇总 is held in memory: rust_xlsxwriter writes the outline of its
    // groups only for such sheets.
    workbook.add_worksheet().set_name(SUMMARY_SHEET)?;
    for name in [CHART_SHEET, BODY_SHEET, CHECK_SHEET] {
        add_sheet(&mut workbook, name)?;
    }
    let [summary, charts, body, check] = workbook.worksheets_mut().as_mut_slice() else {
        unreachable!("four sheets were added");
    };
    let groups = indicators::rows(document);
    let placed: Vec<&Placed> = groups.iter().flat_map(|g| &g.members).collect();
    // 汇总 and 图表, the sheets that grow with the indicators, side by side.
    let (summary, rest) = rayon::join(
        || indicators::write_summary(summary, document, &groups, &styles),
        || {
            charts::write_charts(charts, &placed, &styles)?;
            prose::write_body(body, document, &styles)?;
            prose::write_check(check, diagnostics, &styles)
        },
    );
    summary.and(rest)?;
    save(&mut workbook)
}

/// Adds the sheet `name`, written row by row: each row goes to a temporary
/// file as soon as the next one begins (rust_xlsxwriter's constant memory
/// mode), so a sheet of 100,000 indicators is never held in memory, and it
/// is saved without being assembled again. Where no temporary file can be
/// made, the sheet is held in memory as usual; either way the workbook says
/// the same.
fn add_sheet(workbook: &mut Workbook, name: &str) -> Result<(), XlsxError> {
    let in_memory = workbook.add_worksheet_with_constant_memory().is_err();
    if in_memory {
        workbook.add_worksheet();
    }
    let sheet = workbook
        .worksheets_mut()
        .last_mut()
        .expect("a sheet was just added");
    sheet.set_name(name)?;
    Ok(())
}

/// The workbook's properties: title, subject, author and company from the
/// report, and the creation time.
fn properties(
    document: &Document,
    created: Option<chrono::NaiveDateTime>,
) -> Result<DocProperties, XlsxError> {
    let mut properties = properties_at(
        document.report_str(ReportKey::Title).unwrap_or_default(),
        created,
    )?;
    if let Some(period) = document.report_str(ReportKey::Period) {
        properties = properties.set_subject(period);
    }
    if let Some(author) = document.report_str(ReportKey::Author) {
        properties = properties.set_author(author);
    }
    if let Some(publisher) = document
        .report_str(ReportKey::Publisher)
        .or(document.report_str(ReportKey::Source))
    {
        properties = properties.set_company(publisher);
    }
    Ok(properties)
}

/// Document properties with a title (when not empty) and a fixed creation
/// time.
fn properties_at(
    title: &str,
    created: Option<chrono::NaiveDateTime>,
) -> Result<DocProperties, XlsxError> {
    let mut properties = DocProperties::new();
    if !title.is_empty() {
        properties = properties.set_title(title);
    }
    if let Some(date) = created {
        use chrono::{Datelike, Timelike};
        let time =
            ExcelDateTime::from_ymd(date.year() as u16, date.month() as u8, date.day() as u8)?
                .and_hms(
                    date.hour() as u16,
                    date.minute() as u8,
                    date.second() as f64,
                )?;
        properties = properties.set_creation_datetime(&time);
    }
    Ok(properties)
}

/// An A1 reference to a cell of a sheet written here.
fn a1(row: u32, col: u16) -> String {
    crate::diagnostic::a1(row, col.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a1_references_are_one_based() {
        assert_eq!(a1(0, 0), "A1");
        assert_eq!(a1(4, 3), "D5");
    }
}
