//! Statistical wording, checked against sentences of real statistical
//! releases (National Bureau of Statistics of China), and against the
//! sample workbook when its figures change.

use briefing::diagnostic::{CellRef, Diagnostic};
use std::path::Path;

use briefing::model::{Briefing, Indicator, Kind, ReadOptions, ReportKey};
use briefing::wording::{Document, fill};
use briefing::workbook::{Value, Workbook};

mod common;

use common::{Cell::*, write_workbook};

/// An indicator with the fields the wording needs.
fn indicator(
    code: &str,
    value: f64,
    unit: &str,
    previous: Option<f64>,
    yoy: Option<f64>,
    previous_yoy: Option<f64>,
) -> Indicator {
    Indicator::new(code, code, CellRef::new("指标", 1, 0))
        .with_value(value)
        .with_unit(unit)
        .with_previous(previous)
        .with_yoy(yoy)
        .with_previous_yoy(previous_yoy)
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
    let lead = document.report_str(ReportKey::Lead).unwrap();
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

/// An indicator of `kind` with a code, a unit and the fields the new forms
/// read.
fn figure(code: &str, value: f64, previous: Option<f64>, yoy: Option<f64>) -> Indicator {
    Indicator {
        name: format!("{code}的名称"),
        ..indicator(code, value, "亿元", previous, yoy, None)
    }
}

/// Fills `text` against `indicators`, panicking on an error.
fn words(text: &str, indicators: &[Indicator]) -> String {
    fill(text, indicators, &CellRef::new("正文", 1, 2)).unwrap_or_else(|e| panic!("{text}: {e:?}"))
}

#[test]
fn prices_rise_and_fall_as_bureaus_write_it() {
    let price = |yoy, previous_yoy| Indicator {
        kind: Kind::Price,
        ..indicator("cpi", 0.0, "%", None, Some(yoy), Some(previous_yoy))
    };
    let cases = [
        (0.7, 0.9, "上涨0.7%", "涨幅比上月回落0.2个百分点"),
        (2.8, 2.5, "上涨2.8%", "涨幅比上月扩大0.3个百分点"),
        (2.5, 2.5, "上涨2.5%", "涨幅与上月持平"),
        (-0.5, -0.8, "下降0.5%", "降幅比上月收窄0.3个百分点"),
        (0.2, -0.1, "上涨0.2%", "由降转涨"),
        (-0.2, 0.1, "下降0.2%", "由涨转降"),
        (0.0, 0.3, "持平", "由上涨转为持平"),
    ];
    for (yoy, before, worded, compared) in cases {
        let cpi = [price(yoy, before)];
        assert_eq!(words("{cpi:同比}", &cpi), worded);
        assert_eq!(words("{cpi:比较:上月}", &cpi), compared);
    }
    // A price level changes in its unit with the same verbs.
    let pork = Indicator {
        kind: Kind::Price,
        ..indicator("pork", 25.6, "元/公斤", Some(22.1), None, None)
    };
    assert_eq!(
        words("{pork:增减}", std::slice::from_ref(&pork)),
        "上涨3.5元/公斤"
    );
    assert_eq!(words("{pork:同比}", &[pork]), "上涨15.8%");
}

#[test]
fn lists_take_fenbie_and_say_the_verb_once() {
    let taxes = [
        figure("corporate", 1.0, None, Some(-31.5)),
        figure("personal", 1.0, None, Some(-0.9)),
        figure("property", 1.0, None, Some(-39.0)),
    ];
    // 2020 tax revenue, as a city bureau printed it: whole numbers
    // without .0 (by default told to one decimal, 39.0%).
    assert_eq!(
        words(
            "企业所得税、个人所得税、房产税同比{corporate、personal、property:同比:整数不补零}",
            &taxes
        ),
        "企业所得税、个人所得税、房产税同比分别下降31.5%、0.9%和39%"
    );
    assert_eq!(
        words("{corporate、property:同比}", &taxes),
        "分别下降31.5%和39.0%"
    );
    let mixed = [
        figure("a", 1.0, None, Some(1.2)),
        figure("b", 1.0, None, Some(-3.4)),
        figure("c", 1.0, None, Some(5.6)),
    ];
    assert_eq!(
        words("{a、b、c:同比}", &mixed),
        "分别增长1.2%、下降3.4%和增长5.6%"
    );
    assert_eq!(words("{a,b:同比}", &mixed), "分别增长1.2%和下降3.4%");
    assert_eq!(words("{a，c:同比}", &mixed), "分别增长1.2%和5.6%");
    let flat = [
        figure("a", 1.0, None, Some(1.2)),
        figure("z", 1.0, None, Some(0.0)),
    ];
    assert_eq!(words("{a、z:同比}", &flat), "分别增长1.2%和持平");
    // Changes in a unit, and comparisons with an earlier period.
    let levels = [
        figure("x", 16.9, Some(15.0), None),
        figure("y", 375.6, Some(380.0), None),
    ];
    assert_eq!(
        words("{x、y:增减}", &levels),
        "分别增加1.9亿元和减少4.4亿元"
    );
    let faster = [
        indicator("p", 0.0, "%", None, Some(4.8), Some(4.0)),
        indicator("q", 0.0, "%", None, Some(6.2), Some(5.0)),
    ];
    assert_eq!(
        words("{p、q:比较:一季度}", &faster),
        "增速比一季度分别加快0.8个百分点和1.2个百分点"
    );
    // Values list without 分别.
    assert_eq!(words("{x、y}", &levels), "16.9亿元和375.6亿元");
    assert_eq!(words("{x、y:万元}", &levels), "169000万元和3756000万元");
}

#[test]
fn shares_and_their_change() {
    let hightech = figure("hightech", 352.0, Some(307.0), Some(14.7));
    let industry = Indicator {
        unit: "万亿元".into(),
        ..figure("industry", 0.1, Some(0.0895), Some(12.0))
    };
    let both = [hightech.clone(), industry.clone()];
    // 352亿元 of 0.1万亿元 (1000亿元): the units are converted.
    assert_eq!(words("{hightech:比重:industry}", &both), "35.2%");
    assert_eq!(words("{hightech:比重:industry:2}", &both), "35.20%");
    // 35.2% now, 307 / 895 = 34.3% a year earlier.
    assert_eq!(
        words("{hightech:比重变化:industry}", &both),
        "提高0.9个百分点"
    );
    let fell = [
        figure("a", 30.0, Some(33.0), None),
        figure("t", 100.0, Some(100.0), None),
    ];
    assert_eq!(words("{a:比重变化:t}", &fell), "下降3.0个百分点");
    let same = [
        figure("a", 30.0, Some(30.0), None),
        figure("t", 100.0, Some(100.0), None),
    ];
    assert_eq!(words("{a:比重变化:t}", &same), "持平");
    // Needs 上年同期 of both, and units that convert.
    let errors = fill(
        "{a:比重变化:t}",
        &[
            figure("a", 30.0, None, None),
            figure("t", 100.0, Some(1.0), None),
        ],
        &CellRef::new("正文", 1, 2),
    )
    .unwrap_err();
    assert!(
        errors[0].message.contains("需要指标“a”的“上年同期”"),
        "{errors:?}"
    );
    let people = Indicator {
        unit: "万人".into(),
        ..figure("t", 100.0, None, None)
    };
    let errors = fill(
        "{a:比重:t}",
        &[figure("a", 30.0, None, None), people],
        &CellRef::new("正文", 1, 2),
    )
    .unwrap_err();
    assert!(
        errors[0]
            .message
            .contains("的单位“亿元”和“t”的单位“万人”不能换算"),
        "{errors:?}"
    );
}

#[test]
fn contributions_pull_the_whole_up_or_down() {
    let gdp = Indicator {
        name: "全市生产总值".into(),
        ..figure("gdp", 1050.0, Some(1000.0), Some(5.0))
    };
    let up = [figure("industry", 540.0, Some(532.0), None), gdp.clone()];
    assert_eq!(
        words("工业{industry:拉动:gdp}", &up),
        "工业拉动全市生产总值增长0.8个百分点"
    );
    assert_eq!(
        words("{industry:拉动:gdp:全市经济}", &up),
        "拉动全市经济增长0.8个百分点"
    );
    let down = [figure("industry", 529.0, Some(532.0), None), gdp.clone()];
    assert_eq!(
        words("{industry:拉动:gdp:全市经济}", &down),
        "下拉全市经济增长0.3个百分点"
    );
    let none = [figure("industry", 532.0, Some(532.0), None), gdp];
    assert_eq!(
        words("{industry:拉动:gdp:全市经济}", &none),
        "对全市经济增长没有拉动"
    );
}

#[test]
fn growth_against_another_area() {
    let city = figure("city", 1.0, None, Some(5.6));
    let province = |yoy| Indicator {
        name: "全省生产总值".into(),
        ..figure("province", 1.0, None, Some(yoy))
    };
    let cases = [
        (4.4, "比全省高1.2个百分点"),
        (5.9, "比全省低0.3个百分点"),
        (5.6, "与全省持平"),
    ];
    for (theirs, expected) in cases {
        let both = [city.clone(), province(theirs)];
        assert_eq!(words("{city:对比:province:全省}", &both), expected);
    }
    // Without an area, the other indicator's name.
    let both = [city, province(4.4)];
    assert_eq!(
        words("{city:对比:province}", &both),
        "比全省生产总值高1.2个百分点"
    );
}

/// The NBS release of September 2022 consumer prices, rebuilt from its
/// figures alone: each price index as a level (上年同月 = 100), each
/// influence in percentage points, and prose that cites them.
fn cpi_release_workbook(path: &Path) {
    let indices: [(&'static str, &'static str, f64); 23] = [
        ("cpi", "居民消费价格指数", 102.8),
        ("cpi_city", "城市居民消费价格指数", 102.7),
        ("cpi_rural", "农村居民消费价格指数", 103.1),
        ("food", "食品价格指数", 108.8),
        ("nonfood", "非食品价格指数", 101.5),
        ("goods", "消费品价格指数", 104.3),
        ("services", "服务价格指数", 100.5),
        ("cpi_ytd", "1—9月居民消费价格指数", 102.0),
        ("food_tobacco", "食品烟酒类价格指数", 106.3),
        ("fruit", "鲜果价格指数", 117.8),
        ("meat", "畜肉类价格指数", 116.0),
        ("pork", "猪肉价格指数", 136.0),
        ("vegetables", "鲜菜价格指数", 112.1),
        ("eggs", "蛋类价格指数", 107.3),
        ("grain", "粮食价格指数", 103.6),
        ("aquatic", "水产品价格指数", 102.8),
        ("transport", "交通通信价格指数", 104.5),
        ("other", "其他用品及服务价格指数", 101.6),
        ("household", "生活用品及服务价格指数", 101.4),
        ("education", "教育文化娱乐价格指数", 101.2),
        ("health", "医疗保健价格指数", 100.7),
        ("clothing", "衣着价格指数", 100.5),
        ("housing", "居住价格指数", 100.3),
    ];
    let impacts: [(&'static str, &'static str, f64); 8] = [
        ("food_tobacco_i", "食品烟酒类影响CPI", 1.73),
        ("fruit_i", "鲜果影响CPI", 0.31),
        ("meat_i", "畜肉类影响CPI", 0.50),
        ("pork_i", "猪肉影响CPI", 0.45),
        ("vegetables_i", "鲜菜影响CPI", 0.25),
        ("eggs_i", "蛋类影响CPI", 0.05),
        ("grain_i", "粮食影响CPI", 0.06),
        ("aquatic_i", "水产品影响CPI", 0.06),
    ];
    let mut rows = vec![vec![T("代码"), T("指标"), T("数值"), T("单位"), T("类型")]];
    for (code, name, value) in indices {
        rows.push(vec![T(code), T(name), N(value), E, E]);
    }
    for (code, name, value) in impacts {
        rows.push(vec![T(code), T(name), N(value), T("个百分点"), T("比率")]);
    }
    let paragraph_1 = "2022年9月份，全国居民消费价格同比{cpi:同比:1}。其中，城市{cpi_city:同比:1}，农村{cpi_rural:同比:1}；食品价格{food:同比:1}，非食品价格{nonfood:同比:1}；消费品价格{goods:同比:1}，服务价格{services:同比:1}。1—9月平均，全国居民消费价格比上年同期{cpi_ytd:同比:1}。";
    let paragraph_2 = "9月份，食品烟酒类价格同比{food_tobacco:同比:1}，影响CPI（居民消费价格指数）上涨约{food_tobacco_i::2}。食品中，鲜果价格{fruit:同比:1}，影响CPI上涨约{fruit_i::2}；畜肉类价格{meat:同比:1}，影响CPI上涨约{meat_i::2}，其中猪肉价格{pork:同比:1}，影响CPI上涨约{pork_i::2}；鲜菜价格{vegetables:同比:1}，影响CPI上涨约{vegetables_i::2}；蛋类价格{eggs:同比:1}，影响CPI上涨约{eggs_i::2}；粮食价格{grain:同比:1}，影响CPI上涨约{grain_i::2}；水产品价格{aquatic:同比:1}，影响CPI上涨约{aquatic_i::2}。";
    let paragraph_3 = "其他七大类价格同比均上涨。其中，交通通信、其他用品及服务、生活用品及服务价格{transport、other、household:同比:1}，教育文化娱乐、医疗保健价格{education、health:同比:1}，衣着、居住价格{clothing、housing:同比:1}。";
    write_workbook(
        path,
        &[
            (
                "报告",
                vec![
                    vec![T("项目"), T("内容")],
                    vec![T("标题"), T("2022年9月份居民消费价格同比上涨2.8%")],
                    vec![T("发布单位"), T("国家统计局")],
                    vec![T("日期"), T("2022年10月14日")],
                ],
            ),
            ("指标", rows),
            (
                "正文",
                vec![
                    vec![T("章"), T("段落")],
                    vec![E, T(paragraph_1)],
                    vec![T("一、各类商品及服务价格同比变动情况"), T(paragraph_2)],
                    vec![E, T(paragraph_3)],
                ],
            ),
        ],
    );
}

/// Rewrites tests/fixtures/nbs-cpi-2022-09.xlsx; see tests/fixtures/README.md.
#[test]
#[ignore = "writes the fixture; run by hand with --ignored"]
fn write_cpi_fixture() {
    cpi_release_workbook(&common::root().join("tests/fixtures/nbs-cpi-2022-09.xlsx"));
}

#[test]
fn a_published_price_release_is_worded_exactly_as_published() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = common::root().join("tests/fixtures/nbs-cpi-2022-09.xlsx");
    // The fixture is what the builder above writes.
    let rebuilt = dir.path().join("rebuilt.xlsx");
    cpi_release_workbook(&rebuilt);
    let read = |path: &Path| Workbook::open(path).unwrap().sheets;
    assert_eq!(
        format!("{:?}", read(&fixture)),
        format!("{:?}", read(&rebuilt))
    );

    let out = dir.path().join("out");
    common::compile_ok(&fixture, &out, &[]);
    let printed = common::squeeze(&common::pdf_body_text(&out.join("nbs-cpi-2022-09.pdf")));
    let published =
        std::fs::read_to_string(common::root().join("tests/reference/nbs-cpi-2022-09.txt"))
            .unwrap();
    for line in published.lines() {
        assert!(
            printed.contains(&common::squeeze(line)),
            "published:\n{line}\nprinted:\n{printed}"
        );
    }
    // Every index was read as a price index, and said so.
    let output = common::briefing(["check".as_ref(), fixture.as_os_str()]);
    let (_, stderr) = common::text(&output);
    assert!(
        stderr.contains("指标“居民消费价格指数”按名称当作价格指数：涨跌写作“上涨”“下降”"),
        "{stderr}"
    );
    assert!(
        stderr.contains("指数“猪肉价格指数”没有填同比：按上年同期为 100，同比为 36"),
        "{stderr}"
    );
}
