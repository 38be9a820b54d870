"""The workbench in Debian's chromium (Playwright for Python, never `playwright install`):
the map, filters, sorting, an event with its highlighted evidence, pasting an article,
Arabic shaping and direction, and hostile text that must show as text and never run.
Screenshots go to the test's tmp_path (and MARSAD_SCREENSHOTS, when set)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import WEB_XSS, web_token

pytestmark = pytest.mark.browser


def ready(page, web_server, route="#/"):
    page.goto(f"{web_server}/{route}")
    page.wait_for_selector("body[data-ready='1']", timeout=20_000)


def shot(page, tmp_path: Path, name: str) -> None:
    page.screenshot(path=str(tmp_path / f"{name}.png"), full_page=True)
    out = os.environ.get("MARSAD_SCREENSHOTS")
    if out:
        Path(out).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(out) / f"{name}.png"), full_page=True)


def no_trouble(page) -> None:
    assert page.errors == [], page.errors
    assert page.outside == [], f"requests left 127.0.0.1: {page.outside}"
    assert page.evaluate("typeof window.__pwned") == "undefined"


def test_map_timeline_and_table_load(page, web_server, tmp_path):
    ready(page, web_server)
    # boundaries drawn (country outlines: the project's own GeoJSON or world-atlas)
    page.wait_for_function("document.querySelectorAll('#map .leaflet-overlay-pane path').length > 20", timeout=20_000)
    page.wait_for_selector("#map .ev-marker, #map .ev-cluster")
    assert page.locator("#timeline svg rect").count() >= 3
    rows = page.locator("#events-table tbody tr")
    assert rows.count() >= 4
    assert page.locator("#legend").inner_text().count("Battles") == 1
    shot(page, tmp_path, "map")
    no_trouble(page)


def test_filter_sort_and_download_links(page, web_server):
    ready(page, web_server)
    page.fill("#filters input[name=country]", "Tunisia")
    page.click("#filters button[type=submit]")
    page.wait_for_function("location.hash.includes('country=Tunisia')")
    page.wait_for_selector("body[data-ready='1']")
    page.wait_for_function("document.querySelectorAll('#events-table tbody tr').length === 2")
    cells = page.locator("#events-table tbody tr td:nth-child(6)").all_inner_texts()
    assert cells == ["Tunisia", "Tunisia"]
    assert "country=Tunisia" in page.get_attribute("#dl-csv", "href")
    assert "country=Tunisia" in page.get_attribute("#dl-geojson", "href")
    page.click("#events-table th[data-sort=event_type]")
    page.wait_for_function("location.hash.includes('sort=event_type')")
    # data-ready may still be '1' from the page before the click: wait for the re-rendered header.
    page.wait_for_selector("#events-table th[data-sort=event_type].sorted-asc")
    page.wait_for_selector("body[data-ready='1']")
    types = page.locator("#events-table tbody tr td:nth-child(2)").all_inner_texts()
    assert types == ["Protests", "Strategic developments"]
    assert "sorted-asc" in page.get_attribute("#events-table th[data-sort=event_type]", "class")
    no_trouble(page)


def test_event_page_highlights_evidence_in_rtl_arabic(page, web_server, tmp_path):
    ready(page, web_server, "#/?country=Syria&event_type=Battles&q=%D8%BA%D9%88%D9%8A%D8%B1%D8%A7%D9%86")
    page.click("#events-table tbody tr >> nth=0")
    page.wait_for_selector("#event mark.evidence")
    text_el = page.locator("#event article[data-article='webtest-ar-hasakah'] .text")
    assert text_el.get_attribute("dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.querySelector(\"[data-article='webtest-ar-hasakah'] .text\")).direction") == "rtl"
    marks = page.locator("[data-article='webtest-ar-hasakah'] mark.evidence").all_inner_texts()
    joined = "".join(marks)
    assert "اندلعت اشتباكات عنيفة" in joined and "قتلوا" in joined
    assert page.locator(".claim-card").count() == 3
    assert page.locator(".claim-card.discrepant").count() == 2
    assert page.locator(".discrepancies").inner_text().startswith("⚠ Sources disagree")
    assert "at least 12 killed" in page.locator(".claim-card").first.inner_text()
    # The offline Arabic webfont is loaded and used (shaping is the browser's, with this font).
    page.evaluate("document.fonts.ready")
    assert page.evaluate("document.fonts.check('20px \"Noto Naskh Arabic\"', 'غويران')")
    shot(page, tmp_path, "event")
    no_trouble(page)


def test_hostile_text_shows_as_text_and_never_runs(page, web_server, tmp_path):
    ready(page, web_server, "#/?admin1=Idleb")
    page.wait_for_function("document.querySelectorAll('#events-table tbody tr').length === 1")
    assert WEB_XSS in page.locator("#events-table tbody").inner_text()
    page.locator("#map .ev-marker").first.click()
    page.wait_for_selector(".leaflet-popup-content")
    assert "<script>" in page.locator(".leaflet-popup-content").inner_text()
    page.click("#events-table tbody tr >> nth=0")
    page.wait_for_selector("#event mark.evidence")
    body = page.locator("#event").inner_text()
    assert body.count(WEB_XSS) >= 4  # title, text, names, claim, discrepancy: all shown literally
    assert page.locator("#event script, #event img, main img").count() == 0
    page.wait_for_timeout(300)
    shot(page, tmp_path, "hostile")
    no_trouble(page)


PASTED = ("بيروت - قال مصدر أمني لبناني إن غارة جوية إسرائيلية استهدفت سيارة قرب بلدة الخيام في جنوب لبنان "
          "يوم الخميس، ما أدى إلى مقتل شخصين وإصابة ثلاثة آخرين بجروح.\n"
          f"وقالت وسائل إعلام محلية {WEB_XSS} إن الغارة هي الثالثة في المنطقة خلال أسبوع.")


def test_paste_an_article_and_store_it(page, web_server, tmp_path):
    ready(page, web_server, "#/paste")
    page.fill("#paste-form textarea", PASTED)
    page.fill("#paste-form input[name=published]", "2024-03-14")
    page.click("#paste-form button[type=submit]")
    page.wait_for_selector("#paste-result h2.doc-head")
    assert "language ar" in page.locator("#paste-result h2.doc-head").inner_text()
    text_el = page.locator("#paste-result .article .text")
    assert text_el.get_attribute("dir") == "rtl"
    assert text_el.inner_text() == PASTED
    page.locator("#paste-result details summary", has_text="marsad/1 JSON").click()
    assert '"schema": "marsad/1"' in page.locator("#paste-result pre").inner_text()
    shot(page, tmp_path, "paste")
    # Storing needs the token: a wrong one is refused, the right one stores the article.
    page.fill("#paste-form input[name=token]", "wrong")
    page.click("#ingest")
    page.wait_for_selector("#paste-result .error")
    assert "401 unauthorized" in page.locator("#paste-result .error").inner_text()
    assert page.context.request.get(f"{web_server}/api/health").json()["write_token"] is True
    page.fill("#paste-form input[name=token]", web_token(web_server))
    page.click("#ingest")
    page.wait_for_selector("#paste-result p.muted:has-text('Stored')")
    no_trouble(page)


def test_pages_work_under_the_content_security_policy(browser, web_server):
    """The other tests bypass the CSP (Playwright's waits evaluate strings); this one keeps it."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    pg = context.new_page()
    violations, errors = [], []
    pg.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text))
    pg.on("pageerror", lambda e: errors.append(str(e)))
    try:
        pg.goto(f"{web_server}/#/?country=Syria")
        pg.wait_for_selector("body[data-ready='1']", timeout=20_000)
        pg.wait_for_selector("#map .ev-marker, #map .ev-cluster")
        pg.wait_for_selector("#timeline svg rect", state="attached")
        pg.click("#events-table tbody tr >> nth=0")
        pg.wait_for_selector("#event mark.evidence")
        assert pg.evaluate("typeof window.__pwned") == "undefined"
    finally:
        context.close()
    assert violations == [] and errors == [], (violations, errors)
