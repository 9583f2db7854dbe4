"""The course site: a strict Jupyter Book build, complete, with no solutions in it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ASSIGNMENTS, ROOT, solution_snippets

HTML = ROOT / "_build" / "html"


@pytest.fixture(scope="module")
def built_site() -> Path:
    """Build the book exactly as `make book` does; warnings are errors."""
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    result = subprocess.run(
        [str(jupyter_book), "build", str(ROOT), "-W", "-n", "--keep-going"],
        cwd=ROOT, capture_output=True, text=True, timeout=1500,
    )
    log = result.stdout + result.stderr
    assert result.returncode == 0, f"book build failed:\n{log[-6000:]}"
    warnings = [line for line in log.splitlines() if "WARNING" in line]
    assert warnings == [], "the strict build printed warnings:\n" + "\n".join(warnings)
    return HTML


def _toc_files() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]]

    def walk(entries: list[dict]) -> None:
        for entry in entries:
            if "file" in entry:
                files.append(entry["file"])
            walk(entry.get("sections", []) + entry.get("chapters", []))

    for part in toc.get("parts", []):
        walk(part.get("chapters", []))
    return files


def test_every_toc_page_is_built(built_site: Path) -> None:
    for page in _toc_files():
        assert (built_site / f"{page}.html").is_file(), f"{page} is in _toc.yml but not built"


def test_every_chapter_notebook_and_exercise_is_in_the_site(built_site: Path) -> None:
    for notebook in sorted((ROOT / "book").glob("ch*/[0-9]*.ipynb")):
        page = built_site / notebook.relative_to(ROOT).with_suffix(".html")
        assert page.is_file(), f"{notebook.relative_to(ROOT)} is not in the site"
    for assignment in ASSIGNMENTS:
        page = built_site / "exercises" / assignment / f"{assignment}.html"
        assert page.is_file(), f"exercise page for {assignment} is missing"


def test_no_solution_reaches_the_site(built_site: Path) -> None:
    snippets = solution_snippets(ASSIGNMENTS)
    leaks = []
    readable = {".html", ".ipynb", ".txt", ".js", ".md", ".py"}
    for path in built_site.rglob("*"):
        if path.suffix not in readable or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="ignore")
        if path.suffix == ".html":  # code is split into highlighting spans: compare plain text
            text = BeautifulSoup(text, "html.parser").get_text()
        text = " ".join(text.split())
        for marker in ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS"):
            if marker in text:
                leaks.append(f"{path}: '{marker}'")
        leaks += [f"{path}: {s!r}" for s in snippets if s in text]
    assert leaks == [], "solution text found in the built site:\n" + "\n".join(leaks[:20])


# --- the built site in a real browser (headless Chromium over a local HTTP server) ---------

ARTIFACTS = ROOT / "tests" / "artifacts"
# pydata-sphinx-theme logs this with console.error on a first visit (no stored light/dark
# choice yet) and then uses "auto"; it is the theme's notice, not a fault of the site.
THEME_FIRST_VISIT_NOTICE = "Got invalid theme mode: . Resetting to auto."


@pytest.fixture(scope="module")
def site_url(built_site: Path):
    """Serve the built site on a free loopback port for the duration of the module."""
    import functools
    import http.server
    import threading

    class QuietHandler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    handler = functools.partial(QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium driven by its own chromedriver: nothing is downloaded."""
    import shutil as _shutil
    import tempfile

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium, driver_path = _shutil.which("chromium"), _shutil.which("chromedriver")
    if not (chromium and driver_path):
        pytest.fail("chromium and chromedriver are needed (make test installs them as root)")
    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic", "--window-size=1280,1000", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()
    _shutil.rmtree(profile, ignore_errors=True)


def _site_pages(built_site: Path) -> list[str]:
    return [
        str(p.relative_to(built_site))
        for p in sorted(built_site.rglob("*.html"))
        if "_static" not in p.parts and "_sources" not in p.parts and p.name != "genindex.html"
    ]


@pytest.mark.browser
def test_every_page_loads_cleanly_in_a_browser(built_site: Path, site_url: str, browser) -> None:
    problems = []
    for page in _site_pages(built_site):
        browser.get(f"{site_url}/{page}")
        # resources the page asked for and failed to get (same origin only: we are offline)
        missing = browser.execute_script(
            """return performance.getEntriesByType('resource')
                 .filter(e => e.name.startsWith(location.origin) && e.responseStatus >= 400)
                 .map(e => e.name);"""
        )
        problems += [f"{page}: missing local resource {m}" for m in missing]
        broken_images = browser.execute_script(
            "return [...document.images].filter(i => i.complete && i.naturalWidth === 0)"
            ".map(i => i.src);"
        )
        problems += [f"{page}: image did not load: {src}" for src in broken_images]
        no_alt = browser.execute_script(
            "return [...document.images].filter(i => !(i.getAttribute('alt') || '').trim())"
            ".map(i => i.src);"
        )
        problems += [f"{page}: image without alt text: {src}" for src in no_alt]
        for entry in browser.get_log("browser"):
            if (entry["level"] == "SEVERE" and site_url in entry["message"]
                    and THEME_FIRST_VISIT_NOTICE not in entry["message"]):
                problems.append(f"{page}: console error: {entry['message']}")
        levels = browser.execute_script(
            "return [...document.querySelectorAll('main h1, main h2, main h3, main h4')]"
            ".map(h => +h.tagName[1]);"
        )
        for before, after in zip(levels, levels[1:], strict=False):
            if after > before + 1:
                problems.append(f"{page}: heading jumps from h{before} to h{after}")
                break
    assert problems == [], "\n".join(problems)


@pytest.mark.browser
def test_search_finds_a_course_term(site_url: str, browser) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    term, expected_page = "semantic cache", "ch4_scale_reliability_cost"
    browser.get(f"{site_url}/search.html?q={term.replace(' ', '+')}")
    WebDriverWait(browser, 30).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, "#search-results ul.search li"))
    )
    links = [a.get_attribute("href") for a in browser.find_elements(
        By.CSS_SELECTOR, "#search-results ul.search li a")]
    assert any(expected_page in (href or "") for href in links), (
        f"searching for '{term}' should list a {expected_page} page; got {links[:10]}"
    )


@pytest.mark.browser
def test_dark_mode_toggle_and_screenshots(site_url: str, browser) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    browser.get(f"{site_url}/book/intro.html")
    browser.save_screenshot(str(ARTIFACTS / "landing.png"))
    before = browser.execute_script("return document.documentElement.dataset.theme")
    browser.execute_script(
        "document.querySelector('.theme-switch-button, button[aria-label*=\"theme\" i]').click()"
    )
    after = browser.execute_script("return document.documentElement.dataset.theme")
    assert after != before, f"the theme toggle did not change the theme ({before} → {after})"
    browser.get(f"{site_url}/book/ch1_foundations/index.html")
    browser.save_screenshot(str(ARTIFACTS / "chapter.png"))
    assert (ARTIFACTS / "landing.png").stat().st_size > 10_000
