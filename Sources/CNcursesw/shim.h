#ifndef PPROF_TUI_CNCURSESW_SHIM_H
#define PPROF_TUI_CNCURSESW_SHIM_H
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <ncursesw/curses.h>

/* Macros and globals Swift cannot import or rejects under Swift 6 concurrency checking. */
static inline int pprof_lines(void) { return LINES; }
static inline int pprof_cols(void) { return COLS; }
static inline WINDOW *pprof_stdscr(void) { return stdscr; }
static inline int pprof_key_resize(void) { return KEY_RESIZE; }
static inline int pprof_key_mouse(void) { return KEY_MOUSE; }
static inline int pprof_key_f(int n) { return KEY_F(n); }
static inline attr_t pprof_a_bold(void) { return A_BOLD; }
static inline attr_t pprof_a_reverse(void) { return A_REVERSE; }
static inline attr_t pprof_a_underline(void) { return A_UNDERLINE; }
static inline attr_t pprof_a_dim(void) { return A_DIM; }
static inline attr_t pprof_a_normal(void) { return A_NORMAL; }
static inline mmask_t pprof_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t pprof_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t pprof_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t pprof_button5_pressed(void) { return BUTTON5_PRESSED; }
static inline mmask_t pprof_all_mouse_events(void) { return ALL_MOUSE_EVENTS; }
#endif
