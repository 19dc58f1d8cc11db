//! `briefing serve`: the local page (see [`briefing::serve`]), opened in
//! the default browser; it runs until Ctrl+C, which removes the uploads.

use std::path::PathBuf;

use anyhow::Result;
use briefing::serve::{ServeOptions, Server};

use super::args::ServeArgs;
use super::outln;

/// Serves until interrupted.
pub fn serve(args: &ServeArgs) -> Result<bool> {
    let options = ServeOptions {
        port: args.port,
        compile: args.options(),
        ..ServeOptions::new(args.folder.clone())
    };
    let server = Server::bind(options)?;
    // Ctrl+C (or closing the window) stops the server; it is dropped on
    // the way out, and the uploads with it.
    let stopper = server.stopper();
    let _ = ctrlc::set_handler(move || stopper.stop());
    let url = server.url();
    outln!("已启动本机页面：{url}");
    outln!(
        "列出的是 {} 里的工作簿；也可以把工作簿拖到页面上。按 Ctrl+C 结束。",
        shown(&args.folder).display()
    );
    if !args.no_open && open::that_detached(&url).is_err() {
        eprintln!("没能自动打开浏览器，请在浏览器里打开 {url}");
    }
    server.run();
    Ok(true)
}

/// The folder as a person knows it: the current folder by its full name.
fn shown(folder: &std::path::Path) -> PathBuf {
    std::path::absolute(folder).unwrap_or_else(|_| folder.to_path_buf())
}
