"""The explorer in a real browser: Debian's chromium driven by Playwright, against a real `icp-assist serve`
process on a free port, and the static site opened from file://. Screenshots go to a temporary folder, or to
the folder named by ICP_ASSIST_SCREENSHOTS (`ICP_ASSIST_SCREENSHOTS=docs/screenshots` refreshes the README's)."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from serve_helpers import ROOT, analysed_samples, copy_workspace  # noqa: F401 - fixture

from icp_assist.api import build
from icp_assist.config import Settings
from icp_assist.records import Document
from icp_assist.serve import write_site
from icp_assist.store import open_workspace

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]  # fmt: skip
START_SECONDS = 300  # loading the model, the index and the analysis on 2 busy cores

if not CHROMIUM.exists():
    reason = f"{CHROMIUM} is missing: install Debian's chromium package (make test does)"
    if os.environ.get("CI"):
        pytest.fail(f"CI: {reason}", pytrace=False)
    pytest.skip(reason, allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def settings(analysed_samples: Path, tmp_path_factory: pytest.TempPathFactory) -> Settings:  # noqa: F811
    return copy_workspace(analysed_samples, tmp_path_factory.mktemp("browser") / "ws")


@pytest.fixture(scope="module")
def documents(settings: Settings, embedder) -> dict[str, Document]:
    with open_workspace(settings.workspace, embedding_name=embedder.name, read_only=True) as workspace:
        return {d.doc_id: d for d in workspace.documents()}


@pytest.fixture(scope="module")
def server(settings: Settings) -> Iterator[str]:
    """A real `icp-assist serve` process on a free port of 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-c", "from icp_assist.cli import main; main()", "serve"]
    process = subprocess.Popen(
        [*command, "--workspace", str(settings.workspace), "--port", str(port)],
        env={**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            try:
                with urllib.request.urlopen(f"{url}/themes", timeout=5) as answer:
                    assert answer.status == 200
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    output = process.stdout.read().decode() if process.stdout else ""
                    pytest.fail(f"icp-assist serve did not start: {output[-2000:]}")
                time.sleep(1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser) -> Iterator[object]:
    opened = browser.new_page(viewport={"width": 1280, "height": 860})
    yield opened
    opened.close()


def _shot(page, name: str) -> None:
    folder = Path(os.environ.get("ICP_ASSIST_SCREENSHOTS") or _SHOTS_TMP)
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"))
    assert (folder / f"{name}.png").stat().st_size > 0


_SHOTS_TMP = Path(os.environ.get("TMPDIR", "/tmp")) / f"icp-assist-screenshots-{os.getpid()}"


@pytest.fixture(scope="module", autouse=True)
def _screenshots_removed_after():
    """Screenshots taken only to check that the page renders are removed with the module's tests."""
    yield
    shutil.rmtree(_SHOTS_TMP, ignore_errors=True)


def _highlight_matches_source(page, documents: dict[str, Document], selector: str) -> str:
    """The highlighted text equals text[start:end] of the document the page shows; returns it."""
    mark = page.locator(selector)
    assert mark.count() == 1
    start, end = map(int, re.fullmatch(r"at-(\d+)-(\d+)", mark.get_attribute("id")).groups())
    source = page.locator("p.muted").first.inner_text().split(" · ", 1)[1]
    document = next(
        d for d in documents.values() if d.source == source and d.text[start:end] == mark.inner_text()
    )
    assert mark.inner_text() == document.text[start:end] and end > start
    return document.text[start:end]


def test_theme_to_quote_to_transcript(server: str, page, documents: dict[str, Document]) -> None:
    page.goto(f"{server}/themes")
    assert page.locator("table.grid a.theme").count() > 5
    _shot(page, "themes")
    page.locator("table.grid a.theme").first.click()
    page.wait_for_selector("blockquote.quote")
    _shot(page, "theme")
    interview_quote = page.locator("blockquote.quote", has_text="interview").locator("a.quote-link").first
    shown = interview_quote.inner_text()
    interview_quote.click()
    page.wait_for_selector("mark.hl")
    assert "?at=" in page.url
    assert _highlight_matches_source(page, documents, "mark.hl") == shown
    assert page.locator(".turn.interviewer").count() > 0
    page.locator("mark.hl").scroll_into_view_if_needed()
    _shot(page, "transcript")


def test_ask_in_the_browser(server: str, page) -> None:
    page.goto(f"{server}/ask")
    page.fill("input[name=q]", "why did customers buy?")
    page.click("button[type=submit]")
    page.wait_for_selector("p.answer")
    assert page.locator("a.quote-link").count() >= 3
    _shot(page, "ask")


def test_rename_survives_a_rebuild_and_the_static_site_opens_from_disk(
    server: str, page, settings: Settings, embedder, documents: dict[str, Document], tmp_path: Path
) -> None:
    page.goto(f"{server}/themes")
    page.locator("table.grid a.theme").nth(1).click()
    theme_url = page.url
    page.fill("input[aria-label='new label']", "Renamed by the analyst")
    page.click("button[value=rename]")
    page.wait_for_url(theme_url)
    assert page.locator("h1").inner_text() == "Renamed by the analyst"

    result = build(settings=settings, out_dir=tmp_path / "out", embedder=embedder)
    assert not result.cached and "Renamed by the analyst" in {t.label for t in result.report.themes}
    write_site(settings=settings, out_dir=tmp_path / "site", report=result.report, embedder=embedder)

    page.goto((tmp_path / "site" / "index.html").as_uri())
    page.get_by_role("link", name="Renamed by the analyst").click()
    assert page.url.startswith("file://") and page.locator("h1").inner_text() == "Renamed by the analyst"
    _shot(page, "static-theme")
    link = page.locator("a.quote-link").first
    shown = link.inner_text()
    link.click()
    fragment = page.url.rsplit("#", 1)[1]
    assert (
        page.url.startswith("file://")
        and _highlight_matches_source(page, documents, f"mark#{fragment}") == shown
    )
    page.goto((tmp_path / "site" / "profile.html").as_uri())
    page.get_by_role("link", name="Accounts & signals").click()
    assert page.url.endswith("accounts.html") and page.locator("h1").inner_text() == "Accounts and signals"
