#!/usr/bin/env python3
"""The local page of `briefing serve`, in a real browser (Chromium, driven
by Selenium), as a person uses it:

1. drops the sample on the page and waits for the previews of its pages;
2. downloads the PDF and compares it with what `briefing compile` makes;
3. drops a batch by region with one planted error, asks for one report per
   地区 on the page, and finds the error drawn at its cell;
4. opens a workbook of the served folder, edits it (saved by rename, as
   Excel and WPS save) and sees the new pages without reloading;
5. saves a broken workbook over it and sees the error, the last good
   pages kept;
6. opens a monthly briefing made by `briefing new` (two months of the
   bureau's files beside it), sees which data file it used and downloads
   the earlier month's PDF;
7. opens a briefing whose 数据 points out of the served folder and sees it
   refused.

Screenshots of each step go to the folder given with --screenshots.

    python3 tests/browser/page.py target/release/briefing [--screenshots docs/images]

Needs chromium, chromium-driver, poppler-utils, and selenium and openpyxl
from PyPI.
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from openpyxl import load_workbook
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "兰州市2020年上半年成绩单.xlsx"
PLANTED = ROOT / "tests" / "fixtures" / "regions-planted-error.xlsx"
WAIT = 90


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("briefing")
    parser.add_argument("--screenshots")
    args = parser.parse_args()
    briefing = str(Path(args.briefing).resolve())
    work = Path(tempfile.mkdtemp(prefix="briefing-browser-"))
    shots = Path(args.screenshots) if args.screenshots else work / "shots"
    shots.mkdir(parents=True, exist_ok=True)
    served = work / "served"
    served.mkdir()
    shutil.copy(SAMPLE, served / "简报.xlsx")
    monthly(briefing, served)
    downloads = work / "downloads"
    downloads.mkdir()

    # The server's temporary folder, to see that the uploads are removed.
    temporary = work / "tmp"
    temporary.mkdir()
    env = dict(os.environ, BRIEFING_FONT_CACHE=str(work / "fonts.json"), TMPDIR=str(temporary))
    server = subprocess.Popen(
        [briefing, "serve", str(served), "--no-open", "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    browser = None
    try:
        url = read_url(server)
        browser = start_browser(downloads)
        passed = run(browser, url, briefing, env, served, downloads, shots, work)
    finally:
        if browser:
            browser.quit()
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    # Ctrl+C ends the server and removes the uploads.
    assert server.returncode == 0, server.returncode
    left = [str(p) for p in temporary.rglob("*")]
    assert not left, f"uploads left behind: {left}"
    print(f"browser: {passed + 1} steps passed; screenshots in {shots}")


def read_url(server):
    line = server.stdout.readline()
    match = re.search(r"http://127\.0\.0\.1:\d+/", line)
    assert match, f"no address in {line!r}: {server.stderr.read() if server.poll() is not None else ''}"
    return match.group(0)


def start_browser(downloads):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--window-size=1400,1000"]:
        options.add_argument(flag)
    options.add_experimental_option("prefs", {
        "download.default_directory": str(downloads),
        "download.prompt_for_download": False,
    })
    service = webdriver.ChromeService("/usr/bin/chromedriver")
    return webdriver.Chrome(options=options, service=service)


def wait(browser, condition, what):
    try:
        return WebDriverWait(browser, WAIT, poll_frequency=0.05).until(lambda b: condition(b))
    except Exception as error:
        images = browser.execute_script(
            "return [...document.querySelectorAll('#pages img')].map(i => [i.src, i.complete, i.naturalWidth])")
        print(f"previews: {images}", file=sys.stderr)
        raise AssertionError(f"timed out waiting for {what} ({type(error).__name__}); the page says: "
                             f"{browser.find_element(By.TAG_NAME, 'body').text[:2000]}")


def project_version(browser):
    return int(browser.find_element(By.ID, "project").get_attribute("data-version") or 0)


def pages_loaded(browser):
    """The previews shown, once every eager one has loaded."""
    images = browser.find_elements(By.CSS_SELECTOR, "#pages img")
    done = browser.execute_script(
        "return [...document.querySelectorAll('#pages img')].slice(0, 4)"
        ".every(i => i.complete && i.naturalWidth > 0)")
    return images if images and done else None


def run(browser, url, briefing, env, served, downloads, shots, work):
    steps = 0
    browser.get(url)
    wait(browser, lambda b: b.find_elements(By.CSS_SELECTOR, "#workbooks li[data-name]"), "the folder's workbooks")

    # 1. Drop the sample (a file chooser is what a drop hands the page).
    browser.find_element(By.ID, "file-input").send_keys(str(SAMPLE))
    images = wait(browser, pages_loaded, "the sample's previews")
    first_size = browser.execute_script("return document.querySelector('#pages img').naturalWidth")
    assert first_size > 300, first_size
    status = browser.find_element(By.ID, "status").text
    assert status.startswith("已生成 1 份"), status
    browser.save_screenshot(str(shots / "serve-pages.png"))
    steps += 1

    # 2. Download the PDF; the same bytes as `briefing compile`.
    link = browser.find_element(By.CSS_SELECTOR, "a.download[data-kind=PDF]")
    name = link.get_attribute("download")
    assert name == "兰州市2020年上半年成绩单.pdf", name
    link.click()
    downloaded = downloads / name
    wait(browser, lambda b: downloaded.exists() and not list(downloads.glob("*.crdownload")), "the download")
    out = work / "out"
    subprocess.run([briefing, "compile", str(SAMPLE), "--out", str(out)], check=True, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    assert downloaded.read_bytes() == (out / name).read_bytes(), "the page's PDF differs from briefing compile's"
    assert len(images) == pdf_pages(downloaded)
    steps += 1

    # 3. A batch with one planted error, one report per 地区.
    browser.find_element(By.ID, "file-input").send_keys(str(PLANTED))
    wait(browser, lambda b: b.find_element(By.ID, "name").text == PLANTED.name
         and project_version(b) >= 1, "the batch's first compile")
    per = browser.find_element(By.ID, "per")
    per.clear()
    per.send_keys("地区")
    browser.find_element(By.ID, "apply").click()
    tabs = wait(browser, lambda b: len(b.find_elements(By.CSS_SELECTOR, "#tabs button")) == 30
                and b.find_elements(By.CSS_SELECTOR, "#tabs button")
                or None, "30 reports")
    failed = [t for t in tabs if t.find_elements(By.CSS_SELECTOR, ".dot.error")]
    assert len(failed) == 1, [t.text for t in failed]
    status = browser.find_element(By.ID, "status").text
    assert status.startswith("已生成 29 份，1 份失败"), status
    browser.save_screenshot(str(shots / "serve-batch.png"))
    failed[0].click()
    problem = wait(browser, lambda b: b.find_elements(By.CSS_SELECTOR, '.problem.error[data-cell="指标!E36"]'),
                   "the planted error")[0]
    assert "“数值”应为数字，实际为“待定”" in problem.text, problem.text
    mark = problem.find_element(By.CSS_SELECTOR, "table.grid td.mark")
    assert mark.is_displayed() and mark.text == "待定", mark.text
    headers = [th.text for th in problem.find_elements(By.CSS_SELECTOR, "table.grid th.mark")]
    assert headers == ["E", "36"], headers
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", problem)
    browser.save_screenshot(str(shots / "serve-problems.png"))
    steps += 1

    # 4. A workbook of the folder, edited and saved by rename.
    browser.find_element(By.CSS_SELECTOR, '#workbooks li[data-name="简报.xlsx"]').click()
    wait(browser, lambda b: b.find_element(By.ID, "name").text == "简报.xlsx" and project_version(b) >= 1
         and pages_loaded(b), "the folder's workbook")
    before = project_version(browser)
    old_pages = [i.get_attribute("src") for i in browser.find_elements(By.CSS_SELECTOR, "#pages img")]
    edited = load_workbook(served / "简报.xlsx")
    edited["报告"]["B2"] = "上半年兰州市经济稳步回升"
    temporary = served / "~$简报.tmp"
    edited.save(temporary)
    os.replace(temporary, served / "简报.xlsx")
    wait(browser, lambda b: project_version(b) > before and pages_loaded(b)
         and b.find_element(By.ID, "status").text.startswith("已生成"), "the page after the save")
    new_pages = [i.get_attribute("src") for i in browser.find_elements(By.CSS_SELECTOR, "#pages img")]
    assert new_pages != old_pages
    href = browser.find_element(By.CSS_SELECTOR, "a.download[data-kind=PDF]").get_attribute("href")
    assert "上半年兰州市经济稳步回升" in pdf_text(fetch(browser, href), work)
    steps += 1

    # 5. A broken save: the error shows, the last good pages stay.
    before = project_version(browser)
    broken = served / "~$坏.tmp"
    broken.write_bytes(b"PK\x03\x04 not a whole workbook")
    os.replace(broken, served / "简报.xlsx")
    failure = wait(browser, lambda b: project_version(b) > before
                   and b.find_element(By.ID, "failure").is_displayed()
                   and b.find_element(By.ID, "failure"), "the broken save's error")
    assert "简报.xlsx" in failure.text, failure.text
    assert browser.find_element(By.ID, "stale").is_displayed()
    kept = [i.get_attribute("src") for i in browser.find_elements(By.CSS_SELECTOR, "#pages img")]
    assert kept == new_pages
    browser.save_screenshot(str(shots / "serve-broken-save.png"))
    steps += 1
    return steps + run_monthly(browser, downloads, shots, work)


def monthly(briefing, served):
    """A monthly briefing from `briefing new` in 月报/, with May's file
    beside June's sample; and 外面.xlsx at the top, naming ../*.xlsx."""
    folder = served / "月报"
    subprocess.run([briefing, "new", str(folder)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    may = load_workbook(folder / "统计月报2024年6月.xlsx")
    sheet = may["主要指标"]
    sheet["A1"] = "2024年1-5月××县主要经济指标"
    sheet["C2"] = "5月"
    sheet["E2"] = "1-5月"
    sheet["F4"] = 7.3
    may.save(folder / "统计月报2024年5月.xlsx")
    outside = load_workbook(folder / "简析.xlsx")
    report = outside["报告"]
    row = next(r for r in range(1, report.max_row + 1) if report.cell(r, 1).value == "数据")
    report.cell(row, 2).value = "../*.xlsx"
    outside.save(served / "外面.xlsx")


def run_monthly(browser, downloads, shots, work):
    steps = 0
    # 6. The data file used, and May's PDF made on request.
    browser.find_element(By.CSS_SELECTOR, '#workbooks li[data-name="月报/简析.xlsx"]').click()
    data = wait(browser, lambda b: b.find_element(By.ID, "name").text == "简析.xlsx" and project_version(b) >= 1
                and b.find_element(By.ID, "data").is_displayed() and b.find_element(By.ID, "data"),
                "the monthly briefing's data")
    assert "数据：统计月报2024年6月.xlsx（2024年6月）" in data.text, data.text
    link = browser.find_element(By.CSS_SELECTOR, '#data a.period[data-period="2024年5月"]')
    assert link.text == "2024年5月 PDF", link.text
    browser.save_screenshot(str(shots / "serve-monthly.png"))
    link.click()
    may = downloads / "简析-2024年5月.pdf"
    wait(browser, lambda b: may.exists() and not list(downloads.glob("*.crdownload")), "May's PDF")
    text = re.sub(r"\s", "", pdf_text(may.read_bytes(), work))
    assert "1—5月份，全县规模以上工业增加值同比增长7.3%" in text, text
    steps += 1

    # 7. A 数据 out of the served folder is refused, said in Chinese.
    browser.find_element(By.CSS_SELECTOR, '#workbooks li[data-name="外面.xlsx"]').click()
    problem = wait(browser, lambda b: b.find_element(By.ID, "name").text == "外面.xlsx"
                   and b.find_elements(By.CSS_SELECTOR, '.problem.error[data-cell="报告!B4"]'),
                   "the refused data")[0]
    assert "“数据”写的“../*.xlsx”不在本机页面服务的文件夹里" in problem.text, problem.text
    assert not browser.find_element(By.ID, "data").is_displayed()
    steps += 1
    return steps


def fetch(browser, href):
    """A file the page links to, fetched by the page itself (same origin)."""
    data = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch(arguments[0]).then(r => r.arrayBuffer()).then(b => done([...new Uint8Array(b)]));", href)
    return bytes(data)


def pdf_text(pdf_bytes, work):
    path = work / "fetched.pdf"
    path.write_bytes(pdf_bytes)
    return subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout


def pdf_pages(path):
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


if __name__ == "__main__":
    try:
        main()
    except AssertionError as error:
        print(f"browser: FAILED: {error}", file=sys.stderr)
        sys.exit(1)
