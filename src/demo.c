/* SPDX-License-Identifier: MIT */
/*
 * demo.c - a desk full of believable sample data for "taio demo": staff,
 * Japanese customers (a factory, a board of education and its schools, a
 * shop that never reads e-mail, a customer who abused staff), open cases
 * in every state the agenda knows, and months of closed history.
 *
 * Everything goes through the same domain functions as real use, with the
 * clock of each action set to when it "happened", relative to now, so the
 * timelines read naturally and the agenda has something to show at any
 * moment (TAIO_NOW moves it). It all runs in one transaction.
 */
#include "demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case.h"
#include "contact.h"
#include "core/log.h"
#include "core/validate.h"
#include "customer.h"
#include "promise.h"
#include "checklist.h"
#include "report.h"
#include "user.h"
#include "windows.h"

#define MIN 60
#define HOUR 3600
#define DAY 86400

/* The state of one demo run; after the first failure every step is
 * skipped and status says why. */
struct demo {
    struct db *db;
    const struct settings *s;
    int64_t now;
    enum taio_status status;
    struct demo_summary *sum;
};

/* Staff, by their place in the USERS table. */
enum {
    U_ADMIN,
    U_KIMURA,
    U_SATO,
    U_SUZUKI,
    U_TAKAHASHI,
    U_ITO,
    U_WATANABE,
    N_USERS,
};

static const struct {
    const char *login;
    const char *name;
    const char *reading;
    const char *role;
    const char *manager;
    const char *email;
} USERS[N_USERS] = {
    {"admin", "システム管理者", "しすてむかんりしゃ", "admin", NULL,
     "admin@taio.example"},
    {"kimura", "木村 誠", "きむら まこと", "manager", NULL,
     "kimura@taio.example"},
    {"sato", "佐藤 健一", "さとう けんいち", "agent", "kimura",
     "sato@taio.example"},
    {"suzuki", "鈴木 美咲", "すずき みさき", "agent", "kimura",
     "suzuki@taio.example"},
    {"takahashi", "高橋 翔", "たかはし しょう", "agent", "kimura",
     "takahashi@taio.example"},
    {"ito", "伊藤 由美", "いとう ゆみ", "clerk", "kimura",
     "ito@taio.example"},
    {"watanabe", "渡辺 直樹", "わたなべ なおき", "viewer", "kimura", NULL},
};

/* Log the problems of a failed demo step; they are bugs in this file. */
static void report(struct demo *d, const char *step, enum taio_status status,
                   struct problems *p)
{
    if (status != TAIO_OK) {
        log_error("demo: %s failed (%s)", step, status_id(status));
        for (size_t i = 0; p && i < p->n; i++) {
            log_error("demo:   %s: %s", p->items[i].field,
                      p->items[i].message);
        }
        d->status = status;
    }
    problems_clear(p);
}

/* An actor for the user with id user_id acting at time at, with the
 * role that user has in USERS (the ids are USERS' ids in order, as the
 * demo starts from an empty database; 0 is the system). */
static struct actor as(int64_t user_id, int64_t at)
{
    struct actor a = {.user_id = user_id, .role = USER_ADMIN, .now = at};
    if (user_id >= 1 && user_id <= N_USERS) {
        int role = validate_index(USERS[user_id - 1].role, USER_ROLE_NAMES);
        a.role = role < 0 ? USER_VIEWER : (enum user_role)role;
    }
    return a;
}

/* The staff of the demo desk; ids[] receives their ids. */
static void add_users(struct demo *d, int64_t ids[N_USERS])
{
    struct actor system = {.user_id = 0, .role = USER_ADMIN,
                           .now = d->now - 120 * DAY};
    for (int i = 0; i < N_USERS && d->status == TAIO_OK; i++) {
        struct user_input in = {
            .login = USERS[i].login,
            .display_name = USERS[i].name,
            .reading = USERS[i].reading,
            .role = USERS[i].role,
            .manager = USERS[i].manager,
            .email = USERS[i].email,
        };
        struct problems p = {0};
        report(d, "user", user_add(d->db, &system, &in, &p, &ids[i]), &p);
        d->sum->users++;
    }
}

/* A customer from in; returns its id (0 after a failure). */
static int64_t customer(struct demo *d, const struct customer_input *in)
{
    if (d->status != TAIO_OK) {
        return 0;
    }
    struct actor a = as(0, d->now - 100 * DAY);
    a.role = USER_ADMIN;
    int64_t id = 0;
    struct problems p = {0};
    report(d, "customer", customer_add(d->db, &a, in, &p, &id), &p);
    d->sum->customers++;
    return id;
}

/* A contact person of customer_id; returns the id (0 after a failure). */
static int64_t contact(struct demo *d, int64_t customer_id,
                       const struct contact_input *in)
{
    if (d->status != TAIO_OK) {
        return 0;
    }
    struct actor a = as(0, d->now - 100 * DAY);
    a.role = USER_ADMIN;
    int64_t id = 0;
    struct problems p = {0};
    report(d, "contact", contact_add(d->db, &a, customer_id, in, &p, &id),
           &p);
    return id;
}

/* Open a case received at in->received_at by user_id. */
static int64_t open_case(struct demo *d, int64_t user_id,
                         struct case_open_input *in)
{
    if (d->status != TAIO_OK) {
        return 0;
    }
    struct actor a = as(user_id, in->received_at + 2 * MIN);
    int64_t id = 0;
    struct problems p = {0};
    int kind = validate_index(in->kind, CASE_KIND_NAMES);
    in->report_required = kind >= 0 && d->s->report_kind[kind];
    report(d, "case", case_open(d->db, &a, d->s->zone, in, &p, &id), &p);
    d->sum->cases++;
    return id;
}

/* Log a contact of minutes length that happened at at. */
static void contact_log(struct demo *d, int64_t user_id, int64_t case_id,
                        int64_t at, const char *direction,
                        const char *channel, const char *with_whom,
                        int64_t minutes, const char *summary)
{
    if (d->status != TAIO_OK) {
        return;
    }
    struct actor a = as(user_id, at + minutes * MIN);
    struct case_contact_input in = {
        .direction = direction,
        .channel = channel,
        .with_whom = with_whom,
        .duration_min = minutes,
        .occurred_at = at,
        .summary = summary,
    };
    struct problems p = {0};
    report(d, "contact log", case_log_contact(d->db, &a, case_id, &in, &p, NULL),
           &p);
}

/* Record the ETA told to the customer at time at. */
static void eta(struct demo *d, int64_t user_id, int64_t case_id, int64_t at,
                int64_t eta_at, const char *text)
{
    if (d->status != TAIO_OK) {
        return;
    }
    struct actor a = as(user_id, at);
    struct problems p = {0};
    report(d, "eta", case_set_eta(d->db, &a, case_id, eta_at, text, &p), &p);
}

/* Move a case to status at time at. */
static void status_to(struct demo *d, int64_t user_id, int64_t case_id,
                      int64_t at, const char *status, const char *comment)
{
    if (d->status != TAIO_OK) {
        return;
    }
    struct actor a = as(user_id, at);
    struct problems p = {0};
    report(d, "status",
           case_set_status(d->db, &a, case_id, status, comment, &p), &p);
}

/* Promise body to to_whom, or (to_whom NULL) to the contact person
 * contact_id. */
static int64_t promise(struct demo *d, int64_t user_id, int64_t case_id,
                       int64_t at, int64_t due_at, const char *to_whom,
                       int64_t contact_id, const char *body)
{
    if (d->status != TAIO_OK) {
        return 0;
    }
    struct actor a = as(user_id, at);
    struct promise_input in = {
        .case_id = case_id,
        .body = body,
        .to_whom = to_whom,
        .contact_id = to_whom ? 0 : contact_id,
        .due_at = due_at,
        .remind_min = -1,
    };
    int64_t id = 0;
    struct problems p = {0};
    report(d, "promise",
           promise_add(d->db, &a, &in, d->s->promise_lead_min, &p, &id), &p);
    d->sum->promises++;
    return id;
}

/* Keep a promise at time at. */
static void keep(struct demo *d, int64_t user_id, int64_t promise_id,
                 int64_t at, const char *note)
{
    if (d->status != TAIO_OK) {
        return;
    }
    struct actor a = as(user_id, at);
    struct problems p = {0};
    report(d, "keep", promise_keep(d->db, &a, promise_id, note, &p), &p);
}

/* Add a note to a case at time at. */
static void note(struct demo *d, int64_t user_id, int64_t case_id,
                 int64_t at, const char *text)
{
    if (d->status != TAIO_OK) {
        return;
    }
    struct actor a = as(user_id, at);
    struct problems p = {0};
    report(d, "note", case_add_note(d->db, &a, case_id, text, &p, NULL), &p);
}

/* The customers and their people. ids: 0 factory, 1 board, 2 school A,
 * 3 school B, 4 shop, 5 person, 6 logistics, 7 dental clinic. Contact
 * ids follow the same index (0 when none). */
static void add_customers(struct demo *d, int64_t cu[8], int64_t ct[8])
{
    static const char *const FACTORY_PHONES[] = {"03-3456-7801",
                                                 "fax:03-3456-7802"};
    cu[0] = customer(d, &(struct customer_input){
        .kind = "organization", .name = "株式会社山田製作所",
        .reading = "ヤマダセイサクショ", .channels = "phone,fax",
        .hours = "mon-fri 08:30-17:30", .address = "東京都大田区東糀谷2-5-1",
        .notes = "工場は8:30始業。工場長は午前中がつかまりやすい。",
        .phones = FACTORY_PHONES, .n_phones = 2});
    static const char *const TANAKA_PHONES[] = {"090-1111-2233"};
    ct[0] = contact(d, cu[0], &(struct contact_input){
        .name = "田中 一郎", .reading = "たなか いちろう", .title = "工場長",
        .channels = "phone", .phones = TANAKA_PHONES, .n_phones = 1});
    static const char *const BOARD_PHONES[] = {"047-334-1111"};
    cu[1] = customer(d, &(struct customer_input){
        .kind = "organization", .name = "市川市教育委員会",
        .reading = "いちかわしきょういくいいんかい",
        .email = "kyouiku@ichikawa.example", .channels = "email,phone",
        .hours = "mon-fri 08:30-17:15", .phones = BOARD_PHONES,
        .n_phones = 1,
        .notes = "報告書は学校と教育委員会の両方に提出すること。"});
    ct[1] = contact(d, cu[1], &(struct contact_input){
        .name = "小林 直子", .reading = "こばやし なおこ",
        .title = "学校教育課 情報担当", .email = "kobayashi@ichikawa.example",
        .channels = "email,phone"});
    cu[2] = customer(d, &(struct customer_input){
        .kind = "organization", .name = "市川市立第一小学校",
        .reading = "いちかわしりつだいいちしょうがっこう", .parent = "#2",
        .channels = "phone", .hours = "mon-fri 08:15-16:45",
        .notes = "授業中(8:45-15:30)は職員室の教頭先生へ。"});
    ct[2] = contact(d, cu[2], &(struct contact_input){
        .name = "石井 教頭", .reading = "いしい", .title = "教頭",
        .channels = "phone"});
    cu[3] = customer(d, &(struct customer_input){
        .kind = "organization", .name = "市川市立第二中学校",
        .reading = "いちかわしりつだいにちゅうがっこう", .parent = "#2",
        .channels = "phone"});
    ct[3] = 0;
    static const char *const SHOP_PHONES[] = {"0436-22-5678",
                                              "mobile:080-5555-1234"};
    cu[4] = customer(d, &(struct customer_input){
        .kind = "organization", .name = "有限会社青木商店",
        .reading = "アオキショウテン", .channels = "phone",
        .hours = "mon-sat 10:00-19:00",
        .notes = "メールは読まない。連絡は必ず店主の携帯へ電話。",
        .phones = SHOP_PHONES, .n_phones = 2});
    ct[4] = contact(d, cu[4], &(struct contact_input){
        .name = "青木 茂", .reading = "あおき しげる", .title = "店主",
        .channels = "phone"});
    static const char *const NAKAMURA_PHONES[] = {"045-321-9876"};
    cu[5] = customer(d, &(struct customer_input){
        .kind = "person", .name = "中村 花子", .reading = "ナカムラ ハナコ",
        .channels = "phone,letter", .phones = NAKAMURA_PHONES,
        .n_phones = 1, .notes = "個人のお客様。訪問は必ず二名で。"});
    ct[5] = 0;
    static const char *const GREEN_PHONES[] = {"048-765-4321"};
    cu[6] = customer(d, &(struct customer_input){
        .kind = "organization", .name = "株式会社グリーン物流",
        .reading = "グリーンブツリュウ", .channels = "email,phone",
        .email = "it@green-logi.example", .closed_days = "12-29..01-04",
        .phones = GREEN_PHONES, .n_phones = 1});
    ct[6] = contact(d, cu[6], &(struct contact_input){
        .name = "森 大輔", .reading = "もり だいすけ",
        .title = "情報システム課", .email = "mori@green-logi.example",
        .channels = "email,phone"});
    static const char *const CLINIC_PHONES[] = {"03-5678-1234"};
    cu[7] = customer(d, &(struct customer_input){
        .kind = "organization", .name = "さくら歯科クリニック",
        .reading = "さくらしかくりにっく", .channels = "phone",
        .hours = "tue-sat 09:30-12:30,14:00-18:30",
        .notes = "診療中は受付の方へ伝言。", .phones = CLINIC_PHONES,
        .n_phones = 1});
    ct[7] = 0;
}

/* Flags and a busy period, so lookups show warnings and windows. */
static void add_flags(struct demo *d, const int64_t cu[8],
                      const int64_t users[N_USERS])
{
    if (d->status != TAIO_OK) {
        return;
    }
    struct actor a = as(users[U_KIMURA], d->now - 40 * DAY);
    a.role = USER_MANAGER;
    struct problems p = {0};
    report(d, "flag",
           customer_flag_set(d->db, &a, cu[4], "unpaid",
                             "深夜出動（9月12日 23時）の作業代 45,000円が未払い",
                             &p),
           &p);
    report(d, "flag",
           customer_flag_set(d->db, &a, cu[5], "abusive",
                             "10月の訪問時、担当者に約1時間にわたり暴言。"
                             "対応は管理職が同席すること。",
                             &p),
           &p);
    if (d->status == TAIO_OK) {
        report(d, "busy",
               windows_add_busy(d->db, users[U_ADMIN], d->now - 30 * DAY,
                                false, cu[6], d->now + 5 * DAY,
                                d->now + 8 * DAY, NULL,
                                "棚卸しのため連絡不可", &p),
               &p);
    }
}

/* The open cases, each showing something the agenda should catch. */
static void add_open_cases(struct demo *d, const int64_t cu[8],
                           const int64_t ct[8], const int64_t u[N_USERS])
{
    int64_t t = d->now - 3 * HOUR;
    int64_t c1 = open_case(d, u[U_SATO], &(struct case_open_input){
        .kind = "trouble", .title = "2号ライン制御PCが起動しない",
        .customer_id = cu[0], .contact_id = ct[0], .channel = "phone",
        .impact = "stopped", .received_at = t, .occurred_at = t - 40 * MIN,
        .reported = "朝から2号ラインの制御PCが起動しない。リセットしても"
                    "動かず、異常ランプも点いていない。生産が止まっている。",
        .affected = "2号ラインの生産（1日約800個）",
        .workaround = "1号ラインで一部代替生産",
        .deadline_at = d->now + 2 * DAY});
    contact_log(d, u[U_SATO], c1, t + 30 * MIN, "out", "phone", "田中 一郎",
                8, "症状を確認。工場に部品手配と保守要員の派遣を依頼したと"
                   "伝えた。");
    eta(d, u[U_SATO], c1, t + 40 * MIN, d->now + 30 * HOUR,
        "1〜2日（部品到着次第）");
    if (d->status == TAIO_OK) {
        struct actor a = as(u[U_SATO], t + 45 * MIN);
        struct problems p = {0};
        report(d, "tag", checklist_tag(d->db, &a, c1, "replacement", &p), &p);
    }
    status_to(d, u[U_SATO], c1, t + 41 * MIN, "in_progress", NULL);
    note(d, u[U_KIMURA], c1, t + 50 * MIN,
         "メーカー工場に状況を報告済み。最悪の場合は代替機を用意するとの"
         "こと。");
    promise(d, u[U_SATO], c1, t + 45 * MIN, d->now + 10 * MIN, "田中 一郎",
            0, "部品の到着予定を電話で連絡");

    t = d->now - 26 * HOUR;
    int64_t c2 = open_case(d, u[U_ITO], &(struct case_open_input){
        .kind = "complaint", .title = "機器入替後に職員室のプリンタが使えない",
        .customer_id = cu[2], .contact_id = ct[2], .channel = "phone",
        .impact = "degraded", .received_at = t, .owner_id = u[U_SUZUKI],
        .reported = "先週ルータを入れ替えてから職員室のプリンタに印刷"
                    "できない。入替の前に一言相談してほしかった。"});
    contact_log(d, u[U_SUZUKI], c2, t + HOUR, "out", "phone", "石井 教頭", 12,
                "お詫びし、プリンタのIPアドレス固定設定が原因の可能性を説明。");
    eta(d, u[U_SUZUKI], c2, t + HOUR + 20 * MIN, 0, "明日の午前中");
    status_to(d, u[U_SUZUKI], c2, t + HOUR + 21 * MIN, "acknowledged",
              NULL);
    promise(d, u[U_SUZUKI], c2, t + HOUR + 25 * MIN, d->now - 30 * MIN,
            "石井 教頭", 0, "原因と対応予定を電話で報告");

    t = d->now - 50 * MIN;
    open_case(d, u[U_ITO], &(struct case_open_input){
        .kind = "inquiry", .title = "見積書の再送依頼",
        .customer_id = cu[4], .contact_id = ct[4], .channel = "phone",
        .impact = "minor", .received_at = t,
        .reported = "先月もらった保守契約の見積をなくしたので、もう一度"
                    "送ってほしい。FAXで。"});

    t = d->now - 5 * HOUR;
    int64_t c4 = open_case(d, u[U_TAKAHASHI], &(struct case_open_input){
        .kind = "trouble", .title = "倉庫管理システムにログインできない",
        .customer_id = cu[6], .contact_id = ct[6], .channel = "email",
        .impact = "stopped", .received_at = t,
        .deadline_at = d->now + 4 * HOUR,
        .reported = "本日10時ごろから全端末で倉庫管理システムにログインでき"
                    "ない。夕方の出荷締めまでに復旧が必要。"});
    contact_log(d, u[U_TAKAHASHI], c4, t + 20 * MIN, "out", "email", "森 大輔",
                -1, "受付の連絡と、ログ取得の依頼を送付。");
    eta(d, u[U_TAKAHASHI], c4, t + HOUR, d->now + 20 * HOUR,
        "明日の午前中（メーカー回答待ち）");
    status_to(d, u[U_TAKAHASHI], c4, t + HOUR + MIN, "waiting_vendor",
              "メーカーに調査を依頼");

    t = d->now - 3 * DAY;
    int64_t c5 = open_case(d, u[U_SATO], &(struct case_open_input){
        .kind = "request", .title = "予約システムの受付端末を1台増設",
        .customer_id = cu[7], .channel = "phone", .impact = "minor",
        .received_at = t,
        .reported = "受付にもう1台、予約確認用の端末を置きたい。"});
    eta(d, u[U_SATO], c5, t + HOUR, 0, "お見積り後、2週間程度");
    status_to(d, u[U_SATO], c5, t + 2 * HOUR, "waiting_customer",
              "見積を送付、院長の承認待ち");
}

/* The approved report of a past case: written by its owner the day it was
 * resolved, approved by the manager. The lessons of the desk. */
struct lesson {
    const char *cause;
    const char *response;
    const char *prevention;
    const char *category;
};

static void write_report(struct demo *d, int64_t owner, int64_t manager,
                         int64_t case_id, int64_t at,
                         const struct lesson *l)
{
    if (d->status != TAIO_OK || l->cause == NULL) {
        return;
    }
    struct actor a = as(owner, at);
    struct problems p = {0};
    struct report_input in = {
        .cause = l->cause, .response = l->response,
        .prevention = l->prevention, .cause_category = l->category,
    };
    report(d, "report",
           report_save(d->db, &a, d->s, case_id, &in, -1, &p), &p);
    if (d->status == TAIO_OK) {
        report(d, "report", report_submit(d->db, &a, case_id, &p),
               &p);
    }
    struct actor boss = as(manager, at + HOUR);
    if (d->status == TAIO_OK) {
        report(d, "report", report_approve(d->db, &boss, case_id, &p), &p);
    }
}

/* Closed cases of the past months, for history and similar-case lookup. */
static void add_history(struct demo *d, const int64_t cu[8],
                        const int64_t ct[8], const int64_t u[N_USERS])
{
    static const struct {
        const char *kind;
        const char *title;
        const char *reported;
        const char *impact;
        int customer;
    } PAST[] = {
        {"trouble", "社内メールサーバ停止",
         "朝からメールの送受信ができない。全社でメールが使えない。",
         "stopped", 6},
        {"trouble", "ネットワーク設定変更後に勤怠システムに接続不可",
         "ルータの設定変更をしてから勤怠システムにつながらない。", "stopped",
         0},
        {"complaint", "担当者の連絡がメールばかりで届かない",
         "いつもメールで連絡が来るが見ていない。電話してほしい。", "minor",
         4},
        {"trouble", "校内無線LANが一部教室でつながらない",
         "3階の教室だけタブレットが無線LANにつながらない。", "degraded", 3},
        {"inquiry", "保守契約の更新について", "来年度の保守契約の更新手続き"
                                              "を教えてほしい。",
         "minor", 1},
        {"complaint", "深夜の出動料金に納得できない",
         "夜中に来てもらったが、こんなに高いとは聞いていない。", "minor", 4},
        {"trouble", "レセプトコンピュータが起動しない",
         "朝、受付のパソコンが起動しない。診療に差し支える。", "stopped", 7},
        {"request", "職員用パソコン5台のセットアップ",
         "新任の先生用にパソコン5台を準備してほしい。", "minor", 2},
    };
    /* What was learnt, by PAST entry (NULL cause: no report needed). */
    static const struct lesson LESSONS[] = {
        {"メールサーバのディスクが満杯になり、受信が止まった。",
         "全社に電話で状況を伝え、古いログを退避して復旧した。",
         "ディスク使用率の監視を設定し、80%で通知する。", "own_mistake"},
        {"ルータの設定変更で、勤怠システムが使う固定アドレスが変わった。",
         "元の設定に戻して接続を回復し、工場長に経緯を説明した。",
         "設定変更の前に、先方の管理者に現在のアドレスに依存するシステムを"
         "確認する。",
         "communication"},
        {"連絡手段の希望を記録しておらず、メールだけで連絡していた。",
         "担当者に電話でお詫びし、今後は電話で連絡すると約束した。",
         "顧客ごとに希望の連絡手段を登録し、それに従って連絡する。",
         "communication"},
        {"3階のアクセスポイントの電源アダプタが故障していた。",
         "アダプタを交換し、全教室で接続を確認した。",
         "機器交換の後は、機器単体ではなくネットワークの接続まで試験する。",
         "product_defect"},
        {NULL, NULL, NULL, NULL},
        {"深夜料金の説明が受付時に伝わっていなかった。",
         "料金の内訳を説明し、今回に限り差額を値引きした。",
         "夜間の受付では、出動前に料金の目安を必ず伝える。",
         "communication"},
        {"電源ユニットの故障。",
         "代替機を設置して診療を再開し、翌日に修理品と交換した。",
         "5年を超えた機器の電源ユニットを定期点検で確認する。", "vendor"},
        {NULL, NULL, NULL, NULL},
    };
    _Static_assert(sizeof(LESSONS) / sizeof(LESSONS[0]) ==
                       sizeof(PAST) / sizeof(PAST[0]),
                   "one lesson (or none) per past case");
    static const int OWNERS[] = {U_SATO, U_SUZUKI, U_TAKAHASHI};
    size_t n_past = sizeof(PAST) / sizeof(PAST[0]);
    for (size_t i = 0; i < 24 && d->status == TAIO_OK; i++) {
        int k = (int)(i % n_past);
        int64_t owner = u[OWNERS[i % 3]];
        int64_t t = d->now - (int64_t)(95 - i * 3) * DAY - 2 * HOUR;
        int c = PAST[k].customer;
        int64_t id = open_case(d, owner, &(struct case_open_input){
            .kind = PAST[k].kind, .title = PAST[k].title,
            .customer_id = cu[c], .contact_id = ct[c], .channel = "phone",
            .impact = PAST[k].impact, .received_at = t,
            .reported = PAST[k].reported});
        contact_log(d, owner, id, t + 25 * MIN, "out", "phone", NULL, 6,
                    "状況を確認し、対応の見通しを伝えた。");
        eta(d, owner, id, t + 30 * MIN, t + 6 * HOUR, "本日夕方まで");
        int64_t due = t + (i % 4 == 0 ? 2 * HOUR : 3 * HOUR);
        int64_t pid = promise(d, owner, id, t + 35 * MIN, due,
                              ct[c] ? NULL : "ご担当者様", ct[c],
                              "進捗を電話で連絡");
        /* Most promises were kept on time; every fourth one was late. */
        keep(d, owner, pid, i % 4 == 3 ? due + 40 * MIN : due - 10 * MIN,
             "進捗を連絡済み");
        status_to(d, owner, id, t + 5 * HOUR, "resolved", "復旧を確認");
        write_report(d, owner, u[U_KIMURA], id, t + 7 * HOUR, &LESSONS[k]);
        status_to(d, owner, id, t + 2 * DAY, "closed", NULL);
    }
}

/* Presence: one technician out visiting, one rep in a meeting. */
static void set_presence(struct demo *d, const int64_t u[N_USERS])
{
    if (d->status != TAIO_OK) {
        return;
    }
    struct actor a = as(u[U_KIMURA], d->now - 30 * MIN);
    a.role = USER_MANAGER;
    struct problems p = {0};
    report(d, "presence",
           user_set_presence(d->db, &a, "takahashi", PRESENCE_OUT,
                             "お客様先を訪問中", d->now + 2 * HOUR, &p),
           &p);
    report(d, "presence",
           user_set_presence(d->db, &a, "suzuki", PRESENCE_MEETING,
                             "社内会議中", d->now + 45 * MIN, &p),
           &p);
}

/* The checklists of two lessons the desk learnt: a network change needs
 * the client's administrator asked first; a replacement is tested up to
 * the network, not the device alone. */
static void add_checklists(struct demo *d, const int64_t u[N_USERS])
{
    if (d->status != TAIO_OK) {
        return;
    }
    struct actor a = as(u[U_ADMIN], d->now - 120 * DAY);
    struct problems p = {0};
    const char *network[] = {
        "!先方の管理者に、現在のアドレスに依存するシステムを確認した",
        "!変更後、勤怠・受注など主要なシステムにつながることを確かめた",
        "変更内容と戻し方を先方に書面で渡した",
    };
    report(d, "checklist",
           checklist_template_add(d->db, &a, "ネットワーク変更", NULL,
                                  "network-change", network, 3, &p, NULL),
           &p);
    const char *replacement[] = {
        "!機器単体ではなく、ネットワーク接続まで試験した",
        "!お客様に動作を確認していただいた",
    };
    if (d->status == TAIO_OK) {
        report(d, "checklist",
               checklist_template_add(d->db, &a, "機器交換", NULL,
                                      "replacement", replacement, 2, &p,
                                      NULL),
               &p);
    }
}

/* Fill an empty, migrated database with the demo desk, as of now. */
enum taio_status demo_fill(struct db *db, const struct settings *s,
                           int64_t now, struct demo_summary *out)
{
    memset(out, 0, sizeof(*out));
    struct demo d = {.db = db, .s = s, .now = now, .sum = out};
    enum taio_status status = db_begin(db);
    if (status != TAIO_OK) {
        return status;
    }
    int64_t users[N_USERS] = {0};
    int64_t cu[8] = {0};
    int64_t ct[8] = {0};
    add_users(&d, users);
    add_checklists(&d, users);
    add_customers(&d, cu, ct);
    add_flags(&d, cu, users);
    add_history(&d, cu, ct, users);
    add_open_cases(&d, cu, ct, users);
    set_presence(&d, users);
    if (d.status != TAIO_OK) {
        db_rollback(db);
        return d.status;
    }
    out->login = "sato";
    return db_commit(db);
}
