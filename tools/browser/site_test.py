#!/usr/bin/python3
"""Drives Debian's Chromium over a rendered course site, as a reader would.

    tools/browser/site_test.py SITE_DIR [SCREENSHOT_DIR]

From file:// and from a local web server it checks that: every page loads
without a console error; KaTeX typeset the math (and nothing failed to
typeset); the figures are there; every link inside the site and every
heading anchor resolves; the search finds a term and its result leads to
the section, and search documents with hostile ids (javascript:, other
sites, "..") give no link; each transcript has a copy button; on a phone the sidebar
folds behind its menu button and wide math scrolls instead of being
clipped, and each figure keeps its titles and labels inside its drawing,
none under 9 px; each chapter and sheet page links to a zip of its
notebook and data that is on the site, and each sheet page says how to
check oneself and hand in; the dark theme follows the system. Screenshots go to
SCREENSHOT_DIR (desktop, phone, dark, search) for a person to look at.

Needs chromium, chromium-driver and python3-selenium (Debian). When they
are missing it prints why and exits 0: the rest of the tests still run.
"""
import functools
import http.server
import os
import re
import shutil
import sys
import threading
import urllib.parse

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:
    print("browser test skipped: python3-selenium is not installed (apt-get install python3-selenium)")
    sys.exit(0)

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAIL:", message)


def browser(width, height):
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", f"--window-size={width},{height}",
                     "--allow-file-access-from-files"]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)


def console_errors(driver):
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def wait_ready(driver):
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
    # The page's own script runs on DOMContentLoaded; KaTeX and lunr load deferred.
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.querySelectorAll('button.copy').length >= document.querySelectorAll('.transcript').length"))


def pages(site):
    """Every page of the site: the chapters and the home at the top, the sheets' pages in their folders."""
    found = []
    for folder, folders, names in os.walk(site):
        folders[:] = [f for f in folders if f != "katex"]
        found += [os.path.relpath(os.path.join(folder, n), site) for n in names if n.endswith(".html")]
    return sorted(found)


def local_target(site, page, href):
    """The file a relative link of `page` points to, and its fragment."""
    parsed = urllib.parse.urlparse(href)
    if parsed.scheme or href.startswith("//"):
        return None, None
    path = urllib.parse.unquote(parsed.path)
    base = os.path.dirname(os.path.join(site, page))
    return (os.path.normpath(os.path.join(base, path)) if path else os.path.join(site, page)), parsed.fragment


def check_pages(driver, site, base_url, label):
    for page in pages(site):
        driver.get(base_url + page)
        wait_ready(driver)
        errors = console_errors(driver)
        check(not errors, f"{label} {page}: console errors {errors}")
        maths = driver.execute_script("return document.querySelectorAll('.math').length")
        typeset = driver.execute_script("return document.querySelectorAll('.math .katex').length")
        check(typeset == maths, f"{label} {page}: {maths} math spans, {typeset} typeset by KaTeX")
        check(driver.execute_script("return document.querySelectorAll('.math-error, .katex-error').length") == 0,
              f"{label} {page}: KaTeX reported an error")
        figures = driver.execute_script("return document.querySelectorAll('figure.plot svg').length")
        placeholders = driver.page_source.count("[figure:")
        check(placeholders == 0, f"{label} {page}: a figure shows as text")
        if page == "05-multiclass-linear.html":
            check(figures >= 3, f"{label} {page}: {figures} figures")
        transcripts = driver.execute_script("return document.querySelectorAll('.transcript').length")
        buttons = driver.execute_script("return document.querySelectorAll('.transcript > button.copy').length")
        check(transcripts == buttons, f"{label} {page}: {transcripts} transcripts, {buttons} copy buttons")
        ids = set(driver.execute_script("return Array.from(document.querySelectorAll('[id]')).map(function (e) { return e.id; })"))
        for href in driver.execute_script("return Array.from(document.querySelectorAll('a[href]')).map(function (a) { return a.getAttribute('href'); })"):
            target, fragment = local_target(site, page, href)
            if target is None:
                continue
            if target.endswith("/"):
                check(os.path.isdir(target), f"{label} {page}: link {href} leads nowhere")
                continue
            check(os.path.exists(target), f"{label} {page}: link {href} leads nowhere")
            if fragment and os.path.abspath(target) == os.path.abspath(os.path.join(site, page)):
                check(fragment in ids, f"{label} {page}: anchor #{fragment} is not on the page")


def check_search(driver, site, base_url, label, screenshots=None):
    driver.get(base_url + "index.html")
    wait_ready(driver)
    box = driver.find_element(By.ID, "search")
    box.send_keys("cross-entropy")
    WebDriverWait(driver, 10).until(expected_conditions.visibility_of_element_located((By.CSS_SELECTOR, "#results a")))
    links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "#results a")]
    check(any("08-softmax-cross-entropy.html" in link for link in links), f"{label}: searching cross-entropy does not find chapter 8: {links}")
    if screenshots:
        driver.save_screenshot(os.path.join(screenshots, "search.png"))
    target = next((link for link in links if "08-softmax-cross-entropy.html#" in link), links[0] if links else None)
    if target:
        # Down then Enter opens the first result, as a keyboard user would.
        box.send_keys(Keys.ARROW_DOWN)
        box.send_keys(Keys.ENTER)
        WebDriverWait(driver, 10).until(lambda d: d.current_url != base_url + "index.html")
        check(driver.current_url.split("#")[0] == links[0].split("#")[0], f"{label}: Enter opened {driver.current_url}, not {links[0]}")
        driver.get(target)
        wait_ready(driver)
        fragment = urllib.parse.urlparse(target).fragment
        if fragment:
            check(driver.execute_script("var e = document.getElementById(arguments[0]); return e !== null;", fragment),
                  f"{label}: the search result's anchor #{fragment} is not on its page")
    box = driver.find_element(By.ID, "search")
    box.clear()
    box.send_keys("perceptron")
    WebDriverWait(driver, 10).until(expected_conditions.visibility_of_element_located((By.CSS_SELECTOR, "#results a")))
    check(len(driver.find_elements(By.CSS_SELECTOR, "#results a")) >= 3, f"{label}: perceptron is found in fewer than 3 sections")


def search_links(driver, query):
    """Types `query` in the page's search box; the results' links, or [] when it shows nothing found."""
    box = driver.find_element(By.ID, "search")
    box.clear()
    box.send_keys(query)
    WebDriverWait(driver, 10).until(expected_conditions.visibility_of_element_located((By.ID, "results")))
    return [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "#results a")]


def check_editions(driver, site, base_url, label, screenshots=None):
    """Each edition's pages are in its language with its interface, link their translations, and search in it."""
    french = [p for p in pages(site) if p.startswith("fr/")]
    check(bool(french), f"{label}: the site has no French edition (fr/)")
    for page in pages(site):
        driver.get(base_url + page)
        wait_ready(driver)
        lang = driver.execute_script("return document.documentElement.lang")
        check(lang == ("fr" if page.startswith("fr/") else "en"), f"{label} {page}: lang={lang!r}")
        switch = driver.execute_script("return Array.from(document.querySelectorAll('nav.languages a')).map(function (a) { return [a.getAttribute('hreflang'), a.href]; })")
        check(len(switch) == 1, f"{label} {page}: language switch {switch}")
        if switch:
            other = page[3:] if page.startswith("fr/") else "fr/" + page
            expected = other if os.path.exists(os.path.join(site, other)) else ("index.html" if page.startswith("fr/") else "fr/index.html")
            check(switch[0][1].split("#")[0] == base_url + expected, f"{label} {page}: the switch leads to {switch[0][1]}, not {expected}")
    driver.get(base_url + "fr/index.html")
    wait_ready(driver)
    placeholder = driver.find_element(By.ID, "search").get_attribute("placeholder")
    check(placeholder == "Rechercher dans le cours", f"{label}: the French search box says {placeholder!r}")
    copy = driver.execute_script("var b = document.querySelector('button.copy'); return b ? b.textContent : 'Copier';")
    check(copy == "Copier", f"{label}: the French copy button says {copy!r}")
    # Accents folded: the word typed without its accent finds the chapter that has it.
    links = search_links(driver, "retropropagation")
    check(any("/fr/09-training-an-mlp.html" in link for link in links), f"{label}: 'retropropagation' does not find the French chapter 9: {links}")
    check(all("/fr/" in link for link in links), f"{label}: the French search leads out of the French edition: {links}")
    if screenshots:
        driver.save_screenshot(os.path.join(screenshots, "search-fr.png"))
    # Stemmed: the plural finds sections where only the singular is written.
    documents = driver.execute_script("return window.CAHIER_SEARCH")
    singular_only = {urllib.parse.unquote(d["id"]) for d in documents if "neurone" in d["text"].lower() and "neurones" not in d["text"].lower()}
    links = search_links(driver, "neurones")
    found = {urllib.parse.unquote(link.split(base_url)[-1]) for link in links}
    check(any(("./" + f) in singular_only for f in found), f"{label}: 'neurones' finds no section that writes only 'neurone' ({len(singular_only)} such sections)")
    links = search_links(driver, "zzzqqq")
    none = driver.execute_script("var n = document.querySelector('#results .none'); return n ? n.textContent : '';")
    check(none.startswith("Aucun résultat pour"), f"{label}: a French search that finds nothing says {none!r}")


# Search documents a hostile or broken index could hold: the script must follow only
# ./path.html#fragment addresses that stay in the site (the renderer writes no other kind).
HOSTILE_IDS = ["javascript:alert(1337)", "javascript:alert(1337).html", "JaVaScRiPt:alert(1337)//.html", "https://evil.example/x.html",
               "//evil.example/x.html", "./../outside.html", "./%2e%2e/outside.html", "./.%2E/outside.html", "../x.html",
               "./x.html?q=1", "data:text/html,<script>alert(1337)</script>.html", " ./x.html", "./x.html\n"]
SAFE_IDS = ["./javascript%3Aalert%281337%29.html", "./index.html#chapters"]


def hostile_results(driver, base_url, safe):
    """Loads the home page with search documents made of the hostile ids and `safe`, searches, returns the links shown."""
    driver.get(base_url + "index.html")
    wait_ready(driver)
    documents = [{"id": i, "page": "Zebra " + str(n), "section": "", "text": "zebra"} for n, i in enumerate(HOSTILE_IDS + safe)]
    driver.execute_script("window.CAHIER_SEARCH = arguments[0];", documents)
    box = driver.find_element(By.ID, "search")
    box.send_keys("zebra")
    WebDriverWait(driver, 10).until(expected_conditions.visibility_of_element_located((By.CSS_SELECTOR, "#results li")))
    return box, sorted(a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "#results a"))


def check_hostile_search(driver, base_url, label):
    """Search results built from hostile ids: only the site's own pages are linked, and nothing runs."""
    _, links = hostile_results(driver, base_url, SAFE_IDS)
    expected = sorted(base_url + i[2:] for i in SAFE_IDS)
    check(links == expected, f"{label}: hostile search ids gave links {links}, expected only {expected}")
    # Down then Enter follows the one page there is to follow (a page every site has).
    box, links = hostile_results(driver, base_url, ["./index.html#chapters"])
    box.send_keys(Keys.ARROW_DOWN)
    box.send_keys(Keys.ENTER)
    WebDriverWait(driver, 10).until(lambda d: d.current_url != base_url + "index.html")
    check(driver.current_url == base_url + "index.html#chapters", f"{label}: Enter on a hostile search opened {driver.current_url}")
    try:
        alert = driver.switch_to.alert
        check(False, f"{label}: a search result ran a script: {alert.text}")
        alert.accept()
    except Exception:
        pass


def check_phone(site, screenshots):
    driver = browser(500, 900)
    try:
        # A phone's screen: headless Chromium's window is at least 500 pixels wide, so emulate the device.
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True})
        driver.get("file://" + os.path.join(site, "00c-learning-from-data.html"))
        wait_ready(driver)
        sidebar_hidden = driver.execute_script("return getComputedStyle(document.getElementById('sidebar')).display === 'none'")
        check(sidebar_hidden, "phone: the sidebar is not folded away")
        menu = driver.find_element(By.CSS_SELECTOR, "button.menu")
        check(menu.is_displayed(), "phone: no menu button")
        menu.click()
        check(driver.execute_script("return getComputedStyle(document.getElementById('sidebar')).display !== 'none'"), "phone: the menu does not open the sidebar")
        menu.click()
        # Wide display math scrolls within its own box instead of being clipped or widening the page.
        wide = driver.execute_script(
            "return Array.from(document.querySelectorAll('.math.display')).filter(function (e) { return e.scrollWidth > e.clientWidth + 1; })"
            ".map(function (e) { return getComputedStyle(e).overflowX; })")
        check(all(style in ("auto", "scroll") for style in wide), f"phone: wide math does not scroll: {wide}")
        check(len(wide) >= 1, "phone: expected at least one display formula wider than a phone")
        page_width = driver.execute_script("return document.documentElement.scrollWidth")
        check(page_width <= 390 + 1, f"phone: the page is {page_width} px wide, wider than the screen")
        check_phone_figures(driver, site)
        if screenshots:
            driver.save_screenshot(os.path.join(screenshots, "phone.png"))
    finally:
        driver.quit()


def check_phone_figures(driver, site):
    """On a phone, every text of every figure lies inside its drawing and is drawn at 9 px or more."""
    measured = 0
    for page in pages(site):
        driver.get("file://" + os.path.join(site, page))
        wait_ready(driver)
        problems = driver.execute_script("""
            var out = [];
            document.querySelectorAll('figure.plot svg').forEach(function (svg) {
              var box = svg.getBoundingClientRect(), scale = box.width / svg.viewBox.baseVal.width;
              svg.querySelectorAll('text').forEach(function (t) {
                if (!t.textContent.trim()) return;
                var b = t.getBoundingClientRect(), size = parseFloat(t.getAttribute('font-size')) * scale;
                if (b.left < box.left - 0.5 || b.right > box.right + 0.5) out.push('clipped: ' + t.textContent);
                if (size < 9) out.push(size.toFixed(1) + ' px: ' + t.textContent);
              });
            });
            return [document.querySelectorAll('figure.plot svg').length, out];""")
        measured += problems[0]
        check(not problems[1], f"phone {page}: figure text {problems[1][:5]}")
    check(measured >= 5, f"phone: only {measured} figures measured")


def check_downloads(site):
    """Each chapter and sheet page offers a zip that is on the site; a sheet's page says how to hand in."""
    for page in pages(site):
        with open(os.path.join(site, page), encoding="utf-8") as f:
            html = f.read()
        if os.path.basename(page) == "index.html":
            # Each edition's home offers its course's zip, in its folder.
            folder = os.path.dirname(page)
            check(re.search(r'href="[./]*(?:%s/)?course\.zip" download' % re.escape(folder), html) is not None, f"{page}: no link to its course's zip")
            check(os.path.exists(os.path.join(site, folder, "course.zip")), f"{page}: its course's zip is not on the site")
            continue
        zip_name = os.path.splitext(os.path.basename(page))[0] + ".zip"
        check(f'href="./{urllib.parse.quote(zip_name)}" download' in html, f"{page}: no link to its zip")
        check(os.path.exists(os.path.join(site, os.path.dirname(page), zip_name)), f"{page}: its zip is not on the site")
        if page.startswith("exercises/"):
            check("Check yourself and hand in" in html, f"{page}: does not say how to check oneself and hand in")
        if page.startswith("fr/exercises/"):
            check("Vérifier son travail et le rendre" in html, f"{page}: does not say, in French, how to check oneself and hand in")
    check(os.path.exists(os.path.join(site, "course.zip")), "the course's zip is not on the site")


def check_dark(site, screenshots):
    driver = browser(1300, 1000)
    try:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
        driver.get("file://" + os.path.join(site, "08-softmax-cross-entropy.html"))
        wait_ready(driver)
        background = driver.execute_script("return getComputedStyle(document.body).backgroundColor")
        values = [int(v) for v in background[background.index("(") + 1:background.index(")")].split(",")[:3]]
        check(sum(values) < 150, f"dark: the background is {background}")
        if screenshots:
            driver.save_screenshot(os.path.join(screenshots, "dark.png"))
    finally:
        driver.quit()


def check_print(site):
    driver = browser(1300, 1000)
    try:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        driver.get("file://" + os.path.join(site, "02-perceptron.html"))
        wait_ready(driver)
        hidden = driver.execute_script("return ['#sidebar', 'header.top', 'aside.toc'].every(function (s) { var e = document.querySelector(s); return !e || getComputedStyle(e).display === 'none'; })")
        check(hidden, "print: the sidebar, header or outline would be printed")
    finally:
        driver.quit()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(site):
    handler = functools.partial(QuietHandler, directory=site)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    if not shutil.which("chromium") or not shutil.which("chromedriver"):
        print("browser test skipped: chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)")
        return 0
    site = os.path.abspath(sys.argv[1])
    screenshots = os.path.abspath(sys.argv[2]) if len(sys.argv) > 2 else None
    if screenshots:
        os.makedirs(screenshots, exist_ok=True)
    driver = browser(1400, 1100)
    server = serve(site)
    try:
        check_pages(driver, site, "file://" + site + "/", "file://")
        check_search(driver, site, "file://" + site + "/", "file://", screenshots)
        check_hostile_search(driver, "file://" + site + "/", "file://")
        check_editions(driver, site, "file://" + site + "/", "file://", screenshots)
        http_base = f"http://127.0.0.1:{server.server_address[1]}/"
        driver.get(http_base + "index.html")
        wait_ready(driver)
        check(not console_errors(driver), "http: console errors on the home page")
        check_search(driver, site, http_base, "http")
        check_hostile_search(driver, http_base, "http")
        if screenshots:
            driver.get("file://" + os.path.join(site, "05-multiclass-linear.html"))
            wait_ready(driver)
            driver.save_screenshot(os.path.join(screenshots, "desktop.png"))
    finally:
        driver.quit()
        server.shutdown()
    check_phone(site, screenshots)
    check_downloads(site)
    check_dark(site, screenshots)
    check_print(site)
    if failures:
        print(f"browser test: {len(failures)} problem(s)")
        return 1
    print(f"browser test: {len(pages(site))} pages checked from file:// and http://, search, phone, dark and print"
          + (f"; screenshots in {screenshots}" if screenshots else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
