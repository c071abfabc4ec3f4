"""Make real LWP, Playwright storageState and CDP cookie files from cookie_app.py.

Run from the repository root:  python3 Tests/Fixtures/generate/capture_formats.py
Needs Flask and `cryptography` (cookie_app.py, HTTPS), and for the browser files
`pip install playwright` plus Debian's chromium (`apt-get install chromium`; no
Playwright browser download).

Writes into Tests/Fixtures/captured/:
  lwp-written-by-cpython-urllib.txt         CPython LWPCookieJar.save after urllib visits
  playwright-storage-state.json             Playwright context.storage_state(path=...)
  playwright-storage-state.expected.json    what Playwright loads back from it
                                            (new_context(storage_state=...).cookies())
  cdp-network-getallcookies.json            CDP Network.getAllCookies "cookies" array
                                            (the objects Puppeteer's page.cookies() returns)

Hosts: the app listens on 127.0.0.1 only. CPython reaches http://www.example.test through a
proxy setting that points at the app itself (Werkzeug serves absolute-form request URIs);
Chromium maps *.example.test to 127.0.0.1 with --host-resolver-rules. COOKIE_DOMAIN makes the
app set domain cookies for example.test.
"""
import http.cookiejar
import json
import os
import socket
import ssl
import subprocess
import sys
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(HERE), "captured")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_app(port, https=False):
    env = dict(os.environ, COOKIE_DOMAIN="example.test")
    args = [sys.executable, os.path.join(HERE, "cookie_app.py"), "--port", str(port)]
    if https:
        args.append("--https")
    p = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return p
        except OSError:
            time.sleep(0.1)
    p.kill()
    raise SystemExit(f"cookie_app.py did not start on port {port}")


def capture_cpython(http_port, https_port):
    jar = http.cookiejar.LWPCookieJar()
    proxy = urllib.request.ProxyHandler({"http": f"http://127.0.0.1:{http_port}"})
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    opener = urllib.request.build_opener(
        proxy, urllib.request.HTTPCookieProcessor(jar), urllib.request.HTTPSHandler(context=ctx)
    )
    for path in ("/set", "/login", "/multi", "/redirect"):
        opener.open(f"http://www.example.test:{http_port}{path}").read()
    # Secure cookies come only over HTTPS; no proxy for it, so the host is the IP.
    opener.open(f"https://127.0.0.1:{https_port}/set").read()
    path = os.path.join(OUT, "lwp-written-by-cpython-urllib.txt")
    jar.save(path, ignore_discard=True, ignore_expires=True)
    print("wrote", path, len(jar), "cookies")


def capture_browser(http_port, https_port):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("playwright is not installed; browser files not made", file=sys.stderr)
        return
    state_path = os.path.join(OUT, "playwright-storage-state.json")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--host-resolver-rules=MAP *.example.test 127.0.0.1"],
        )
        context = browser.new_context(ignore_https_errors=True)
        page = context.new_page()
        for path in ("/set", "/login", "/multi"):
            page.goto(f"http://www.example.test:{http_port}{path}")
        page.goto(f"https://www.example.test:{https_port}/set")
        # A CHIPS cookie (the app cannot send Partitioned), so the files carry a partition key.
        page.evaluate("document.cookie = 'chip=partitioned; Secure; Path=/; SameSite=None; Partitioned; Max-Age=86400'")
        # localStorage, so the storageState has "origins" a reader must skip.
        page.evaluate("localStorage.setItem('theme', 'dark')")
        context.storage_state(path=state_path)
        cdp = context.new_cdp_session(page)
        cookies = cdp.send("Network.getAllCookies")["cookies"]
        with open(os.path.join(OUT, "cdp-network-getallcookies.json"), "w") as f:
            json.dump(cookies, f, indent=2)
            f.write("\n")
        context.close()
        # The expectation: what Playwright itself loads back from the file.
        again = browser.new_context(storage_state=state_path)
        with open(os.path.join(OUT, "playwright-storage-state.expected.json"), "w") as f:
            json.dump(again.cookies(), f, indent=2)
            f.write("\n")
        browser.close()
    print("wrote", state_path, "and the CDP cookie array")


def main():
    os.makedirs(OUT, exist_ok=True)
    http_port, https_port = free_port(), free_port()
    apps = [start_app(http_port), start_app(https_port, https=True)]
    try:
        capture_cpython(http_port, https_port)
        capture_browser(http_port, https_port)
    finally:
        for a in apps:
            a.terminate()
            a.wait()


if __name__ == "__main__":
    main()
