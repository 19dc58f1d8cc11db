//! Random but valid workbooks through every built-in template: each one
//! compiles, and no word of its PDF is drawn off the page or over another.
//!
//! The workbooks come from a small seeded generator. The seed is fixed
//! (`DEFAULT_SEED`); `BRIEFING_GEN_SEED=n` runs another one and
//! `BRIEFING_GEN_COUNT=n` another number of workbooks per template. A
//! failure prints the seed and keeps the failing workbook in a temporary
//! folder whose path it prints, so that it can be compiled again by hand
//! (`BRIEFING_GEN_KEEP=1` keeps the folder, PDFs included, after a pass).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rust_xlsxwriter::Workbook;

mod common;

const DEFAULT_SEED: u64 = 17;
const DEFAULT_COUNT: usize = 300;
/// Workbooks per `briefing compile`: process start is paid once per batch,
/// and a failing batch is small enough to find its workbook.
const BATCH: usize = 50;

// ---------------------------------------------------------------- randomness

/// SplitMix64: a tiny generator whose sequence depends on its seed alone.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 > 1.0 - p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// A decimal with up to `decimals` digits after the point, in
    /// `-limit..=limit`, as a statistics office would type it.
    fn decimal(&mut self, limit: f64, decimals: u32) -> f64 {
        let scale = 10f64.powi(self.below(decimals as usize + 1) as i32);
        let steps = (limit * scale) as u64;
        let n = (self.next() % (2 * steps + 1)) as f64 - steps as f64;
        n / scale
    }
}

// ---------------------------------------------------------------- workbooks

/// One indicator row of the 指标 sheet.
struct Indicator {
    code: String,
    group: Option<String>,
    name: String,
    value: f64,
    unit: &'static str,
    kind: Option<&'static str>,
    previous: Option<f64>,
    yoy: Option<f64>,
    previous_yoy: Option<f64>,
    highlight: Option<String>,
}

/// A workbook as the generator made it.
struct Spec {
    report: Vec<(&'static str, String)>,
    indicators: Vec<Indicator>,
    /// Rows of the 正文 sheet: chapter, section, paragraph.
    body: Vec<[String; 3]>,
    with_previous: bool,
    with_previous_yoy: bool,
    /// A sheet of figures by month (`{图:月度}`, `{表:月度}`): each row a
    /// month and its figures.
    months: Vec<(String, Vec<f64>)>,
}

/// The odd data a generated workbook leans to; every run covers each one.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Shape {
    Ordinary,
    OneIndicator,
    Hundreds,
    AllZero,
    AllNegative,
    NoYoy,
    HugeAndTiny,
    LongNames,
    Bare,
}

const SHAPES: [Shape; 9] = [
    Shape::Ordinary,
    Shape::OneIndicator,
    Shape::Hundreds,
    Shape::AllZero,
    Shape::AllNegative,
    Shape::NoYoy,
    Shape::HugeAndTiny,
    Shape::LongNames,
    Shape::Bare,
];

const HAN: &str = "经济运行总体平稳稳中有进规模以上工业增加值社会消费品零售总额固定资产投资居民人均可支配收入城镇农村一般公共预算财政收入进出口货物贸易金融机构存贷款余额就业物价房地产开发销售面积";
const PROSE: &str = "上半年，全市上下坚持稳中求进工作总基调，统筹推进疫情防控和经济社会发展，主要经济指标持续回升向好。工业生产加快恢复，投资结构不断优化，消费市场逐步回暖；“六稳”“六保”任务扎实推进，民生保障有力有效。";
const LATIN: [&str; 6] = ["GDP", "CPI", "PPI", "5G", "2020", "PM2.5"];
const UNITS: [&str; 6] = ["亿元", "万人", "个", "万吨", "元/公斤", ""];

/// `lo..=hi` Han characters from a fixed pool, starting at a random place.
fn han(rng: &mut Rng, lo: usize, hi: usize) -> String {
    let n = rng.between(lo, hi);
    let pool: Vec<char> = HAN.chars().collect();
    let start = rng.below(pool.len());
    (0..n).map(|i| pool[(start + i) % pool.len()]).collect()
}

/// Han characters, as many as `short` says, or `long` for a long text.
fn han_sized(rng: &mut Rng, is_long: bool, short: (usize, usize), long: (usize, usize)) -> String {
    let (lo, hi) = if is_long { long } else { short };
    han(rng, lo, hi)
}

/// An indicator's name: short, or (with `long`) up to a few lines, with a
/// Latin abbreviation now and then.
fn name(rng: &mut Rng, long: bool) -> String {
    let mut name = han_sized(rng, long, (2, 12), (20, 60));
    if rng.chance(0.2) {
        let at = name.chars().count() / 2;
        let (a, b): (String, String) = (
            name.chars().take(at).collect(),
            name.chars().skip(at).collect(),
        );
        name = format!("{a}{}{b}", *rng.pick(&LATIN));
    }
    name
}

fn indicator(rng: &mut Rng, shape: Shape, i: usize, group: Option<String>) -> Indicator {
    let kind = *rng.pick(&[None, Some("总量"), Some("价格"), Some("比率"), Some("指数")]);
    let (value, unit) = match (kind, shape) {
        (_, Shape::HugeAndTiny) if rng.chance(0.5) => {
            (rng.decimal(9.0e11, 2).abs() + 1.0e11, *rng.pick(&UNITS))
        }
        (_, Shape::HugeAndTiny) => (rng.decimal(0.01, 4).abs() + 0.0001, *rng.pick(&UNITS)),
        (Some("比率"), _) => (rng.decimal(100.0, 1).abs(), "%"),
        (Some("指数"), _) => (100.0 + rng.decimal(20.0, 1), ""),
        (Some("价格"), _) => (rng.decimal(200.0, 2).abs() + 0.5, "元/公斤"),
        _ => (rng.decimal(5000.0, 2).abs() + 1.0, *rng.pick(&UNITS)),
    };
    let yoy = match shape {
        Shape::NoYoy => None,
        Shape::AllZero => Some(0.0),
        Shape::AllNegative => Some(-(rng.decimal(60.0, 1).abs() + 0.1)),
        Shape::HugeAndTiny if rng.chance(0.5) => Some(rng.decimal(99_999.0, 1)),
        Shape::HugeAndTiny => Some(rng.decimal(0.05, 2)),
        _ if rng.chance(0.15) => None,
        _ => Some(rng.decimal(40.0, 1)),
    };
    let previous_yoy = match shape {
        Shape::AllZero => Some(0.0),
        Shape::AllNegative => Some(-(rng.decimal(60.0, 1).abs() + 0.1)),
        _ => Some(rng.decimal(40.0, 1)),
    };
    let previous = (value / 1.1 * 100.0).round() / 100.0;
    Indicator {
        code: format!("x{i}"),
        group,
        name: name(rng, shape == Shape::LongNames),
        value,
        unit,
        kind,
        previous: Some(previous.max(0.01)),
        yoy,
        previous_yoy: yoy.and(previous_yoy),
        highlight: None,
    }
}

/// A sentence of prose that cites indicators by placeholder.
fn sentence(rng: &mut Rng, indicators: &[Indicator], long: bool) -> String {
    let prose: Vec<char> = PROSE.chars().collect();
    let mut text = String::new();
    for _ in 0..rng.between(1, if long { 12 } else { 4 }) {
        let start = rng.below(prose.len() / 2);
        let len = rng.between(8, prose.len() / 2);
        text.extend(&prose[start..start + len]);
        if !indicators.is_empty() && rng.chance(0.7) {
            let i = &indicators[rng.below(indicators.len())];
            let _ = write!(text, "{}达到{{{}}}", i.name, i.code);
            if i.yoy.is_some() {
                let _ = write!(text, "，同比{{{}:同比}}", i.code);
            }
        }
        if rng.chance(0.2) {
            let latin: &&str = rng.pick(&LATIN);
            text.push_str(latin);
        }
        text.push('。');
    }
    text
}

fn generate(rng: &mut Rng, index: usize) -> Spec {
    // Every shape in turn, then shapes at random.
    let shape = if index < SHAPES.len() {
        SHAPES[index]
    } else {
        *rng.pick(&SHAPES)
    };
    let count = match shape {
        Shape::OneIndicator => 1,
        Shape::Hundreds => rng.between(100, 200),
        _ if rng.chance(0.1) => rng.between(30, 120),
        _ => rng.between(1, 12),
    };
    let long = shape == Shape::LongNames;
    let groups: Vec<String> = (0..rng.between(1, 5))
        .map(|g| format!("{}板块{g}", han_sized(rng, long, (2, 4), (20, 30))))
        .collect();
    let mut indicators: Vec<Indicator> = Vec::new();
    for i in 0..count {
        // An empty 板块 continues the one above; the first rows may have none.
        let name = &groups[i * groups.len() / count];
        let group = (i > 0 || rng.chance(0.7))
            .then(|| name.clone())
            .filter(|_| rng.chance(0.6));
        indicators.push(indicator(rng, shape, i, group));
    }
    if shape != Shape::Bare {
        for i in 0..count {
            if rng.chance(0.3) {
                let text = sentence(rng, &indicators[i..=i], long);
                indicators[i].highlight = Some(text);
            }
        }
    }
    let mut body = Vec::new();
    if shape != Shape::Bare && rng.chance(0.9) {
        for c in 0..rng.between(1, 4) {
            let chapter = if rng.chance(0.8) {
                han(rng, 2, if long { 30 } else { 14 })
            } else {
                format!("关键词:{}件大事", c + 1)
            };
            for s in 0..rng.between(0, 3) {
                let section = if s == 0 && rng.chance(0.3) {
                    String::new()
                } else {
                    han(rng, 2, 16)
                };
                for _ in 0..rng.between(0, 3) {
                    body.push([
                        chapter.clone(),
                        section.clone(),
                        sentence(rng, &indicators, true),
                    ]);
                }
                if body.last().is_none_or(|row| row[0] != chapter) {
                    body.push([chapter.clone(), section.clone(), String::new()]);
                }
            }
        }
    }
    // Tables and charts in the text: a 板块, bars of growth or of values,
    // a sheet of months as lines and as a table.
    let months: Vec<(String, Vec<f64>)> = if shape != Shape::Bare && rng.chance(0.3) {
        let lines = rng.between(1, 3);
        (1..=rng.between(1, 24))
            .map(|m| {
                (
                    format!("{m}月"),
                    (0..lines).map(|_| rng.decimal(500.0, 2)).collect(),
                )
            })
            .collect()
    } else {
        Vec::new()
    };
    if !body.is_empty() {
        let chapter = body[0][0].clone();
        let mut figure = |text: String| body.push([chapter.clone(), String::new(), text]);
        if let Some(group) = indicators.iter().find_map(|i| i.group.clone())
            && rng.chance(0.3)
        {
            figure(format!("{{表:{group}}}"));
        }
        let codes = |rng: &mut Rng, with_yoy: bool| {
            let some: Vec<&str> = indicators
                .iter()
                .filter(|i| !with_yoy || i.yoy.is_some())
                .filter(|_| rng.chance(0.5))
                .map(|i| i.code.as_str())
                .collect();
            some.join("、")
        };
        let growth = codes(rng, true);
        if !growth.is_empty() && rng.chance(0.4) {
            figure(format!("{{图:{growth}:同比}}"));
        }
        let values = codes(rng, false);
        if !values.is_empty() && rng.chance(0.3) {
            figure(format!("{{图:{values}}}"));
        }
        if !months.is_empty() {
            figure(
                if rng.chance(0.5) {
                    "{图:月度}"
                } else {
                    "{图:月度:柱状}"
                }
                .into(),
            );
            if rng.chance(0.5) {
                figure("{表:月度}".into());
            }
        }
    }
    let mut report = vec![(
        "标题",
        format!("{}情况", han_sized(rng, long, (4, 20), (50, 60))),
    )];
    if shape != Shape::Bare {
        let optional = [
            ("副标题", han(rng, 6, 16)),
            ("肩题", han(rng, 4, 10)),
            ("报告期", "2020年上半年".to_string()),
            ("日期", "2020年8月4日".to_string()),
            ("发布单位", format!("{}统计局", han(rng, 2, 4))),
            ("来源", format!("{}统计局", han(rng, 2, 4))),
            ("导语", sentence(rng, &indicators, false)),
            ("简报名称", "经济运行简报".to_string()),
            ("期号", "2020年第8期".to_string()),
            ("编印单位", format!("{}统计局办公室", han(rng, 2, 4))),
            ("报送", han(rng, 4, 80)),
            ("抄送", han(rng, 4, 40)),
            ("附表", "主要经济指标".to_string()),
        ];
        for (key, value) in optional {
            if rng.chance(0.6) {
                report.push((key, value));
            }
        }
    }
    Spec {
        report,
        indicators,
        body,
        with_previous: rng.chance(0.5),
        with_previous_yoy: rng.chance(0.6),
        months,
    }
}

fn write(spec: &Spec, path: &Path) {
    let mut workbook = Workbook::new();
    let report = workbook.add_worksheet().set_name("报告").unwrap();
    report.write_row(0, 0, ["项目", "内容"]).unwrap();
    for (r, (key, value)) in spec.report.iter().enumerate() {
        report
            .write_row(r as u32 + 1, 0, [*key, value.as_str()])
            .unwrap();
    }

    let sheet = workbook.add_worksheet().set_name("指标").unwrap();
    let mut headers = vec![
        "代码", "板块", "指标", "数值", "单位", "类型", "同比", "要点",
    ];
    if spec.with_previous {
        headers.push("上年同期");
    }
    if spec.with_previous_yoy {
        headers.push("上期同比");
    }
    sheet.write_row(0, 0, headers).unwrap();
    for (r, i) in spec.indicators.iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, &i.code).unwrap();
        if let Some(group) = &i.group {
            sheet.write_string(r, 1, group).unwrap();
        }
        sheet.write_string(r, 2, &i.name).unwrap();
        sheet.write_number(r, 3, i.value).unwrap();
        sheet.write_string(r, 4, i.unit).unwrap();
        if let Some(kind) = i.kind {
            sheet.write_string(r, 5, kind).unwrap();
        }
        if let Some(yoy) = i.yoy {
            sheet.write_number(r, 6, yoy).unwrap();
        }
        if let Some(highlight) = &i.highlight {
            sheet.write_string(r, 7, highlight).unwrap();
        }
        let mut col = 8;
        if spec.with_previous {
            if let Some(previous) = i.previous {
                sheet.write_number(r, col, previous).unwrap();
            }
            col += 1;
        }
        if spec.with_previous_yoy
            && let Some(previous_yoy) = i.previous_yoy
        {
            sheet.write_number(r, col, previous_yoy).unwrap();
        }
    }

    if !spec.body.is_empty() {
        let body = workbook.add_worksheet().set_name("正文").unwrap();
        body.write_row(0, 0, ["章", "节", "段落"]).unwrap();
        for (r, row) in spec.body.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                if !cell.is_empty() {
                    body.write_string(r as u32 + 1, c as u16, cell).unwrap();
                }
            }
        }
    }
    if !spec.months.is_empty() {
        let sheet = workbook.add_worksheet().set_name("月度").unwrap();
        sheet.write_string(0, 0, "月份").unwrap();
        for c in 0..spec.months[0].1.len() {
            sheet
                .write_string(0, c as u16 + 1, format!("指标{c}"))
                .unwrap();
        }
        for (r, (month, figures)) in spec.months.iter().enumerate() {
            sheet.write_string(r as u32 + 1, 0, month).unwrap();
            for (c, figure) in figures.iter().enumerate() {
                sheet
                    .write_number(r as u32 + 1, c as u16 + 1, *figure)
                    .unwrap();
            }
        }
    }
    workbook.save(path).unwrap();
}

// ---------------------------------------------------------------- the run

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Compiles `workbooks` with `template` into `out`; the problems of each
/// workbook that failed, by workbook.
fn compile_batch(workbooks: &[PathBuf], template: &str, out: &Path) -> Vec<(PathBuf, String)> {
    let mut args: Vec<std::ffi::OsString> = vec!["compile".into()];
    args.extend(workbooks.iter().map(|w| w.clone().into_os_string()));
    for arg in [
        "--template",
        template,
        "--pdf-standard",
        "1.7",
        "--jobs",
        "1",
        "--quiet",
        "--out",
    ] {
        args.push(arg.into());
    }
    args.push(out.into());
    let output = common::briefing(args);
    let (stdout, stderr) = common::text(&output);
    let mut failures = Vec::new();
    for workbook in workbooks {
        let stem = workbook.file_stem().unwrap().to_string_lossy();
        let pdf = out.join(format!("{stem}.pdf"));
        let problems = if !pdf.exists() {
            vec![format!("no PDF:\n{stdout}\n{stderr}")]
        } else {
            common::word_problems(&pdf)
        };
        if !problems.is_empty() {
            failures.push((workbook.clone(), problems.join("\n")));
        }
    }
    if failures.is_empty() && (!output.status.success() || stderr.contains("panick")) {
        failures.push((
            workbooks[0].clone(),
            format!("briefing failed:\n{stdout}\n{stderr}"),
        ));
    }
    failures
}

#[test]
fn generated_workbooks_compile_through_every_template() {
    let seed = env_or("BRIEFING_GEN_SEED", DEFAULT_SEED);
    let count = env_or("BRIEFING_GEN_COUNT", DEFAULT_COUNT);
    let folder =
        std::env::temp_dir().join(format!("briefing-generated-{seed}-{}", std::process::id()));
    std::fs::create_dir_all(&folder).unwrap();
    let mut rng = Rng(seed);
    let workbooks: Vec<PathBuf> = (0..count)
        .map(|n| {
            let path = folder.join(format!("g{n:04}.xlsx"));
            write(&generate(&mut rng, n), &path);
            path
        })
        .collect();

    // Batches of every template, shared by two workers (the two cores).
    let jobs: Vec<(&str, &[PathBuf])> = ["default", "gongwen", "jianbao"]
        .iter()
        .flat_map(|t| workbooks.chunks(BATCH).map(move |c| (*t, c)))
        .collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let failures = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| {
                loop {
                    let n = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some((template, batch)) = jobs.get(n) else {
                        break;
                    };
                    let out = folder.join(format!("out-{template}"));
                    for (workbook, problem) in compile_batch(batch, template, &out) {
                        failures
                            .lock()
                            .unwrap()
                            .push(format!("{template}: {}: {problem}", workbook.display()));
                    }
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    if failures.is_empty() {
        if std::env::var_os("BRIEFING_GEN_KEEP").is_none() {
            std::fs::remove_dir_all(&folder).unwrap();
        }
        return;
    }
    let shown: Vec<&str> = failures.iter().take(10).map(String::as_str).collect();
    panic!(
        "{} of {} compiles failed with seed {seed} (replay with BRIEFING_GEN_SEED={seed} BRIEFING_GEN_COUNT={count}); \
         the workbooks are kept in {}:\n\n{}",
        failures.len(),
        3 * count,
        folder.display(),
        shown.join("\n\n")
    );
}
