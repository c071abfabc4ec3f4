#!/usr/bin/env bash
# Times every crumbs command on generated jars (10k, 100k, 1M cookies, two jar shapes) next
# to CPython's http.cookiejar.MozillaCookieJar load + purge + save of the same file, and
# prints for each one the time, the peak memory (/usr/bin/time -v "Maximum resident set
# size") and both as a ratio of `purge-expired`'s in the same run.
#
#   Benchmarks/run.sh                               # both shapes, all three sizes
#   SIZES="1000000" SHAPES="wide" Benchmarks/run.sh
#
# Shapes: `curl` = generate_jar.py (~72-byte lines, 1M = 72 MB); `wide` =
# generate_wide_jar.py (~140-byte lines with long values, 1M = 141 MB; the jar of issue 10).
# Each figure is the better of two runs (time) and the larger (memory). Needs python3 and
# /usr/bin/time (Debian package `time`). Builds crumbs in release mode in .build-release.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"10000 100000 1000000"}
# CPython needs ~760 MiB and a minute per million cookies; above this size it is left out.
CPYTHON_MAX=${CPYTHON_MAX:-1000000}
SHAPES=${SHAPES:-"curl wide"}
RUNS=${RUNS:-2}
NOW=1795700000
WORK=$(mktemp -d "${TMPDIR:-/tmp}/crumbs-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
echo "building crumbs (release)…" >&2
swift build -c release --scratch-path .build-release --product crumbs >&2
CRUMBS=$PWD/.build-release/release/crumbs

elapsed() { awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; printf "%.2f", s}' "$1"; }
rss_mb() { awk -F: '/Maximum resident/ {printf "%.0f", $2/1024}' "$1"; }

# measure NAME CMD…: runs CMD $RUNS times (stdout to a file, then removed); sets T and M.
measure() {
  local name=$1; shift
  T=""; M=0
  for run in $(seq "$RUNS"); do
    rm -f "$WORK/out" "$WORK/purged.txt" "$WORK/converted"; sync
    local status=0
    /usr/bin/time -v "$@" >"$WORK/out" 2>"$WORK/err" || status=$?
    # lint exits 1 when it finds errors; anything else is a failure.
    if [ "$status" -ne 0 ] && ! { [ "$name" = lint ] && [ "$status" -eq 1 ]; }; then
      echo "FAILED ($status): $name" >&2; tail -5 "$WORK/err" >&2; exit 1
    fi
    local t m; t=$(elapsed "$WORK/err"); m=$(rss_mb "$WORK/err")
    if [ -z "$T" ] || awk -v a="$t" -v b="$T" 'BEGIN{exit !(a < b)}'; then T=$t; fi
    if [ "$m" -gt "$M" ]; then M=$m; fi
  done
  rm -f "$WORK/out"
}

# measure_inspector JAR: the inspector in tmux (160x48), best of $RUNS: T until its first
# frame shows cookies (a large cookies.txt: its first lines, status "reading…"), TA until
# the status line shows "N total" (the whole jar read and drawn), then q; M is the peak
# RSS (MiB).
measure_inspector() {
  local jar=$1
  T=""; TA=""; M=0
  command -v tmux >/dev/null || { T="n/a"; return; }
  for run in $(seq "$RUNS"); do
    local session="crumbs-bench-$$"
    rm -f "$WORK/ui.time"
    local t0; t0=$(date +%s.%N)
    tmux new-session -d -s "$session" -x 160 -y 48 "/usr/bin/time -v -o $WORK/ui.time $CRUMBS $jar"
    until tmux capture-pane -p -t "$session" 2>/dev/null | grep -q 'reading… first\|[0-9] total'; do sleep 0.005; done
    local t1; t1=$(date +%s.%N)
    until tmux capture-pane -p -t "$session" 2>/dev/null | grep -q '[0-9] total'; do sleep 0.01; done
    local t2; t2=$(date +%s.%N)
    # Let the background counting finish (its memory counts), then quit.
    while tmux capture-pane -p -t "$session" 2>/dev/null | grep -q 'counting'; do sleep 0.05; done
    tmux send-keys -t "$session" q
    while tmux has-session -t "$session" 2>/dev/null; do sleep 0.05; done
    local t; t=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", b - a}')
    if [ -z "$T" ] || awk -v a="$t" -v b="$T" 'BEGIN{exit !(a < b)}'; then T=$t; fi
    t=$(awk -v a="$t0" -v b="$t2" 'BEGIN{printf "%.2f", b - a}')
    if [ -z "$TA" ] || awk -v a="$t" -v b="$TA" 'BEGIN{exit !(a < b)}'; then TA=$t; fi
    local m; m=$(rss_mb "$WORK/ui.time")
    if [ "$m" -gt "$M" ]; then M=$m; fi
  done
}

# Scaling rows: every figure is also kept in $WORK/scaling (shape command n time mb).
keep() { echo "$1|$2|$3|$4|$5" >>"$WORK/scaling"; }

row() { # name time mb base_time base_mb
  keep "$SHAPE" "$1" "$N" "$2" "$3"
  printf '| %-32s | %7s s | %6s MiB | %5.2f | %5.2f |\n' "$1" "$2" "$3" \
    "$(awk -v a="$2" -v b="$4" 'BEGIN{print (b > 0 ? a/b : 0)}')" \
    "$(awk -v a="$3" -v b="$5" 'BEGIN{print (b > 0 ? a/b : 0)}')"
}

for shape in $SHAPES; do
  SHAPE=$shape
  for n in $SIZES; do
    N=$n
    jar="$WORK/jar-$shape-$n.txt"
    case $shape in
      curl) python3 Benchmarks/generate_jar.py "$n" "$jar" "$NOW" ;;
      wide) python3 Benchmarks/generate_wide_jar.py "$n" --now "$NOW" >"$jar" ;;
      *) echo "unknown shape $shape" >&2; exit 64 ;;
    esac
    sync
    # A URL one of the jar's sites answers to: the host of its first cookie.
    host=$(awk -F'\t' 'NF >= 7 { sub(/^#HttpOnly_/, "", $1); sub(/^\./, "", $1); print $1; exit }' "$jar")
    url="https://$host/account/settings"
    size=$(du -m "$jar" | cut -f1)
    echo
    echo "### $shape jar, $n cookies ($size MB)"
    echo
    echo "| command | time | peak memory | time ÷ purge | memory ÷ purge |"
    echo "|---|---|---|---|---|"
    measure purge "$CRUMBS" purge-expired --now "$NOW" "$jar" -o "$WORK/purged.txt"
    BT=$T; BM=$M
    row "purge-expired -o OUT" "$T" "$M" "$BT" "$BM"
    measure list "$CRUMBS" list --json --now "$NOW" "$jar"
    row "list --json" "$T" "$M" "$BT" "$BM"
    measure list "$CRUMBS" list --now "$NOW" "$jar"
    row "list (table)" "$T" "$M" "$BT" "$BM"
    measure header "$CRUMBS" header --now "$NOW" --url "$url" "$jar"
    row "header --url" "$T" "$M" "$BT" "$BM"
    measure lint "$CRUMBS" lint --now "$NOW" "$jar"
    row "lint" "$T" "$M" "$BT" "$BM"
    for to in netscape json playwright lwp set-cookie cookie-header; do
      rm -f "$WORK/converted"
      measure convert "$CRUMBS" convert --now "$NOW" --to "$to" "$jar" -o "$WORK/converted"
      row "convert --to $to -o OUT" "$T" "$M" "$BT" "$BM"
    done
    rm -f "$WORK/converted" "$WORK/purged.txt"
    measure_inspector "$jar"
    if [ "$T" != "n/a" ]; then
      row "inspector: first frame" "$T" "$M" "$BT" "$BM"
      row "inspector: whole jar shown" "$TA" "$M" "$BT" "$BM"
    fi
    if [ "$n" -le "$CPYTHON_MAX" ]; then
      measure cpython python3 Benchmarks/cpython_jar.py "$jar" "$WORK/py.txt" "$NOW"
      row "CPython load + purge + save" "$T" "$M" "$BT" "$BM"
      awk -v c="$T" -v p="$BT" -v cm="$M" -v pm="$BM" 'BEGIN{printf "\npurge-expired against CPython: %.1fx faster, memory %.2f of CPython'"'"'s\n", c/p, pm/cm}'
    fi
    rm -f "$WORK/py.txt" "$jar"
  done
done
# Scaling: each command's time and memory from size to size, and the factor per step
# (sizes grow 10x, 10x, 5x: linear means about that factor, the target is within 12x).
if [ "$(echo $SIZES | wc -w)" -gt 1 ]; then
  for shape in $SHAPES; do
    echo
    echo "### Scaling, $shape jar ($(echo $SIZES | tr ' ' ' ' | sed 's/ / → /g') cookies)"
    echo
    echo "| command | time (s) | × per step | memory (MiB) | × per step |"
    echo "|---|---|---|---|---|"
    awk -F'|' -v shape="$shape" '
      $1 == shape { if (!($2 in seen)) { seen[$2] = 1; order[++k] = $2 }
                    t[$2] = t[$2] (t[$2] == "" ? "" : " → ") $4; m[$2] = m[$2] (m[$2] == "" ? "" : " → ") $5
                    if ($2 in lt) { ft[$2] = ft[$2] (ft[$2] == "" ? "" : " / ") sprintf("%.1f", ($4 > 0 && lt[$2] > 0) ? $4 / lt[$2] : 0)
                                    fm[$2] = fm[$2] (fm[$2] == "" ? "" : " / ") sprintf("%.1f", lm[$2] > 0 ? $5 / lm[$2] : 0) }
                    lt[$2] = $4; lm[$2] = $5 }
      END { for (i = 1; i <= k; i++) { c = order[i]; printf "| %s | %s | %s | %s | %s |\n", c, t[c], ft[c], m[c], fm[c] } }
    ' "$WORK/scaling"
  done
fi
echo
echo "time = wall clock of the whole process, the better of $RUNS runs; memory = its peak RSS."
echo "Ratios are to purge-expired on the same jar in the same run (target: every command <= 2)."
