#!/usr/bin/env bash
# Makes the PNG screenshots in this folder from the real binary: crumbs runs in tmux
# (private socket, fixed size, UTF-8), each screen is captured with its colours
# (`capture-pane -e -p`), turned into HTML by ansi2html.py and photographed by headless
# Chromium (Debian packages: tmux, chromium, fonts-dejavu-core).
#   screenshots/make.sh        (from anywhere; builds first)
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

# A real jar written by curl against the Flask test app (Tests/Fixtures/README.md),
# copied so that nothing here can change the fixture.
cp Tests/Fixtures/netscape/curl.txt "$work/cookies.txt"
cols=124
rows=34
# Fixed clock (2026-11-25 21:43:20 UTC): two of the curl cookies are expired by then.
tmux -f /dev/null -L "$sock" new-session -d -s shot -x "$cols" -y "$rows" -c "$work" \
  -e LANG=C.UTF-8 -e LC_ALL=C.UTF-8 -e TERM=xterm-256color -e XDG_CONFIG_HOME="$work/config" \
  "$bin --now 1795643000 cookies.txt"

wait_for() {
  for _ in $(seq 1 100); do
    if tmux -L "$sock" capture-pane -p -t shot | grep -qF -- "$1"; then return 0; fi
    sleep 0.1
  done
  echo "make.sh: timed out waiting for '$1'" >&2
  tmux -L "$sock" capture-pane -p -t shot >&2
  exit 1
}
keys() { tmux -L "$sock" send-keys -t shot "$@"; sleep 0.3; }

shot() {
  local name="$1" title="$2"
  tmux -L "$sock" capture-pane -e -p -N -t shot > "$work/$name.ansi"
  python3 "$here/ansi2html.py" "$work/$name.ansi" "$work/$name.html" "$title"
  chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --window-size=1180,690 --screenshot="$here/$name.png" "file://$work/$name.html" >/dev/null 2>&1
  echo "wrote screenshots/$name.png"
}

wait_for "total"
shot table "The cookie table"

# The Flask session cookie (last row), its detail pane with the decoded views.
keys G Enter
wait_for "Cookie session"
keys J J J J J J
shot detail-flask-session "Detail pane decoding a Flask session"
keys Enter

# The edit form on the same cookie, expiry being typed.
keys e Tab Tab Tab Tab C-u
tmux -L "$sock" send-keys -t shot -l "+30d"
sleep 0.3
shot edit-form "Editing a cookie"
keys Escape

keys P
wait_for "Purge"
shot purge-confirmation "Purge confirmation"
keys n

keys "?"
wait_for "Keys (Esc closes)"
shot help "Help screen"
keys Escape

# The URL view: what a browser sends to http://www.example.com/ and what it leaves home.
keys s
wait_for "Which cookies does this URL get?"
keys C-u
tmux -L "$sock" send-keys -t shot -l "http://www.example.com/"
keys Enter
wait_for "Not sent"
shot url-view "The URL view: cookies sent to a URL, and why the others are not"
keys Escape q
