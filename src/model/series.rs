//! A briefing's data as a series of months: the period a bureau's data
//! file reports on, read from its tables' titles and headers (never from
//! the file's date), and the figures of earlier periods' files joined to
//! this period's indicators by name, so that 上期 comparisons need no
//! column of the previous period.

use super::bureau::{self, Period};
use super::problems::{Problem, SeriesProblem};
use super::vocabulary::{Column, REPORT_SHEET, matches_any, normalize_header};
use super::{Briefing, ReadOptions, ReportKey};
use crate::diagnostic::{CellRef, Diagnostic};
use crate::number::format_number;
use crate::workbook::{Value, Workbook};

/// The month a data file reports on (to its end: 1-11月 and 11月 are
/// both of November), with its year when the file names one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DataPeriod {
    /// The year, when the title or header names it.
    pub year: Option<i32>,
    /// The month, 1 to 12.
    pub month: u32,
}

impl DataPeriod {
    /// The period as messages and file names say it: `2023年11月`.
    pub fn name(&self) -> String {
        match self.year {
            Some(year) => format!("{year}年{}月", self.month),
            None => format!("{}月", self.month),
        }
    }

    /// The 报告期 it gives a briefing whose 报告 names none: `2023年1—11月`
    /// (`2023年1月` in January).
    pub fn report_period(&self) -> String {
        let year = self.year.map(|y| format!("{y}年")).unwrap_or_default();
        match self.month {
            1 => format!("{year}1月"),
            m => format!("{year}1—{m}月"),
        }
    }

    /// The cumulative period as prose names it: `1—11月份`.
    pub fn spoken(&self) -> String {
        match self.month {
            1 => "1月份".into(),
            m => format!("1—{m}月份"),
        }
    }

    /// The month before, in the same year (a year's series starts again
    /// in January).
    pub fn before(&self) -> Option<DataPeriod> {
        (self.month > 1).then(|| DataPeriod {
            year: self.year,
            month: self.month - 1,
        })
    }
}

/// The period of a data file and where it was read.
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodFound {
    /// The period.
    pub period: DataPeriod,
    /// The text it was read from: the table's title or a header.
    pub source: String,
}

/// The period a data workbook reports on: from the title of its first
/// bureau table that names one (2023年1-11月全县主要经济指标), else from
/// the header of the group that table leads with (1-11月).
pub fn data_period(workbook: &Workbook) -> Option<PeriodFound> {
    let options = ReadOptions::default();
    for sheet in workbook.sheets.iter().filter(|s| s.visible) {
        let mut ignored = Vec::new();
        let Some(table) = bureau::read(sheet, &options, &mut ignored) else {
            continue;
        };
        let caption = table.table.caption.clone().unwrap_or_default();
        if let Some((year, period)) = bureau::period_in_title(&caption)
            && let Some(month) = period.end
        {
            return Some(PeriodFound {
                period: DataPeriod {
                    year: year.and_then(|y| i32::try_from(y).ok()),
                    month,
                },
                source: caption,
            });
        }
        let lead: &Period = table.groups.get(table.lead_group())?;
        let found = bureau::period_in_title(&lead.label)
            .or_else(|| bureau::period(&lead.label).map(|p| (None, p)));
        if let Some((year, period)) = found
            && let Some(month) = period.end
        {
            let year = year
                .and_then(|y| i32::try_from(y).ok())
                .or_else(|| year_in(&caption));
            return Some(PeriodFound {
                period: DataPeriod { year, month },
                source: lead.label.clone(),
            });
        }
    }
    None
}

/// The first year a text names: 2023 in `2023年全县主要经济指标`.
fn year_in(text: &str) -> Option<i32> {
    let chars: Vec<char> = text.chars().collect();
    chars.windows(5).find_map(|w| {
        (w[4] == '年' && w[..4].iter().all(char::is_ascii_digit))
            .then(|| w[..4].iter().collect::<String>().parse().ok())
            .flatten()
    })
}

/// The text of a 报告 field in a workbook's cells, with its cell, read
/// before the workbook is: the data file it names must be read with it.
pub fn report_field(workbook: &Workbook, key: ReportKey) -> Option<(String, CellRef)> {
    let sheet = workbook
        .sheets
        .iter()
        .find(|s| matches_any(&normalize_header(&s.name), REPORT_SHEET))?;
    let text = |v: &Value| match v {
        Value::Text(t) => Some(t.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    };
    for (r, row) in sheet.rows.iter().enumerate() {
        let mut cells = row.iter().enumerate().filter(|(_, v)| !v.is_blank());
        let Some((_, first)) = cells.next() else {
            continue;
        };
        if !text(first).is_some_and(|t| ReportKey::named(&t) == Some(key)) {
            continue;
        }
        let (c, value) = cells.next()?;
        let cell = CellRef::new(
            &sheet.name,
            sheet.first_row + r as u32,
            sheet.first_col + c as u32,
        );
        return text(value).map(|t| (t, cell));
    }
    None
}

/// An earlier period's data: its period, the file it came from (for
/// messages) and what it says.
#[derive(Debug, Clone)]
pub struct Earlier {
    /// Its period.
    pub period: DataPeriod,
    /// Its file's name.
    pub file: String,
    /// Its indicators, read as a briefing's.
    pub briefing: Briefing,
}

/// Joins the earlier periods' figures to `briefing`'s indicators of
/// `current` (read from the file named `file`): each indicator's 上期同比
/// and 上期值 come from the previous month's file when this month's has
/// none; a figure that this month's file gives differently is a revision,
/// which wins and is said. A month missing between the earliest file and
/// this one is a warning naming it.
pub fn join_earlier(
    briefing: &mut Briefing,
    current: DataPeriod,
    file: &str,
    earlier: &[Earlier],
    diags: &mut Vec<Diagnostic>,
) {
    let same_year: Vec<&Earlier> = earlier
        .iter()
        .filter(|e| e.period.year == current.year && e.period.month < current.month)
        .collect();
    if let Some(first) = same_year.iter().map(|e| e.period.month).min() {
        let found: Vec<String> = same_year.iter().map(|e| e.period.name()).collect();
        for month in first..current.month {
            if same_year.iter().any(|e| e.period.month == month) {
                continue;
            }
            let missing = DataPeriod {
                year: current.year,
                month,
            };
            let problem = SeriesProblem::MissingMonth {
                missing: missing.name(),
                found: found.join("、"),
                current: current.name(),
            };
            diags.push(problem.at(None));
        }
    }
    for indicator in &mut briefing.indicators {
        indicator.details.series = series_of(indicator, current, &same_year);
    }
    let Some((previous, spoken)) = previous_period(current, earlier, &same_year) else {
        return;
    };
    let before = previous.period;
    for indicator in &mut briefing.indicators {
        let Some(old) = previous
            .briefing
            .indicators
            .iter()
            .find(|i| i.code == indicator.code)
        else {
            continue;
        };
        let pairs = [
            (Column::PreviousYoy, Column::Yoy, "同比"),
            (Column::LastPeriod, Column::Value, "数值"),
        ];
        // A whole year's total is no earlier figure of this year's sum.
        let across_years = before.year != current.year;
        for (here, there, what) in pairs {
            if across_years && here == Column::LastPeriod {
                continue;
            }
            let Some(theirs) = old.figure(there) else {
                continue;
            };
            match indicator.get(here) {
                None => {
                    // With its decimals, and its cell in the earlier file.
                    indicator.set(here, theirs.clone());
                    indicator.details.last_period_name = Some(spoken.clone());
                }
                Some(revised) if (revised - theirs.value).abs() > 1e-9 => {
                    let problem = SeriesProblem::Revised {
                        name: indicator.name.clone(),
                        spoken: spoken.clone(),
                        what,
                        before: before.name(),
                        before_file: previous.file.clone(),
                        old: format_number(theirs.value),
                        current: current.name(),
                        file: file.to_string(),
                        revised: format_number(revised),
                    };
                    diags.push(problem.at(indicator.cell.clone()));
                }
                Some(_) => {}
            }
        }
    }
}

/// The period the 上期 comparisons of `current` are with, and its name
/// in prose: the month before, from its file (`1—10月份`); for the first
/// period of a year (1月, or 1-2月 where January is not published alone)
/// with no earlier file of its year, the year before's whole-year figures
/// from its December file, named `上年全年` as statistics offices print
/// it ("增速比上年全年加快1.2个百分点"), never as a 1—12月份 of this
/// year.
fn previous_period<'a>(
    current: DataPeriod,
    earlier: &'a [Earlier],
    same_year: &[&'a Earlier],
) -> Option<(&'a Earlier, String)> {
    if let Some(before) = current.before()
        && let Some(previous) = same_year.iter().find(|e| e.period == before)
    {
        return Some((previous, before.spoken()));
    }
    let year = current.year?;
    if current.month > 2 || !same_year.is_empty() {
        return None;
    }
    let december = DataPeriod {
        year: Some(year - 1),
        month: 12,
    };
    let previous = earlier.iter().find(|e| e.period == december)?;
    Some((previous, "上年全年".to_string()))
}

/// The 同比 of `indicator` over the months of `earlier` and `current`,
/// oldest first: each month's figure from the latest file that gives it
/// (a month's file, or the next month's column of its previous period).
/// Empty when no earlier month has a figure.
fn series_of(
    indicator: &super::Indicator,
    current: DataPeriod,
    earlier: &[&Earlier],
) -> Vec<(String, f64)> {
    let find = |e: &Earlier| {
        e.briefing
            .indicators
            .iter()
            .find(|i| i.code == indicator.code)
            .cloned()
    };
    let mut months: Vec<(u32, f64)> = Vec::new();
    let mut set = |month: u32, figure: Option<f64>| {
        if let Some(figure) = figure {
            months.retain(|(m, _)| *m != month);
            months.push((month, figure));
        }
    };
    let mut sorted: Vec<&Earlier> = earlier.to_vec();
    sorted.sort_by_key(|e| e.period);
    for e in sorted {
        if let Some(old) = find(e) {
            if e.period.month > 1 {
                set(e.period.month - 1, old.get(Column::PreviousYoy));
            }
            set(e.period.month, old.get(Column::Yoy));
        }
    }
    if current.month > 1 {
        set(current.month - 1, indicator.get(Column::PreviousYoy));
    }
    set(current.month, indicator.get(Column::Yoy));
    months.sort_by_key(|(m, _)| *m);
    if months.len() < 2 {
        return Vec::new();
    }
    months
        .into_iter()
        .map(|(m, figure)| {
            let label = DataPeriod {
                month: m,
                ..current
            }
            .spoken();
            (label.trim_end_matches('份').to_string(), figure)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_period_is_named_and_followed() {
        let p = DataPeriod {
            year: Some(2023),
            month: 11,
        };
        assert_eq!(p.name(), "2023年11月");
        assert_eq!(p.report_period(), "2023年1—11月");
        assert_eq!(p.spoken(), "1—11月份");
        assert_eq!(p.before().map(|b| b.month), Some(10));
        assert_eq!(DataPeriod { month: 1, ..p }.before(), None);
        assert_eq!(year_in("2023年全县主要经济指标"), Some(2023));
        assert_eq!(year_in("全县主要经济指标"), None);
    }
}
