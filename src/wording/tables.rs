//! Tables as statistics offices print them: the 附表 of main indicators
//! (指标 | 单位 | 本期 | 同比增长（%）), one 板块 of it, and any other sheet
//! of the workbook as it is laid out there.
//!
//! Every cell is finished text; a template only lays it out (numbers
//! aligned on the decimal point, header rows repeated on every page).

use serde::Serialize;

use super::shown::{growth_number, shown_number};
use crate::model::{Column, ExtraTable, HeaderCell, Indicator, is_no_figure};
use crate::workbook::Value;

/// One row of a table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TableRow {
    /// The row's cells, one per column; a group row has only its name.
    pub cells: Vec<String>,
    /// How many steps its first cell is indented: 1 for a 其中 row.
    pub indent: u32,
    /// Whether it is a row naming a group (板块), across every column.
    pub group: bool,
}

/// What a table holds, which decides how its columns share the width.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TableKind {
    /// Indicators (指标 | 单位 | figures): the name column takes the width
    /// the figures leave.
    Indicators,
    /// A sheet as it is laid out: every column as wide as it needs.
    Sheet,
}

/// A table, ready to lay out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TableDoc {
    /// Its title (the caption, without a number).
    pub title: String,
    /// What it holds.
    pub kind: TableKind,
    /// The header rows, merged cells spanning.
    pub header: Vec<Vec<HeaderCell>>,
    /// For each column, whether it holds numbers (aligned on the decimal
    /// point) rather than text.
    pub numeric: Vec<bool>,
    /// The rows below the header.
    pub rows: Vec<TableRow>,
    /// Notes printed under the table (`注：…`).
    pub notes: Vec<String>,
}

impl TableDoc {
    /// The table of main indicators (附表) titled `title`: each indicator's
    /// name, unit, value in `period` (the column's header), 上年同期 and
    /// 环比 when any indicator has one, and 同比; grouped by 板块 when
    /// `grouped` and any indicator has one.
    pub fn indicators(title: &str, period: &str, indicators: &[&Indicator], grouped: bool) -> Self {
        let with_previous = indicators
            .iter()
            .any(|i| i.figure(Column::Previous).is_some());
        let with_mom = indicators.iter().any(|i| i.figure(Column::Mom).is_some());
        let mut headers = vec!["指标", "单位", period];
        if with_previous {
            headers.push("上年同期");
        }
        headers.push("同比增长（%）");
        if with_mom {
            headers.push("环比增长（%）");
        }
        let row = |i: &Indicator| {
            let shown = |column| i.figure(column).map(|f| shown_number(f).to_string());
            let mut cells = vec![
                i.name.clone(),
                i.unit.clone(),
                shown(Column::Value).unwrap_or_else(|| "—".to_string()),
            ];
            if with_previous {
                cells.push(shown(Column::Previous).unwrap_or_default());
            }
            cells.push(growth_number(i).map(|g| g.to_string()).unwrap_or_default());
            if with_mom {
                cells.push(shown(Column::Mom).unwrap_or_default());
            }
            TableRow {
                cells,
                indent: i.details.depth.max(u32::from(is_part(&i.name))),
                group: false,
            }
        };
        let mut rows = Vec::with_capacity(indicators.len());
        if grouped && indicators.iter().any(|i| i.group.is_some()) {
            for (group, members) in by_group(indicators) {
                if let Some(name) = group {
                    rows.push(TableRow {
                        cells: vec![name.to_string()],
                        indent: 0,
                        group: true,
                    });
                }
                rows.extend(members.into_iter().map(row));
            }
        } else {
            rows.extend(indicators.iter().map(|i| row(i)));
        }
        let mut notes = Vec::new();
        if indicators
            .iter()
            .any(|i| matches!(i.growth(), Some(crate::model::Growth::Points(_))))
        {
            notes.push("注：比率类指标的同比增长为增减百分点。".to_string());
        }
        TableDoc {
            title: title.to_string(),
            kind: TableKind::Indicators,
            numeric: headers
                .iter()
                .map(|h| *h != "指标" && *h != "单位")
                .collect(),
            header: vec![headers.into_iter().map(HeaderCell::one).collect()],
            rows,
            notes,
        }
    }

    /// A sheet of the workbook as a table, as it is laid out there: its
    /// header rows (merged cells spanning), and its cells as the sheet
    /// shows them. A column is numeric when every filled cell of it holds
    /// a number.
    pub fn sheet(table: &ExtraTable) -> Self {
        let numeric = (0..table.headers.len())
            .map(|col| {
                let mut filled = table.rows.iter().map(|r| &r[col]).filter(|v| match v {
                    Value::Text(text) => !is_no_figure(text),
                    other => !other.is_blank(),
                });
                let mut any = false;
                let all = filled.all(|v| {
                    any = true;
                    matches!(v, Value::Number(_) | Value::Percent(_))
                });
                any && all
            })
            .collect();
        let rows = table
            .shown
            .iter()
            .zip(&table.indents)
            .map(|(cells, &indent)| {
                let mut cells = cells.clone();
                if let Some(first) = cells.first_mut() {
                    *first = first.trim().to_string();
                }
                TableRow {
                    indent,
                    cells,
                    group: false,
                }
            });
        TableDoc {
            title: table.caption.clone().unwrap_or_else(|| table.name.clone()),
            kind: TableKind::Sheet,
            header: table.header.clone(),
            numeric,
            rows: rows.collect(),
            notes: table.notes.clone(),
        }
    }
}

impl HeaderCell {
    /// A header cell of one row and one column.
    fn one(text: &str) -> HeaderCell {
        HeaderCell {
            text: text.to_string(),
            rowspan: 1,
            colspan: 1,
        }
    }
}

/// Whether a name is a part of the row above it, as bureaus mark one:
/// `其中：国有控股企业`, `#国有控股企业`.
fn is_part(name: &str) -> bool {
    name.starts_with("其中") || name.starts_with('#') || name.starts_with('＃')
}

/// `indicators` by group, in order of each group's first appearance; those
/// without a group first.
fn by_group<'a>(indicators: &[&'a Indicator]) -> Vec<(Option<&'a str>, Vec<&'a Indicator>)> {
    let mut groups: Vec<(Option<&str>, Vec<&Indicator>)> = vec![(None, Vec::new())];
    for &indicator in indicators {
        let group = indicator.group.as_deref();
        match groups.iter_mut().find(|(g, _)| *g == group) {
            Some((_, members)) => members.push(indicator),
            None => groups.push((group, vec![indicator])),
        }
    }
    groups.retain(|(_, members)| !members.is_empty());
    groups
}
