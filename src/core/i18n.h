/* SPDX-License-Identifier: MIT */
#ifndef TAIO_CORE_I18N_H
#define TAIO_CORE_I18N_H

#include <libintl.h>

/* Translate a user-facing string (msgids are English). */
#define _(s) gettext(s)
/* Mark a string for extraction where it must stay untranslated until use,
 * e.g. in static tables. */
#define N_(s) (s)

/* Bind the "taio" text domain and pick the language from the environment
 * (TAIO_LANG, then LANGUAGE/LC_ALL/LANG). Call once before threads start. */
void i18n_init(const char *lang);

/* Languages a server thread can switch to, per request. */
enum i18n_lang {
    I18N_JA,
    I18N_EN,
    I18N_LANG_COUNT,
};

extern const char *const I18N_LANG_NAMES[]; /* "ja", "en", NULL */

/* Per-thread languages for the server (call once before threads start) */
enum i18n_lang i18n_server_init(void);
void i18n_use(enum i18n_lang lang);
enum i18n_lang i18n_current(void);
enum i18n_lang i18n_from_accept(const char *accept_language,
                                enum i18n_lang fallback);

#endif
