//! The console window on Windows: a program started from Explorer (a
//! double-click, or workbooks dropped on it) gets a console of its own,
//! which closes the moment the program ends. Then the last lines, the
//! result a person needs, would vanish unread; so when briefing is the
//! only process on its console it waits for Enter before it ends. Started
//! from cmd or PowerShell, or with standard input that is not a console
//! (a script, a test), it never waits.

use std::io::IsTerminal;

/// What a double-click on the program (no workbook, no command) shows.
pub const HOW_TO_USE: &str = "\
briefing 把 Excel 工作簿编译成 PDF 简报和汇总工作簿。

怎么用：把工作簿（.xlsx、.xlsm、.xls、.xlsb、.ods）拖到 briefing 程序的图标上松开，
稍等片刻，生成的 PDF 和汇总工作簿就在工作簿旁边的 out 文件夹里。一次可以拖好几个。

工作簿有错时，窗口里会写明是哪张表、哪个单元格（例如 指标!D5），以及怎么改；
在 Excel 或 WPS 里改好、保存，再拖一次即可，有错时原有的 PDF 不会被改动。

第一次用，可以先把随附的示例工作簿拖上来试试；详细说明见随附的“使用说明.txt”。

现在会在浏览器里打开 briefing 的页面：把工作簿拖到页面上，就能看到问题、每一页的样子，
并下载 PDF。用完关掉这个窗口即可。";

/// Whether to wait for Enter before ending: only when briefing is alone on
/// its console (`processes_on_console` is what `GetConsoleProcessList`
/// counts, 0 where there is no console) and standard input is that
/// console.
///
/// ```ignore
/// assert!(should_wait(1, true));
/// assert!(!should_wait(2, true)); // started from cmd: cmd shares the console
/// ```
pub fn should_wait(processes_on_console: u32, stdin_is_console: bool) -> bool {
    processes_on_console == 1 && stdin_is_console
}

/// Whether briefing is alone on a console it will close on exit.
pub fn alone_on_console() -> bool {
    should_wait(processes_on_console(), std::io::stdin().is_terminal())
}

/// When alone on its console, asks for Enter and waits for it.
pub fn pause_if_alone() {
    if alone_on_console() {
        eprint!("按回车键关闭窗口…");
        let mut line = String::new();
        let _ = std::io::stdin().read_line(&mut line);
    }
}

/// How many processes share this console.
#[cfg(windows)]
fn processes_on_console() -> u32 {
    use windows_sys::Win32::System::Console::GetConsoleProcessList;
    let mut ids = [0u32; 4];
    // SAFETY: the buffer holds `ids.len()` process ids, as the call is told.
    unsafe { GetConsoleProcessList(ids.as_mut_ptr(), ids.len() as u32) }
}

/// Elsewhere a terminal never closes with the program.
#[cfg(not(windows))]
fn processes_on_console() -> u32 {
    0
}

#[cfg(test)]
mod tests {
    use super::should_wait;

    #[test]
    fn waits_only_alone_on_a_console_that_is_standard_input() {
        // Started from Explorer: alone, standard input is the console.
        assert!(should_wait(1, true));
        // From cmd or PowerShell: the shell shares the console.
        assert!(!should_wait(2, true));
        assert!(!should_wait(3, true));
        // Standard input redirected (a script, a test): never.
        assert!(!should_wait(1, false));
        // No console at all.
        assert!(!should_wait(0, false));
        assert!(!should_wait(0, true));
    }
}
