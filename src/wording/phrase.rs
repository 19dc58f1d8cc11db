//! A worded change kept as its parts — what changed, against what, the
//! verb, its object, the amount and its unit — so that a list of them is
//! joined by one rule ([`list`]) instead of being cut out of finished text:
//! what every item shares is said once, then 分别 (or 均 when every item
//! is the same), then what differs, joined with 和 or 、, the unit of
//! points said once when the house style asks.

use std::fmt;

use super::style::{HouseStyle, ListUnit, Respectively};
use crate::number::Decimal;

/// One worded change: 增速比7月份加快2.1个百分点 is subject 增速, against
/// 比7月份, verb 加快, amount 2.1 个百分点; 拉动全市经济增长0.8个百分点 is
/// verb 拉动, object 全市经济增长, amount 0.8 个百分点.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Phrase {
    /// What changed: 增速, 降幅, 涨幅, or nothing.
    pub subject: &'static str,
    /// What it is set against, before the verb: 比7月份, 较上月, 与上月,
    /// 比全省; or nothing.
    pub against: String,
    /// The verb: 增长, 加快, 高, 高于, 持平, 由负转正, 拉动.
    pub verb: String,
    /// What the verb takes before the amount: 全省 (高于全省), 全市经济增长
    /// (拉动全市经济增长).
    pub object: String,
    /// The amount, when the phrase has one.
    pub amount: Option<Amount>,
}

/// A number as printed and its unit: 2.1 个百分点.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Amount {
    /// The number, as printed (2.1, 3).
    pub number: String,
    /// %, 个百分点, 亿元.
    pub unit: String,
}

/// The unit of a difference of rates.
pub const POINTS: &str = "个百分点";

impl Phrase {
    /// A phrase of a verb alone: 持平, 由负转正.
    pub fn verb(verb: impl Into<String>) -> Phrase {
        Phrase {
            verb: verb.into(),
            ..Default::default()
        }
    }

    /// A phrase of a verb and an amount: 增长1.5%.
    pub fn change(verb: impl Into<String>, number: String, unit: &str) -> Phrase {
        Phrase {
            verb: verb.into(),
            amount: Some(Amount {
                number,
                unit: unit.to_string(),
            }),
            ..Default::default()
        }
    }

    /// This phrase with `subject`.
    pub fn of(mut self, subject: &'static str) -> Phrase {
        self.subject = subject;
        self
    }

    /// This phrase set `against` something.
    pub fn against(mut self, against: impl Into<String>) -> Phrase {
        self.against = against.into();
        self
    }

    /// This phrase with `object` after its verb.
    pub fn object(mut self, object: impl Into<String>) -> Phrase {
        self.object = object.into();
        self
    }

    /// The verb and its object: 高于全省.
    fn predicate(&self) -> String {
        format!("{}{}", self.verb, self.object)
    }
}

impl fmt::Display for Phrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}{}", self.subject, self.against, self.predicate())?;
        if let Some(amount) = &self.amount {
            write!(f, "{}{}", amount.number, amount.unit)?;
        }
        Ok(())
    }
}

/// A rounded number as the house style prints it: 3.0, or 3 when whole
/// numbers drop their zeros (整数不补零).
pub fn number(d: &Decimal, style: &HouseStyle) -> String {
    let text = d.to_string();
    match text.split_once('.') {
        Some((whole, fraction)) if !style.whole_zero && fraction.bytes().all(|b| b == b'0') => {
            whole.to_string()
        }
        _ => text,
    }
}

/// Joins items the Chinese way: `a`, `a和b`, `a、b和c`; or with 、 only.
pub fn join(items: &[String], and: bool) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        _ if !and => items.join("、"),
        [rest @ .., last] => format!("{}和{last}", rest.join("、")),
    }
}

/// Several changes in one phrase, by one rule for every form: what all
/// items share from the start (subject, comparison, verb) is said once;
/// then 均 when every item is the same, else 分别 followed by what
/// differs, joined with 和 or 、. 分别 stands before the verb, or before
/// the comparison (分别在前). A unit of points shared by every item is
/// said once at the end when the items are joined with 、 or the style
/// asks (单位一次; 带个 keeps 个 after each item).
pub fn list(items: &[Phrase], style: &HouseStyle) -> String {
    let [first, rest @ ..] = items else {
        return String::new();
    };
    if rest.is_empty() {
        return first.to_string();
    }
    let every = |same: &dyn Fn(&Phrase) -> bool| items.iter().all(same);
    let shared_subject = every(&|p| p.subject == first.subject);
    let shared_against = shared_subject && every(&|p| p.against == first.against);
    let shared_verb = shared_against && every(&|p| p.predicate() == first.predicate());
    let alike = every(&|p| p == first);
    let marker = if alike { "均" } else { "分别" };
    let first_place = style.respectively == Respectively::First;

    let mut head = String::new();
    if shared_subject {
        head.push_str(first.subject);
    }
    if shared_against && !first_place {
        head.push_str(&first.against);
    }
    head.push_str(marker);
    if shared_against && first_place {
        head.push_str(&first.against);
    }
    if shared_verb {
        head.push_str(&first.predicate());
    }
    if alike {
        if let Some(amount) = &first.amount {
            head.push_str(&amount.number);
            head.push_str(&amount.unit);
        }
        return head;
    }

    // Said once only where the items differ in their numbers and verbs
    // alone: 分别加快0.3、回落0.2个百分点.
    let unit_once = shared_against
        && every(&|p| p.amount.as_ref().is_some_and(|a| a.unit == POINTS))
        && (!style.and || style.list_unit != ListUnit::Each);
    let last = items.len() - 1;
    let rests: Vec<String> = items
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut rest = String::new();
            if !shared_subject {
                rest.push_str(p.subject);
            }
            if !shared_against {
                rest.push_str(&p.against);
            }
            if !shared_verb {
                rest.push_str(&p.predicate());
            }
            if let Some(amount) = &p.amount {
                rest.push_str(&amount.number);
                match (unit_once && i < last, style.list_unit) {
                    (false, _) => rest.push_str(&amount.unit),
                    (true, ListUnit::Ge) => rest.push('个'),
                    (true, _) => {}
                }
            }
            rest
        })
        .collect();
    head + &join(&rests, style.and)
}

/// One figure's changes against several periods, as releases say them:
/// the periods named together when every change has the same verb
/// (占比较1—6月份和上年同期分别提高0.3和0.9个百分点, the rest by
/// [`list`]'s rule), else each change in turn, separated by ，.
pub fn against_periods(mut items: Vec<Phrase>, style: &HouseStyle) -> String {
    let [first, rest @ ..] = items.as_slice() else {
        return String::new();
    };
    let than = style.than.word();
    let together = rest.iter().all(|p| p.predicate() == first.predicate())
        && items.iter().all(|p| p.against.starts_with(than));
    if !together {
        let each: Vec<String> = items.iter().map(Phrase::to_string).collect();
        return each.join("，");
    }
    let periods: Vec<String> = items
        .iter()
        .map(|p| p.against[than.len()..].to_string())
        .collect();
    let against = format!("{than}{}", join(&periods, style.and));
    for item in &mut items {
        item.against = against.clone();
    }
    list(&items, style)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wording::style::Style;

    fn up(n: &str) -> Phrase {
        Phrase::change("回升", n.into(), POINTS)
    }

    #[test]
    fn lists_join_in_the_house_style() {
        let comma = HouseStyle::default().with(&[Style::Join(false)]);
        let points = [up("2.4"), up("1.5"), up("1.3")];
        assert_eq!(list(&points, &comma), "分别回升2.4、1.5、1.3个百分点");
        assert_eq!(
            list(&points, &HouseStyle::default()),
            "分别回升2.4个百分点、1.5个百分点和1.3个百分点"
        );
        let once = HouseStyle::default().with(&[Style::ListUnit(ListUnit::Once)]);
        assert_eq!(list(&points[..2], &once), "分别回升2.4和1.5个百分点");
        let ge = HouseStyle::default().with(&[Style::ListUnit(ListUnit::Ge)]);
        assert_eq!(list(&points[..2], &ge), "分别回升2.4个和1.5个百分点");
        let percent = [
            Phrase::change("增长", "1.0".into(), "%"),
            Phrase::change("增长", "2.3".into(), "%"),
        ];
        assert_eq!(list(&percent, &comma), "分别增长1.0%、2.3%");
        let mixed = [
            Phrase::change("加快", "0.3".into(), POINTS),
            Phrase::change("回落", "0.2".into(), POINTS),
        ];
        assert_eq!(list(&mixed, &comma), "分别加快0.3、回落0.2个百分点");
    }

    #[test]
    fn the_same_change_of_every_item_takes_jun() {
        let style = HouseStyle::default();
        let same = Phrase::change("加快", "0.5".into(), POINTS)
            .of("增速")
            .against("比上月");
        assert_eq!(
            list(&[same.clone(), same.clone()], &style),
            "增速比上月均加快0.5个百分点"
        );
        let first = style.with(&[Style::Respectively(Respectively::First)]);
        assert_eq!(
            list(&[same.clone(), same], &first),
            "增速均比上月加快0.5个百分点"
        );
        let flat = Phrase::verb("持平");
        assert_eq!(list(&[flat.clone(), flat], &style), "均持平");
    }

    #[test]
    fn whole_numbers_keep_their_zero_unless_asked() {
        let d = crate::number::rounded(3.0, Some(1));
        assert_eq!(number(&d, &HouseStyle::default()), "3.0");
        let bare = HouseStyle::default().with(&[Style::WholeZero(false)]);
        assert_eq!(number(&d, &bare), "3");
        assert_eq!(
            number(&crate::number::rounded(3.25, Some(2)), &bare),
            "3.25"
        );
    }
}
