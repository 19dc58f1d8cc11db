//! `briefing serve`: a page on the person's own machine where workbooks are
//! dropped, their problems shown on a picture of the sheet, their pages
//! previewed and their files downloaded; a workbook of the served folder
//! is followed, and the page shows its new pages a moment after each save.
//!
//! A [`Server`] listens on 127.0.0.1 only, and refuses requests that name
//! another host or come from another site's page (`Host` and `Origin`), so
//! neither another machine nor a web page the person has open can use it.
//! It reads nothing but the page's own files, the workbooks of the served
//! folder (by name, as listed: never a path from a request), the data
//! files their 数据 names inside the folder (never outside it) and the
//! uploads, which live in a private temporary folder removed when the
//! server is dropped; it writes nothing but the uploads. Compiles keep
//! their files in memory ([`crate::pipeline::Mode::Keep`]).
//!
//! The files: `routes` (what each address does), `projects` (the compile
//! queue, following saves), `state` (where each workbook on the page
//! stands), `problems` (a report's problems with the sheet around each),
//! `views` (what the page is sent), `page.html` (the page itself: HTML, CSS and a
//! little JavaScript, embedded, nothing from the internet).
//!
//! ```no_run
//! use briefing::serve::{ServeOptions, Server};
//!
//! let server = Server::bind(ServeOptions::new("简报".into()))?;
//! println!("{}", server.url());
//! server.run();
//! # Ok::<(), briefing::serve::ServeError>(())
//! ```

mod problems;
mod projects;
mod routes;
mod state;
mod views;

use std::net::{Ipv4Addr, SocketAddr, SocketAddrV4};
use std::path::PathBuf;
use std::sync::Arc;

pub use problems::{Grid, Problem};
use projects::Projects;
pub use state::Choice;
pub use views::{DataView, FileView, PeriodView, ProjectView, ReportView};

use crate::pipeline::Options;

/// The port tried first when none is asked for.
pub const DEFAULT_PORT: u16 = 3120;

/// How `briefing serve` serves.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The folder whose workbooks the page lists and follows.
    pub folder: PathBuf,
    /// The port: `Some` to insist on one; `None` for [`DEFAULT_PORT`], or
    /// any free one when it is taken.
    pub port: Option<u16>,
    /// The largest upload taken, in bytes.
    pub max_upload: u64,
    /// How reports are made, before the choices made on the page.
    pub compile: Options,
    /// How many reports are compiled at once.
    pub jobs: usize,
}

impl ServeOptions {
    /// Serving `folder` with the defaults: 64 MB uploads, every core.
    pub fn new(folder: PathBuf) -> ServeOptions {
        ServeOptions {
            folder,
            port: None,
            max_upload: 64 << 20,
            compile: Options::default(),
            jobs: std::thread::available_parallelism().map_or(1, usize::from),
        }
    }
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The folder to serve is not there.
    #[error("无法打开要服务的文件夹 {}：{}", .path.display(), crate::diagnostic::describe_io(.io))]
    Folder {
        /// The folder.
        path: PathBuf,
        /// What the system said (not a `source`: the message says it in
        /// Chinese, and the English would follow it).
        io: std::io::Error,
    },
    /// The private folder for uploads, or the server's threads, could not
    /// be made.
    #[error("无法启动本机页面：{}", crate::diagnostic::describe_io(.0))]
    Start(std::io::Error),
    /// The port is taken, or may not be used.
    #[error("无法在 127.0.0.1:{port} 上启动：{reason}。请用 --port 换一个端口")]
    Port {
        /// The port.
        port: u16,
        /// Why, in Chinese.
        reason: String,
    },
}

/// The local web server of `briefing serve`.
pub struct Server {
    listener: std::sync::Mutex<Option<std::net::TcpListener>>,
    address: SocketAddr,
    projects: Arc<Projects>,
    max_upload: usize,
    runtime: tokio::runtime::Runtime,
    stopped: Arc<tokio::sync::Notify>,
    /// Removed, with every upload in it, when the server is dropped.
    uploads: tempfile::TempDir,
}

impl Server {
    /// Starts listening on 127.0.0.1, nowhere else.
    ///
    /// # Errors
    ///
    /// [`ServeError`] when the folder to serve does not exist or cannot be
    /// read, or no port can be listened on.
    pub fn bind(options: ServeOptions) -> Result<Server, ServeError> {
        let folder = options
            .folder
            .canonicalize()
            .map_err(|io| ServeError::Folder {
                path: options.folder.clone(),
                io,
            })?;
        let uploads = tempfile::Builder::new()
            .prefix("briefing-serve-")
            .tempdir()
            .map_err(ServeError::Start)?;
        let listener = match options.port {
            Some(port) => listen(port)?,
            None => listen(DEFAULT_PORT).or_else(|_| listen(0))?,
        };
        let address = listener.local_addr().map_err(|e| ServeError::Port {
            port: options.port.unwrap_or(DEFAULT_PORT),
            reason: crate::diagnostic::describe_io(&e),
        })?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("briefing-serve")
            .enable_all()
            .build()
            .map_err(ServeError::Start)?;
        let mut compile = options.compile;
        compile.templates_within = Some(folder.clone());
        compile.read.data_within = Some(folder.clone());
        let projects = Projects::new(folder, uploads.path().to_path_buf(), compile, options.jobs);
        Ok(Server {
            listener: std::sync::Mutex::new(Some(listener)),
            address,
            projects,
            max_upload: options.max_upload.try_into().unwrap_or(usize::MAX),
            runtime,
            stopped: Arc::new(tokio::sync::Notify::new()),
            uploads,
        })
    }

    /// The address it listens on (always 127.0.0.1).
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The page's address: `http://127.0.0.1:3120/`.
    pub fn url(&self) -> String {
        format!("http://{}/", self.address)
    }

    /// The private folder uploads are kept in (removed with the server).
    pub fn uploads(&self) -> &std::path::Path {
        self.uploads.path()
    }

    /// Answers requests until [`Server::stop`] is called (once: a server
    /// that stopped does not start again).
    pub fn run(&self) {
        let Some(listener) = self.listener.lock().ok().and_then(|mut l| l.take()) else {
            return;
        };
        let context = Arc::new(routes::Context {
            projects: self.projects.clone(),
            port: self.address.port(),
            max_upload: self.max_upload,
        });
        let app = routes::router(context);
        let stopped = self.stopped.clone();
        self.runtime.block_on(async move {
            let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                return;
            };
            // Open event streams never end, so the server stops without
            // waiting for its connections.
            tokio::select! {
                _ = axum::serve(listener, app) => {}
                _ = stopped.notified() => {}
            }
        });
    }

    /// Makes [`Server::run`] return (from another thread).
    pub fn stop(&self) {
        self.stopped.notify_one();
    }

    /// A handle that stops the server from anywhere (a Ctrl+C handler, say)
    /// without holding on to it, so that the server, and the uploads with
    /// it, are dropped where it was made.
    pub fn stopper(&self) -> Stopper {
        Stopper(self.stopped.clone())
    }
}

/// Stops a [`Server`]: see [`Server::stopper`].
#[derive(Clone)]
pub struct Stopper(Arc<tokio::sync::Notify>);

impl Stopper {
    /// Makes the server's [`Server::run`] return.
    pub fn stop(&self) {
        self.0.notify_one();
    }
}

/// A listener on 127.0.0.1:`port` (0 for any free port).
fn listen(port: u16) -> Result<std::net::TcpListener, ServeError> {
    let address = SocketAddrV4::new(Ipv4Addr::LOCALHOST, port);
    let refused = |e: std::io::Error| ServeError::Port {
        port,
        reason: if e.kind() == std::io::ErrorKind::AddrInUse {
            "端口已被其他程序占用".into()
        } else {
            crate::diagnostic::describe_io(&e)
        },
    };
    let listener = std::net::TcpListener::bind(address).map_err(refused)?;
    listener.set_nonblocking(true).map_err(refused)?;
    Ok(listener)
}
