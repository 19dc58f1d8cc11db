//! Statistical wording, checked against sentences of real statistical
//! releases (National Bureau of Statistics of China), and against the
//! sample workbook when its figures change.

use briefing::diagnostic::{CellRef, Diagnostic};
use briefing::model::{Briefing, Indicator, ReadOptions};
use briefing::wording::{Document, fill};
use briefing::workbook::{Value, Workbook};

mod common;

/// An indicator with the fields the wording needs.
fn indicator(
    code: &str,
    value: f64,
    unit: &str,
    previous: Option<f64>,
    yoy: Option<f64>,
    previous_yoy: Option<f64>,
) -> Indicator {
    Indicator {
        code: code.into(),
        group: None,
        name: code.into(),
        value,
        unit: unit.into(),
        kind: Default::default(),
        previous,
        yoy,
        previous_yoy,
        highlight: None,
        note: None,
        region: None,
        cell: CellRef::new("指标", 1, 0),
    }
}

#[test]
fn sentences_of_real_releases() {
    // (indicator, text with placeholders, the sentence as released)
    let cases = [
        // 2020 H1 GDP: a decline that narrowed.
        (
            indicator("gdp", 456614.0, "亿元", None, Some(-1.6), Some(-6.8)),
            "上半年国内生产总值{gdp}，按可比价格计算，同比{gdp:同比}，{gdp:比较:一季度}。",
            "上半年国内生产总值456614亿元，按可比价格计算，同比下降1.6%，降幅比一季度收窄5.2个百分点。",
        ),
        // 2020 Q1-Q3 GDP: back to growth.
        (
            indicator("gdp", 722786.0, "亿元", None, Some(0.7), Some(-1.6)),
            "前三季度国内生产总值{gdp}，同比{gdp:同比}，{gdp:比较}。",
            "前三季度国内生产总值722786亿元，同比增长0.7%，增速由负转正。",
        ),
        // 2022 Q1 GDP: faster growth than the quarter before.
        (
            indicator("gdp", 270178.0, "亿元", None, Some(4.8), Some(4.0)),
            "一季度国内生产总值{gdp}，同比{gdp:同比}，比上年四季度加快{gdp:增速差}。",
            "",
        ),
        // March 2022 industry: slower growth, with the decimal kept.
        (
            indicator("industry", 0.0, "%", None, Some(5.0), Some(7.5)),
            "3月份，规模以上工业增加值同比实际{industry:同比:1}，{industry:比较:1-2月份}。",
            "3月份，规模以上工业增加值同比实际增长5.0%，增速比1-2月份回落2.5个百分点。",
        ),
        // Jan-May 2022 property investment: a widening decline.
        (
            indicator("property", 52134.0, "亿元", None, Some(-4.0), Some(-2.7)),
            "1-5月份，全国房地产开发投资{property}，同比{property:同比:1}；{property:比较:1-4月份}。",
            "1-5月份，全国房地产开发投资52134亿元，同比下降4.0%；降幅比1-4月份扩大1.3个百分点。",
        ),
        // Jan-Apr 2022 property investment: from growth to decline.
        (
            indicator("property", 39154.0, "亿元", None, Some(-2.7), Some(0.7)),
            "1-4月份，全国房地产开发投资{property}，同比{property:同比}，{property:比较}。",
            "1-4月份，全国房地产开发投资39154亿元，同比下降2.7%，增速由正转负。",
        ),
        // June 2023 CPI: flat.
        (
            indicator("cpi", 0.0, "%", None, Some(0.0), None),
            "6月份，全国居民消费价格同比{cpi:同比}。",
            "6月份，全国居民消费价格同比持平。",
        ),
        // 2021 unemployment: a rate, compared in percentage points.
        (
            indicator("unemployment", 5.1, "%", Some(5.6), None, None),
            "全国城镇调查失业率平均值为{unemployment}，比上年{unemployment:增减}。",
            "全国城镇调查失业率平均值为5.1%，比上年下降0.5个百分点。",
        ),
        // 2021 population: a level, compared in its unit.
        (
            indicator("population", 141260.0, "万人", Some(141212.0), None, None),
            "年末全国人口{population}，比上年末{population:增减}。",
            "年末全国人口141260万人，比上年末增加48万人。",
        ),
        // 2021 income: 同比 worked out from the previous year's value.
        (
            indicator("income", 35128.0, "元", Some(32189.0), None, None),
            "全国居民人均可支配收入{income}，比上年名义{income:同比}。",
            "全国居民人均可支配收入35128元，比上年名义增长9.1%。",
        ),
        // 2021 retail sales, scaled to 万亿元 with one decimal.
        (
            indicator("retail", 440823.0, "亿元", None, Some(12.5), None),
            "全年社会消费品零售总额{retail:万亿元:1}，比上年{retail:同比}。",
            "全年社会消费品零售总额44.1万亿元，比上年增长12.5%。",
        ),
        // A tiny change rounds to 持平, never "增长0.0%".
        (
            indicator("tiny", 100.0, "亿元", None, Some(0.04), None),
            "同比{tiny:同比:1}。",
            "同比持平。",
        ),
    ];
    let cell = CellRef::new("正文", 1, 2);
    for (indicator, text, expected) in cases {
        let result = fill(text, std::slice::from_ref(&indicator), &cell);
        if expected.is_empty() {
            // A form that does not exist is an error, not a guess.
            let errors = result.expect_err(text);
            assert!(errors[0].message.contains("“增速差”不认识"), "{errors:?}");
            continue;
        }
        assert_eq!(result.unwrap(), expected);
    }
}

/// Reads the sample workbook.
fn sample() -> Workbook {
    Workbook::open(&common::sample()).unwrap()
}

/// Sets the cell of the row whose first cell is `code`, under `header`, in `sheet`.
fn set(workbook: &mut Workbook, sheet: &str, key: (&str, &str), header: &str, value: Value) {
    let sheet = workbook
        .sheets
        .iter_mut()
        .find(|s| s.name == sheet)
        .unwrap();
    let (key_header, key) = key;
    let col = |name: &str| {
        sheet.rows[0]
            .iter()
            .position(|v| v.to_text() == name)
            .unwrap()
    };
    let (key_col, col) = (col(key_header), col(header));
    let row = sheet
        .rows
        .iter_mut()
        .find(|r| r[key_col].to_text().contains(key))
        .unwrap();
    row[col] = value;
}

fn document(workbook: &Workbook) -> (Document, Vec<Diagnostic>) {
    let (briefing, mut diags) = Briefing::from_workbook(workbook, &ReadOptions::default());
    let (document, more) = Document::new(&briefing, None);
    diags.extend(more);
    (document.expect("sample words"), diags)
}

#[test]
fn a_gdp_decline_rewords_every_sentence_that_mentions_it() {
    let mut workbook = sample();
    set(
        &mut workbook,
        "指标",
        ("代码", "gdp"),
        "数值",
        Value::Number(1380.5),
    );
    set(
        &mut workbook,
        "指标",
        ("代码", "gdp"),
        "同比",
        Value::Number(-1.6),
    );
    let (document, diags) = document(&workbook);
    assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
    let lead = document.report_str("lead").unwrap();
    assert!(
        lead.contains("实现地区生产总值1380.5亿元、下降1.6%"),
        "{lead}"
    );
    assert!(!lead.contains("增长1.5%"), "{lead}");
    let gdp = document
        .indicators
        .iter()
        .find(|i| i.figures.code == "gdp")
        .unwrap();
    assert_eq!(gdp.text.yoy.as_deref(), Some("下降1.6%"));
    assert_eq!(gdp.text.value, "1380.5亿元");
    // No text anywhere still carries the old figures.
    let all: Vec<&str> = document
        .paragraphs()
        .chain(
            document
                .groups
                .iter()
                .filter_map(|g| g.highlight.as_deref()),
        )
        .collect();
    assert!(
        all.iter().all(|p| !p.contains("1422.22")),
        "old GDP figure left"
    );
}

#[test]
fn the_lint_is_quiet_on_the_sample_and_catches_a_stale_figure() {
    let stale = |diags: Vec<Diagnostic>| -> Vec<Diagnostic> {
        diags
            .into_iter()
            .filter(|d| d.message.contains("不一致"))
            .collect()
    };
    let (_, diags) = document(&sample());
    assert!(stale(diags).is_empty());

    // Plant a stale figure where the sample cites {gdp} (the 导语 of 报告).
    let mut workbook = sample();
    let mut planted = None;
    for sheet in &mut workbook.sheets {
        for (r, row) in sheet.rows.iter_mut().enumerate() {
            for (c, value) in row.iter_mut().enumerate() {
                if let Value::Text(text) = value
                    && text.contains("{gdp}")
                {
                    *text = text.replace("{gdp}", "1422亿元");
                    let cell = CellRef::new(
                        &sheet.name,
                        sheet.first_row + r as u32,
                        sheet.first_col + c as u32,
                    );
                    planted = Some(cell);
                }
            }
        }
    }
    let expected_cell = planted.expect("the sample cites {gdp}");
    let (_, diags) = document(&workbook);
    let diags = stale(diags);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0].cell.as_ref(), Some(&expected_cell));
    assert!(
        diags[0]
            .message
            .contains("“地区生产总值1422亿元”与指标“gdp”的数值 1422.22亿元 不一致"),
        "{}",
        diags[0]
    );
    assert!(diags[0].hint.as_deref().unwrap().contains("{gdp}"));
}

#[test]
fn templates_get_the_same_wording_as_the_placeholders() {
    use briefing::wording::IndicatorDoc;
    let cell = CellRef::new("正文", 1, 0);
    let cases = [
        indicator("income", 35128.0, "元", Some(32189.0), None, None),
        indicator("rate", 5.1, "%", Some(5.6), None, None),
        indicator("gdp", 456614.0, "亿元", None, Some(-1.6), Some(-6.8)),
    ];
    for i in cases {
        let doc = IndicatorDoc::new(&i, None);
        let placeholder = |form: &str| {
            fill(
                &format!("{{{}:{form}}}", i.code),
                std::slice::from_ref(&i),
                &cell,
            )
            .ok()
        };
        assert_eq!(doc.text.yoy, placeholder("同比"), "{}", i.code);
        assert_eq!(doc.text.change, placeholder("增减"), "{}", i.code);
        assert_eq!(doc.text.compare, placeholder("比较"), "{}", i.code);
        assert_eq!(
            Some(doc.text.value.clone()),
            fill(&format!("{{{}}}", i.code), std::slice::from_ref(&i), &cell).ok()
        );
    }
    // 同比 worked out from 上年同期, in the template data too.
    let income = IndicatorDoc::new(
        &indicator("income", 35128.0, "元", Some(32189.0), None, None),
        None,
    );
    assert_eq!(income.text.yoy.as_deref(), Some("增长9.1%"));
}
