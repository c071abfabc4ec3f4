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
  /usr/bin/time -v "$CRUMBS" purge-expired --timings --now "$NOW" "$jar" -o "$WORK/crumbs-$n.txt" \
    2>"$WORK/crumbs-$n.err"
  /usr/bin/time -v python3 Benchmarks/cpython_jar.py "$jar" "$WORK/py-$n.txt" "$NOW" \
    >"$WORK/py-$n.out" 2>"$WORK/py-$n.err"
  e="$WORK/crumbs-$n.err"
  c_load=$(awk -v a="$(field read "$e")" -v b="$(field index "$e")" 'BEGIN{printf "%.3f", a+b}')
  c_purge=$(field purge "$e")
  c_save=$(awk -v a="$(field serialize "$e")" -v b="$(field write "$e")" 'BEGIN{printf "%.3f", a+b}')
  c_mb=$(rss_mb "$e")
  p_load=$(field load "$WORK/py-$n.out"); p_purge=$(field purge "$WORK/py-$n.out"); p_save=$(field save "$WORK/py-$n.out")
  p_mb=$(rss_mb "$WORK/py-$n.err")
  # Both must keep the same cookies.
  c_count=$(grep -vc '^#' "$WORK/crumbs-$n.txt" || true); p_count=$(grep -vc '^#' "$WORK/py-$n.txt" || true)
  [ "$c_count" = "$p_count" ] || echo "WARNING: crumbs kept $c_count lines, CPython $p_count" >&2
  printf '%-9s | %7s %7s %7s s %5s | %7s %7s %7s s %5s | %5.1fx %5.1fx %5.2f\n' "$n" \
    "$c_load" "$c_purge" "$c_save" "$c_mb" "$p_load" "$p_purge" "$p_save" "$p_mb" \
    "$(awk -v a="$p_load" -v b="$c_load" 'BEGIN{print a/b}')" \
    "$(awk -v a="$p_save" -v b="$c_save" 'BEGIN{print a/b}')" \
    "$(awk -v a="$c_mb" -v b="$p_mb" 'BEGIN{print a/b}')"
  grep timings "$e" | sed 's/^/           crumbs /' >&2
done
echo
echo "load = read + index into the CookieStore; save = serialize + atomic write (with fsync)."
echo "memory = peak RSS of the whole process; ratio = crumbs / CPython (target <= 0.33)."
