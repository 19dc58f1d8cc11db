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
//! | `GET /api/projects/1/periods/2023年10月.pdf` | an earlier period's PDF, made from its data file |

use std::collections::HashMap;
use std::convert::Infallible;
use std::io::{Cursor, Write};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Path as Segment, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use futures_util::Stream;

use super::projects::Projects;
use super::state::{Choice, Project};
use crate::output::{ArtifactKind, safe_file_name};
use crate::typeset::{self, BUILTIN_TEMPLATES};

/// The page, embedded in the program.
const PAGE: &str = include_str!("page.html");
/// How often an open event stream hears that the server is still there.
const KEEP_ALIVE: Duration = Duration::from_secs(15);
/// The largest options body taken.
const MAX_OPTIONS: usize = 64 << 10;
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
    pub max_upload: usize,
}

type Shared = State<Arc<Context>>;
type Query_ = Query<HashMap<String, String>>;

/// A request refused, with the status and a Chinese message for the page.
struct Refusal {
    status: StatusCode,
    message: String,
}

fn refuse(status: u16, message: impl Into<String>) -> Refusal {
    Refusal {
        status: StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST),
        message: message.into(),
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.message });
        (self.status, axum::Json(body)).into_response()
    }
}

/// Every address, behind the checks of [`guard`].
pub(super) fn router(context: Arc<Context>) -> Router {
    Router::new()
        .route("/", get(page))
        .route("/favicon.ico", get(|| async { StatusCode::NO_CONTENT }))
        .route("/fonts/{name}", get(font))
        .route("/api/state", get(state))
        .route("/api/events", get(events))
        .route("/api/upload", post(upload))
        .route("/api/open", post(open))
        .route("/api/projects/{id}", get(project_view))
        .route("/api/projects/{id}/options", post(choose))
        .route("/api/projects/{id}/reports/{k}/pages/{n}", get(preview))
        .route("/api/projects/{id}/files/{name}", get(download))
        .route("/api/projects/{id}/zip", get(zip))
        .route("/api/projects/{id}/periods/{name}", get(earlier_pdf))
        .fallback(|| async { refuse(404, "没有这个地址") })
        .layer(middleware::from_fn_with_state(context.clone(), guard))
        .with_state(context)
}

/// Refuses a request that names another host (a DNS rebinding) or comes
/// from another site's page; marks every answer `nosniff`.
async fn guard(State(context): Shared, request: Request, next: Next) -> Response {
    if let Err(refusal) = allowed(context.port, request.headers()) {
        return refusal.into_response();
    }
    let mut response = next.run(request).await;
    response.headers_mut().insert(
        "X-Content-Type-Options",
        HeaderValue::from_static("nosniff"),
    );
    response
}

fn allowed(port: u16, headers: &HeaderMap) -> Result<(), Refusal> {
    let ours = [format!("127.0.0.1:{port}"), format!("localhost:{port}")];
    let value = |name| headers.get(name).and_then(|v| v.to_str().ok());
    let host = value(header::HOST).unwrap_or_default();
    if !ours.iter().any(|o| o.eq_ignore_ascii_case(host)) {
        return Err(refuse(
            403,
            format!("只接受本机地址 http://127.0.0.1:{port}/ 的访问"),
        ));
    }
    if let Some(origin) = value(header::ORIGIN)
        && !ours
            .iter()
            .any(|o| origin.eq_ignore_ascii_case(&format!("http://{o}")))
    {
        return Err(refuse(403, "拒绝来自其他网页的请求"));
    }
    Ok(())
}

/// The page.
async fn page() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'self'; img-src 'self' blob: data:; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
            ),
            (header::X_FRAME_OPTIONS, "DENY"),
            (header::REFERRER_POLICY, "no-referrer"),
        ],
        PAGE,
    )
        .into_response()
}

/// An embedded font the page may use.
async fn font(Segment(name): Segment<String>) -> Result<Response, Refusal> {
    let bytes = PAGE_FONTS
        .contains(&name.as_str())
        .then(|| typeset::fonts::embedded_file(&name))
        .flatten()
        .ok_or_else(|| refuse(404, "没有这个字体"))?;
    Ok((
        [
            (header::CONTENT_TYPE, "font/otf"),
            (header::CACHE_CONTROL, "max-age=86400"),
        ],
        bytes,
    )
        .into_response())
}

/// The served folder's workbooks, the templates, every project.
async fn state(State(context): Shared) -> Response {
    let projects = &context.projects;
    let templates: Vec<_> = BUILTIN_TEMPLATES
        .iter()
        .map(|t| serde_json::json!({ "name": t.name, "description": t.description }))
        .collect();
    let all: Vec<_> = projects.all().iter().map(|p| projects.view(p)).collect();
    json(&serde_json::json!({
        // Without the `\\?\` that canonical paths have on Windows.
        "folder": projects.folder.display().to_string().trim_start_matches(r"\\?\"),
        "workbooks": folder_workbooks(projects),
        "templates": templates,
        "projects": all,
    }))
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

/// Tells the page of every change, as server-sent events, until it goes.
async fn events(State(context): Shared) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let changes = context.projects.listen();
    let stream = futures_util::stream::unfold(changes, |mut changes| async move {
        use tokio::sync::broadcast::error::RecvError;
        loop {
            match changes.recv().await {
                Ok(change) => return Some((Ok(Event::default().data(change)), changes)),
                // A page that fell behind hears of the changes after.
                Err(RecvError::Lagged(_)) => continue,
                Err(RecvError::Closed) => return None,
            }
        }
    });
    Sse::new(stream).keep_alive(KeepAlive::new().interval(KEEP_ALIVE))
}

/// Takes a dropped workbook into the uploads and compiles it.
async fn upload(
    State(context): Shared,
    Query(query): Query_,
    request: Request,
) -> Result<Response, Refusal> {
    let name = query
        .get("name")
        .ok_or_else(|| refuse(400, "上传时没有给出文件名"))?;
    // Only the last part of the name, made safe: never a path.
    let name = Path::new(name)
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
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return Err(too_big());
    }
    let bytes = axum::body::to_bytes(request.into_body(), limit)
        .await
        .map_err(|_| too_big())?;
    let path = context.projects.uploads.join(&name);
    crate::output::write_atomic(&path, &bytes).map_err(|error| refuse(500, error.to_string()))?;
    let project = context.projects.open(path, false);
    Ok(json(&context.projects.view(&project)))
}

/// Opens a workbook of the served folder, by its listed name.
async fn open(State(context): Shared, Query(query): Query_) -> Result<Response, Refusal> {
    let projects = &context.projects;
    let name = query.get("name").cloned().unwrap_or_default();
    if !folder_workbooks(projects).contains(&name) {
        return Err(refuse(404, format!("服务的文件夹里没有工作簿“{name}”")));
    }
    // Joined part by part: Windows' canonical (`\\?\`) paths take no `/`.
    let path = name
        .split('/')
        .fold(projects.folder.clone(), |p, part| p.join(part));
    let project = projects.open(path, true);
    Ok(json(&projects.view(&project)))
}

/// The project numbered `id`.
fn project(context: &Context, id: &str) -> Result<Arc<Project>, Refusal> {
    id.parse()
        .ok()
        .and_then(|id| context.projects.get(id))
        .ok_or_else(|| refuse(404, "没有这个工作簿；请刷新页面"))
}

async fn project_view(
    State(context): Shared,
    Segment(id): Segment<String>,
) -> Result<Response, Refusal> {
    let project = project(&context, &id)?;
    Ok(json(&context.projects.view(&project)))
}

/// Sets a project's options and compiles it again.
async fn choose(
    State(context): Shared,
    Segment(id): Segment<String>,
    body: Body,
) -> Result<Response, Refusal> {
    let project = project(&context, &id)?;
    let wrong = || refuse(400, "选项的格式不对");
    let bytes: Bytes = axum::body::to_bytes(body, MAX_OPTIONS)
        .await
        .map_err(|_| wrong())?;
    let choice: Choice = serde_json::from_slice(&bytes).map_err(|_| wrong())?;
    context.projects.choose(&project, choice);
    Ok(json(&context.projects.view(&project)))
}

/// A page of a report as an image.
async fn preview(
    State(context): Shared,
    Segment((id, k, n)): Segment<(String, String, String)>,
    Query(query): Query_,
) -> Result<Response, Refusal> {
    let project = project(&context, &id)?;
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
    if n == 0 || n > document.pages().len() {
        return Err(missing());
    }
    let scale = query
        .get("scale")
        .and_then(|s| s.parse::<f64>().ok())
        .filter(|s| s.is_finite())
        .map_or(1.5, |s| s.clamp(0.5, 4.0));
    let png =
        tokio::task::spawn_blocking(move || typeset::png_page(&document.pages()[n - 1], scale))
            .await
            .map_err(|_| refuse(500, "生成页面预览图失败"))?
            .map_err(|e| refuse(500, e.to_string()))?;
    Ok((
        [
            (header::CONTENT_TYPE, "image/png"),
            (header::CACHE_CONTROL, "private, max-age=3600"),
        ],
        png,
    )
        .into_response())
}

/// A file of the project, by its name.
async fn download(
    State(context): Shared,
    Segment((id, name)): Segment<(String, String)>,
) -> Result<Response, Refusal> {
    let project = project(&context, &id)?;
    let file = project
        .file(&name)
        .ok_or_else(|| refuse(404, "没有这个文件；请刷新页面"))?;
    let kind = match file.kind {
        ArtifactKind::Pdf | ArtifactKind::OverviewPdf => "application/pdf",
        ArtifactKind::Docx => {
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        }
        _ => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    };
    Ok(attachment(file.bytes, &name, kind))
}

/// An earlier period's PDF, compiled from its data file when asked for.
async fn earlier_pdf(
    State(context): Shared,
    Segment((id, name)): Segment<(String, String)>,
) -> Result<Response, Refusal> {
    let project = project(&context, &id)?;
    let period = name
        .strip_suffix(".pdf")
        .ok_or_else(|| refuse(404, "没有这个文件；请刷新页面"))?
        .to_string();
    let projects = context.projects.clone();
    let pdf = tokio::task::spawn_blocking(move || projects.earlier_pdf(&project, &period))
        .await
        .map_err(|_| refuse(500, "生成往期 PDF 时出现内部错误"))?
        .map_err(|why| refuse(422, why))?;
    let name = pdf
        .path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    Ok(attachment(pdf.bytes, &name, "application/pdf"))
}

/// Every file of the project in one zip, named after the workbook.
async fn zip(State(context): Shared, Segment(id): Segment<String>) -> Result<Response, Refusal> {
    let project = project(&context, &id)?;
    let files = project.files();
    if files.is_empty() {
        return Err(refuse(404, "还没有生成任何文件"));
    }
    let stem = crate::pipeline::file_stem(&project.path).into_owned();
    let bytes = tokio::task::spawn_blocking(move || zipped(&files))
        .await
        .ok()
        .flatten()
        .ok_or_else(|| refuse(500, "打包失败"))?;
    Ok(attachment(bytes, &format!("{stem}.zip"), "application/zip"))
}

/// The files as one zip, stored (PDFs and workbooks are compressed already).
fn zipped(files: &[crate::output::Artifact]) -> Option<Vec<u8>> {
    use zip::write::{SimpleFileOptions, ZipWriter};
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for file in files {
        let name = file.path.file_name()?.to_string_lossy();
        zip.start_file(name, options).ok()?;
        zip.write_all(&file.bytes).ok()?;
    }
    Some(zip.finish().ok()?.into_inner())
}

/// A download, named in UTF-8 (RFC 6266).
fn attachment(bytes: Vec<u8>, name: &str, kind: &'static str) -> Response {
    let encoded = percent_encoding::utf8_percent_encode(name, percent_encoding::NON_ALPHANUMERIC);
    let disposition = format!("attachment; filename*=UTF-8''{encoded}");
    let mut response = ([(header::CONTENT_TYPE, kind)], bytes).into_response();
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// A JSON response, never cached.
fn json(value: &impl serde::Serialize) -> Response {
    ([(header::CACHE_CONTROL, "no-store")], axum::Json(value)).into_response()
}
