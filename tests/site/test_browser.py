"""The HTML reading edition, checked in a real headless browser (Debian's chromium).

Builds the site from the committed notebooks into a temporary folder, then opens every
page from disk: each loads, every image on it is present and decoded, every internal link
resolves to a file of the site (and its #fragment to an element of that page), nothing is
fetched from the network and the console shows no error. The report and the index fit a
window 1,400 px wide and a phone's 390 px without horizontal scrolling, and axe-core (the
PyPI package axe-selenium-python) finds no serious or critical accessibility violation on any
page. Screenshots of the index and the report are kept in build/test-artifacts/ (not
committed).

Skipped only when chromium or its driver is not installed (CI installs the Debian packages
chromium and chromium-driver).
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tipfigs import paths
from tipfigs.tools import site

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")

pytestmark = pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER),
    reason="chromium and chromedriver are not installed "
           "(apt-get install -y chromium chromium-driver)",
)

CHROMIUM_ARGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--window-size=1280,1600",
)
EXTERNAL = ("http:", "https:", "mailto:", "data:", "javascript:")


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory) -> Path:
    return site.build(tmp_path_factory.mktemp("site") / "site")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in CHROMIUM_ARGS:
        options.add_argument(arg)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    driver.set_page_load_timeout(60)
    # axe-core on a long notebook page can take minutes on a loaded machine: wait for it (the
    # client's HTTP timeout is 120 s by default; the script timeout is set per run below)
    driver.command_executor.client_config.timeout = 900
    try:
        yield driver
    finally:
        driver.quit()


def _path_of(url: str) -> Path:
    return Path(unquote(urlsplit(url).path))


def _load(driver, page: Path) -> None:
    driver.get(page.as_uri())
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        ready = driver.execute_script(
            "return document.readyState === 'complete' && "
            "Array.from(document.images).every(i => i.complete);")
        if ready:
            return
        time.sleep(0.1)
    raise AssertionError(f"{page.name}: did not finish loading in 30 s")


def _visit(driver, site_dir: Path, page: Path) -> dict:
    _load(driver, page)
    rel = page.relative_to(site_dir).as_posix()
    info = {
        "title": driver.title,
        "images": driver.execute_script(
            "return Array.from(document.images).map(i => "
            "[i.getAttribute('src').slice(0, 80), i.complete, i.naturalWidth, i.naturalHeight]);"),
        "links": driver.execute_script(
            "return Array.from(document.querySelectorAll('a[href]')).map(a => "
            "[a.getAttribute('href'), a.href]);"),
        "ids": set(driver.execute_script(
            "return Array.from(document.querySelectorAll('[id], a[name]')).map(e => "
            "e.id || e.getAttribute('name'));")),
        "resources": driver.execute_script(
            "return performance.getEntriesByType('resource').map(e => e.name);"),
        "console": [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"],
        "text": driver.execute_script("return document.body.innerText.length;"),
    }
    info["rel"] = rel
    return info


@pytest.fixture(scope="module")
def visited(browser, site_dir) -> dict[str, dict]:
    pages = sorted(site_dir.rglob("*.html"))
    assert pages, "the site has no pages"
    return {p.relative_to(site_dir).as_posix(): _visit(browser, site_dir, p) for p in pages}


def test_site_has_index_report_and_one_page_per_notebook(site_dir):
    from tipfigs.tools import notebooks

    assert (site_dir / "index.html").is_file()
    assert (site_dir / "report.html").is_file()
    for stem in notebooks.stems():
        assert (site_dir / "notebooks" / f"{stem}.html").is_file(), stem


def test_every_page_loads_with_content(visited):
    for rel, info in visited.items():
        assert info["title"], f"{rel}: no title"
        assert info["text"] > 100, f"{rel}: (almost) empty page"


def test_every_image_is_present_and_decoded(visited):
    for rel, info in visited.items():
        for src, complete, width, height in info["images"]:
            assert complete and width > 0 and height > 0, f"{rel}: image not decoded: {src}"
    assert visited["index.html"]["images"], "the index shows no figure"
    for rel, info in visited.items():
        stem = rel.removeprefix("notebooks/").removesuffix(".html")
        if rel.startswith("notebooks/") and (paths.figures_dir() / f"{stem}.png").is_file():
            assert info["images"], f"{rel}: the committed notebook shows no figure"


def test_every_internal_link_resolves(visited, site_dir):
    root = site_dir.resolve()
    problems = []
    for rel, info in visited.items():
        for href, absolute in info["links"]:
            if href.startswith(EXTERNAL):
                continue
            target = _path_of(absolute).resolve()
            fragment = urlsplit(absolute).fragment
            if root != target and root not in target.parents:
                problems.append(f"{rel}: {href} leaves the site")
            elif not target.is_file():
                problems.append(f"{rel}: {href} -> missing file")
            elif fragment and target.suffix == ".html":
                page = visited.get(target.relative_to(root).as_posix())
                # Browsers match the fragment as written, then percent-decoded.
                if page is None or not {fragment, unquote(fragment)} & page["ids"]:
                    problems.append(f"{rel}: {href} -> no element with id {fragment!r}")
    assert not problems, "\n".join(problems)


def test_nothing_is_fetched_from_the_network(visited):
    for rel, info in visited.items():
        remote = [r for r in info["resources"] if not r.startswith(("file:", "data:"))]
        assert not remote, f"{rel}: loads {remote}"


def test_no_console_errors(visited):
    for rel, info in visited.items():
        assert not info["console"], f"{rel}: console errors {info['console']}"


@pytest.mark.parametrize("width", [1400, 390])
@pytest.mark.parametrize("name", ["report.html", "index.html"])
def test_the_page_fits_the_window_without_horizontal_scrolling(browser, site_dir, name, width):
    browser.set_window_size(width, 900)
    try:
        _load(browser, site_dir / name)
        inner, scroll = browser.execute_script(
            "return [window.innerWidth, document.documentElement.scrollWidth];")
        wide = browser.execute_script(
            "const w = window.innerWidth; return Array.from(document.querySelectorAll('main *'))"
            ".filter(e => e.getBoundingClientRect().right > w + 1).slice(0, 5)"
            ".map(e => e.tagName + ' ' + e.textContent.slice(0, 60));")
        assert inner <= width and scroll <= inner, f"{name} at {width} px: {scroll} px wide: {wide}"
        assert not wide, f"{name} at {width} px: past the window: {wide}"
    finally:
        browser.set_window_size(1280, 1600)


def test_each_statement_of_the_report_is_linkable_by_its_id(visited):
    from tipfigs.tools.project import load_project

    ids = visited["report.html"]["ids"]
    for s in load_project().statements:
        assert s.id in ids, s.id


def _axe_violations(browser, page: Path) -> list[dict]:
    """What axe-core finds wrong on a page (violations only: the passes are not collected,
    which makes a run on a notebook page three times faster)."""
    from axe_selenium_python import Axe

    browser.set_script_timeout(600)
    _load(browser, page)
    axe = Axe(browser)
    axe.inject()
    return axe.run(options='{"resultTypes": ["violations"]}')["violations"]


def test_axe_finds_a_violation_where_there_is_one(browser, tmp_path):
    page = tmp_path / "bad.html"
    page.write_text('<!DOCTYPE html><html lang="en"><head><title>Bad</title></head><body><main>'
                    '<p style="color:#bbb;background:#fff">Faint text</p><img src="data:,">'
                    '</main></body></html>')
    found = {v["id"]: v["impact"] for v in _axe_violations(browser, page)}
    assert found.get("color-contrast") == "serious" and found.get("image-alt") == "critical"


@pytest.mark.slow
def test_axe_finds_no_serious_or_critical_violation_on_any_page(browser, site_dir, visited):
    found = []
    for rel in visited:
        for v in _axe_violations(browser, site_dir / rel):
            if v["impact"] in ("serious", "critical"):
                targets = [t for n in v["nodes"][:3] for t in n["target"]]
                found.append(f"{rel}: {v['id']} ({v['impact']}, {len(v['nodes'])} element(s), "
                             f"e.g. {targets})")
    assert not found, "\n".join(found)


def test_report_screenshot(browser, site_dir, visited):
    browser.set_window_size(1400, 2400)
    try:
        _load(browser, site_dir / "report.html")
        out = paths.build_dir() / "test-artifacts" / "report.png"
        out.parent.mkdir(parents=True, exist_ok=True)
        assert browser.save_screenshot(str(out))
        assert out.stat().st_size > 1000
    finally:
        browser.set_window_size(1280, 1600)


def test_index_screenshot(browser, site_dir, visited):
    _load(browser, site_dir / "index.html")
    out = paths.build_dir() / "test-artifacts" / "index.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    assert browser.save_screenshot(str(out))
    assert out.stat().st_size > 1000
