//! Figures as the sheet shows them: a figure is told, printed in a table
//! and ranked with the decimals of its cell's number format (`1422.22` of
//! a cell holding 1422.2248 formatted `0.00`), or as typed when the cell
//! says nothing.

use super::style::HouseStyle;
use crate::model::{Column, Growth, Indicator};
use crate::number::{Decimal, decimals_of, rounded};

/// The decimals the sheet shows for `figures` (each a column and its
/// value) when it shows them for any: the most of what each shows, or of
/// its own decimals. `None` when the sheet says nothing (told as typed).
pub(super) fn as_shown(indicator: &Indicator, figures: &[(Column, f64)]) -> Option<u32> {
    if figures
        .iter()
        .all(|(column, _)| indicator.shown_places(*column).is_none())
    {
        return None;
    }
    let each = |(column, value): &(Column, f64)| {
        indicator
            .shown_places(*column)
            .unwrap_or_else(|| decimals_of(*value))
    };
    figures.iter().map(each).max()
}

/// The figure `value` of `column` as the sheet shows it (`1422.22`).
pub fn shown_number(indicator: &Indicator, column: Column, value: f64) -> Decimal {
    rounded(value, as_shown(indicator, &[(column, value)]))
}

/// The growth as a table prints it and `{代码:增速位次}` ranks it: signed,
/// in percent or, for a rate, in percentage points, with the decimals
/// `{代码:同比}` words it with (`1.5`, `-1.6`); `None` without a growth.
pub fn growth_number(indicator: &Indicator) -> Option<Decimal> {
    let growth = indicator.growth()?;
    let (figure, places) = match growth {
        Growth::Points(points) => {
            let before = indicator.previous.unwrap_or_default();
            let value = indicator.value.unwrap_or_default();
            let figures = [(Column::Value, value), (Column::Previous, before)];
            (points, as_shown(indicator, &figures))
        }
        Growth::Typed(percent) => (percent, as_shown(indicator, &[(Column::Yoy, percent)])),
        Growth::Percent(percent) => (percent, growth.default_places()),
    };
    Some(rounded(figure, places))
}

/// The decimals a growth rate or a change in points is told with: as the
/// sheet shows it; else, in the house style's default, one decimal for a
/// whole number (9 → 9.0) or a figure with more than two (a formula's
/// 5.638291 → 5.6), typed ones and twos kept (0.31); else as typed
/// (保留原小数). The most over `figures`.
pub(super) fn rate_places(
    indicator: &Indicator,
    figures: &[(Column, f64)],
    style: &HouseStyle,
) -> Option<u32> {
    if !style.one_decimal {
        return as_shown(indicator, figures);
    }
    let each = |(column, value): &(Column, f64)| {
        indicator
            .shown_places(*column)
            .unwrap_or_else(|| general_places(*value))
    };
    figures.iter().map(each).max()
}

/// The decimals a figure of a General cell is told with: its own when it
/// has one or two, else one.
pub(super) fn general_places(value: f64) -> u32 {
    match decimals_of(value) {
        places @ 1..=2 => places,
        _ => 1,
    }
}
