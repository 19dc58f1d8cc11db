//! Every sentence as the bureau would print it (issue 29): the wording
//! forms that were wrong or missing, each in every direction and compared
//! with the PDF text exactly; the one rule by which every list form joins
//! its items (分别 or 均, the unit once, 和 or 、); growth rates of General
//! cells to one decimal; headings that carry their own numbers; and one
//! error for one bad cell on the command line, in `check --format json`
//! and on the local page.

use std::path::Path;

use briefing::diagnostic::CellRef;
use briefing::model::{Column, Details, Indicator, Kind};
use briefing::wording::fill;

mod common;

use common::{Cell, Cell::*, write_workbook};

/// An indicator with its 同比 and 上期同比, 上年同期 and 上期值.
fn indicator(code: &str, kind: Kind, unit: &str, figures: [Option<f64>; 5]) -> Indicator {
    let [value, previous, yoy, previous_yoy, last_period] = figures;
    Indicator::new(code, code, CellRef::new("指标", 1, 0))
        .with_value(value.unwrap_or(1.0))
        .with_unit(unit)
        .with_kind(kind)
        .with_previous(previous)
        .with_yoy(yoy)
        .with_previous_yoy(previous_yoy)
        .with(Column::LastPeriod, last_period)
}

/// Fills `text` against `indicators`, panicking on an error.
fn words(text: &str, indicators: &[Indicator]) -> String {
    fill(text, indicators, &CellRef::new("正文", 1, 2)).unwrap_or_else(|e| panic!("{text}: {e:?}"))
}

/// A workbook of `indicators` (rows under [`HEADER`]) and one paragraph
/// per text, with the 报告 fields `report`.
fn workbook(path: &Path, report: &[(&str, &str)], indicators: Vec<Vec<Cell>>, texts: &[&str]) {
    let mut report_rows = vec![vec![T("项目"), T("内容")]];
    report_rows.extend(
        report
            .iter()
            .map(|(k, v)| vec![S(k.to_string()), S(v.to_string())]),
    );
    let mut rows = vec![HEADER.map(T).to_vec()];
    rows.extend(indicators);
    let mut body = vec![vec![T("段落")]];
    body.extend(texts.iter().map(|t| vec![S(t.to_string())]));
    write_workbook(
        path,
        &[("报告", report_rows), ("指标", rows), ("正文", body)],
    );
}

/// The columns of the indicator sheets of these tests.
const HEADER: [&str; 9] = [
    "代码",
    "指标",
    "数值",
    "单位",
    "类型",
    "上年同期",
    "同比",
    "上期同比",
    "上期值",
];

/// A row under [`HEADER`]: code, name, value, unit, 类型, then 上年同期,
/// 同比, 上期同比 and 上期值 where given.
fn row(
    code: &str,
    name: &str,
    value: f64,
    unit: &str,
    kind: &str,
    figures: [Option<f64>; 4],
) -> Vec<Cell> {
    let mut cells = vec![
        S(code.into()),
        S(name.into()),
        N(value),
        S(unit.into()),
        S(kind.into()),
    ];
    cells.extend(figures.map(|f| f.map_or(E, N)));
    cells
}

/// Compiles `texts` (paragraphs) against `rows` and asserts that the PDF
/// prints exactly `printed`, paragraph after paragraph.
fn assert_printed(report: &[(&str, &str)], rows: Vec<Vec<Cell>>, cases: &[(&str, &str)]) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("措辞.xlsx");
    let mut fields = vec![("标题", "措辞")];
    fields.extend_from_slice(report);
    let texts: Vec<&str> = cases.iter().map(|(text, _)| *text).collect();
    workbook(&path, &fields, rows, &texts);
    let printed = common::printed_text(&path, &dir.path().join("out"));
    let expected: String = cases.iter().map(|(_, worded)| *worded).collect();
    let expected = common::squeeze(&expected);
    // The title, then the paragraphs and nothing else.
    assert!(
        printed.ends_with(&expected),
        "expected:\n{}\nprinted:\n{printed}",
        cases
            .iter()
            .map(|(t, w)| format!("{t} → {w}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn the_wrong_forms_of_the_issue_print_as_the_bureau_does() {
    let none = None;
    let some = Some;
    let rows = vec![
        // Two rates, and one equal to the first.
        row("a", "甲率", 97.3, "%", "比率", [none; 4]),
        row("b", "乙率", 95.1, "%", "比率", [none; 4]),
        row("c", "丙率", 97.3, "%", "比率", [none; 4]),
        // Growth against the province's 5.1.
        row("h", "h", 1.0, "亿元", "", [none, some(9.4), none, none]),
        row("e", "e", 1.0, "亿元", "", [none, some(7.6), none, none]),
        row("i", "全省", 1.0, "亿元", "", [none, some(5.1), none, none]),
        row("h2", "h2", 1.0, "亿元", "", [none, some(7.1), none, none]),
        row("e2", "e2", 1.0, "亿元", "", [none, some(7.1), none, none]),
        row("low", "low", 1.0, "亿元", "", [none, some(3.0), none, none]),
        row(
            "same",
            "same",
            1.0,
            "亿元",
            "",
            [none, some(5.1), none, none],
        ),
        // Growth against last month's: kept, kept, quickened.
        row(
            "f1",
            "f1",
            1.0,
            "亿元",
            "",
            [none, some(5.0), some(5.0), none],
        ),
        row(
            "f2",
            "f2",
            1.0,
            "亿元",
            "",
            [none, some(5.0), some(5.0), none],
        ),
        row(
            "f3",
            "f3",
            1.0,
            "亿元",
            "",
            [none, some(5.5), some(5.0), none],
        ),
        // Parts of a whole of 1000 a year ago: +8, +12, −9.
        row(
            "w",
            "全市",
            1030.0,
            "亿元",
            "",
            [some(1000.0), none, none, none],
        ),
        row(
            "p1",
            "p1",
            508.0,
            "亿元",
            "",
            [some(500.0), none, none, none],
        ),
        row(
            "p2",
            "p2",
            312.0,
            "亿元",
            "",
            [some(300.0), none, none, none],
        ),
        row(
            "p3",
            "p3",
            191.0,
            "亿元",
            "",
            [some(200.0), none, none, none],
        ),
        // An amount and a rate against last month's value.
        row(
            "u",
            "u",
            1530.0,
            "亿元",
            "",
            [none, none, none, some(1000.0)],
        ),
        row(
            "u2",
            "u2",
            470.0,
            "亿元",
            "",
            [none, none, none, some(1000.0)],
        ),
        row("r", "r", 5.3, "%", "比率", [none, none, none, some(5.1)]),
        row("r2", "r2", 4.9, "%", "比率", [none, none, none, some(5.1)]),
    ];
    assert_printed(
        &[],
        rows,
        &[
            // 差值 of two rates is in points, in every direction.
            (
                "{a:差值:b:全省平均水平:高于}。",
                "高于全省平均水平2.2个百分点。",
            ),
            (
                "{b:差值:a:全省平均水平:高于}。",
                "低于全省平均水平2.2个百分点。",
            ),
            ("{a:差值:b:全省}。", "比全省高2.2个百分点。"),
            ("{a:差值:c:全省}。", "与全省持平。"),
            // Lists of 对比 say the comparison once, and 均 when equal.
            (
                "{h、e:对比:i:全省}。",
                "比全省分别高4.3个百分点和2.5个百分点。",
            ),
            ("{h2、e2:对比:i:全省}。", "比全省均高2.0个百分点。"),
            ("{h2、e2:对比:i:全省:高于}。", "均高于全省2.0个百分点。"),
            (
                "{h、low:对比:i:全省}。",
                "比全省分别高4.3个百分点和低2.1个百分点。",
            ),
            (
                "{h、e:对比:i:全省:高于}。",
                "分别高于全省4.3个百分点和2.5个百分点。",
            ),
            (
                "{same、h:对比:i:全省}。",
                "分别与全省持平和比全省高4.3个百分点。",
            ),
            // 比较 lists with an unchanged item.
            ("{f1、f2:比较:上月}。", "增速与上月均持平。"),
            (
                "{f1、f3:比较:上月}。",
                "增速分别与上月持平和比上月加快0.5个百分点。",
            ),
            // 分别 before the verb of 拉动.
            (
                "{p1、p2:拉动:w:全市经济}。",
                "分别拉动全市经济增长0.8个百分点和1.2个百分点。",
            ),
            (
                "{p1、p3:拉动:w:全市经济}。",
                "分别拉动全市经济增长0.8个百分点和下拉全市经济增长0.9个百分点。",
            ),
            // Amounts take the verbs of amounts whatever the style.
            ("{u:比较:上月:数值:回升}。", "比上月增加530亿元。"),
            ("{u2:比较:上月:数值:回升}。", "比上月减少530亿元。"),
            ("{r:比较:上月:数值:回升}。", "比上月回升0.2个百分点。"),
            ("{r2:比较:上月:数值:回升}。", "比上月回落0.2个百分点。"),
            (
                "{u、u2:比较:上月:数值:提高}。",
                "比上月分别增加530亿元和减少530亿元。",
            ),
        ],
    );
}

#[test]
fn the_published_forms_of_the_issue_are_house_styles() {
    let none = None;
    let some = Some;
    let rows = vec![
        row(
            "q",
            "q",
            1.0,
            "亿元",
            "",
            [none, some(5.5), some(5.0), none],
        ),
        row(
            "s",
            "s",
            1.0,
            "亿元",
            "",
            [none, some(4.5), some(5.0), none],
        ),
        // Declines of the quarter against the last: −4.7 → −0.6 and back.
        row(
            "n1",
            "n1",
            1.0,
            "亿元",
            "",
            [none, some(-0.6), some(-4.7), none],
        ),
        row(
            "n2",
            "n2",
            1.0,
            "亿元",
            "",
            [none, some(-4.7), some(-0.6), none],
        ),
        // Prices whose 涨幅 widened by 0.6 and 0.9.
        row(
            "cpi1",
            "cpi1",
            102.6,
            "",
            "价格",
            [none, some(2.6), some(2.0), none],
        ),
        row(
            "cpi2",
            "cpi2",
            103.0,
            "",
            "价格",
            [none, some(3.0), some(2.1), none],
        ),
        // Quicker than the city's 5.0 by 3.1 and 1.4.
        row("t1", "t1", 1.0, "亿元", "", [none, some(8.1), none, none]),
        row("t2", "t2", 1.0, "亿元", "", [none, some(6.4), none, none]),
        row(
            "city",
            "全市",
            1.0,
            "亿元",
            "",
            [none, some(5.0), none, none],
        ),
        // Declines narrowed by 1.2, 0.5 and 6.4.
        row(
            "d1",
            "d1",
            1.0,
            "亿元",
            "",
            [none, some(-1.0), some(-2.2), none],
        ),
        row(
            "d2",
            "d2",
            1.0,
            "亿元",
            "",
            [none, some(-3.0), some(-3.5), none],
        ),
        row(
            "d3",
            "d3",
            1.0,
            "亿元",
            "",
            [none, some(-0.6), some(-7.0), none],
        ),
        // Whole points.
        row(
            "x",
            "x",
            1.0,
            "亿元",
            "",
            [none, some(8.0), some(5.0), none],
        ),
        // A part that fell against a whole of 1000 a year ago.
        row(
            "w",
            "全市工业产值",
            1000.0,
            "亿元",
            "",
            [some(1000.0), none, none, none],
        ),
        row("p", "p", 191.0, "亿元", "", [some(200.0), none, none, none]),
        // Nothing changed from last year.
        row("z", "z", 1.0, "亿元", "", [none, some(0.0), none, none]),
        // A share of 15.3% against 15.0 in 1—6月 and 14.4 a year ago; one
        // that fell from 1—6月 and one that kept last year's.
        row(
            "sh",
            "占比",
            15.3,
            "%",
            "比率",
            [some(14.4), none, none, some(15.0)],
        ),
        row(
            "sf",
            "占比",
            15.3,
            "%",
            "比率",
            [some(14.4), none, none, some(15.6)],
        ),
        row(
            "sk",
            "占比",
            15.3,
            "%",
            "比率",
            [some(15.3), none, none, some(15.0)],
        ),
        // 6.9 against the province's 4.6.
        row("g", "g", 1.0, "亿元", "", [none, some(6.9), none, none]),
        row(
            "prov",
            "全省",
            1.0,
            "亿元",
            "",
            [none, some(4.6), none, none],
        ),
    ];
    assert_printed(
        &[("报告期", "2021年1—11月份")],
        rows,
        &[
            // 提高 for a speed-up and 回落 for a slow-down.
            ("{q:比较:上月:提高回落}，", "增速比上月提高0.5个百分点，"),
            ("{s:比较:上月:提高回落}。", "增速比上月回落0.5个百分点。"),
            // A change between two declines told as a plain rise or fall.
            (
                "同比{n1:同比}，{n1:比较:上季度:不分正负:省略主语:提高}；",
                "同比下降0.6%，比上季度提高4.1个百分点；",
            ),
            (
                "{n2:比较:上季度:不分正负:省略主语:提高}。",
                "比上季度下降4.1个百分点。",
            ),
            // The unit once, with 个 after each item.
            (
                "{cpi1、cpi2:比较:上月:省略时期:带个}。",
                "涨幅分别扩大0.6个和0.9个百分点。",
            ),
            (
                "{cpi1、cpi2:比较:上月:省略时期:单位一次}。",
                "涨幅分别扩大0.6和0.9个百分点。",
            ),
            // 比…快 in a list, 分别 first, the unit once.
            (
                "增速{t1、t2:对比:city:全市:比快:分别在前:单位一次}。",
                "增速分别比全市快3.1和1.4个百分点。",
            ),
            ("{city:对比:t1:全市:比快}。", "比全市慢3.1个百分点。"),
            // 分别 before the period, items joined with 、.
            (
                "{d1、d2、d3:比较:一季度:分别在前:顿号}。",
                "降幅分别比一季度收窄1.2、0.5、6.4个百分点。",
            ),
            (
                "{d1、d2、d3:比较:一季度:顿号}。",
                "降幅比一季度分别收窄1.2、0.5、6.4个百分点。",
            ),
            // Whole points without .0.
            ("{x:比较:上月:整数不补零}；", "增速比上月加快3个百分点；"),
            ("{x:比较:上月}。", "增速比上月加快3.0个百分点。"),
            // A negative contribution as 下拉…增速.
            (
                "{p:拉动:w::下拉增速}。",
                "下拉全市工业产值增速0.9个百分点。",
            ),
            ("{p:拉动:w}。", "下拉全市工业产值增长0.9个百分点。"),
            // One figure against two periods.
            (
                "占比{sh:增减:1—6月份、上年同期:较:分别在前:单位一次}；",
                "占比分别较1—6月份和上年同期提高0.3和0.9个百分点；",
            ),
            (
                "占比{sh:增减:1—6月份、上年同期}；",
                "占比比1—6月份和上年同期分别提高0.3个百分点和0.9个百分点；",
            ),
            (
                "占比{sf:增减:1—6月份、上年同期:较}；",
                "占比较1—6月份下降0.3个百分点，较上年同期提高0.9个百分点；",
            ),
            (
                "占比{sk:增减:上年同期、1—6月份:较}；",
                "占比与上年同期持平，较1—6月份提高0.3个百分点；",
            ),
            ("占比{sh:增减}。", "占比提高0.9个百分点。"),
            // A zero 同比.
            ("{z:同比:与去年同期持平}，", "与去年同期持平，"),
            ("同比{z:同比}。", "同比持平。"),
            // The other area's own figure in brackets.
            (
                "增速{g:对比:prov:全省:高于:括注}。",
                "增速高于全省（4.6%）2.3个百分点。",
            ),
            (
                "增速{prov:对比:g:全省:括注}。",
                "增速比全省（6.9%）低2.3个百分点。",
            ),
            // Period labels in the house's style.
            (
                "{报告期:累计}、{报告期:累计:短横线}、{报告期:累计:浪纹线}。",
                "1—11月份、1-11月、1～11月。",
            ),
        ],
    );
}

/// Indicators `i0`, `i1`… with the given 同比, 上期同比 and everything
/// else a list form needs, as rates when `rate`.
fn listed(pairs: &[(f64, f64)]) -> Vec<Indicator> {
    let mut all: Vec<Indicator> = pairs
        .iter()
        .enumerate()
        .map(|(i, &(now, before))| Indicator {
            details: Details {
                base: Some("2019年同期".into()),
                ..Default::default()
            },
            ..indicator(
                &format!("i{i}"),
                Kind::Total,
                "亿元",
                [None, None, Some(now), Some(before), None],
            )
            .with(Column::Value, 100.0 + now)
            .with(Column::Previous, 100.0 + before / 2.0)
            .with(Column::Mom, now)
            .with(Column::PreviousMom, before)
            .with(Column::TwoYear, now)
            .with(Column::LastPeriod, 100.0 + before)
            .with(Column::BaseGrowth, now)
        })
        .collect();
    all.push(indicator(
        "all",
        Kind::Total,
        "亿元",
        [Some(1000.0), Some(1000.0), Some(2.0), None, None],
    ));
    all
}

#[test]
fn every_list_form_joins_by_one_rule() {
    // (form, equal items, different items, zero items)
    let cases = [
        ("同比", "均增长5.0%", "分别增长5.0%和3.0%", "均持平"),
        ("上期同比", "均增长4.0%", "分别增长4.0%和1.5%", "均持平"),
        ("环比", "均增长5.0%", "分别增长5.0%和3.0%", "均持平"),
        ("两年平均", "均增长5.0%", "分别增长5.0%和3.0%", "均持平"),
        (
            "比基期",
            "比2019年同期均增长5.0%",
            "比2019年同期分别增长5.0%和3.0%",
            "与2019年同期均持平",
        ),
        ("增减", "均增加3亿元", "分别增加3亿元和2.25亿元", "均持平"),
        (
            "比较:上月",
            "增速比上月均加快1.0个百分点",
            "增速比上月分别加快1.0个百分点和1.5个百分点",
            "增速与上月均持平",
        ),
        (
            "对比:all:全省",
            "比全省均高3.0个百分点",
            "比全省分别高3.0个百分点和1.0个百分点",
            "比全省均低2.0个百分点",
        ),
        (
            "差值:all:全省",
            "比全省均低895亿元",
            "比全省分别低895亿元和897亿元",
            "比全省均低900亿元",
        ),
        (
            "拉动:all:全市",
            "均拉动全市增长0.3个百分点",
            "分别拉动全市增长0.3个百分点和0.2个百分点",
            "对全市增长没有拉动",
        ),
    ];
    let equal = listed(&[(5.0, 4.0), (5.0, 4.0)]);
    let different = listed(&[(5.0, 4.0), (3.0, 1.5)]);
    let zero = listed(&[(0.0, 0.0), (0.0, 0.0)]);
    for (form, alike, unlike, none) in cases {
        let text = format!("{{i0、i1:{form}}}");
        assert_eq!(words(&text, &equal), alike, "{text}, equal");
        assert_eq!(words(&text, &different), unlike, "{text}, different");
        // Two zeros of 拉动 are said once each: there is no verb to share.
        let none = match form {
            "拉动:all:全市" => "均对全市增长没有拉动",
            _ => none,
        };
        assert_eq!(words(&text, &zero), none, "{text}, zero");
    }
    // One zero among changes, and every join of the house style.
    let mixed = listed(&[(5.0, 4.0), (0.0, 0.0), (-2.0, -1.0)]);
    for (text, worded) in [
        ("{i0、i1、i2:同比}", "分别增长5.0%、持平和下降2.0%"),
        ("{i0、i1、i2:同比:顿号}", "分别增长5.0%、持平、下降2.0%"),
        (
            "{i0、i2:比较:上月:顿号}",
            "分别增速比上月加快1.0个百分点、降幅比上月扩大1.0个百分点",
        ),
        (
            "{i0、i1:比较:上月:单位一次}",
            "增速分别比上月加快1.0个百分点和与上月持平",
        ),
        ("{i0、i1}", "105亿元和100亿元"),
        ("{i0、i1::顿号}", "105亿元、100亿元"),
    ] {
        assert_eq!(words(text, &mixed), worded, "{text}");
    }
}

/// A workbook whose 同比 and 上期同比 are formulas left at the General
/// format, with the results a spreadsheet stores (one of them a whole
/// number), in the house style `style` when given.
fn formula_workbook(path: &Path, style: Option<&str>) {
    use rust_xlsxwriter::{Formula, Workbook};
    let mut workbook = Workbook::new();
    let report = workbook.add_worksheet().set_name("报告").unwrap();
    report.write_row(0, 0, ["项目", "内容"]).unwrap();
    report.write_row(1, 0, ["标题", "公式"]).unwrap();
    if let Some(style) = style {
        report.write_row(2, 0, ["措辞", style]).unwrap();
    }
    let sheet = workbook.add_worksheet().set_name("指标").unwrap();
    let header = [
        "代码",
        "指标",
        "数值",
        "单位",
        "上年同期",
        "同比",
        "上期同比",
    ];
    sheet.write_row(0, 0, header).unwrap();
    for (row, code, value, yoy, before) in [
        (1, "a", 105.638291, "5.638291", "3"),
        (2, "b", 109.0, "9", "7.25"),
    ] {
        sheet.write_row(row, 0, [code, code]).unwrap();
        sheet.write(row, 2, value).unwrap();
        sheet.write(row, 3, "亿元").unwrap();
        sheet.write(row, 4, 100.0).unwrap();
        let r = row + 1;
        let yoy = Formula::new(format!("=(C{r}/E{r}-1)*100")).set_result(yoy);
        sheet.write_formula(row, 5, yoy).unwrap();
        let before = Formula::new(format!("={before}+0")).set_result(before);
        sheet.write_formula(row, 6, before).unwrap();
    }
    let body = workbook.add_worksheet().set_name("正文").unwrap();
    body.write(0, 0, "段落").unwrap();
    let text = "甲{a:同比}，{a:比较:上月}；乙{b:同比}，{b:比较:上月}；{a:同比:3}。";
    body.write(1, 0, text).unwrap();
    workbook.save(path).unwrap();
}

#[test]
fn growth_of_general_cells_prints_one_decimal_unless_kept_as_typed() {
    let dir = tempfile::tempdir().unwrap();
    for (style, printed) in [
        (
            None,
            "甲增长5.6%，增速比上月加快2.6个百分点；乙增长9.0%，增速比上月加快1.75个百分点；增长5.638%。",
        ),
        (
            Some("保留原小数"),
            "甲增长5.638291%，增速比上月加快2.638291个百分点；乙增长9%，增速比上月加快1.75个百分点；增长5.638%。",
        ),
    ] {
        let path = dir.path().join("公式.xlsx");
        formula_workbook(&path, style);
        let text = common::printed_text(&path, &dir.path().join("out"));
        assert!(text.ends_with(printed), "{style:?}: {text}");
    }
}

/// The one error of the planted sample, as the command line prints it.
const PLANTED: &str = "错误: 指标!D2：“数值”应为数字，实际为“待定”";

/// What the one error's hint adds: the placeholders folded under it.
const FOLDED: &str = "另有 2 处占位符引用了这一行，改正后一并恢复";

#[test]
fn one_bad_cell_is_one_error_on_the_command_line_and_in_json() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("样例.xlsx");
    common::planted_sample(&path);
    for command in ["check", "compile"] {
        let output = common::briefing([command.as_ref(), path.as_os_str()]);
        let (_, stderr) = common::text(&output);
        assert!(!output.status.success());
        let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("错误")).collect();
        assert_eq!(errors, [PLANTED], "{command}:\n{stderr}");
        assert!(stderr.contains(FOLDED), "{command}:\n{stderr}");
    }
    let output = common::briefing([
        "check".as_ref(),
        path.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    let problems: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    let errors: Vec<&serde_json::Value> = problems
        .iter()
        .filter(|p| p["severity"] == "error")
        .collect();
    assert_eq!(errors.len(), 1, "{problems:#?}");
    assert_eq!(errors[0]["cell"], "D2");
    assert_eq!(errors[0]["message"], "“数值”应为数字，实际为“待定”");
    assert!(errors[0]["hint"].as_str().unwrap().ends_with(FOLDED));
}

#[test]
fn a_batch_with_nothing_written_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("样例.xlsx");
    common::planted_sample(&path);
    // Dropped onto the program: compiled into ./out beside it.
    let output = common::briefing([path.as_os_str()]);
    let (stdout, _) = common::text(&output);
    assert!(!output.status.success());
    assert!(
        stdout.contains("完成：0 份成功，1 份失败，没有生成任何文件。"),
        "{stdout}"
    );
    assert!(!stdout.contains("文件在"), "{stdout}");
    assert!(!dir.path().join("out").exists());
}

#[test]
fn headings_that_carry_their_numbers_are_not_numbered_again() {
    let dir = tempfile::tempdir().unwrap();
    for template in ["gongwen", "jianbao"] {
        let path = dir.path().join(format!("{template}.xlsx"));
        let report = vec![
            vec![T("项目"), T("内容")],
            vec![T("标题"), T("编号")],
            vec![T("模板"), T(template)],
        ];
        let indicators = vec![
            HEADER.map(T).to_vec(),
            row("x", "x", 1.0, "亿元", "", [None; 4]),
        ];
        let body = vec![
            vec![T("章"), T("节"), T("段落")],
            vec![T("一、经济运行"), T("（一）工业"), T("甲。")],
            vec![T("一、经济运行"), T("农业"), T("乙。")],
            vec![T("三产"), E, T("丙。")],
            vec![T("三产"), T("服务业"), T("丁。")],
        ];
        write_workbook(
            &path,
            &[("报告", report), ("指标", indicators), ("正文", body)],
        );
        let printed = common::printed_text(&path, &dir.path().join("out"));
        // Typed numbers kept; the others numbered after them, the sections
        // of each chapter from （一）.
        let expected = "一、经济运行（一）工业甲。（二）农业乙。二、三产丙。（一）服务业丁。";
        assert!(printed.contains(expected), "{template}: {printed}");
        let output = common::briefing(["check".as_ref(), path.as_os_str()]);
        let (stdout, stderr) = common::text(&output);
        assert!(
            format!("{stdout}{stderr}").contains("有 2 个章节标题自带编号（如“一、经济运行”）：公文、简报模板照原样印出，不再另加编号"),
            "{stdout}{stderr}"
        );
    }
}

#[test]
fn unknown_headers_are_warned_with_the_nearest_known_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("表头.xlsx");
    let report = vec![vec![T("项目"), T("内容")], vec![T("标题"), T("表头")]];
    let indicators = vec![
        vec![
            T("代码"),
            T("指标"),
            T("数值"),
            T("计量单位"),
            T("比上年同期增长%"),
        ],
        vec![T("x"), T("x"), N(1.0), T("亿元"), N(5.0)],
    ];
    let body = vec![vec![T("段落"), T("章节")], vec![T("{x}。"), E]];
    write_workbook(
        &path,
        &[("报告", report), ("指标", indicators), ("正文", body)],
    );
    let output = common::briefing(["check".as_ref(), path.as_os_str()]);
    let (_, stderr) = common::text(&output);
    for (line, nearest) in [
        (
            "警告: 指标!D1：列名“计量单位”不认识，这一列没有读入",
            "单位",
        ),
        (
            "警告: 指标!E1：列名“比上年同期增长%”不认识，这一列没有读入",
            "上年同期",
        ),
        ("警告: 正文!B1：列名“章节”不认识，这一列没有读入", "章"),
    ] {
        assert!(stderr.contains(line), "{line}\n{stderr}");
        let hint = format!("如果它是“{nearest}”列，请把列名改成“{nearest}”");
        assert!(stderr.contains(&hint), "{hint}\n{stderr}");
    }
}

#[test]
fn an_unreadable_indicator_sheet_is_named_as_the_cause() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("无代码.xlsx");
    let report = vec![vec![T("项目"), T("内容")], vec![T("标题"), T("{x}")]];
    // No 代码 column: no indicator can be read.
    let indicators = vec![
        vec![T("编码"), T("指标"), T("数值"), T("单位")],
        vec![T("x"), T("x"), N(1.0), T("亿元")],
    ];
    let body = vec![vec![T("段落")], vec![T("{x}、{x:同比}。")]];
    write_workbook(
        &path,
        &[("报告", report), ("指标", indicators), ("正文", body)],
    );
    let output = common::briefing(["check".as_ref(), path.as_os_str()]);
    let (_, stderr) = common::text(&output);
    let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("错误")).collect();
    assert_eq!(errors, ["错误: 指标!A1：缺少“代码”列"], "{stderr}");
    assert!(
        stderr.contains("正文等处的 3 处占位符因此无法引用指标"),
        "{stderr}"
    );
}
