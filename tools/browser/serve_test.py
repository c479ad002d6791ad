#!/usr/bin/python3
"""Drives Debian's Chromium over `cahier serve`, as an author would use it.

    tools/browser/serve_test.py CAHIER_BINARY

Starts `cahier serve` on a notebook in a temporary folder (any free port),
opens its page, saves the notebook with new text, and checks that the open
page reloads by itself and shows it, without a console error.

Needs chromium, chromium-driver and python3-selenium (Debian). When they
are missing it prints why and exits 0: the rest of the tests still run.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:
    print("serve browser test skipped: python3-selenium is not installed (apt-get install python3-selenium)")
    sys.exit(0)


def main(binary):
    folder = tempfile.mkdtemp()
    notebook = os.path.join(folder, "page.md")
    with open(notebook, "w") as f:
        f.write("# A page\n\nThe first version.\n\n```cahier\n> 2 + 2\n4\n```\n")
    log = open(os.path.join(folder, "log.txt"), "w+")
    server = subprocess.Popen([binary, "serve", folder, "--port", "0", "--stop-after", "1"], stdout=log, stderr=subprocess.STDOUT)
    try:
        address = None
        for _ in range(200):
            log.seek(0)
            text = log.read()
            if "serving http://" in text:
                address = text.split("serving ")[1].split()[0]
                break
            time.sleep(0.05)
        if address is None:
            print("FAIL: cahier serve did not start:", text)
            return 1
        options = webdriver.ChromeOptions()
        options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
        for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]:
            options.add_argument(argument)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
        try:
            driver.get(address + "page.html")
            body = driver.find_element(By.TAG_NAME, "body").text
            if "The first version." not in body:
                print("FAIL: the served page does not show the notebook:", body[:300])
                return 1
            time.sleep(0.5)
            with open(notebook + ".tmp", "w") as f:
                f.write("# A page\n\nThe second version.\n")
            os.rename(notebook + ".tmp", notebook)  # as editors save
            try:
                WebDriverWait(driver, 15).until(lambda d: "The second version." in d.find_element(By.TAG_NAME, "body").text)
            except Exception:
                print("FAIL: the open page did not reload after the save")
                return 1
            errors = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
            if errors:
                print("FAIL: console errors:", errors)
                return 1
        finally:
            driver.quit()
    finally:
        server.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)
    print("serve browser test: the open page reloaded with the saved notebook")
    return 0


if __name__ == "__main__":
    if not shutil.which("chromedriver") and not os.path.exists("/usr/bin/chromedriver"):
        print("serve browser test skipped: chromium-driver is not installed")
        sys.exit(0)
    sys.exit(main(sys.argv[1]))
