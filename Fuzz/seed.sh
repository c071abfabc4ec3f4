#!/usr/bin/env bash
# Fills per-target seed corpora from Tests/Fixtures and Fuzz/seeds: seed.sh [CORPUS_ROOT]
# (default /tmp/crumbs-fuzz/corpus). Each target gets CORPUS_ROOT/TARGET/. Corpora grow as
# libFuzzer runs; they are never committed (only Fuzz/seeds is).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
fixtures="$here/../Tests/Fixtures"
root="${1:-/tmp/crumbs-fuzz/corpus}"

add() {  # add TARGET FILE...: copies each existing file, named after its path
  local target="$1"
  shift
  mkdir -p "$root/$target"
  local f
  for f in "$@"; do
    [ -f "$f" ] || continue
    cp "$f" "$root/$target/seed-$(echo "${f#"$fixtures"/}" | tr '/' '_')"
  done
}

add netscape "$fixtures"/netscape/*.txt "$fixtures"/examples/netscape-*.txt "$fixtures"/headers/*.curl-jar.txt
add lwp "$fixtures"/captured/lwp-*.txt "$fixtures"/examples/lwp-*.txt
add json "$fixtures"/examples/cookie-editor-*.json "$fixtures"/examples/editthiscookie.json \
  "$fixtures"/captured/cdp-network-getallcookies.json "$fixtures"/netscape/*.expected.json
add playwright "$fixtures"/captured/playwright-storage-state*.json
add har "$fixtures"/captured/*.har "$fixtures"/examples/*.har
headers=()
for f in "$fixtures"/headers/*.txt; do [[ "$f" == *.curl-jar.txt ]] || headers+=("$f"); done
add headers "${headers[@]}" "$fixtures"/examples/curl-*.txt "$fixtures"/examples/raw-http-*.txt
add firefox "$fixtures"/browsers/firefox-cookies.sqlite "$fixtures"/examples/firefox-cookies-v17.sqlite
add chromium "$fixtures"/browsers/chromium-Cookies "$fixtures"/examples/chromium-Cookies-v24.sqlite
add safari "$fixtures"/examples/Cookies.binarycookies
add decoding "$fixtures"/values/*
add filter
add edit-form
add set-cookie

# The http-state parser suite: each test's Set-Cookie values, from the suite's origin.
for t in "$fixtures"/http-state/parser/*-test; do
  {
    echo "http://home.example.org:8888/cookie-parser"
    sed -n 's/^Set-Cookie:[[:space:]]*//p' "$t"
  } >"$root/set-cookie/seed-http-state-$(basename "$t")"
done
# Cookie dates from the same suite, as Expires attributes.
grep -ho '"test": *"[^"]*"' "$fixtures"/http-state/dates/*.json | sed 's/^"test": *"//; s/"$//' \
  | awk -v dir="$root/set-cookie" '{ printf "a=b; Expires=%s\n", $0 > (dir "/seed-date-" NR); close(dir "/seed-date-" NR) }'

# Hand-made seeds for the targets without fixtures of their own.
for d in "$here"/seeds/*/; do
  target="$(basename "$d")"
  mkdir -p "$root/$target"
  cp "$d"* "$root/$target/"
done
for d in "$root"/*/; do echo "$(basename "$d"): $(ls "$d" | wc -l) seeds"; done
