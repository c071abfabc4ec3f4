#!/usr/bin/env python3
"""Turns a `tmux capture-pane -e -p` dump (ANSI SGR colours) into an HTML page that looks
like the terminal: one <pre>, one span per run of cells with the same style. Wide
characters (CJK, emoji) get a two-cell box so the columns stay aligned in the browser."""
import html
import re
import sys
import unicodedata

PALETTE = ["#1e1e1e", "#e06c75", "#98c379", "#e5c07b", "#61afef", "#c678dd", "#56b6c2", "#dcdfe4",
           "#5c6370", "#ff7b86", "#b5e890", "#ffd68a", "#8cc8ff", "#e39ef7", "#7fdbe6", "#ffffff"]
FG, BG = "#dcdfe4", "#1e1e1e"


def xterm256(n):
    if n < 16:
        return PALETTE[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return "#%02x%02x%02x" % (steps[n // 36], steps[(n // 6) % 6], steps[n % 6])
    v = 8 + (n - 232) * 10
    return "#%02x%02x%02x" % (v, v, v)


def apply(codes, st):
    i = 0
    while i < len(codes):
        c = codes[i]
        if c == 0:
            st.clear()
        elif c == 1:
            st["bold"] = True
        elif c == 2:
            st["dim"] = True
        elif c == 4:
            st["underline"] = True
        elif c == 7:
            st["reverse"] = True
        elif c == 22:
            st.pop("bold", None); st.pop("dim", None)
        elif c == 24:
            st.pop("underline", None)
        elif c == 27:
            st.pop("reverse", None)
        elif 30 <= c <= 37:
            st["fg"] = PALETTE[c - 30]
        elif 90 <= c <= 97:
            st["fg"] = PALETTE[c - 90 + 8]
        elif 40 <= c <= 47:
            st["bg"] = PALETTE[c - 40]
        elif 100 <= c <= 107:
            st["bg"] = PALETTE[c - 100 + 8]
        elif c == 39:
            st.pop("fg", None)
        elif c == 49:
            st.pop("bg", None)
        elif c in (38, 48) and i + 2 < len(codes) and codes[i + 1] == 5:
            st["fg" if c == 38 else "bg"] = xterm256(codes[i + 2])
            i += 2
        i += 1


def css(st):
    fg, bg = st.get("fg", FG), st.get("bg", BG)
    if st.get("reverse"):
        fg, bg = bg, fg
    out = "color:%s;background:%s;" % (fg, bg)
    if st.get("bold"):
        out += "font-weight:bold;"
    if st.get("dim"):
        out += "opacity:0.55;"
    if st.get("underline"):
        out += "text-decoration:underline;"
    return out


def is_wide(ch):
    return unicodedata.east_asian_width(ch) in ("W", "F") or ord(ch) >= 0x1F300


def convert(text, title):
    st = {}
    lines = []
    for line in text.rstrip("\n").split("\n"):
        parts = re.split(r"\x1b\[([0-9;]*)m", line)
        out = []
        for k, part in enumerate(parts):
            if k % 2 == 1:
                apply([int(x) if x else 0 for x in part.split(";")], st)
                continue
            if not part:
                continue
            chunk = ""
            for ch in part:
                e = html.escape(ch)
                chunk += '<span class="w">%s</span>' % e if is_wide(ch) else e
            out.append('<span style="%s">%s</span>' % (css(st), chunk))
        lines.append("".join(out))
    body = "\n".join(lines)
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>
html,body{{margin:0;background:{BG};}}
pre{{margin:0;padding:14px;font-family:'DejaVu Sans Mono',monospace;font-size:15px;line-height:19px;color:{FG};
display:inline-block;}}
.w{{display:inline-block;width:2ch;text-align:center;overflow:hidden;vertical-align:top;}}
</style></head><body><pre>{body}</pre></body></html>"""


if __name__ == "__main__":
    src, dst, title = sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else "crumbs"
    with open(src, encoding="utf-8", errors="replace") as f:
        data = f.read()
    with open(dst, "w", encoding="utf-8") as f:
        f.write(convert(data, title))
