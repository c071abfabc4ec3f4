#ifndef CRUMBS_CNCURSESW_SHIM_H
#define CRUMBS_CNCURSESW_SHIM_H
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Globals and macros Swift cannot import (ARCHITECTURE "ncurses from Swift 6").
static inline WINDOW *crumbs_stdscr(void) { return stdscr; }
static inline int crumbs_lines(void) { return LINES; }
static inline int crumbs_cols(void) { return COLS; }
static inline int crumbs_colors(void) { return COLORS; }
static inline attr_t crumbs_a_bold(void) { return A_BOLD; }
static inline attr_t crumbs_a_dim(void) { return A_DIM; }
static inline attr_t crumbs_a_underline(void) { return A_UNDERLINE; }
static inline attr_t crumbs_a_reverse(void) { return A_REVERSE; }
static inline attr_t crumbs_a_normal(void) { return A_NORMAL; }
static inline mmask_t crumbs_all_mouse_events(void) { return ALL_MOUSE_EVENTS; }
static inline mmask_t crumbs_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t crumbs_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t crumbs_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t crumbs_button5_pressed(void) { return BUTTON5_PRESSED; }
/// newterm on the process's stdout/stdin (Swift 6 rejects the C globals).
static inline SCREEN *crumbs_newterm(void) { return newterm(NULL, stdout, stdin); }
/// The terminal's real size from the kernel (0 when unknown), to catch a resize whose
/// SIGWINCH curses missed.
static inline void crumbs_winsize(int *rows, int *cols) {
  struct winsize ws;
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0) {
    *rows = ws.ws_row;
    *cols = ws.ws_col;
  } else {
    *rows = 0;
    *cols = 0;
  }
}
extern int wcwidth(wchar_t);
static inline int crumbs_wcwidth(wchar_t c) { return wcwidth(c); }

/// Writes `n` wide characters at (y, x) with attributes and a colour pair.
static inline int crumbs_put(int y, int x, const wchar_t *s, int n, attr_t attrs, short pair) {
  attr_set(attrs, pair, NULL);
  return mvaddnwstr(y, x, s, n);
}
#endif
