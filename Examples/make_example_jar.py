#!/usr/bin/env python3
"""Writes Examples/cookies.txt, the bundled example jar (a curl-format cookies.txt).

The values are made by the real libraries where there is one: the Flask `session` cookie by
Flask's own itsdangerous serializer, the JWT by HMAC-SHA256 over base64url JSON as RFC 7519
describes. Timestamps are fixed so the file is reproducible. Run from anywhere:
python3 Examples/make_example_jar.py
"""
import base64
import hashlib
import hmac
import json
import os
import urllib.parse

import itsdangerous
from flask import Flask

ISSUED = 1_764_000_000          # 2025-11-24
FAR = 1_830_000_000             # 2027-12-27
NEAR = 1_812_536_294            # 2027-06-09
PAST = 1_735_689_600            # 2025-01-01 (expired)


def flask_session():
    app = Flask("example")
    app.secret_key = "crumbs-example-not-a-secret"
    serializer = app.session_interface.get_signing_serializer(app)
    # Fixed timestamp: itsdangerous signs the current time otherwise.
    serializer.signer_kwargs = dict(serializer.signer_kwargs or {})
    orig = itsdangerous.TimestampSigner.get_timestamp
    itsdangerous.TimestampSigner.get_timestamp = lambda self: ISSUED
    try:
        return serializer.dumps({"user": "alice", "roles": ["admin", "dev"], "_fresh": True})
    finally:
        itsdangerous.TimestampSigner.get_timestamp = orig


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def jwt():
    header = b64url(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    claims = {"sub": "1234567890", "name": "Alice Example", "iat": ISSUED, "exp": FAR}
    payload = b64url(json.dumps(claims, separators=(",", ":")).encode())
    sig = hmac.new(b"example-jwt-key", f"{header}.{payload}".encode(), hashlib.sha256).digest()
    return f"{header}.{payload}.{b64url(sig)}"


def main():
    prefs = urllib.parse.quote(json.dumps({"theme": "dark", "lang": "de-CH", "tz": "Europe/Zurich"}))
    cart = base64.b64encode(json.dumps([{"sku": "A-100", "qty": 2}, {"sku": "B-7", "qty": 1}]).encode()).decode()
    # (httpOnly, domain, include subdomains, path, secure, expires, name, value)
    rows = [
        (True, "shop.example.com", False, "/", True, 0, "session", flask_session()),
        (False, ".example.com", True, "/", True, NEAR, "_ga", "GA1.2.1439287313.1764000000"),
        (False, ".example.com", True, "/", True, NEAR, "_gid", "GA1.2.981276345.1764000000"),
        (False, "shop.example.com", False, "/", False, FAR, "prefs", prefs),
        (False, "shop.example.com", False, "/cart", True, NEAR, "cart", cart),
        (True, "shop.example.com", False, "/", True, NEAR, "csrftoken", "Yp3KvM8qT2wZrL6nB0xF4sHd"),
        (False, "shop.example.com", False, "/", False, PAST, "promo_seen", "spring-2024"),
        (False, ".example.com", True, "/", False, PAST, "old_consent", "v1"),
        (True, "api.example.org", False, "/", True, FAR, "access_token", jwt()),
        (True, "api.example.org", False, "/v1/auth", True, FAR, "refresh_token", "rt_" + b64url(hashlib.sha256(b"refresh").digest())),
        (False, ".example.org", True, "/", False, FAR, "lang", "en-US"),
        (False, "docs.example.org", False, "/guide", False, 0, "toc", "expanded"),
        (False, "docs.example.org", False, "/", False, PAST, "banner", "dismissed"),
        (True, "accounts.example.net", False, "/", True, FAR, "__Host-sid", "f3b9c2d1e0a4b5c6d7e8f9a0b1c2d3e4"),
        (False, ".example.net", True, "/", True, FAR, "__Secure-3PAPISID", "Lq9Xz2-Vb4Nm7Kp1/AbCdEfGhIjKlMnOpQ"),
        (True, ".example.net", True, "/", True, NEAR, "NID", "511=" + b64url(hashlib.sha1(b"nid").digest())),
        (False, "accounts.example.net", False, "/", True, 0, "login_hint", "alice%40example.net"),
        (False, ".example.net", True, "/", False, PAST, "tracking", "abc123"),
        (False, "news.example.co.uk", False, "/", False, NEAR, "region", "uk"),
        (False, ".example.co.uk", True, "/", False, NEAR, "consent", "necessary%2Canalytics"),
        (False, "news.example.co.uk", False, "/article", False, 0, "read_later", "42%2C97%2C133"),
        (True, "news.example.co.uk", False, "/", True, PAST, "subscriber", "expired-trial"),
        (False, "localhost", False, "/", False, 0, "dev_mode", "1"),
        (True, "localhost", False, "/admin", False, FAR, "admin_session", b64url(os.urandom(0) + hashlib.sha256(b"admin").digest())),
        (False, "127.0.0.1", False, "/", False, NEAR, "debug", "true"),
        (False, "cdn.example.com", False, "/", True, FAR, "__cf_bm", "kX9.fake_bot_mgmt-1764000000-0-AQ=="),
        (False, "video.example.com", False, "/", True, NEAR, "volume", "0.8"),
        (False, "video.example.com", False, "/", True, NEAR, "quality", "1080p"),
        (False, "video.example.com", False, "/", False, NEAR, "empty_value", ""),
        (False, "video.example.com", False, "/", True, PAST, "ab_test", "B"),
        (False, "mail.example.com", False, "/", True, 0, "compose_draft", "eyJ0byI6ImJvYkBleGFtcGxlLmNvbSJ9"),
        (True, "mail.example.com", False, "/", True, FAR, "mail_sid", "ms_" + hashlib.md5(b"mail").hexdigest()),
    ]
    lines = [
        "# Netscape HTTP Cookie File",
        "# https://curl.se/docs/http-cookies.html",
        "# Example jar bundled with Crumbs (made by Examples/make_example_jar.py): fictional",
        "# sites and throwaway values; some cookies are expired or session-only on purpose.",
        "",
    ]
    for http_only, domain, sub, path, secure, expires, name, value in rows:
        lines.append(("#HttpOnly_" if http_only else "") + "\t".join(
            [domain, "TRUE" if sub else "FALSE", path, "TRUE" if secure else "FALSE", str(expires), name, value]))
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cookies.txt")
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n")
    print(out, len(rows), "cookies")


if __name__ == "__main__":
    main()
