#!/usr/bin/env bash
# Captures the cookie stores that real browsers write, for Tests/Fixtures/browsers/.
#
# Needs Debian's chromium and firefox-esr, sqlite3, python3 with flask and cryptography.
# Both browsers run headless with throwaway profiles and talk only to cookie_app.py on
# loopback (www.crumbs.test is mapped to 127.0.0.1 inside each browser; nothing leaves the
# machine). Chromium runs with --password-store=basic so its values are `v10`, which
# Crumbs (and chromium_dump.py, independently) can decrypt.
#
# Writes, into Tests/Fixtures/browsers/:
#   chromium-Cookies                  Chromium's Network/Cookies after a clean exit
#   chromium-Cookies.expected.jsonl   chromium_dump.py's decrypted dump of it
#   firefox-cookies.sqlite            Firefox ESR's cookies.sqlite after a clean exit
#   firefox-live/cookies.sqlite(-wal) the same profile's files copied while Firefox ran
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../browsers"
work="$(mktemp -d)"
http_port=18791
https_port=18792
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$out"

export COOKIE_DOMAIN=crumbs.test
python3 "$here/cookie_app.py" --port "$http_port" >"$work/http.log" 2>&1 &
pids+=($!)
python3 "$here/cookie_app.py" --port "$https_port" --https >"$work/https.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do
  curl -sf "http://127.0.0.1:$http_port/" >/dev/null && curl -sfk "https://127.0.0.1:$https_port/" >/dev/null && break
  sleep 0.2
done

# --- Chromium -------------------------------------------------------------------------
chromium_profile="$work/chromium"
for url in "http://www.crumbs.test:$http_port/set" "https://www.crumbs.test:$https_port/set" \
  "https://www.crumbs.test:$https_port/login" "https://www.crumbs.test:$https_port/multi"; do
  # --dump-dom loads the page and exits cleanly, flushing the cookie store.
  timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run \
    --user-data-dir="$chromium_profile" --password-store=basic --ignore-certificate-errors \
    --host-resolver-rules="MAP *.crumbs.test 127.0.0.1" --dump-dom "$url" >/dev/null 2>>"$work/chromium.log"
done
cp "$chromium_profile/Default/Cookies" "$out/chromium-Cookies"
python3 "$here/chromium_dump.py" "$out/chromium-Cookies" >"$out/chromium-Cookies.expected.jsonl"

# --- Firefox ESR ----------------------------------------------------------------------
firefox_prefs() {
  mkdir -p "$1"
  cat >"$1/user.js" <<'PREFS'
user_pref("browser.shell.checkDefaultBrowser", false);
user_pref("browser.startup.homepage_override.mstone", "ignore");
user_pref("datareporting.policy.dataSubmissionEnabled", false);
user_pref("toolkit.telemetry.reportingpolicy.firstRun", false);
user_pref("network.dns.localDomains", "www.crumbs.test,crumbs.test");
user_pref("network.captive-portal-service.enabled", false);
user_pref("network.connectivity-service.enabled", false);
user_pref("app.update.enabled", false);
user_pref("browser.safebrowsing.update.enabled", false);
PREFS
}
firefox_profile="$work/firefox"
firefox_prefs "$firefox_profile"
for path in set login multi; do
  # --screenshot loads the page and quits normally, so cookies.sqlite is checkpointed.
  timeout 120 firefox-esr --headless --profile "$firefox_profile" --screenshot "$work/shot.png" \
    "http://www.crumbs.test:$http_port/$path" >>"$work/firefox.log" 2>&1
done
if [ -s "$firefox_profile/cookies.sqlite-wal" ]; then
  echo "Firefox left a non-empty WAL after quitting; not a clean capture" >&2
  exit 1
fi
cp "$firefox_profile/cookies.sqlite" "$out/firefox-cookies.sqlite"

# A live profile: Firefox keeps running, its recent cookies only in cookies.sqlite-wal.
live_profile="$work/firefox-live"
firefox_prefs "$live_profile"
firefox-esr --headless --profile "$live_profile" "http://www.crumbs.test:$http_port/set" \
  >>"$work/firefox.log" 2>&1 &
firefox_pid=$!
pids+=("$firefox_pid")
for _ in $(seq 120); do
  [ -s "$live_profile/cookies.sqlite-wal" ] && sqlite3 "file:$live_profile/cookies.sqlite?mode=ro" \
    "SELECT count(*) FROM moz_cookies" 2>/dev/null | grep -qx 9 && break
  sleep 0.5
done
sleep 1
mkdir -p "$out/firefox-live"
rm -f "$out/firefox-live/"*
# Main file first, then the WAL: the order a reader of a live profile copies them in.
cp "$live_profile/cookies.sqlite" "$out/firefox-live/cookies.sqlite"
cp "$live_profile/cookies.sqlite-wal" "$out/firefox-live/cookies.sqlite-wal"
kill "$firefox_pid"
wait "$firefox_pid" 2>/dev/null || true

chromium --version
firefox-esr --version
ls -l "$out" "$out/firefox-live"
