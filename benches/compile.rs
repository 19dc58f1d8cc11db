//! Times each stage of compiling the sample workbook, and the whole.
//! Run with `cargo bench`; it prints the median of several runs per stage.
//! (Plain `harness = false` timing, so that no benchmark framework has to be
//! built with the rest.)

use std::time::{Duration, Instant};

use briefing::model::{Briefing, ReadOptions};
use briefing::typeset::{self, Fonts};
use briefing::wording::Document;
use briefing::workbook::Workbook;

const RUNS: usize = 15;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn time<T>(name: &str, mut f: impl FnMut() -> T) -> T {
    let mut times = Vec::with_capacity(RUNS);
    let mut last = None;
    for _ in 0..RUNS {
        let start = Instant::now();
        last = Some(f());
        times.push(start.elapsed());
    }
    println!(
        "{name:<28} {:>8.1} ms",
        median(times).as_secs_f64() * 1000.0
    );
    last.expect("ran at least once")
}

fn main() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/兰州市2020年上半年成绩单.xlsx");
    let workbook = time("read workbook", || Workbook::open(&path).unwrap());
    let (briefing, _) = time("check model", || {
        Briefing::from_workbook(&workbook, ReadOptions::default())
    });
    let (document, _) = time("word figures", || Document::new(&briefing));
    let document = document.unwrap();
    let fonts = time("load fonts (with system)", || Fonts::new(true, &[]));
    time("load fonts (embedded only)", || Fonts::new(false, &[]));
    for name in ["default", "gongwen"] {
        let template = typeset::find_template(name).unwrap();
        // Typst memoizes across compiles; start each run cold, as the
        // command line does.
        let laid_out = time(&format!("layout ({name})"), || {
            typst::comemo::evict(0);
            typeset::layout(&document, &template, &fonts, briefing.date())
                .unwrap()
                .document
        });
        time(&format!("pdf ({name})"), || {
            typeset::pdf(&laid_out, briefing.date()).unwrap()
        });
    }
    time("summary workbook", || {
        briefing::summary::summary_workbook(&document, &[], briefing.date()).unwrap()
    });
}
