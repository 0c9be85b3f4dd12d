"""The review page in a real headless Chromium (Debian's, driven by Playwright): findings highlight
their nodes, the time selector shows the maze as it is then, keyboard and print work, no network.
Screenshots are saved under test-artifacts/."""
from __future__ import annotations

import pytest
import yaml
from conftest import MENUS
from render_support import CHROMIUM_ARGS, HOSTILE, artifact, hostile_menu, require_browser, require_dot

import ivrmaze
from ivrmaze.cli.commands.review import write_review

MOBISTAR = str(MENUS / "mobistar-2011.yaml")
GREY = "rgb(209, 213, 219)"  # styles.NODE_MARKS["closed"]["fillcolor"]
HIGHLIGHT = "rgb(245, 158, 11)"  # styles.HIGHLIGHT["color"]


@pytest.fixture(scope="module")
def browser():
    exe = require_browser()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def mobistar_html(tmp_path_factory):
    require_dot()
    out = tmp_path_factory.mktemp("review") / "mobistar.html"
    return write_review(ivrmaze.load(MOBISTAR), str(out))


def open_page(browser, path):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    events = {"requests": [], "errors": [], "dialogs": []}
    page.on("request", lambda r: events["requests"].append(r.url))
    page.on("pageerror", lambda e: events["errors"].append(str(e)))
    page.on("console", lambda m: events["errors"].append(m.text) if m.type == "error" else None)
    page.on("dialog", lambda d: (events["dialogs"].append(d.message), d.dismiss()))
    page.goto(f"file://{path}")
    page.wait_for_selector("html[data-ready]", timeout=10000)
    return page, events


def node_id(page, suffix):
    return page.evaluate(f"""() => [...document.querySelectorAll('g.node')].map(g => g.id)
                                   .find(id => id.endsWith('__{suffix}'))""")


def classes(page, el_id):
    return page.evaluate(f"() => document.getElementById('{el_id}').getAttribute('class')").split()


def shape_style(page, el_id, prop):
    return page.evaluate(f"""() => getComputedStyle(document.getElementById('{el_id}')
                                   .querySelector('polygon, ellipse, path')).{prop}""")


def test_clicking_a_finding_highlights_its_nodes(browser, mobistar_html):
    page, events = open_page(browser, mobistar_html)
    link = page.locator("ol.findings:not([hidden]) a.finding-link").first
    nodes = link.get_attribute("data-nodes").split()
    assert nodes
    link.click()
    for n in nodes:
        assert "hl" in classes(page, n)
        assert shape_style(page, n, "stroke") == HIGHLIGHT
    others = page.evaluate("() => [...document.querySelectorAll('g.node.hl')].map(g => g.id)")
    assert sorted(others) == sorted(set(nodes))
    assert "selected" in link.evaluate("a => a.parentNode.className")
    page.screenshot(path=str(artifact("review-mobistar-finding.png")))
    page.keyboard.press("Escape")
    assert page.evaluate("() => document.querySelectorAll('g.hl').length") == 0
    assert events["errors"] == [] and events["dialogs"] == []
    page.close()


def test_time_selector_shows_switchboard_closed(browser, mobistar_html):
    page, events = open_page(browser, mobistar_html)
    sw, billing = node_id(page, "switchboard"), node_id(page, "billing")
    assert "mark-closed" not in classes(page, sw)  # the whole week: nothing closed
    page.select_option("#ivm-time", label="Fri 16:00-20:00")
    assert "mark-closed" in classes(page, sw)
    assert shape_style(page, sw, "fill") == GREY
    assert "mark-closed" not in classes(page, billing)  # the helpdesk answers until 20:00
    status = page.inner_text("#ivm-status")
    assert "Fri 16:00-20:00" in status and "Closed queues: Switchboard" in status
    # Transfers from the closed switchboard are not there now; its closed redirect is.
    dead = page.evaluate("() => [...document.querySelectorAll('g.edge.mark-dead')].map(g => g.id)")
    assert any(e.startswith(f"e__{sw}__") and "security" in e for e in dead)
    assert not any(e == f"e__{sw}__{node_id(page, 'main')}" for e in dead)
    assert page.locator('ol.findings[data-state="-1"]').is_hidden()
    page.screenshot(path=str(artifact("review-mobistar-fri-1600.png")), full_page=False)
    page.select_option("#ivm-time", value="-1")
    assert "mark-closed" not in classes(page, sw)
    assert events["errors"] == []
    page.close()


def test_intent_selector_shows_route_and_resolvers(browser, mobistar_html):
    page, events = open_page(browser, mobistar_html)
    page.select_option("#ivm-time", label="Mon 08:00-16:00")
    page.select_option("#ivm-intent", value="remove-container")
    for n in ("welcome", "main", "switchboard", "facilities"):
        assert "mark-route" in classes(page, node_id(page, n)), n
    assert "mark-resolves" in classes(page, node_id(page, "facilities"))
    assert "best route 3 hops" in page.inner_text("#ivm-status")
    page.select_option("#ivm-time", label="Fri 16:00-20:00")
    assert "mark-route" not in classes(page, node_id(page, "facilities"))
    assert "no route resolves it here" in page.inner_text("#ivm-status")
    trap = page.evaluate("() => [...document.querySelectorAll('g.node.mark-trap')].map(g => g.id)")
    assert node_id(page, "switchboard") in trap
    page.screenshot(path=str(artifact("review-mobistar-intent.png")))
    assert events["errors"] == []
    page.close()


def test_keyboard_and_print(browser, mobistar_html):
    page, events = open_page(browser, mobistar_html)
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("() => document.activeElement.className") == "skip"
    link = page.locator("ol.findings:not([hidden]) a.finding-link").first
    link.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.querySelectorAll('g.node.hl').length") > 0
    page.focus("#ivm-time")
    page.keyboard.press("ArrowDown")  # native select: the first window
    assert page.evaluate("() => document.getElementById('ivm-time').value") != "-1"
    page.emulate_media(media="print")
    assert page.locator(".controls").is_hidden()
    assert page.locator("#ivm-metrics").is_visible()
    page.screenshot(path=str(artifact("review-mobistar-print.png")), full_page=True)
    assert events["errors"] == []
    page.close()


def test_no_network_and_no_injection(browser, tmp_path):
    require_dot()
    src = tmp_path / "hostile.yaml"
    src.write_text(yaml.safe_dump(hostile_menu(), allow_unicode=True), encoding="utf-8")
    out = write_review(ivrmaze.load(str(src)), str(tmp_path / "hostile.html"))
    page, events = open_page(browser, out)
    page.select_option("#ivm-intent", value="x")
    page.locator("ol.findings:not([hidden]) a.finding-link").first.click()
    assert events["dialogs"] == [] and events["errors"] == []
    assert all(u.startswith("file://") for u in events["requests"]), events["requests"]
    assert page.evaluate("() => document.scripts.length") == 2
    assert page.evaluate("() => document.querySelectorAll('img, iframe, object, embed').length") == 0
    body = page.inner_text("body")
    assert HOSTILE[2].split("<!--")[0] in body and HOSTILE[1] in body
    titles = page.evaluate("() => [...document.querySelectorAll('svg title')].map(t => t.textContent)")
    for text in HOSTILE:
        assert any(text in t for t in titles), text
    page.screenshot(path=str(artifact("review-hostile.png")))
    page.close()


def test_one_instant_page(browser, tmp_path):
    require_dot()
    out = write_review(ivrmaze.load(MOBISTAR), str(tmp_path / "fri.html"), at="Fri 16:30")
    page, events = open_page(browser, out)
    assert page.is_visible("#ivm-at") and "One instant: Fri 16:30." in page.inner_text("header")
    assert page.is_disabled("#ivm-time")
    assert page.evaluate("() => [...document.getElementById('ivm-time').options].map(o => o.text)") == [
        "Fri 16:30 only"]
    status = page.inner_text("#ivm-status")
    assert status.startswith("Fri 16:30 only: the maze as it is at this instant.") and "Switchboard" in status
    sw = node_id(page, "switchboard")
    assert classes(page, sw).count("mark-closed") == 1  # drawn closed, and not marked twice by the script
    assert shape_style(page, sw, "fill") == GREY
    assert "mark-closed" not in classes(page, node_id(page, "billing"))
    link = page.locator("ol.findings:not([hidden]) a.finding-link").first
    link.click()
    assert page.evaluate("() => document.querySelectorAll('g.node.hl').length") > 0
    page.keyboard.press("Escape")
    assert page.evaluate("() => document.querySelectorAll('g.hl').length") == 0
    page.select_option("#ivm-intent", value="remove-container")
    assert "no route resolves it here" in page.inner_text("#ivm-status")
    assert sw in page.evaluate("() => [...document.querySelectorAll('g.node.mark-trap')].map(g => g.id)")
    page.select_option("#ivm-intent", value="invoice")
    assert "best route 2 hops" in page.inner_text("#ivm-status")
    assert page.locator("#ivm-metrics tbody tr:not([hidden])").count() == 1  # its one row at this instant
    page.screenshot(path=str(artifact("review-mobistar-at-fri-1630.png")))
    page.emulate_media(media="print")
    assert page.locator(".controls").is_hidden() and page.is_visible("#ivm-at")
    assert events["errors"] == [] and all(u.startswith("file://") for u in events["requests"])
    page.close()


def shown_findings(page):
    """(severity, intent, where) of each finding the page shows now."""
    return page.evaluate("""() => [...document.querySelectorAll('ol.findings:not([hidden]) li.finding')]
        .filter(li => !li.hidden).map(li => [li.querySelector('.sev').textContent, li.dataset.intent,
                                              li.querySelector('.where').textContent])""")


def test_findings_errors_first_then_file_and_line(browser, mobistar_html):
    page, events = open_page(browser, mobistar_html)
    for window in ("-1", "1", "2"):
        page.select_option("#ivm-time", value=window)
        shown = shown_findings(page)
        assert shown, window
        rank = {"error": 0, "warning": 1, "info": 2}
        keys = [(rank[sev], where.split(":")[0], int(where.split(":")[1])) for sev, _, where in shown]
        assert keys == sorted(keys), window
    page.select_option("#ivm-time", value="-1")
    assert [(s, w) for s, _, w in shown_findings(page)][:3] == [
        ("error", "menus/mobistar-2011.yaml:28:7"), ("error", "menus/mobistar-2011.yaml:54:5"),
        ("warning", "menus/mobistar-2011.yaml:31:7")]  # the unannounced `*` (wired-not-announced)
    assert events["errors"] == []
    page.close()


def test_intent_selector_filters_findings_and_metrics(browser, mobistar_html):
    page, events = open_page(browser, mobistar_html)
    everything = shown_findings(page)
    assert {i for _, i, _ in everything} == {"outage", "remove-container", ""}
    page.select_option("#ivm-intent", value="outage")
    shown = shown_findings(page)
    assert {i for _, i, _ in shown} == {"outage", ""}  # findings about no intent stay
    assert len(shown) == len(everything) - 1
    assert page.inner_text("#ivm-counts") == "1 error, 4 warnings"
    assert "1 finding about other intents not shown" in page.inner_text("#ivm-filtered")
    rows = page.evaluate("""() => [...document.querySelectorAll('#ivm-metrics tbody tr')]
                               .filter(tr => !tr.hidden).map(tr => tr.dataset.intent)""")
    assert rows and set(rows) == {"outage"}
    page.select_option("#ivm-intent", value="")
    assert shown_findings(page) == everything and page.is_hidden("#ivm-filtered")
    assert page.inner_text("#ivm-counts") == "2 errors, 4 warnings"
    assert events["errors"] == []
    page.close()


def test_header_counts_follow_time_and_intent(browser, mobistar_html):
    page, events = open_page(browser, mobistar_html)
    # the warnings include the unannounced `*` of the main menu (wired-not-announced), at all times
    assert page.inner_text("#ivm-counts") == "2 errors, 4 warnings"  # the whole week, as written
    page.select_option("#ivm-time", label="Mon 20:00-Tue 08:00")
    assert page.inner_text("#ivm-counts") == "3 errors, 3 warnings"
    page.select_option("#ivm-time", label="Mon 08:00-16:00")
    assert page.inner_text("#ivm-counts") == "1 error, 3 warnings"
    page.select_option("#ivm-time", label="Mon 16:00-20:00")
    page.select_option("#ivm-intent", value="invoice")
    # the closed switchboard's silent bounce and the unannounced `*` (about no intent), the goodbye dead end
    assert page.inner_text("#ivm-counts") == "0 errors, 3 warnings"
    page.select_option("#ivm-time", label="Mon 20:00-Tue 08:00")
    assert page.inner_text("#ivm-counts") == "1 error, 3 warnings"
    assert events["errors"] == []
    page.close()
