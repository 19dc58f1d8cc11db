//! The body sheet (正文): chapters, sections and paragraphs.

use super::cells::prose_at;
use super::table::Table;
use super::vocabulary::Column;
use super::{Chapter, ReadOptions, Section, Text};
use crate::diagnostic::Diagnostic;
use crate::workbook::Sheet;

/// Reads the body, chapter by chapter.
pub(super) fn read_body(
    sheet: &Sheet,
    options: &ReadOptions,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Chapter> {
    let mut chapters: Vec<Chapter> = Vec::new();
    let Some(table) = Table::new(
        sheet,
        &[Column::Chapter, Column::Section, Column::Paragraph],
    ) else {
        return chapters;
    };
    table.check_cells(diags);
    let known = [Column::Chapter, Column::Section, Column::Paragraph];
    table.warn_unknown(&known, &[], diags);
    let chapter_col = table.column(Column::Chapter);
    let section_col = table.column(Column::Section);
    let Some(paragraph_col) = table.required(Column::Paragraph, diags) else {
        return chapters;
    };
    for &(row, cells) in &table.rows {
        // A blank 章 or 节 continues the one above; a new 章 starts without 节.
        if let Some(title) = prose_at(sheet, row, cells, chapter_col, options, diags)
            && chapters.last().is_none_or(|c| c.title != title)
        {
            chapters.push(Chapter::new(title));
        }
        if chapters.is_empty() {
            chapters.push(Chapter::new(String::new()));
        }
        let chapter = chapters.last_mut().expect("a chapter was just pushed");
        if let Some(title) = prose_at(sheet, row, cells, section_col, options, diags)
            && chapter.sections.last().is_none_or(|s| s.title != title)
        {
            chapter.sections.push(Section {
                title,
                paragraphs: Vec::new(),
            });
        }
        if let Some(text) = prose_at(sheet, row, cells, Some(paragraph_col), options, diags) {
            let paragraph = Text {
                text,
                cell: table.cell_ref(row, paragraph_col),
            };
            match chapter.sections.last_mut() {
                Some(section) => section.paragraphs.push(paragraph),
                None => chapter.paragraphs.push(paragraph),
            }
        }
    }
    chapters
}
