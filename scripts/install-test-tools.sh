#!/usr/bin/env bash
# Installs what the tests use as real producers and consumers (and what the build needs),
# with apt and pip. Idempotent: when everything is there it only checks, in about a second;
# `apt-get update` runs only when a package is missing.
set -euo pipefail

# Debian packages: the build (ncurses, SQLite headers) and the programs the tests run.
# Keep in step with `Tool` in Tests/CrumbsTestSupport/TestTool.swift.
apt_packages=(
  libncurses-dev libsqlite3-dev zlib1g-dev ncurses-term # build; terminfo for the tmux tests
  nodejs                                     # Tool.node: Express's cookie-signature
  tmux                                       # Tool.tmux: the inspector end to end
  curl                                       # Tool.curl: loads the Netscape jars we write
  wget                                       # Tool.wget: loads them too, by its own rules
  sqlite3                                    # Tool.sqlite3: builds and holds browser stores
  chromium                                   # Tool.playwright, Tool.chromium: real profiles
  dbus gnome-keyring libsecret-tools         # Tool.gnomeKeyring: a Secret Service for v11 values
  libhttp-cookies-perl                       # Tool.perlHTTPCookies: libwww-perl's LWP jars
  python3 python3-pip                        # Tool.python3: CPython's http.cookiejar, zlib
  bsdutils bash                              # Tool.script, Tool.bash (essential on Debian)
)
# Python modules (import name=pip name): Playwright for Python drives Debian's chromium
# (it never downloads a browser of its own); Werkzeug (with Flask, which the fixture app
# needs) reads our Cookie header; yt-dlp loads the Netscape jars we write; Flask and Django
# issue and read the session cookies `crumbs session` signs.
pip_modules=(playwright=playwright werkzeug=flask flask=flask yt_dlp=yt-dlp django=django)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "install-test-tools: need root (or sudo) for: $*" >&2
    return 1
  fi
}

if command -v apt-get >/dev/null; then
  installed=" $(dpkg-query -W -f='${Package}=${Status} ' "${apt_packages[@]}" 2>/dev/null || true) "
  missing=()
  for p in "${apt_packages[@]}"; do
    [[ $installed == *" $p=install ok installed "* ]] || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "install-test-tools: apt-get install ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    as_root apt-get update -qq
    as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
else
  echo "install-test-tools: no apt-get; install by hand: ${apt_packages[*]}" >&2
fi

# One interpreter looks for every module (found, not imported: importing Playwright is
# slow), printing the pip names of those missing.
mapfile -t missing < <(python3 - "${pip_modules[@]}" <<'PY'
import importlib.util, sys
for spec in sys.argv[1:]:
    module, package = spec.split("=")
    if importlib.util.find_spec(module) is None:
        print(package)
PY
)
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-test-tools: pip install ${missing[*]}" >&2
  # Debian's own python3 refuses pip without --break-system-packages (PEP 668).
  python3 -m pip install -q "${missing[@]}" >/dev/null 2>&1 \
    || python3 -m pip install -q --break-system-packages "${missing[@]}" >/dev/null
fi
