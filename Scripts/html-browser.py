#!/usr/bin/env python3
"""Opens an HTML report in headless Chromium, as a reader would, and checks it.

    python3 Scripts/html-browser.py REPORT.html [--max-load 10] [--json]

It measures how long the page takes to load (until the load event, the page's
own script included), how many elements it has and how much JavaScript memory
it uses; it runs axe-core (WCAG 2.0/2.1/2.2 A and AA rules and best practices)
on the page as it opens and again with a building's flats and findings shown;
it sorts the flats' table by class and times it; and at a phone's width (375 px)
it checks that the class is beside the flat in the table, that chart text is at
least 12 px high and that no chart label runs off its chart.

Exit 0 when axe finds no violation and every check holds; 1 otherwise.

Needs: apt-get install chromium chromium-driver; pip install selenium; and
axe-core's axe.min.js, found in the axe-playwright-python wheel
(pip install --no-deps axe-playwright-python) or given with --axe PATH.
"""

import argparse
import importlib.util
import json
import os
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service


def axe_source(path):
    if path:
        return open(path, encoding="utf-8").read()
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec is None or spec.origin is None:
        sys.exit("html-browser: axe.min.js not found: pip install --no-deps axe-playwright-python, or --axe PATH")
    return open(os.path.join(os.path.dirname(spec.origin), "axe.min.js"), encoding="utf-8").read()


def browser(width, height):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     f"--window-size={width},{height}", "--enable-precise-memory-info"]:
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(600)
    driver.set_script_timeout(600)
    return driver


def run_axe(driver, axe):
    driver.execute_script(axe)
    result = driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(function (r) { done(r.violations); })"
        ".catch(function (e) { done([{id: 'axe-error', help: String(e), nodes: []}]); });")
    return [{"id": v["id"], "impact": v.get("impact"), "help": v["help"],
             "nodes": len(v["nodes"]),
             "first": (v["nodes"][0]["target"] if v["nodes"] else None)} for v in result]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report")
    parser.add_argument("--max-load", type=float, default=10.0, help="seconds (default 10)")
    parser.add_argument("--axe", help="path of axe.min.js")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    arguments = parser.parse_args()
    url = "file://" + os.path.abspath(arguments.report)
    axe = axe_source(arguments.axe)
    results = {"report": arguments.report, "bytes": os.path.getsize(arguments.report)}
    problems = []

    driver = browser(1280, 900)
    try:
        started = time.monotonic()
        driver.get(url)
        results["loadSeconds"] = round(time.monotonic() - started, 2)
        timing = driver.execute_script(
            "var t = performance.getEntriesByType('navigation')[0];"
            "return {domContentLoaded: t.domContentLoadedEventEnd, load: t.loadEventEnd,"
            " elements: document.getElementsByTagName('*').length,"
            " heap: performance.memory ? performance.memory.usedJSHeapSize : null,"
            " rowsShown: document.querySelectorAll('#flat-table tbody tr').length,"
            " flats: (document.getElementById('flat-count') || {}).textContent || ''};")
        results.update({
            "domContentLoadedSeconds": round(timing["domContentLoaded"] / 1000, 2),
            "loadEventSeconds": round(timing["load"] / 1000, 2),
            "elements": timing["elements"],
            "jsHeapMB": round((timing["heap"] or 0) / 1e6, 1),
            "rowsShown": timing["rowsShown"],
            "flatCount": timing["flats"],
        })
        if results["loadSeconds"] > arguments.max_load:
            problems.append(f"load took {results['loadSeconds']} s, over {arguments.max_load} s")
        # At a desktop's width no chart needs its scroll box (a chart that
        # scrolls there hides the end of its bars and notes).
        scrolling = driver.execute_script(
            "return Array.prototype.filter.call(document.querySelectorAll('.chart-scroll'),"
            " function (b) { return b.scrollWidth > b.clientWidth + 1; }).length;")
        results["chartsScrollingOnDesktop"] = scrolling
        if scrolling:
            problems.append(f"{scrolling} charts scroll at 1280 px: their ends are hidden")
        results["sortSeconds"] = round(driver.execute_script(
            "var b = document.querySelector('#flat-table thead th[data-type=rank] button');"
            "if (!b) { return 0; } var t = performance.now(); b.click(); return (performance.now() - t) / 1000;"), 2)
        violations = run_axe(driver, axe)
        # With a building's flats and findings shown (made on demand on a
        # large page, in the page on a small one).
        # The first building (its detail as text) and the last (gzipped on a
        # large page), opened as a reader would.
        driver.execute_script(
            "var all = document.querySelectorAll('details.lazy');"
            "[all[0], all[all.length - 1]].forEach(function (d) { if (d) { d.open = true; } });")
        opened = 0
        for _ in range(100):
            opened = driver.execute_script("return document.querySelectorAll('article.flat').length;")
            lazy = driver.execute_script("return document.querySelectorAll('details.lazy').length;")
            filled = driver.execute_script(
                "var all = document.querySelectorAll('details.lazy .slot');"
                "return all.length === 0 || !!all[all.length - 1].firstChild;")
            if opened and filled:
                break
            time.sleep(0.1)
        results["lazyBuildings"] = lazy
        results["flatArticlesAfterOpening"] = opened
        if opened == 0:
            problems.append("no flat's detail could be shown")
        violations += [dict(v, id=v["id"] + " (opened)") for v in run_axe(driver, axe)]
        results["axeViolations"] = violations
        if violations:
            problems.append(f"axe-core: {len(violations)} violations")
    finally:
        driver.quit()

    phone = browser(375, 800)
    try:
        phone.get(url)
        checks = phone.execute_script("""
            var out = {};
            var row = document.querySelector('#flat-table tbody tr');
            if (row) {
              var cls = row.cells[1].getBoundingClientRect();
              out.classCellRight = Math.round(cls.right);
              out.classHeader = document.querySelector('#flat-table thead th:nth-child(2)').textContent;
            }
            var smallest = 1e9, cut = [];
            document.querySelectorAll('figure.chart svg text').forEach(function (t) {
              var box = t.getBoundingClientRect();
              if (box.height > 0) { smallest = Math.min(smallest, box.height); }
              var svg = t.ownerSVGElement.getBoundingClientRect();
              if (box.right > svg.right + 0.5 || box.left < svg.left - 0.5) { cut.push(t.textContent); }
            });
            out.smallestChartText = smallest === 1e9 ? null : Math.round(smallest * 10) / 10;
            out.cutChartLabels = cut;
            out.pageWiderThanPhone = document.documentElement.scrollWidth > window.innerWidth + 1;
            return out;""")
        results["phone"] = checks
        if checks.get("classCellRight", 0) > 375:
            problems.append("phone: the class is not beside the flat")
        if checks.get("smallestChartText") is not None and checks["smallestChartText"] < 12:
            problems.append(f"phone: chart text {checks['smallestChartText']} px high")
        if checks.get("cutChartLabels"):
            problems.append(f"phone: chart labels cut: {checks['cutChartLabels'][:3]}")
        if checks.get("pageWiderThanPhone"):
            problems.append("phone: the page is wider than the screen (a table or chart outside a scroll box)")
    finally:
        phone.quit()

    results["problems"] = problems
    if arguments.json:
        json.dump(results, sys.stdout, indent=2)
        print()
    else:
        for key, value in results.items():
            if key not in ("axeViolations", "problems"):
                print(f"{key}: {value}")
        for violation in results["axeViolations"]:
            print(f"axe: {violation['id']} ({violation['impact']}): {violation['help']}, "
                  f"{violation['nodes']} elements, first {violation['first']}")
        print("problems: " + ("; ".join(problems) if problems else "none"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
