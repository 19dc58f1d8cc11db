//! The editable Word copy of a briefing (`--docx`): the worded
//! [`Document`] the template receives, as a .docx in the layout of the
//! built-in template ([`Look`]), in Word's own terms: paragraph styles
//! with East Asian fonts, the page and its document grid, page numbers as
//! fields, real tables with their header rows repeated.
//!
//! It reads the worded document only; charts come in as pictures
//! ([`Picture`]) rendered by the caller from the template's own chart.
//! The file is the same, byte for byte, each time it is made.

mod look;
mod official;
mod patch;
mod tables;

use docx_rs::{
    AlignmentType, Docx, FieldCharType, Footer, Header, InstrPAGE, InstrText, PageMargin,
    Paragraph, ParagraphBorder, ParagraphBorderPosition, Pic, Run, Styles, Tab, TabValueType,
};

pub use look::{FontNames, Look};
use look::{Role, id, mm, pt};

use crate::model::ReportKey;
use crate::wording::{Block, ChartDoc, Document, TableDoc};

/// A chart as a picture: a PNG rendered from the template's chart, and
/// what a screen reader reads for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    /// The PNG file.
    pub png: Vec<u8>,
    /// Its size in pixels.
    pub pixels: (u32, u32),
    /// Its size on the page, in points.
    pub points: (f64, f64),
    /// Its alt text.
    pub alt: String,
}

/// Why a Word copy could not be made.
#[derive(Debug, thiserror::Error)]
#[error("无法生成 Word 文件：{0}")]
pub struct DocxError(String);

/// `document` as a Word file in the layout `look`, its text in the fonts
/// `fonts`. `pictures` are the charts as the PDF prints them, in reading
/// order: a chart's pictures are those whose alt text is the chart's, or
/// starts with its title and `：` (the pieces of a chart continued over
/// pages). A chart without one is given as its title and alt text.
///
/// # Errors
///
/// [`DocxError`] if the Word file cannot be packed.
pub fn docx(
    document: &Document,
    look: Look,
    fonts: &FontNames,
    pictures: &[Picture],
) -> Result<Vec<u8>, DocxError> {
    let mut writer = Writer {
        look,
        fonts,
        document,
        docx: setup(look, fonts, document),
        pictures: pictures.iter().peekable(),
        alts: Vec::new(),
        tables: 0,
        headings: (0, 0),
    };
    writer.write();
    let Writer { docx, alts, .. } = writer;
    let mut xml = docx.build();
    patch::apply(&mut xml, look.page().mirrored, &alts);
    let mut out = std::io::Cursor::new(Vec::new());
    xml.pack(&mut out).map_err(|e| DocxError(e.to_string()))?;
    Ok(out.into_inner())
}

/// The Word document under way.
struct Writer<'a> {
    look: Look,
    fonts: &'a FontNames,
    document: &'a Document,
    docx: Docx,
    /// The pictures not yet placed.
    pictures: std::iter::Peekable<std::slice::Iter<'a, Picture>>,
    /// The alt text of each picture placed, in order.
    alts: Vec<String>,
    /// Tables of the text numbered so far (表1).
    tables: usize,
    /// The 公文's headings numbered so far: chapters, and sections in the
    /// chapter.
    headings: (usize, usize),
}

/// An empty document with the page, styles, headers and footers of `look`.
fn setup(look: Look, fonts: &FontNames, document: &Document) -> Docx {
    let page = look.page();
    let mut docx = Docx::new()
        .page_size(mm(210.0) as u32, mm(297.0) as u32)
        .page_margin(
            PageMargin::new()
                .top(page.top)
                .bottom(page.bottom)
                .left(page.inside)
                .right(page.outside)
                .header(page.header)
                .footer(page.footer)
                .gutter(0),
        )
        // Its own styles only: docx-rs's default ones would be a second
        // "Normal".
        .styles(
            look::styles(look, fonts).into_iter().fold(
                Styles::new()
                    .default_fonts(look::fonts(fonts, Role::Song))
                    .default_size(look::half_points(look.body_size())),
                Styles::add_style,
            ),
        );
    if let Some(grid) = page.grid {
        docx.document.section_property = docx.document.section_property.doc_grid(grid);
    }
    let number = |align: AlignmentType, left: i32, right: i32| {
        let mut p = Paragraph::new().style(id::FOOTER).align(align).indent(
            Some(left),
            None,
            Some(right),
            None,
        );
        for run in page_field() {
            p = p.add_run(run);
        }
        Footer::new().add_paragraph(p)
    };
    match look {
        Look::Default => {
            // Page numbers centred; from page 2 on, the title and the
            // source over a rule.
            docx = docx.footer(number(AlignmentType::Center, 0, 0));
            let field = |key| document.report_str(key).unwrap_or_default();
            let mut running = Paragraph::new()
                .style(id::HEADER)
                .add_tab(
                    Tab::new()
                        .val(TabValueType::Right)
                        .pos(look.text_width() as usize),
                )
                .add_run(Run::new().add_text(field(ReportKey::Title)));
            if !field(ReportKey::Source).is_empty() {
                running = running.add_run(Run::new().add_tab().add_text(field(ReportKey::Source)));
            }
            running.property = running.property.set_border(
                ParagraphBorder::new(ParagraphBorderPosition::Bottom)
                    .size(4)
                    .color("E2C9C4"),
            );
            docx = docx
                .header(Header::new().add_paragraph(running))
                .first_header(Header::new().add_paragraph(Paragraph::new().style(id::HEADER)))
                .first_footer(number(AlignmentType::Center, 0, 0));
        }
        _ => {
            // "— 1 —" one character in from the outside edge: right on odd
            // pages, left on even ones.
            let char = pt(look::NUMBER_SIZE);
            docx = docx
                .footer(number(AlignmentType::Right, 0, char))
                .even_footer(number(AlignmentType::Left, char, 0));
            docx.settings = docx.settings.even_and_odd_headers();
        }
    }
    docx
}

/// "— PAGE —": the page number as a field, between dashes.
fn page_field() -> Vec<Run> {
    vec![
        Run::new().add_text("— "),
        Run::new().add_field_char(FieldCharType::Begin, false),
        Run::new().add_instr_text(InstrText::PAGE(InstrPAGE::new())),
        Run::new().add_field_char(FieldCharType::Separate, false),
        Run::new().add_text("1"),
        Run::new().add_field_char(FieldCharType::End, false),
        Run::new().add_text(" —"),
    ]
}

/// A paragraph of `text` in the style `style`.
fn para(style: &str, text: &str) -> Paragraph {
    Paragraph::new()
        .style(style)
        .add_run(Run::new().add_text(text))
}

impl Writer<'_> {
    fn add(&mut self, p: Paragraph) {
        let docx = std::mem::take(&mut self.docx);
        self.docx = docx.add_paragraph(p);
    }

    fn field(&self, key: ReportKey) -> &str {
        self.document.report_str(key).unwrap_or_default()
    }

    /// The whole document, in the template's order.
    fn write(&mut self) {
        match self.look {
            Look::Default => self.write_default(),
            Look::Gongwen => self.write_official(false),
            Look::Jianbao => self.write_official(true),
        }
    }

    /// The default template: masthead, headline cards, lead, charts,
    /// body, 责编 and 附表.
    fn write_default(&mut self) {
        let red = "B3141C";
        let rule = |p: Paragraph, position, size| {
            let mut p = p;
            p.property = p
                .property
                .set_border(ParagraphBorder::new(position).size(size).color(red));
            p
        };
        let kicker = self.field(ReportKey::Kicker).to_string();
        let mut first = true;
        if !kicker.is_empty() {
            let p = Paragraph::new().style(id::SUBTITLE).add_run(
                Run::new()
                    .add_text(&kicker)
                    .fonts(look::fonts(self.fonts, Role::Hei))
                    .size(24)
                    .color(red),
            );
            self.add(rule(p, ParagraphBorderPosition::Top, 18));
            first = false;
        }
        let title = para(id::TITLE, self.field(ReportKey::Title));
        self.add(match first {
            true => rule(title, ParagraphBorderPosition::Top, 18),
            false => title,
        });
        let subtitle = self.field(ReportKey::Subtitle).to_string();
        if !subtitle.is_empty() {
            self.add(para(id::SUBTITLE, &subtitle));
        }
        let original = self.document.report.get("原标题").and_then(|v| v.as_str());
        if let Some(original) = original.filter(|s| !s.is_empty()) {
            self.add(para(id::SMALL, &format!("原标题：{original}")));
        }
        let mut meta = Vec::new();
        for (key, label) in [
            (ReportKey::Date, ""),
            (ReportKey::Source, "来源："),
            (ReportKey::Author, "作者："),
        ] {
            let value = self.field(key);
            if !value.is_empty() {
                meta.push(format!("{label}{value}"));
            }
        }
        let meta = para(id::SMALL, &meta.join("　|　"));
        self.add(rule(meta, ParagraphBorderPosition::Bottom, 4));

        let groups: Vec<_> = self
            .document
            .groups
            .iter()
            .filter(|g| g.highlight.is_some())
            .collect();
        if !groups.is_empty() {
            let period = self.field(ReportKey::Period);
            let tag = if period.is_empty() { "本期" } else { period };
            self.heading(1, &format!("{tag}　主要指标"));
            let table = tables::cards(self.document, &groups, self.fonts);
            self.docx = std::mem::take(&mut self.docx).add_table(table);
        }
        let lead = self.field(ReportKey::Lead).to_string();
        if !lead.is_empty() {
            let mut p = para(id::NORMAL, &lead).size(22);
            p.property = p.property.set_border(
                ParagraphBorder::new(ParagraphBorderPosition::Left)
                    .size(6)
                    .space(8)
                    .color("E2C9C4"),
            );
            self.add(p);
        }
        for chart in &self.document.charts {
            self.chart(chart);
        }
        self.body();
        let editor = self
            .document
            .report
            .get("责编")
            .and_then(|v| v.as_str())
            .unwrap_or_default();
        if !editor.is_empty() {
            let run = Run::new()
                .add_text(format!("（责编：{editor}）"))
                .fonts(look::fonts(self.fonts, Role::Kai))
                .size(19)
                .color("6B6B6B");
            self.add(
                Paragraph::new()
                    .style(id::NORMAL)
                    .align(AlignmentType::Right)
                    .add_run(run),
            );
        }
        if let Some(appendix) = &self.document.appendix {
            self.heading(1, &format!("附表　{}", appendix.title));
            self.table(appendix, false);
        }
    }

    /// A heading of `level` (1: chapter, 2: section).
    fn heading(&mut self, level: usize, text: &str) {
        let style = match level {
            1 => id::HEADING1,
            2 => id::HEADING2,
            _ => id::HEADING3,
        };
        self.add(para(style, text).keep_next(true));
    }

    /// A heading of `level`, numbered as the 公文 numbers them: 一、 for
    /// chapters, （一） for sections within each, as Typst counts them. A
    /// title that carries its own number (`own`: 一、经济运行) is printed as
    /// typed, the count still stepped, as the template does.
    fn numbered(&mut self, level: usize, title: &str, own: bool) {
        let number = match level {
            1 => {
                self.headings = (self.headings.0 + 1, 0);
                format!("{}、", chinese_number(self.headings.0))
            }
            _ => {
                self.headings.1 += 1;
                format!("（{}）", chinese_number(self.headings.1))
            }
        };
        match own {
            true => self.heading(level, title),
            false => self.heading(level, &format!("{number}{title}")),
        }
    }

    /// The body: chapters, sections and paragraphs. A 公文 numbers its
    /// headings 一、（一）; the default template shows a chapter's short
    /// tag (`关键词:5件大事`) before its title.
    fn body(&mut self) {
        let document = self.document;
        for chapter in &document.body {
            if !chapter.title.is_empty() {
                match self.look {
                    Look::Default => self.heading(1, &split_title(&chapter.title)),
                    _ => self.numbered(1, &chapter.title, chapter.numbered),
                }
            }
            for block in &chapter.paragraphs {
                self.block(block);
            }
            for section in &chapter.sections {
                match self.look {
                    Look::Default => self.heading(2, &section.title),
                    _ => self.numbered(2, &section.title, section.numbered),
                }
                for block in &section.paragraphs {
                    self.block(block);
                }
            }
        }
    }

    /// A paragraph of the body: text, a table or a chart.
    fn block(&mut self, block: &Block) {
        match block {
            Block::Text(text) => self.add(para(id::NORMAL, text)),
            Block::Table { table } => self.table(table, true),
            Block::Chart { chart } => self.chart(chart),
        }
    }

    /// A table, its caption above it (表N　… when `numbered`) and its
    /// notes below.
    fn table(&mut self, table: &TableDoc, numbered: bool) {
        if numbered {
            self.tables += 1;
            let caption = format!("表{}　{}", self.tables, table.title);
            self.add(para(id::CAPTION, &caption).keep_next(true));
        }
        let word_table = tables::table(table, self.look, self.fonts);
        self.docx = std::mem::take(&mut self.docx).add_table(word_table);
        for note in &table.notes {
            self.add(para(id::NOTE, note));
        }
    }

    /// A chart: its pictures as the PDF prints it (its caption, and the
    /// pieces of a chart continued over pages, included), each with its
    /// alt text; without a picture, its title and its alt text.
    fn chart(&mut self, chart: &ChartDoc) {
        let piece = format!("{}：", chart.title);
        let mut placed = false;
        while let Some(picture) = self
            .pictures
            .next_if(|p| p.alt == chart.alt || p.alt.starts_with(&piece))
        {
            let emu = |pt: f64| (pt * 12700.0).round() as u32;
            let n = self.alts.len() + 1;
            let pic =
                Pic::new_with_dimensions(picture.png.clone(), picture.pixels.0, picture.pixels.1)
                    .id(format!("rIdChart{n}"))
                    .size(emu(picture.points.0), emu(picture.points.1));
            self.alts.push(picture.alt.clone());
            self.add(
                Paragraph::new()
                    .style(id::FIGURE)
                    .add_run(Run::new().add_image(pic)),
            );
            placed = true;
        }
        if !placed {
            self.add(para(id::CAPTION, &chart.title).keep_next(true));
            self.add(para(id::SMALL, &chart.alt));
        }
    }
}

/// A chapter title such as `关键词:5件大事` as the default template shows
/// it: its tag (four characters at most) and its title.
fn split_title(title: &str) -> String {
    for sep in [':', '：'] {
        let parts: Vec<&str> = title.split(sep).collect();
        if let [tag, rest] = parts.as_slice()
            && !tag.is_empty()
            && tag.chars().count() <= 4
        {
            return format!("{tag}　{rest}");
        }
    }
    title.to_string()
}

/// `n` in Chinese numerals, as headings are numbered: 一, 十二, 二十.
fn chinese_number(n: usize) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { DIGITS[n - 10] }),
        20..=99 => format!(
            "{}十{}",
            DIGITS[n / 10],
            if n.is_multiple_of(10) {
                ""
            } else {
                DIGITS[n % 10]
            }
        ),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_numbered_in_chinese_as_typst_numbers_them() {
        let numbers: Vec<String> = [1, 9, 10, 11, 20, 23].map(chinese_number).into();
        assert_eq!(numbers, ["一", "九", "十", "十一", "二十", "二十三"]);
    }
}
