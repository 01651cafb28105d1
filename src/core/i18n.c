/* SPDX-License-Identifier: MIT */
/*
 * i18n.c - choosing the language of user-facing text.
 *
 * msgids are English; the Japanese catalog is po/ja.po. The catalog is found
 * beside the binary when running from a build tree (build/po, seen from
 * build/src/taio), else in the installed locale directory, so
 * "./build/src/taio" works without installing.
 *
 * gettext ignores LANGUAGE in the "C" locale, and ja_JP.UTF-8 is often not
 * generated on a server, so taio runs in C.UTF-8 when the environment's
 * locale is unusable and selects the language through LANGUAGE.
 */
#include "core/i18n.h"

#include <locale.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "core/buf.h"

/* The directory holding <lang>/LC_MESSAGES/taio.mo. Returns a malloc'd
 * string; free with free(). */
static char *catalog_dir(void)
{
    const char *env = getenv("TAIO_LOCALEDIR");
    if (env && *env) {
        return strdup(env);
    }
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            /* build/src/taio finds build/po; a binary copied beside po/
             * finds its own. */
            const char *tries[] = {"/po", "/../po"};
            for (size_t i = 0; i < sizeof(tries) / sizeof(tries[0]); i++) {
                struct buf dir = {0};
                buf_printf(&dir, "%s%s", exe, tries[i]);
                struct buf probe = {0};
                buf_printf(&probe, "%s/ja/LC_MESSAGES/taio.mo", buf_str(&dir));
                bool found = access(buf_str(&probe), R_OK) == 0;
                buf_clear(&probe);
                if (found) {
                    return buf_steal(&dir);
                }
                buf_clear(&dir);
            }
        }
    }
    return strdup(TAIO_LOCALEDIR);
}

/* True when the environment names a Japanese locale in LC_ALL or LANG. */
static bool env_wants_japanese(void)
{
    const char *names[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        const char *v = getenv(names[i]);
        if (v && *v) {
            return strncmp(v, "ja", 2) == 0;
        }
    }
    return false;
}

/* Bind the text domain and select the language. lang is "ja", "en" or NULL
 * (then TAIO_LANG, then the usual locale variables decide). Must run before
 * any thread starts: it changes the process locale and environment. */
void i18n_init(const char *lang)
{
    if (lang == NULL || *lang == '\0') {
        lang = getenv("TAIO_LANG");
    }
    bool japanese_env = env_wants_japanese();
    const char *ok = setlocale(LC_ALL, "");
    if (ok == NULL || strcmp(ok, "C") == 0 || strcmp(ok, "POSIX") == 0) {
        setlocale(LC_ALL, "C.UTF-8");
        if ((lang == NULL || *lang == '\0') && japanese_env &&
            getenv("LANGUAGE") == NULL) {
            lang = "ja";
        }
    }
    /* Numbers are always written the C way, whatever the language. */
    setlocale(LC_NUMERIC, "C");
    if (lang && *lang) {
        setenv("LANGUAGE", lang, 1);
    }
    char *dir = catalog_dir();
    bindtextdomain("taio", dir);
    bind_textdomain_codeset("taio", "UTF-8");
    textdomain("taio");
    free(dir);
}
