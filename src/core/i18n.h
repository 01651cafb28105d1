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

#endif
