/* SPDX-License-Identifier: MIT */
/*
 * metrics_csv.c - the tables of the metrics as CSV that Japanese Excel
 * opens as it is: UTF-8 with a byte order mark (Excel reads UTF-8 only
 * with one), or Shift_JIS (CP932, through the C library's iconv) for
 * older copies that read nothing else. Fields are quoted when they hold a
 * comma, a quote or a line break (RFC 4180); lines end in CRLF.
 */
#include "metrics_csv.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case.h"
#include "core/i18n.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "report.h"

const char *const METRICS_TABLES[] = {"summary", "weeks", "kinds", "causes",
                                      "customers", "owners", NULL};

/* One field, quoted when it must be. */
static void field(struct buf *out, const char *text, bool last)
{
    bool quote = strpbrk(text, ",\"\r\n") != NULL;
    if (quote) {
        buf_putc(out, '"');
        for (const char *c = text; *c; c++) {
            if (*c == '"') {
                buf_putc(out, '"');
            }
            buf_putc(out, *c);
        }
        buf_putc(out, '"');
    } else {
        buf_puts(out, text);
    }
    buf_puts(out, last ? "\r\n" : ",");
}

static void number(struct buf *out, int64_t value, bool last)
{
    char text[32];
    snprintf(text, sizeof(text), "%lld", (long long)value);
    field(out, value < 0 ? "" : text, last);
}

static void summary(struct buf *out, const struct metrics *m)
{
    field(out, _("Figure"), false);
    field(out, _("Value"), true);
    const struct {
        const char *name;
        int64_t value;
    } rows[] = {
        {N_("Cases received"), m->cases},
        {N_("Cases resolved"), m->resolved},
        {N_("Promises due"), m->promises_due},
        {N_("Promises kept on time"), m->promises_on_time},
        {N_("Promises kept on time (%)"),
         metrics_percent(m->promises_on_time, m->promises_due)},
        {N_("First contact, median (min)"), m->first_contact.median_min},
        {N_("First ETA, median (min)"), m->first_eta.median_min},
        {N_("Longest silence, max (min)"), m->silence.max_min},
        {N_("Longest silence, median (min)"), m->silence.median_min},
        {N_("Resolution, median (min)"), m->resolution.median_min},
        {N_("Reports due"), m->reports_due},
        {N_("Reports submitted the same day (%)"),
         metrics_percent(m->reports_same_day, m->reports_due)},
        {N_("Recurrences (same customer and cause within 90 days)"),
         m->recurrences},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        field(out, _(rows[i].name), false);
        number(out, rows[i].value, true);
    }
}

static void weeks(struct buf *out, const struct settings *s,
                  const struct metrics *m)
{
    field(out, _("Week from"), false);
    field(out, _("Cases received"), false);
    field(out, _("Promises due"), false);
    field(out, _("Promises kept on time"), false);
    field(out, _("Promises kept on time (%)"), true);
    for (size_t i = 0; i < m->n_weeks; i++) {
        const struct metrics_week *w = &m->weeks[i];
        char day[TIMEUTIL_ISO_MAX];
        timeutil_format_local(s->zone, w->start_at, day);
        day[10] = '\0'; /* the date */
        field(out, day, false);
        number(out, w->cases, false);
        number(out, w->promises_due, false);
        number(out, w->promises_on_time, false);
        number(out, metrics_percent(w->promises_on_time, w->promises_due),
               true);
    }
}

/* A name of a breakdown for people. */
static const char *label_of(const char *table, const char *name)
{
    if (strcmp(table, "kinds") == 0) {
        int k = validate_index(name, CASE_KIND_NAMES);
        return k >= 0 ? case_kind_label((enum case_kind)k) : name;
    }
    if (strcmp(table, "causes") == 0) {
        return report_cause_label(name);
    }
    if (strcmp(table, "owners") == 0 && *name == '\0') {
        return _("unassigned");
    }
    return name;
}

/* The breakdown of table. */
const struct metrics_counts *metrics_breakdown(const struct metrics *m,
                                               const char *table)
{
    return strcmp(table, "kinds") == 0       ? &m->by_kind
           : strcmp(table, "causes") == 0    ? &m->by_cause
           : strcmp(table, "customers") == 0 ? &m->by_customer
           : strcmp(table, "owners") == 0    ? &m->by_owner
                                             : NULL;
}

/* The name of a breakdown's row for people. */
const char *metrics_label(const char *table, const char *name)
{
    return label_of(table, name);
}

/* Table of m (a METRICS_TABLES name) as CSV in UTF-8 with a BOM into
 * out; TAIO_EINVAL for an unknown table. */
enum taio_status metrics_csv(const struct metrics *m,
                             const struct settings *s, const char *table,
                             struct buf *out)
{
    if (table == NULL || validate_index(table, METRICS_TABLES) < 0) {
        return TAIO_EINVAL;
    }
    buf_puts(out, "\xEF\xBB\xBF");
    if (strcmp(table, "summary") == 0) {
        summary(out, m);
    } else if (strcmp(table, "weeks") == 0) {
        weeks(out, s, m);
    } else {
        const struct metrics_counts *c = metrics_breakdown(m, table);
        field(out, _("Name"), false);
        field(out, _("Cases"), true);
        for (size_t i = 0; i < c->n; i++) {
            field(out, label_of(table, c->items[i].name), false);
            number(out, c->items[i].n, true);
        }
    }
    return TAIO_OK;
}

/* The UTF-8 CSV in (with its BOM) as CP932 into out; a character CP932
 * lacks becomes "?". */
enum taio_status metrics_csv_cp932(const struct buf *in, struct buf *out)
{
    iconv_t cd = iconv_open("CP932", "UTF-8");
    if (cd == (iconv_t)-1) {
        return TAIO_EIO;
    }
    size_t left = in->len;
    size_t skip_bom = left >= 3 && memcmp(in->data, "\xEF\xBB\xBF", 3) == 0
                          ? 3 /* Shift_JIS has no byte order mark */
                          : 0;
    left -= skip_bom;
    /* iconv moves a non-const pointer through its input: a copy. */
    char *copy = xmalloc(left + 1);
    memcpy(copy, in->data ? in->data + skip_bom : "", left);
    char *src = copy;
    char chunk[4096];
    while (left > 0) {
        char *dst = chunk;
        size_t room = sizeof(chunk);
        size_t rc = iconv(cd, &src, &left, &dst, &room);
        buf_append(out, chunk, sizeof(chunk) - room);
        if (rc == (size_t)-1 && errno == EILSEQ) {
            /* Skip the character CP932 cannot hold. */
            size_t skip = 1;
            while (skip < left && ((unsigned char)src[skip] & 0xC0) == 0x80) {
                skip++;
            }
            src += skip;
            left -= skip;
            buf_putc(out, '?');
        } else if (rc == (size_t)-1 && errno != E2BIG) {
            break;
        }
    }
    iconv_close(cd);
    free(copy);
    return TAIO_OK;
}
