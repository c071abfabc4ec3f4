#!/usr/bin/env python3
"""The CPython side of the benchmark: MozillaCookieJar load, purge expired, save.

Usage: cpython_jar.py IN OUT NOW. Prints `load S`, `purge S`, `save S` lines.
Loads with ignore_discard/ignore_expires so it keeps every cookie as crumbs does, then
clears the expired ones as of NOW, then saves (keeping session cookies, as crumbs does).
"""
import http.cookiejar
import sys
import time

src, dst, now = sys.argv[1], sys.argv[2], int(sys.argv[3])
t0 = time.perf_counter()
jar = http.cookiejar.MozillaCookieJar()
jar.load(src, ignore_discard=True, ignore_expires=True)
t1 = time.perf_counter()
expired = [c for c in jar if c.expires is not None and c.expires != 0 and c.expires <= now]
for c in expired:
    jar.clear(c.domain, c.path, c.name)
t2 = time.perf_counter()
jar.save(dst, ignore_discard=True, ignore_expires=True)
t3 = time.perf_counter()
print(f"load {t1 - t0:.3f}\npurge {t2 - t1:.3f}\nsave {t3 - t2:.3f}\ncookies {len(jar)}")
