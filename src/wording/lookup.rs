//! The indicators a placeholder can cite ([`Lookup`]): by code, by 板块,
//! by the name a bureau's table prints, with the nearest names for one
//! not found.

use std::collections::HashMap;

use super::error::Problem;
use super::style::HouseStyle;
use crate::model::{Indicator, Rejected};
use crate::model::{Names, compact_name, name_distance};

/// The indicators a placeholder can cite, with the codes of rows left out
/// because of errors (so that a citation of one says so).
pub struct Lookup<'a> {
    /// The indicators, by code and by 板块.
    index: Index<'a>,
    /// The other names of bureau tables' indicators.
    names: Option<&'a Names>,
    /// Codes of rows with errors.
    pub rejected: &'a [Rejected],
    /// The month the report is on (`{报告期:累计}`), when known.
    pub month: Option<u32>,
    /// The year the report is on (`{报告期:年}`), when known.
    pub year: Option<i32>,
    /// The document's house style (措辞).
    pub style: HouseStyle,
}

/// How a [`Lookup`] finds indicators.
enum Index<'a> {
    /// One indicator, worded alone ([`word`](super::word), eleven times for each
    /// indicator of a document): found without building maps.
    One([&'a Indicator; 1]),
    /// Indicators by code, and by 板块 in sheet order (for counts).
    Many {
        by_code: HashMap<&'a str, &'a Indicator>,
        by_group: HashMap<&'a str, Vec<&'a Indicator>>,
    },
}

impl<'a> Lookup<'a> {
    /// The lookup of `indicators`, with the rows left out as `rejected`,
    /// in the default style and without a report period.
    pub fn new(indicators: &'a [Indicator], rejected: &'a [Rejected]) -> Self {
        let by_code = indicators.iter().map(|i| (i.code.as_str(), i)).collect();
        let mut by_group: HashMap<&str, Vec<&Indicator>> = HashMap::new();
        for indicator in indicators {
            if let Some(group) = &indicator.group {
                by_group.entry(group.as_str()).or_default().push(indicator);
            }
        }
        Lookup::with(Index::Many { by_code, by_group }, rejected)
    }

    /// The lookup of `indicator` alone.
    pub(super) fn one(indicator: &'a Indicator) -> Self {
        Lookup::with(Index::One([indicator]), &[])
    }

    fn with(index: Index<'a>, rejected: &'a [Rejected]) -> Self {
        Lookup {
            index,
            names: None,
            rejected,
            month: None,
            year: None,
            style: HouseStyle::default(),
        }
    }

    /// The lookup that also finds bureau tables' indicators by `names`.
    pub fn with_names(mut self, names: &'a Names) -> Self {
        if let Index::Many { by_code, .. } = &mut self.index {
            for alternate in &names.alternates {
                by_code.entry(alternate.code.as_str()).or_insert(alternate);
            }
        }
        self.names = Some(names);
        self
    }

    /// The indicator `code`, or why a placeholder cannot cite it.
    pub fn get(&self, code: &str) -> Result<&'a Indicator, Problem> {
        if let Some(found) = self.find(code) {
            return Ok(found);
        }
        let names = self.names.filter(|n| !n.known.is_empty());
        if let Some(names) = names {
            let typed = compact_name(code);
            if let Some(found) = self.find(&typed) {
                return Ok(found);
            }
            if let Some((_, target)) = names.aliases.iter().find(|(name, _)| *name == typed)
                && let Some(found) = self.find(target)
            {
                return Ok(found);
            }
            if let Some((_, cells)) = names.ambiguous.iter().find(|(name, _)| *name == typed) {
                return Err(Problem::Ambiguous {
                    code: code.to_string(),
                    places: cells
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("、"),
                });
            }
        }
        let code = code.to_string();
        if self.rejected.iter().any(|r| r.code == code) {
            return Err(Problem::Rejected { code });
        }
        match names {
            Some(names) => Err(Problem::UnknownName {
                nearest: nearest(&code, &names.known),
                code,
            }),
            None => Err(Problem::UnknownCode { code }),
        }
    }

    /// Whether `name` is a name of a bureau table's row (not a code).
    fn find_named(&self, name: &str) -> bool {
        let Some(names) = self.names else {
            return false;
        };
        let typed = compact_name(name);
        self.find(&typed).is_some() || names.aliases.iter().any(|(n, _)| *n == typed)
    }

    /// Whether there is no indicator to cite at all (the 指标 sheet
    /// missing, or unreadable).
    pub fn is_empty(&self) -> bool {
        match &self.index {
            Index::One(_) => false,
            Index::Many { by_code, .. } => by_code.is_empty() && self.rejected.is_empty(),
        }
    }

    /// The indicator `code`, if there is one.
    pub(super) fn find(&self, code: &str) -> Option<&'a Indicator> {
        match &self.index {
            Index::One([indicator]) => (indicator.code == code).then_some(*indicator),
            Index::Many { by_code, .. } => by_code.get(code).copied(),
        }
    }

    /// The indicators of the 板块 `name`, in sheet order, if it has any.
    pub fn group(&self, name: &str) -> Option<&[&'a Indicator]> {
        match &self.index {
            Index::One(one) => (one[0].group.as_deref() == Some(name)).then_some(&one[..]),
            Index::Many { by_group, .. } => by_group.get(name).map(Vec::as_slice),
        }
    }

    /// The names of the 板块, in no particular order.
    pub fn groups(&self) -> Vec<&'a str> {
        match &self.index {
            Index::One([indicator]) => indicator.group.as_deref().into_iter().collect(),
            Index::Many { by_group, .. } => by_group.keys().copied().collect(),
        }
    }
}

/// The codes of a list, with the names that hold a 、 themselves put back
/// together: `{电力、热力生产和供应业:同比}` cites one row of a bureau's
/// table, not two.
pub(super) fn names_in(codes: &[&str], lookup: &Lookup) -> Vec<String> {
    let mut names = Vec::with_capacity(codes.len());
    let mut i = 0;
    while i < codes.len() {
        let longest = (i + 2..=codes.len())
            .rev()
            .find(|&j| lookup.find_named(&codes[i..j].join("、")));
        let end = longest.unwrap_or(i + 1);
        names.push(codes[i..end].join("、"));
        i = end;
    }
    names
}

/// The three names of `known` nearest to `typed`, joined for a message.
fn nearest(typed: &str, known: &[String]) -> String {
    let typed = compact_name(typed);
    let mut scored: Vec<(usize, &String)> = known
        .iter()
        .map(|k| (name_distance(&typed, k), k))
        .collect();
    scored.sort();
    scored.dedup_by(|a, b| a.1 == b.1);
    let names: Vec<String> = scored
        .iter()
        .take(3)
        .map(|(_, k)| format!("“{k}”"))
        .collect();
    names.join("、")
}
