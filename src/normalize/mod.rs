//! Chinese text normalisation: punctuation, digits and spacing as
//! GB/T 15834-2011 (标点符号用法) and the W3C clreq want them.
//!
//! People paste text from web pages and old documents; half-width commas
//! and colons in Chinese prose are everywhere (the reference article has
//! them). [`normalize`] rewrites such text and returns every change it made,
//! so that each can be reported at its cell.
//!
//! What changes, in Chinese context (next to a Chinese character):
//! `, . : ; ? ! ( )` become `，。：；？！（）`; straight quotes become paired
//! `“ ”` and `‘ ’`; `...`, `。。。` and a lone `…` become `……`; `--`, or a
//! `-` between two Chinese characters, becomes `——`; full-width digits and
//! Latin letters become half-width; spaces next to Chinese characters go
//! (the typesetter spaces Chinese and Latin text itself).
//!
//! What never changes: placeholders (`{gdp:同比}`), URLs, e-mail addresses,
//! runs of Latin text without a Chinese character between spaces (code,
//! paths, English quotations: `#read("/etc/passwd")`), straight quotes in
//! code written among Chinese text (`调用f("x")即可`), and the punctuation
//! inside numbers, dates, times and file names ("1,422.22", "3.5%",
//! "2020-08-04", "08:26", "第1.5条", "报告.docx").
//!
//! The rules are written here rather than taken from the `autocorrect`
//! crate because every change must be reported with its kind and count,
//! and because autocorrect's default is to insert spaces between Chinese
//! and Latin text, which typeset Chinese must not have.

mod pass;
mod protect;

use crate::diagnostic::{CellRef, Diagnostic};

/// What kind of change normalisation made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChangeKind {
    /// `,` → `，`.
    Comma,
    /// `.` → `。`.
    FullStop,
    /// `:` → `：`.
    Colon,
    /// `;` → `；`.
    Semicolon,
    /// `?` → `？`.
    QuestionMark,
    /// `!` → `！`.
    ExclamationMark,
    /// `( )` → `（ ）`.
    Parenthesis,
    /// `" "` → `“ ”`, `' '` → `‘ ’`.
    StraightQuote,
    /// `...`, `。。。`, `…` → `……`.
    Ellipsis,
    /// `--` → `——`.
    Dash,
    /// Full-width digits and letters → half-width.
    FullWidth,
    /// Spaces next to Chinese characters, deleted.
    Space,
}

impl ChangeKind {
    /// The change's name in reports: 半角逗号.
    pub fn label(self) -> &'static str {
        match self {
            ChangeKind::Comma => "半角逗号",
            ChangeKind::FullStop => "半角句号",
            ChangeKind::Colon => "半角冒号",
            ChangeKind::Semicolon => "半角分号",
            ChangeKind::QuestionMark => "半角问号",
            ChangeKind::ExclamationMark => "半角叹号",
            ChangeKind::Parenthesis => "半角括号",
            ChangeKind::StraightQuote => "直引号",
            ChangeKind::Ellipsis => "省略号",
            ChangeKind::Dash => "破折号",
            ChangeKind::FullWidth => "全角字母或数字",
            ChangeKind::Space => "多余空格",
        }
    }

    /// What was done, as a summary of many changes says it (`已把 68 处
    /// 半角标点改为全角`): the half-width marks are one kind there.
    pub fn summary(self) -> &'static str {
        match self {
            ChangeKind::Comma
            | ChangeKind::FullStop
            | ChangeKind::Colon
            | ChangeKind::Semicolon
            | ChangeKind::QuestionMark
            | ChangeKind::ExclamationMark
            | ChangeKind::Parenthesis => "半角标点改为全角",
            ChangeKind::StraightQuote => "直引号改为弯引号",
            ChangeKind::Ellipsis => "省略号改为“……”",
            ChangeKind::Dash => "破折号改为“——”",
            ChangeKind::FullWidth => "全角字母或数字改为半角",
            ChangeKind::Space => "多余的空格删去",
        }
    }
}

/// One kind of change made to a text, with how often it was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// What was changed.
    pub kind: ChangeKind,
    /// The text as it was: ",".
    pub from: String,
    /// The text it became: "，".
    pub to: String,
    /// How many times.
    pub count: usize,
}

/// A problem that normalisation reports but does not fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// The same punctuation mark twice in a row: "，，".
    Doubled(String),
    /// A paragraph that starts with punctuation that cannot start a line.
    LeadingPunctuation(char),
}

/// Normalises `text`; returns the new text, the changes and the notices.
///
/// ```
/// use briefing::normalize::normalize;
/// let (text, changes, _) = normalize("上半年,全市1,422.22亿元,增长3.5%.");
/// assert_eq!(text, "上半年，全市1,422.22亿元，增长3.5%。");
/// assert_eq!(changes[0].kind.label(), "半角逗号");
/// assert_eq!(changes[0].count, 2);
/// ```
pub fn normalize(text: &str) -> (String, Vec<Change>, Vec<Notice>) {
    let (text, changes) = pass::rewrite(text);
    let notices = notices(&text);
    (text, changes, notices)
}

/// Normalises the text of one cell and reports each kind of change, and
/// each notice, as a warning at that cell.
pub fn normalize_reported(text: &str, cell: &CellRef, diags: &mut Vec<Diagnostic>) -> String {
    let (normalized, changes, notices) = normalize(text);
    for change in changes {
        let to = if change.to.is_empty() {
            "删去".to_string()
        } else {
            format!("已改为“{}”", change.to)
        };
        // 多余空格 names what goes already.
        let from = if change.kind == ChangeKind::Space {
            String::new()
        } else {
            format!("“{}”", change.from)
        };
        let count = if change.count > 1 {
            format!("（{} 处）", change.count)
        } else {
            String::new()
        };
        diags.push(
            Diagnostic::warning(
                Some(cell.clone()),
                format!("{}{from}{to}{count}", change.kind.label()),
            )
            .with_hint("在工作簿里改过来即可消除此警告；要保留原样，请用 --no-normalize")
            .with_tidied(change.kind.summary(), change.count),
        );
    }
    for notice in notices {
        let message = match notice {
            Notice::Doubled(doubled) => format!("标点“{doubled}”重复"),
            Notice::LeadingPunctuation(c) => format!("段首不应是标点“{c}”"),
        };
        diags.push(Diagnostic::warning(Some(cell.clone()), message).with_hint("请检查这段文字"));
    }
    normalized
}

/// Doubled punctuation and punctuation that starts a paragraph.
fn notices(text: &str) -> Vec<Notice> {
    let mut notices = Vec::new();
    if let Some(first) = text.chars().next()
        && "，。、；：？！）》」』】〕".contains(first)
    {
        notices.push(Notice::LeadingPunctuation(first));
    }
    let chars: Vec<char> = text.chars().collect();
    for pair in chars.windows(2) {
        if pair[0] == pair[1] && "，。、；：？！".contains(pair[0]) {
            let doubled: String = pair.iter().collect();
            if !notices.contains(&Notice::Doubled(doubled.clone())) {
                notices.push(Notice::Doubled(doubled));
            }
        }
    }
    notices
}

/// The half-width form of a full-width ASCII character (`１` → `1`,
/// `Ａ` → `A`, `％` → `%`) or of the ideographic space; `None` for others.
pub fn half_width(c: char) -> Option<char> {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
        '\u{3000}' => Some(' '),
        _ => None,
    }
}

/// Han characters.
fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// Han characters and Chinese punctuation: what makes a context Chinese.
fn is_chinese(c: char) -> bool {
    is_han(c)
        || matches!(c as u32, 0x3000..=0x303F | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0x2018..=0x201D | 0x2026 | 0x2014)
}

/// Closing quotes and brackets, after which a full stop still ends a sentence.
fn is_closing(c: char) -> bool {
    "”’）》」』】".contains(c)
}

fn is_digit_like(c: char) -> bool {
    half_width(c).unwrap_or(c).is_ascii_digit()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(text: &str) -> String {
        normalize(text).0
    }

    #[test]
    fn chinese_punctuation_becomes_full_width() {
        let cases = [
            (
                "上半年,兰州市经济发展经受住了疫情冲击",
                "上半年，兰州市经济发展经受住了疫情冲击",
            ),
            ("关键词:5件大事", "关键词：5件大事"),
            (
                "制定党委(党组)国家安全责任制考核办法",
                "制定党委（党组）国家安全责任制考核办法",
            ),
            ("航天(510所)高新产业", "航天（510所）高新产业"),
            (
                "国际陆港保税物流中心(B型)项目",
                "国际陆港保税物流中心（B型）项目",
            ),
            ("(责编:陈诚、焦隆)", "（责编：陈诚、焦隆）"),
            ("真的吗?是的!", "真的吗？是的！"),
            ("甲;乙", "甲；乙"),
            ("他说\"好\",我说'行'.", "他说“好”，我说‘行’。"),
            ("等等...", "等等……"),
            ("等等…", "等等……"),
            ("等等。。。", "等等……"),
            ("兰州--金边", "兰州——金边"),
            ("街道-社区", "街道——社区"),
            ("１２３亿元", "123亿元"),
            ("ＡＰＰ应用", "APP应用"),
            ("１４２２．２２亿元，增长１．５％", "1422.22亿元，增长1.5%"),
            ("兰州 市", "兰州市"),
            ("引入 5G 网络", "引入5G网络"),
        ];
        for (input, expected) in cases {
            assert_eq!(norm(input), expected, "{input}");
        }
    }

    #[test]
    fn numbers_urls_and_latin_keep_their_punctuation() {
        let unchanged = [
            "增长3.5%",
            "2020年1-6月",
            "5G全覆盖",
            "AI和APP",
            "见http://example.org/a,b。",
            "写信到office@example.org。",
            "1,422.22亿元",
            "第1.5条",
            "2020-08-04发布",
            "08:26发布",
            "2020/8/4",
            "下载报告.docx即可",
            "兰州—金边—曼谷",
            "{gdp:同比}，{gdp}",
            "Hello, world. It's fine!",
            "2020-2023年",
        ];
        assert_unchanged(&unchanged);
    }

    fn assert_unchanged(texts: &[&str]) {
        for &text in texts {
            let (out, changes, _) = normalize(text);
            assert_eq!(out, text, "{changes:?}");
            assert!(changes.is_empty(), "{changes:?}");
        }
    }

    #[test]
    fn runs_without_chinese_are_left_as_written() {
        for text in ["用 #read(\"/etc/passwd\") 读取", "口号是 \"Made in China\""] {
            assert_eq!(norm(text), text);
        }
        // Their punctuation stays; only the spaces Chinese text never has go.
        assert_eq!(
            norm("见 C:\\data\\report.xlsx 和 a.b:c;d"),
            "见C:\\data\\report.xlsx和a.b:c;d"
        );
        // Text touching Chinese is still Chinese text.
        assert_eq!(norm("他说\"OK\",好"), "他说“OK”，好");
    }

    #[test]
    fn quotes_in_code_stay_as_typed() {
        let unchanged = [
            "用#read(\"/etc/passwd\")读取文件",
            "调用f(\"x\")即可",
            "写作f('x')。",
            "字段name[\"id\"]必填",
        ];
        assert_unchanged(&unchanged);
        // Quotes of Chinese text still pair, also beside code.
        assert_eq!(
            norm("他说\"引号\"，调用f(\"x\")"),
            "他说“引号”，调用f(\"x\")"
        );
        // The sentence goes on after the code: its punctuation is Chinese.
        assert_eq!(norm("调用f(\"x\"),再调用g"), "调用f(\"x\")，再调用g");
    }

    #[test]
    fn every_change_is_counted_by_kind() {
        let (_, changes, _) = normalize("甲,乙,丙:丁");
        assert_eq!(
            changes,
            vec![
                Change {
                    kind: ChangeKind::Comma,
                    from: ",".into(),
                    to: "，".into(),
                    count: 2
                },
                Change {
                    kind: ChangeKind::Colon,
                    from: ":".into(),
                    to: "：".into(),
                    count: 1
                },
            ]
        );
    }

    #[test]
    fn doubled_and_leading_punctuation_are_noticed_not_changed() {
        let (text, _, notices) = normalize("，开头，，重复");
        assert_eq!(text, "，开头，，重复");
        assert_eq!(
            notices,
            vec![
                Notice::LeadingPunctuation('，'),
                Notice::Doubled("，，".into())
            ]
        );
    }
}
