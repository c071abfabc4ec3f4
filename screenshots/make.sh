#!/usr/bin/env bash
# Makes the PNG screenshots in this folder from the real binary: crumbs runs in tmux
# (private socket, fixed size, UTF-8, its own settings folder), each screen is captured
# with its colours (`capture-pane -e -p`), turned into HTML by ansi2html.py and
# photographed by headless Chromium (Debian packages: tmux, chromium, fonts-dejavu-core).
#   screenshots/make.sh          (from anywhere; builds first, debug and release)
#   screenshots/make.sh million  (only the 1,000,000-cookie shot)
# The jar is the bundled example (Examples/cookies.txt: a JWT, a Flask session, insecure,
# session and expired cookies) at a fixed clock; the last shot is a generated
# 1,000,000-cookie jar (Benchmarks/generate_jar.py) in the release build.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
cd "$root"
swift build >/dev/null
bin="$root/.build/debug/crumbs"
for tool in tmux chromium python3; do
  command -v "$tool" >/dev/null || { echo "make.sh: $tool is required" >&2; exit 1; }
done

work="$(mktemp -d)"
sock="crumbs-shots-$$"
cleanup() { tmux -L "$sock" kill-server 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

cp Examples/cookies.txt "$work/cookies.txt"
# A capture with Set-Cookie lines a browser rejects, for the problems view.
printf '%s\r\n' "HTTP/1.1 200 OK" "Set-Cookie: __Host-id=1; Domain=example.com; Path=/; Secure" \
  "Set-Cookie: wide=1; Domain=com" "Set-Cookie: tracker=1; SameSite=None" "Set-Cookie: ok=1; Path=/" "" \
  > "$work/capture.txt"
cols=140
rows=36
now=1795643000 # 2026-11-25 21:43:20 UTC: the 2025 expiries of the example jar are past.

start() { # start COMMAND: a fresh session running COMMAND in the work folder
  tmux -L "$sock" kill-server 2>/dev/null || true
  tmux -f /dev/null -L "$sock" new-session -d -s shot -x "$cols" -y "$rows" -c "$work" \
    -e LANG=C.UTF-8 -e LC_ALL=C.UTF-8 -e TERM=xterm-256color -e XDG_CONFIG_HOME="$work/config" "$1"
}
wait_for() {
  for _ in $(seq 1 "${2:-100}"); do
    if tmux -L "$sock" capture-pane -p -t shot | grep -qF -- "$1"; then return 0; fi
    sleep 0.1
  done
  echo "make.sh: timed out waiting for '$1'" >&2
  tmux -L "$sock" capture-pane -p -t shot >&2
  exit 1
}
keys() { tmux -L "$sock" send-keys -t shot "$@"; sleep 0.4; }
type_text() { tmux -L "$sock" send-keys -t shot -l "$1"; sleep 0.4; }

shot() {
  local name="$1" title="$2"
  tmux -L "$sock" capture-pane -e -p -N -t shot > "$work/$name.ansi"
  python3 "$here/ansi2html.py" "$work/$name.ansi" "$work/$name.html" "$title"
  chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --window-size=1330,720 --screenshot="$here/$name.png" "file://$work/$name.html" >/dev/null 2>&1
  echo "wrote screenshots/$name.png"
}

if [ "${1:-all}" != million ]; then
start "$bin --now $now cookies.txt"
wait_for "total"
shot table "The cookie table: Name pinned, Flags, expired rows dimmed, lint markers"

# The Flask session cookie and its detail pane with the decoded views.
keys /
type_text "name:session"
keys Enter Enter
wait_for "Cookie session"
shot detail-flask-session "Detail pane decoding a Flask session"
keys Enter Escape

# The JWT, folded to its first lines, the attributes on top.
keys /
type_text "name:access_token"
keys Enter Enter
wait_for "Cookie access_token"
shot detail-jwt "Detail pane: attributes first, the JWT decoded"
keys Enter Escape

# Only the cookies with an issue (Chrome's "only show cookies with an issue").
keys /
type_text "issue"
keys Enter
wait_for "/issue"
shot filter-issue "Filter: only cookies with a lint issue"
keys Escape

# The edit form, expiry being typed.
keys e Tab Tab Tab Tab C-u
type_text "+30d"
shot edit-form "Editing a cookie"
keys Escape

keys P
wait_for "Purge"
shot purge-confirmation "Purge confirmation"
keys n

# Pending changes: one deleted, one edited, then `c`.
keys j d
wait_for "Delete 1 cookie?"
keys y
keys e Tab C-u
type_text "edited"
keys Enter
keys c
wait_for "Pending changes"
shot pending-changes "Pending changes (what saving now would change)"
keys Escape

keys "?"
wait_for "(Esc closes)"
shot help "Help screen"
keys Escape

# The URL view: what a browser sends to http://shop.example.com/ and what it leaves home.
keys s
wait_for "Which cookies does this URL get?"
keys C-u
type_text "http://shop.example.com/"
keys Enter
wait_for "Not sent"
shot url-view "The URL view: cookies sent to a URL, and why the others are not"
keys Escape q
wait_for "Quit without saving?"
keys y

# The problems view: what the reader and the storage model rejected, with the reasons.
start "$bin --now $now --origin https://www.example.com/ capture.txt"
wait_for "problems"
keys "!"
wait_for "Problems"
shot problems "Problems reading: rejected Set-Cookie lines and why"
keys Escape q
fi

# A generated 1,000,000-cookie jar in the release build: counts, and a filter over it.
swift build -c release >/dev/null
python3 Benchmarks/generate_jar.py 1000000 "$work/big.txt" "$now" >/dev/null
start "$root/.build/release/crumbs --now $now big.txt"
# The generator repeats some identities: about 970,000 distinct cookies stay.
wait_for " total ·" 600
sleep 8
shot million "1,000,000 cookies: counts, domains grouped by site"
keys q
