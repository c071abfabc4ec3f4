#!/usr/bin/env bash
# The README's test command: install what the tests use (quick when it is there), build,
# run every test, and fail when a test was skipped, naming it and why. A test that needs an
# outside program says so with `.requires(...)` and is skipped without it, so a run that
# skipped nothing ran everything.
# Options (e.g. `-c release`, `--scratch-path DIR`) go to both `swift build` and `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-test-tools.sh

results="${TMPDIR:-/tmp}/crumbs-test-results-$$.xml"
# SwiftPM writes Swift Testing's results next to the XCTest ones, with this suffix.
swift_testing_results="${results%.xml}-swift-testing.xml"
trap 'rm -f "$results" "$swift_testing_results"' EXIT

swift build "$@"
status=0
swift test "$@" --xunit-output "$results" || status=$?

if [ ! -f "$swift_testing_results" ]; then
  echo "test.sh: no $swift_testing_results: cannot tell which tests were skipped" >&2
  exit $((status == 0 ? 1 : status))
fi
# <testcase classname="T.Suite" name="test()" ><skipped>reason</skipped>
skipped=$(awk '
  /<testcase / {
    match($0, /classname="[^"]*"/); cls = substr($0, RSTART + 11, RLENGTH - 12)
    match($0, / name="[^"]*"/); name = substr($0, RSTART + 7, RLENGTH - 8)
  }
  /<skipped/ {
    reason = $0; sub(/.*<skipped>/, "", reason); sub(/<\/skipped>.*/, "", reason)
    print "  " cls "." name ": " reason
  }' "$swift_testing_results")
if [ -n "$skipped" ]; then
  echo "test.sh: $(printf '%s\n' "$skipped" | wc -l) tests were skipped; every test must run:" >&2
  printf '%s\n' "$skipped" >&2
  exit $((status == 0 ? 1 : status))
fi
exit "$status"
