//! Each built-in template's layout in Word's own terms: the page, the
//! document grid, the fonts of each role and the paragraph styles. The
//! numbers are the templates' own (templates/default/style.typ,
//! templates/gongwen/style.typ, templates/gongwen/jianbao.typ).

use docx_rs::{
    AlignmentType, DocGrid, DocGridType, LineSpacing, LineSpacingType, RunFonts, SpecialIndentType,
    Style, StyleType,
};

use crate::typeset::ResolvedRole;

/// Which built-in template's layout a Word copy follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Look {
    /// The default briefing (成绩单): three-line tables, a red band over
    /// each chapter, the page number centred.
    Default,
    /// A 公文 of GB/T 9704-2012: 22 lines of 28 characters, 一、（一）1.
    /// headings, page numbers on the outside edge.
    Gongwen,
    /// The 红头简报: the 公文 layout under a red masthead, with a 版记.
    Jianbao,
}

impl Look {
    /// The layout of the built-in template `name`; the default's for any
    /// other template (a template of one's own has no layout Word knows).
    pub fn of_template(name: Option<&str>) -> Look {
        match name {
            Some("gongwen") => Look::Gongwen,
            Some("jianbao") => Look::Jianbao,
            _ => Look::Default,
        }
    }

    /// Whether this is the 公文 layout (gongwen and jianbao).
    pub(super) fn official(self) -> bool {
        self != Look::Default
    }

    /// The page: its margins and grid.
    pub(super) fn page(self) -> Page {
        match self {
            // A4; the type area 156 × 225 mm, 37 mm from the top, 28 mm
            // from the binding edge; page numbers 7 mm below the area.
            Look::Gongwen | Look::Jianbao => Page {
                top: mm(37.0),
                bottom: mm(297.0 - 37.0 - AREA_HEIGHT),
                inside: mm(28.0),
                outside: mm(210.0 - 28.0 - AREA_WIDTH),
                header: mm(15.0),
                // The footer's line of 4号 figures (its height about 14 pt)
                // starts 7 mm below the type area.
                footer: mm(297.0 - 37.0 - AREA_HEIGHT - 7.0) - pt(NUMBER_SIZE),
                mirrored: true,
                grid: Some(official_grid()),
            },
            Look::Default => Page {
                top: mm(22.0),
                bottom: mm(22.0),
                inside: mm(21.0),
                outside: mm(21.0),
                header: mm(10.0),
                footer: mm(10.0),
                mirrored: false,
                grid: None,
            },
        }
    }

    /// The body text's size in points.
    pub(super) fn body_size(self) -> f64 {
        match self {
            Look::Default => 10.5,
            _ => BODY_SIZE,
        }
    }

    /// The tables' text size in points.
    pub(super) fn table_size(self) -> f64 {
        match self {
            Look::Default => 9.0,
            _ => 12.0,
        }
    }

    /// One character of body text, in twips: the grid's pitch for a 公文.
    pub(super) fn char_width(self) -> i32 {
        match self {
            Look::Default => pt(self.body_size()),
            _ => mm(AREA_WIDTH / CHARS_PER_LINE as f64),
        }
    }

    /// The width of the type area in twips.
    pub(super) fn text_width(self) -> i32 {
        let page = self.page();
        mm(210.0) - page.inside - page.outside
    }
}

/// The 公文's type area, in millimetres, and its grid.
const AREA_WIDTH: f64 = 156.0;
const AREA_HEIGHT: f64 = 225.0;
const LINES_PER_PAGE: usize = 22;
const CHARS_PER_LINE: usize = 28;
/// 3号, the 公文's body; 2号, its title; 4号, its page numbers.
const BODY_SIZE: f64 = 16.0;
const TITLE_SIZE: f64 = 22.0;
pub(super) const NUMBER_SIZE: f64 = 14.0;

/// The page of a layout, lengths in twips.
pub(super) struct Page {
    pub top: i32,
    pub bottom: i32,
    /// The binding edge's margin (left on odd pages).
    pub inside: i32,
    pub outside: i32,
    /// From the page's edge to the header's top and the footer's bottom.
    pub header: i32,
    pub footer: i32,
    /// Whether the margins are mirrored on even pages.
    pub mirrored: bool,
    /// The document grid (文档网格), when the text keeps to one.
    pub grid: Option<DocGrid>,
}

/// GB/T 9704's grid: 22 lines to the page (the line pitch rounded down,
/// so that 22 fit). Lines only, not characters: Word's character grid
/// would make each cell 156 mm / 28 wide, narrower than a 3号 character
/// (16 pt), and LibreOffice sets a character wider than its cell over two
/// cells. The characters keep to the 28 columns by their spacing instead
/// ([`official_tracking`]), which Word, WPS and LibreOffice all follow.
fn official_grid() -> DocGrid {
    let line_pitch = mm(AREA_HEIGHT) as usize / LINES_PER_PAGE;
    DocGrid::new()
        .grid_type(DocGridType::Lines)
        .line_pitch(line_pitch)
}

/// The spacing of the 公文's characters, in twips: the cell of 156 mm / 28
/// less the 3号 character, rounded down so that 28 fit (the same tracking
/// as style.typ's).
fn official_tracking() -> i32 {
    let cell = AREA_WIDTH / CHARS_PER_LINE as f64 * 72.0 / 25.4;
    ((cell - BODY_SIZE) * 20.0).floor() as i32
}

/// Millimetres in twips (twentieths of a point).
pub(super) fn mm(mm: f64) -> i32 {
    (mm * 1440.0 / 25.4).round() as i32
}

/// Points in twips.
pub(super) fn pt(pt: f64) -> i32 {
    (pt * 20.0).round() as i32
}

/// Points in Word's half-points (`w:sz`).
pub(super) fn half_points(pt: f64) -> usize {
    (pt * 2.0).round() as usize
}

/// The font of each role, by the names Word and WPS know them by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FontNames {
    /// The title's 小标宋.
    pub title: String,
    /// 宋体: page numbers, the default template's body.
    pub song: String,
    /// 仿宋: a 公文's body.
    pub fangsong: String,
    /// 黑体: first-level headings, table headers.
    pub hei: String,
    /// 楷体: second-level headings, subtitles.
    pub kai: String,
}

impl Default for FontNames {
    /// The fonts Chinese Windows ships (and 方正小标宋简体, which every
    /// office that writes 公文 installs).
    fn default() -> Self {
        FontNames {
            title: "方正小标宋简体".into(),
            song: "宋体".into(),
            fangsong: "仿宋".into(),
            hei: "黑体".into(),
            kai: "楷体".into(),
        }
    }
}

impl FontNames {
    /// The fonts as the template's roles chose them on this machine: the
    /// GB2312 仿宋 and 楷体 where those were found, else the fonts
    /// Windows ships. Roles that fell back to an embedded font name the
    /// Windows font, which the reader of the Word copy has.
    pub fn from_roles(roles: &[ResolvedRole]) -> FontNames {
        let mut names = FontNames::default();
        let gb2312 = |key: &str| {
            roles
                .iter()
                .find(|r| r.key == key)
                .is_some_and(|r| !r.fallback && r.family[0].contains("GB2312"))
        };
        if gb2312("fangsong") {
            names.fangsong = "仿宋_GB2312".into();
        }
        if gb2312("kai") {
            names.kai = "楷体_GB2312".into();
        }
        names
    }
}

/// A font role of the templates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    Title,
    Song,
    Fangsong,
    Hei,
    Kai,
}

/// The fonts of `role`: its East Asian font, and Times New Roman for
/// figures and Latin text, as 公文 set them.
pub(super) fn fonts(names: &FontNames, role: Role) -> RunFonts {
    let east_asian = match role {
        Role::Title => &names.title,
        Role::Song => &names.song,
        Role::Fangsong => &names.fangsong,
        Role::Hei => &names.hei,
        Role::Kai => &names.kai,
    };
    RunFonts::new()
        .east_asia(east_asian)
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman")
        .cs("Times New Roman")
}

/// The paragraph styles' ids; their names are what Word shows.
pub(super) mod id {
    pub const NORMAL: &str = "Normal";
    pub const TITLE: &str = "Title";
    pub const SUBTITLE: &str = "Subtitle";
    pub const HEADING1: &str = "Heading1";
    pub const HEADING2: &str = "Heading2";
    pub const HEADING3: &str = "Heading3";
    pub const CAPTION: &str = "Caption";
    pub const TABLE_TEXT: &str = "TableText";
    pub const TABLE_HEAD: &str = "TableHead";
    pub const NOTE: &str = "TableNote";
    pub const ATTACHMENT: &str = "Attachment";
    pub const SIGNATURE: &str = "Signature";
    pub const FOOTER: &str = "Footer";
    pub const HEADER: &str = "Header";
    pub const MASTHEAD: &str = "Masthead";
    pub const RECORD: &str = "Record";
    pub const FIGURE: &str = "Figure";
    pub const SMALL: &str = "Small";
}

/// A paragraph style.
fn style(id: &str, name: &str, names: &FontNames, role: Role, size: f64) -> Style {
    Style::new(id, StyleType::Paragraph)
        .name(name)
        .based_on(id::NORMAL)
        .next(id::NORMAL)
        .q_format(true)
        .fonts(fonts(names, role))
        .size(half_points(size))
}

/// Spacing before and after, in twips.
fn spacing(before: i32, after: i32) -> LineSpacing {
    LineSpacing::new().before(before as u32).after(after as u32)
}

/// Indents in twips: the left, the first line's (negative: hanging) and
/// the right.
fn indent(style: Style, left: i32, first: i32, right: i32) -> Style {
    // Always written, even when zero: a style would otherwise inherit the
    // body's first-line indent.
    let special = match first {
        f if f >= 0 => SpecialIndentType::FirstLine(f),
        f => SpecialIndentType::Hanging(-f),
    };
    style.indent(Some(left), Some(special), Some(right), None)
}

/// The paragraph styles of `look`.
pub(super) fn styles(look: Look, names: &FontNames) -> Vec<Style> {
    let body = look.body_size();
    let char = look.char_width();
    let official = look.official();
    let body_role = if official { Role::Fangsong } else { Role::Song };
    let plain = |s: Style| indent(s, 0, 0, 0);
    // The title, captions and the masthead are set off the grid's tracking.
    let untracked = |s: Style| {
        let mut s = plain(s);
        s.run_property = s.run_property.character_spacing(0);
        s
    };
    // Off the grid: tables, the 版记 and the page numbers keep their own
    // line heights, and the characters their own widths.
    let off_grid = |s: Style| {
        let mut s = plain(s).snap_to_grid(false);
        s.run_property = s.run_property.character_spacing(0);
        s
    };
    let normal = Style::new(id::NORMAL, StyleType::Paragraph)
        .name("Normal")
        .q_format(true)
        .fonts(fonts(names, body_role))
        .size(half_points(body))
        .align(AlignmentType::Both);
    // The first line indented two characters.
    let normal = indent(normal, 0, 2 * char, 0);
    let normal = match look {
        // Typst's leading of 0.85em, between lines and paragraphs.
        Look::Default => normal.line_spacing(
            LineSpacing::new()
                .line(pt(body * 1.75))
                .line_rule(LineSpacingType::AtLeast)
                .after(pt(body * 0.85) as u32),
        ),
        // On the grid: one line each, 28 characters to a line.
        _ => {
            let mut normal = normal.line_spacing(spacing(0, 0));
            normal.run_property = normal.run_property.character_spacing(official_tracking());
            normal
        }
    };
    let mut styles = vec![normal];
    if official {
        let heading = |id, name, role, level| {
            indent(style(id, name, names, role, BODY_SIZE), 0, 2 * char, 0)
                .outline_lvl(level)
                .line_spacing(spacing(0, 0))
        };
        styles.extend([
            untracked(style(id::TITLE, "Title", names, Role::Title, TITLE_SIZE))
                .align(AlignmentType::Center)
                .line_spacing(LineSpacing::new().after_lines(100)),
            plain(style(id::SUBTITLE, "Subtitle", names, Role::Kai, BODY_SIZE))
                .align(AlignmentType::Center),
            heading(id::HEADING1, "heading 1", Role::Hei, 0),
            heading(id::HEADING2, "heading 2", Role::Kai, 1).bold(),
            heading(id::HEADING3, "heading 3", Role::Fangsong, 2).bold(),
            untracked(style(id::CAPTION, "caption", names, Role::Hei, 14.0))
                .align(AlignmentType::Center),
            // 附件：… two characters in, its further lines under its title.
            indent(
                style(id::ATTACHMENT, "附件说明", names, Role::Fangsong, BODY_SIZE),
                5 * char,
                -3 * char,
                0,
            )
            .line_spacing(LineSpacing::new().before_lines(100)),
            indent(
                style(id::SIGNATURE, "落款", names, Role::Fangsong, BODY_SIZE),
                0,
                0,
                4 * char,
            )
            .align(AlignmentType::Right),
            untracked(style(id::MASTHEAD, "简报名称", names, Role::Title, 36.0))
                .align(AlignmentType::Center)
                .color("E60012"),
            indent(
                style(id::RECORD, "版记", names, Role::Fangsong, NUMBER_SIZE),
                pt(NUMBER_SIZE),
                -pt(3.0 * NUMBER_SIZE),
                pt(NUMBER_SIZE),
            )
            .snap_to_grid(false)
            .align(AlignmentType::Both)
            .line_spacing(spacing(pt(6.3), pt(6.3))),
            off_grid(style(id::SMALL, "图表文字", names, Role::Song, 10.5)),
        ]);
    } else {
        let band = |id, name, size| {
            plain(style(id, name, names, Role::Hei, size))
                .bold()
                .align(AlignmentType::Left)
        };
        styles.extend([
            plain(style(id::TITLE, "Title", names, Role::Title, 25.0))
                .bold()
                .align(AlignmentType::Center)
                .line_spacing(spacing(pt(6.0), pt(4.0))),
            plain(style(id::SUBTITLE, "Subtitle", names, Role::Kai, 13.0))
                .align(AlignmentType::Center),
            band(id::HEADING1, "heading 1", 15.0)
                .outline_lvl(0)
                .line_spacing(spacing(pt(21.0), pt(13.5))),
            band(id::HEADING2, "heading 2", 11.5)
                .outline_lvl(1)
                .line_spacing(spacing(pt(13.8), pt(8.0))),
            band(id::HEADING3, "heading 3", 10.5).outline_lvl(2),
            band(id::CAPTION, "caption", 10.0),
            plain(style(id::SMALL, "图表文字", names, Role::Hei, 8.5))
                .align(AlignmentType::Center)
                .color("6B6B6B"),
        ]);
    }
    let table = look.table_size();
    let table_style = |id, name, role| {
        off_grid(style(id, name, names, role, table))
            .align(AlignmentType::Left)
            .line_spacing(spacing(0, 0))
    };
    let (number_role, number_size) = match look {
        Look::Default => (Role::Hei, 9.0),
        _ => (Role::Song, NUMBER_SIZE),
    };
    styles.extend([
        table_style(id::TABLE_TEXT, "表格文字", body_role),
        table_style(id::TABLE_HEAD, "表格标题行", Role::Hei).align(AlignmentType::Center),
        table_style(id::NOTE, "表注", body_role),
        untracked(style(id::FIGURE, "图", names, Role::Song, body))
            .align(AlignmentType::Center)
            .line_spacing(spacing(0, 0)),
        off_grid(style(id::FOOTER, "footer", names, number_role, number_size))
            .line_spacing(spacing(0, 0)),
        off_grid(style(id::HEADER, "header", names, Role::Hei, 8.0))
            .color("6B6B6B")
            .line_spacing(spacing(0, 0)),
    ]);
    styles
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_official_page_holds_22_lines_of_28_characters() {
        let page = Look::Gongwen.page();
        let height = mm(297.0) - page.top - page.bottom;
        let line_pitch = mm(AREA_HEIGHT) / LINES_PER_PAGE as i32;
        assert_eq!(height / line_pitch, 22);
        let pitch = pt(BODY_SIZE) + official_tracking();
        assert_eq!(Look::Gongwen.text_width() / pitch, 28);
    }
}
