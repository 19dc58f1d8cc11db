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
//! paths, English quotations: `#read("/etc/passwd")`), and the punctuation
//! inside numbers, dates, times and file names ("1,422.22", "3.5%",
//! "2020-08-04", "08:26", "第1.5条", "报告.docx").
//!
//! The rules are written here rather than taken from the `autocorrect`
//! crate because every change must be reported with its kind and count,
//! and because autocorrect's default is to insert spaces between Chinese
//! and Latin text, which typeset Chinese must not have.

use crate::diagnostic::{CellRef, Diagnostic};

/// One kind of change made to a text, with how often it was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// What was changed, in Chinese: "半角逗号".
    pub kind: &'static str,
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
/// assert_eq!(changes[0].kind, "半角逗号");
/// assert_eq!(changes[0].count, 2);
/// ```
pub fn normalize(text: &str) -> (String, Vec<Change>, Vec<Notice>) {
    let chars: Vec<char> = text.chars().collect();
    let protected = protected_spans(&chars);
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    let mut changes: Vec<Change> = Vec::new();
    let mut record = |kind: &'static str, from: &str, to: &str| match changes
        .iter_mut()
        .find(|c| c.kind == kind && c.from == from && c.to == to)
    {
        Some(change) => change.count += 1,
        None => changes.push(Change {
            kind,
            from: from.into(),
            to: to.into(),
            count: 1,
        }),
    };
    let parens = paren_pairs(&chars, &protected);
    let has_han = chars.iter().any(|&c| is_han(c));
    let mut double_open = true;
    let mut single_open = true;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if protected[i] {
            out.push(c);
            i += 1;
            continue;
        }
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        // The nearest characters that are not spaces.
        let prev_solid = chars[..i]
            .iter()
            .rev()
            .find(|c| !c.is_whitespace())
            .copied();
        let next_solid = chars[i + 1..].iter().find(|c| !c.is_whitespace()).copied();
        let chinese_around =
            prev_solid.is_some_and(is_chinese) || next_solid.is_some_and(is_chinese);
        let between_digits =
            prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit());

        // Runs first: ellipses and dashes.
        let run = chars[i..].iter().take_while(|&&x| x == c).count();
        if (c == '.' && run >= 2 && prev_solid.is_some_and(is_chinese))
            || (c == '。' && run >= 3)
            || (c == '…' && run == 1)
        {
            let from: String = chars[i..i + run].iter().collect();
            record("省略号", &from, "……");
            out.extend(['…', '…']);
            i += run;
            continue;
        }
        if c == '-'
            && ((run >= 2 && chinese_around)
                || (run == 1 && prev.is_some_and(is_han) && next.is_some_and(is_han)))
        {
            let from: String = chars[i..i + run].iter().collect();
            record("破折号", &from, "——");
            out.extend(['—', '—']);
            i += run;
            continue;
        }

        let replacement = match c {
            ',' if !between_digits && chinese_around => Some(("半角逗号", '，')),
            // Judged on the text already converted, so that a closing quote
            // converted just before counts.
            // A full stop ends a sentence of Chinese text even after a
            // figure ("增长3.5%."), but not after a Latin letter ("U.S.").
            '.' if !between_digits
                && has_han
                && out.last().is_some_and(|&p| {
                    is_chinese(p) || is_closing(p) || p.is_ascii_digit() || p == '%'
                })
                && next.is_none_or(|n| n.is_whitespace() || is_chinese(n) || is_closing(n)) =>
            {
                Some(("半角句号", '。'))
            }
            ':' if !between_digits && chinese_around => Some(("半角冒号", '：')),
            ';' if chinese_around => Some(("半角分号", '；')),
            '?' if chinese_around => Some(("半角问号", '？')),
            '!' if chinese_around => Some(("半角叹号", '！')),
            '(' if parens
                .get(&i)
                .is_some_and(|&close| paren_is_chinese(&chars, i, close)) =>
            {
                Some(("半角括号", '（'))
            }
            ')' if parens
                .iter()
                .any(|(&open, &close)| close == i && paren_is_chinese(&chars, open, i)) =>
            {
                Some(("半角括号", '）'))
            }
            '"' if has_han => {
                let quote = if double_open { '“' } else { '”' };
                double_open = !double_open;
                Some(("直引号", quote))
            }
            '\'' if has_han
                && !(prev.is_some_and(|p| p.is_ascii_alphabetic())
                    && next.is_some_and(|n| n.is_ascii_alphabetic())) =>
            {
                let quote = if single_open { '‘' } else { '’' };
                single_open = !single_open;
                Some(("直引号", quote))
            }
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
                half_width(c).map(|to| ("全角字母或数字", to))
            }
            '．' if prev.is_some_and(is_digit_like) && next.is_some_and(is_digit_like) => {
                Some(("全角字母或数字", '.'))
            }
            '％' if prev.is_some_and(is_digit_like) => Some(("全角字母或数字", '%')),
            _ => None,
        };
        if let Some((kind, to)) = replacement {
            record(kind, &c.to_string(), &to.to_string());
            out.push(to);
            i += 1;
            continue;
        }

        // Spaces next to Chinese characters: the typesetter spaces text.
        if c == ' ' || c == '\u{a0}' {
            let run = chars[i..]
                .iter()
                .take_while(|&&x| x == ' ' || x == '\u{a0}')
                .count();
            let before = prev;
            let after = chars.get(i + run).copied();
            let next_to_chinese = before.is_some_and(is_han)
                && after.is_some_and(|a| is_han(a) || a.is_ascii_alphanumeric())
                || after.is_some_and(is_han) && before.is_some_and(|b| b.is_ascii_alphanumeric());
            if next_to_chinese {
                record("多余空格", &" ".repeat(run), "");
                i += run;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    let text: String = out.into_iter().collect();
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
        let from = if change.kind == "多余空格" {
            "空格".to_string()
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
                format!("{}{from}{to}{count}", change.kind),
            )
            .with_hint("在工作簿里改过来即可消除此警告；要保留原样，请用 --no-normalize"),
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

/// Marks characters that must not change: placeholders, URLs and e-mail
/// addresses.
fn protected_spans(chars: &[char]) -> Vec<bool> {
    let mut protected = vec![false; chars.len()];
    let text: String = chars.iter().collect();
    // Byte offsets to char indices.
    let index_of = |byte: usize| text[..byte].chars().count();
    let mut mark =
        |start: usize, end: usize| protected[start..end].iter_mut().for_each(|p| *p = true);
    // Placeholders: from `{` to the next `}` (escaped braces are literal).
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '{' && chars.get(i + 1) != Some(&'{') {
            if let Some(len) = chars[i..].iter().position(|&c| c == '}') {
                mark(i, i + len + 1);
                i += len + 1;
                continue;
            }
        } else if chars[i] == '{' {
            i += 1;
        }
        i += 1;
    }
    // Latin text, code and paths: a run between spaces with a Latin
    // letter and no Chinese character is written as meant
    // (`#read("/etc/passwd")`, `"Made in China"`).
    let mut token = 0;
    for end in (0..=chars.len()).filter(|&i| i == chars.len() || chars[i].is_whitespace()) {
        let run = &chars[token..end];
        if run.iter().any(char::is_ascii_alphabetic) && !run.iter().any(|&c| is_chinese(c)) {
            mark(token, end);
        }
        token = end + 1;
    }
    // URLs and e-mail addresses: a run of URL characters that looks like one.
    let is_url_char = |c: char| c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=%".contains(c);
    let mut start = None;
    for (byte, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (start, is_url_char(c)) {
            (None, true) => start = Some(byte),
            (Some(s), false) => {
                let word = &text[s..byte];
                let word = word.trim_end_matches(['.', ',', ')', ';', ':', '!', '?']);
                let is_url = word.contains("://") || word.starts_with("www.");
                let is_email = word
                    .split_once('@')
                    .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'));
                if is_url || is_email {
                    mark(index_of(s), index_of(s + word.len()));
                }
                start = None;
            }
            _ => {}
        }
    }
    protected
}

/// Matching parentheses: open index → close index.
fn paren_pairs(chars: &[char], protected: &[bool]) -> std::collections::HashMap<usize, usize> {
    let mut pairs = std::collections::HashMap::new();
    let mut stack = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        if protected[i] {
            continue;
        }
        match c {
            '(' => stack.push(i),
            ')' => {
                if let Some(open) = stack.pop() {
                    pairs.insert(open, i);
                }
            }
            _ => {}
        }
    }
    pairs
}

/// Whether a pair of parentheses belongs to Chinese text: Chinese before
/// it, after it, or inside it.
fn paren_is_chinese(chars: &[char], open: usize, close: usize) -> bool {
    let before = open.checked_sub(1).map(|i| chars[i]);
    let after = chars.get(close + 1).copied();
    before.is_some_and(is_chinese)
        || after.is_some_and(is_chinese)
        || chars[open + 1..close].iter().any(|&c| is_han(c))
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
        for text in unchanged {
            let (out, changes, _) = normalize(text);
            assert_eq!(out, text, "{changes:?}");
            assert!(changes.is_empty());
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
    fn every_change_is_counted_by_kind() {
        let (_, changes, _) = normalize("甲,乙,丙:丁");
        assert_eq!(
            changes,
            vec![
                Change {
                    kind: "半角逗号",
                    from: ",".into(),
                    to: "，".into(),
                    count: 2
                },
                Change {
                    kind: "半角冒号",
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
