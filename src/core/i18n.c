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
#include <strings.h>
#include <unistd.h>

#include "config.h"
#include "core/buf.h"
#include "core/log.h"
#include "core/text.h"

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

/* The locale the environment names for messages: the first of LC_ALL,
 * LC_MESSAGES and LANG that is set; NULL when none is. */
static const char *env_locale(void)
{
    const char *names[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        const char *v = getenv(names[i]);
        if (v && *v) {
            return v;
        }
    }
    return NULL;
}

/* True when the environment names a Japanese locale (env_locale()). */
static bool env_wants_japanese(void)
{
    const char *v = env_locale();
    return v && strncmp(v, "ja", 2) == 0;
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

const char *const I18N_LANG_NAMES[] = {"ja", "en", NULL};

/* The locales i18n_use() switches between (only LC_MESSAGES differs from
 * the process locale). Set once by i18n_server_init() before any thread
 * starts, read-only afterwards. */
static locale_t server_locales[I18N_LANG_COUNT];

/* What this thread last chose with i18n_use(). */
static _Thread_local enum i18n_lang thread_lang = I18N_JA;

/* Whether the per-thread languages are prepared. The server prepares them
 * before its threads start; a command prepares them the first time it
 * writes for someone else (a customer's mail, a webhook), so writing in
 * another language than the command's own works everywhere alike. */
static bool server_ready;

static void ensure_ready(void)
{
    if (!server_ready) {
        i18n_server_init();
    }
}

/* The locale whose LC_MESSAGES is name, the rest as the process's; 0 when
 * the system lacks it. */
static locale_t messages_locale(const char *name)
{
    locale_t base = duplocale(LC_GLOBAL_LOCALE);
    if (base == (locale_t)0) {
        return (locale_t)0;
    }
    locale_t loc = newlocale(LC_MESSAGES_MASK, name, base);
    if (loc == (locale_t)0) {
        freelocale(base);
    }
    return loc;
}

/* The server's language for requests that ask for none: the one chosen
 * by --lang, TAIO_LANG or LANGUAGE (i18n_init() leaves it in LANGUAGE),
 * else that of a named locale in LC_ALL, LC_MESSAGES or LANG, else
 * Japanese: taio is Japanese first, and C or POSIX is no choice. */
static enum i18n_lang server_default(void)
{
    const char *language = getenv("LANGUAGE");
    if (language && *language) {
        return strncmp(language, "ja", 2) == 0 ? I18N_JA : I18N_EN;
    }
    const char *v = env_locale();
    bool neutral = v == NULL || strcmp(v, "POSIX") == 0 ||
                   strcmp(v, "C") == 0 || strncmp(v, "C.", 2) == 0;
    return neutral || env_wants_japanese() ? I18N_JA : I18N_EN;
}

/* Prepare the server's per-thread languages and return the language that
 * answers requests asking for none (server_default()). gettext lets
 * LANGUAGE override a thread's locale, so it is removed; Japanese needs
 * the ja_JP.UTF-8 locale (scripts/setup.sh generates it) and falls back
 * to English with a warning without it. */
enum i18n_lang i18n_server_init(void)
{
    server_ready = true;
    enum i18n_lang chosen = server_default();
    unsetenv("LANGUAGE");
    server_locales[I18N_EN] = messages_locale("C.UTF-8");
    server_locales[I18N_JA] = messages_locale("ja_JP.UTF-8");
    if (server_locales[I18N_JA] == (locale_t)0) {
        log_warn("i18n: the ja_JP.UTF-8 locale is missing, so pages and "
                 "messages are in English; make it with: localedef -i "
                 "ja_JP -c -f UTF-8 ja_JP.UTF-8");
    }
    i18n_use(chosen);
    return chosen;
}

/* Translate into lang on this thread from now on. */
void i18n_use(enum i18n_lang lang)
{
    ensure_ready();
    thread_lang = lang;
    locale_t loc = server_locales[lang];
    if (loc == (locale_t)0) {
        loc = server_locales[I18N_EN];
    }
    if (loc != (locale_t)0) {
        uselocale(loc);
    }
}

/* The language this thread last chose with i18n_use(), to return to it
 * after writing for someone else (a customer, a colleague). */
enum i18n_lang i18n_current(void)
{
    ensure_ready();
    return thread_lang;
}

/* The language an Accept-Language header prefers among ja and en (the
 * highest q; the first listed on a tie); fallback when it names
 * neither or is NULL. */
enum i18n_lang i18n_from_accept(const char *accept_language,
                                enum i18n_lang fallback)
{
    if (accept_language == NULL) {
        return fallback;
    }
    enum i18n_lang best = fallback;
    double best_q = 0.0;
    struct text_qitem it;
    while (text_qlist_next(&accept_language, &it)) {
        for (int l = 0; l < I18N_LANG_COUNT; l++) {
            const char *name = I18N_LANG_NAMES[l];
            size_t n = strlen(name);
            bool named = it.len >= n && strncasecmp(it.name, name, n) == 0 &&
                         (it.len == n || it.name[n] == '-' ||
                          it.name[n] == '_');
            if (named && it.q > best_q) {
                best = (enum i18n_lang)l;
                best_q = it.q;
            }
        }
    }
    return best;
}
