//! The 图表 sheet: native Excel charts of the 同比 figures, drawn from
//! tables that link to the 汇总 cells.

use rust_xlsxwriter::{
    Chart, ChartAxisLabelPosition, ChartDataLabel, ChartSolidFill, ChartType, Formula, Worksheet,
    XlsxError,
};

use super::indicators::{COL_NAME, COL_PREVIOUS_YOY, COL_YOY, Placed};
use super::style::{Styles, print_on_a4, write_headers};
use super::{CHART_SHEET, SUMMARY_SHEET, a1};
use crate::model::Column;

/// Writes the charts: tables of links to the 汇总 cells, and charts of them.
pub(super) fn write_charts(
    sheet: &mut Worksheet,
    rows: &[&Placed],
    styles: &Styles,
) -> Result<(), XlsxError> {
    let with_yoy: Vec<&Placed> = rows
        .iter()
        .copied()
        .filter(|p| p.indicator.figures.get(Column::Yoy).is_some())
        .collect();
    let both: Vec<&Placed> = with_yoy
        .iter()
        .copied()
        .filter(|p| p.indicator.figures.get(Column::PreviousYoy).is_some())
        .collect();
    sheet.set_column_width(0, 30)?;
    sheet.set_column_width(1, 14)?;
    sheet.set_column_width(2, 14)?;
    print_on_a4(sheet, false, None)?;
    if with_yoy.is_empty() {
        sheet.write_string(0, 0, "工作簿中没有填写“同比”的指标，所以没有图表。")?;
        return Ok(());
    }

    let n = with_yoy.len() as u32;
    write_chart_table(sheet, 0, &with_yoy, styles)?;
    let mut chart = bar_chart("主要指标同比增速（%）", n);
    chart.legend().set_hidden();
    add_bars(&mut chart, "同比", (1, n), 1, "B3141C");
    sheet.insert_chart(n + 2, 0, &chart)?;

    // This period against the last, for indicators that have both, below
    // the first chart.
    if !both.is_empty() {
        let top = n + 2 + chart_rows(n) + 1;
        let m = both.len() as u32;
        write_chart_table(sheet, top, &both, styles)?;
        let mut chart = bar_chart("本期与上期同比增速（%）", m);
        add_bars(&mut chart, "本期", (top + 1, top + m), 1, "B3141C");
        add_bars(&mut chart, "上期", (top + 1, top + m), 2, "7F7F7F");
        sheet.insert_chart(top + m + 2, 0, &chart)?;
    }
    Ok(())
}

/// A table at row `top` of the chart sheet: a header, then per indicator
/// its name, 同比 and 上期同比, each a formula that points at 汇总.
fn write_chart_table(
    sheet: &mut Worksheet,
    top: u32,
    rows: &[&Placed],
    styles: &Styles,
) -> Result<(), XlsxError> {
    write_headers(sheet, top, &["指标", "同比（%）", "上期同比（%）"], styles)?;
    for (i, placed) in rows.iter().enumerate() {
        let row = top + 1 + i as u32;
        let figures = &placed.indicator.figures;
        let link = |col: u16| format!("='{SUMMARY_SHEET}'!{}", a1(placed.row, col));
        let name = Formula::new(link(COL_NAME)).set_result(&figures.name);
        sheet.write_formula_with_format(row, 0, name, &styles.text)?;
        for (col, source, value) in [
            (1, COL_YOY, figures.get(Column::Yoy)),
            (2, COL_PREVIOUS_YOY, figures.get(Column::PreviousYoy)),
        ] {
            match value {
                Some(n) => {
                    let shown = crate::number::format_number(n);
                    let formula = Formula::new(link(source)).set_result(&shown);
                    sheet.write_formula_with_format(row, col, formula, &styles.figure(n))?;
                }
                None => {
                    sheet.write_blank(row, col, &styles.text)?;
                }
            }
        }
    }
    Ok(())
}

/// Adds a series of bars: the names in column A and the values in column
/// `col` of `rows` (first, last) of the chart sheet.
fn add_bars(chart: &mut Chart, name: &str, (first, last): (u32, u32), col: u16, color: &str) {
    chart
        .add_series()
        .set_name(name)
        .set_categories((CHART_SHEET, first, 0, last, 0))
        .set_values((CHART_SHEET, first, col, last, col))
        .set_format(ChartSolidFill::new().set_color(color))
        .set_data_label(ChartDataLabel::new().show_value());
}

/// The height in pixels of a chart of `bars` bars.
fn chart_height(bars: u32) -> u32 {
    120 + 36 * bars.max(3)
}

/// How many default-height rows (20 px) a chart of `bars` bars covers.
fn chart_rows(bars: u32) -> u32 {
    chart_height(bars).div_ceil(20)
}

/// A horizontal bar chart sized for `bars` bars, in sheet order from the top.
fn bar_chart(title: &str, bars: u32) -> Chart {
    let mut chart = Chart::new(ChartType::Bar);
    chart.title().set_name(title);
    // Bar charts draw categories bottom-up: reverse them to read top-down.
    // Names at the low end of the value axis, clear of negative bars.
    chart
        .y_axis()
        .set_reverse()
        .set_label_position(ChartAxisLabelPosition::Low);
    chart.set_width(640).set_height(chart_height(bars));
    chart
}
