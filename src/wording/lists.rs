//! Several figures in one phrase, as releases list them: joined with 和
//! before the last item or with 、 only, 分别 before the verb said once,
//! 均 when every figure is the same, and 个百分点 said once at the end of
//! a list joined with 、.

use super::style::HouseStyle;

/// Joins items the Chinese way: `a`, `a和b`, `a、b和c`.
pub fn join_list(items: &[String]) -> String {
    join(items, true)
}

/// Joins items with 和 before the last (`and`), or with 、 only.
fn join(items: &[String], and: bool) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        _ if !and => items.join("、"),
        [rest @ .., last] => format!("{}和{last}", rest.join("、")),
    }
}

/// The verbs a worded change can start with, longest first.
const CHANGE_VERBS: &[&str] = &[
    "加快", "回落", "收窄", "扩大", "增长", "下降", "上涨", "提高", "增加", "减少", "回升", "上升",
    "高于", "低于", "快于", "慢于",
];

/// An item cut at its first verb: (what comes before, the verb, the rest).
fn split(item: &str) -> Option<(&str, &str, &str)> {
    let (at, verb) = CHANGE_VERBS
        .iter()
        .filter_map(|v| item.find(v).map(|at| (at, *v)))
        .min_by_key(|(at, _)| *at)?;
    Some((&item[..at], verb, &item[at + verb.len()..]))
}

/// Changes of several figures in one phrase, as releases list them: the
/// part before the verb said once, then 分别, then the verb once when all
/// share it: 分别增长1.2%、3.4%和5.6%; 分别增长1.2%、下降3.4%和增长5.6%;
/// 增速比一季度分别加快0.8个百分点和1.2个百分点.
///
/// ```
/// use briefing::wording::respectively;
/// let w = |items: &[&str]| respectively(&items.iter().map(|s| s.to_string()).collect::<Vec<_>>());
/// assert_eq!(w(&["下降31.5%", "下降0.9%", "下降39%"]), "分别下降31.5%、0.9%和39%");
/// assert_eq!(w(&["增长1.2%", "下降3.4%", "增长5.6%"]), "分别增长1.2%、下降3.4%和增长5.6%");
/// assert_eq!(w(&["增长1.2%", "持平"]), "分别增长1.2%和持平");
/// ```
pub fn respectively(items: &[String]) -> String {
    respectively_joined(items, true)
}

/// [`respectively`], joined with 和 (`and`) or with 、 only; with 、 a
/// unit of 个百分点 shared by every item is said once, at the end.
fn respectively_joined(items: &[String], and: bool) -> String {
    let parts: Option<Vec<(&str, &str, &str)>> = items.iter().map(|item| split(item)).collect();
    let Some(parts) = parts.filter(|p| p.iter().all(|part| part.0 == p[0].0)) else {
        return format!("分别{}", join(items, and));
    };
    let (head, verb) = (parts[0].0, parts[0].1);
    let same_verb = parts.iter().all(|p| p.1 == verb);
    // What every item says between the verb and its number (高于全省19.6…)
    // is said once with the verb.
    let before_number = |rest: &str| rest.find(|c: char| c.is_ascii_digit()).unwrap_or(0);
    let shared = &parts[0].2[..before_number(parts[0].2)];
    let shared = match same_verb && parts.iter().all(|p| p.2[..before_number(p.2)] == *shared) {
        true => shared,
        false => "",
    };
    let mut rests: Vec<String> = parts
        .iter()
        .map(|p| match same_verb {
            true => p.2[shared.len()..].to_string(),
            false => format!("{}{}", p.1, p.2),
        })
        .collect();
    const POINTS: &str = "个百分点";
    if !and && rests.iter().all(|r| r.ends_with(POINTS)) {
        let last = rests.len() - 1;
        for rest in &mut rests[..last] {
            rest.truncate(rest.len() - POINTS.len());
        }
    }
    let verb = if same_verb { verb } else { "" };
    format!("{head}分别{verb}{shared}{}", join(&rests, and))
}

/// The same change of every item, said once with 均: 均增长5.0%,
/// 增速比上月均加快0.5个百分点, 均持平.
fn all_alike(items: &[String]) -> Option<String> {
    let first = items.first()?;
    if items.len() < 2 || items.iter().any(|item| item != first) {
        return None;
    }
    if first == "持平" {
        return Some("均持平".into());
    }
    let (head, verb, rest) = split(first)?;
    Some(format!("{head}均{verb}{rest}"))
}

/// The items of a placeholder's list in the house `style`: changes
/// (`change`) with 分别, or 均 when all are the same; other figures
/// joined plainly.
pub fn list_in(items: &[String], change: bool, style: &HouseStyle) -> String {
    match items {
        [one] => one.clone(),
        _ if change => all_alike(items).unwrap_or_else(|| respectively_joined(items, style.and)),
        _ => join(items, style.and),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn lists_join_in_the_house_style() {
        let comma = HouseStyle {
            and: false,
            ..Default::default()
        };
        let points = items(&["回升2.4个百分点", "回升1.5个百分点", "回升1.3个百分点"]);
        assert_eq!(
            list_in(&points, true, &comma),
            "分别回升2.4、1.5、1.3个百分点"
        );
        assert_eq!(
            list_in(&points, true, &HouseStyle::default()),
            "分别回升2.4个百分点、1.5个百分点和1.3个百分点"
        );
        let percent = items(&["增长1.0%", "增长2.3%"]);
        assert_eq!(list_in(&percent, true, &comma), "分别增长1.0%、2.3%");
        let mixed = items(&["加快0.3个百分点", "回落0.2个百分点"]);
        assert_eq!(
            list_in(&mixed, true, &comma),
            "分别加快0.3、回落0.2个百分点"
        );
        assert_eq!(
            list_in(&items(&["1亿元", "2亿元", "3亿元"]), false, &comma),
            "1亿元、2亿元、3亿元"
        );
    }

    #[test]
    fn the_same_change_of_every_item_takes_jun() {
        let style = HouseStyle::default();
        let same = items(&["增长5.0%", "增长5.0%", "增长5.0%"]);
        assert_eq!(list_in(&same, true, &style), "均增长5.0%");
        let compared = items(&["增速比上月加快0.5个百分点", "增速比上月加快0.5个百分点"]);
        assert_eq!(
            list_in(&compared, true, &style),
            "增速比上月均加快0.5个百分点"
        );
        assert_eq!(list_in(&items(&["持平", "持平"]), true, &style), "均持平");
        // Values are not changes: no 均.
        let values = items(&["5亿元", "5亿元"]);
        assert_eq!(list_in(&values, false, &style), "5亿元和5亿元");
    }
}
