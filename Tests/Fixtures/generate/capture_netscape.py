#!/usr/bin/env python3
"""Makes real cookies.txt files with curl, wget, CPython's MozillaCookieJar and yt-dlp.

Each program fetches /set, /login and /multi from cookie_app.py (Flask, loopback) as
http://www.example.com:PORT/ through the app used as an HTTP proxy (so the domain cookie
for example.com is accepted without touching DNS), then saves its jar. For the Python
producers the script also dumps the producer's own in-memory view of each cookie to
`<file>.expected.json`, which the Swift tests compare against.

Run from anywhere: python3 Tests/Fixtures/generate/capture_netscape.py
Needs: flask, curl, wget, yt-dlp (pip install yt-dlp).
"""
import http.cookiejar
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(HERE), "netscape")
PORT = 8791
BASE = f"http://www.example.com:{PORT}"
PATHS = ["/set", "/login", "/multi"]
PROXY = f"127.0.0.1:{PORT}"


def wait_for_port(port):
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    sys.exit("cookie_app.py did not start")


def dump(jar, path):
    """The producer's own view of its cookies, for the tests."""
    out = []
    for c in jar:
        out.append({
            "name": c.name, "value": c.value, "domain": c.domain, "path": c.path,
            "secure": c.secure, "expires": c.expires,
            # CPython keeps HttpOnly in memory but does not write it (gh-113775).
            "httpOnlyInMemory": c.has_nonstandard_attr("HttpOnly") or c.has_nonstandard_attr("HTTPOnly"),
        })
    out.sort(key=lambda c: (c["domain"], c["path"], c["name"]))
    with open(path + ".expected.json", "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


def with_python_jar(jar):
    opener = urllib.request.build_opener(
        urllib.request.ProxyHandler({"http": "http://" + PROXY}),
        urllib.request.HTTPCookieProcessor(jar))
    for p in PATHS:
        opener.open(BASE + p).read()


def capture_https(env):
    """curl and CPython over HTTPS (self-signed), for the Secure and prefixed cookies.

    No proxy here (the app cannot tunnel CONNECT): curl gets --resolve, CPython a
    getaddrinfo that maps www.example.com to loopback.
    """
    import socket as socket_module
    import ssl

    port = PORT + 1
    base = f"https://www.example.com:{port}"
    app = subprocess.Popen([sys.executable, os.path.join(HERE, "cookie_app.py"), "--port", str(port), "--https"],
                           env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port)
        curl_out = os.path.join(OUT, "curl-https.txt")
        for p in PATHS:
            subprocess.run(["curl", "-sk", "-o", "/dev/null", "--resolve", f"www.example.com:{port}:127.0.0.1",
                            "-b", curl_out, "-c", curl_out, base + p], check=True)
        real = socket_module.getaddrinfo
        socket_module.getaddrinfo = lambda host, *a, **k: real("127.0.0.1" if host == "www.example.com" else host, *a, **k)
        try:
            cpy_out = os.path.join(OUT, "cpython-https.txt")
            jar = http.cookiejar.MozillaCookieJar(cpy_out)
            ctx = ssl._create_unverified_context()
            opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=ctx),
                                                 urllib.request.HTTPCookieProcessor(jar))
            for p in PATHS:
                opener.open(base + p).read()
            jar.save(ignore_discard=True, ignore_expires=True)
            dump(jar, cpy_out)
        finally:
            socket_module.getaddrinfo = real
    finally:
        app.terminate()
        app.wait()


def main():
    os.makedirs(OUT, exist_ok=True)
    env = dict(os.environ, COOKIE_DOMAIN="example.com")
    app = subprocess.Popen([sys.executable, os.path.join(HERE, "cookie_app.py"), "--port", str(PORT)],
                           env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(PORT)
        curl_out = os.path.join(OUT, "curl.txt")
        for p in PATHS:
            subprocess.run(["curl", "-s", "-o", "/dev/null", "-x", "http://" + PROXY, "-b", curl_out,
                            "-c", curl_out, BASE + p], check=True)
        wget_out = os.path.join(OUT, "wget.txt")
        for p in PATHS:
            args = ["wget", "-q", "-O", "/dev/null", "-e", "use_proxy=yes", "-e", "http_proxy=" + PROXY,
                    "--save-cookies", wget_out, "--keep-session-cookies"]
            if os.path.exists(wget_out):
                args += ["--load-cookies", wget_out]
            subprocess.run(args + [BASE + p], check=True)

        cpy_out = os.path.join(OUT, "cpython-mozillacookiejar.txt")
        jar = http.cookiejar.MozillaCookieJar(cpy_out)
        with_python_jar(jar)
        jar.save(ignore_discard=True, ignore_expires=True)
        dump(jar, cpy_out)

        from yt_dlp.cookies import YoutubeDLCookieJar
        ytd_out = os.path.join(OUT, "yt-dlp.txt")
        jar = YoutubeDLCookieJar(ytd_out)
        with_python_jar(jar)
        jar.save()
        dump(jar, ytd_out)
    finally:
        app.terminate()
        app.wait()
    capture_https(env)
    for name in sorted(os.listdir(OUT)):
        print(os.path.join(OUT, name))


if __name__ == "__main__":
    main()
