"""A small Flask app that sets cookies the way the Flask cookies tutorial does.

Used only to make real fixture files: curl, wget, CPython, yt-dlp and browsers talk to it
on loopback and save what they stored. Run: python3 cookie_app.py --port 8766 [--https].
The domain cookies use COOKIE_DOMAIN (default: none, i.e. host-only everywhere).
"""
import argparse
import datetime
import os

from flask import Flask, make_response, redirect, request, session

app = Flask(__name__)
# Fixed throwaway key so the signed session cookie is reproducible in tests.
app.secret_key = "crumbs-fixture-secret"
DOMAIN = os.environ.get("COOKIE_DOMAIN") or None
FIXED_EXPIRES = datetime.datetime(2027, 6, 9, 10, 18, 14, tzinfo=datetime.timezone.utc)


@app.route("/")
def index():
    return "cookie fixture app\n"


@app.route("/set")
def set_cookies():
    resp = make_response("set\n")
    resp.set_cookie("username", "flask")  # session cookie, host-only, path /
    resp.set_cookie("max_age", "one-hour", max_age=3600)
    resp.set_cookie("expires_fixed", "until-2027", expires=FIXED_EXPIRES)
    resp.set_cookie("scoped", "app-only", path="/app", max_age=86400)
    resp.set_cookie("http_only", "no-js", httponly=True, max_age=86400)
    resp.set_cookie("lax", "lax-value", samesite="Lax", max_age=86400)
    resp.set_cookie("strict", "strict-value", samesite="Strict", max_age=86400)
    if request.scheme == "https":
        resp.set_cookie("secure_none", "cross-site", secure=True, samesite="None", max_age=86400)
        resp.set_cookie("__Host-id", "host-prefixed", secure=True, path="/", max_age=86400)
        resp.set_cookie("__Secure-token", "secure-prefixed", secure=True, max_age=86400)
    if DOMAIN:
        resp.set_cookie("domain_wide", "all-subdomains", domain=DOMAIN, max_age=86400)
    resp.set_cookie("quoted", '"a b"', max_age=86400)
    resp.set_cookie("encoded", "caf%C3%A9%3D1", max_age=86400)
    return resp


@app.route("/login")
def login():
    session["user"] = "alice"
    session["roles"] = ["admin", "dev"]
    return "logged in\n"


@app.route("/multi")
def multi():
    resp = make_response("multi\n")
    for i in range(3):
        resp.set_cookie(f"multi{i}", f"v{i}", max_age=600 * (i + 1))
    return resp


@app.route("/delete")
def delete():
    resp = make_response("deleted\n")
    resp.delete_cookie("username")
    resp.delete_cookie("scoped", path="/app")
    return resp


@app.route("/redirect")
def redirected():
    resp = redirect("/set")
    resp.set_cookie("hop", "before-redirect", max_age=600)
    return resp


@app.route("/echo")
@app.route("/app/echo")
def echo():
    return "Cookie: " + request.headers.get("Cookie", "") + "\n"


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=8766)
    ap.add_argument("--https", action="store_true", help="serve HTTPS with a throwaway certificate")
    a = ap.parse_args()
    app.run(host="127.0.0.1", port=a.port, ssl_context="adhoc" if a.https else None)
