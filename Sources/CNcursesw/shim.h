#ifndef CRUMBS_CNCURSESW_SHIM_H
#define CRUMBS_CNCURSESW_SHIM_H
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

static inline WINDOW *crumbs_stdscr(void) { return stdscr; }
static inline int crumbs_lines(void) { return LINES; }
static inline int crumbs_cols(void) { return COLS; }
static inline int crumbs_colors(void) { return COLORS; }
#endif
