//! The words of the workbook contract: sheet names, column names, report
//! keys and 类型 names, each with the English aliases accepted for it.
//!
//! The readers look names up here, and `briefing new` writes its example
//! workbook from here, so a new name is added in one place.

use super::Kind;

/// The names a sheet, column or key may have: the Chinese one first, then
/// the accepted English aliases.
pub type Names = &'static [&'static str];

/// Names of the report sheet.
pub const REPORT_SHEET: Names = &["报告", "report"];
/// Names of the indicator sheet.
pub const INDICATOR_SHEET: Names = &["指标", "indicators"];
/// Names of the body sheet.
pub const BODY_SHEET: Names = &["正文", "body"];

/// The characters that separate the codes of a placeholder's list
/// (`{a、b:同比}`), which a code therefore cannot hold.
pub const LIST_SEPARATORS: [char; 3] = ['、', ',', '，'];

/// A column of one of the three known sheets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    /// 报告: the key (项目).
    Key,
    /// 报告: the value (内容).
    Content,
    /// 指标: the unique code (代码).
    Code,
    /// 指标: the headline group (板块).
    Group,
    /// 指标: the indicator's name (指标).
    Name,
    /// 指标: the figure (数值).
    Value,
    /// 指标: the unit (单位).
    Unit,
    /// 指标: the figure a year earlier (上年同期).
    Previous,
    /// 指标: the year-on-year change in percent (同比).
    Yoy,
    /// 指标: the previous period's 同比 (上期同比).
    PreviousYoy,
    /// 指标: the month-on-month change in percent (环比).
    Mom,
    /// 指标: the previous period's 环比 (上期环比).
    PreviousMom,
    /// 指标: the two-year average growth in percent (两年平均).
    TwoYear,
    /// 指标: the previous period's 两年平均 (上期两年平均).
    PreviousTwoYear,
    /// 指标: the figure of the same period two years earlier (两年前同期).
    TwoYearsAgo,
    /// 指标: the figure of the previous period (上期值).
    LastPeriod,
    /// 指标: the name of a second base period (基期): 2019年同期.
    Base,
    /// 指标: the figure of that base period (基期值).
    BaseValue,
    /// 指标: the growth over that base period in percent (比基期).
    BaseGrowth,
    /// 指标: what kind of figure it is (类型).
    Kind,
    /// 指标: the group's headline sentence (要点).
    Highlight,
    /// 指标: a free note (备注).
    Note,
    /// 正文: the chapter (章).
    Chapter,
    /// 正文: the section (节).
    Section,
    /// 正文: the paragraph (段落).
    Paragraph,
}

impl Column {
    /// The columns of the indicator sheet, in the order `briefing new`
    /// writes them.
    pub const INDICATORS: [Column; 11] = [
        Column::Code,
        Column::Group,
        Column::Name,
        Column::Value,
        Column::Unit,
        Column::Previous,
        Column::Yoy,
        Column::PreviousYoy,
        Column::Kind,
        Column::Highlight,
        Column::Note,
    ];

    /// The names accepted for the column's header: the Chinese one first.
    pub const fn names(self) -> Names {
        match self {
            Column::Key => &["项目", "key"],
            Column::Content => &["内容", "value"],
            Column::Code => &["代码", "id", "code"],
            Column::Group => &["板块", "group"],
            Column::Name => &["指标", "name"],
            Column::Value => &["数值", "value"],
            Column::Unit => &["单位", "unit"],
            Column::Previous => &["上年同期", "previous"],
            Column::Yoy => &["同比", "yoy"],
            Column::PreviousYoy => &["上期同比", "previous_yoy"],
            Column::Mom => &["环比", "mom"],
            Column::PreviousMom => &["上期环比", "previous_mom"],
            Column::TwoYear => &["两年平均", "two_year_average"],
            Column::PreviousTwoYear => &["上期两年平均", "previous_two_year_average"],
            Column::TwoYearsAgo => &["两年前同期", "two_years_ago"],
            Column::LastPeriod => &["上期值", "last_period"],
            Column::Base => &["基期", "base"],
            Column::BaseValue => &["基期值", "base_value"],
            Column::BaseGrowth => &["比基期", "base_growth"],
            Column::Kind => &["类型", "kind", "type"],
            Column::Highlight => &["要点", "highlight"],
            Column::Note => &["备注", "note"],
            Column::Chapter => &["章", "chapter"],
            Column::Section => &["节", "section"],
            Column::Paragraph => &["段落", "paragraph", "text"],
        }
    }

    /// The Chinese header: 上年同期.
    pub const fn chinese(self) -> &'static str {
        self.names()[0]
    }

    /// The optional figure columns of the indicator sheet beyond 同比 and
    /// 上期同比, in the order `docs/workbook.md` lists them.
    pub const MORE_FIGURES: [Column; 8] = [
        Column::Mom,
        Column::PreviousMom,
        Column::TwoYear,
        Column::PreviousTwoYear,
        Column::TwoYearsAgo,
        Column::LastPeriod,
        Column::BaseValue,
        Column::BaseGrowth,
    ];

    /// Every figure column of the indicator sheet: 数值, 上年同期, 同比,
    /// 上期同比, then [`Column::MORE_FIGURES`]. A wide sheet's header names
    /// one of them after the code (`gdp:同比`).
    pub const FIGURES: [Column; 12] = [
        Column::Value,
        Column::Previous,
        Column::Yoy,
        Column::PreviousYoy,
        Column::Mom,
        Column::PreviousMom,
        Column::TwoYear,
        Column::PreviousTwoYear,
        Column::TwoYearsAgo,
        Column::LastPeriod,
        Column::BaseValue,
        Column::BaseGrowth,
    ];

    /// The place of the column in [`Column::FIGURES`]; `None` for a
    /// column that holds no figure.
    pub(super) fn figure_index(self) -> Option<usize> {
        Column::FIGURES.iter().position(|&c| c == self)
    }

    /// Whether the column holds percentages (同比, 环比, 两年平均…), so
    /// that a figure typed with "%" is read as it shows.
    pub fn holds_percent(self) -> bool {
        matches!(
            self,
            Column::Yoy
                | Column::PreviousYoy
                | Column::Mom
                | Column::PreviousMom
                | Column::TwoYear
                | Column::PreviousTwoYear
                | Column::BaseGrowth
        )
    }
}

/// Words a placeholder begins with that are not codes: `{表:…}` prints a
/// table, `{图:…}` a chart.
pub const RESERVED_CODES: [&str; 2] = ["表", "图"];

/// A known key of the report sheet (标题, 日期…), which templates receive
/// under its English name (`title`, `date`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReportKey {
    /// 标题: the briefing's title.
    Title,
    /// 肩题: the line above the title.
    Kicker,
    /// 副标题: the line below the title.
    Subtitle,
    /// 报告期: the period reported on.
    Period,
    /// 日期: the date of the briefing.
    Date,
    /// 发布单位: who publishes it.
    Publisher,
    /// 作者: who wrote it.
    Author,
    /// 来源: where the figures come from.
    Source,
    /// 导语: the lead paragraph.
    Lead,
    /// 关键词: keywords.
    Keywords,
    /// 模板: the template to use (a built-in name or a folder).
    Template,
    /// 简报名称: the bulletin's name (jianbao).
    Bulletin,
    /// 期号: the issue number (jianbao).
    Issue,
    /// 编印单位: who edits and prints it (jianbao).
    Editor,
    /// 报送: to whom it is sent.
    SendTo,
    /// 抄送: to whom it is copied.
    CopyTo,
    /// 措辞: the house style of the wording (较、顿号、省略主语…).
    Style,
    /// 附表: the title of the table of main indicators printed after the
    /// body (主要经济指标); the table is printed only when it is given.
    AppendixTable,
    /// 总览图: the indicator the overview of a batch made per region
    /// draws across the regions (its code or name).
    OverviewChart,
    /// Word: whether each report also gets its editable Word copy (是),
    /// as `--docx` asks.
    Docx,
    /// 数据: the bureau's data file the briefing reads, beside the
    /// workbook: a file name or a pattern (`统计月报*.xlsx`), whose file of
    /// the newest period is used.
    Data,
    /// 文件名: the name of the output files, with `{报告期:年}` and
    /// `{报告期:月}` standing for the period's year and month.
    FileName,
    /// 自动图表: whether the template draws its automatic charts (growth
    /// of every indicator, against 上期): 是 (the default) or 否.
    AutoCharts,
}

impl ReportKey {
    /// Every known key.
    pub const ALL: [ReportKey; 23] = [
        ReportKey::Title,
        ReportKey::Kicker,
        ReportKey::Subtitle,
        ReportKey::Period,
        ReportKey::Date,
        ReportKey::Publisher,
        ReportKey::Author,
        ReportKey::Source,
        ReportKey::Lead,
        ReportKey::Keywords,
        ReportKey::Template,
        ReportKey::Bulletin,
        ReportKey::Issue,
        ReportKey::Editor,
        ReportKey::SendTo,
        ReportKey::CopyTo,
        ReportKey::Style,
        ReportKey::AppendixTable,
        ReportKey::OverviewChart,
        ReportKey::Docx,
        ReportKey::Data,
        ReportKey::FileName,
        ReportKey::AutoCharts,
    ];

    /// The names accepted in the workbook: the Chinese one, then the
    /// English one templates use.
    pub const fn names(self) -> Names {
        match self {
            ReportKey::Title => &["标题", "title"],
            ReportKey::Kicker => &["肩题", "kicker"],
            ReportKey::Subtitle => &["副标题", "subtitle"],
            ReportKey::Period => &["报告期", "period"],
            ReportKey::Date => &["日期", "date"],
            ReportKey::Publisher => &["发布单位", "publisher"],
            ReportKey::Author => &["作者", "author"],
            ReportKey::Source => &["来源", "source"],
            ReportKey::Lead => &["导语", "lead"],
            ReportKey::Keywords => &["关键词", "keywords"],
            ReportKey::Template => &["模板", "template"],
            ReportKey::Bulletin => &["简报名称", "bulletin"],
            ReportKey::Issue => &["期号", "issue"],
            ReportKey::Editor => &["编印单位", "editor"],
            ReportKey::SendTo => &["报送", "send_to"],
            ReportKey::CopyTo => &["抄送", "copy_to"],
            ReportKey::Style => &["措辞", "style"],
            ReportKey::AppendixTable => &["附表", "appendix_table"],
            ReportKey::OverviewChart => &["总览图", "overview_chart"],
            ReportKey::Docx => &["Word", "docx"],
            ReportKey::Data => &["数据", "data"],
            ReportKey::FileName => &["文件名", "file_name"],
            ReportKey::AutoCharts => &["自动图表", "auto_charts"],
        }
    }

    /// The Chinese name typed in the workbook: 标题.
    pub const fn chinese(self) -> &'static str {
        self.names()[0]
    }

    /// The English name templates use: `title`.
    pub const fn english(self) -> &'static str {
        self.names()[1]
    }

    /// The key a typed name means, compared the forgiving way.
    pub fn named(text: &str) -> Option<ReportKey> {
        one_named(text, ReportKey::ALL, ReportKey::names)
    }
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 5] = [
        Kind::Total,
        Kind::Price,
        Kind::Rate,
        Kind::Index,
        Kind::Stock,
    ];

    /// The names accepted in the 类型 column: the Chinese one first.
    pub const fn names(self) -> Names {
        match self {
            Kind::Total => &["总量", "total"],
            Kind::Price => &["价格", "price"],
            Kind::Rate => &["比率", "rate"],
            Kind::Index => &["指数", "index"],
            Kind::Stock => &["存量", "stock"],
        }
    }

    /// The Chinese name: 比率.
    pub const fn chinese(self) -> &'static str {
        self.names()[0]
    }

    /// The kind named `text` in the 类型 column.
    pub(super) fn named(text: &str) -> Option<Kind> {
        one_named(text, Kind::ALL, Kind::names)
    }
}

/// The one of `all` that `text` names, compared the forgiving way.
fn one_named<T: Copy, const N: usize>(text: &str, all: [T; N], names: fn(T) -> Names) -> Option<T> {
    let text = normalize_header(text);
    all.into_iter().find(|&one| matches_any(&text, names(one)))
}

/// Header text compared the forgiving way: without spaces or line breaks,
/// and case-insensitive for English names.
pub(super) fn normalize_header(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether a normalized header is one of `names`.
pub(super) fn matches_any(normalized: &str, names: &[&str]) -> bool {
    names.iter().any(|n| normalize_header(n) == normalized)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_ignore_spaces_line_breaks_and_case() {
        assert_eq!(normalize_header(" 上年\n同期 "), "上年同期");
        assert!(matches_any(
            &normalize_header("Previous_YoY"),
            Column::PreviousYoy.names()
        ));
    }

    #[test]
    fn report_keys_are_found_by_either_name() {
        assert_eq!(ReportKey::named(" 报 送"), Some(ReportKey::SendTo));
        assert_eq!(ReportKey::named("Send_To"), Some(ReportKey::SendTo));
        assert_eq!(ReportKey::named("备忘"), None);
    }
}
