//! Generated workbooks of many regions' reports, read with `--per 地区`,
//! and the figures they hold.
#![allow(dead_code)]

use std::path::Path;

use rust_xlsxwriter::Workbook;

use super::workbooks::{Cell, write_workbook};

/// Region names of the generated batch workbooks: Lanzhou's districts and
/// counties, then numbered ones. One holds a `/`, which no file name can.
pub fn region_name(i: usize) -> String {
    const NAMES: [&str; 9] = [
        "城关区",
        "七里河区",
        "西固区",
        "安宁区",
        "红古区",
        "永登县",
        "皋兰县",
        "榆中县",
        "兰州新区/高新区",
    ];
    NAMES
        .get(i)
        .map_or_else(|| format!("第{}区", i + 1), |n| n.to_string())
}

/// The 地区生产总值 of region `i` in a generated batch: strictly falling
/// with `i`, so that region `i` ranks `i + 1` among all regions.
pub fn region_gdp(i: usize) -> f64 {
    5000.0 - 10.0 * i as f64
}

/// The 同比 of region `i`: falling with `i`, except that regions 0 and 1
/// tie (both rank first, region 2 ranks third).
pub fn region_yoy(i: usize) -> f64 {
    if i == 1 { 5.0 } else { 5.0 - 0.1 * i as f64 }
}

/// Writes a workbook of `regions` district reports, read with
/// `--per 地区`: three indicators per region, one shared by all (an empty
/// 地区), and prose that cites the region, its figures and its ranks. When
/// `bad` names a region, its 地区生产总值 reads "待定" instead of a number.
pub fn write_regions_workbook(path: &Path, regions: usize, bad: Option<usize>) {
    let mut workbook = Workbook::new();
    let report = workbook.add_worksheet();
    report.set_name("报告").unwrap();
    let fields = [
        ("项目", "内容"),
        ("标题", "{地区}2020年上半年经济运行情况"),
        ("报告期", "2020年上半年"),
        ("日期", "2020年8月4日"),
        ("发布单位", "兰州市统计局"),
    ];
    for (r, (k, v)) in fields.iter().enumerate() {
        report.write_string(r as u32, 0, *k).unwrap();
        report.write_string(r as u32, 1, *v).unwrap();
    }

    let sheet = workbook.add_worksheet();
    sheet.set_name("指标").unwrap();
    let headers = ["地区", "板块", "代码", "指标", "数值", "单位", "同比"];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let mut row = 1u32;
    let mut put =
        |region: &str, code: &str, name: &str, value: Result<f64, &str>, unit: &str, yoy: f64| {
            sheet.write_string(row, 0, region).unwrap();
            sheet.write_string(row, 1, "经济总量").unwrap();
            sheet.write_string(row, 2, code).unwrap();
            sheet.write_string(row, 3, name).unwrap();
            match value {
                Ok(n) => sheet.write_number(row, 4, n).unwrap(),
                Err(text) => sheet.write_string(row, 4, text).unwrap(),
            };
            sheet.write_string(row, 5, unit).unwrap();
            sheet.write_number(row, 6, yoy).unwrap();
            row += 1;
        };
    put("", "city_gdp", "全市地区生产总值", Ok(1422.22), "亿元", 1.5);
    for i in 0..regions {
        let name = region_name(i);
        let gdp = if bad == Some(i) {
            Err("待定")
        } else {
            Ok(region_gdp(i))
        };
        put(&name, "gdp", "地区生产总值", gdp, "亿元", region_yoy(i));
        put(
            &name,
            "retail",
            "社会消费品零售总额",
            Ok(100.0 + i as f64),
            "亿元",
            -2.0,
        );
        put(
            &name,
            "invest",
            "固定资产投资",
            Ok(50.0 + (i % 7) as f64),
            "亿元",
            3.5,
        );
    }

    let body = workbook.add_worksheet();
    body.set_name("正文").unwrap();
    let paragraphs = [
        ("章", "段落"),
        (
            "总体情况",
            "上半年，{地区}实现地区生产总值{gdp}，总量居全市{gdp:位次}；同比{gdp:同比}，增速居全市{gdp:增速位次}。",
        ),
        (
            "总体情况",
            "全市实现地区生产总值{city_gdp}，同比{city_gdp:同比}。",
        ),
        (
            "消费与投资",
            "社会消费品零售总额{retail}，同比{retail:同比}；固定资产投资同比{invest:同比}。",
        ),
    ];
    for (r, (chapter, text)) in paragraphs.iter().enumerate() {
        body.write_string(r as u32, 0, *chapter).unwrap();
        body.write_string(r as u32, 1, *text).unwrap();
    }
    workbook.save(path).unwrap();
}

/// The names and units of the indicators of [`write_overview_workbook`].
pub const OVERVIEW_INDICATORS: [(&str, &str); 12] = [
    ("地区生产总值", "亿元"),
    ("社会消费品零售总额", "亿元"),
    ("城镇调查失业率", "%"),
    ("规模以上工业企业个数", "个"),
    ("固定资产投资（不含农户）", "亿元"),
    ("城镇常住居民人均可支配收入", "元"),
    ("农村常住居民人均可支配收入", "元"),
    ("一般公共预算收入", "亿元"),
    ("金融机构人民币各项存款余额", "亿元"),
    ("金融机构人民币各项贷款余额", "亿元"),
    ("全社会用电量", "亿千瓦时"),
    ("规模以上工业增加值", "亿元"),
];

/// A figure of region `i` and indicator `j` of [`write_overview_workbook`]
/// among `regions`: 数值, 上年同期 and 同比 as written in the workbook.
///
/// - Indicators 0 and 4.. have a 同比 and distinct values; their 同比
///   repeat (ties) and fall below zero for some regions.
/// - Indicator 1's values tie three by three.
/// - Indicator 2 is a rate with 上年同期 and no 同比: its growth is in
///   points, 数值 − 上年同期.
/// - Indicator 3 has neither 同比 nor 上年同期: no growth at all.
pub fn overview_figure(regions: usize, i: usize, j: usize) -> (f64, Option<f64>, Option<f64>) {
    let spread = ((i * 7 + j * 3) % regions) as f64;
    let yoy = ((i * 11 + j * 5) % 17) as f64 / 2.0 - 3.0;
    match j {
        1 => (
            100.0 + ((i * 7) % regions / 3) as f64 * 5.0,
            None,
            Some(yoy),
        ),
        2 => {
            let value = 50.0 + spread;
            (value, Some(value - ((i * 3) % 5) as f64 + 2.0), None)
        }
        3 => (1000.0 + spread * 3.0, None, None),
        _ => (4000.0 + spread * 10.0 + j as f64 / 10.0, None, Some(yoy)),
    }
}

/// Writes a workbook of `regions` district reports with the first
/// `indicators` of [`OVERVIEW_INDICATORS`] for each (codes `x0`, `x1`…;
/// figures from [`overview_figure`]), read with `--per 地区`, and prose
/// that cites each region's ranks. When `bad` names a region, its first
/// indicator's 数值 reads "待定". `fields` are added to the 报告 sheet.
pub fn write_overview_workbook(
    path: &Path,
    regions: usize,
    indicators: usize,
    bad: Option<usize>,
    fields: &[(&str, &str)],
) {
    let mut report = vec![
        vec![Cell::T("项目"), Cell::T("内容")],
        vec![Cell::T("标题"), Cell::T("{地区}2020年上半年经济运行情况")],
        vec![Cell::T("报告期"), Cell::T("2020年上半年")],
        vec![Cell::T("日期"), Cell::T("2020年8月4日")],
        vec![Cell::T("发布单位"), Cell::T("兰州市统计局")],
    ];
    for (key, value) in fields {
        report.push(vec![Cell::S(key.to_string()), Cell::S(value.to_string())]);
    }
    let mut rows = vec![
        [
            "地区",
            "板块",
            "代码",
            "指标",
            "数值",
            "单位",
            "上年同期",
            "同比",
            "类型",
        ]
        .map(Cell::T)
        .to_vec(),
    ];
    let number = |n: Option<f64>| n.map_or(Cell::E, Cell::N);
    for i in 0..regions {
        for (j, (name, unit)) in OVERVIEW_INDICATORS.iter().take(indicators).enumerate() {
            let (value, previous, yoy) = overview_figure(regions, i, j);
            rows.push(vec![
                Cell::S(region_name(i)),
                Cell::T("主要指标"),
                Cell::S(format!("x{j}")),
                Cell::T(name),
                if bad == Some(i) && j == 0 {
                    Cell::T("待定")
                } else {
                    Cell::N(value)
                },
                Cell::T(unit),
                number(previous),
                number(yoy),
                if j == 2 { Cell::T("比率") } else { Cell::E },
            ]);
        }
    }
    let body = vec![
        vec![Cell::T("章"), Cell::T("段落")],
        vec![
            Cell::T("总体情况"),
            Cell::T("{地区}地区生产总值{x0}，居全市{x0:位次}，增速居全市{x0:增速位次}。"),
        ],
    ];
    write_workbook(path, &[("报告", report), ("指标", rows), ("正文", body)]);
}
