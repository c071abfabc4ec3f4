#!/bin/sh
# Captures the Flask fixture app (cookie_app.py) with curl into Tests/Fixtures/headers/:
# `curl -i`, `curl -D` with `-L` across /redirect, and `curl -v`, over HTTP and HTTPS
# (`--https`, `curl -k`), plus one `curl --trace-ascii`. Each capture runs with curl's cookie
# engine on (`-c`), and what curl stored in that same run is kept next to it as NAME.curl-jar.txt, so the tests can
# check that Crumbs reads each dump exactly as curl itself stored it.
#
# Host name www.example.com is pinned to loopback with --resolve; COOKIE_DOMAIN=example.com
# makes the app also send a Domain cookie. Ports: 18766 (HTTP), 18767 (HTTPS).
# Run from anywhere: sh Tests/Fixtures/generate/capture_headers.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../headers"
mkdir -p "$out"
HTTP_PORT=18766
HTTPS_PORT=18767
HOST=www.example.com
export COOKIE_DOMAIN=example.com

python3 "$here/cookie_app.py" --port $HTTP_PORT >/dev/null 2>&1 &
app_http=$!
python3 "$here/cookie_app.py" --port $HTTPS_PORT --https >/dev/null 2>&1 &
app_https=$!
trap 'kill $app_http $app_https 2>/dev/null || true' EXIT INT TERM

# Wait (bounded) until both answer.
for i in $(seq 1 50); do
  if curl -s -o /dev/null http://127.0.0.1:$HTTP_PORT/ && curl -sk -o /dev/null https://127.0.0.1:$HTTPS_PORT/; then
    break
  fi
  sleep 0.2
done

cd "$out"
R_HTTP="--resolve $HOST:$HTTP_PORT:127.0.0.1"
R_HTTPS="--resolve $HOST:$HTTPS_PORT:127.0.0.1"
H=http://$HOST:$HTTP_PORT
S=https://$HOST:$HTTPS_PORT

# curl -i: one response, headers and body on stdout.
curl -s -i $R_HTTP -c flask-curl-i-set.curl-jar.txt "$H/set" > flask-curl-i-set.txt
# curl -D with -L: the 302 of /redirect (its own Set-Cookie) then the 200 of /set.
curl -s -L $R_HTTP -D flask-curl-D-redirect.txt -o /dev/null -c flask-curl-D-redirect.curl-jar.txt "$H/redirect"
# curl -v: two requests in one run (/set then /delete, which expires two cookies), with a
# Cookie request header sent from -b.
curl -s -v $R_HTTP -b 'pref=1' -c flask-curl-v-set-delete.curl-jar.txt "$H/set" "$H/delete" \
  -o /dev/null -o /dev/null 2> flask-curl-v-set-delete.txt
# curl --trace-ascii of the same redirect: chunked, offset-prefixed, wrapped at 64 bytes.
curl -s -L $R_HTTP --trace-ascii flask-curl-trace-ascii-redirect.txt -o /dev/null \
  -c flask-curl-trace-ascii-redirect.curl-jar.txt "$H/redirect"
# The same over HTTPS (throwaway certificate, hence -k): Secure and __Host-/__Secure- cookies.
curl -s -k -i $R_HTTPS -c flask-https-curl-i-set.curl-jar.txt "$S/set" > flask-https-curl-i-set.txt
curl -s -k -L $R_HTTPS -D flask-https-curl-D-redirect.txt -o /dev/null \
  -c flask-https-curl-D-redirect.curl-jar.txt "$S/redirect"
curl -s -k -v $R_HTTPS -c flask-https-curl-v-login.curl-jar.txt "$S/login" -o /dev/null \
  2> flask-https-curl-v-login.txt
echo "captured into $out:"
ls -1 "$out"
