//! A complete NBS monthly release rebuilt from its figures: 2021年8月份规模
//! 以上工业增加值增长5.3% (National Bureau of Statistics, 15 September
//! 2021). Every figure sentence of it is printed from placeholders, as
//! published (`tests/reference/nbs-industry-2021-08.txt`).

use std::path::Path;

mod common;

use common::{Cell, Cell::*, write_workbook};

/// The industries the release names, with their 同比.
const INDUSTRIES: [(&str, &str, f64); 13] = [
    ("agrifood", "农副食品加工业", 7.2),
    ("textile", "纺织业", -2.5),
    ("chemicals", "化学原料和化学制品制造业", 5.5),
    ("minerals", "非金属矿物制品业", 4.4),
    ("ferrous", "黑色金属冶炼和压延加工业", -5.3),
    ("nonferrous_smelting", "有色金属冶炼和压延加工业", 2.8),
    ("general_equipment", "通用设备制造业", 6.7),
    ("special_equipment", "专用设备制造业", 8.7),
    ("automobiles", "汽车制造业", -12.6),
    (
        "transport_equipment",
        "铁路、船舶、航空航天和其他运输设备制造业",
        1.3,
    ),
    ("electrical", "电气机械和器材制造业", 10.3),
    ("electronics", "计算机、通信和其他电子设备制造业", 13.3),
    ("power_supply", "电力、热力生产和供应业", 5.0),
];

/// The products the release names: code, name, output, unit, 同比.
const PRODUCTS: [(&str, &str, f64, &str, f64); 8] = [
    ("steel", "钢材", 10880.0, "万吨", -10.1),
    ("cement", "水泥", 21517.0, "万吨", -5.2),
    ("nonferrous", "十种有色金属", 530.0, "万吨", 0.4),
    ("ethylene", "乙烯", 231.0, "万吨", 15.3),
    ("cars", "汽车", 173.4, "万辆", -19.1),
    ("nev", "新能源汽车", 33.0, "万辆", 151.9),
    ("power", "发电量", 7383.0, "亿千瓦时", 0.2),
    ("crude", "原油加工量", 5835.0, "万吨", -2.2),
];

/// The columns of the indicator sheet.
const HEADER: [&str; 11] = [
    "代码",
    "板块",
    "指标",
    "数值",
    "单位",
    "上年同期",
    "同比",
    "环比",
    "两年平均",
    "基期",
    "比基期",
];

/// A row of the indicator sheet with a 同比 and nothing else optional.
fn growth_row(code: &str, group: &str, name: &str, value: f64, unit: &str, yoy: f64) -> Vec<Cell> {
    let text = |s: &str| S(s.to_string());
    vec![
        text(code),
        text(group),
        text(name),
        N(value),
        text(unit),
        E,
        N(yoy),
    ]
}

/// The indicator rows: the headline figures, the 41 industries and the
/// 612 products. The release names 13 industries and 8 products; the
/// others are filler rows whose only meaning is the sign of their growth,
/// so that 34 industries and 323 products grow, as published.
fn indicator_rows() -> Vec<Vec<Cell>> {
    let mut rows = vec![HEADER.map(T).to_vec()];
    rows.push(vec![
        T("ind"),
        E,
        T("规模以上工业增加值"),
        N(5.3),
        T("%"),
        E,
        N(5.3),
        N(0.31),
        N(5.4),
        T("2019年同期"),
        N(11.2),
    ]);
    rows.push(vec![
        T("ind_ytd"),
        E,
        T("1—8月份规模以上工业增加值"),
        N(13.1),
        T("%"),
        E,
        N(13.1),
        E,
        N(6.6),
    ]);
    let headline = [
        ("mining", "采矿业", 2.5),
        ("manufacturing", "制造业", 5.5),
        ("utilities", "电力、热力、燃气及水生产和供应业", 6.3),
        ("state", "国有控股企业", 4.6),
        ("shareholding", "股份制企业", 6.1),
        ("foreign", "外商及港澳台商投资企业", 3.4),
        ("private", "私营企业", 5.2),
    ];
    for (code, name, yoy) in headline {
        rows.push(growth_row(code, "", name, yoy, "%", yoy));
    }
    rows.push(vec![
        T("sales"),
        E,
        T("工业企业产品销售率"),
        N(97.8),
        T("%"),
        N(98.2),
    ]);
    rows.push(growth_row(
        "export",
        "",
        "工业企业出口交货值",
        12055.0,
        "亿元",
        14.8,
    ));
    // Grouped rows last: a blank 板块 continues the one above.
    for (code, name, yoy) in INDUSTRIES {
        rows.push(growth_row(code, "大类行业", name, yoy, "%", yoy));
    }
    for i in 0..28 {
        let yoy = if i < 24 { 1.0 } else { -1.0 };
        let name = format!("其他大类行业{}", i + 1);
        rows.push(growth_row(
            &format!("industry{i}"),
            "大类行业",
            &name,
            yoy,
            "%",
            yoy,
        ));
    }
    for (code, name, value, unit, yoy) in PRODUCTS {
        rows.push(growth_row(code, "产品", name, value, unit, yoy));
    }
    for i in 0..604 {
        let yoy = if i < 319 { 1.0 } else { -1.0 };
        let name = format!("其他产品{}", i + 1);
        rows.push(growth_row(
            &format!("product{i}"),
            "产品",
            &name,
            1.0,
            "万吨",
            yoy,
        ));
    }
    rows
}

/// The paragraphs: the release's figure sentences with every figure and
/// every data-dependent word a placeholder.
const PARAGRAPHS: [&str; 6] = [
    "{报告期:本月}，规模以上工业增加值同比实际{ind:同比}（以下增加值增速均为扣除价格因素的实际增长率），{ind:比基期}，两年平均{ind:两年平均}。从环比看，{报告期:本月}，规模以上工业增加值比上月{ind:环比}。{报告期:累计}，规模以上工业增加值同比{ind_ytd:同比}，两年平均{ind_ytd:两年平均}。",
    "分三大门类看，{报告期:本月}，采矿业增加值同比{mining:同比}，制造业{manufacturing:同比}，电力、热力、燃气及水生产和供应业{utilities:同比}。",
    "分经济类型看，{报告期:本月}，国有控股企业增加值同比{state:同比}；股份制企业{shareholding:同比}，外商及港澳台商投资企业{foreign:同比}；私营企业{private:同比}。",
    "分行业看，{报告期:本月}，{大类行业:个数}个大类行业中有{大类行业:增长个数}个行业增加值保持同比增长。农副食品加工业{agrifood:同比}，纺织业{textile:同比}，化学原料和化学制品制造业{chemicals:同比}，非金属矿物制品业{minerals:同比}，黑色金属冶炼和压延加工业{ferrous:同比}，有色金属冶炼和压延加工业{nonferrous_smelting:同比}，通用设备制造业{general_equipment:同比}，专用设备制造业{special_equipment:同比}，汽车制造业{automobiles:同比}，铁路、船舶、航空航天和其他运输设备制造业{transport_equipment:同比}，电气机械和器材制造业{electrical:同比}，计算机、通信和其他电子设备制造业{electronics:同比}，电力、热力生产和供应业{power_supply:同比:1}。",
    "分产品看，{报告期:本月}，{产品:个数}种产品中有{产品:增长个数}种产品产量同比增长。钢材{steel}，同比{steel:同比}；水泥{cement}，{cement:同比}；十种有色金属{nonferrous}，{nonferrous:同比}；乙烯{ethylene}，{ethylene:同比}；汽车{cars}，{cars:同比}，其中，新能源汽车{nev::1}，{nev:同比}；发电量{power}，{power:同比}；原油加工量{crude}，{crude:同比}。",
    "{报告期:本月}，工业企业产品销售率为{sales}，同比{sales:增减}；工业企业实现出口交货值{export}，同比名义{export:同比}。",
];

/// Writes the workbook of the release to `path`.
fn industry_release_workbook(path: &Path) {
    let report = vec![
        vec![T("项目"), T("内容")],
        vec![
            T("标题"),
            T("2021年{报告期:本月}规模以上工业增加值{ind:同比}"),
        ],
        vec![T("报告期"), T("2021年8月份")],
        vec![T("发布单位"), T("国家统计局")],
        vec![T("日期"), T("2021年9月15日")],
    ];
    let mut body = vec![vec![T("段落")]];
    body.extend(PARAGRAPHS.map(|p| vec![T(p)]));
    write_workbook(
        path,
        &[("报告", report), ("指标", indicator_rows()), ("正文", body)],
    );
}

/// Rewrites tests/fixtures/nbs-industry-2021-08.xlsx; see tests/fixtures/README.md.
#[test]
#[ignore = "writes the fixture; run by hand with --ignored"]
fn write_industry_fixture() {
    industry_release_workbook(&common::root().join("tests/fixtures/nbs-industry-2021-08.xlsx"));
}

#[test]
fn a_complete_industry_release_is_printed_as_published() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = common::rebuilt_fixture(
        "nbs-industry-2021-08.xlsx",
        industry_release_workbook,
        dir.path(),
    );
    let printed = common::printed_text(&fixture, &dir.path().join("out"));
    let published =
        std::fs::read_to_string(common::root().join("tests/reference/nbs-industry-2021-08.txt"))
            .unwrap();
    let (title, paragraphs) = published.split_once('\n').unwrap();
    assert!(printed.contains(&common::squeeze(title)), "{printed}");
    // The figure sentences follow one another exactly as released.
    let sentences = common::squeeze(paragraphs);
    assert!(
        printed.contains(&sentences),
        "published:\n{sentences}\nprinted:\n{printed}"
    );
    // Nothing to warn about: the typed figures agree with one another.
    let output = common::briefing(["check".as_ref(), fixture.as_os_str()]);
    let (_, stderr) = common::text(&output);
    assert!(output.status.success(), "{stderr}");
    assert!(!stderr.contains("警告"), "{stderr}");
}
