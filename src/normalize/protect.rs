//! What normalisation leaves as typed: placeholders, Latin runs, code,
//! URLs and e-mail addresses.

use super::is_chinese;

/// Marks characters that must not change: placeholders, URLs and e-mail
/// addresses.
pub(super) fn protected_spans(chars: &[char]) -> Vec<bool> {
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
    for (start, end) in code_like_quotes(chars) {
        mark(start, end);
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

/// Code written among Chinese text: a straight quote pair around ASCII
/// text that stands next to a Latin letter or a bracket (`f("x")`,
/// `#read("/etc/passwd")`), with the ASCII text it belongs to, less the
/// sentence punctuation at its ends. Start and end indices.
fn code_like_quotes(chars: &[char]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match code_quote_at(chars, i) {
            Some(close) => {
                let (start, end) = ascii_run_around(chars, i, close);
                spans.push((start, end));
                i = end;
            }
            None => i += 1,
        }
    }
    spans
}

/// The closing quote of a code-like quote pair opening at `open`.
fn code_quote_at(chars: &[char], open: usize) -> Option<usize> {
    let quote = chars[open];
    if !matches!(quote, '"' | '\'') {
        return None;
    }
    let close = open + 1 + chars[open + 1..].iter().position(|&c| c == quote)?;
    let ascii_inside = chars[open + 1..close]
        .iter()
        .all(|&c| c.is_ascii() && c != '\n');
    let before = open.checked_sub(1).map(|j| chars[j]);
    let after = chars.get(close + 1).copied();
    let next_to_code = before.is_some_and(|c| c.is_ascii_alphabetic() || "([".contains(c))
        || after.is_some_and(|c| c.is_ascii_alphabetic() || ")]".contains(c));
    (ascii_inside && next_to_code).then_some(close)
}

/// The run of ASCII text without spaces around the quote pair from `open`
/// to `close`, less the sentence punctuation at its ends.
fn ascii_run_around(chars: &[char], open: usize, close: usize) -> (usize, usize) {
    let is_ascii_solid = |c: char| c.is_ascii() && !c.is_ascii_whitespace();
    let is_sentence_mark = |c: char| ".,;:!?".contains(c);
    let mut start = open;
    while start > 0 && is_ascii_solid(chars[start - 1]) {
        start -= 1;
    }
    while start < open && is_sentence_mark(chars[start]) {
        start += 1;
    }
    let mut end = close + 1;
    while end < chars.len() && is_ascii_solid(chars[end]) {
        end += 1;
    }
    while end > close + 1 && is_sentence_mark(chars[end - 1]) {
        end -= 1;
    }
    (start, end)
}
