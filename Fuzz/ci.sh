#!/usr/bin/env bash
# CI's fuzzing and sanitizer steps (called by .ci/run before the README's test command);
# any crash, broken invariant, hang, data race or memory error fails it. Prints each step's
# duration.
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
# CI's fuzzing is reproducible: a fixed seed and a fixed number of executions per target
# (about 20 s each on a 2-core machine), from the committed seeds and fixtures, so a red CI
# replays with the same command and a green one stays green. Open-ended exploration is the
# campaign's job (`Fuzz/run.sh TARGET SECONDS`, random seed; see Fuzz/README.md), and what it
# finds comes back here as a seed in Fuzz/seeds/ plus a regression test. FUZZ_SECONDS only
# caps a target's time on a slow machine (coverage then drops; the run does not fail).
fuzz_all() {
  local spec t runs skip=0 failed=()
  for spec in netscape:4000 lwp:2000 json:6000 playwright:6000 har:3000 headers:1200 \
    firefox:400 chromium:1000 safari:12000 set-cookie:6000 filter:40000 edit-form:50000 decoding:4000; do
    t="${spec%%:*}" runs="${spec#*:}"
    # The first call builds the fuzz binary; the others reuse it.
    FUZZ_SKIP_BUILD=$skip "$here/run.sh" "$t" "${FUZZ_SECONDS:-90}" -seed=1 -runs="$runs" || failed+=("$t")
    skip=1
  done
  [ ${#failed[@]} -eq 0 ] || { echo "fuzzing failed: ${failed[*]}" >&2; return 1; }
}
step "fuzz: all targets" fuzz_all
# ThreadSanitizer stops at the first race it reports.
cd "$here/Sanitizers"
step "tsan: parallel reader/writer/store suites" env TSAN_OPTIONS=halt_on_error=1 \
  swift test --sanitize=thread --scratch-path ../../.build-tsan --filter "$suites"
step "asan: parallel reader/writer/store suites" env ASAN_OPTIONS=detect_leaks=0 \
  swift test --sanitize=address --scratch-path ../../.build-asan --filter "$suites"
