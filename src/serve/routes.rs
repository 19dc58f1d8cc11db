//! What each address of the server does, and the checks every request
//! passes first.
//!
//! | address | does |
//! |---|---|
//! | `GET /` | the page |
//! | `GET /fonts/NotoSansCJKsc-Regular.otf` | an embedded font, for machines without Chinese fonts |
//! | `GET /api/state` | the served folder's workbooks, the templates, every project |
//! | `GET /api/events` | server-sent events: `{"id":1,"version":3}` when a project changes |
//! | `POST /api/upload?name=简报.xlsx` | the body is a workbook: compiled as a project |
//! | `POST /api/open?name=简报.xlsx` | a workbook of the served folder, followed for saves |
//! | `GET /api/projects/1` | a project: reports, problems, pages, files |
//! | `POST /api/projects/1/options` | the body is a [`Choice`] (JSON): compiled again |
//! | `GET /api/projects/1/reports/0/pages/1.png?scale=1.5` | a page's image |
//! | `GET /api/projects/1/files/简报.pdf` | a file, by the name the command line gives it |
//! | `GET /api/projects/1/zip` | every file of the project in one zip |

use std::io::{Cursor, Read, Write};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response};

use super::projects::{Choice, Project, Projects};
use crate::output::{ArtifactKind, safe_file_name};
use crate::typeset::{self, BUILTIN_TEMPLATES};

/// The page, embedded in the program.
const PAGE: &str = include_str!("page.html");
/// How often an open event stream hears that the server is still there.
const KEEP_ALIVE: Duration = Duration::from_secs(15);
/// The largest options body taken.
const MAX_OPTIONS: u64 = 64 << 10;
/// The embedded fonts the page may use, where the machine has no Chinese
/// font of its own (see the page's CSS).
const PAGE_FONTS: [&str; 2] = ["NotoSansCJKsc-Regular.otf", "NotoSansCJKsc-Bold.otf"];
/// The extensions of workbooks.
const WORKBOOKS: [&str; 5] = ["xlsx", "xlsm", "xls", "xlsb", "ods"];

/// What every request is answered with.
pub(super) struct Context {
    /// The projects.
    pub projects: Arc<Projects>,
    /// The port listened on, for checking `Host` and `Origin`.
    pub port: u16,
    /// The largest upload taken, in bytes.
    pub max_upload: u64,
}

/// A response with its body in memory.
type Reply = Response<Cursor<Vec<u8>>>;

/// A request refused, with the status and a Chinese message for the page.
struct Refusal {
    status: u16,
    message: String,
}

fn refuse(status: u16, message: impl Into<String>) -> Refusal {
    Refusal {
        status,
        message: message.into(),
    }
}

/// Answers one request; never panics on what the request holds.
pub(super) fn answer(context: &Context, mut request: Request) {
    let reply = match allowed(context.port, &request) {
        Err(refusal) => Err(refusal),
        Ok(()) => {
            let url = request.url().to_string();
            let (path, query) = url.split_once('?').unwrap_or((&url, ""));
            match segments(path) {
                Some(segments) if is_events(&request, &segments) => {
                    return events(context, request);
                }
                Some(segments) => route(context, &mut request, &segments, query),
                None => Err(refuse(400, "地址里有无法识别的字符")),
            }
        }
    };
    let reply = reply.unwrap_or_else(|refusal| {
        json(&serde_json::json!({ "error": refusal.message })).with_status_code(refusal.status)
    });
    let reply = reply.with_header(header("X-Content-Type-Options", "nosniff"));
    // The browser may have gone away: nothing to do then.
    let _ = request.respond(reply);
}

fn is_events(request: &Request, segments: &[String]) -> bool {
    *request.method() == Method::Get && segments == ["api", "events"]
}

/// Refuses a request that names another host (a DNS rebinding) or comes
/// from another site's page.
fn allowed(port: u16, request: &Request) -> Result<(), Refusal> {
    let ours = [format!("127.0.0.1:{port}"), format!("localhost:{port}")];
    let host = value_of(request, "Host").unwrap_or_default();
    if !ours.iter().any(|o| o.eq_ignore_ascii_case(host)) {
        return Err(refuse(
            403,
            format!("只接受本机地址 http://127.0.0.1:{port}/ 的访问"),
        ));
    }
    if let Some(origin) = value_of(request, "Origin")
        && !ours
            .iter()
            .any(|o| origin.eq_ignore_ascii_case(&format!("http://{o}")))
    {
        return Err(refuse(403, "拒绝来自其他网页的请求"));
    }
    Ok(())
}

/// The decoded segments of a path: `/api/projects/1` → `api`, `projects`,
/// `1`; none when a segment is not UTF-8.
fn segments(path: &str) -> Option<Vec<String>> {
    path.split('/')
        .filter(|s| !s.is_empty())
        .map(|s| {
            percent_encoding::percent_decode_str(s)
                .decode_utf8()
                .ok()
                .map(|s| s.into_owned())
        })
        .collect()
}

/// The decoded value of `key` in a query string.
fn query_value(query: &str, key: &str) -> Option<String> {
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        let v = v.replace('+', " ");
        (k == key)
            .then(|| percent_encoding::percent_decode_str(&v).decode_utf8().ok())?
            .map(|v| v.into_owned())
    })
}

/// Finds what a request asks for.
fn route(
    context: &Context,
    request: &mut Request,
    segments: &[String],
    query: &str,
) -> Result<Reply, Refusal> {
    let projects = &context.projects;
    let parts: Vec<&str> = segments.iter().map(String::as_str).collect();
    let post = match request.method() {
        Method::Get | Method::Head => false,
        Method::Post => true,
        _ => return Err(refuse(405, "不支持这种请求")),
    };
    match (post, parts.as_slice()) {
        (false, []) => Ok(page()),
        (false, ["favicon.ico"]) => Ok(Response::from_data(Vec::new()).with_status_code(204)),
        (false, ["fonts", name]) if PAGE_FONTS.contains(name) => {
            let bytes =
                typeset::fonts::embedded_file(name).ok_or_else(|| refuse(404, "没有这个字体"))?;
            Ok(Response::from_data(bytes.to_vec())
                .with_header(header("Content-Type", "font/otf"))
                .with_header(header("Cache-Control", "max-age=86400")))
        }
        (false, ["api", "state"]) => Ok(json(&state(projects))),
        (true, ["api", "upload"]) => upload(context, request, query),
        (true, ["api", "open"]) => open(projects, query),
        (false, ["api", "projects", id]) => Ok(json(&projects.view(&*project(projects, id)?))),
        (true, ["api", "projects", id, "options"]) => {
            let project = project(projects, id)?;
            let mut body = String::new();
            let read = request
                .as_reader()
                .take(MAX_OPTIONS)
                .read_to_string(&mut body);
            let choice: Choice = read
                .ok()
                .and_then(|_| serde_json::from_str(&body).ok())
                .ok_or_else(|| refuse(400, "选项的格式不对"))?;
            projects.choose(&project, choice);
            Ok(json(&projects.view(&project)))
        }
        (false, ["api", "projects", id, "reports", k, "pages", n]) => {
            preview(&*project(projects, id)?, k, n, query)
        }
        (false, ["api", "projects", id, "files", name]) => download(&*project(projects, id)?, name),
        (false, ["api", "projects", id, "zip"]) => zip(&*project(projects, id)?),
        _ => Err(refuse(404, "没有这个地址")),
    }
}

/// The page.
fn page() -> Reply {
    Response::from_data(PAGE.as_bytes().to_vec())
        .with_header(header("Content-Type", "text/html; charset=utf-8"))
        .with_header(header(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' blob: data:; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
        ))
        .with_header(header("X-Frame-Options", "DENY"))
        .with_header(header("Referrer-Policy", "no-referrer"))
}

/// The served folder's workbooks, the templates, every project.
fn state(projects: &Projects) -> serde_json::Value {
    let templates: Vec<_> = BUILTIN_TEMPLATES
        .iter()
        .map(|t| serde_json::json!({ "name": t.name, "description": t.description }))
        .collect();
    let all: Vec<_> = projects.all().iter().map(|p| projects.view(p)).collect();
    serde_json::json!({
        // Without the `\\?\` that canonical paths have on Windows.
        "folder": projects.folder.display().to_string().trim_start_matches(r"\\?\"),
        "workbooks": folder_workbooks(projects),
        "templates": templates,
        "projects": all,
    })
}

/// The workbooks of the served folder and of its folders (not `out`), by
/// name (`示例/简报.xlsx`): files with a workbook's extension, no lock
/// files, nothing that leads out of the folder.
fn folder_workbooks(projects: &Projects) -> Vec<String> {
    let mut names = workbooks_in(projects, &projects.folder, "");
    if let Ok(entries) = std::fs::read_dir(&projects.folder) {
        for entry in entries.filter_map(|e| e.ok()) {
            let Ok(name) = entry.file_name().into_string() else {
                continue;
            };
            if entry.path().is_dir() && name != "out" && !name.starts_with('.') {
                names.extend(workbooks_in(projects, &entry.path(), &format!("{name}/")));
            }
        }
    }
    names.sort();
    names
}

/// The workbooks in one folder, each name after `prefix`.
fn workbooks_in(projects: &Projects, folder: &Path, prefix: &str) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok())
        .filter(|e| projects.in_folder(&e.path()))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| is_workbook(n) && !n.starts_with("~$") && !n.starts_with('.'))
        .map(|n| format!("{prefix}{n}"))
        .collect()
}

fn is_workbook(name: &str) -> bool {
    Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| WORKBOOKS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Takes a dropped workbook into the uploads and compiles it.
fn upload(context: &Context, request: &mut Request, query: &str) -> Result<Reply, Refusal> {
    let name = query_value(query, "name").ok_or_else(|| refuse(400, "上传时没有给出文件名"))?;
    // Only the last part of the name, made safe: never a path.
    let name = Path::new(&name)
        .file_name()
        .map(|n| safe_file_name(&n.to_string_lossy()))
        .filter(|n| is_workbook(n))
        .ok_or_else(|| refuse(415, "只能上传工作簿（.xlsx、.xlsm、.xls、.xlsb、.ods）"))?;
    let limit = context.max_upload;
    let too_big = || {
        refuse(
            413,
            format!("文件太大：最大只能上传 {} MB 的工作簿", limit >> 20),
        )
    };
    if request.body_length().is_some_and(|n| n as u64 > limit) {
        return Err(too_big());
    }
    let mut bytes = Vec::new();
    request
        .as_reader()
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|_| refuse(400, "上传没有完成，请再拖一次"))?;
    if bytes.len() as u64 > limit {
        return Err(too_big());
    }
    let path = context.projects.uploads.join(&name);
    crate::output::write_atomic(&path, &bytes).map_err(|error| refuse(500, error.to_string()))?;
    let project = context.projects.open(path, false);
    Ok(json(&context.projects.view(&project)))
}

/// Opens a workbook of the served folder, by its listed name.
fn open(projects: &Arc<Projects>, query: &str) -> Result<Reply, Refusal> {
    let name = query_value(query, "name").unwrap_or_default();
    if !folder_workbooks(projects).contains(&name) {
        return Err(refuse(404, format!("服务的文件夹里没有工作簿“{name}”")));
    }
    let project = projects.open(projects.folder.join(&name), true);
    Ok(json(&projects.view(&project)))
}

/// The project numbered `id`.
fn project(projects: &Projects, id: &str) -> Result<Arc<Project>, Refusal> {
    id.parse()
        .ok()
        .and_then(|id| projects.get(id))
        .ok_or_else(|| refuse(404, "没有这个工作簿；请刷新页面"))
}

/// A page of a report as an image.
fn preview(project: &Project, k: &str, n: &str, query: &str) -> Result<Reply, Refusal> {
    let missing = || refuse(404, "没有这一页；请刷新页面");
    let k: usize = k.parse().map_err(|_| missing())?;
    let n: usize = n
        .strip_suffix(".png")
        .and_then(|n| n.parse().ok())
        .ok_or_else(missing)?;
    let document = {
        let state = project.state();
        let kept = state
            .reports
            .get(k)
            .and_then(|r| r.kept.as_ref())
            .ok_or_else(missing)?;
        kept.document.clone()
    };
    let page = document
        .pages()
        .get(n.wrapping_sub(1))
        .ok_or_else(missing)?;
    let scale = query_value(query, "scale")
        .and_then(|s| s.parse::<f64>().ok())
        .filter(|s| s.is_finite())
        .map_or(1.5, |s| s.clamp(0.5, 4.0));
    let png = typeset::png_page(page, scale).map_err(|e| refuse(500, e.to_string()))?;
    Ok(Response::from_data(png)
        .with_header(header("Content-Type", "image/png"))
        .with_header(header("Cache-Control", "private, max-age=3600")))
}

/// A file of the project, by its name.
fn download(project: &Project, name: &str) -> Result<Reply, Refusal> {
    let file = project
        .files()
        .into_iter()
        .find(|a| a.path.file_name().is_some_and(|n| n == name))
        .ok_or_else(|| refuse(404, "没有这个文件；请刷新页面"))?;
    let kind = match file.kind {
        ArtifactKind::Pdf => "application/pdf",
        _ => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    };
    Ok(attachment(file.bytes, name, kind))
}

/// Every file of the project in one zip, named after the workbook.
fn zip(project: &Project) -> Result<Reply, Refusal> {
    use zip::write::{SimpleFileOptions, ZipWriter};
    let files = project.files();
    if files.is_empty() {
        return Err(refuse(404, "还没有生成任何文件"));
    }
    let failed = |_| refuse(500, "打包失败");
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    // PDFs and workbooks are compressed already.
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for file in &files {
        let name = file.path.file_name().unwrap_or_default().to_string_lossy();
        zip.start_file(name, options).map_err(failed)?;
        zip.write_all(&file.bytes)
            .map_err(|_| refuse(500, "打包失败"))?;
    }
    let bytes = zip.finish().map_err(failed)?.into_inner();
    let stem = crate::pipeline::file_stem(&project.path);
    Ok(attachment(bytes, &format!("{stem}.zip"), "application/zip"))
}

/// A download, named in UTF-8 (RFC 6266).
fn attachment(bytes: Vec<u8>, name: &str, kind: &str) -> Reply {
    let encoded = percent_encoding::utf8_percent_encode(name, percent_encoding::NON_ALPHANUMERIC);
    Response::from_data(bytes)
        .with_header(header("Content-Type", kind))
        .with_header(header(
            "Content-Disposition",
            &format!("attachment; filename*=UTF-8''{encoded}"),
        ))
}

/// Tells the page of every change, as server-sent events, until it goes.
fn events(context: &Context, request: Request) {
    let changes = context.projects.listen();
    let mut stream = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n\r\n: ok\n\n";
    if stream
        .write_all(head.as_bytes())
        .and_then(|_| stream.flush())
        .is_err()
    {
        return;
    }
    loop {
        let message = match changes.recv_timeout(KEEP_ALIVE) {
            Ok(change) => format!("data: {change}\n\n"),
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => ": ping\n\n".into(),
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return,
        };
        if stream
            .write_all(message.as_bytes())
            .and_then(|_| stream.flush())
            .is_err()
        {
            return;
        }
    }
}

/// A JSON response.
fn json(value: &impl serde::Serialize) -> Reply {
    let body = serde_json::to_vec(value).unwrap_or_default();
    Response::from_data(body)
        .with_header(header("Content-Type", "application/json; charset=utf-8"))
        .with_header(header("Cache-Control", "no-store"))
}

/// A header; both parts are ASCII by construction.
fn header(field: &str, value: &str) -> Header {
    Header::from_bytes(field.as_bytes(), value.as_bytes()).expect("an ASCII header")
}

/// The value of a request's header.
fn value_of<'a>(request: &'a Request, field: &'static str) -> Option<&'a str> {
    request
        .headers()
        .iter()
        .find(|h| h.field.equiv(field))
        .map(|h| h.value.as_str())
}
