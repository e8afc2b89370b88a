#ifndef WIXAGENT_CNCURSESW_SHIM_H
#define WIXAGENT_CNCURSESW_SHIM_H

#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <langinfo.h>
#include <ncurses.h>
#include <wchar.h>

/* glibc's prototype is not visible through this module. */
extern int wcwidth(wchar_t c);

/* Macros and globals Swift cannot import directly. */
static inline WINDOW *wa_stdscr(void) { return stdscr; }
static inline int wa_lines(void) { return LINES; }
static inline int wa_cols(void) { return COLS; }
static inline int wa_colors(void) { return COLORS; }
static inline void wa_set_escdelay(int ms) { set_escdelay(ms); }
static inline int wa_key_f(int n) { return KEY_F(n); }
/* The key code ncurses gives an extended key of the terminal's (`kLFT5`: Ctrl-Left); -1 when it has none. */
static inline int wa_key_named(const char *capability) {
    char *sequence = tigetstr(capability);
    if (sequence == NULL || sequence == (char *)-1) return -1;
    int code = key_defined(sequence);
    return code > 0 ? code : -1;
}
static inline attr_t wa_a_normal(void) { return A_NORMAL; }
static inline attr_t wa_a_bold(void) { return A_BOLD; }
static inline attr_t wa_a_reverse(void) { return A_REVERSE; }
static inline attr_t wa_a_underline(void) { return A_UNDERLINE; }
static inline attr_t wa_a_dim(void) { return A_DIM; }
static inline attr_t wa_a_italic(void) { return A_ITALIC; }

/* Input: wget_wch on stdscr; returns OK, KEY_CODE_YES or ERR. */
static inline int wa_err(void) { return ERR; }
static inline int wa_key_code_yes(void) { return KEY_CODE_YES; }
static inline int wa_get_wch(wint_t *out) { return wget_wch(stdscr, out); }

/* Output: one cell (a base character plus up to 4 combining marks) at row y, column x. */
static inline int wa_put_cell(int y, int x, const wchar_t *text, attr_t attrs, short pair) {
    cchar_t cell;
    if (setcchar(&cell, text, attrs, pair, NULL) != OK) return ERR;
    return mvwadd_wch(stdscr, y, x, &cell);
}

/* Whether the C library's current character set is UTF-8. */
static inline int wa_codeset_is_utf8(void) {
    const char *cs = nl_langinfo(CODESET);
    return cs && (cs[0] == 'U' || cs[0] == 'u') && (cs[1] == 'T' || cs[1] == 't') && (cs[2] == 'F' || cs[2] == 'f');
}

#endif
