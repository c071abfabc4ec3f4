#!/usr/bin/env python3
"""Writes real cookie values for the value-decoder tests into Tests/Fixtures/values/.

- flask-session-small.txt / flask-session-compressed.txt: Flask's own
  SecureCookieSessionInterface serializer (itsdangerous URLSafeTimedSerializer with
  Flask's TaggedJSONSerializer), signed at a fixed time so the timestamp is known.
  The big session compresses, so its value starts with '.'.
- jwt-hs256.txt: a JWT made with joserfc (HS256).
- zlib-*.bin: raw bytes from CPython's zlib.compress at several levels, and the
  plain text they inflate to (zlib-plain.txt), for the inflater tests.
- zlib-bomb-2mib.bin: 2 MiB of zeros compressed, to check the output cap.

Run: python3 Tests/Fixtures/generate/make_decoder_values.py
"""
import os
import time
import uuid
import zlib
from datetime import datetime, timezone
from unittest import mock

from flask import Flask
from flask.sessions import SecureCookieSessionInterface
from joserfc import jwt
from joserfc.jwk import OctKey

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "values")
SIGNED_AT = 1764000000  # 2025-11-24T16:00:00Z

app = Flask(__name__)
app.secret_key = "crumbs-test-secret"
serializer = SecureCookieSessionInterface().get_signing_serializer(app)


def signed(session):
    # itsdangerous reads the clock through time.time(); fix it so the test knows it.
    with mock.patch("time.time", return_value=SIGNED_AT):
        return serializer.dumps(session)


small = {"user_id": 42, "name": "Ada", "_fresh": True}
small_value = signed(small)
assert not small_value.startswith("."), small_value

big = {
    "user_id": 7,
    "cart": [{"sku": "SKU-%04d" % i, "qty": i % 3 + 1} for i in range(40)],
    "pair": (1, "two"),
    "raw": b"bytes\x00here",
    "uid": uuid.UUID("12345678-1234-5678-1234-567812345678"),
    "when": datetime(2025, 1, 2, 3, 4, 5, tzinfo=timezone.utc),
    "note": "line1\nline2\x1b[31m",
}
big_value = signed(big)
assert big_value.startswith("."), "the big session should compress"
# Round trip through Flask itself proves the value is what Flask reads.
assert serializer.loads(big_value)["cart"][39]["sku"] == "SKU-0039"

key = OctKey.import_key("crumbs-jwt-secret-0123456789abcdef")
claims = {"sub": "user-42", "name": "Ada", "iat": 1764000000, "nbf": 1764000000, "exp": 1764003600}
token = jwt.encode({"alg": "HS256", "typ": "JWT"}, claims, key)
assert jwt.decode(token, key).claims["sub"] == "user-42"

plain = ("Crumbs inflater test: " + "the quick brown fox jumps over the lazy dog. " * 50
         + "".join(chr(i) for i in range(32, 127)) * 4).encode()
os.makedirs(OUT, exist_ok=True)
with open(os.path.join(OUT, "zlib-plain.txt"), "wb") as f:
    f.write(plain)
for level in (0, 1, 6, 9):
    with open(os.path.join(OUT, "zlib-level%d.bin" % level), "wb") as f:
        f.write(zlib.compress(plain, level))
# Random-ish bytes (incompressible) make zlib use stored or dynamic blocks differently.
noise = bytes((i * 7919 + (i >> 3) * 31) & 0xFF for i in range(3000))
with open(os.path.join(OUT, "zlib-noise.bin"), "wb") as f:
    f.write(zlib.compress(noise, 9))
with open(os.path.join(OUT, "zlib-noise-plain.bin"), "wb") as f:
    f.write(noise)

# A decompression bomb: 2 MiB of zeros in about 2 KiB; the inflater must refuse it.
with open(os.path.join(OUT, "zlib-bomb-2mib.bin"), "wb") as f:
    f.write(zlib.compress(b"\0" * (2 << 20), 9))

for name, value in [("flask-session-small.txt", small_value),
                    ("flask-session-compressed.txt", big_value),
                    ("jwt-hs256.txt", token)]:
    with open(os.path.join(OUT, name), "w") as f:
        f.write(value + "\n")

print("wrote", OUT)
