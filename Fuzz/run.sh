#!/usr/bin/env bash
# Fuzzes one target, or all of them in turn, for SECONDS each:
#   Fuzz/run.sh TARGET|all SECONDS [libFuzzer flags…]
# Builds Fuzz/ with libFuzzer + AddressSanitizer into .build-fuzz (incremental), seeds
# missing corpora from the fixtures, and exits non-zero if any target crashed, hung
# (-timeout) or broke an invariant. Corpora, logs and crash inputs go under
# $FUZZ_WORK (default /tmp/crumbs-fuzz), never into the repository.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
targets=(netscape lwp json playwright har headers firefox chromium safari set-cookie filter edit-form decoding)
[ $# -ge 2 ] || { echo "usage: $0 TARGET|all SECONDS [libFuzzer flags]; targets: ${targets[*]}" >&2; exit 2; }
which="$1"
seconds="$2"
shift 2
work="${FUZZ_WORK:-/tmp/crumbs-fuzz}"
scratch="$here/../.build-fuzz"
# FUZZ_CONFIG=release: optimised, several times more executions per second (longer build).
config="${FUZZ_CONFIG:-debug}"

if [ "${FUZZ_SKIP_BUILD:-0}" != 1 ]; then
  # swiftc drops `--sanitize=fuzzer`'s coverage instrumentation when it compiles several
  # files per job (batch mode, i.e. every multi-file module), so ask for it explicitly.
  (cd "$here" && swift build -c "$config" --sanitize=fuzzer --sanitize=address --scratch-path "$scratch" \
    -Xswiftc -sanitize-coverage=edge,trace-cmp,inline-8bit-counters,pc-table 2>&1 \
    | grep -v "Cannot export local symbol")
fi
bin="$scratch/$config/CrumbsFuzz"
[ -x "$bin" ] || { echo "no fuzz binary at $bin (build failed?)" >&2; exit 1; }

[ "$which" = all ] && selected=("${targets[@]}") || selected=("$which")
# Swift's own crash backtracer would catch the signal first; libFuzzer must see it to save
# the input. Leak checks stay off: Swift's runtime caches look like leaks to LeakSanitizer.
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=0}"
failed=()
for t in "${selected[@]}"; do
  corpus="$work/corpus/$t"
  [ -d "$corpus" ] || "$here/seed.sh" "$work/corpus" >/dev/null
  mkdir -p "$work/artifacts/$t" "$work/logs"
  log="$work/logs/$t.log"
  echo "== fuzz $t for ${seconds}s (log $log)"
  # Browser databases need room for a few SQLite pages; text formats need far less.
  case "$t" in firefox | chromium) max_len=262144 ;; *) max_len=16384 ;; esac
  if FUZZ_TARGET="$t" "$bin" "$corpus" -max_total_time="$seconds" -timeout=25 -rss_limit_mb=4096 \
    -max_len="$max_len" -len_control=100 -print_final_stats=1 -artifact_prefix="$work/artifacts/$t/" "$@" >"$log" 2>&1
  then
    grep -E "^#[0-9]+.*DONE|stat::number_of_executed_units" "$log" | tail -1 || true
  else
    echo "!! $t FAILED; input in $work/artifacts/$t/, last lines of the log:" >&2
    grep -v '^\s*$' "$log" | tail -25 >&2
    failed+=("$t")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzzing failed: ${failed[*]}" >&2
  exit 1
fi
