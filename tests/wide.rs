//! The wide sheet (`--per 地区`, one row per region and a column per
//! figure): the same figures in the long form (a 地区 column in 指标) and in
//! the wide form make the same reports, PDF text, summaries and overview
//! alike; every problem of a wide sheet is reported at its cell.

use std::path::{Path, PathBuf};

use briefing::model::{Briefing, ReadOptions};
use briefing::number::format_number;
use briefing::pipeline::{self, Compiler, Options, RunOptions};
use briefing::workbook::Workbook;
use calamine::{Data, Reader, open_workbook_auto};
use common::Cell::{self, *};

mod common;

const REGIONS: usize = 30;
/// The wide sheet's name.
const WIDE: &str = "区县数据";

/// The figures of one region.
struct Region {
    name: String,
    gdp: f64,
    /// 同比 of gdp, typed as a percentage in a `0.0%` cell.
    gdp_yoy: f64,
    gdp_previous: f64,
    gdp_previous_yoy: f64,
    retail: f64,
    /// 同比 of retail, typed as text with "%".
    retail_yoy: String,
    retail_mom: f64,
    /// A rate (%), whose change is told in points from 上年同期.
    jobless: f64,
}

/// Region `i`'s figures: values all distinct but not in region order, 同比
/// with ties, one decline.
fn region(i: usize) -> Region {
    let gdp = 800.0 + ((i * 17) % 30) as f64 * 12.5;
    let tenths = 33 - 4 * ((i * 7) % 10) as i32;
    let gdp_yoy = f64::from(tenths) / 10.0;
    let gdp_previous = (gdp / (1.0 + gdp_yoy / 100.0) * 100.0).round() / 100.0;
    Region {
        name: common::region_name(i),
        gdp,
        gdp_yoy,
        gdp_previous,
        gdp_previous_yoy: f64::from(tenths - 6) / 10.0,
        retail: 200.0 + i as f64 * 3.5,
        retail_yoy: format!("{:.1}%", f64::from(-20 + 15 * (i % 4) as i32) / 10.0),
        retail_mom: (i % 3) as f64 * 0.5 - 0.5,
        jobless: f64::from(30 + (i % 6) as i32) / 10.0,
    }
}

/// The headline of the 经济总量 group, on each gdp row of the long form.
const GDP_HIGHLIGHT: &str = "{地区}经济总量居全市{gdp:位次}，增速居全市{gdp:增速位次}。";

fn report_sheet() -> (&'static str, Vec<Vec<Cell>>) {
    let fields = [
        ("项目", "内容"),
        ("标题", "{地区}2020年上半年经济运行情况"),
        ("报告期", "2020年上半年"),
        ("日期", "2020年8月4日"),
        ("发布单位", "兰州市统计局"),
    ];
    let rows = fields.iter().map(|(k, v)| vec![T(k), T(v)]).collect();
    ("报告", rows)
}

fn body_sheet() -> (&'static str, Vec<Vec<Cell>>) {
    let paragraphs = [
        ("章", "段落"),
        (
            "总体情况",
            "上半年，{地区}实现地区生产总值{gdp}，总量居全市{gdp:位次}；同比{gdp:同比}，增速居全市{gdp:增速位次}，{gdp:比较:一季度}。上年同期为{gdp:上年同期}。",
        ),
        (
            "总体情况",
            "全市实现地区生产总值{city_gdp}，同比{city_gdp:同比}。",
        ),
        (
            "消费与就业",
            "社会消费品零售总额{retail}，同比{retail:同比}，环比{retail:环比}，增速居全市{retail:增速位次}；城镇登记失业率{jobless}，比上年同期{jobless:增减}。",
        ),
    ];
    let rows = paragraphs.iter().map(|(c, p)| vec![T(c), T(p)]).collect();
    ("正文", rows)
}

/// The long form: 指标 has a 地区 column, a row per indicator per region,
/// here indicator by indicator, the shared one between the others.
fn long_form(path: &Path) {
    let header = [
        "地区",
        "板块",
        "代码",
        "指标",
        "数值",
        "单位",
        "上年同期",
        "同比",
        "上期同比",
        "环比",
        "类型",
        "要点",
    ];
    let mut indicators = vec![header.map(T).to_vec()];
    let regions: Vec<Region> = (0..REGIONS).map(region).collect();
    for r in &regions {
        indicators.push(vec![
            S(r.name.clone()),
            T("经济总量"),
            T("gdp"),
            T("地区生产总值"),
            N(r.gdp),
            T("亿元"),
            N(r.gdp_previous),
            P(r.gdp_yoy),
            N(r.gdp_previous_yoy),
            E,
            E,
            T(GDP_HIGHLIGHT),
        ]);
    }
    indicators.push(vec![
        E,
        T("全市"),
        T("city_gdp"),
        T("全市地区生产总值"),
        N(1422.22),
        T("亿元"),
        E,
        N(1.5),
    ]);
    for r in &regions {
        indicators.push(vec![
            S(r.name.clone()),
            T("消费"),
            T("retail"),
            T("社会消费品零售总额"),
            N(r.retail),
            T("亿元"),
            E,
            S(r.retail_yoy.clone()),
            E,
            N(r.retail_mom),
        ]);
    }
    for r in &regions {
        indicators.push(vec![
            S(r.name.clone()),
            T("就业"),
            T("jobless"),
            T("城镇登记失业率"),
            N(r.jobless),
            T("%"),
            N(3.2),
            E,
            E,
            E,
            T("比率"),
        ]);
    }
    common::write_workbook(path, &[report_sheet(), ("指标", indicators), body_sheet()]);
}

/// The wide form of the same figures: 指标 describes each code once, the
/// wide sheet (a title row above its header, codes in another order than
/// 指标's, both colons) gives each region's figures on its row.
fn wide_form(path: &Path) {
    let indicators = vec![
        [
            "板块", "代码", "指标", "数值", "单位", "同比", "类型", "要点",
        ]
        .map(T)
        .to_vec(),
        vec![
            T("经济总量"),
            T("gdp"),
            T("地区生产总值"),
            E,
            T("亿元"),
            E,
            E,
            T(GDP_HIGHLIGHT),
        ],
        vec![
            T("全市"),
            T("city_gdp"),
            T("全市地区生产总值"),
            N(1422.22),
            T("亿元"),
            N(1.5),
        ],
        vec![
            T("消费"),
            T("retail"),
            T("社会消费品零售总额"),
            E,
            T("亿元"),
        ],
        vec![
            T("就业"),
            T("jobless"),
            T("城镇登记失业率"),
            E,
            T("%"),
            E,
            T("比率"),
        ],
    ];
    let mut wide = vec![
        vec![T("2020年上半年各区县主要指标")],
        [
            "地区",
            "retail",
            "retail:同比",
            "retail：环比",
            "gdp",
            "gdp:同比",
            "gdp:上年同期",
            "gdp：上期同比",
            "jobless",
            "jobless:上年同期",
        ]
        .map(T)
        .to_vec(),
    ];
    for r in (0..REGIONS).map(region) {
        wide.push(vec![
            S(r.name.clone()),
            N(r.retail),
            S(r.retail_yoy.clone()),
            N(r.retail_mom),
            N(r.gdp),
            P(r.gdp_yoy),
            N(r.gdp_previous),
            N(r.gdp_previous_yoy),
            N(r.jobless),
            N(3.2),
        ]);
    }
    common::write_workbook(
        path,
        &[
            report_sheet(),
            ("指标", indicators),
            (WIDE, wide),
            body_sheet(),
        ],
    );
}

/// Where one region's file of a workbook's batch is: `out/区县-城关区.pdf`.
fn output(workbook: &Path, region: &str, suffix: &str) -> PathBuf {
    let name = region.replace('/', "_");
    workbook
        .parent()
        .unwrap()
        .join(format!("out/区县-{name}{suffix}"))
}

/// Every sheet of a workbook: its name and its cells' values.
fn sheets(path: &Path) -> Vec<(String, Vec<Vec<Data>>)> {
    let mut workbook = open_workbook_auto(path).unwrap();
    workbook
        .sheet_names()
        .into_iter()
        .map(|name| {
            let range = workbook.worksheet_range(&name).unwrap();
            let rows = range.rows().map(<[Data]>::to_vec).collect();
            (name, rows)
        })
        .collect()
}

/// The place of `figures[i]` among all, largest first, ties sharing it.
fn rank(figures: &[f64], i: usize) -> usize {
    1 + figures.iter().filter(|&&f| f > figures[i]).count()
}

fn per_region() -> ReadOptions {
    ReadOptions {
        per: Some("地区".into()),
        ..ReadOptions::default()
    }
}

#[test]
fn the_wide_form_makes_the_reports_of_the_long_form() {
    let dir = tempfile::tempdir().unwrap();
    let long = dir.path().join("long/区县.xlsx");
    let wide = dir.path().join("wide/区县.xlsx");
    for path in [&long, &wide] {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    }
    long_form(&long);
    wide_form(&wide);

    let options = Options {
        read: per_region(),
        system_fonts: false,
        font_cache: Some(common::font_cache()),
        ..Options::default()
    };
    let compiler = Compiler::new(options);
    let workbooks = [long.clone(), wide.clone()];
    let run = pipeline::run(&compiler, &workbooks, &RunOptions::default(), |_| {});
    let names: Vec<String> = (0..REGIONS).map(common::region_name).collect();
    let mut problems = Vec::new();
    for batch in run.batches() {
        let regions: Vec<&str> = batch
            .batch
            .reports
            .iter()
            .map(|r| r.region.as_deref().unwrap())
            .collect();
        assert_eq!(regions, names, "{}", batch.batch.path.display());
        let said: Vec<String> = batch
            .compiled
            .iter()
            .flat_map(|c| &c.diagnostics)
            .map(|d| d.headline())
            .collect();
        problems.push(said);
    }
    assert_eq!(run.tally().failed, 0, "{problems:#?}");
    assert_eq!(run.tally().succeeded, 2 * REGIONS);
    // Clean figures: neither form has anything to say.
    assert_eq!(problems, [Vec::<String>::new(), Vec::new()]);

    let gdp: Vec<f64> = (0..REGIONS).map(|i| region(i).gdp).collect();
    let gdp_yoy: Vec<f64> = (0..REGIONS).map(|i| region(i).gdp_yoy).collect();
    for (i, name) in names.iter().enumerate() {
        let long_pdf = output(&long, name, ".pdf");
        let wide_pdf = output(&wide, name, ".pdf");
        let text = common::pdf_lines(&long_pdf);
        assert_eq!(text, common::pdf_lines(&wide_pdf), "{name}");
        assert_eq!(
            sheets(&output(&long, name, "-汇总.xlsx")),
            sheets(&output(&wide, name, "-汇总.xlsx")),
            "{name}"
        );
        if ![0, 3, 8, 17, 29].contains(&i) {
            continue;
        }
        // Ranks worked out here, not by the program.
        let r = region(i);
        let text = common::squeeze(&common::pdf_body_text(&wide_pdf));
        let growth = match r.gdp_yoy {
            yoy if yoy < 0.0 => format!("下降{:.1}%", -yoy),
            yoy => format!("增长{yoy:.1}%"),
        };
        let sentence = format!(
            "上半年，{name}实现地区生产总值{}亿元，总量居全市第{}位；同比{growth}，增速居全市第{}位",
            format_number(r.gdp),
            rank(&gdp, i),
            rank(&gdp_yoy, i),
        );
        assert!(text.contains(&sentence), "{sentence}\nnot in\n{text}");
        let highlight = format!(
            "{name}经济总量居全市第{}位，增速居全市第{}位。",
            rank(&gdp, i),
            rank(&gdp_yoy, i)
        );
        assert!(text.contains(&highlight), "{highlight}\nnot in\n{text}");
        assert!(text.contains("全市实现地区生产总值1422.22亿元，同比增长1.5%。"));
        assert!(text.contains(&format!("上年同期为{}亿元", format_number(r.gdp_previous))));
    }
    // The figures read as typed: a 同比 in a `0.0%` cell keeps its decimal,
    // a region with a decline says so, a 同比 typed as "-0.5%" is read.
    let region_of = |i: usize| {
        let pdf = output(&wide, &names[i], ".pdf");
        common::squeeze(&common::pdf_body_text(&pdf))
    };
    assert_eq!(region(10).gdp_yoy, 3.3);
    assert!(region_of(10).contains("同比增长3.3%"));
    assert_eq!(region(7).gdp_yoy, -0.3);
    assert!(region_of(7).contains("同比下降0.3%"));
    assert_eq!(region(1).retail_yoy, "-0.5%");
    assert!(region_of(1).contains("社会消费品零售总额203.5亿元，同比下降0.5%"));

    assert_eq!(
        sheets(&long.parent().unwrap().join("out/区县-总览.xlsx")),
        sheets(&wide.parent().unwrap().join("out/区县-总览.xlsx")),
    );
    // The overview PDFs say the same, every region listed.
    let overview =
        |workbook: &Path| common::pdf_lines(&workbook.parent().unwrap().join("out/区县-总览.pdf"));
    let (long_overview, wide_overview) = (overview(&long), overview(&wide));
    assert_eq!(long_overview, wide_overview);
    let listed = common::squeeze(&wide_overview.join("\n"));
    for name in &names {
        assert!(
            listed.contains(name.as_str()),
            "{name} not in the overview PDF"
        );
    }
}

#[test]
fn the_wide_sheet_is_a_table_for_the_template_only_without_per() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("区县.xlsx");
    wide_form(&path);
    let workbook = Workbook::open(&path).unwrap();
    let (briefing, _) = Briefing::from_workbook(&workbook, &ReadOptions::default());
    let tables: Vec<&str> = briefing.tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(tables, [WIDE]);
    let (briefing, diagnostics) = Briefing::from_workbook(&workbook, &per_region());
    assert!(briefing.tables.is_empty());
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    let regions = briefing.regions.unwrap();
    assert_eq!(regions.sheet, WIDE);
    assert_eq!(regions.names.len(), REGIONS);
}

/// A problem of `briefing check --format json`.
#[derive(Debug, PartialEq)]
struct Problem {
    severity: String,
    region: Option<String>,
    at: String,
    message: String,
    hint: String,
}

/// Runs `briefing check --per 地区 --format json` on the sheets.
fn check(sheets: &[(&str, Vec<Vec<Cell>>)]) -> Vec<Problem> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.xlsx");
    common::write_workbook(&path, sheets);
    let output = common::briefing([
        "check".as_ref(),
        path.as_os_str(),
        "--per".as_ref(),
        "地区".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|_| panic!("{:?}", common::text(&output)));
    let text = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_string();
    json.as_array()
        .unwrap()
        .iter()
        .map(|p| Problem {
            severity: text(&p["severity"]),
            region: p["region"].as_str().map(String::from),
            at: format!("{}!{}", text(&p["sheet"]), text(&p["cell"])),
            message: text(&p["message"]),
            hint: text(&p["hint"]),
        })
        .collect()
}

/// The hint of the first problem at cell `at`.
fn hint_at<'a>(problems: &'a [Problem], at: &str) -> &'a str {
    let problem = problems.iter().find(|p| p.at == at);
    problem
        .unwrap_or_else(|| panic!("no problem at {at}"))
        .hint
        .as_str()
}

/// The problems at `at`, each as the regions it is reported for.
fn regions_at<'a>(problems: &'a [Problem], at: &str) -> Vec<(Option<&'a str>, &'a str)> {
    problems
        .iter()
        .filter(|p| p.at == at)
        .map(|p| (p.region.as_deref(), p.message.as_str()))
        .collect()
}

#[test]
fn problems_of_a_wide_sheet_are_reported_at_their_cells() {
    let indicators = (
        "指标",
        vec![
            ["代码", "指标", "数值", "单位"].map(T).to_vec(),
            vec![T("gdp"), T("地区生产总值"), E, T("亿元")],
            vec![T("retail"), T("社会消费品零售总额"), N(900.0), T("亿元")],
            vec![T("pop"), T("常住人口"), E, T("万人")],
        ],
    );
    let wide = (
        "分区",
        vec![
            [
                "地区",
                "gdp",
                "gdp：同比",
                "gpd:上年同期",
                "gdp:增幅",
                "retail",
                "pop",
                "gdp:同比",
            ]
            .map(T)
            .to_vec(),
            vec![T("甲"), N(10.0), N(1.0), N(9.0), N(1.0), N(5.0), N(1.0)],
            vec![T("乙"), T("待定"), N(2.0), E, E, N(6.0), N(2.0)],
            vec![E, N(30.0), N(3.0)],
            vec![T("甲"), N(40.0), N(4.0)],
            vec![T("丙"), N(50.0), N(5.0), E, E, N(7.0), T("约三万")],
            vec![T("丁"), E, N(6.0), E, E, N(8.0), N(3.0)],
        ],
    );
    let body = ("正文", vec![vec![T("段落")], vec![T("{地区}{gdp}")]]);
    let problems = check(&[
        (
            "报告",
            vec![vec![T("项目"), T("内容")], vec![T("标题"), T("简报")]],
        ),
        indicators,
        wide,
        body,
    ]);
    let all = [Some("甲"), Some("乙"), Some("丙"), Some("丁")];
    let everywhere = |message: &str| -> Vec<(Option<&str>, String)> {
        all.iter().map(|r| (*r, message.to_string())).collect()
    };
    let owned = |found: Vec<(Option<&str>, &str)>| -> Vec<(Option<String>, String)> {
        found
            .into_iter()
            .map(|(r, m)| (r.map(String::from), m.to_string()))
            .collect()
    };
    let expected = |list: Vec<(Option<&str>, String)>| -> Vec<(Option<String>, String)> {
        list.into_iter()
            .map(|(r, m)| (r.map(String::from), m))
            .collect()
    };

    // A code of the header that 指标 does not list, with the one meant.
    assert_eq!(
        owned(regions_at(&problems, "分区!D1")),
        expected(everywhere("列名中的代码“gpd”在“指标”表中没有"))
    );
    let unknown = hint_at(&problems, "分区!D1");
    assert!(unknown.starts_with("是不是 gdp？"), "{unknown}");
    // A figure after the colon that 指标 has no column for.
    assert_eq!(
        owned(regions_at(&problems, "分区!E1")),
        expected(everywhere("列名“gdp:增幅”中冒号后的“增幅”不认识"))
    );
    let suffix = hint_at(&problems, "分区!E1");
    assert!(
        suffix.contains("冒号后可以写：数值、上年同期、同比、上期同比、环比"),
        "{suffix}"
    );
    // The same column twice (the full-width colon is the same colon).
    assert_eq!(
        owned(regions_at(&problems, "分区!H1")),
        expected(everywhere("“gdp”的“同比”列重复，第一次在 分区!C1"))
    );
    // A figure that is not a number: in its region's report only.
    assert_eq!(
        regions_at(&problems, "分区!B3"),
        [(Some("乙"), "“gdp”应为数字，实际为“待定”")]
    );
    assert_eq!(
        regions_at(&problems, "分区!G6"),
        [(Some("丙"), "“pop”应为数字，实际为“约三万”")]
    );
    // An empty 数值 beside another figure of the code.
    assert_eq!(
        regions_at(&problems, "分区!B7"),
        [(Some("丁"), "“gdp”是空的")]
    );
    let empty = hint_at(&problems, "分区!B7");
    assert!(empty.contains("把这一行“gdp”的各列都留空"), "{empty}");
    // A row without region concerns every report; a region given twice,
    // that region's.
    assert_eq!(
        owned(regions_at(&problems, "分区!A4")),
        expected(everywhere("这一行的“地区”是空的"))
    );
    assert_eq!(
        regions_at(&problems, "分区!A5"),
        [(Some("甲"), "地区“甲”重复，第一次出现在 分区!A2")]
    );
    // A code the wide sheet gives, with a 数值 in 指标 too.
    assert_eq!(
        owned(regions_at(&problems, "指标!C3")),
        expected(everywhere(
            "指标“retail”的数字按地区填在“分区”表中，这里的“数值”不知该用于哪份报告"
        ))
    );
    // Nothing else: the good cells read, the regions in row order.
    let cells: std::collections::BTreeSet<&str> = problems
        .iter()
        .filter(|p| p.severity == "error")
        .map(|p| p.at.as_str())
        .collect();
    assert_eq!(
        cells.into_iter().collect::<Vec<_>>(),
        [
            "分区!A4",
            "分区!A5",
            "分区!B3",
            "分区!B7",
            "分区!D1",
            "分区!E1",
            "分区!G6",
            "分区!H1",
            "指标!C3",
            "正文!A2"
        ]
    );
    // The regions whose figure was left out cannot cite it.
    assert_eq!(
        regions_at(&problems, "正文!A2")
            .into_iter()
            .map(|(r, _)| r)
            .collect::<Vec<_>>(),
        [Some("乙"), Some("丁")]
    );
    let regions: Vec<&str> = problems
        .iter()
        .filter_map(|p| p.region.as_deref())
        .collect();
    let mut order = regions.clone();
    order.dedup();
    assert_eq!(order, ["甲", "乙", "丙", "丁"]);
}

#[test]
fn a_wide_sheet_needs_its_codes_in_the_indicator_sheet_and_its_values() {
    let indicators = (
        "指标",
        vec![
            ["代码", "指标", "单位", "地区"].map(T).to_vec(),
            vec![T("gdp"), T("地区生产总值"), T("亿元"), T("甲")],
            vec![T("pop"), T("常住人口"), T("万人")],
        ],
    );
    let wide = (
        "分区",
        vec![
            ["地区", "gdp:同比", "GDP"].map(T).to_vec(),
            vec![T("甲"), N(1.0), N(2.0)],
        ],
    );
    let problems = check(&[
        (
            "报告",
            vec![vec![T("项目"), T("内容")], vec![T("标题"), T("简报")]],
        ),
        indicators,
        wide,
        ("正文", vec![vec![T("段落")], vec![T("{地区}")]]),
    ]);
    let messages = |at: &str| -> Vec<&str> {
        problems
            .iter()
            .filter(|p| p.at == at)
            .map(|p| p.message.as_str())
            .collect()
    };
    assert_eq!(
        messages("分区!B1"),
        ["有“gdp”的其他数字，却没有“gdp”列（数值）"]
    );
    assert_eq!(messages("分区!C1"), ["列名中的代码“GDP”在“指标”表中没有"]);
    // A region typed in 指标 beside the wide sheet.
    assert_eq!(
        messages("指标!D2"),
        ["各地区的数字已填在“分区”表中，“指标”表的“地区”列应当空着"]
    );
    // Without a 数值 column, a code the wide sheet does not give has none.
    assert_eq!(
        messages("指标!A3"),
        ["指标“pop”没有数值：“指标”表没有“数值”列，“分区”表也没有“pop”列"]
    );
}
