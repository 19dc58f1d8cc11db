//! The pass over a text that rewrites its marks, one character at a time.

use super::protect::protected_spans;
use super::{Change, ChangeKind, half_width, is_chinese, is_closing, is_digit_like, is_han};

/// Rewrites the marks of `text`; returns the new text and the changes.
pub(super) fn rewrite(text: &str) -> (String, Vec<Change>) {
    let mut pass = Pass::new(text);
    while pass.i < pass.chars.len() {
        pass.step();
    }
    (pass.out.into_iter().collect(), pass.changes)
}

/// One pass over a text, character by character.
struct Pass {
    chars: Vec<char>,
    /// Characters that must not change.
    protected: Vec<bool>,
    /// Matching parentheses: open index → close index.
    parens: std::collections::HashMap<usize, usize>,
    /// Whether the text has any Chinese character.
    has_han: bool,
    /// Whether the next straight double quote opens a pair.
    double_open: bool,
    /// Whether the next straight single quote opens a pair.
    single_open: bool,
    /// The index of the character at hand.
    i: usize,
    out: Vec<char>,
    changes: Vec<Change>,
}

/// What surrounds the character at hand.
struct Around {
    prev: Option<char>,
    next: Option<char>,
    /// The nearest character before that is not a space.
    prev_solid: Option<char>,
    /// Whether the nearest character before or after that is not a space
    /// is Chinese.
    chinese_around: bool,
    between_digits: bool,
}

impl Pass {
    fn new(text: &str) -> Pass {
        let chars: Vec<char> = text.chars().collect();
        let protected = protected_spans(&chars);
        Pass {
            parens: paren_pairs(&chars, &protected),
            has_han: chars.iter().any(|&c| is_han(c)),
            out: Vec::with_capacity(chars.len()),
            chars,
            protected,
            double_open: true,
            single_open: true,
            i: 0,
            changes: Vec::new(),
        }
    }

    /// Counts one change.
    fn record(&mut self, kind: ChangeKind, from: &str, to: &str) {
        match self
            .changes
            .iter_mut()
            .find(|c| c.kind == kind && c.from == from && c.to == to)
        {
            Some(change) => change.count += 1,
            None => self.changes.push(Change {
                kind,
                from: from.into(),
                to: to.into(),
                count: 1,
            }),
        }
    }

    /// Handles the character at hand (and maybe a run after it).
    fn step(&mut self) {
        let c = self.chars[self.i];
        if self.protected[self.i] {
            self.out.push(c);
            self.i += 1;
            return;
        }
        let around = self.around();
        if self.run(c, &around) {
            return;
        }
        if let Some((kind, to)) = self.mark(c, &around) {
            self.record(kind, &c.to_string(), &to.to_string());
            self.out.push(to);
            self.i += 1;
            return;
        }
        if self.spaces(c) {
            return;
        }
        self.out.push(c);
        self.i += 1;
    }

    fn around(&self) -> Around {
        let (chars, i) = (&self.chars, self.i);
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        let prev_solid = chars[..i]
            .iter()
            .rev()
            .find(|c| !c.is_whitespace())
            .copied();
        let next_solid = chars[i + 1..].iter().find(|c| !c.is_whitespace()).copied();
        Around {
            prev,
            next,
            prev_solid,
            chinese_around: prev_solid.is_some_and(is_chinese)
                || next_solid.is_some_and(is_chinese),
            between_digits: prev.is_some_and(|p| p.is_ascii_digit())
                && next.is_some_and(|n| n.is_ascii_digit()),
        }
    }

    /// Runs of a mark: ellipses and dashes. Whether one was rewritten.
    fn run(&mut self, c: char, around: &Around) -> bool {
        let Around { prev, next, .. } = *around;
        let run = self.chars[self.i..].iter().take_while(|&&x| x == c).count();
        let (kind, to) = if (c == '.' && run >= 2 && around.prev_solid.is_some_and(is_chinese))
            || (c == '。' && run >= 3)
            || (c == '…' && run == 1)
        {
            (ChangeKind::Ellipsis, "……")
        } else if c == '-'
            && ((run >= 2 && around.chinese_around)
                || (run == 1 && prev.is_some_and(is_han) && next.is_some_and(is_han)))
        {
            (ChangeKind::Dash, "——")
        } else {
            return false;
        };
        let from: String = self.chars[self.i..self.i + run].iter().collect();
        self.record(kind, &from, to);
        self.out.extend(to.chars());
        self.i += run;
        true
    }

    /// The full-width (or half-width) form of a single mark, if it changes.
    fn mark(&mut self, c: char, around: &Around) -> Option<(ChangeKind, char)> {
        let Around {
            prev,
            next,
            chinese_around,
            between_digits,
            ..
        } = *around;
        let i = self.i;
        let chars = &self.chars;
        let pair_is_chinese = |open: usize, close: usize| paren_is_chinese(chars, open, close);
        Some(match c {
            ',' if !between_digits && chinese_around => (ChangeKind::Comma, '，'),
            // Judged on the text already converted, so that a closing quote
            // converted just before counts.
            // A full stop ends a sentence of Chinese text even after a
            // figure ("增长3.5%."), but not after a Latin letter ("U.S.").
            '.' if !between_digits
                && self.has_han
                && self.out.last().is_some_and(|&p| {
                    is_chinese(p) || is_closing(p) || p.is_ascii_digit() || p == '%'
                })
                && next.is_none_or(|n| n.is_whitespace() || is_chinese(n) || is_closing(n)) =>
            {
                (ChangeKind::FullStop, '。')
            }
            ':' if !between_digits && chinese_around => (ChangeKind::Colon, '：'),
            ';' if chinese_around => (ChangeKind::Semicolon, '；'),
            '?' if chinese_around => (ChangeKind::QuestionMark, '？'),
            '!' if chinese_around => (ChangeKind::ExclamationMark, '！'),
            '(' if self
                .parens
                .get(&i)
                .is_some_and(|&close| pair_is_chinese(i, close)) =>
            {
                (ChangeKind::Parenthesis, '（')
            }
            ')' if self
                .parens
                .iter()
                .any(|(&open, &close)| close == i && pair_is_chinese(open, i)) =>
            {
                (ChangeKind::Parenthesis, '）')
            }
            '"' if self.has_han => {
                let quote = if self.double_open { '“' } else { '”' };
                self.double_open = !self.double_open;
                (ChangeKind::StraightQuote, quote)
            }
            '\'' if self.has_han
                && !(prev.is_some_and(|p| p.is_ascii_alphabetic())
                    && next.is_some_and(|n| n.is_ascii_alphabetic())) =>
            {
                let quote = if self.single_open { '‘' } else { '’' };
                self.single_open = !self.single_open;
                (ChangeKind::StraightQuote, quote)
            }
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
                (ChangeKind::FullWidth, half_width(c)?)
            }
            '．' if prev.is_some_and(is_digit_like) && next.is_some_and(is_digit_like) => {
                (ChangeKind::FullWidth, '.')
            }
            '％' if prev.is_some_and(is_digit_like) => (ChangeKind::FullWidth, '%'),
            _ => return None,
        })
    }

    /// Spaces next to Chinese characters go: the typesetter spaces text.
    /// Whether a run of spaces was deleted.
    fn spaces(&mut self, c: char) -> bool {
        let is_space = |x: char| x == ' ' || x == '\u{a0}';
        if !is_space(c) {
            return false;
        }
        let run = self.chars[self.i..]
            .iter()
            .take_while(|&&x| is_space(x))
            .count();
        let before = self.i.checked_sub(1).map(|j| self.chars[j]);
        let after = self.chars.get(self.i + run).copied();
        let next_to_chinese = before.is_some_and(is_han)
            && after.is_some_and(|a| is_han(a) || a.is_ascii_alphanumeric())
            || after.is_some_and(is_han) && before.is_some_and(|b| b.is_ascii_alphanumeric());
        if next_to_chinese {
            self.record(ChangeKind::Space, &" ".repeat(run), "");
            self.i += run;
        }
        next_to_chinese
    }
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
