//! Figures as the sheet shows them: a figure is told, printed in a table
//! and ranked with the decimals of its cell's number format (`1422.22` of
//! a cell holding 1422.2248 formatted `0.00`), or as typed when the cell
//! says nothing.

use super::style::HouseStyle;
use crate::model::{Column, Figure, Growth, Indicator};
use crate::number::{Decimal, decimals_of, rounded};

/// The decimals the sheet shows for `figures` when it shows them for any:
/// the most of what each shows, or of its own decimals. `None` when the
/// sheet says nothing (told as typed).
pub(super) fn as_shown(figures: &[&Figure]) -> Option<u32> {
    if figures.iter().all(|f| f.decimals.is_none()) {
        return None;
    }
    let each = |f: &&Figure| f.decimals.unwrap_or_else(|| decimals_of(f.value));
    figures.iter().map(each).max()
}

/// The figure as the sheet shows it (`1422.22`).
pub fn shown_number(figure: &Figure) -> Decimal {
    rounded(figure.value, figure.decimals)
}

/// The growth as a table prints it and `{代码:增速位次}` ranks it: signed,
/// in percent or, for a rate, in percentage points, with the decimals
/// `{代码:同比}` words it with (`1.5`, `-1.6`); `None` without a growth.
pub fn growth_number(indicator: &Indicator) -> Option<Decimal> {
    let growth = indicator.growth()?;
    let (figure, places) = match growth {
        Growth::Points(points) => {
            let figures = [Column::Value, Column::Previous].map(|c| indicator.figure(c));
            (
                points,
                as_shown(&figures.into_iter().flatten().collect::<Vec<_>>()),
            )
        }
        Growth::Typed(percent) => (percent, indicator.figure(Column::Yoy)?.decimals),
        Growth::Percent(percent) => (percent, growth.default_places()),
    };
    Some(rounded(figure, places))
}

/// The decimals a growth rate or a change in points is told with: as the
/// sheet shows it; else, in the house style's default, one decimal for a
/// whole number (9 → 9.0) or a figure with more than two (a formula's
/// 5.638291 → 5.6), typed ones and twos kept (0.31); else as typed
/// (保留原小数). The most over `figures`.
pub(super) fn rate_places(figures: &[&Figure], style: &HouseStyle) -> Option<u32> {
    if !style.one_decimal {
        return as_shown(figures);
    }
    let each = |f: &&Figure| f.decimals.unwrap_or_else(|| general_places(f.value));
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
