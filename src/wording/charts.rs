//! Charts as a template draws them: bars of growth, of growth this period
//! and the last, or of values, and lines of a sheet with one row per
//! period. Each comes with the text a screen reader reads for it (alt text,
//! PDF/UA), written from the same figures the bars show.
//!
//! A chart never has more than [`MAX_BARS`] bars: of more indicators it
//! shows the highest and the lowest, half of them each, and a note says how
//! many are left out (the summary workbook lists them all).

use serde::Serialize;

use super::render::word;
use super::shown::{growth_number, shown_number};
use super::{Form, Region};
use crate::model::{Column, ExtraTable, Growth, Indicator};
use crate::number::{Decimal, format_number};
use crate::workbook::Value;

/// The most bars a chart shows.
pub const MAX_BARS: usize = 120;

/// What a chart shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChartKind {
    /// Bars of each indicator's 同比.
    Growth,
    /// Bars of each indicator's 同比, this period's and the last's.
    Compare,
    /// Bars of each indicator's value.
    Values,
    /// Lines of a sheet's columns over its rows (one row per period).
    Series,
}

/// One figure a bar shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BarValue {
    /// The bar's length: the growth in percent (points for a rate), or the
    /// value.
    pub value: f64,
    /// The number as a table prints it, signed: `1.5`, `-1.6`, `1422.22`.
    pub number: String,
    /// The figure worded as the prose words it: `增长1.5%`, `1422.22亿元`.
    pub label: String,
}

/// One bar (or, in a comparison, a pair of bars) of a chart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bar {
    /// The indicator's name.
    pub name: String,
    /// The unit of [`BarValue::number`]: `%`, `个百分点`, `亿元`.
    pub unit: String,
    /// This period's figure.
    pub now: BarValue,
    /// The previous period's, in a comparison.
    pub before: Option<BarValue>,
    /// What a screen reader reads for the bar: `地区生产总值增长1.5%`.
    pub alt: String,
}

/// One line of a series chart: a column of the sheet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Line {
    /// The column's header.
    pub name: String,
    /// Its value in each period; `None` where the cell is empty.
    pub values: Vec<Option<f64>>,
    /// Each value as the sheet shows it.
    pub labels: Vec<String>,
}

/// The lines of a series chart and the periods they run over.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Series {
    /// The periods, in order: the sheet's first column.
    pub periods: Vec<String>,
    /// One line per other column.
    pub lines: Vec<Line>,
    /// How the columns are drawn.
    pub shape: Shape,
}

/// How a series chart draws a sheet's columns over its periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Shape {
    /// A line per column (折线图): `{图:工作表名}`, `{图:工作表名:折线}`.
    #[default]
    Line,
    /// Columns side by side in each period (柱状图):
    /// `{图:工作表名:柱状}`.
    Bar,
}

impl Shape {
    /// The shape a `{图:工作表名:…}` names: 折线 or 柱状 (also 折线图,
    /// 线, 柱状图, 柱); `None` for another word.
    pub fn named(word: &str) -> Option<Shape> {
        match word.trim() {
            "折线" | "折线图" | "线" => Some(Shape::Line),
            "柱状" | "柱状图" | "柱" => Some(Shape::Bar),
            _ => None,
        }
    }

    /// What a screen reader hears first: 折线图 or 柱状图.
    fn alt(self) -> &'static str {
        match self {
            Shape::Line => "折线图",
            Shape::Bar => "柱状图",
        }
    }
}

/// A chart, ready to draw.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChartDoc {
    /// Its title (the caption, without a number).
    pub title: String,
    /// What it shows.
    pub kind: ChartKind,
    /// The bars, in sheet order; of more than [`MAX_BARS`], the highest and
    /// the lowest, highest first.
    pub bars: Vec<Bar>,
    /// The lines of a series chart.
    pub series: Option<Series>,
    /// How many bars are left out.
    pub omitted: usize,
    /// The note printed under the chart, saying what is left out.
    pub note: Option<String>,
    /// What a screen reader reads for the whole chart.
    pub alt: String,
}

impl ChartDoc {
    /// The chart of the 同比 of `indicators` (those that have one); `None`
    /// when none has.
    pub fn growth(title: &str, indicators: &[&Indicator], region: Option<&Region>) -> Option<Self> {
        let bars = indicators
            .iter()
            .filter_map(|i| growth_bar(i, region))
            .collect();
        Self::of_bars(title, ChartKind::Growth, bars)
    }

    /// The chart of the 同比 of `indicators` this period and the last
    /// (those that have both); `None` when none has.
    pub fn compare(
        title: &str,
        indicators: &[&Indicator],
        region: Option<&Region>,
    ) -> Option<Self> {
        let bars = indicators
            .iter()
            .filter_map(|i| {
                let mut bar = growth_bar(i, region)?;
                let before = i.figure(Column::PreviousYoy)?;
                let label = word(i, Form::PreviousYoy, region).ok()?;
                bar.alt = format!("{}本期{}，上期{label}", i.name, bar.now.label);
                bar.before = Some(BarValue {
                    value: before.value,
                    number: shown_number(before).to_string(),
                    label,
                });
                Some(bar)
            })
            .collect();
        Self::of_bars(title, ChartKind::Compare, bars)
    }

    /// The chart of the values of `indicators`; `None` without any.
    pub fn values(title: &str, indicators: &[&Indicator], region: Option<&Region>) -> Option<Self> {
        let bars = indicators
            .iter()
            .filter_map(|i| {
                let value = i.figure(Column::Value)?;
                let label = word(i, Form::Value, region).unwrap_or_default();
                Some(Bar {
                    name: i.name.clone(),
                    unit: i.unit.clone(),
                    now: BarValue {
                        value: value.value,
                        number: shown_number(value).to_string(),
                        label: label.clone(),
                    },
                    before: None,
                    alt: format!("{}{label}", i.name),
                })
            })
            .collect();
        Self::of_bars(title, ChartKind::Values, bars)
    }

    /// The chart of a sheet with one row per period, in `shape`: its first
    /// column names the periods, each other column with a number is a line
    /// (or a column in each period). `None` when no column has one.
    pub fn series(table: &ExtraTable, shape: Shape) -> Option<Self> {
        let periods: Vec<String> = table.shown.iter().map(|row| row[0].clone()).collect();
        let lines: Vec<Line> = (1..table.headers.len())
            .map(|col| Line {
                name: table.headers[col].clone(),
                values: table.rows.iter().map(|row| number_of(&row[col])).collect(),
                labels: table.shown.iter().map(|row| row[col].clone()).collect(),
            })
            .filter(|line| line.values.iter().any(Option::is_some))
            .collect();
        if lines.is_empty() {
            return None;
        }
        let told = lines.iter().map(|line| {
            let points = periods.iter().zip(&line.labels);
            let points: Vec<String> = points
                .filter(|(_, label)| !label.is_empty())
                .map(|(period, label)| format!("{period}{label}"))
                .collect();
            format!("{}：{}", line.name, points.join("，"))
        });
        let told: Vec<String> = told.collect();
        Some(ChartDoc {
            title: table.name.clone(),
            kind: ChartKind::Series,
            bars: Vec::new(),
            alt: format!("{}：{}。{}。", shape.alt(), table.name, told.join("；")),
            series: Some(Series {
                periods,
                lines,
                shape,
            }),
            omitted: 0,
            note: None,
        })
    }

    /// The chart of the 同比 of `indicators` over the months of a monthly
    /// series (`{图:代码:走势}`), a line each; `None` when none has
    /// earlier months.
    pub fn trend(title: &str, indicators: &[&Indicator]) -> Option<Self> {
        let mut periods: Vec<String> = Vec::new();
        for indicator in indicators {
            for (period, _) in &indicator.details.series {
                if !periods.contains(period) {
                    periods.push(period.clone());
                }
            }
        }
        let lines: Vec<Line> = indicators
            .iter()
            .filter(|i| !i.details.series.is_empty())
            .map(|indicator| {
                let figure = |period: &String| {
                    let series = &indicator.details.series;
                    series.iter().find(|(p, _)| p == period).map(|(_, f)| *f)
                };
                let values: Vec<Option<f64>> = periods.iter().map(figure).collect();
                Line {
                    name: indicator.name.clone(),
                    labels: values
                        .iter()
                        .map(|v| {
                            v.map(|v| format!("{}%", format_number(v)))
                                .unwrap_or_default()
                        })
                        .collect(),
                    values,
                }
            })
            .collect();
        if lines.is_empty() {
            return None;
        }
        let told: Vec<String> = lines
            .iter()
            .map(|line| {
                let points: Vec<String> = periods
                    .iter()
                    .zip(&line.labels)
                    .filter(|(_, label)| !label.is_empty())
                    .map(|(period, label)| format!("{period}{label}"))
                    .collect();
                format!("{}：{}", line.name, points.join("，"))
            })
            .collect();
        Some(ChartDoc {
            title: title.to_string(),
            kind: ChartKind::Series,
            bars: Vec::new(),
            alt: format!("{}：{}。{}。", Shape::Line.alt(), title, told.join("；")),
            series: Some(Series {
                periods,
                lines,
                shape: Shape::Line,
            }),
            omitted: 0,
            note: None,
        })
    }

    /// A chart of `bars`, at most [`MAX_BARS`] of them; `None` without any.
    fn of_bars(title: &str, kind: ChartKind, mut bars: Vec<Bar>) -> Option<Self> {
        if bars.is_empty() {
            return None;
        }
        let all = bars.len();
        let mut note = None;
        if all > MAX_BARS {
            bars.sort_by(|a, b| b.now.value.total_cmp(&a.now.value));
            bars.drain(MAX_BARS / 2..all - MAX_BARS / 2);
            let (most, what) = match kind {
                ChartKind::Values => ("最大", "数值"),
                _ => ("最高", "增速"),
            };
            let half = MAX_BARS / 2;
            let least = if most == "最大" { "最小" } else { "最低" };
            note = Some(format!(
                "注：共{all}项指标，图中列出{what}{most}和{least}的各{half}项，其余{}项见汇总工作簿。",
                all - MAX_BARS
            ));
        }
        let told: Vec<&str> = bars.iter().map(|b| b.alt.as_str()).collect();
        let mut alt = format!("{}。{}。", title, told.join("；"));
        if let Some(note) = &note {
            alt.push_str(note);
        }
        Some(ChartDoc {
            title: title.to_string(),
            kind,
            omitted: all - bars.len(),
            bars,
            series: None,
            note,
            alt,
        })
    }
}

/// The bar of an indicator's 同比, when it has one.
fn growth_bar(indicator: &Indicator, region: Option<&Region>) -> Option<Bar> {
    let growth = indicator.growth()?;
    let label = word(indicator, Form::Yoy, region).ok()?;
    let unit = if matches!(growth, Growth::Points(_)) {
        "个百分点"
    } else {
        "%"
    };
    Some(Bar {
        name: indicator.name.clone(),
        unit: unit.to_string(),
        now: BarValue {
            value: growth.figure(),
            number: growth_number(indicator)?.to_string(),
            label: label.clone(),
        },
        before: None,
        alt: format!("{}{label}", indicator.name),
    })
}

/// The number of a cell, if it holds one.
fn number_of(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => Some(*n),
        // 1.55 for 0.0155, not 1.5499999999999998.
        Value::Percent(p) => Decimal::from_f64(*p).shift(2).to_f64(),
        _ => None,
    }
}
