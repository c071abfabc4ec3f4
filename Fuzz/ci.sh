#!/usr/bin/env bash
# CI's fuzzing and sanitizer steps (called by .ci/run before the README's test command);
# any crash, broken invariant, hang, data race or memory error fails it. Prints each step's
# duration. FUZZ_SECONDS sets the time per fuzz target (default 20).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
suites='NetscapeParallelReadTests|NetscapeParallelWriteTests|NetscapeChunkedWriteTests|CookieStoreTests|NetscapeLargeLoadTests'

step() {  # step NAME COMMAND...: runs it, prints how long it took, fails CI on failure
  local name="$1" start=$SECONDS
  shift
  echo "+ [$name] $*"
  if "$@"; then
    echo "[$name] passed in $((SECONDS - start)) s"
  else
    echo "[$name] FAILED after $((SECONDS - start)) s" >&2
    exit 1
  fi
}

export FUZZ_WORK="${FUZZ_WORK:-$(mktemp -d /tmp/crumbs-fuzz-ci.XXXXXX)}"
step "fuzz: all targets" "$here/run.sh" all "${FUZZ_SECONDS:-20}"
# ThreadSanitizer stops at the first race it reports.
cd "$here/Sanitizers"
step "tsan: parallel reader/writer/store suites" env TSAN_OPTIONS=halt_on_error=1 \
  swift test --sanitize=thread --scratch-path ../../.build-tsan --filter "$suites"
step "asan: parallel reader/writer/store suites" env ASAN_OPTIONS=detect_leaks=0 \
  swift test --sanitize=address --scratch-path ../../.build-asan --filter "$suites"
