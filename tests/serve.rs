//! `briefing serve`, route by route, over real HTTP on 127.0.0.1: uploads
//! compiled as the command line compiles them, problems at their cells,
//! previews, downloads, live updates after a save, and the safety rules
//! (other hosts and sites refused, nothing read outside the served folder,
//! oversize uploads refused, many uploads at once).

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use briefing::serve::{ServeOptions, Server};
use common::Cell::{S, T};
use common::http::{Reply, raw};
use serde_json::Value;

mod common;

/// A server on a folder, answering on a thread of its own; stopped when
/// dropped, so that its uploads are removed as `briefing serve` removes
/// them on Ctrl+C.
struct Served {
    server: Arc<Server>,
    running: Option<std::thread::JoinHandle<()>>,
    folder: tempfile::TempDir,
}

impl Drop for Served {
    fn drop(&mut self) {
        self.server.stop();
        if let Some(running) = self.running.take() {
            let _ = running.join();
        }
    }
}

impl Served {
    fn new() -> Served {
        Served::with(|_| {})
    }

    fn with(change: impl FnOnce(&mut ServeOptions)) -> Served {
        let folder = tempfile::tempdir().unwrap();
        let mut options = ServeOptions::new(folder.path().join("served"));
        std::fs::create_dir(&options.folder).unwrap();
        options.port = Some(0);
        options.compile.font_cache = Some(common::font_cache());
        change(&mut options);
        let server = Arc::new(Server::bind(options).unwrap());
        let serving = server.clone();
        let running = Some(std::thread::spawn(move || serving.run()));
        Served {
            server,
            running,
            folder,
        }
    }

    fn address(&self) -> SocketAddr {
        self.server.address()
    }

    fn served(&self) -> std::path::PathBuf {
        self.folder.path().join("served")
    }

    /// A request with our own Host header and `extra` headers.
    fn send(&self, method: &str, target: &str, extra: &[(&str, &str)], body: &[u8]) -> Reply {
        let host = format!("127.0.0.1:{}", self.address().port());
        let mut headers = vec![("Host", host.as_str())];
        headers.extend_from_slice(extra);
        raw(self.address(), method, target, &headers, body)
    }

    fn get(&self, target: &str) -> Reply {
        self.send("GET", target, &[], b"")
    }

    fn post(&self, target: &str, body: &[u8]) -> Reply {
        self.send("POST", target, &[], body)
    }

    /// Uploads a workbook under `name`; returns its project's id.
    fn upload(&self, name: &str, bytes: &[u8]) -> u64 {
        let reply = self.post(&format!("/api/upload?name={}", encode(name)), bytes);
        assert_eq!(
            reply.status,
            200,
            "{}",
            String::from_utf8_lossy(&reply.body)
        );
        reply.json()["id"].as_u64().unwrap()
    }

    /// The project once its compile number `version` is done.
    fn wait_for(&self, id: u64, version: u64) -> Value {
        let start = Instant::now();
        loop {
            let project = self.get(&format!("/api/projects/{id}")).json();
            if project["version"].as_u64().unwrap() >= version && project["busy"] == false {
                return project;
            }
            assert!(start.elapsed() < Duration::from_secs(120), "{project}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// Serving as `briefing serve` does: a workbook whose 报告 gives no 日期
/// (as `briefing new` makes it) is dated by the run.
fn dated(options: &mut ServeOptions) {
    options.compile.fallback_date =
        chrono::NaiveDate::from_ymd_opt(2024, 7, 10).and_then(|d| d.and_hms_opt(9, 0, 0));
}

fn encode(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, percent_encoding::NON_ALPHANUMERIC).to_string()
}

fn sample_bytes() -> Vec<u8> {
    std::fs::read(common::sample()).unwrap()
}

/// The PDF `briefing compile` makes of `workbook`.
fn compiled_pdf(workbook: &Path) -> Vec<u8> {
    let out = tempfile::tempdir().unwrap();
    common::compile_ok(workbook, out.path(), &[]);
    let stem = workbook.file_stem().unwrap().to_string_lossy();
    std::fs::read(out.path().join(format!("{stem}.pdf"))).unwrap()
}

#[test]
fn an_upload_compiles_as_the_command_line_does() {
    let served = Served::new();
    let page = served.get("/");
    assert_eq!(page.status, 200);
    assert!(String::from_utf8_lossy(&page.body).contains("把工作簿拖到这里"));

    let id = served.upload("兰州市2020年上半年成绩单.xlsx", &sample_bytes());
    let project = served.wait_for(id, 1);
    let report = &project["reports"][0];
    assert_eq!(report["succeeded"], true, "{project}");
    assert_eq!(project["failure"], Value::Null);

    // The PDF, by the name the command line gives it, byte for byte.
    let files = report["files"].as_array().unwrap();
    let names: Vec<&str> = files.iter().map(|f| f["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "兰州市2020年上半年成绩单.pdf",
            "兰州市2020年上半年成绩单-汇总.xlsx"
        ]
    );
    let pdf = served.get(files[0]["url"].as_str().unwrap());
    assert_eq!(pdf.status, 200);
    assert_eq!(pdf.header("content-type"), Some("application/pdf"));
    assert!(
        pdf.header("content-disposition")
            .unwrap()
            .contains("UTF-8''%E5%85%B0")
    );
    assert!(
        pdf.body == compiled_pdf(&common::sample()),
        "the page's PDF differs from the command line's"
    );

    // The summary workbook reads back.
    let summary = served.get(files[1]["url"].as_str().unwrap());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("汇总.xlsx");
    std::fs::write(&path, &summary.body).unwrap();
    use calamine::Reader;
    let mut workbook = calamine::open_workbook_auto(&path).unwrap();
    assert!(workbook.sheet_names().len() > 1);
    assert!(workbook.worksheet_range_at(0).unwrap().is_ok());

    // Every page has a preview, an A4 image; scale sets its size.
    let pages = report["pages"].as_array().unwrap();
    assert_eq!(pages.len(), page_count(&pdf.body));
    let png = served.get(&format!("{}&scale=1", pages[0].as_str().unwrap()));
    assert_eq!(png.status, 200);
    assert_eq!(&png.body[..8], b"\x89PNG\r\n\x1a\n");
    let (width, height) = png_size(&png.body);
    assert_eq!((width, height), (595, 842));
    let big = served.get(&format!("{}&scale=2", pages[0].as_str().unwrap()));
    assert_eq!(png_size(&big.body), (1191, 1684));
    assert_eq!(
        served
            .get(
                &pages[0]
                    .as_str()
                    .unwrap()
                    .replace("/pages/1.png", "/pages/999.png")
            )
            .status,
        404
    );
}

/// How many pages a PDF's bytes hold, by pdfinfo.
fn page_count(bytes: &[u8]) -> usize {
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), bytes).unwrap();
    common::pdf_page_count(file.path())
}

/// A PNG's width and height, from its header.
fn png_size(png: &[u8]) -> (u32, u32) {
    let word = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().unwrap());
    (word(16), word(20))
}

#[test]
fn a_planted_error_is_shown_at_its_cell_and_the_batch_by_region() {
    let served = Served::new();
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("区县成绩单.xlsx");
    write_regions(&workbook, Some(11));
    let id = served.upload("区县成绩单.xlsx", &std::fs::read(&workbook).unwrap());
    served.wait_for(id, 1);
    let reply = served.post(
        &format!("/api/projects/{id}/options"),
        r#"{"per":"地区"}"#.as_bytes(),
    );
    assert_eq!(reply.status, 200);
    let project = served.wait_for(id, 2);
    let reports = project["reports"].as_array().unwrap();
    assert_eq!(reports.len(), 30, "{project}");
    let failed: Vec<&Value> = reports.iter().filter(|r| r["succeeded"] == false).collect();
    assert_eq!(failed.len(), 1);
    let bad = failed[0];
    assert_eq!(bad["region"], common::region_name(11).as_str());
    // Row 1 is the header, row 2 the shared indicator, then three rows a
    // region: the bad figure is in column E of row 2 + 3 × 11 + 1.
    let problem = bad["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["level"] == "error")
        .unwrap();
    assert_eq!(problem["cell"]["sheet"], "指标");
    assert_eq!(problem["cell"]["a1"], "E36");
    assert_eq!(problem["message"], "“数值”应为数字，实际为“待定”");
    assert_eq!(
        problem["headline"],
        "错误: 指标!E36：“数值”应为数字，实际为“待定”"
    );
    // The grid around it: columns C to G, rows 34 to 38, the cell marked.
    let grid = &problem["grid"];
    assert_eq!(
        grid["columns"],
        serde_json::json!(["C", "D", "E", "F", "G"])
    );
    let rows = grid["rows"].as_array().unwrap();
    let numbers: Vec<u64> = rows.iter().map(|r| r[0].as_u64().unwrap()).collect();
    assert_eq!(numbers, [34, 35, 36, 37, 38]);
    assert_eq!(grid["mark"], serde_json::json!([2, 2]));
    assert_eq!(rows[2][1][2], "待定");
    assert_eq!(rows[2][1][1], "地区生产总值");
    // The others compiled, each with its files; the overview and the zip.
    assert!(
        reports
            .iter()
            .filter(|r| r["succeeded"] == true)
            .all(|r| r["files"].as_array().unwrap().len() == 2)
    );
    let overview: Vec<(&str, &str)> = project["overview"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["name"].as_str().unwrap(), f["kind"].as_str().unwrap()))
        .collect();
    assert_eq!(
        overview,
        [
            ("区县成绩单-总览.xlsx", "总览工作簿"),
            ("区县成绩单-总览.pdf", "总览PDF")
        ]
    );
    let pdf = served.get(project["overview"][1]["url"].as_str().unwrap());
    assert_eq!(pdf.status, 200);
    assert!(pdf.body.starts_with(b"%PDF-"));
    let zip = served.get(project["zip"].as_str().unwrap());
    assert_eq!(zip.status, 200);
    let archive = zip::ZipArchive::new(std::io::Cursor::new(zip.body)).unwrap();
    assert_eq!(archive.len(), 29 * 2 + 2);
    for name in ["区县成绩单-总览.xlsx", "区县成绩单-总览.pdf"] {
        assert!(archive.file_names().any(|n| n.is_ok_and(|n| n == name)));
    }
}

fn write_regions(path: &Path, bad: Option<usize>) {
    common::write_regions_workbook(path, 30, bad);
}

#[test]
fn other_hosts_and_other_sites_are_refused() {
    let served = Served::new();
    let port = served.address().port();
    let ok = raw(
        served.address(),
        "GET",
        "/api/state",
        &[("Host", &format!("localhost:{port}"))],
        b"",
    );
    assert_eq!(ok.status, 200);
    // DNS rebinding: a name that resolves here, but is not ours.
    for host in [
        "evil.example",
        &format!("evil.example:{port}"),
        "127.0.0.1:1",
    ] {
        let reply = raw(
            served.address(),
            "GET",
            "/api/state",
            &[("Host", host)],
            b"",
        );
        assert_eq!(reply.status, 403, "{host}");
        assert!(
            reply.json()["error"]
                .as_str()
                .unwrap()
                .contains("只接受本机地址")
        );
    }
    let none = raw(served.address(), "GET", "/", &[], b"");
    assert_eq!(none.status, 403);
    // Another site's page, posting an upload.
    for origin in [
        "http://evil.example",
        "null",
        &format!("http://127.0.0.1:{}", port + 1),
    ] {
        let reply = served.send(
            "POST",
            "/api/upload?name=a.xlsx",
            &[("Origin", origin)],
            b"x",
        );
        assert_eq!(reply.status, 403, "{origin}");
        assert_eq!(reply.json()["error"], "拒绝来自其他网页的请求");
    }
    let ours = served.send(
        "GET",
        "/api/state",
        &[("Origin", &format!("http://127.0.0.1:{port}"))],
        b"",
    );
    assert_eq!(ours.status, 200);
    // Listening on 127.0.0.1 alone.
    assert_eq!(served.address().ip(), std::net::Ipv4Addr::LOCALHOST);
}

#[test]
fn nothing_outside_the_served_folder_is_read() {
    let served = Served::new();
    let outside = served.folder.path().join("secret.xlsx");
    std::fs::copy(common::sample(), &outside).unwrap();
    std::fs::copy(common::sample(), served.served().join("简报.xlsx")).unwrap();
    std::fs::create_dir(served.served().join("示例")).unwrap();
    std::fs::copy(common::sample(), served.served().join("示例/样例.xlsx")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&outside, served.served().join("link.xlsx")).unwrap();

    let listed = served.get("/api/state").json()["workbooks"].clone();
    assert_eq!(listed, serde_json::json!(["示例/样例.xlsx", "简报.xlsx"]));
    let secret = outside.display().to_string();
    for name in [
        "../secret.xlsx".to_string(),
        "%2e%2e%2fsecret.xlsx".to_string(),
        "..%2Fsecret.xlsx".to_string(),
        encode(&secret),
        "link.xlsx".to_string(),
        encode("示例/../../secret.xlsx"),
    ] {
        let reply = served.post(&format!("/api/open?name={name}"), b"");
        assert_eq!(reply.status, 404, "{name}");
        assert!(
            reply.json()["error"]
                .as_str()
                .unwrap()
                .contains("没有工作簿")
        );
    }
    for target in [
        "/../../secret.xlsx",
        "/%2e%2e/%2e%2e/secret.xlsx",
        "/api/projects/1/files/..%2F..%2Fsecret.xlsx",
        "/etc/passwd",
    ] {
        assert_eq!(served.get(target).status, 404, "{target}");
    }
    // An upload's name is never a path: only its last part is kept.
    let id = served.upload("../../逃出去.xlsx", &sample_bytes());
    let project = served.wait_for(id, 1);
    assert_eq!(project["name"], "逃出去.xlsx");
    assert!(!served.folder.path().join("逃出去.xlsx").exists());
    assert!(served.server.uploads().join("逃出去.xlsx").exists());
    assert_eq!(project["reports"][0]["succeeded"], true);
    // A workbook of the folder opens by its listed name.
    let reply = served.post(&format!("/api/open?name={}", encode("示例/样例.xlsx")), b"");
    assert_eq!(reply.status, 200);
}

#[test]
fn an_upload_over_the_limit_is_refused_with_a_message() {
    let served = Served::with(|o| o.max_upload = 1 << 20);
    let reply = served.post("/api/upload?name=big.xlsx", &vec![0u8; 2 << 20]);
    assert_eq!(reply.status, 413);
    assert_eq!(
        reply.json()["error"],
        "文件太大：最大只能上传 1 MB 的工作簿"
    );
    let reply = served.post("/api/upload?name=notes.txt", b"hello");
    assert_eq!(reply.status, 415);
    // A file that is not a workbook at all is a problem on the page.
    let id = served.upload("坏文件.xlsx", b"not a workbook");
    let project = served.wait_for(id, 1);
    assert!(
        project["failure"].as_str().unwrap().contains("坏文件.xlsx"),
        "{project}"
    );
}

#[test]
fn thirty_uploads_at_once_all_compile() {
    let served = Arc::new(Served::new());
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("w.xlsx");
    common::write_regions_workbook(&workbook, 1, None);
    let bytes = Arc::new(std::fs::read(&workbook).unwrap());
    let uploads: Vec<_> = (0..30)
        .map(|i| {
            let (served, bytes) = (served.clone(), bytes.clone());
            std::thread::spawn(move || served.upload(&format!("第{i}份.xlsx"), &bytes))
        })
        .collect();
    let ids: Vec<u64> = uploads.into_iter().map(|u| u.join().unwrap()).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), 30);
    for id in ids {
        let project = served.wait_for(id, 1);
        assert_eq!(project["failure"], Value::Null, "{project}");
        assert_eq!(project["reports"].as_array().unwrap().len(), 1);
    }
}

/// Reads server-sent events until one names project `id` at `version`.
fn wait_for_event(events: &mut BufReader<TcpStream>, id: u64, version: u64) {
    let mut line = String::new();
    loop {
        line.clear();
        assert!(
            events.read_line(&mut line).unwrap() > 0,
            "the event stream ended"
        );
        if let Some(data) = line.strip_prefix("data: ") {
            let change: Value = serde_json::from_str(data.trim()).unwrap();
            if change["id"] == id && change["version"].as_u64().unwrap() >= version {
                return;
            }
        }
    }
}

#[test]
fn a_followed_workbook_updates_after_a_save_and_a_broken_save_keeps_the_pages() {
    let served = Served::with(dated);
    let workbook = served.served().join("简报.xlsx");
    std::fs::copy(common::sample(), &workbook).unwrap();
    let mut stream = TcpStream::connect(served.address()).unwrap();
    let port = served.address().port();
    write!(
        stream,
        "GET /api/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"
    )
    .unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let mut events = BufReader::new(stream);
    let mut status = String::new();
    events.read_line(&mut status).unwrap();
    assert!(status.starts_with("HTTP/1.1 200"), "{status}");

    let reply = served.post(&format!("/api/open?name={}", encode("简报.xlsx")), b"");
    let id = reply.json()["id"].as_u64().unwrap();
    let first = served.wait_for(id, 1);
    assert_eq!(first["live"], true);
    let pages = first["reports"][0]["pages"].as_array().unwrap().len();

    // Saved by rename, as Excel and WPS save: the workbook that `briefing
    // new` makes, its template and its data file put in the folder first.
    let made = tempfile::tempdir().unwrap();
    let project = briefing::project::new_project(made.path()).unwrap();
    briefing::output::write_set(&project).unwrap();
    let mut new_workbook = None;
    for file in &project {
        if file.path == made.path().join(briefing::project::WORKBOOK) {
            new_workbook = Some(file.path.clone());
            continue;
        }
        let target = served
            .served()
            .join(file.path.strip_prefix(made.path()).unwrap());
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(&file.path, target).unwrap();
    }
    std::fs::rename(new_workbook.unwrap(), &workbook).unwrap();
    wait_for_event(&mut events, id, 2);
    let second = served.wait_for(id, 2);
    assert_eq!(second["reports"][0]["succeeded"], true, "{second}");
    let title = second["reports"][0]["name"].clone();
    assert_eq!(title, "简报-2024年6月");
    assert_eq!(second["data"]["file"], "统计月报2024年6月.xlsx");
    assert_eq!(second["data"]["period"], "2024年6月");
    let new_pages = second["reports"][0]["pages"].as_array().unwrap().len();
    let pdf = served.get(second["reports"][0]["files"][0]["url"].as_str().unwrap());
    assert_eq!(new_pages, page_count(&pdf.body));
    assert!(
        pdf.body
            != served
                .get(first["reports"][0]["files"][0]["url"].as_str().unwrap())
                .body
            || pages != new_pages
    );

    // A broken save: the error is shown, the last good pages stay.
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("坏.xlsx");
    std::fs::write(&broken, b"PK\x03\x04 half a workbook").unwrap();
    std::fs::rename(&broken, &workbook).unwrap();
    wait_for_event(&mut events, id, 3);
    let third = served.wait_for(id, 3);
    assert!(third["failure"].as_str().is_some(), "{third}");
    assert_eq!(third["reports"][0]["pages"], second["reports"][0]["pages"]);
    let kept = served.get(third["reports"][0]["files"][0]["url"].as_str().unwrap());
    assert!(kept.body == pdf.body);
}

/// Rewrites tests/fixtures/regions-planted-error.xlsx, the batch the
/// browser test drops on the page; see tests/fixtures/README.md.
#[test]
#[ignore = "writes the fixture; run by hand with --ignored"]
fn write_browser_fixture() {
    write_regions(
        &common::root().join("tests/fixtures/regions-planted-error.xlsx"),
        Some(11),
    );
}

#[test]
fn a_folder_that_is_not_there_is_said_in_chinese_alone() {
    let output = common::briefing(["serve", "/no/such/folder", "--no-open"]);
    let (_, stderr) = common::text(&output);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr.trim_end(),
        "无法打开要服务的文件夹 /no/such/folder：文件或文件夹不存在（系统错误 2）"
    );
}

#[test]
fn a_monthly_briefing_shows_its_data_file_and_offers_the_earlier_periods_pdfs() {
    let served = Served::with(dated);
    let folder = served.served();
    briefing::output::write_set(&briefing::project::new_project(&folder).unwrap()).unwrap();
    common::write_county_month(
        &folder.join("统计月报2024年5月.xlsx"),
        "2024年1-5月××县主要经济指标",
        ["5月", "1-5月"],
        &[
            ("规模以上工业增加值", "%", ["—", "6.0", "—", "7.3"]),
            ("  其中：制造业", "%", ["—", "7.1", "—", "8.1"]),
            ("固定资产投资", "%", ["—", "—", "—", "4.2"]),
            ("  其中：民间投资", "%", ["—", "—", "—", "-2.5"]),
            (
                "社会消费品零售总额",
                "万元",
                ["50100", "4.4", "248900", "4.5"],
            ),
            ("一般公共预算收入", "万元", ["9010", "7.7", "52580", "6.9"]),
        ],
    );
    let reply = served.post(&format!("/api/open?name={}", encode("简析.xlsx")), b"");
    let id = reply.json()["id"].as_u64().unwrap();
    let project = served.wait_for(id, 1);
    assert_eq!(project["reports"][0]["succeeded"], true, "{project}");
    assert_eq!(project["data"]["file"], "统计月报2024年6月.xlsx");
    assert_eq!(project["data"]["period"], "2024年6月");
    let earlier = project["data"]["earlier"].as_array().unwrap();
    assert_eq!(earlier.len(), 1, "{project}");
    assert_eq!(earlier[0]["period"], "2024年5月");
    assert_eq!(earlier[0]["file"], "统计月报2024年5月.xlsx");

    // May's PDF, made from May's file when asked for.
    let may = served.get(earlier[0]["url"].as_str().unwrap());
    assert_eq!(may.status, 200, "{}", String::from_utf8_lossy(&may.body));
    let disposition = may.header("content-disposition").unwrap_or_default();
    assert!(
        disposition.contains(&encode("简析-2024年5月.pdf")),
        "{disposition}"
    );
    let pdf = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(pdf.path(), &may.body).unwrap();
    let text = common::squeeze(&common::pdf_body_text(pdf.path()));
    assert!(
        text.contains(
            "1—5月份，全县规模以上工业增加值同比增长7.3%，其中制造业增加值同比增长8.1%。"
        ),
        "{text}"
    );
    let missing = served.get(&format!(
        "/api/projects/{id}/periods/{}.pdf",
        encode("2024年4月")
    ));
    assert_eq!(missing.status, 422);
    assert!(
        String::from_utf8_lossy(&missing.body).contains("没有2024年4月的数据文件"),
        "{}",
        String::from_utf8_lossy(&missing.body)
    );
}

#[test]
fn a_data_pattern_never_reads_outside_the_served_folder() {
    let served = Served::new();
    let folder = served.served();
    // A bureau's file beside the served folder and one further away: both
    // would do, were they read.
    let month = |path: &Path| {
        common::write_county_month(
            path,
            "2024年1-6月××县主要经济指标",
            ["6月", "1-6月"],
            &[("规模以上工业增加值", "%", ["—", "6.8", "—", "7.2"])],
        )
    };
    month(&folder.parent().unwrap().join("统计月报.xlsx"));
    let away = tempfile::tempdir().unwrap();
    let absolute = away.path().join("统计月报.xlsx");
    month(&absolute);
    for (name, data) in [
        ("上级.xlsx", "../*.xlsx".to_string()),
        ("别处.xlsx", absolute.display().to_string()),
    ] {
        common::write_workbook(
            &folder.join(name),
            &[
                (
                    "报告",
                    vec![
                        vec![T("项目"), T("内容")],
                        vec![T("标题"), T("简析")],
                        vec![T("数据"), S(data.clone())],
                    ],
                ),
                (
                    "正文",
                    vec![
                        vec![T("段落")],
                        vec![T("规模以上工业增加值同比{规模以上工业增加值:同比}。")],
                    ],
                ),
            ],
        );
        let reply = served.post(&format!("/api/open?name={}", encode(name)), b"");
        let id = reply.json()["id"].as_u64().unwrap();
        let project = served.wait_for(id, 1);
        assert_eq!(project["data"], Value::Null, "{project}");
        let problems = project["reports"][0]["problems"].as_array().unwrap();
        let refused = problems
            .iter()
            .find(|p| {
                p["message"]
                    .as_str()
                    .unwrap()
                    .contains("不在本机页面服务的文件夹里")
            })
            .unwrap_or_else(|| panic!("{data}: {project}"));
        assert_eq!(refused["level"], "error");
        assert!(
            refused["message"]
                .as_str()
                .unwrap()
                .contains(&format!("“{data}”")),
            "{refused}"
        );
        assert_eq!(refused["cell"]["a1"], "B3", "{refused}");
    }
}

#[test]
fn a_problem_in_the_data_file_is_shown_at_its_cell_in_that_file() {
    let served = Served::with(dated);
    let folder = served.served();
    briefing::output::write_set(&briefing::project::new_project(&folder).unwrap()).unwrap();
    common::write_county_month(
        &folder.join("统计月报2024年6月.xlsx"),
        "2024年1-6月××县主要经济指标",
        ["6月", "1-6月"],
        &[
            ("规模以上工业增加值", "%", ["—", "6.8", "—", "7.2"]),
            ("  其中：制造业", "%", ["—", "7.5", "—", "8.0"]),
            ("固定资产投资", "%", ["—", "—", "—", "4.5"]),
            ("  其中：民间投资", "%", ["—", "—", "—", "-2.1"]),
            (
                "社会消费品零售总额",
                "万元",
                ["52300", "5.1", "301200", "待定"],
            ),
            ("一般公共预算收入", "万元", ["8650", "3.2", "61230", "6.4"]),
        ],
    );
    let reply = served.post(&format!("/api/open?name={}", encode("简析.xlsx")), b"");
    let id = reply.json()["id"].as_u64().unwrap();
    let project = served.wait_for(id, 1);
    let problems = project["reports"][0]["problems"].as_array().unwrap();
    let problem = problems
        .iter()
        .find(|p| p["message"] == "应为数字，实际为“待定”")
        .unwrap_or_else(|| panic!("{project}"));
    assert_eq!(problem["cell"]["file"], "统计月报2024年6月.xlsx");
    assert_eq!(problem["cell"]["sheet"], "主要指标");
    assert_eq!(problem["cell"]["a1"], "F8");
    assert_eq!(
        problem["headline"],
        "错误: [统计月报2024年6月.xlsx]主要指标!F8：应为数字，实际为“待定”"
    );
    // The grid is of the data file's sheet.
    let grid = &problem["grid"];
    let (row, col) = (
        grid["mark"][0].as_u64().unwrap(),
        grid["mark"][1].as_u64().unwrap(),
    );
    assert_eq!(
        grid["rows"][row as usize][1][col as usize], "待定",
        "{grid}"
    );
}

#[test]
fn one_bad_cell_is_one_error_on_the_page() {
    let served = Served::new();
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("样例.xlsx");
    common::planted_sample(&workbook);
    let id = served.upload("样例.xlsx", &std::fs::read(&workbook).unwrap());
    let project = served.wait_for(id, 1);
    let reports = project["reports"].as_array().unwrap();
    assert_eq!(reports.len(), 1, "{project}");
    let errors: Vec<&Value> = reports[0]["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["level"] == "error")
        .collect();
    assert_eq!(errors.len(), 1, "{project}");
    assert_eq!(errors[0]["cell"]["a1"], "D2");
    assert_eq!(
        errors[0]["headline"],
        "错误: 指标!D2：“数值”应为数字，实际为“待定”"
    );
    let hint = errors[0]["hint"].as_str().unwrap();
    assert!(
        hint.ends_with("另有 2 处占位符引用了这一行，改正后一并恢复"),
        "{hint}"
    );
}
