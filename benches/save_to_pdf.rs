//! From a save to the new PDF, in `briefing watch` and on the page of
//! `briefing serve`, against the time of the compile itself: what a person
//! waits for beyond the compile.
//!
//! Both run as shipped (the release binary, whole processes) on a copy of
//! the sample. Each save is made as programs make them: by rename (Excel,
//! WPS: a temporary file renamed over the workbook) and in place
//! (LibreOffice: the file truncated and written again).
//!
//! - **watch**: the time from the save until the PDF on disk is replaced,
//!   less the compile's own time, which watch prints ("已重新编译，用时 …");
//! - **page**: the time from the save until the page hears (server-sent
//!   event) that the project's new compile is done, less its compile time
//!   (`took_ms` of the project).
//!
//! Run with `cargo bench --bench save_to_pdf`; results in
//! `docs/performance.md`.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant, SystemTime};

#[path = "../tests/common/http.rs"]
mod http;
#[path = "../tests/common/paths.rs"]
mod paths;
mod timing;

use timing::{median, ms};

/// Saves of each kind; medians and the largest are reported.
const SAVES: usize = 15;

/// How a program saves.
#[derive(Clone, Copy)]
enum Save {
    Rename,
    InPlace,
}

impl Save {
    fn name(self) -> &'static str {
        match self {
            Save::Rename => "by rename",
            Save::InPlace => "in place",
        }
    }

    /// Saves `bytes` as `workbook`.
    fn write(self, workbook: &Path, bytes: &[u8]) {
        match self {
            Save::Rename => {
                let temporary = workbook.with_file_name("~$save.tmp");
                std::fs::write(&temporary, bytes).unwrap();
                std::fs::rename(&temporary, workbook).unwrap();
            }
            Save::InPlace => {
                let mut file = std::fs::File::create(workbook).unwrap();
                file.write_all(bytes).unwrap();
            }
        }
    }
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("简报.xlsx");
    let bytes = std::fs::read(paths::sample()).unwrap();
    std::fs::write(&workbook, &bytes).unwrap();
    println!(
        "from a save to the new PDF, beyond the compile ({SAVES} saves each; median, largest):"
    );
    for save in [Save::Rename, Save::InPlace] {
        let (waits, compiles) = watch(&workbook, &bytes, save);
        report("watch", save, &waits, &compiles);
    }
    for save in [Save::Rename, Save::InPlace] {
        let (waits, compiles) = page(dir.path(), &workbook, &bytes, save);
        report("page", save, &waits, &compiles);
    }
}

fn report(what: &str, save: Save, waits: &[Duration], compiles: &[Duration]) {
    let beyond: Vec<f64> = waits
        .iter()
        .zip(compiles)
        .map(|(w, c)| ms(*w) - ms(*c))
        .collect();
    println!(
        "  {what:<5} {:<9}  save to PDF {:>6.1} ms, compile {:>6.1} ms, beyond {:>5.1} ms (largest {:>5.1} ms)",
        save.name(),
        median(waits.iter().map(|d| ms(*d)).collect()),
        median(compiles.iter().map(|d| ms(*d)).collect()),
        median(beyond.clone()),
        beyond.iter().cloned().fold(f64::MIN, f64::max),
    );
}

/// `briefing watch`: each save's wait for the new PDF, and its compile.
fn watch(workbook: &Path, bytes: &[u8], save: Save) -> (Vec<Duration>, Vec<Duration>) {
    let out = workbook.with_file_name("out");
    let pdf = out.join("简报.pdf");
    let mut child = spawn(&[
        "watch".as_ref(),
        workbook.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    let lines = lines_of(child.stderr.take().unwrap());
    compile_time(&lines);
    let (mut waits, mut compiles) = (Vec::new(), Vec::new());
    for _ in 0..SAVES {
        let before = modified(&pdf);
        // Let the file system's clock move on, so that a new PDF is seen.
        std::thread::sleep(Duration::from_millis(30));
        let start = Instant::now();
        save.write(workbook, bytes);
        while modified(&pdf) == before {
            std::thread::sleep(Duration::from_micros(200));
        }
        waits.push(start.elapsed());
        compiles.push(compile_time(&lines));
    }
    stop(child);
    (waits, compiles)
}

/// The compile time of the next "已重新编译" line of watch.
fn compile_time(lines: &Receiver<String>) -> Duration {
    loop {
        let line = lines
            .recv_timeout(Duration::from_secs(60))
            .expect("watch compiles");
        let Some(rest) = line.split("用时 ").nth(1) else {
            continue;
        };
        let number: f64 = rest
            .split(' ')
            .next()
            .and_then(|n| n.parse().ok())
            .expect("a time");
        return if rest.contains("毫秒") {
            Duration::from_secs_f64(number / 1000.0)
        } else {
            Duration::from_secs_f64(number)
        };
    }
}

/// The page: each save's wait for the project's new compile, and its time.
fn page(
    folder: &Path,
    workbook: &Path,
    bytes: &[u8],
    save: Save,
) -> (Vec<Duration>, Vec<Duration>) {
    let mut child = spawn(&[
        "serve".as_ref(),
        folder.as_os_str(),
        "--no-open".as_ref(),
        "--port".as_ref(),
        "0".as_ref(),
    ]);
    let first = lines_of(child.stdout.take().unwrap())
        .recv_timeout(Duration::from_secs(30))
        .unwrap();
    let address = first
        .split("http://")
        .nth(1)
        .unwrap()
        .trim_end_matches('/')
        .to_string();
    let host = [("Host", address.as_str())];
    let mut events = TcpStream::connect(&address).unwrap();
    write!(
        events,
        "GET /api/events HTTP/1.1\r\nHost: {address}\r\n\r\n"
    )
    .unwrap();
    let events = lines_of(events);
    let name = workbook.file_name().unwrap().to_string_lossy();
    let opened = http::raw(
        address.parse().unwrap(),
        "POST",
        &format!(
            "/api/open?name={}",
            percent_encoding::utf8_percent_encode(&name, percent_encoding::NON_ALPHANUMERIC)
        ),
        &host,
        b"",
    )
    .json();
    let id = opened["id"].as_u64().unwrap();
    let mut version = 1;
    wait_for(&events, id, version);
    let (mut waits, mut compiles) = (Vec::new(), Vec::new());
    for _ in 0..SAVES {
        std::thread::sleep(Duration::from_millis(30));
        let start = Instant::now();
        save.write(workbook, bytes);
        version += 1;
        wait_for(&events, id, version);
        waits.push(start.elapsed());
        let project = http::raw(
            address.parse().unwrap(),
            "GET",
            &format!("/api/projects/{id}"),
            &host,
            b"",
        )
        .json();
        assert_eq!(project["version"], version);
        assert_eq!(project["reports"][0]["succeeded"], true);
        compiles.push(Duration::from_millis(project["took_ms"].as_u64().unwrap()));
    }
    stop(child);
    (waits, compiles)
}

/// Waits for the event that project `id`'s compile number `version` is done.
fn wait_for(events: &Receiver<String>, id: u64, version: u64) {
    loop {
        let line = events
            .recv_timeout(Duration::from_secs(60))
            .expect("an event");
        let Some(data) = line.strip_prefix("data: ") else {
            continue;
        };
        let change: serde_json::Value = serde_json::from_str(data).unwrap();
        if change["id"] == id && change["version"] == version {
            return;
        }
    }
}

fn spawn(args: &[&std::ffi::OsStr]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(args)
        .env("BRIEFING_FONT_CACHE", paths::font_cache())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn stop(mut child: Child) {
    let _ = child.kill();
    let _ = child.wait();
}

/// The lines a stream gives, as they come, from a thread of their own.
fn lines_of(stream: impl std::io::Read + Send + 'static) -> Receiver<String> {
    let (sender, receiver) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { return };
            if sender.send(line).is_err() {
                return;
            }
        }
    });
    receiver
}

fn modified(path: &PathBuf) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}
