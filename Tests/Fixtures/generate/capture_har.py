"""Make a real HAR 1.2 file: Chromium (Debian's, driven by Playwright) records its traffic to
cookie_app.py, and the cookies Chromium then holds are saved beside it as the expectation.

Run from the repository root:  python3 Tests/Fixtures/generate/capture_har.py
Needs Flask and `cryptography` (cookie_app.py, HTTPS), `pip install playwright` and
`apt-get install chromium` (no Playwright browser download).

Writes into Tests/Fixtures/captured/:
  chromium-playwright.har              Playwright record_har_path (content omitted)
  chromium-playwright.har.expected.json  context.cookies() after the same visits
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from capture_formats import OUT, free_port, start_app  # noqa: E402


def main():
    from playwright.sync_api import sync_playwright

    os.makedirs(OUT, exist_ok=True)
    http_port, https_port = free_port(), free_port()
    apps = [start_app(http_port), start_app(https_port, https=True)]
    har = os.path.join(OUT, "chromium-playwright.har")
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--no-sandbox", "--host-resolver-rules=MAP *.example.test 127.0.0.1"],
            )
            context = browser.new_context(
                ignore_https_errors=True, record_har_path=har, record_har_content="omit"
            )
            page = context.new_page()
            for path in ("/set", "/login", "/multi", "/delete"):
                page.goto(f"http://www.example.test:{http_port}{path}")
            page.goto(f"https://www.example.test:{https_port}/set")
            page.goto(f"http://www.example.test:{http_port}/redirect")
            cookies = context.cookies()
            context.close()  # writes the HAR
            browser.close()
    finally:
        for a in apps:
            a.kill()
    with open(har + ".expected.json", "w") as f:
        json.dump(cookies, f, indent=2)
        f.write("\n")
    print("wrote", har)


if __name__ == "__main__":
    main()
