//! One workbook, one report per region: the indicator sheet's rows are cut
//! by the value of one column (`--per 地区`), or a wide sheet gives each
//! region's figures on its row (see `wide`).
//!
//! A row whose cell in that column is empty belongs to every report (the
//! city-wide figures a district report cites); any other row belongs to the
//! report of its value. With a wide sheet, each of its rows belongs to the
//! report of its region, and the indicator sheet's rows to every report.
//! [`Briefing::for_region`] makes each report's briefing, and
//! [`Regions::diagnostics_for`] gives each report the problems that concern
//! it.

use std::collections::{HashMap, HashSet};

use super::problems::{Problem, RegionProblem};
use super::{Briefing, FieldKey, ReportKey};
use crate::diagnostic::Diagnostic;

/// The regions of a workbook read per region, in order of first appearance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Regions {
    /// The column that names the region, as given (`地区`). Prose cites the
    /// current region's name as `{地区}`.
    pub column: String,
    /// The sheet whose rows belong to regions: the indicator sheet, or the
    /// wide sheet when the workbook has one.
    pub sheet: String,
    /// Every region, in order of first appearance.
    pub names: Vec<String>,
    /// The region of each row of `sheet` that has one (zero-based row
    /// index), errors or not.
    pub rows: HashMap<u32, String>,
    /// The names in `names`, to find one at once among thousands.
    seen: HashSet<String>,
}

impl Regions {
    /// No regions yet, of `column` on `sheet`.
    pub(crate) fn new(column: impl Into<String>, sheet: impl Into<String>) -> Self {
        Regions {
            column: column.into(),
            sheet: sheet.into(),
            names: Vec::new(),
            rows: HashMap::new(),
            seen: HashSet::new(),
        }
    }

    /// Records that `row` belongs to `region`.
    pub(crate) fn add(&mut self, row: u32, region: &str) {
        if !self.seen.contains(region) {
            self.seen.insert(region.to_string());
            self.names.push(region.to_string());
        }
        self.rows.insert(row, region.to_string());
    }

    /// The diagnostics that concern `region`'s report: those at a row of
    /// that region, and those anywhere but at another region's row.
    pub fn diagnostics_for(&self, region: &str, diagnostics: &[Diagnostic]) -> Vec<Diagnostic> {
        diagnostics
            .iter()
            .filter(|d| match &d.cell {
                Some(cell) if cell.sheet == self.sheet => {
                    self.rows.get(&cell.row).is_none_or(|owner| owner == region)
                }
                _ => true,
            })
            .cloned()
            .collect()
    }
}

impl Briefing {
    /// The briefing of one region's report: the indicators shared by all
    /// regions and those of `region`, in sheet order.
    pub fn for_region(&self, region: &str) -> Briefing {
        let mine = |r: &Option<String>| r.as_deref().is_none_or(|r| r == region);
        Briefing {
            report: self.report.clone(),
            indicators: self
                .indicators
                .iter()
                .filter(|i| mine(&i.region))
                .cloned()
                .collect(),
            body: self.body.clone(),
            tables: self.tables.clone(),
            names: self.names.clone(),
            rejected: self
                .rejected
                .iter()
                .filter(|r| mine(&r.region))
                .cloned()
                .collect(),
            regions: self.regions.clone(),
        }
    }
}

impl Briefing {
    /// Warns when the 报告's 总览图 names no indicator filled in per
    /// region (by code or name): the overview then draws the first one.
    /// Says nothing when the workbook is not read per region.
    pub(super) fn check_overview_chart(&self, diags: &mut Vec<Diagnostic>) {
        let key = FieldKey::Known(ReportKey::OverviewChart);
        let (Some(regions), Some(field)) =
            (&self.regions, self.report.iter().find(|f| f.key == key))
        else {
            return;
        };
        let wanted = field.value.trim();
        let per_region = || self.indicators.iter().filter(|i| i.region.is_some());
        if wanted.is_empty() || per_region().any(|i| i.code == wanted || i.name == wanted) {
            return;
        }
        let mut codes: Vec<String> = Vec::new();
        for i in per_region() {
            if !codes.contains(&i.code) {
                codes.push(i.code.clone());
            }
        }
        let (wanted, column) = (wanted.to_string(), regions.column.clone());
        let problem = match self
            .indicators
            .iter()
            .find(|i| i.code == wanted || i.name == wanted)
        {
            Some(_) => RegionProblem::SharedOverview {
                wanted,
                column,
                codes,
            },
            None => RegionProblem::UnknownOverview {
                wanted,
                column,
                codes,
            },
        };
        diags.push(problem.at(field.cell.clone()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::CellRef;

    #[test]
    fn a_problem_at_a_regions_row_concerns_that_region_only() {
        let mut regions = Regions::new("地区", "指标");
        regions.add(1, "城关区");
        regions.add(2, "西固区");
        regions.add(3, "城关区");
        assert_eq!(regions.names, ["城关区", "西固区"]);
        let at = |sheet: &str, row| Diagnostic::error(Some(CellRef::new(sheet, row, 0)), "x");
        let all = [
            at("指标", 1),
            at("指标", 2),
            at("指标", 4),
            at("正文", 2),
            Diagnostic::error(None, "y"),
        ];
        let cells = |region| -> Vec<String> {
            regions
                .diagnostics_for(region, &all)
                .iter()
                .map(|d| d.cell.as_ref().map_or("-".into(), |c| c.to_string()))
                .collect()
        };
        assert_eq!(cells("城关区"), ["指标!A2", "指标!A5", "正文!A3", "-"]);
        assert_eq!(cells("西固区"), ["指标!A3", "指标!A5", "正文!A3", "-"]);
    }
}
