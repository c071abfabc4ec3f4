#!/usr/bin/env bash
# Times crumbs against CPython's http.cookiejar.MozillaCookieJar on the same generated jars
# (10k, 100k, 1M cookies): load, purge expired, save, and the peak memory of each
# (/usr/bin/time -v "Maximum resident set size"). Prints the ratios.
#
#   Benchmarks/run.sh            # all three sizes
#   SIZES="1000000" Benchmarks/run.sh
#
# Needs python3 and /usr/bin/time (Debian package `time`). Builds crumbs in release mode in
# .build-release (kept apart from the debug build).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"10000 100000 1000000"}
NOW=1795700000
WORK=$(mktemp -d "${TMPDIR:-/tmp}/crumbs-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
echo "building crumbs (release)…" >&2
swift build -c release --scratch-path .build-release --product crumbs >&2
CRUMBS=.build-release/release/crumbs

# field NAME FILE: the number after "NAME " in a `--timings` or Python line.
field() { grep -o "$1 [0-9.]*" "$2" | head -1 | awk '{print $2}'; }
rss_mb() { awk -F: '/Maximum resident/ {printf "%.0f", $2/1024}' "$1"; }

printf '\n%-9s | %-31s | %-31s | %s\n' "cookies" "crumbs load / purge / save  MB" \
  "CPython load / purge / save  MB" "ratio load / save / memory"
for n in $SIZES; do
  jar="$WORK/jar-$n.txt"
  python3 Benchmarks/generate_jar.py "$n" "$jar"
  sync  # the generator's writes must not be flushed during the timed runs
  # Two runs each, alternating; each figure is the better of the two (the machine may be
  # busy), peak memory the larger.
  # Before each run the previous output is removed and flushed (`sync`), so neither tool
  # pays for the other's pending writeback or for replacing a big file.
  for run in 1 2; do
    rm -f "$WORK/crumbs-$n.txt" "$WORK/py-$n.txt"; sync
    /usr/bin/time -v "$CRUMBS" purge-expired --timings --now "$NOW" "$jar" -o "$WORK/crumbs-$n.txt" \
      2>"$WORK/crumbs-$n.$run.err"
    sync
    /usr/bin/time -v python3 Benchmarks/cpython_jar.py "$jar" "$WORK/py-$n.txt" "$NOW" \
      >"$WORK/py-$n.$run.out" 2>"$WORK/py-$n.$run.err"
  done
  best() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.3f", (a < b ? a : b)}'; }
  most() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%d", (a > b ? a : b)}'; }
  e1="$WORK/crumbs-$n.1.err"; e2="$WORK/crumbs-$n.2.err"
  sum() { awk -v a="$(field "$1" "$3")" -v b="$(field "$2" "$3")" 'BEGIN{printf "%.3f", a+b}'; }
  c_load=$(best "$(sum read index "$e1")" "$(sum read index "$e2")")
  c_purge=$(best "$(field purge "$e1")" "$(field purge "$e2")")
  c_save=$(best "$(field save "$e1")" "$(field save "$e2")")
  c_mb=$(most "$(rss_mb "$e1")" "$(rss_mb "$e2")")
  o1="$WORK/py-$n.1.out"; o2="$WORK/py-$n.2.out"
  p_load=$(best "$(field load "$o1")" "$(field load "$o2")")
  p_purge=$(best "$(field purge "$o1")" "$(field purge "$o2")")
  p_save=$(best "$(field save "$o1")" "$(field save "$o2")")
  p_mb=$(most "$(rss_mb "$WORK/py-$n.1.err")" "$(rss_mb "$WORK/py-$n.2.err")")
  e="$e2"
  # Both must keep the same cookies.
  c_count=$(grep -vc '^#' "$WORK/crumbs-$n.txt" || true); p_count=$(grep -vc '^#' "$WORK/py-$n.txt" || true)
  [ "$c_count" = "$p_count" ] || echo "WARNING: crumbs kept $c_count lines, CPython $p_count" >&2
  printf '%-9s | %7s %7s %7s s %5s | %7s %7s %7s s %5s | %5.1fx %5.1fx %5.2f\n' "$n" \
    "$c_load" "$c_purge" "$c_save" "$c_mb" "$p_load" "$p_purge" "$p_save" "$p_mb" \
    "$(awk -v a="$p_load" -v b="$c_load" 'BEGIN{print a/b}')" \
    "$(awk -v a="$p_save" -v b="$c_save" 'BEGIN{print a/b}')" \
    "$(awk -v a="$c_mb" -v b="$p_mb" 'BEGIN{print a/b}')"
  grep "^timings" "$e" | sed 's/^/           crumbs /' >&2
done
echo
echo "load = read + index into the CookieStore; save = write the file, streamed into an atomic save (with fsync)."
echo "memory = peak RSS of the whole process; ratio = crumbs / CPython (target <= 0.33)."
