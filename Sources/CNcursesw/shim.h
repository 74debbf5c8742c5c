#ifndef AUGUST_CNCURSESW_SHIM_H
#define AUGUST_CNCURSESW_SHIM_H
// SwiftPM drops pkg-config's -D_XOPEN_SOURCE: ask for the wide-character API explicitly.
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <curses.h>
#include <term.h>

// Macros Swift cannot import, as functions (values come from the headers, never copied by hand).
static inline WINDOW *aug_stdscr(void) { return stdscr; }

static inline attr_t aug_A_NORMAL(void) { return A_NORMAL; }
static inline attr_t aug_A_BOLD(void) { return A_BOLD; }
static inline attr_t aug_A_DIM(void) { return A_DIM; }
static inline attr_t aug_A_REVERSE(void) { return A_REVERSE; }
static inline attr_t aug_A_UNDERLINE(void) { return A_UNDERLINE; }
static inline attr_t aug_A_STANDOUT(void) { return A_STANDOUT; }
static inline attr_t aug_A_ITALIC(void) { return A_ITALIC; }
static inline int aug_COLOR_PAIR(int n) { return COLOR_PAIR(n); }

static inline int aug_KEY_F(int n) { return KEY_F(n); }

static inline mmask_t aug_BUTTON1_PRESSED(void) { return BUTTON1_PRESSED; }
static inline mmask_t aug_BUTTON1_CLICKED(void) { return BUTTON1_CLICKED; }
static inline mmask_t aug_BUTTON1_RELEASED(void) { return BUTTON1_RELEASED; }
static inline mmask_t aug_BUTTON1_DOUBLE_CLICKED(void) { return BUTTON1_DOUBLE_CLICKED; }
static inline mmask_t aug_BUTTON4_PRESSED(void) { return BUTTON4_PRESSED; }
static inline mmask_t aug_BUTTON5_PRESSED(void) { return BUTTON5_PRESSED; }
static inline mmask_t aug_ALL_MOUSE_EVENTS(void) { return ALL_MOUSE_EVENTS; }
static inline mmask_t aug_REPORT_MOUSE_POSITION(void) { return REPORT_MOUSE_POSITION; }

static inline cchar_t *aug_ACS_VLINE(void) { return WACS_VLINE; }
static inline cchar_t *aug_ACS_HLINE(void) { return WACS_HLINE; }

// glibc declares wcwidth only under _XOPEN_SOURCE; the same function ncursesw measures with.
static inline int aug_wcwidth(wchar_t c) { return wcwidth(c); }

// One terminfo capability string (or NULL): rmcup, cnorm, rmkx for the signal-safe restore.
static inline const char *aug_tigetstr(const char *name) {
    char *s = tigetstr((char *)name);
    return (s == (char *)-1) ? NULL : s;
}

#endif
