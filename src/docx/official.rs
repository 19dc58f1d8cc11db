//! The 公文 and the 红头简报 in the Word copy: masthead, title, lead,
//! signature and 版记, around the body [`Writer`] writes for every look.

use docx_rs::{
    AlignmentType, Paragraph, ParagraphBorder, ParagraphBorderPosition, Run, Tab, TabValueType,
};

use super::look::{self, Role, id};
use super::{Writer, para, tables};
use crate::model::ReportKey;

impl Writer<'_> {
    /// The gongwen document, or with `bulletin` the 红头简报: masthead,
    /// title, lead, headline groups, charts, body, signature, 附件.
    pub(super) fn write_official(&mut self, bulletin: bool) {
        if bulletin {
            self.masthead();
        }
        self.add(para(id::TITLE, self.field(ReportKey::Title)));
        let subtitle = self.field(ReportKey::Subtitle).to_string();
        if !subtitle.is_empty() {
            self.add(para(id::SUBTITLE, &format!("——{subtitle}")));
        }
        let lead = self.field(ReportKey::Lead).to_string();
        if !lead.is_empty() {
            self.add(para(id::NORMAL, &lead));
        }
        let groups: Vec<_> = self
            .document
            .groups
            .iter()
            .filter(|g| g.highlight.is_some())
            .collect();
        if !groups.is_empty() {
            self.numbered(1, "主要指标", false);
            for group in groups {
                self.numbered(2, &group.name, false);
                self.add(para(id::NORMAL, group.highlight.as_deref().unwrap_or("")));
            }
        }
        for chart in &self.document.charts {
            self.chart(chart);
        }
        self.body();
        if let Some(appendix) = &self.document.appendix {
            self.add(para(id::ATTACHMENT, &format!("附件：{}", appendix.title)));
        }
        if !bulletin {
            self.signature();
        }
        if let Some(appendix) = &self.document.appendix {
            let label = Paragraph::new()
                .style(id::NORMAL)
                .indent(Some(0), None, Some(0), None)
                .page_break_before(true)
                .add_run(
                    Run::new()
                        .add_text("附件")
                        .fonts(look::fonts(self.fonts, Role::Hei)),
                );
            self.add(label);
            self.add(para(id::TITLE, &appendix.title));
            let table = tables::table(appendix, self.look, self.fonts);
            self.docx = std::mem::take(&mut self.docx).add_table(table);
        }
        if bulletin {
            self.record();
        }
    }

    /// The 红头简报's masthead: its name in red, its issue, the office and
    /// the date over a red rule.
    fn masthead(&mut self) {
        let name = match self.field(ReportKey::Bulletin) {
            "" => "简报",
            name => name,
        }
        .to_string();
        self.add(para(id::MASTHEAD, &name));
        let issue = self.field(ReportKey::Issue).to_string();
        if !issue.is_empty() {
            self.add(
                para(id::NORMAL, &issue)
                    .align(AlignmentType::Center)
                    .indent(Some(0), None, Some(0), None),
            );
        }
        let char = self.look.char_width();
        let mut line = Paragraph::new()
            .style(id::NORMAL)
            .indent(Some(char), None, Some(char), None)
            .add_tab(
                Tab::new()
                    .val(TabValueType::Right)
                    .pos((self.look.text_width() - 2 * char) as usize),
            )
            .add_run(Run::new().add_text(self.office()))
            .add_run(Run::new().add_tab().add_text(self.date()));
        line.property = line.property.set_border(
            ParagraphBorder::new(ParagraphBorderPosition::Bottom)
                .size(8)
                .space(4)
                .color("E60012"),
        );
        self.add(line);
        // The title starts on the grid line after the next.
        self.add(Paragraph::new().style(id::NORMAL));
    }

    /// The office that compiles a bulletin.
    fn office(&self) -> String {
        match self.field(ReportKey::Editor) {
            "" => self.field(ReportKey::Publisher),
            office => office,
        }
        .to_string()
    }

    /// The report's date the official way: 2020年8月4日.
    fn date(&self) -> String {
        match self.document.date {
            Some(d) => format!("{}年{}月{}日", d.year, d.month, d.day),
            None => self.field(ReportKey::Date).to_string(),
        }
    }

    /// The 公文's signature: the issuer over the date, four characters in
    /// from the right, after an empty line.
    fn signature(&mut self) {
        let issuer = match self.field(ReportKey::Publisher) {
            "" => self.field(ReportKey::Source),
            issuer => issuer,
        }
        .to_string();
        let date = self.date();
        let lines: Vec<&str> = [issuer.as_str(), date.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        if lines.is_empty() {
            return;
        }
        self.add(Paragraph::new().style(id::NORMAL));
        for line in lines {
            self.add(para(id::SIGNATURE, line).keep_next(true));
        }
    }

    /// The bulletin's 版记: 报送, 抄送, and the office with the date,
    /// between rules.
    fn record(&mut self) {
        let mut lines = Vec::new();
        for (key, label) in [(ReportKey::SendTo, "报送"), (ReportKey::CopyTo, "抄送")] {
            let value = self.field(key);
            if !value.is_empty() {
                lines.push((format!("{label}：{value}"), None));
            }
        }
        let (office, date) = (self.office(), self.date());
        if !office.is_empty() || !date.is_empty() {
            let printed = if date.is_empty() {
                String::new()
            } else {
                format!("{date}印发")
            };
            lines.push((office, Some(printed)));
        }
        if lines.is_empty() {
            return;
        }
        let table = tables::record(&lines, self.look);
        // An empty line between the text and the 版记.
        self.add(Paragraph::new().style(id::NORMAL));
        self.docx = std::mem::take(&mut self.docx).add_table(table);
    }
}
