//! Wording as statistics bureaus publish it: 环比, 两年平均, 上期值 and a
//! named base; comparisons and lists in the bureaus' house styles; counts
//! over a 板块; labels of the report period. Expected sentences are taken
//! from releases of the National Bureau of Statistics (NBS).

use std::path::Path;

use briefing::diagnostic::CellRef;
use briefing::model::{Column, Details, Indicator, Kind};
use briefing::wording::fill;

mod common;

use common::{Cell, Cell::*, write_workbook};

/// An indicator of `kind` with its 同比 and 上期同比.
fn indicator(code: &str, kind: Kind, yoy: Option<f64>, previous_yoy: Option<f64>) -> Indicator {
    Indicator::new(code, code, CellRef::new("指标", 1, 0))
        .with_value(1.0)
        .with_unit("亿元")
        .with_kind(kind)
        .with_yoy(yoy)
        .with_previous_yoy(previous_yoy)
}

/// Fills `text` against `indicators`, panicking on an error.
fn words(text: &str, indicators: &[Indicator]) -> String {
    fill(text, indicators, &CellRef::new("正文", 1, 2)).unwrap_or_else(|e| panic!("{text}: {e:?}"))
}

/// The message of the first error of `text`.
fn error(text: &str, indicators: &[Indicator]) -> String {
    let errors = fill(text, indicators, &CellRef::new("正文", 1, 2)).expect_err(text);
    errors[0].message.clone()
}

#[test]
fn mom_and_two_year_average_in_every_direction() {
    let with = |mom: f64, two_year: f64| {
        indicator("x", Kind::Total, Some(5.3), None)
            .with(Column::Mom, mom)
            .with(Column::TwoYear, two_year)
    };
    let cases = [
        (0.31, 5.4, "增长0.31%", "增长5.4%"),
        (-0.2, -1.5, "下降0.2%", "下降1.5%"),
        (0.0, 0.0, "持平", "持平"),
    ];
    for (mom, two_year, mom_worded, two_year_worded) in cases {
        let x = [with(mom, two_year)];
        assert_eq!(words("{x:环比}", &x), mom_worded);
        assert_eq!(words("{x:两年平均}", &x), two_year_worded);
    }
    // A price 上涨; decimals as asked.
    let price = Indicator {
        kind: Kind::Price,
        ..with(0.3, 2.0)
    };
    assert_eq!(
        words("{x:环比:2}", std::slice::from_ref(&price)),
        "上涨0.30%"
    );
    assert_eq!(words("{x:两年平均:1}", &[price]), "上涨2.0%");
    // Worked out from 两年前同期: √(121 ÷ 100) − 1 = 10%, √(81 ÷ 100) − 1 = −10%.
    for (value, worded) in [(121.0, "增长10.0%"), (81.0, "下降10.0%"), (100.0, "持平")] {
        let x = indicator("x", Kind::Total, None, None)
            .with(Column::Value, value)
            .with(Column::TwoYearsAgo, 100.0);
        assert_eq!(words("{x:两年平均}", &[x]), worded);
    }
    let bare = [indicator("x", Kind::Total, None, None)];
    assert!(error("{x:环比}", &bare).contains("需要指标“x”的“环比”，但它没有填写（指标!A2）"));
    assert!(error("{x:两年平均}", &bare).contains("“两年平均（或两年前同期）”"));
}

#[test]
fn comparisons_of_any_figure_in_the_bureaus_styles() {
    let x = |now: f64, before: f64| {
        indicator("x", Kind::Total, Some(now), Some(before))
            .with(Column::Mom, now)
            .with(Column::PreviousMom, before)
            .with(Column::TwoYear, now)
            .with(Column::PreviousTwoYear, before)
    };
    // (now, before, placeholder, published)
    let cases = [
        (
            5.4,
            5.6,
            "{x:比较:7月份:两年平均:省略主语}",
            "比7月份回落0.2个百分点",
        ),
        (
            12.8,
            12.7,
            "{x:比较:7月份:两年平均:省略主语:省略时期}",
            "加快0.1个百分点",
        ),
        (18.3, 15.6, "{x:比较:7月份}", "增速比7月份加快2.7个百分点"),
        (
            7.2,
            4.8,
            "{x:比较:7月份:较:回升}",
            "增速较7月份回升2.4个百分点",
        ),
        (
            0.31,
            0.36,
            "{x:比较:上月:环比}",
            "增速比上月回落0.05个百分点",
        ),
        (
            -1.6,
            -6.8,
            "{x:比较:一季度:较}",
            "降幅较一季度收窄5.2个百分点",
        ),
        (
            -4.0,
            -2.7,
            "{x:比较:1—4月份:省略主语}",
            "比1—4月份扩大1.3个百分点",
        ),
        (0.7, -1.6, "{x:比较:上半年}", "增速由负转正"),
        (
            0.7,
            -1.6,
            "{x:比较:上半年:百分点}",
            "增速比上半年加快2.3个百分点",
        ),
        (
            0.7,
            -1.6,
            "{x:比较:上半年:百分点:回升}",
            "增速比上半年回升2.3个百分点",
        ),
        (
            -2.7,
            0.7,
            "{x:比较:1—3月份:百分点}",
            "增速比1—3月份回落3.4个百分点",
        ),
        (-2.7, 0.7, "{x:比较:1—3月份:省略主语}", "由正转负"),
        (5.0, 5.0, "{x:比较:上月}", "增速与上月持平"),
        (5.0, 5.0, "{x:比较:上月:省略主语}", "与上月持平"),
        (
            6.1,
            5.9,
            "{x:比较:上月:提高:较}",
            "增速较上月提高0.2个百分点",
        ),
    ];
    for (now, before, text, published) in cases {
        assert_eq!(words(text, &[x(now, before)]), published, "{text}");
    }
    // A price's 涨幅: 与上月相同 in the style that writes it so.
    let cpi = Indicator {
        kind: Kind::Price,
        ..x(2.5, 2.5)
    };
    assert_eq!(
        words("{x:比较:上月:相同}", std::slice::from_ref(&cpi)),
        "涨幅与上月相同"
    );
    assert_eq!(words("{x:比较:上月}", &[cpi]), "涨幅与上月持平");
    // 环比 compared needs 上期环比: the error names the indicator's cell.
    let only_mom = indicator("x", Kind::Total, None, None).with(Column::Mom, 0.3);
    assert!(
        error("{x:比较:上月:环比}", &[only_mom])
            .contains("需要指标“x”的“上期环比”，但它没有填写（指标!A2）")
    );
}

#[test]
fn levels_against_the_previous_period() {
    let rate = |now: f64, last: f64| Indicator {
        unit: "%".into(),
        kind: Kind::Rate,
        ..indicator("r", Kind::Rate, None, None)
            .with(Column::Value, now)
            .with(Column::LastPeriod, last)
    };
    let cases = [
        (5.1, 5.1, "{r:比较:7月份:数值}", "与7月份持平"),
        (15.3, 16.2, "{r:比较:7月份:数值}", "比7月份下降0.9个百分点"),
        (
            49.4,
            49.0,
            "{r:比较:上月:数值:上升}",
            "比上月上升0.4个百分点",
        ),
        (50.1, 50.4, "{r:比较:上月:数值:较}", "较上月下降0.3个百分点"),
    ];
    for (now, last, text, published) in cases {
        assert_eq!(words(text, &[rate(now, last)]), published, "{text}");
    }
    assert_eq!(words("{r:上期值}", &[rate(5.1, 5.0)]), "5%");
    assert_eq!(words("{r:上期值:1}", &[rate(5.1, 5.0)]), "5.0%");
    // A level changes in its unit.
    let total = indicator("t", Kind::Total, None, None)
        .with(Column::Value, 34395.0)
        .with(Column::LastPeriod, 34925.0);
    assert_eq!(words("{t:比较:上月:数值}", &[total]), "比上月减少530亿元");
}

#[test]
fn growth_over_a_named_base() {
    let x = |base: Option<&str>, column: Column, figure: f64| {
        indicator("x", Kind::Total, Some(5.3), None)
            .with_value(111.2)
            .with_details(Details {
                base: base.map(String::from),
                ..Default::default()
            })
            .with(column, figure)
    };
    let typed = x(Some("2019年同期"), Column::BaseGrowth, 11.2);
    assert_eq!(words("{x:比基期}", &[typed]), "比2019年同期增长11.2%");
    let from_value = x(Some("2019年"), Column::BaseValue, 120.0);
    assert_eq!(words("{x:比基期}", &[from_value]), "比2019年下降7.3%");
    let unnamed = x(None, Column::BaseGrowth, 11.2);
    assert!(error("{x:比基期}", &[unnamed]).contains("的“基期”"));
}

#[test]
fn lists_in_every_published_style() {
    let list = |pairs: &[(f64, f64)]| -> Vec<Indicator> {
        pairs
            .iter()
            .enumerate()
            .map(|(i, &(yoy, before))| {
                indicator(&format!("i{i}"), Kind::Total, Some(yoy), Some(before))
            })
            .collect()
    };
    let industries = list(&[(7.2, 4.8), (5.5, 4.0), (4.4, 3.1), (2.8, 1.7), (6.7, 6.0)]);
    assert_eq!(
        words(
            "生产{i0、i1、i2、i3、i4:比较:7月份:较:回升:顿号}",
            &industries
        ),
        "生产增速较7月份分别回升2.4、1.5、1.3、1.1、0.7个百分点"
    );
    let products = list(&[(151.9, 0.0), (57.4, 0.0), (39.4, 0.0), (12.4, 0.0)]);
    assert_eq!(
        words("{i0、i1、i2、i3:同比:顿号}", &products),
        "分别增长151.9%、57.4%、39.4%、12.4%"
    );
    assert_eq!(words("{i0、i1:同比}", &products), "分别增长151.9%和57.4%");
    let falls = list(&[(-10.1, 0.0), (-5.2, 0.0)]);
    assert_eq!(words("{i0、i1:同比:、}", &falls), "分别下降10.1%、5.2%");
    let same = list(&[(5.0, 0.0), (5.0, 0.0), (5.0, 0.0)]);
    assert_eq!(words("{i0、i1、i2:同比:1}", &same), "均增长5.0%");
    let flat = list(&[(0.0, 0.0), (0.0, 0.0)]);
    assert_eq!(words("{i0、i1:同比}", &flat), "均持平");
    // A list of gaps, as the Fujian bureau wrote them.
    let mut gaps = list(&[(22.4, 0.0), (11.3, 0.0)]);
    gaps.push(Indicator {
        name: "全省".into(),
        ..indicator("all", Kind::Total, Some(2.8), None)
    });
    assert_eq!(
        words("增速{i0、i1:对比:all:高于:顿号}", &gaps),
        "增速分别高于全省19.6、8.5个百分点"
    );
}

#[test]
fn gaps_against_another_indicator_in_every_direction() {
    let pair = |mine: f64, theirs: f64| {
        [
            indicator("ht", Kind::Total, Some(mine), None),
            Indicator {
                name: "规模以上工业".into(),
                ..indicator("ind", Kind::Total, Some(theirs), None)
            },
        ]
    };
    let cases = [
        (
            10.5,
            6.1,
            "{ht:对比:ind:高于}",
            "高于规模以上工业4.4个百分点",
        ),
        (
            2.5,
            6.1,
            "{ht:对比:ind:高于}",
            "低于规模以上工业3.6个百分点",
        ),
        (
            10.5,
            6.1,
            "{ht:对比:ind:快于}",
            "快于规模以上工业4.4个百分点",
        ),
        (-2.5, 0.5, "{ht:对比:ind:全国:快于}", "慢于全国3.0个百分点"),
        (6.1, 6.1, "{ht:对比:ind:高于}", "与规模以上工业持平"),
        (10.5, 6.1, "{ht:对比:ind:全省:较}", "较全省高4.4个百分点"),
    ];
    for (mine, theirs, text, published) in cases {
        assert_eq!(words(text, &pair(mine, theirs)), published, "{text}");
    }
}

#[test]
fn counts_over_a_group_or_a_list_of_codes() {
    let member = |code: &str, yoy: f64| Indicator {
        group: Some("行业".into()),
        ..indicator(code, Kind::Total, Some(yoy), None)
    };
    let industries = [
        member("a", 7.2),
        member("b", -2.5),
        member("c", 0.0),
        member("d", 0.04),
        member("e", 13.3),
    ];
    let text =
        "{行业:个数}个行业中有{行业:增长个数}个增长、{行业:下降个数}个下降、{行业:持平个数}个持平";
    assert_eq!(
        words(text, &industries),
        "5个行业中有3个增长、1个下降、1个持平"
    );
    assert_eq!(words("{a、b、c:增长个数}", &industries), "1");
    assert!(
        error("{工业:增长个数}", &industries).contains("没有哪个指标的“板块”是“工业”，无从计数")
    );
    assert!(error("{a:增长个数}", &industries).contains("“a”是一个指标"));
    let no_growth = [member("a", 1.0), member("z", 1.0).with(Column::Yoy, None)];
    assert!(error("{行业:增长个数}", &no_growth).contains("需要指标“z”的“同比”"));
    // 环比 counted instead of 同比.
    let by_mom = [member("a", 1.0).with(Column::Mom, -0.1)];
    assert_eq!(words("{行业:下降个数:环比}", &by_mom), "1");
}

/// A 指标 sheet's header and rows, and the 正文 paragraphs, as a workbook
/// dated `date` with the 报告 lines `report`.
fn workbook(
    path: &Path,
    report: &[(&'static str, &'static str)],
    indicators: Vec<Vec<Cell>>,
    paragraphs: &[String],
) {
    let mut report_rows = vec![vec![T("项目"), T("内容")]];
    report_rows.extend(report.iter().map(|(k, v)| vec![T(k), T(v)]));
    let mut body = vec![vec![T("段落")]];
    body.extend(paragraphs.iter().map(|p| vec![S(p.clone())]));
    write_workbook(
        path,
        &[("报告", report_rows), ("指标", indicators), ("正文", body)],
    );
}

/// The columns of the indicator sheets of these tests.
fn header() -> Vec<Cell> {
    [
        "代码",
        "板块",
        "指标",
        "数值",
        "单位",
        "类型",
        "上年同期",
        "同比",
        "上期同比",
        "环比",
        "两年平均",
        "上期两年平均",
        "基期",
        "比基期",
    ]
    .map(T)
    .to_vec()
}

/// An indicator row: code, group, name, value, unit, then the figures
/// (上年同期, 同比, 上期同比, 环比, 两年平均, 上期两年平均) where given.
fn row(
    code: &str,
    group: &str,
    name: &str,
    value: f64,
    unit: &'static str,
    figures: [Option<f64>; 6],
) -> Vec<Cell> {
    let mut cells = vec![
        S(code.into()),
        S(group.into()),
        S(name.into()),
        N(value),
        T(unit),
        E,
    ];
    cells.extend(figures.map(|f| f.map_or(E, N)));
    cells
}

#[test]
fn the_examples_of_the_issue_are_printed_as_published() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("examples.xlsx");
    let mut rows = vec![header()];
    let some = Some;
    rows.push(row(
        "ind",
        "",
        "规模以上工业增加值",
        5.3,
        "%",
        [None, some(5.3), some(6.4), some(0.31), some(5.4), some(5.6)],
    ));
    for (code, yoy) in [("nev", 151.9), ("robot", 57.4), ("ic", 39.4), ("pc", 12.4)] {
        rows.push(row(
            code,
            "",
            code,
            1.0,
            "万辆",
            [None, some(yoy), None, None, None, None],
        ));
    }
    for (i, (now, before)) in [(7.2, 4.8), (5.5, 4.0), (4.4, 3.1), (2.8, 1.7), (6.7, 6.0)]
        .into_iter()
        .enumerate()
    {
        rows.push(row(
            &format!("m{i}"),
            "",
            "主要行业",
            1.0,
            "亿元",
            [None, some(now), some(before), None, None, None],
        ));
    }
    rows.push(row(
        "ht",
        "",
        "高技术制造业",
        1.0,
        "亿元",
        [None, some(10.5), None, None, None, None],
    ));
    rows.push(row(
        "ind_b",
        "",
        "规模以上工业",
        1.0,
        "亿元",
        [None, some(6.1), None, None, None, None],
    ));
    rows.push(row(
        "ind_ytd",
        "",
        "1—8月份规模以上工业增加值",
        13.1,
        "%",
        [None, some(13.1), None, None, None, None],
    ));
    rows.push(row(
        "sales",
        "",
        "工业企业产品销售率",
        98.2,
        "%",
        [some(98.3), None, None, None, None, None],
    ));
    // 41 industries, 34 of them growing; last, as a blank 板块 continues
    // the one above.
    for i in 0..41 {
        let yoy = if i < 34 { 1.0 + i as f64 / 10.0 } else { -1.0 };
        rows.push(row(
            &format!("industry{i}"),
            "大类行业",
            &format!("行业{i}"),
            1.0,
            "亿元",
            [None, some(yoy), None, None, None, None],
        ));
    }
    let paragraphs = [
        "规模以上工业增加值同比{ind:同比}，两年平均{ind:两年平均}，{ind:比较:@上月:两年平均:省略主语}；环比{ind:环比}。",
        "新能源汽车、工业机器人、集成电路产量同比{nev、robot、ic、pc:同比:顿号}。",
        "主要行业生产{m0、m1、m2、m3、m4:比较:@上月:较:回升:顿号}。",
        "高技术制造业生产{ht:同比}，{ht:对比:ind_b:高于}。",
        "{大类行业:个数}个大类行业中有{大类行业:增长个数}个行业增加值保持同比增长。",
        "{报告期:累计}，全国规模以上工业增加值同比{ind_ytd:同比}。",
        "工业企业产品销售率为{sales}，比上年同期{sales:增减}。",
    ]
    .map(String::from);
    let report = [("标题", "8月份国民经济"), ("日期", "2021-09-15")];
    workbook(&path, &report, rows, &paragraphs);
    let published = [
        "规模以上工业增加值同比增长5.3%，两年平均增长5.4%，比7月份回落0.2个百分点；环比增长0.31%。",
        "新能源汽车、工业机器人、集成电路产量同比分别增长151.9%、57.4%、39.4%、12.4%。",
        "主要行业生产增速较7月份分别回升2.4、1.5、1.3、1.1、0.7个百分点。",
        "高技术制造业生产增长10.5%，高于规模以上工业4.4个百分点。",
        "41个大类行业中有34个行业增加值保持同比增长。",
        "1—8月份，全国规模以上工业增加值同比增长13.1%。",
        "工业企业产品销售率为98.2%，比上年同期下降0.1个百分点。",
    ];
    let printed = common::printed_text(&path, &dir.path().join("out"));
    let expected = common::squeeze(&published.concat());
    assert!(
        printed.contains(&expected),
        "published:\n{expected}\nprinted:\n{printed}"
    );
}

/// The paragraphs of a workbook as worded, with every problem found.
fn worded(path: &Path) -> (Vec<String>, Vec<briefing::diagnostic::Diagnostic>) {
    use briefing::model::{Briefing, ReadOptions};
    let workbook = briefing::workbook::Workbook::open(path).unwrap();
    let (briefing, mut diags) = Briefing::from_workbook(&workbook, &ReadOptions::default());
    let (document, more) = briefing::wording::Document::new(&briefing, None);
    diags.extend(more);
    let paragraphs = document.map_or_else(Vec::new, |d| d.paragraphs().map(String::from).collect());
    (paragraphs, diags)
}

#[test]
fn the_house_style_is_set_once_and_overridden_by_a_placeholder() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("style.xlsx");
    let some = Some;
    let rows = vec![
        header(),
        row(
            "a",
            "",
            "甲",
            1.0,
            "亿元",
            [None, some(7.2), some(4.8), None, None, None],
        ),
        row(
            "b",
            "",
            "乙",
            1.0,
            "亿元",
            [None, some(5.5), some(4.0), None, None, None],
        ),
    ];
    let paragraphs = [
        "{a、b:比较:@上期累计}。",
        "{a、b:比较:@上期累计:比:带主语:和}。",
        "{报告期:本月}、{报告期:累计}、{报告期:上月}、{报告期:累计月份}。",
    ]
    .map(String::from);
    let report = [
        ("标题", "标题"),
        ("报告期", "2021年前三季度"),
        ("措辞", "较、顿号、省略主语、回升"),
    ];
    workbook(&path, &report, rows, &paragraphs);
    let (paragraphs, diags) = worded(&path);
    assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
    assert_eq!(
        paragraphs,
        [
            "较1—8月份分别回升2.4、1.5个百分点。",
            "增速比1—8月份分别回升2.4个百分点和1.5个百分点。",
            "9月份、前三季度、8月份、1—9月份。",
        ]
    );
}

#[test]
fn check_reports_misuse_at_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("misuse.xlsx");
    let some = Some;
    let mut header = header();
    header.push(T("两年前同期"));
    // 环比 without 上期环比, compared.
    let a = row(
        "a",
        "行业",
        "甲",
        1.0,
        "亿元",
        [None, some(7.2), None, some(0.3), None, None],
    );
    // 两年平均 5.4, though 121 two years after 100 is 10% a year.
    let mut b = row(
        "b",
        "行业",
        "乙",
        121.0,
        "亿元",
        [None, some(7.2), None, None, some(5.4), None],
    );
    b.extend([E, E, N(100.0)]);
    let rows = vec![header, a, b];
    let paragraphs = ["{a:比较:上月:环比}；{工业:增长个数}；{报告期:累计}。".to_string()];
    let report = [("标题", "标题"), ("措辞", "较、快点")];
    workbook(&path, &report, rows, &paragraphs);
    let output = common::briefing(["check".as_ref(), path.as_os_str()]);
    let (_, stderr) = common::text(&output);
    assert!(!output.status.success());
    for expected in [
        "错误: 报告!B3：“措辞”中的“快点”不认识",
        "错误: 正文!A2：占位符“{a:比较:上月:环比}”需要指标“a”的“上期环比”，但它没有填写（指标!A2）",
        "错误: 正文!A2：占位符“{工业:增长个数}”：没有哪个指标的“板块”是“工业”，无从计数",
        "错误: 正文!A2：占位符“{报告期:累计}”要写报告期",
        "警告: 指标!K3：两年平均 5.4 与数值、两年前同期算出的 10.0 不一致",
    ] {
        assert!(stderr.contains(expected), "{expected}\n{stderr}");
    }
}

#[test]
fn stocks_increase_and_decrease() {
    let pigs = |yoy: f64, before: f64, previous: f64| Indicator {
        name: "生猪存栏".into(),
        unit: "万头".into(),
        ..indicator("pigs", Kind::Stock, Some(yoy), Some(before))
            .with(Column::Value, 43764.0)
            .with(Column::Previous, previous)
    };
    let up = [pigs(18.2, 20.1, 37022.0)];
    assert_eq!(words("{pigs:同比}", &up), "增加18.2%");
    assert_eq!(words("{pigs:增减}", &up), "增加6742万头");
    assert_eq!(
        words("{pigs:比较:上季度末}", &up),
        "增速比上季度末回落1.9个百分点"
    );
    let down = [pigs(-2.5, 0.0, 44886.0)];
    assert_eq!(words("{pigs:同比}", &down), "减少2.5%");
    assert_eq!(words("{pigs:增减}", &down), "减少1122万头");
    assert_eq!(words("{pigs:比较:上季度末}", &down), "由持平转为减少");
    assert_eq!(words("{pigs:同比}", &[pigs(0.0, 0.0, 43764.0)]), "持平");
}

#[test]
fn influences_structures_and_level_differences() {
    let impact = |value: f64| Indicator {
        unit: "个百分点".into(),
        ..indicator("pork_i", Kind::Rate, None, None).with(Column::Value, value)
    };
    // NBS, CPI of September 2022: 猪肉价格上涨36.0%，影响CPI上涨约0.45个百分点.
    assert_eq!(
        words("猪肉价格上涨36.0%，{pork_i:影响:CPI:2}", &[impact(0.45)]),
        "猪肉价格上涨36.0%，影响CPI上涨约0.45个百分点"
    );
    assert_eq!(
        words("{pork_i:影响:CPI}", &[impact(-0.04)]),
        "影响CPI下降约0.04个百分点"
    );
    assert_eq!(
        words("{pork_i:影响:CPI:2}", &[impact(0.0)]),
        "对CPI没有影响"
    );
    // NBS, 2021 GDP: 三次产业结构为 7.3:39.4:53.3 (83086, 450904, 609680亿元).
    let sectors = [
        indicator("primary", Kind::Total, None, None).with(Column::Value, 83086.0),
        indicator("secondary", Kind::Total, None, None).with(Column::Value, 450904.0),
        indicator("tertiary", Kind::Total, None, None).with(Column::Value, 609680.0),
    ];
    assert_eq!(
        words(
            "三次产业结构为{primary、secondary、tertiary:结构}",
            &sectors
        ),
        "三次产业结构为7.3:39.4:53.3"
    );
    assert!(error("{primary:结构}", &sectors).contains("结构要对几个指标计算"));
    // Levels against another's, in the unit of the first.
    let income = |value: f64| {
        [
            Indicator {
                unit: "元".into(),
                ..indicator("city", Kind::Total, None, None).with(Column::Value, value)
            },
            Indicator {
                unit: "万元".into(),
                name: "全国".into(),
                ..indicator("nation", Kind::Total, None, None).with(Column::Value, 3.5128)
            },
        ]
    };
    assert_eq!(
        words("{city:差值:nation}", &income(36128.0)),
        "比全国高1000元"
    );
    assert_eq!(
        words("{city:差值:nation:全国平均:高于}", &income(34128.0)),
        "低于全国平均1000元"
    );
    assert_eq!(words("{city:差值:nation}", &income(35128.0)), "与全国持平");
}

#[test]
fn numbers_are_printed_as_the_sheet_shows_them() {
    use rust_xlsxwriter::{Format, Workbook};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shown.xlsx");
    let mut wb = Workbook::new();
    let report = wb.add_worksheet();
    report.set_name("报告").unwrap();
    report.write_row(0, 0, ["项目", "内容"]).unwrap();
    report
        .write_row(1, 0, ["标题", "数字照表中显示的写"])
        .unwrap();
    let sheet = wb.add_worksheet();
    sheet.set_name("指标").unwrap();
    sheet
        .write_row(0, 0, ["代码", "指标", "数值", "单位", "同比", "上期同比"])
        .unwrap();
    // Shown: a number typed as text with its zeros, and growths in cells
    // formatted 0.0.
    let one_decimal = Format::new().set_num_format("0.0");
    sheet
        .write_row(1, 0, ["a", "甲", "1536.00", "亿元"])
        .unwrap();
    sheet
        .write_number_with_format(1, 4, 6.0, &one_decimal)
        .unwrap();
    sheet
        .write_number_with_format(1, 5, 4.0, &one_decimal)
        .unwrap();
    // A percentage cell formatted 0.0%, showing 6.0%.
    let percent = Format::new().set_num_format("0.0%");
    sheet.write_row(3, 0, ["c", "丙", "1", "亿元"]).unwrap();
    sheet
        .write_number_with_format(3, 4, 0.06, &percent)
        .unwrap();
    // The same figures as plain numbers: as typed.
    sheet.write_row(2, 0, ["b", "乙"]).unwrap();
    sheet.write_row(2, 2, [1536.0]).unwrap();
    sheet.write_row(2, 3, ["亿元"]).unwrap();
    sheet.write_row(2, 4, [6.0, 4.0]).unwrap();
    let body = wb.add_worksheet();
    body.set_name("正文").unwrap();
    body.write_row(0, 0, ["段落"]).unwrap();
    body.write_row(1, 0, ["{a}，{a:同比}，{a:比较:上月}。"])
        .unwrap();
    body.write_row(2, 0, ["{b}，{b:同比}，{b:比较:上月}。"])
        .unwrap();
    body.write_row(3, 0, ["{a:数值:0}，{a:同比:2}。"]).unwrap();
    body.write_row(4, 0, ["{c:同比}。"]).unwrap();
    wb.save(&path).unwrap();
    let (paragraphs, diags) = worded(&path);
    assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
    assert_eq!(
        paragraphs,
        [
            "1536.00亿元，增长6.0%，增速比上月加快2.0个百分点。",
            // General cells: growth and points to one decimal (issue 29).
            "1536亿元，增长6.0%，增速比上月加快2.0个百分点。",
            "1536，增长6.00%。",
            "增长6.0%。",
        ]
    );
}

#[test]
fn monthly_forms_in_lists_and_for_every_kind() {
    let monthly = |code: &str, kind: Kind, mom: f64, two_year: f64| Indicator {
        name: format!("{code}价格"),
        ..indicator(code, kind, None, None)
            .with(Column::Mom, mom)
            .with(Column::PreviousMom, 0.1)
            .with(Column::TwoYear, two_year)
    };
    let pair = [
        monthly("a", Kind::Total, 0.31, 12.8),
        monthly("b", Kind::Total, -0.2, 5.4),
    ];
    assert_eq!(words("{a、b:两年平均:顿号}", &pair), "分别增长12.8%、5.4%");
    assert_eq!(words("{a、b:环比}", &pair), "分别增长0.31%和下降0.2%");
    assert_eq!(
        words("{a、b:比较:上月:环比:顿号:省略主语:百分点}", &pair),
        "比上月分别加快0.21、回落0.3个百分点"
    );
    // (kind, 环比, as worded)
    let cases = [
        (Kind::Total, 0.3, "增长0.3%"),
        (Kind::Price, 0.3, "上涨0.3%"),
        (Kind::Index, -0.3, "下降0.3%"),
        (Kind::Index, 0.3, "上涨0.3%"),
        (Kind::Rate, 0.3, "增长0.3%"),
        (Kind::Stock, -0.3, "减少0.3%"),
        (Kind::Stock, 0.0, "持平"),
    ];
    for (kind, mom, worded) in cases {
        let x = [monthly("x", kind, mom, 1.0)];
        assert_eq!(words("{x:环比}", &x), worded, "{kind:?}");
    }
}

#[test]
fn templates_get_the_monthly_figures_worded_as_the_placeholders() {
    use briefing::wording::IndicatorDoc;
    let x = indicator("x", Kind::Total, Some(5.3), None)
        .with(Column::Value, 121.0)
        .with(Column::Mom, 0.31)
        .with(Column::TwoYearsAgo, 100.0);
    let doc = IndicatorDoc::new(&x, None);
    let x = [x];
    assert_eq!(
        doc.text.mom.as_deref(),
        Some(words("{x:环比}", &x).as_str())
    );
    assert_eq!(doc.text.mom.as_deref(), Some("增长0.31%"));
    assert_eq!(doc.text.two_year_average.as_deref(), Some("增长10.0%"));
    let bare = IndicatorDoc::new(&indicator("y", Kind::Total, None, None), None);
    assert_eq!((bare.text.mom, bare.text.two_year_average), (None, None));
}
