//! The typed model of a briefing, and the checks that build it from cells.
//!
//! A workbook has three sheets with fixed meaning (报告, 指标, 正文; English
//! names accepted) and any number of extra sheets that reach the template as
//! plain tables; read per region, it may also have a wide sheet of the
//! regions' figures. [`Briefing::from_workbook`] reads them all and reports
//! every problem at its cell; it never stops at the first one. The contract
//! is documented for users in `docs/workbook.md`.
//!
//! The module is laid out as the reading goes: [`vocabulary`] holds every
//! name of the contract, `types` the model, `cells` the reading of one cell
//! (numbers, dates, text), `table` the finding of a header row, and one
//! reader per sheet (`report`, `indicators`, `body`, `extra`); `growth`
//! says how an indicator's changes are told, `figures` holds its figures
//! (数值, 同比, 环比…), each with its decimals and cell, `figure_cells` reads and checks
//! an indicator's figures where they are, `regions` cuts a workbook into
//! one briefing per region, whose figures `wide` reads from a wide sheet
//! (one row per region) when the workbook has one; `bureau` reads a
//! statistics bureau's own tables, whose rows `names` makes indicators
//! cited by name. The readers know nothing of each other: `join` gives
//! each description (a row of 指标) its figures, from its own row, the
//! wide sheet or a bureau's table. What the readers tell users is written
//! in `problems`, one enum of messages per reader.

use chrono::NaiveDateTime;

mod body;
mod bureau;
mod cells;
mod extra;
mod figure_cells;
mod figures;
mod growth;
mod indicators;
mod join;
mod names;
mod problems;
mod regions;
mod report;
mod series;
mod table;
mod types;
pub mod vocabulary;
mod wide;

use crate::diagnostic::Diagnostic;
use crate::workbook::Workbook;
pub use bureau::{distance as name_distance, is_empty_marker as is_no_figure};
pub use cells::{impossible_date, parse_date, parse_number};
pub use figures::{Details, Figure, Figures, TwoYear};
pub use growth::{Growth, Verbs, is_price_name};
pub use names::{Names, compact_name};
pub use problems::CellProblem;
use problems::{Problem, WorkbookProblem};
pub use regions::Regions;
pub use series::{DataPeriod, Earlier, PeriodFound, data_period, join_earlier, report_field};
pub use types::{
    Briefing, Chapter, ExtraTable, FieldKey, HeaderCell, Indicator, Kind, ReadOptions, Rejected,
    ReportField, Section, Text,
};
use vocabulary::{BODY_SHEET, INDICATOR_SHEET, REPORT_SHEET, matches_any, normalize_header};
pub use vocabulary::{Column, LIST_SEPARATORS, RESERVED_CODES, ReportKey};

impl Briefing {
    /// Reads the typed model from a workbook, with every problem found.
    /// Rows with errors are left out, so the model is complete only when
    /// no diagnostic is an error; it is returned anyway so that the later
    /// stages can report their problems in the same run.
    ///
    /// ```
    /// use briefing::model::{Briefing, ReadOptions};
    /// use briefing::wording::{Block, Document};
    /// use briefing::workbook::Workbook;
    /// use rust_xlsxwriter::Workbook as Writer;
    ///
    /// // A workbook as a person types it: 报告, 指标 and 正文.
    /// let mut writer = Writer::new();
    /// let report = writer.add_worksheet().set_name("报告")?;
    /// report.write_row(0, 0, ["项目", "内容"])?;
    /// report.write_row(1, 0, ["标题", "上半年经济运行简况"])?;
    /// let indicators = writer.add_worksheet().set_name("指标")?;
    /// indicators.write_row(0, 0, ["代码", "指标", "数值", "单位", "同比"])?;
    /// indicators.write_row(1, 0, ["gdp", "地区生产总值", "1422.22", "亿元", "1.5"])?;
    /// let body = writer.add_worksheet().set_name("正文")?;
    /// body.write_row(0, 0, ["段落"])?;
    /// body.write_row(1, 0, ["全市实现地区生产总值{gdp}，同比{gdp:同比}。"])?;
    /// let bytes = writer.save_to_buffer()?;
    ///
    /// let workbook = Workbook::from_bytes(&bytes, "简况.xlsx")?;
    /// let (briefing, diagnostics) = Briefing::from_workbook(&workbook, &ReadOptions::default());
    /// assert!(diagnostics.iter().all(|d| !d.is_error()), "{diagnostics:?}");
    /// assert_eq!(briefing.indicators[0].name, "地区生产总值");
    ///
    /// let (document, _) = Document::new(&briefing, None);
    /// let Block::Text(text) = &document.unwrap().body[0].paragraphs[0] else { panic!() };
    /// assert_eq!(text, "全市实现地区生产总值1422.22亿元，同比增长1.5%。");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_workbook(
        workbook: &Workbook,
        options: &ReadOptions,
    ) -> (Briefing, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let mut report = None;
        let mut indicator_sheet = None;
        let mut body = Vec::new();
        let mut tables = Vec::new();
        let mut bureau_tables = Vec::new();
        // Sheets read as plain tables: no bureau header was found in them.
        let mut plain = Vec::new();
        // The wide sheet is told first: it is neither a bureau's table nor
        // a plain one.
        let wide = options.per.as_deref().and_then(|per| {
            let indicator_sheet = workbook
                .sheets
                .iter()
                .rfind(|s| matches_any(&normalize_header(&s.name), INDICATOR_SHEET));
            wide::find(workbook, per, indicator_sheet, &mut diags)
        });
        // Bureau tables first: a row of the indicator sheet may describe
        // one of their rows by name.
        let is_data = |index: usize, sheet: &crate::workbook::Sheet| {
            let name = normalize_header(&sheet.name);
            sheet.visible
                && ![REPORT_SHEET, INDICATOR_SHEET, BODY_SHEET]
                    .iter()
                    .any(|names| matches_any(&name, names))
                && wide.as_ref().is_none_or(|w| w.index != index)
        };
        let mut bureau_at: Vec<Option<bureau::BureauTable>> = workbook
            .sheets
            .iter()
            .enumerate()
            .map(|(i, sheet)| {
                is_data(i, sheet)
                    .then(|| bureau::read(sheet, options, &mut diags))
                    .flatten()
            })
            .collect();
        for (index, sheet) in workbook.sheets.iter().enumerate() {
            let name = normalize_header(&sheet.name);
            if matches_any(&name, REPORT_SHEET) {
                report = Some(report::read_report(sheet, options, &mut diags));
            } else if matches_any(&name, INDICATOR_SHEET) {
                indicator_sheet = Some(indicators::read_indicators(
                    sheet,
                    options,
                    workbook.formats_known,
                    &mut diags,
                ));
            } else if matches_any(&name, BODY_SHEET) {
                body = body::read_body(sheet, options, &mut diags);
            } else if wide.as_ref().is_some_and(|w| w.index == index) {
                // Read in the join, with the descriptions of its codes.
            } else if !sheet.visible {
                // Hidden sheets are the user's scratch paper.
            } else if let Some(bureau) = bureau_at[index].take() {
                tables.push(bureau.table.clone());
                bureau_tables.push(bureau);
            } else if let Some(table) = extra::read_extra(sheet, options, &mut diags) {
                tables.push(table);
                plain.push(sheet);
            }
        }
        let has_indicators = indicator_sheet.is_some();
        if !has_indicators && bureau_tables.is_empty() {
            no_figures_found(&plain, &mut diags);
        }
        missing_sheets(
            workbook,
            options,
            report.is_some(),
            has_indicators || !bureau_tables.is_empty(),
            &mut diags,
        );
        let joined = join::join(
            indicator_sheet.unwrap_or_default(),
            wide.as_ref(),
            &bureau_tables,
            options,
            workbook.formats_known,
            &mut diags,
        );
        let briefing = Briefing {
            report: report.unwrap_or_default(),
            indicators: joined.indicators,
            names: joined.names,
            body,
            tables,
            rejected: joined.rejected,
            regions: joined.regions,
        };
        briefing.check_overview_chart(&mut diags);
        (briefing, diags)
    }

    /// The value of a known report key.
    pub fn report_value(&self, key: ReportKey) -> Option<&str> {
        self.report
            .iter()
            .find(|f| f.key == FieldKey::Known(key))
            .map(|f| f.value.as_str())
    }

    /// The report's date (日期), when it reads as a date.
    pub fn date(&self) -> Option<NaiveDateTime> {
        self.report_value(ReportKey::Date).and_then(parse_date)
    }
}

/// Tells, at the first cell of each sheet read as a plain table, that no
/// figures were found there, when the workbook has no 指标 sheet either:
/// placeholders then have nothing to cite, and the cause is the table.
fn no_figures_found(plain: &[&crate::workbook::Sheet], diags: &mut Vec<Diagnostic>) {
    for sheet in plain {
        let cell = crate::diagnostic::CellRef::new(&sheet.name, sheet.first_row, sheet.first_col);
        let problem = WorkbookProblem::NoFigures {
            sheet: sheet.name.clone(),
        };
        diags.push(problem.at(cell));
    }
}

/// Reports the sheets skipped, and the sheets a workbook must have.
fn missing_sheets(
    workbook: &Workbook,
    options: &ReadOptions,
    has_report: bool,
    has_indicators: bool,
    diags: &mut Vec<Diagnostic>,
) {
    if !workbook.skipped.is_empty() {
        let sheets = workbook.skipped.join("、");
        diags.push(WorkbookProblem::Skipped { sheets }.at(None));
    }
    if !has_report {
        diags.push(WorkbookProblem::NoReport.at(None));
    }
    if let Some(column) = &options.per
        && !has_indicators
    {
        let column = column.clone();
        diags.push(WorkbookProblem::NoIndicators { column }.at(None));
    }
}
