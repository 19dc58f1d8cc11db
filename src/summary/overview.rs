//! The overview of a batch made per region (`--per`): one row per report,
//! with its region, whether it compiled, and each region-specific figure
//! with its ranks. [`Overview::new`] computes them once; the overview
//! workbook ([`super::overview_workbook`]) and the overview PDF (laid out by
//! the template's `overview.typ`, which receives the [`Overview`] as
//! `sys.inputs.overview`) both print it, so that the two never disagree.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::{Map, Value as Json};

use super::overview_chart::OverviewChart;
use crate::model::{Briefing, Column, FieldKey, Growth, Indicator, ReportKey};
use crate::number::Decimal;
use crate::wording::{DateParts, Document, RankBy, Ranks, Region, growth_number, shown_number};

/// How one report of the batch ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "lowercase")]
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

/// The overview of a batch: every region's outcome and figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Overview {
    /// The title: the 标题 as all regions share it (its `{地区}` left
    /// out), then `（按地区汇总）`; the workbook's name instead of the 标题
    /// when that cites a region's figure.
    pub title: String,
    /// The column the reports are cut by: `地区`.
    pub column: String,
    /// The 报告's fields as all regions share them, by their English
    /// names: `{地区}` left out, the placeholders of shared figures
    /// resolved, a field that cites a region's figure left out; `title`
    /// is the overview's title. A template finds them in
    /// `sys.inputs.briefing.report`.
    #[serde(skip)]
    pub report: Map<String, Json>,
    /// The report's date (日期), when it reads as a date.
    #[serde(skip)]
    pub date: Option<DateParts>,
    /// How many reports were made.
    pub compiled: usize,
    /// How many reports failed.
    pub failed: usize,
    /// The region-specific indicators, in sheet order.
    pub indicators: Vec<OverviewIndicator>,
    /// One row per report, in the order of the batch.
    pub rows: Vec<OverviewRow>,
    /// The chart of one indicator across the regions (the 报告's 总览图,
    /// else the first region-specific indicator); `None` without any.
    pub chart: Option<OverviewChart>,
    /// How many of the region-specific indicators were left out of
    /// `indicators` (the last ones) so that the overview PDF stays within
    /// [`PDF_FIGURES`]; the overview workbook has them all.
    pub omitted: usize,
}

/// The most figures (数值, 同比 and their 位次, region by region) the
/// overview PDF prints. Laying out a table takes time and memory for each
/// cell (about a millisecond and, at its peak, some ten kilobytes on the
/// build machine): the sample's 88 indicators for 2,000 regions would
/// have been a PDF of thousands of pages, with more memory and time than
/// all the reports. Beyond this, the PDF lists the first indicators for
/// every region and says how many more the overview workbook has.
pub const PDF_FIGURES: usize = 20_000;

/// A region-specific indicator, as the overview shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OverviewIndicator {
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Its unit.
    pub unit: String,
    /// The header of its values: the name with the unit,
    /// `地区生产总值（亿元）`.
    pub label: String,
    /// The header of its growth, `同比（%）` (or for a rate, ranked in
    /// points, `同比（个百分点）`), when any region has a growth figure;
    /// without one, neither 同比 nor its rank is shown.
    pub growth_label: Option<&'static str>,
}

/// One report's row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OverviewRow {
    /// Its region.
    pub region: String,
    /// How it ended (serialized flat: `status` is `"compiled"` with
    /// `pages`, or `"failed"` with `errors` and `first`).
    #[serde(flatten)]
    pub status: Status,
    /// Its figure of each indicator of [`Overview::indicators`], in that
    /// order.
    pub figures: Vec<OverviewFigure>,
}

/// A region's figure of one indicator, with its ranks across the batch
/// (those `{代码:位次}` and `{代码:增速位次}` print): empty where the
/// region has none.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OverviewFigure {
    /// 数值, with the decimals the sheet shows (as `{代码}` words it).
    pub value: Option<f64>,
    /// Its place by 数值 (1 for the largest).
    pub rank: Option<usize>,
    /// The growth as `{代码:同比}` words it and `{代码:增速位次}` ranks
    /// it (`wording::growth_number`): percent, or points for a rate.
    pub growth: Option<f64>,
    /// Its place by growth.
    pub growth_rank: Option<usize>,
    /// The same as printed: a decline with a minus sign (`−1.6`), places
    /// as digits.
    pub text: FigureText,
}

/// The printed forms of an [`OverviewFigure`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureText {
    /// `1422.22`.
    pub value: Option<String>,
    /// `3`.
    pub rank: Option<String>,
    /// `1.5`, `−1.6`.
    pub growth: Option<String>,
    /// `1`.
    pub growth_rank: Option<String>,
}

impl Overview {
    /// The overview of a batch read from `briefing` (the whole workbook,
    /// every region), ranked by `ranks`; `statuses` holds each region's
    /// outcome, in the order of the rows. `name` (the workbook's name)
    /// titles it when the 标题 cannot.
    pub fn new(
        name: &str,
        briefing: &Briefing,
        ranks: &Ranks,
        statuses: &[(&str, Status)],
    ) -> Overview {
        let column = briefing
            .regions
            .as_ref()
            .map_or("报告", |r| r.column.as_str())
            .to_string();
        let mut report = shared_report(briefing, ranks, &column);
        let headline = report
            .get(ReportKey::Title.english())
            .and_then(Json::as_str)
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .unwrap_or(name);
        let title = format!("{headline}（按{column}汇总）");
        report.insert(
            ReportKey::Title.english().to_string(),
            Json::String(title.clone()),
        );
        let indicators = indicators(briefing, ranks, statuses);
        // Each region's indicators, found at once (not by a search through
        // all of them for each figure, slow with thousands of regions).
        let mut by_region: HashMap<(&str, &str), &Indicator> = HashMap::new();
        for i in &briefing.indicators {
            if let Some(region) = &i.region {
                by_region.entry((&i.code, region)).or_insert(i);
            }
        }
        let rows: Vec<OverviewRow> = statuses
            .iter()
            .map(|(region, status)| OverviewRow {
                region: region.to_string(),
                status: status.clone(),
                figures: indicators
                    .iter()
                    .map(|i| figure(&by_region, ranks, i, region))
                    .collect(),
            })
            .collect();
        let failed = statuses
            .iter()
            .filter(|(_, s)| matches!(s, Status::Failed { .. }))
            .count();
        let chart = chart_of(briefing, &column, &indicators, &rows);
        Overview {
            title,
            report,
            date: briefing.date().map(|d| {
                use chrono::Datelike;
                DateParts {
                    year: d.year(),
                    month: d.month(),
                    day: d.day(),
                }
            }),
            compiled: statuses.len() - failed,
            failed,
            column,
            indicators,
            rows,
            chart,
            omitted: 0,
        }
    }

    /// The overview as its PDF prints it: the first indicators whose
    /// figures, for every region, are at most `figures` (at least the
    /// first indicator, so that every region is listed), the others
    /// counted in [`Overview::omitted`].
    pub fn within(&self, figures: usize) -> Overview {
        let mut kept = 0;
        let mut used = 0;
        for indicator in &self.indicators {
            let columns = if indicator.growth_label.is_some() {
                4
            } else {
                2
            };
            used += columns * self.rows.len();
            if kept > 0 && used > figures {
                break;
            }
            kept += 1;
        }
        let mut overview = self.clone();
        overview.omitted = self.indicators.len() - kept;
        overview.indicators.truncate(kept);
        for row in &mut overview.rows {
            row.figures.truncate(kept);
        }
        overview
    }

    /// The overview as the document a template receives in
    /// `sys.inputs.briefing`: its report fields and date, and nothing
    /// else (no indicator, no body), so that a template's shared style
    /// file reads the title and the date as it does for a report.
    pub fn document(&self) -> Document {
        Document {
            report: self.report.clone(),
            indicators: Vec::new(),
            groups: Vec::new(),
            body: Vec::new(),
            charts: Vec::new(),
            appendix: None,
            tables: Map::new(),
            date: self.date,
            region: None,
        }
    }
}

/// The 报告's fields as all regions share them, each resolved on its own
/// against the shared indicators, with the region's name empty; a field
/// that cites a region's figure (or has any error) is left out. The
/// template's path and the chart's code are no text to print.
fn shared_report(briefing: &Briefing, ranks: &Ranks, column: &str) -> Map<String, Json> {
    let shared: Vec<Indicator> = briefing
        .indicators
        .iter()
        .filter(|i| i.region.is_none())
        .cloned()
        .collect();
    let region = Region {
        column,
        name: "",
        ranks,
    };
    // What the wording of any field depends on: the house style, and the
    // period (for the months of 报告期 forms).
    let context =
        |key: &FieldKey| matches!(key, FieldKey::Known(ReportKey::Style | ReportKey::Period));
    let mut report = Map::new();
    for field in &briefing.report {
        if matches!(
            field.key,
            FieldKey::Known(ReportKey::Template | ReportKey::Style | ReportKey::OverviewChart)
        ) {
            continue;
        }
        let mut fields: Vec<_> = briefing
            .report
            .iter()
            .filter(|f| context(&f.key) && f.key != field.key)
            .cloned()
            .collect();
        fields.push(field.clone());
        let one = Briefing {
            report: fields,
            indicators: shared.clone(),
            names: briefing.names.clone(),
            body: Vec::new(),
            tables: Vec::new(),
            rejected: Vec::new(),
            regions: briefing.regions.clone(),
        };
        if let (Some(document), _) = Document::new(&one, Some(&region))
            && let Some(value) = document.report.get(field.key.name())
        {
            report.insert(field.key.name().to_string(), value.clone());
        }
    }
    report
}

/// The region-specific indicators, in sheet order.
fn indicators(
    briefing: &Briefing,
    ranks: &Ranks,
    statuses: &[(&str, Status)],
) -> Vec<OverviewIndicator> {
    let mut indicators: Vec<OverviewIndicator> = Vec::new();
    for i in briefing.indicators.iter().filter(|i| i.region.is_some()) {
        if indicators.iter().any(|f| f.code == i.code) {
            continue;
        }
        let label = match i.unit.as_str() {
            "" => i.name.clone(),
            unit => format!("{}（{unit}）", i.name),
        };
        let has_growth = statuses
            .iter()
            .any(|(r, _)| ranks.rank(&i.code, r, RankBy::Growth).is_some());
        let growth = match i.growth() {
            Some(Growth::Points(_)) => "同比（个百分点）",
            _ => "同比（%）",
        };
        indicators.push(OverviewIndicator {
            code: i.code.clone(),
            name: i.name.clone(),
            unit: i.unit.clone(),
            label,
            growth_label: has_growth.then_some(growth),
        });
    }
    indicators
}

/// The figure of `region` for `indicator`, with its ranks.
fn figure(
    by_region: &HashMap<(&str, &str), &Indicator>,
    ranks: &Ranks,
    indicator: &OverviewIndicator,
    region: &str,
) -> OverviewFigure {
    let code = indicator.code.as_str();
    let mine = by_region.get(&(code, region)).copied();
    let place = |by| ranks.rank(code, region, by).map(|r| r.place);
    // As the reports print them, and as they are ranked.
    let value = mine.and_then(|m| Some(shown_number(m.figure(Column::Value)?)));
    let (growth, growth_rank) = match indicator.growth_label {
        Some(_) => (mine.and_then(growth_number), place(RankBy::Growth)),
        None => (None, None),
    };
    let rank = place(RankBy::Value);
    OverviewFigure {
        text: FigureText {
            value: value.as_ref().map(printed),
            rank: rank.map(|r| r.to_string()),
            growth: growth.as_ref().map(printed),
            growth_rank: growth_rank.map(|r| r.to_string()),
        },
        value: value.and_then(|v| v.to_f64()),
        rank,
        growth: growth.and_then(|g| g.to_f64()),
        growth_rank,
    }
}

/// A number as the overview prints it: with the decimals the sheet shows,
/// a negative one with a minus sign (−1.6) rather than a hyphen.
fn printed(n: &Decimal) -> String {
    let text = n.to_string();
    match text.strip_prefix('-') {
        Some(digits) => format!("−{digits}"),
        None => text,
    }
}

/// The chart: of the indicator the 报告's 总览图 names (by code or name),
/// else of the first region-specific indicator.
fn chart_of(
    briefing: &Briefing,
    column: &str,
    indicators: &[OverviewIndicator],
    rows: &[OverviewRow],
) -> Option<OverviewChart> {
    let wanted = briefing
        .report_value(ReportKey::OverviewChart)
        .map(str::trim)
        .unwrap_or_default();
    let index = indicators
        .iter()
        .position(|i| !wanted.is_empty() && (i.code == wanted || i.name == wanted))
        .unwrap_or(0);
    let indicator = indicators.get(index)?;
    let regions = rows.iter().map(|row| {
        let figure = &row.figures[index];
        let text = figure.text.value.as_deref().unwrap_or_default();
        (row.region.as_str(), figure.value, text)
    });
    Some(OverviewChart::new(
        &indicator.code,
        &indicator.name,
        format!("各{column}{}", indicator.label),
        &indicator.unit,
        column,
        regions,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::CellRef;
    use crate::model::{Regions, ReportField};

    fn indicator(code: &str, region: Option<&str>, value: f64) -> Indicator {
        Indicator::new(code, code, CellRef::new("指标", 1, 0))
            .with_value(value)
            .with_unit("亿元")
            .with_yoy(-1.5)
            .with_region(region.map(String::from))
    }

    /// The overview of two regions, 甲区 and 乙区, whose 标题 is `title`.
    fn overview(title: &str) -> Overview {
        overview_of(
            title,
            vec![
                indicator("city", None, 1422.22),
                indicator("gdp", Some("甲区"), 300.0),
                indicator("gdp", Some("乙区"), 800.0),
            ],
        )
    }

    /// The overview of `indicators` of 甲区 (compiled) and 乙区 (failed).
    fn overview_of(title: &str, indicators: Vec<Indicator>) -> Overview {
        let mut regions = Regions::new("地区", "指标");
        regions.add(1, "甲区");
        regions.add(2, "乙区");
        let briefing = Briefing {
            report: vec![ReportField {
                key: FieldKey::Known(ReportKey::Title),
                value: title.into(),
                cell: CellRef::new("报告", 1, 1),
            }],
            indicators,
            names: Default::default(),
            body: Vec::new(),
            tables: Vec::new(),
            rejected: Vec::new(),
            regions: Some(regions),
        };
        let ranks = Ranks::new(&briefing.indicators);
        let statuses = [
            ("甲区", Status::Compiled { pages: 2 }),
            (
                "乙区",
                Status::Failed {
                    errors: 1,
                    first: "错误".into(),
                },
            ),
        ];
        Overview::new("成绩单", &briefing, &ranks, &statuses)
    }

    #[test]
    fn the_pdf_prints_the_first_indicators_that_fit_and_counts_the_others() {
        // Two regions; a, b with 同比 (four figures a region), c without.
        let mut indicators = Vec::new();
        for code in ["a", "b", "c"] {
            for (region, value) in [("甲区", 300.0), ("乙区", 800.0)] {
                let mut i = indicator(code, Some(region), value);
                if code == "c" {
                    i.set(Column::Yoy, None);
                }
                indicators.push(i);
            }
        }
        let full = overview_of("上半年", indicators);
        assert_eq!(full.indicators.len(), 3);
        assert_eq!(full.indicators[2].growth_label, None);
        let codes =
            |o: &Overview| -> Vec<String> { o.indicators.iter().map(|i| i.code.clone()).collect() };
        // a and b: 2 × 4 + 2 × 4 = 16 figures; c would make 20.
        let cut = full.within(19);
        assert_eq!(
            (codes(&cut), cut.omitted),
            (vec!["a".into(), "b".into()], 1)
        );
        assert!(cut.rows.iter().all(|r| r.figures.len() == 2));
        assert_eq!(cut.rows[1].figures[..], full.rows[1].figures[..2]);
        let all = full.within(20);
        assert_eq!((codes(&all), all.omitted), (codes(&full), 0));
        // The first indicator whatever the limit: every region is listed.
        let first = full.within(1);
        assert_eq!((codes(&first), first.omitted), (vec!["a".into()], 2));
        assert_eq!(first.rows.len(), 2);
    }

    #[test]
    fn the_title_leaves_the_region_out_and_cites_only_shared_figures() {
        assert_eq!(
            overview("{地区}上半年经济运行情况").title,
            "上半年经济运行情况（按地区汇总）"
        );
        assert_eq!(
            overview("全市{city}").title,
            "全市1422.22亿元（按地区汇总）"
        );
        // A region's figure cannot title them all: the workbook's name does.
        assert_eq!(overview("{地区}{gdp}").title, "成绩单（按地区汇总）");
        let o = overview("{地区}上半年");
        assert_eq!(o.report["title"], "上半年（按地区汇总）");
        assert_eq!(
            o.document().report_str(ReportKey::Title),
            Some(o.title.as_str())
        );
    }

    #[test]
    fn rows_hold_each_regions_figures_ranks_and_outcome() {
        let o = overview("x");
        assert_eq!((o.compiled, o.failed), (1, 1));
        assert_eq!(o.indicators.len(), 1);
        assert_eq!(o.indicators[0].label, "gdp（亿元）");
        assert_eq!(o.indicators[0].growth_label, Some("同比（%）"));
        let first = &o.rows[0].figures[0];
        assert_eq!((first.value, first.rank), (Some(300.0), Some(2)));
        // Both tie on 同比: both rank first.
        assert_eq!((first.growth, first.growth_rank), (Some(-1.5), Some(1)));
        assert_eq!(first.text.growth.as_deref(), Some("−1.5"));
        let json = serde_json::to_value(&o.rows[1]).unwrap();
        assert_eq!(json["status"], "failed");
        assert_eq!(json["errors"], 1);
        let chart = o.chart.unwrap();
        assert_eq!(chart.title, "各地区gdp（亿元）");
        assert_eq!(chart.bars.len(), 2);
    }

    #[test]
    fn figures_print_and_rank_with_the_decimals_the_sheet_shows() {
        // 同比 worked out by a formula, both figures formatted `0.0`.
        let one_decimal = |value| crate::model::Figure {
            decimals: Some(1),
            ..crate::model::Figure::new(value)
        };
        let shown = |region, value, yoy| {
            indicator("gdp", Some(region), value)
                .with_figure(Column::Value, one_decimal(value))
                .with_figure(Column::Yoy, one_decimal(yoy))
        };
        let o = overview_of(
            "x",
            vec![
                shown("甲区", 300.04, 5.638_297_872),
                shown("乙区", 300.01, 5.6),
            ],
        );
        let mine = &o.rows[0].figures[0];
        assert_eq!(mine.text.value.as_deref(), Some("300.0"));
        assert_eq!(mine.text.growth.as_deref(), Some("5.6"));
        assert_eq!((mine.value, mine.growth), (Some(300.0), Some(5.6)));
        // They read the same, so they share the first place.
        for row in &o.rows {
            let figure = &row.figures[0];
            assert_eq!((figure.rank, figure.growth_rank), (Some(1), Some(1)));
        }
        assert_eq!(o.chart.unwrap().bars[0].text, "300.0");
    }

    #[test]
    fn declines_print_with_a_minus_sign() {
        let printed = |n| printed(&Decimal::from_f64(n));
        assert_eq!(printed(-1.6), "−1.6");
        assert_eq!(printed(2450.0), "2450");
        assert_eq!(printed(-0.0), "0");
    }
}
