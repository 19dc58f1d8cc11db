//! Times a large workbook, as shipped: a 指标 sheet of 100,000 indicators,
//! every one with its 同比, compiled by the library's entry point
//! ([`briefing::pipeline::run`]) with the default template.
//!
//! - **compile**: the whole process of one compile (this benchmark runs
//!   itself with `--child`), of the large workbook and of the sample in
//!   turn, and the ratio of the two; with each child's peak memory (its
//!   resident set's high-water mark);
//! - **summary workbook**: the large workbook's summary workbook, made in
//!   memory, against rust_xlsxwriter writing the very same cells (values,
//!   formulas with their results) without formats, outlines or charts, at
//!   its default zip level and at the summary's, and the ratios.
//!
//! The workbook is generated here with rust_xlsxwriter (`--write PATH
//! [INDICATORS]` only writes it). Run with `cargo bench --bench large`; it
//! prints medians. Results and method: `docs/performance.md`.

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use briefing::model::ReadOptions;
use briefing::pipeline::{self, Compiler, Options, RunOptions};
use calamine::{Data, Reader, Xlsx};
use rust_xlsxwriter::{Formula, Workbook};

#[path = "../tests/common/paths.rs"]
mod paths;
mod timing;

use timing::{median, ms};

/// Indicators of the large workbook.
const INDICATORS: usize = 100_000;
/// Indicators per 板块.
const PER_GROUP: usize = 1_000;
/// Whole-process compiles of the large workbook; the median is reported.
const LARGE_RUNS: usize = 3;
/// Whole-process compiles of the sample after each of the large workbook.
const SAMPLE_RUNS: usize = 4;
/// Summary workbooks made, and as many written raw.
const SUMMARY_RUNS: usize = 5;

/// Writes a briefing workbook whose 指标 sheet has `indicators` rows in
/// groups of [`PER_GROUP`], each with a value and its 同比 (from −10.0 to
/// 10.0); the first four groups have a 要点, and the prose cites a few
/// indicators.
fn write_large_workbook(path: &Path, indicators: usize) {
    let mut workbook = Workbook::new();
    let report = workbook.add_worksheet();
    report.set_name("报告").unwrap();
    let fields = [
        ("项目", "内容"),
        ("标题", "全省县域经济主要指标"),
        ("报告期", "2020年上半年"),
        ("日期", "2020年8月4日"),
        ("发布单位", "甘肃省统计局"),
    ];
    for (r, (k, v)) in fields.iter().enumerate() {
        report.write_string(r as u32, 0, *k).unwrap();
        report.write_string(r as u32, 1, *v).unwrap();
    }

    let sheet = workbook.add_worksheet();
    sheet.set_name("指标").unwrap();
    let headers = ["代码", "板块", "指标", "数值", "单位", "同比", "要点"];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for i in 0..indicators {
        let row = i as u32 + 1;
        let group = i / PER_GROUP;
        sheet.write_string(row, 0, code(i)).unwrap();
        sheet
            .write_string(row, 1, format!("第{}板块", group + 1))
            .unwrap();
        sheet
            .write_string(row, 2, format!("第{}号县区工业增加值", i + 1))
            .unwrap();
        sheet
            .write_number(row, 3, 100.0 + (i % 1000) as f64 * 1.25)
            .unwrap();
        sheet.write_string(row, 4, "亿元").unwrap();
        sheet
            .write_number(row, 5, (((i * 37) % 201) as f64 - 100.0) / 10.0)
            .unwrap();
        if i % PER_GROUP == 0 && group < 4 {
            let c = code(i);
            let highlight = format!("第{}板块的首个指标为{{{c}}}，同比{{{c}:同比}}。", group + 1);
            sheet.write_string(row, 6, highlight).unwrap();
        }
    }

    let body = workbook.add_worksheet();
    body.set_name("正文").unwrap();
    body.write_string(0, 0, "章").unwrap();
    body.write_string(0, 1, "段落").unwrap();
    for p in 0..20 {
        let (a, b) = (code(p * 997 % indicators), code(p * 4999 % indicators));
        let text = format!(
            "上半年，甲指标达到{{{a}}}，同比{{{a}:同比}}；乙指标为{{{b}}}，同比{{{b}:同比}}。"
        );
        let chapter = if p < 10 {
            "总体情况"
        } else {
            "分项情况"
        };
        body.write_string(p as u32 + 1, 0, chapter).unwrap();
        body.write_string(p as u32 + 1, 1, text).unwrap();
    }
    workbook.save(path).unwrap();
}

/// The code of indicator `i`.
fn code(i: usize) -> String {
    format!("x{i:06}")
}

/// A compiler as `briefing compile` makes it, with outputs under `out`.
fn compiler(out: &Path) -> Compiler {
    Compiler::new(Options {
        out_dir: Some(out.to_path_buf()),
        ..Options::default()
    })
}

/// The child of the compile measurement: compiles `workbook` into `out`
/// and prints its peak memory in KiB (0 where the system does not say).
fn child(workbook: &Path, out: &Path) {
    let workbooks = [workbook.to_path_buf()];
    let run = pipeline::run(&compiler(out), &workbooks, &RunOptions::default(), |_| {});
    assert_eq!(run.tally().failed, 0, "every report compiles");
    println!("{}", peak_kib());
}

/// This process's peak resident memory, in KiB, from /proc (Linux).
fn peak_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// One whole-process compile of `workbook`: its wall time and peak memory
/// in KiB.
fn compile_in_child(workbook: &Path, out: &Path) -> (Duration, u64) {
    let start = Instant::now();
    let child = Command::new(std::env::current_exe().unwrap())
        .arg("--child")
        .arg(workbook)
        .arg(out)
        .output()
        .expect("the benchmark runs itself");
    let time = start.elapsed();
    assert!(child.status.success(), "{child:?}");
    let kib = String::from_utf8_lossy(&child.stdout)
        .trim()
        .parse()
        .unwrap();
    (time, kib)
}

/// The median time and the largest peak memory of several compiles.
fn median_and_peak(results: Vec<(Duration, u64)>) -> (Duration, u64) {
    let peak = results.iter().map(|r| r.1).max().unwrap_or(0);
    (median(results.into_iter().map(|r| r.0).collect()), peak)
}

/// The cells of a workbook, sheet by sheet: the sheet's name, and per cell
/// its place, value and formula (empty when none).
type Cells = Vec<(String, Vec<(u32, u16, Data, String)>)>;

/// Every cell with a value of the workbook `bytes`, read with calamine.
fn cells_of(bytes: &[u8]) -> Cells {
    let mut xlsx: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).expect("a workbook");
    let names = xlsx.sheet_names();
    names
        .into_iter()
        .map(|name| {
            let values = xlsx.worksheet_range(&name).expect("a sheet");
            let formulas = xlsx.worksheet_formula(&name).expect("a sheet");
            let cells = values
                .cells()
                .filter(|(_, _, v)| !matches!(v, Data::Empty))
                .map(|(r, c, v)| {
                    let (row, col) = (
                        values.start().unwrap().0 + r as u32,
                        values.start().unwrap().1 + c as u32,
                    );
                    let formula = formulas.get_value((row, col)).cloned().unwrap_or_default();
                    (row, col as u16, v.clone(), formula)
                })
                .collect();
            (name, cells)
        })
        .collect()
}

/// Writes `cells` with rust_xlsxwriter as plainly as it goes: values and
/// formulas (with their results), no formats; packed at zip `level`, or at
/// rust_xlsxwriter's default.
fn write_raw(cells: &Cells, level: Option<u8>) -> Vec<u8> {
    let mut workbook = Workbook::new();
    for (name, cells) in cells {
        let sheet = workbook.add_worksheet();
        sheet.set_name(name).unwrap();
        for (row, col, value, formula) in cells {
            let (row, col) = (*row, *col);
            if !formula.is_empty() {
                let formula = Formula::new(format!("={formula}")).set_result(value.to_string());
                sheet.write_formula(row, col, formula).unwrap();
                continue;
            }
            match value {
                Data::Float(n) => sheet.write_number(row, col, *n).unwrap(),
                Data::Int(n) => sheet.write_number(row, col, *n as f64).unwrap(),
                Data::String(s) => sheet.write_string(row, col, s).unwrap(),
                other => sheet.write_string(row, col, other.to_string()).unwrap(),
            };
        }
    }
    if let Some(level) = level {
        workbook.set_zip_compression_level(level);
    }
    workbook.save_to_buffer().unwrap()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "--child") {
        child(Path::new(&args[at + 1]), Path::new(&args[at + 2]));
        return;
    }
    // `--write PATH [INDICATORS]`: only write the large workbook (for
    // profiling a compile of it).
    if let Some(at) = args.iter().position(|a| a == "--write") {
        let indicators = args.get(at + 2).map_or(INDICATORS, |n| n.parse().unwrap());
        write_large_workbook(Path::new(&args[at + 1]), indicators);
        return;
    }

    let dir = tempfile::tempdir().expect("a temporary folder");
    let large: PathBuf = dir.path().join("large.xlsx");
    write_large_workbook(&large, INDICATORS);
    let sample = paths::sample();
    let out = dir.path().join("out");

    // In turn, so that both see the same load on the machine.
    let (mut samples, mut larges) = (Vec::new(), Vec::new());
    for _ in 0..LARGE_RUNS {
        larges.push(compile_in_child(&large, &out));
        for _ in 0..SAMPLE_RUNS {
            samples.push(compile_in_child(&sample, &out));
        }
    }
    let (sample_time, sample_peak) = median_and_peak(samples);
    let (large_time, large_peak) = median_and_peak(larges);
    println!(
        "sample, whole process                      {:>9.1} ms  peak {:>6.0} MB",
        ms(sample_time),
        sample_peak as f64 / 1024.0
    );
    println!(
        "{INDICATORS} indicators, whole process          {:>9.1} ms  peak {:>6.0} MB",
        ms(large_time),
        large_peak as f64 / 1024.0
    );
    println!(
        "ratio (large ÷ sample)                     {:>9.1}×",
        large_time.as_secs_f64() / sample_time.as_secs_f64()
    );

    let batch = pipeline::read(&large, &ReadOptions::default()).expect("the workbook reads");
    let report = &batch.reports[0];
    let (document, diagnostics) = batch.word(report);
    let document = document.expect("the workbook words");
    let date = batch.briefing.date();
    let summary = || briefing::summary::summary_workbook(&document, &diagnostics, date).unwrap();
    let bytes = summary();
    let cells = cells_of(&bytes);
    // Each in turn, as above.
    let writers: [(&str, &dyn Fn() -> Vec<u8>); 3] = [
        ("summary workbook", &summary),
        ("the same cells written raw", &|| write_raw(&cells, None)),
        ("the same, raw, zip level 3", &|| write_raw(&cells, Some(3))),
    ];
    let mut times = vec![Vec::new(); writers.len()];
    for _ in 0..SUMMARY_RUNS {
        for ((_, write), times) in writers.iter().zip(&mut times) {
            let start = Instant::now();
            std::hint::black_box(write());
            times.push(start.elapsed());
        }
    }
    let times: Vec<Duration> = times.into_iter().map(median).collect();
    let count: usize = cells.iter().map(|(_, c)| c.len()).sum();
    for ((name, _), time) in writers.iter().zip(&times) {
        println!("{name:<42} {:>9.1} ms", ms(*time));
    }
    println!("  ({count} cells with a value)");
    for (i, against) in [(1, "raw"), (2, "raw, level 3")] {
        println!(
            "ratio (summary ÷ {against}){:>w$} {:>9.2}×",
            "",
            times[0].as_secs_f64() / times[i].as_secs_f64(),
            w = 26 - against.len()
        );
    }
}

// The allocator the command line uses.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
