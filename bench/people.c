/* SPDX-License-Identifier: MIT */
/*
 * people.c - the staff and customers of the benchmark database: about a
 * hundred users in every role, and customers (boards of education with
 * their schools, companies, private persons) with phone numbers, contact
 * people, reachable hours, closed days, busy periods and a few flags.
 *
 * They are few enough (tens of thousands) to go through the same domain
 * functions as real use (user_add, customer_add, contact_add,
 * windows_add_busy, customer_flag_set), so their search keys, phone keys
 * and history rows are exactly what taio writes. The million cases are
 * not: gen_cases.c writes those with raw INSERTs.
 */
#include "people.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "contact.h"
#include "core/log.h"
#include "core/xalloc.h"
#include "customer.h"
#include "user.h"
#include "windows.h"

#define DAY 86400

/* A name and its kana reading. */
struct named {
    const char *name;
    const char *reading;
};

static const struct named FAMILY[] = {
    {"佐藤", "さとう"},     {"鈴木", "すずき"},   {"高橋", "たかはし"},
    {"田中", "たなか"},     {"伊藤", "いとう"},   {"渡辺", "わたなべ"},
    {"山本", "やまもと"},   {"中村", "なかむら"}, {"小林", "こばやし"},
    {"加藤", "かとう"},     {"吉田", "よしだ"},   {"山田", "やまだ"},
    {"佐々木", "ささき"},   {"山口", "やまぐち"}, {"松本", "まつもと"},
    {"井上", "いのうえ"},   {"木村", "きむら"},   {"林", "はやし"},
    {"斎藤", "さいとう"},   {"清水", "しみず"},   {"山崎", "やまざき"},
    {"森", "もり"},         {"池田", "いけだ"},   {"橋本", "はしもと"},
    {"阿部", "あべ"},       {"石川", "いしかわ"}, {"山下", "やました"},
    {"中島", "なかじま"},   {"石井", "いしい"},   {"小川", "おがわ"},
    {"前田", "まえだ"},     {"岡田", "おかだ"},   {"長谷川", "はせがわ"},
    {"藤田", "ふじた"},     {"後藤", "ごとう"},   {"近藤", "こんどう"},
};

static const struct named GIVEN[] = {
    {"健一", "けんいち"}, {"誠", "まこと"},     {"翔", "しょう"},
    {"大輔", "だいすけ"}, {"拓也", "たくや"},   {"直樹", "なおき"},
    {"美咲", "みさき"},   {"由美", "ゆみ"},     {"陽子", "ようこ"},
    {"恵", "めぐみ"},     {"智子", "ともこ"},   {"裕子", "ゆうこ"},
    {"浩", "ひろし"},     {"隆", "たかし"},     {"愛", "あい"},
    {"彩", "あや"},       {"健太", "けんた"},   {"達也", "たつや"},
    {"真由美", "まゆみ"}, {"明美", "あけみ"},
};

static const struct named PLACE[] = {
    {"東京", "とうきょう"}, {"大阪", "おおさか"}, {"横浜", "よこはま"},
    {"名古屋", "なごや"},   {"千葉", "ちば"},     {"市川", "いちかわ"},
    {"川崎", "かわさき"},   {"神戸", "こうべ"},   {"札幌", "さっぽろ"},
    {"福岡", "ふくおか"},   {"仙台", "せんだい"}, {"浜松", "はままつ"},
};

static const struct named TRADE[] = {
    {"製作所", "せいさくしょ"}, {"精機", "せいき"},     {"運輸", "うんゆ"},
    {"商店", "しょうてん"},     {"工業", "こうぎょう"}, {"物流", "ぶつりゅう"},
    {"建設", "けんせつ"},       {"電機", "でんき"},     {"食品", "しょくひん"},
    {"印刷", "いんさつ"},       {"薬局", "やっきょく"}, {"設備", "せつび"},
};

static const char *const NUMERAL[] = {"いち", "に",   "さん", "よん",
                                      "ご",   "ろく", "なな", "はち",
                                      "きゅう", "じゅう"};

static const char *const TOWN[] = {
    "東京都大田区東糀谷",
    "千葉県市川市八幡",
    "神奈川県川崎市中原区小杉町",
    "大阪府大阪市北区梅田",
    "愛知県名古屋市中区栄",
    "福岡県福岡市博多区博多駅前",
};

static const char *const CONTACT_TITLE[] = {"総務部", "工場長",
                                            "情報システム課", "店長",
                                            "経理部", "設備保全課"};

static const char *const HOURS[] = {
    "mon-fri 09:00-17:00",
    "mon-fri 08:30-12:00,13:00-17:30",
    "mon-sat 10:00-19:00",
    "tue-sat 09:30-12:30,14:00-18:30",
};

static const char *const CLOSED_DAYS[] = {"12-28..01-05", "08-13..08-16",
                                          "12-29..01-04; 05-01..05-05"};

static const char *const CHANNELS[] = {"phone", "phone,email", "email,phone",
                                       "phone,fax", "phone,letter"};

/* Roles of the staff, by share of users in per mille. The rest are
 * agents. */
enum { ADMIN_PM = 10, MANAGER_PM = 60, CLERK_PM = 120, VIEWER_PM = 60 };

/* Stop at the first failure: log the problems of a failed domain call,
 * which are bugs of this file. */
static enum taio_status check(const char *what, enum taio_status status,
                              struct problems *p)
{
    if (status != TAIO_OK) {
        log_error("bench: %s failed (%s)", what, status_id(status));
        for (size_t i = 0; i < p->n; i++) {
            log_error("bench:   %s: %s", p->items[i].field,
                      p->items[i].message);
        }
    }
    problems_clear(p);
    return status;
}

/* Add the staff: an admin, managers, clerks, viewers and agents
 * (reporting to the managers), plus the intake agent. Logins are
 * role-numbered ("agent007"), so they are stable across runs. */
static enum taio_status add_users(struct db *db, int64_t n_users,
                                  int64_t created_at, struct rng *rng)
{
    struct actor system = {.user_id = 0, .role = USER_ADMIN,
                           .now = created_at};
    int64_t n_admins = n_users * ADMIN_PM / 1000 + 1;
    int64_t n_managers = n_users * MANAGER_PM / 1000 + 1;
    int64_t n_clerks = n_users * CLERK_PM / 1000;
    int64_t n_viewers = n_users * VIEWER_PM / 1000;
    enum taio_status status = TAIO_OK;
    for (int64_t i = 0; i <= n_users && status == TAIO_OK; i++) {
        char login[32];
        char manager[32] = "";
        const char *role = "agent";
        if (i == n_users) {
            snprintf(login, sizeof(login), "%s", PEOPLE_INTAKE_LOGIN);
        } else if (i < n_admins) {
            role = "admin";
            snprintf(login, sizeof(login), "admin%02lld", (long long)i + 1);
        } else if (i < n_admins + n_managers) {
            role = "manager";
            snprintf(login, sizeof(login), "manager%02lld",
                     (long long)(i - n_admins + 1));
        } else if (i < n_admins + n_managers + n_clerks) {
            role = "clerk";
            snprintf(login, sizeof(login), "clerk%03lld",
                     (long long)(i - n_admins - n_managers + 1));
        } else if (i < n_admins + n_managers + n_clerks + n_viewers) {
            role = "viewer";
            snprintf(login, sizeof(login), "viewer%03lld",
                     (long long)(i - n_admins - n_managers - n_clerks + 1));
        } else {
            snprintf(login, sizeof(login), "agent%03lld",
                     (long long)(i - n_admins - n_managers - n_clerks -
                                 n_viewers + 1));
        }
        if (strcmp(role, "admin") != 0 && strcmp(role, "manager") != 0) {
            snprintf(manager, sizeof(manager), "manager%02lld",
                     (long long)(i % n_managers + 1));
        }
        const struct named *family = &RNG_PICK(rng, FAMILY);
        const struct named *given = &RNG_PICK(rng, GIVEN);
        char name[64];
        char reading[128];
        char email[64];
        snprintf(name, sizeof(name), "%s %s", family->name, given->name);
        snprintf(reading, sizeof(reading), "%s %s", family->reading,
                 given->reading);
        snprintf(email, sizeof(email), "%s@taio.example", login);
        struct user_input in = {
            .login = login,
            .display_name = name,
            .reading = reading,
            .role = role,
            .manager = manager[0] ? manager : NULL,
            .email = email,
        };
        struct problems p = {0};
        status = check("user_add", user_add(db, &system, &in, &p, NULL), &p);
    }
    return status;
}

/* Write a phone number for customer number i into out. */
static void phone_number(int64_t i, bool is_person, char out[32])
{
    if (is_person) {
        snprintf(out, 32, "090-%04lld-%04lld", (long long)(i / 10000 % 10000),
                 (long long)(i % 10000));
    } else {
        snprintf(out, 32, "03-%04lld-%04lld",
                 (long long)(1000 + i / 10000 % 9000),
                 (long long)(i % 10000));
    }
}

/* Add one or two contact people to organisation customer_id. */
static enum taio_status add_contacts(struct db *db, const struct actor *a,
                                     int64_t customer_id, bool is_school,
                                     struct rng *rng)
{
    int n = rng_chance(rng, 300) ? 2 : 1;
    enum taio_status status = TAIO_OK;
    for (int k = 0; k < n && status == TAIO_OK; k++) {
        const struct named *family = &RNG_PICK(rng, FAMILY);
        const struct named *given = &RNG_PICK(rng, GIVEN);
        char name[64];
        char reading[128];
        snprintf(name, sizeof(name), "%s %s", family->name, given->name);
        snprintf(reading, sizeof(reading), "%s %s", family->reading,
                 given->reading);
        struct contact_input in = {
            .name = name,
            .reading = reading,
            .title = is_school ? "教頭" : RNG_PICK(rng, CONTACT_TITLE),
            .channels = "phone",
            .hours = rng_chance(rng, 50) ? "mon-fri 13:00-17:00" : NULL,
        };
        struct problems p = {0};
        status = check("contact_add",
                       contact_add(db, a, customer_id, &in, &p, NULL), &p);
    }
    return status;
}

/* Add the extras a few customers have: a busy period (one-off or
 * monthly) and a standing flag. */
static enum taio_status add_extras(struct db *db, const struct actor *a,
                                   int64_t customer_id, int64_t near,
                                   struct rng *rng)
{
    enum taio_status status = TAIO_OK;
    struct problems p = {0};
    if (rng_chance(rng, 10)) {
        bool monthly = rng_chance(rng, 500);
        int64_t from = near + rng_range(rng, -20, 20) * DAY;
        int64_t to = from + rng_range(rng, 1, 3) * DAY;
        status = check("windows_add_busy",
                       windows_add_busy(db, a->user_id, a->now, false,
                                        customer_id, from, to,
                                        monthly ? "FREQ=MONTHLY" : NULL,
                                        monthly ? "月末締めのため連絡不可"
                                                : "棚卸しのため連絡不可",
                                        &p),
                       &p);
    }
    if (status == TAIO_OK && rng_chance(rng, 5)) {
        status = check("customer_flag_set",
                       customer_flag_set(db, a, customer_id, "caution",
                                         "請求書の宛名は必ず経理部長宛て",
                                         &p),
                       &p);
    }
    return status;
}

/* Add one customer; *is_org tells whether it is an organisation. The
 * first customers are boards of education, each followed by its ten
 * schools; the rest are companies (60 %) and private persons. */
static enum taio_status add_customer(struct db *db, const struct actor *a,
                                     int64_t i, int64_t n_boards,
                                     int64_t *board_id, struct rng *rng)
{
    char name[128];
    char reading[256];
    char phone[32];
    char address[128];
    char email[64];
    bool is_person = false;
    bool is_school = false;
    char parent[32] = "";
    const struct named *place = &RNG_PICK(rng, PLACE);
    if (i < n_boards * 11 && i % 11 == 0) {
        snprintf(name, sizeof(name), "%s市教育委員会", place->name);
        snprintf(reading, sizeof(reading), "%sしきょういくいいんかい",
                 place->reading);
    } else if (i < n_boards * 11) {
        int n = (int)(i % 11);
        is_school = true;
        snprintf(name, sizeof(name), "%s市立第%d小学校", place->name, n);
        snprintf(reading, sizeof(reading), "%sしりつだい%sしょうがっこう",
                 place->reading, NUMERAL[n - 1]);
        snprintf(parent, sizeof(parent), "#%lld", (long long)*board_id);
    } else if (rng_chance(rng, 600)) {
        const struct named *family = &RNG_PICK(rng, FAMILY);
        const struct named *trade = &RNG_PICK(rng, TRADE);
        snprintf(name, sizeof(name), "株式会社%s%s%s", place->name,
                 family->name, trade->name);
        snprintf(reading, sizeof(reading), "%s%s%s", place->reading,
                 family->reading, trade->reading);
    } else {
        const struct named *family = &RNG_PICK(rng, FAMILY);
        const struct named *given = &RNG_PICK(rng, GIVEN);
        is_person = true;
        snprintf(name, sizeof(name), "%s %s", family->name, given->name);
        snprintf(reading, sizeof(reading), "%s %s", family->reading,
                 given->reading);
    }
    phone_number(i, is_person, phone);
    const char *phones[] = {phone};
    snprintf(address, sizeof(address), "%s%lld-%lld-%lld", RNG_PICK(rng, TOWN),
             (long long)rng_range(rng, 1, 9), (long long)rng_range(rng, 1, 30),
             (long long)rng_range(rng, 1, 20));
    snprintf(email, sizeof(email), "info%lld@customer.example", (long long)i);
    struct customer_input in = {
        .kind = is_person ? "person" : "organization",
        .name = name,
        .reading = reading,
        .parent = parent[0] ? parent : NULL,
        .email = rng_chance(rng, 700) ? email : NULL,
        .address = address,
        .channels = RNG_PICK(rng, CHANNELS),
        .hours = !is_person && rng_chance(rng, 150) ? RNG_PICK(rng, HOURS)
                                                    : NULL,
        .closed_days = !is_person && rng_chance(rng, 50)
                           ? RNG_PICK(rng, CLOSED_DAYS)
                           : NULL,
        .notes = rng_chance(rng, 30) ? "夕方以降は不在がち。留守電に残すこと。"
                                     : NULL,
        .phones = phones,
        .n_phones = 1,
    };
    struct problems p = {0};
    int64_t id = 0;
    enum taio_status status =
        check("customer_add", customer_add(db, a, &in, &p, &id), &p);
    if (status == TAIO_OK && i < n_boards * 11 && i % 11 == 0) {
        *board_id = id;
    }
    if (status == TAIO_OK && !is_person) {
        status = add_contacts(db, a, id, is_school, rng);
    }
    if (status == TAIO_OK) {
        status = add_extras(db, a, id, a->now, rng);
    }
    return status;
}

/* Generate the staff and customers of counts, all created at created_at,
 * in one transaction, through the domain functions. Shows a progress bar
 * on a terminal. */
enum taio_status people_generate(struct db *db,
                                 const struct people_counts *counts,
                                 int64_t created_at, struct rng *rng)
{
    enum taio_status status = db_begin(db);
    if (status != TAIO_OK) {
        return status;
    }
    status = add_users(db, counts->users, created_at, rng);
    struct actor admin = {.user_id = 1, .role = USER_ADMIN,
                          .now = created_at};
    int64_t n_boards = counts->customers / 500;
    int64_t board_id = 0;
    struct progress bar;
    progress_start(&bar, "customers", counts->customers);
    for (int64_t i = 0; i < counts->customers && status == TAIO_OK; i++) {
        status = add_customer(db, &admin, i, n_boards, &board_id, rng);
        progress_step(&bar, i + 1);
    }
    progress_finish(&bar);
    return db_end(db, status);
}

/* Append the ids that sql returns to *ids (grown as needed). */
static enum taio_status load_ids(struct db *db, const char *sql,
                                 int64_t **ids, size_t *n)
{
    struct db_stmt *st = NULL;
    enum taio_status status = db_prepare(db, sql, &st);
    if (status != TAIO_OK) {
        return status;
    }
    size_t cap = 0;
    enum db_step r;
    while ((r = db_step(st)) == DB_ROW) {
        *ids = xgrow(*ids, &cap, *n + 1, sizeof(**ids));
        (*ids)[(*n)++] = db_col_int64(st, 0);
    }
    if (r == DB_ERROR) {
        status = db_last_status(db);
    }
    db_finalize(st);
    return status;
}

/* Read one customer row of SQL_CUSTOMERS (a db_read_fn). */
static void read_customer(struct db_stmt *st, void *record)
{
    struct people_customer *c = record;
    c->id = db_col_int64(st, 0);
    c->name = db_col_strdup(st, 1);
    c->contact_id = db_col_int64(st, 2);
    c->contact_name = db_col_strdup(st, 3);
}

/* Load the people of a generated database into *out (zeroed here; clear
 * with people_clear()). TAIO_ENOTFOUND when the intake agent or any agent
 * or customer is missing: not a benchmark database. */
enum taio_status people_load(struct db *db, struct people *out)
{
    memset(out, 0, sizeof(*out));
    static const char SQL_AGENTS[] =
        "SELECT id FROM users WHERE role = 'agent' AND active = 1"
        "   AND login <> '" PEOPLE_INTAKE_LOGIN "' ORDER BY id";
    static const char SQL_MANAGERS[] =
        "SELECT id FROM users WHERE role = 'manager' AND active = 1"
        " ORDER BY id";
    static const char SQL_CLERKS[] =
        "SELECT id FROM users WHERE role = 'clerk' AND active = 1"
        " ORDER BY id";
    static const char SQL_INTAKE[] =
        "SELECT id FROM users WHERE login = '" PEOPLE_INTAKE_LOGIN "'";
    static const char SQL_CUSTOMERS[] =
        "SELECT c.id, c.name, k.id, k.name FROM customers c"
        "  LEFT JOIN contacts k ON k.id = (SELECT MIN(id) FROM contacts"
        "                                   WHERE customer_id = c.id)"
        " ORDER BY c.id";
    enum taio_status status =
        load_ids(db, SQL_AGENTS, &out->agents, &out->n_agents);
    if (status == TAIO_OK) {
        status = load_ids(db, SQL_MANAGERS, &out->managers, &out->n_managers);
    }
    if (status == TAIO_OK) {
        status = load_ids(db, SQL_CLERKS, &out->clerks, &out->n_clerks);
    }
    int64_t *intake = NULL;
    size_t n_intake = 0;
    if (status == TAIO_OK) {
        status = load_ids(db, SQL_INTAKE, &intake, &n_intake);
    }
    if (status == TAIO_OK) {
        out->intake_user = n_intake == 1 ? intake[0] : 0;
        struct db_stmt *st = NULL;
        void *list = NULL;
        status = db_prepare(db, SQL_CUSTOMERS, &st);
        if (status == TAIO_OK) {
            status = db_fetch_all(st, read_customer,
                                  sizeof(struct people_customer), &list,
                                  &out->n_customers);
            out->customers = list;
        }
    }
    free(intake);
    if (status == TAIO_OK &&
        (out->intake_user == 0 || out->n_agents == 0 ||
         out->n_customers == 0 || out->n_clerks == 0 ||
         out->n_managers == 0)) {
        status = TAIO_ENOTFOUND;
    }
    return status;
}

/* Free what p owns and leave it zeroed. Accepts NULL. */
void people_clear(struct people *p)
{
    if (p == NULL) {
        return;
    }
    free(p->agents);
    free(p->managers);
    free(p->clerks);
    for (size_t i = 0; i < p->n_customers; i++) {
        free(p->customers[i].contact_name);
        free(p->customers[i].name);
    }
    free(p->customers);
    memset(p, 0, sizeof(*p));
}
