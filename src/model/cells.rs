//! Reading one cell: numbers typed the ways people type them, dates, and
//! text (normalised when it is printed).

use chrono::NaiveDateTime;

use super::ReadOptions;
use super::problems::CellProblem;
use crate::diagnostic::{CellRef, Diagnostic};
use crate::number::{Decimal, format_number, is_rate};
use crate::workbook::{Sheet, Value};

/// Reads a number from a cell, the way people type them: numbers stored as
/// text ("1,422.22", " 1422.22 ", full-width "１４２２．２２"), with the row's
/// unit after them ("1422.22亿元"), with "%" in a percentage column, with a
/// "−" sign. A cell formatted as a percentage (Excel stores 1.5% as 0.015)
/// is read as the percentage it shows. `percent` says whether the column
/// holds percentages (同比).
///
/// Returns `Ok(None)` for a blank cell, and for error values and formulas
/// without results, which the table's cell check reports; a
/// [`CellProblem`] for anything else that is not a number.
///
/// # Errors
///
/// A [`CellProblem`] when the cell holds text that is not a number (`很多`),
/// a unit that differs from `unit` (`3万元` in a 亿元 row), or a date.
pub fn parse_number(value: &Value, unit: &str, percent: bool) -> Result<Option<f64>, CellProblem> {
    match value {
        Value::Number(n) => Ok(Some(*n)),
        Value::Percent(p) => {
            let shown = Decimal::from_f64(*p).shift(2).to_f64().unwrap_or(p * 100.0);
            if percent || unit.is_empty() || is_rate(unit) {
                Ok(Some(shown))
            } else {
                Err(CellProblem::Percent {
                    shown: format_number(shown),
                    unit: unit.to_string(),
                })
            }
        }
        v if v.is_blank() => Ok(None),
        Value::Error(_) | Value::Formula(_) => Ok(None),
        Value::Text(text) => parse_number_text(text, unit, percent).map(Some),
        other => Err(not_a_number(&other.to_text())),
    }
}

/// A number typed as text, maybe with the unit or "%" after it.
fn parse_number_text(text: &str, unit: &str, percent: bool) -> Result<f64, CellProblem> {
    let typed = half_width_number(text.trim());
    let split = typed
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '+')))
        .unwrap_or(typed.len());
    let (number, suffix) = typed.split_at(split);
    let suffix = suffix.trim();
    let parsed = number
        .replace(',', "")
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite());
    match parsed {
        None => Err(not_a_number(text)),
        Some(n) if suffix.is_empty() || suffix == unit => Ok(n),
        Some(n) if suffix == "%" && (percent || is_rate(unit)) => Ok(n),
        Some(_) if suffix.chars().all(|c| !c.is_ascii_digit()) && !percent => {
            Err(CellProblem::OtherUnit {
                typed: suffix.to_string(),
                unit: unit.to_string(),
            })
        }
        Some(_) => Err(not_a_number(text)),
    }
}

fn not_a_number(found: &str) -> CellProblem {
    CellProblem::NotANumber {
        found: found.to_string(),
    }
}

/// Whether a number cell looks like a percentage stored as a fraction
/// (0.015 for 1.5%): below one, with three or more decimals.
/// The decimals a number typed as text shows: 2 in `1536.00`, `1,536.00亿元`
/// or full-width `１５３６．００`; `None` without a decimal point.
pub(super) fn decimals_typed(text: &str) -> Option<u32> {
    let ascii = |c: char| match c {
        '．' => '.',
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        c => c,
    };
    let text: String = text.chars().map(ascii).collect();
    let (_, after) = text.split_once('.')?;
    let places = after.chars().take_while(char::is_ascii_digit).count();
    (places > 0).then_some(places as u32)
}

pub(super) fn looks_like_a_fraction(value: &Value) -> bool {
    matches!(value, Value::Number(n) if n.abs() < 1.0 && *n != 0.0
        && Decimal::from_f64(*n).decimals() >= 3)
}

/// Full-width digits and signs as their half-width forms, for reading
/// numbers typed with a Chinese input method (`１４２２．２２`, `−1.6`).
fn half_width_number(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '−' => '-',
            c => crate::normalize::half_width(c).unwrap_or(c),
        })
        .collect()
}

/// Reads a date written the usual ways: `2020-08-04`, `2020/8/4`,
/// `2020年8月4日`, optionally followed by a time (`2020年08月04日08:26`).
///
/// ```
/// use briefing::model::parse_date;
/// let d = parse_date("2020年08月04日08:26").unwrap();
/// assert_eq!(d.to_string(), "2020-08-04 08:26:00");
/// assert_eq!(parse_date("2020/8/4").unwrap().to_string(), "2020-08-04 00:00:00");
/// assert!(parse_date("上半年").is_none());
/// ```
pub fn parse_date(text: &str) -> Option<NaiveDateTime> {
    let numbers = date_numbers(text)?;
    let [year, month, day, rest @ ..] = numbers.as_slice() else {
        return None;
    };
    if *year < 1900 {
        return None;
    }
    let date = chrono::NaiveDate::from_ymd_opt(*year as i32, *month, *day)?;
    let (hour, minute) = match rest {
        [h, m, ..] => (*h, *m),
        _ => (0, 0),
    };
    date.and_hms_opt(hour, minute, 0)
}

/// The numbers of a text written as a date: year, month, day and maybe a
/// time (`2020年08月04日08:26` → 2020, 8, 4, 8, 26).
fn date_numbers(text: &str) -> Option<Vec<u32>> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().ok())
        .collect()
}

/// What is wrong with a text that is written like a date but names no
/// real day (`2020年13月45日`, `2021-02-29`, `2020年8月4日25:00`); `None`
/// for real dates and for text that is not written as a date at all
/// (`上半年`).
///
/// ```
/// use briefing::model::impossible_date;
/// assert!(impossible_date("2020年13月45日").unwrap().contains("13月"));
/// assert!(impossible_date("2021-02-29").is_some());
/// assert_eq!(impossible_date("2020年8月4日"), None);
/// assert_eq!(impossible_date("2020年上半年"), None);
/// ```
pub fn impossible_date(text: &str) -> Option<String> {
    let numbers = date_numbers(text)?;
    let [year, month, day, rest @ ..] = numbers.as_slice() else {
        return None;
    };
    if *year < 1900 || parse_date(text).is_some() {
        return None;
    }
    let problem = if !(1..=12).contains(month) {
        format!("没有{month}月")
    } else if chrono::NaiveDate::from_ymd_opt(*year as i32, *month, *day).is_none() {
        format!("{year}年{month}月没有{day}日")
    } else {
        let time: Vec<String> = rest.iter().map(u32::to_string).collect();
        format!("时间“{}”不存在", time.join(":"))
    };
    Some(format!("日期“{text}”不存在：{problem}"))
}

/// The value in absolute column `col` of a row slice.
pub(super) fn value_at(sheet: &Sheet, row: &[Value], col: Option<u32>) -> Value {
    col.and_then(|c| c.checked_sub(sheet.first_col))
        .and_then(|i| row.get(i as usize))
        .cloned()
        .unwrap_or(Value::Empty)
}

/// The trimmed text of a cell, or `None` when blank.
pub(super) fn text_at(sheet: &Sheet, row: &[Value], col: Option<u32>) -> Option<String> {
    let value = value_at(sheet, row, col);
    (!value.is_blank()).then(|| value.to_text().trim().to_string())
}

/// Like [`text_at`], for text that is printed: normalised (unless turned
/// off), with each change reported as a warning at the cell.
pub(super) fn prose_at(
    sheet: &Sheet,
    row: u32,
    cells: &[Value],
    col: Option<u32>,
    options: &ReadOptions,
    diags: &mut Vec<Diagnostic>,
) -> Option<String> {
    let text = text_at(sheet, cells, col)?;
    if !options.normalize {
        return Some(text);
    }
    let col = col?;
    if sheet.is_merge_copy(row, col) {
        // Reported at the merged cell itself.
        return Some(crate::normalize::normalize(&text).0);
    }
    let cell = CellRef::new(&sheet.name, row, col);
    Some(crate::normalize::normalize_reported(&text, &cell, diags))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_typed_as_text_are_read() {
        let text = |s: &str| Value::Text(s.into());
        let ok = |v: &Value, unit: &str, percent: bool| parse_number(v, unit, percent).unwrap();
        assert_eq!(ok(&text(" 1,422.22 "), "亿元", false), Some(1422.22));
        assert_eq!(ok(&text("1422.22亿元"), "亿元", false), Some(1422.22));
        assert_eq!(ok(&text("１４２２．２２"), "亿元", false), Some(1422.22));
        assert_eq!(ok(&text("1.5%"), "", true), Some(1.5));
        assert_eq!(ok(&text("−1.6"), "", true), Some(-1.6));
        assert_eq!(ok(&text("-1.6"), "", true), Some(-1.6));
        assert_eq!(ok(&Value::Percent(0.015), "", true), Some(1.5));
        assert_eq!(ok(&Value::Percent(0.946), "%", false), Some(94.6));
        assert_eq!(ok(&Value::Empty, "", false), None);
        assert_eq!(ok(&Value::Error("#DIV/0!".into()), "", false), None);
        let err = |v: &Value, unit: &str| parse_number(v, unit, false).unwrap_err().to_string();
        assert_eq!(err(&text("约一千"), ""), "应为数字，实际为“约一千”");
        assert!(err(&text("1422.22万元"), "亿元").contains("“万元”与“单位”列的“亿元”不一致"));
        assert!(err(&Value::Percent(0.5), "亿元").contains("百分比格式（显示为 50%）"));
    }
}
