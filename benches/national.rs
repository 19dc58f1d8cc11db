//! A national batch: the sample made for every county of a country
//! (`--per 地区`), its reports and overview, as `briefing compile` makes
//! them on two cores.
//!
//! The workbook is the sample's (报告, 指标, 正文) with a wide sheet of
//! regions added: one row per region, a column for each of the sample's
//! figures (its 数值, 上年同期, 同比, 上期同比), each region's figures the
//! sample's scaled by a factor of its own; the 指标 sheet keeps the names,
//! units and 要点 and leaves the figures to the wide sheet. Every report is
//! the sample's seven pages with its region's figures.
//!
//! Each batch is a whole process (this benchmark runs itself with
//! `--child`): it prints the wall time, the time per report, the CPU used
//! (user and system time over wall time; 200% is both cores), the peak
//! memory (the resident set's high-water mark) and the time the overview
//! took (its workbook and PDF, made and written after the reports). `--write PATH REGIONS`
//! only writes the workbook (for profiling, or for `briefing compile`);
//! `--write-long PATH REGIONS` writes the same figures in the long form
//! (the 指标 sheet with a 地区 column).
//!
//! Run with `cargo bench --bench national` (about five minutes on two
//! cores); `--regions 50,400` picks the sizes. Results and method:
//! `docs/performance.md`.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use briefing::model::ReadOptions;
use briefing::pipeline::{self, Compiler, Options, RunOptions};
use calamine::{Data, DataType, Reader, open_workbook_auto};
use rust_xlsxwriter::Workbook;

#[path = "../tests/common/paths.rs"]
mod paths;
#[path = "../tests/common/regions.rs"]
mod regions;
#[path = "../tests/common/workbooks.rs"]
mod workbooks;

/// The batch sizes timed unless `--regions` says otherwise.
const REGIONS: [usize; 3] = [50, 400, 2_000];
/// The wide sheet's name.
const WIDE: &str = "区县数据";
/// The figure columns of the 指标 sheet that the wide sheet gives per
/// region.
const FIGURES: [&str; 4] = ["数值", "上年同期", "同比", "上期同比"];

/// Writes the sample as a workbook of `regions` regions (see the module's
/// documentation).
fn write_national_workbook(path: &Path, regions: usize) {
    let mut sample = open_workbook_auto(paths::sample()).expect("the sample");
    let mut workbook = Workbook::new();
    let mut wide_columns: Vec<(String, Vec<f64>)> = Vec::new();
    for name in sample.sheet_names() {
        let range = sample.worksheet_range(&name).expect("a sheet");
        let sheet = workbook.add_worksheet();
        sheet.set_name(&name).unwrap();
        let header: Vec<String> = range
            .rows()
            .next()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .unwrap_or_default();
        let figure_at: Vec<Option<&str>> = header
            .iter()
            .map(|h| FIGURES.iter().find(|f| *f == h).copied())
            .collect();
        for (r, row) in range.rows().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r32, c16) = (r as u32, c as u16);
                if name == "指标"
                    && r > 0
                    && let Some(figure) = figure_at[c]
                {
                    // The figure goes to the wide sheet, under `code:figure`.
                    if let Some(n) = cell.as_f64() {
                        let code = row[0].to_string();
                        let column = match figure {
                            "数值" => code,
                            _ => format!("{code}:{figure}"),
                        };
                        wide_columns.push((column, vec![n]));
                    }
                    continue;
                }
                match cell {
                    Data::Empty => {}
                    Data::Float(n) => {
                        sheet.write_number(r32, c16, *n).unwrap();
                    }
                    Data::Int(n) => {
                        sheet.write_number(r32, c16, *n as f64).unwrap();
                    }
                    other => {
                        sheet.write_string(r32, c16, other.to_string()).unwrap();
                    }
                }
            }
        }
    }
    let wide = workbook.add_worksheet();
    wide.set_name(WIDE).unwrap();
    wide.write_string(0, 0, "地区").unwrap();
    for (c, (column, _)) in wide_columns.iter().enumerate() {
        wide.write_string(0, c as u16 + 1, column).unwrap();
    }
    for i in 0..regions {
        let row = i as u32 + 1;
        wide.write_string(row, 0, regions::region_name(i)).unwrap();
        // Values from half to one and a half times the sample's, distinct
        // for the first thousand regions; growth rates shifted instead.
        let factor = 0.5 + ((i * 379) % 1000) as f64 / 1000.0;
        let shift = ((i * 7) % 41) as f64 / 10.0 - 2.0;
        for (c, (column, value)) in wide_columns.iter().enumerate() {
            let n = if column.contains(":同比") {
                value[0] + shift
            } else {
                value[0] * factor
            };
            let n = (n * 100.0).round() / 100.0;
            wide.write_number(row, c as u16 + 1, n).unwrap();
        }
    }
    workbook.save(path).unwrap();
}

/// Writes the same figures in the long form: the 指标 sheet with a 地区
/// column, each of the sample's indicators on a row of each region (some
/// 700 cells a region), for measuring the reading of the largest sheets.
fn write_long_workbook(path: &Path, regions: usize) {
    let mut sample = open_workbook_auto(paths::sample()).expect("the sample");
    let mut workbook = Workbook::new();
    for name in sample.sheet_names() {
        let range = sample.worksheet_range(&name).expect("a sheet");
        let sheet = workbook.add_worksheet();
        sheet.set_name(&name).unwrap();
        let rows: Vec<&[Data]> = range.rows().collect();
        let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
        let mut write_row = |r: u32, row: &[Data], first: Option<&str>, factor: f64| {
            let offset = u16::from(first.is_some());
            if let Some(first) = first {
                sheet.write_string(r, 0, first).unwrap();
            }
            for (c, cell) in row.iter().enumerate() {
                let c16 = c as u16 + offset;
                let figure = FIGURES.contains(&header[c].as_str());
                match cell {
                    Data::Empty => {}
                    _ if figure && cell.as_f64().is_some() => {
                        let n = cell.as_f64().unwrap() * factor;
                        sheet
                            .write_number(r, c16, (n * 100.0).round() / 100.0)
                            .unwrap();
                    }
                    Data::Float(n) => {
                        sheet.write_number(r, c16, *n).unwrap();
                    }
                    Data::Int(n) => {
                        sheet.write_number(r, c16, *n as f64).unwrap();
                    }
                    other => {
                        sheet.write_string(r, c16, other.to_string()).unwrap();
                    }
                }
            }
        };
        if name != "指标" {
            for (r, row) in rows.iter().enumerate() {
                write_row(r as u32, row, None, 1.0);
            }
            continue;
        }
        write_row(0, rows[0], Some("地区"), 1.0);
        let mut r = 1;
        for i in 0..regions {
            let region = regions::region_name(i);
            let factor = 0.5 + ((i * 379) % 1000) as f64 / 1000.0;
            for row in &rows[1..] {
                write_row(r, row, Some(&region), factor);
                r += 1;
            }
        }
    }
    workbook.save(path).unwrap();
}

/// The child: compiles `workbook` per 地区 into `out` on `jobs` threads,
/// as `briefing compile --per 地区 --jobs N` does, and prints the reports,
/// the wall time in seconds, the CPU seconds and the peak memory in KiB.
fn child(workbook: &Path, out: &Path, jobs: usize) {
    let start = Instant::now();
    pipeline::limit_threads(jobs);
    let compiler = Compiler::new(Options {
        read: ReadOptions {
            per: Some("地区".into()),
            ..ReadOptions::default()
        },
        out_dir: Some(out.to_path_buf()),
        ..Options::default()
    });
    let options = RunOptions {
        jobs,
        ..RunOptions::default()
    };
    let run = pipeline::run(&compiler, &[workbook.to_path_buf()], &options, |_| {});
    let wall = start.elapsed().as_secs_f64();
    assert_eq!(run.tally().failed, 0, "every report compiles");
    let mut overview = 0.0;
    for batch in run.batches() {
        if let Err(error) = &batch.overview {
            panic!("the overview: {error}");
        }
        let t = &batch.batch.timings;
        overview += (t.layout + t.pdf + t.summary + t.write).as_secs_f64();
    }
    println!(
        "{} {wall} {} {} {overview}",
        run.tally().succeeded,
        cpu_seconds(),
        peak_kib()
    );
}

/// This process's user and system time so far, in seconds, from /proc
/// (Linux; 0 elsewhere).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command's name (in brackets, which may hold
    // spaces): utime and stime are the 14th and 15th of the line.
    let after = stat.rsplit(')').next().unwrap_or_default();
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // Clock ticks are 1/100 s on Linux.
    (ticks(11) + ticks(12)) / 100.0
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

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "--child") {
        let jobs = args[at + 3].parse().unwrap();
        child(Path::new(&args[at + 1]), Path::new(&args[at + 2]), jobs);
        return;
    }
    if let Some(at) = args.iter().position(|a| a == "--write-long") {
        write_long_workbook(Path::new(&args[at + 1]), args[at + 2].parse().unwrap());
        return;
    }
    if let Some(at) = args.iter().position(|a| a == "--write") {
        write_national_workbook(Path::new(&args[at + 1]), args[at + 2].parse().unwrap());
        return;
    }
    let sizes: Vec<usize> = match args.iter().position(|a| a == "--regions") {
        Some(at) => args[at + 1]
            .split(',')
            .map(|n| n.parse().unwrap())
            .collect(),
        None => REGIONS.to_vec(),
    };
    let jobs: usize = match args.iter().position(|a| a == "--jobs") {
        Some(at) => args[at + 1].parse().unwrap(),
        None => 2,
    };
    let dir = tempfile::tempdir().expect("a temporary folder");
    println!("regions   wall      per report   CPU    peak memory   overview   ({jobs} jobs)");
    for regions in sizes {
        let workbook = dir.path().join(format!("全国{regions}.xlsx"));
        write_national_workbook(&workbook, regions);
        let out = dir.path().join(format!("out{regions}"));
        let child = Command::new(std::env::current_exe().unwrap())
            .arg("--child")
            .arg(&workbook)
            .arg(&out)
            .arg(jobs.to_string())
            .output()
            .expect("the benchmark runs itself");
        assert!(child.status.success(), "{child:?}");
        let line = String::from_utf8_lossy(&child.stdout);
        let figures: Vec<f64> = line
            .split_whitespace()
            .map(|f| f.parse().unwrap())
            .collect();
        let [reports, wall, cpu, kib, overview] = figures[..] else {
            panic!("the child printed {line}");
        };
        assert_eq!(reports as usize, regions);
        println!(
            "{regions:>7}  {wall:>6.1} s  {:>8.1} ms  {:>4.0}%  {:>8.0} MB  {overview:>6.1} s",
            wall * 1000.0 / regions as f64,
            cpu / wall * 100.0,
            kib / 1024.0
        );
        std::fs::remove_dir_all(&out).ok();
    }
}

// The allocator the command line uses.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
