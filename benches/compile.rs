//! Times what ships: the library's entry point ([`briefing::pipeline::run`])
//! as the command line calls it, from reading the workbook to writing every
//! file of every report.
//!
//! - **cold**: the first compile in a fresh process, fonts included (each
//!   run is a new process: this benchmark runs itself with `--cold`);
//! - **warm**: further compiles in the same process, with Typst's caches
//!   emptied before each (a different document) and kept (the same one);
//! - **batch**: a workbook of 200 district reports (`--per 地区`), on one
//!   thread and on two, as `--jobs 1` and `--jobs 2` run it.
//!
//! Run with `cargo bench`; it prints the median of several runs. Results
//! and method: `docs/performance.md`. With `-- --regions PATH` it only
//! writes the batch's workbook.

use std::path::Path;
use std::time::{Duration, Instant};

use briefing::model::ReadOptions;
use briefing::pipeline::{self, Compiler, Options, RunOptions};

#[path = "../tests/common/paths.rs"]
mod paths;
#[path = "../tests/common/regions.rs"]
mod regions;
mod timing;
#[path = "../tests/common/workbooks.rs"]
mod workbooks;

use timing::{median, ms};

/// Runs of each measurement; the median is reported.
const RUNS: usize = 11;
/// Regions of the batch benchmark.
const REGIONS: usize = 200;

/// A compiler as `briefing compile` makes it (fonts installed on the
/// machine included), with outputs under `out`.
fn compiler(out: &Path, per: Option<&str>) -> Compiler {
    let options = Options {
        read: ReadOptions {
            per: per.map(String::from),
            ..ReadOptions::default()
        },
        out_dir: Some(out.to_path_buf()),
        ..Options::default()
    };
    Compiler::new(options)
}

/// Reads `workbook` and compiles and writes every report of it on `jobs`
/// threads, as `briefing compile` does; returns how many succeeded.
fn run(compiler: &Compiler, workbook: &Path, jobs: usize) -> usize {
    let options = RunOptions {
        jobs,
        ..RunOptions::default()
    };
    let run = pipeline::run(compiler, &[workbook.to_path_buf()], &options, |_| {});
    assert_eq!(run.tally().failed, 0, "every report compiles");
    run.tally().succeeded
}

fn main() {
    let sample = paths::sample();
    let out = tempfile::tempdir().expect("a temporary folder");

    // `--regions PATH`: only writes the batch workbook (for
    // benches/static-vs-glibc.sh, which times whole programs on it).
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "--regions") {
        let path = args.get(at + 1).expect("--regions PATH");
        regions::write_regions_workbook(Path::new(path), REGIONS, None);
        return;
    }

    // The child of the cold measurement: one compile, then its time.
    if std::env::args().any(|a| a == "--cold") {
        let start = Instant::now();
        run(&compiler(out.path(), None), &sample, 1);
        println!("{}", start.elapsed().as_nanos());
        return;
    }

    let cold: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let child = std::process::Command::new(std::env::current_exe().unwrap())
                .arg("--cold")
                .output()
                .expect("the benchmark runs itself");
            assert!(child.status.success(), "{child:?}");
            let nanos: u64 = String::from_utf8_lossy(&child.stdout)
                .trim()
                .parse()
                .unwrap();
            Duration::from_nanos(nanos)
        })
        .collect();
    println!(
        "sample, cold (first compile in a process)     {:>8.1} ms",
        ms(median(cold))
    );

    let compiler = compiler(out.path(), None);
    run(&compiler, &sample, 1);
    let warm = |evict: bool| {
        let times = (0..RUNS)
            .map(|_| {
                if evict {
                    typst::comemo::evict(0);
                }
                let start = Instant::now();
                run(&compiler, &sample, 1);
                start.elapsed()
            })
            .collect();
        median(times)
    };
    println!(
        "sample, warm, Typst caches emptied            {:>8.1} ms",
        ms(warm(true))
    );
    println!(
        "sample, warm, Typst caches kept               {:>8.1} ms",
        ms(warm(false))
    );

    let regions = out.path().join("regions.xlsx");
    regions::write_regions_workbook(&regions, REGIONS, None);
    let compiler = self::compiler(&out.path().join("batch"), Some("地区"));
    assert_eq!(run(&compiler, &regions, 2), REGIONS); // fonts parsed, template loaded
    let mut per_thread = Vec::new();
    for threads in [1, 2] {
        // Everything on `threads` threads, Typst's own parallel work included.
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("a thread pool");
        let times = (0..5)
            .map(|_| {
                typst::comemo::evict(0);
                let start = Instant::now();
                let done = pool.install(|| run(&compiler, &regions, threads));
                assert_eq!(done, REGIONS);
                start.elapsed()
            })
            .collect();
        let time = median(times);
        per_thread.push(time);
        println!(
            "{REGIONS} regions, {threads} thread(s)                  {:>8.1} ms  ({:.1} ms per report)",
            ms(time),
            ms(time) / REGIONS as f64
        );
    }
    println!(
        "speed-up on 2 threads                          {:>8.2}×",
        per_thread[0].as_secs_f64() / per_thread[1].as_secs_f64()
    );
}

// The allocator the command line uses.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
