//! Tables in Word: the tables of the text and the 附表 (merged header
//! cells, the header repeated on every page), the default template's
//! headline cards, and the bulletin's 版记.

use docx_rs::{
    AlignmentType, BorderType, Paragraph, Run, Shading, Tab, TabValueType, Table, TableBorder,
    TableBorderPosition, TableBorders, TableCell, TableCellBorder, TableCellBorderPosition,
    TableCellBorders, TableLayoutType, TableRow, VAlignType, VMergeType, WidthType,
};

use super::look::{self, FontNames, Look, Role, id, pt};
use crate::wording::{Document, GroupDoc, TableDoc, TableKind};

/// Border widths in eighths of a point.
const THIN: usize = 4;
const THICK: usize = 10;

/// A table of the text or the 附表: a 公文's ruled in every cell, the
/// default template's a three-line table (三线表). Header rows carry
/// their merged cells and repeat on every page (marked by
/// [`super::patch`]); numbers stand flush right, as the sheet shows them.
pub(super) fn table(t: &TableDoc, look: Look, fonts: &FontNames) -> Table {
    let columns = t.numeric.len();
    let widths = widths(t, look);
    let three_line = !look.official();
    let head_rows = t.header.len();
    let mut rows = Vec::new();
    let width_of = |col: usize, span: usize| widths[col..(col + span).min(columns)].iter().sum();
    for (r, cells) in header_grid(t).into_iter().enumerate() {
        let mut row = Vec::new();
        let mut col = 0;
        for slot in cells {
            let (text, span, merge) = match slot {
                Slot::Start {
                    text,
                    colspan,
                    rowspan,
                } => (text, colspan, (rowspan > 1).then_some(VMergeType::Restart)),
                Slot::Below { colspan } => (String::new(), colspan, Some(VMergeType::Continue)),
            };
            let p = Paragraph::new()
                .style(id::TABLE_HEAD)
                .add_run(Run::new().add_text(text));
            let mut cell = TableCell::new()
                .add_paragraph(p)
                .width(width_of(col, span), WidthType::Dxa)
                .vertical_align(VAlignType::Center)
                .grid_span(span);
            col += span;
            if let Some(merge) = merge {
                cell = cell.vertical_merge(merge);
            }
            if three_line {
                cell = cell.set_borders(rules(r + 1 == head_rows));
            }
            row.push(cell);
        }
        // Marks the header row: repeated on each page, never split.
        rows.push(TableRow::new(row).cant_split());
    }
    for body in &t.rows {
        let mut row = Vec::new();
        if body.group {
            let mut run = Run::new()
                .add_text(body.cells.first().cloned().unwrap_or_default())
                .fonts(look::fonts(fonts, Role::Hei));
            if three_line {
                run = run.bold().color("B3141C");
            }
            let p = Paragraph::new().style(id::TABLE_TEXT).add_run(run);
            let mut cell = TableCell::new()
                .add_paragraph(p)
                .width(width_of(0, columns), WidthType::Dxa)
                .grid_span(columns);
            if three_line {
                cell = cell.set_borders(rules(false));
            }
            rows.push(TableRow::new(vec![cell]));
            continue;
        }
        for (c, &width) in widths.iter().enumerate() {
            let text = body.cells.get(c).cloned().unwrap_or_default();
            let mut p = Paragraph::new()
                .style(id::TABLE_TEXT)
                .add_run(Run::new().add_text(text));
            if t.numeric[c] {
                p = p.align(AlignmentType::Right);
            } else if c == 0 && body.indent > 0 {
                let indent = pt(look.table_size()) * body.indent as i32;
                p = p.indent(Some(indent), None, None, None);
            }
            let mut cell = TableCell::new()
                .add_paragraph(p)
                .width(width, WidthType::Dxa)
                .vertical_align(VAlignType::Center);
            if three_line {
                cell = cell.set_borders(rules(false));
            }
            row.push(cell);
        }
        rows.push(TableRow::new(row));
    }
    let width: usize = widths.iter().sum();
    let widths = widths.clone();
    let borders = match three_line {
        true => TableBorders::with_empty()
            .set(edge(TableBorderPosition::Top, THICK))
            .set(edge(TableBorderPosition::Bottom, THICK)),
        false => TableBorders::with_empty()
            .set(edge(TableBorderPosition::Top, THIN))
            .set(edge(TableBorderPosition::Bottom, THIN))
            .set(edge(TableBorderPosition::Left, THIN))
            .set(edge(TableBorderPosition::Right, THIN))
            .set(edge(TableBorderPosition::InsideH, THIN))
            .set(edge(TableBorderPosition::InsideV, THIN)),
    };
    Table::new(rows)
        .set_grid(widths)
        .width(width, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .set_borders(borders)
}

/// A table's edge or inner rule, black.
fn edge(position: TableBorderPosition, size: usize) -> TableBorder {
    TableBorder::new(position)
        .border_type(BorderType::Single)
        .size(size)
        .color("000000")
}

/// A three-line table's cell: no rules of its own but the thin one under
/// the last header row.
fn rules(under_header: bool) -> TableCellBorders {
    let borders = TableCellBorders::with_empty();
    match under_header {
        true => borders.set(
            TableCellBorder::new(TableCellBorderPosition::Bottom)
                .border_type(BorderType::Single)
                .size(THIN)
                .color("000000"),
        ),
        false => borders,
    }
}

/// A cell of the header's grid.
enum Slot {
    /// Where a header cell starts.
    Start {
        text: String,
        colspan: usize,
        rowspan: usize,
    },
    /// Under a cell merged down from a row above.
    Below { colspan: usize },
}

/// The header rows as Word lays them out: every row has a cell at every
/// column, those under a cell merged down continuing it.
fn header_grid(t: &TableDoc) -> Vec<Vec<Slot>> {
    let columns = t.numeric.len();
    // For each column, the rows still covered by a cell above, and its span.
    let mut covered: Vec<(usize, usize)> = vec![(0, 1); columns];
    let mut grid = Vec::new();
    for row in &t.header {
        let mut slots = Vec::new();
        let mut cells = row.iter();
        let mut col = 0;
        while col < columns {
            let (left, span) = covered[col];
            if left > 0 {
                covered[col].0 -= 1;
                slots.push(Slot::Below { colspan: span });
                col += span;
                continue;
            }
            let Some(cell) = cells.next() else {
                // A short row: its last cells empty.
                slots.push(Slot::Start {
                    text: String::new(),
                    colspan: 1,
                    rowspan: 1,
                });
                col += 1;
                continue;
            };
            let colspan = (cell.colspan as usize).clamp(1, columns - col);
            let rowspan = (cell.rowspan as usize).max(1);
            covered[col] = (rowspan - 1, colspan);
            slots.push(Slot::Start {
                text: cell.text.clone(),
                colspan,
                rowspan,
            });
            col += colspan;
        }
        grid.push(slots);
    }
    grid
}

/// The columns' widths in twips: each as wide as its widest cell (a Han
/// character one em, other characters 0.6) and its padding; shrunk to
/// the type area's width when wider. The name column of indicators takes
/// what the others leave, as in the PDF.
fn widths(t: &TableDoc, look: Look) -> Vec<usize> {
    let size = pt(look.table_size()) as f64;
    let room = look.text_width() as f64;
    // Word's cell margins (0.19 cm a side) and a little air.
    let pad = 2.0 * pt(8.0) as f64;
    let ems = |s: &str| -> f64 {
        s.chars()
            .map(|c| if (c as u32) < 0x2E80 { 0.6 } else { 1.0 })
            .sum()
    };
    let columns = t.numeric.len();
    let mut need: Vec<f64> = (0..columns)
        .map(|c| {
            let cells = t
                .rows
                .iter()
                .filter(|r| !r.group)
                .filter_map(|r| r.cells.get(c))
                .map(|s| ems(s));
            let widest = cells.fold(2.0, f64::max);
            let widest = match (t.numeric[c], t.kind) {
                (false, TableKind::Sheet) => widest.min(8.0),
                _ => widest,
            };
            // A header of one column wraps onto two lines at most.
            let heading = t
                .header
                .iter()
                .flatten()
                .filter(|h| h.colspan == 1)
                .map(|h| ems(&h.text) / 2.0)
                .fold(0.0, f64::max);
            widest.max(heading.min(6.0)) * size + pad
        })
        .collect();
    if t.kind == TableKind::Indicators && columns > 1 {
        let others: f64 = need[1..].iter().sum();
        need[0] = (room - others).max(6.0 * size + pad);
    }
    let total: f64 = need.iter().sum();
    let scale = if total > room || t.kind == TableKind::Indicators {
        room / total
    } else {
        1.0
    };
    need.iter().map(|w| (w * scale).floor() as usize).collect()
}

/// The default template's headline cards: one to a row (the PDF sets two
/// side by side; one to a row reads and edits more easily), each a
/// group's name, its leading figure, the indicator's name and the
/// group's sentence, on a tint with a red rule on its left.
pub(super) fn cards(document: &Document, groups: &[&GroupDoc], fonts: &FontNames) -> Table {
    let red = "B3141C";
    let hei = || look::fonts(fonts, Role::Hei);
    let width = Look::Default.text_width() as usize;
    let card = |group: &GroupDoc| {
        let lead = group
            .indicators
            .first()
            .and_then(|code| document.indicators.iter().find(|i| &i.figures.code == code));
        let mut cell = TableCell::new()
            .width(width, WidthType::Dxa)
            .shading(Shading::new().fill("FAF3F0"))
            .set_borders(
                TableCellBorders::with_empty().set(
                    TableCellBorder::new(TableCellBorderPosition::Left)
                        .border_type(BorderType::Single)
                        .size(16)
                        .color(red),
                ),
            )
            .add_paragraph(
                Paragraph::new().style(id::TABLE_TEXT).add_run(
                    Run::new()
                        .add_text(&group.name)
                        .fonts(hei())
                        .size(20)
                        .bold()
                        .color(red),
                ),
            );
        if let Some(lead) = lead {
            let mut figure = Paragraph::new().style(id::TABLE_TEXT).add_run(
                Run::new()
                    .add_text(&lead.text.number)
                    .fonts(hei())
                    .size(42)
                    .bold()
                    .color(red),
            );
            figure = figure.add_run(
                Run::new()
                    .add_text(&lead.figures.unit)
                    .fonts(hei())
                    .size(20)
                    .bold()
                    .color(red),
            );
            if let Some(yoy) = &lead.text.yoy {
                figure = figure.add_run(
                    Run::new()
                        .add_text(format!(" {yoy}"))
                        .fonts(hei())
                        .size(16)
                        .color(red),
                );
            }
            cell = cell.add_paragraph(figure).add_paragraph(
                Paragraph::new().style(id::TABLE_TEXT).add_run(
                    Run::new()
                        .add_text(&lead.figures.name)
                        .fonts(hei())
                        .size(16)
                        .color("6B6B6B"),
                ),
            );
        }
        if let Some(highlight) = &group.highlight {
            cell = cell.add_paragraph(
                Paragraph::new()
                    .style(id::TABLE_TEXT)
                    .align(AlignmentType::Both)
                    .add_run(Run::new().add_text(highlight).size(18)),
            );
        }
        cell
    };
    let rows = groups
        .iter()
        .map(|g| TableRow::new(vec![card(g)]))
        .collect();
    Table::new(rows)
        .set_grid(vec![width])
        .width(width, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .set_borders(
            TableBorders::with_empty()
                .set(edge(TableBorderPosition::InsideH, 0).border_type(BorderType::None)),
        )
}

/// The bulletin's 版记: one line per row between a thick rule above and
/// below, thin rules between. A line given a second part has it flush
/// right (the date of printing).
pub(super) fn record(lines: &[(String, Option<String>)], look: Look) -> Table {
    let width = look.text_width() as usize;
    let rows = lines
        .iter()
        .map(|(text, right)| {
            let mut p = Paragraph::new()
                .style(id::RECORD)
                .add_run(Run::new().add_text(text));
            if let Some(right) = right {
                let stop = width as i32 - 2 * pt(look::NUMBER_SIZE);
                p = p
                    .add_tab(Tab::new().val(TabValueType::Right).pos(stop as usize))
                    .add_run(Run::new().add_tab().add_text(right));
            }
            TableRow::new(vec![TableCell::new().add_paragraph(p)])
        })
        .collect();
    Table::new(rows)
        .set_grid(vec![width])
        .width(width, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .set_borders(
            TableBorders::with_empty()
                .set(edge(TableBorderPosition::Top, 8))
                .set(edge(TableBorderPosition::Bottom, 8))
                .set(edge(TableBorderPosition::InsideH, 6)),
        )
}
