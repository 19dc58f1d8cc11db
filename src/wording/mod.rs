//! Figures worded the way statistics offices write them, and the
//! placeholders that put them into prose.
//!
//! This module owns every rule about how a number becomes text, so that no
//! template re-implements them: [`Document::new`] resolves the placeholders of
//! a checked [`Briefing`](crate::model::Briefing) and hands the template each figure both as data and
//! as finished text.
//!
//! - `numbers`: rounding, unit scaling and the wording of changes;
//! - `placeholder`: the `{代码:写法:参数}` forms in prose (documented for
//!   users in `docs/workbook.md`), and `render` words them;
//! - `document`: the [`Document`] a template receives;
//! - `error`: what can go wrong, as values, told to users in one place;
//! - `lint`: figures typed literally that disagree with the indicators.

mod blocks;
mod charts;
mod citations;
mod compare;
mod document;
mod error;
mod groups;
mod lint;
mod lookup;
mod needs;
mod numbers;
mod period;
mod phrase;
mod placeholder;
mod rank;
mod render;
mod shown;
mod style;
mod tables;

pub use blocks::Block;
pub use charts::{Bar, BarValue, ChartDoc, ChartKind, Line, MAX_BARS, Series, Shape};
use citations::Citations;
pub use compare::{compare_in, difference_in, influence, level_in, versus_in};
pub use document::{
    ChapterDoc, DateParts, Document, GroupDoc, IndicatorDoc, IndicatorText, SectionDoc, Worded,
};
pub use error::{FORMS_HINT, Other, Problem, WordingError};
use lookup::Lookup;
pub use numbers::{
    Verbs, change, change_as, compare, compare_as, level_change, point_change, pull, share,
    share_change, versus,
};
pub use period::Span;
pub use phrase::{Amount, Phrase, join};
pub use placeholder::{Form, Piece, Placeholder, Tally, scan};
pub use rank::{Rank, RankBy, Ranks};
use render::render;
pub use render::word;
pub use shown::{growth_number, shown_number};
pub use style::{
    Dash, Gap, HouseStyle, ListUnit, Respectively, Rise, Signs, Style, Than, style_words,
};
pub use tables::{TableDoc, TableKind, TableRow};

use crate::diagnostic::{CellRef, Diagnostic};
use crate::model::{Indicator, Text};

/// Resolves the placeholders of one text against `indicators`: the text as
/// it will be printed, or every problem found (placed at `cell`).
///
///
/// # Errors
///
/// Every problem of the text's placeholders, each at `cell`: an unknown
/// code or form, a figure the form needs that the indicator does not have,
/// an unclosed brace.
///
/// ```
/// use briefing::diagnostic::CellRef;
/// use briefing::model::Indicator;
/// use briefing::wording::fill;
///
/// let gdp = Indicator::new("gdp", "地区生产总值", CellRef::new("指标", 1, 0))
///     .with_value(1422.22)
///     .with_unit("亿元")
///     .with_yoy(1.5)
///     .with_previous_yoy(-1.7);
/// let cell = CellRef::new("正文", 1, 2);
/// let text = fill("实现地区生产总值{gdp}、{gdp:同比}，{gdp:比较:一季度}", &[gdp], &cell);
/// assert_eq!(text.unwrap(), "实现地区生产总值1422.22亿元、增长1.5%，增速由负转正");
/// ```
pub fn fill(
    text: &str,
    indicators: &[Indicator],
    cell: &CellRef,
) -> Result<String, Vec<Diagnostic>> {
    let lookup = Lookup::new(indicators, &[]);
    let text = Text {
        text: text.to_string(),
        cell: cell.clone(),
    };
    let mut found = Found::default();
    resolve(&text, &lookup, None, &mut found, &mut Vec::new()).ok_or(found.diags)
}

/// What resolving texts found: problems to report, and citations of rows
/// with errors, folded under those rows' own errors.
#[derive(Debug, Default)]
struct Found {
    /// Every problem found, warnings included.
    diags: Vec<Diagnostic>,
    /// The citations of rows with errors, and while no indicator could be
    /// read.
    citations: Citations,
}

/// The report being worded, when a workbook makes one report per region
/// (`--per`): prose cites its name as `{列名}` and its ranks as
/// `{代码:位次}`.
#[derive(Debug, Clone, Copy)]
pub struct Region<'a> {
    /// The column that names the region: `地区`.
    pub column: &'a str,
    /// This report's region: `城关区`.
    pub name: &'a str,
    /// The ranks across all regions of the batch.
    pub ranks: &'a Ranks,
}

/// Resolves the placeholders of `text` against `lookup`, reporting every
/// problem at the text's cell, except a citation of a row with an error
/// (counted under that row). Returns `None` when there was an error.
/// Phrases that relate an indicator to another (比重, 拉动, 对比) are
/// added to `cited`, by the code of the indicator they word.
fn resolve(
    text: &Text,
    lookup: &Lookup,
    region: Option<&Region>,
    found: &mut Found,
    cited: &mut Vec<(String, String)>,
) -> Option<String> {
    let mut out = String::with_capacity(text.text.len());
    let mut ok = true;
    for piece in scan(&text.text) {
        let worded = match piece {
            Piece::Literal(literal) => Ok(literal),
            Piece::Error(error) => Err(error),
            Piece::Placeholder(inner) => word_placeholder(inner, lookup, region, cited)
                .map_err(|problem| WordingError::placeholder(inner, problem)),
        };
        match worded {
            Ok(worded) => out.push_str(&worded),
            Err(error) => {
                ok = false;
                match error.rejected_row(lookup.rejected) {
                    Some(row) => found.citations.rows.push(row.clone()),
                    None if error.is_unknown_code() && lookup.is_empty() => {
                        found.citations.unread += 1;
                        found
                            .citations
                            .first_unread
                            .get_or_insert_with(|| (text.cell.clone(), error.clone()));
                    }
                    None => found.diags.push(error.at(&text.cell)),
                }
            }
        }
    }
    ok.then_some(out)
}

/// Words the placeholder typed as `{inner}`; a phrase relating an
/// indicator to another is added to `cited`.
fn word_placeholder(
    inner: &str,
    lookup: &Lookup,
    region: Option<&Region>,
    cited: &mut Vec<(String, String)>,
) -> Result<String, Problem> {
    let placeholder = Placeholder::parse(inner)?;
    if let Some(region) = region
        && placeholder.codes == [region.column]
    {
        if placeholder.is_bare() {
            return Ok(region.name.to_string());
        }
        return Err(Problem::RegionWithForm {
            column: region.column.to_string(),
        });
    }
    let worded = render(&placeholder, lookup, region)?;
    if placeholder.form.other().is_some() {
        for code in &placeholder.codes {
            cited.push((code.to_string(), worded.clone()));
        }
    }
    Ok(worded)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn indicator(code: &str, value: f64, unit: &str, yoy: Option<f64>) -> Indicator {
        Indicator::new(code, code, CellRef::new("指标", 1, 0))
            .with_value(value)
            .with_unit(unit)
            .with_yoy(yoy)
    }

    fn run(text: &str) -> (Option<String>, Vec<Diagnostic>) {
        let gdp = indicator("gdp", 1422.22, "亿元", Some(1.5));
        let jobs = indicator("jobs", 4.29, "万人", None);
        let indicators = [gdp, jobs];
        let lookup = Lookup::new(&indicators, &[]);
        let text = Text {
            text: text.to_string(),
            cell: CellRef::new("正文", 4, 2),
        };
        let mut found = Found::default();
        let out = resolve(&text, &lookup, None, &mut found, &mut Vec::new());
        (out, found.diags)
    }

    #[test]
    fn placeholders_give_the_seed_wording() {
        let (out, diags) = run("实现地区生产总值{gdp}、{gdp:同比}，新增就业{jobs}");
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(
            out.unwrap(),
            "实现地区生产总值1422.22亿元、增长1.5%，新增就业4.29万人"
        );
        assert_eq!(run("{gdp:数值}{gdp：value}").0.unwrap(), "1422.221422.22");
        assert_eq!(run("{{字面}}").0.unwrap(), "{字面}");
    }

    #[test]
    fn every_bad_placeholder_is_reported_at_its_cell() {
        let (out, diags) = run("{nope} {gdp:定基} {jobs:同比} {jobs:上年同期} 尾}");
        assert_eq!(out, None);
        let messages: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
        assert_eq!(messages.len(), 5, "{messages:#?}");
        assert!(messages.iter().all(|m| m.starts_with("错误: 正文!C5：")));
        assert!(messages[0].contains("“nope”在“指标”工作表中不存在"));
        assert!(messages[1].contains("“定基”不认识"));
        assert!(messages[2].contains("“同比”"));
        assert!(messages[3].contains("“上年同期”"));
        assert!(messages[4].contains("多余的“}”"));
        let (out, diags) = run("增长{gdp:同比");
        assert_eq!(out, None);
        assert!(diags[0].message.contains("没有闭合"), "{diags:?}");
    }

    #[test]
    fn changes_are_worded_by_sign() {
        assert_eq!(change(17.2, None), "增长17.2%");
        assert_eq!(change(-5.0, None), "下降5%");
        assert_eq!(change(0.0, None), "持平");
    }
}
