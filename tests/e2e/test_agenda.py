# SPDX-License-Identifier: MIT
"""The agenda at fixed moments: promises coming due and broken, silent
cases counted in the customer's reachable time, cases without an ETA,
deadlines at risk, their order, and the settings that move them."""
import re

ISO = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")


def at(t, now, *args):
    """The agenda at now as (kind, case) pairs."""
    t.now = now
    return [(i["kind"], i["case"]) for i in t.json("agenda", *args)]


def items(t, now, kind, *args):
    t.now = now
    return [i for i in t.json("agenda", *args) if i["kind"] == kind]


def open_case(t, title, *args):
    return t.json("case", "open", "--kind", "trouble", "--title", title,
                  "--reported", "お客様の申告のとおり", *args)["number"]


def towa(t):
    """A customer reachable on weekdays 09:00-18:00 (our hours too)."""
    t.ok("customer", "add", "--name", "東和精機株式会社", "--reading", "トウワセイキ",
         "--phone", "045-123-4567", "--hours", "mon-fri 09:00-18:00")


# --- promises -----------------------------------------------------------------

def test_promise_due_appears_exactly_at_the_default_lead(desk):
    open_case(desk, "制御PC停止", "--customer", "やまだ", "--contact", "田中",
              "--eta-text", "本日中", "--promise-due", "15:30",
              "--promise-text", "再起動の結果を連絡")
    assert items(desk, "2026-11-24T15:14:59+09:00", "promise_due") == []
    [due] = items(desk, "2026-11-24T15:15:00+09:00", "promise_due")
    assert (due["case"], due["due"], due["promise_id"], due["to"],
            due["promise"], due["owner"], due["minutes_left"]) == (
        "2026-0001", "2026-11-24T15:30:00+09:00", 1, "田中 一郎",
        "再起動の結果を連絡", "sato", 15)
    assert items(desk, "2026-11-24T15:30:00+09:00", "promise_due") != []
    assert items(desk, "2026-11-24T15:30:00+09:00", "promise_broken") == []


def test_promise_due_with_its_own_reminder_lead(desk):
    open_case(desk, "制御PC停止", "--customer", "やまだ", "--eta-text", "本日中")
    desk.ok("promise", "add", "2026-1", "--due", "16:00", "--to", "田中 一郎",
            "--remind", "45m")
    assert items(desk, "2026-11-24T15:14:00+09:00", "promise_due") == []
    assert len(items(desk, "2026-11-24T15:15:00+09:00", "promise_due")) == 1


def test_promise_broken_after_due(desk):
    open_case(desk, "制御PC停止", "--customer", "やまだ", "--contact", "田中",
              "--eta-text", "本日中", "--promise-due", "15:30")
    assert items(desk, "2026-11-24T15:30:01+09:00", "promise_due") == []
    [broken] = items(desk, "2026-11-24T15:31:00+09:00", "promise_broken")
    assert broken["due"] == broken["since"] == "2026-11-24T15:30:00+09:00"
    assert broken["minutes_left"] == -1
    desk.ok("promise", "keep", "1")
    assert items(desk, "2026-11-24T15:32:00+09:00", "promise_broken") == []


def test_promise_far_ahead_is_not_on_the_agenda(desk):
    open_case(desk, "制御PC停止", "--customer", "やまだ", "--eta-text", "来週",
              "--promise-due", "2026-11-27 10:00", "--promise-to", "田中 一郎")
    assert at(desk, "2026-11-24T14:00:00+09:00") == []


# --- silence ------------------------------------------------------------------

def test_stopped_case_goes_silent_after_an_hour_on_a_weekday(desk):
    desk.now = "2026-11-24T13:00:00+09:00"
    open_case(desk, "成形機停止", "--customer", "やまだ", "--impact", "stopped",
              "--eta-text", "調査中")
    desk.now = "2026-11-24T13:10:00+09:00"
    desk.ok("case", "log-contact", "2026-1", "--direction", "out",
            "--channel", "phone", "--summary", "状況確認の電話")
    assert items(desk, "2026-11-24T14:09:59+09:00", "silent") == []
    [s] = items(desk, "2026-11-24T14:10:00+09:00", "silent")
    assert (s["case"], s["since"], s["last_outbound"], s["cadence_min"],
            s["impact"]) == ("2026-0001", "2026-11-24T14:10:00+09:00",
                             "2026-11-24T13:10:00+09:00", 60, "stopped")
    # An inbound call does not stop the silence: we owe them the update.
    desk.ok("case", "log-contact", "2026-1", "--direction", "in",
            "--channel", "phone", "--summary", "先方から催促")
    assert len(items(desk, "2026-11-24T14:20:00+09:00", "silent")) == 1
    desk.ok("case", "log-contact", "2026-1", "--direction", "out",
            "--channel", "phone", "--summary", "進捗を報告")
    assert items(desk, "2026-11-24T14:21:00+09:00", "silent") == []


def test_silence_is_not_counted_over_a_weekend_and_a_holiday(desk):
    towa(desk)
    desk.now = "2026-11-20T17:00:00+09:00"      # Friday
    open_case(desk, "成形機停止", "--customer", "トウワ", "--impact", "stopped",
              "--eta-text", "週明け")
    desk.now = "2026-11-20T17:30:00+09:00"
    desk.ok("case", "log-contact", "2026-1", "--direction", "out",
            "--channel", "phone", "--summary", "週明けに部品交換と連絡")
    desk.ok("case", "status", "2026-1", "in_progress")
    # 30 reachable minutes are left on Friday; Saturday, Sunday and Monday
    # 2026-11-23 (勤労感謝の日) do not count; Tuesday brings the other 30.
    assert items(desk, "2026-11-20T18:30:00+09:00", "silent") == []
    assert items(desk, "2026-11-22T12:00:00+09:00", "silent") == []
    assert items(desk, "2026-11-23T10:00:00+09:00", "silent") == []
    assert items(desk, "2026-11-24T09:29:00+09:00", "silent") == []
    [s] = items(desk, "2026-11-24T09:31:00+09:00", "silent")
    assert s["since"] == "2026-11-24T09:30:00+09:00"


def test_silence_counts_only_the_customers_own_hours(desk):
    # 山田製作所 is reachable 08:30-17:30; we are open until 18:00.
    desk.now = "2026-11-24T17:00:00+09:00"
    open_case(desk, "成形機停止", "--customer", "やまだ", "--impact", "stopped",
              "--eta-text", "明日")
    assert items(desk, "2026-11-24T17:59:00+09:00", "silent") == []
    assert items(desk, "2026-11-25T09:29:00+09:00", "silent") == []
    [s] = items(desk, "2026-11-25T09:30:00+09:00", "silent")
    assert s["since"] == "2026-11-25T09:30:00+09:00"
    assert s["last_outbound"] is None


def test_customer_without_windows_is_reachable_in_our_hours(desk):
    desk.ok("customer", "add", "--name", "高橋 花子", "--kind", "person",
            "--reading", "たかはし はなこ", "--phone", "080-2345-6789")
    desk.now = "2026-11-24T17:30:00+09:00"
    open_case(desk, "給湯器が動かない", "--customer", "はなこ", "--impact",
              "stopped", "--eta-text", "明日午前")
    assert items(desk, "2026-11-25T09:29:00+09:00", "silent") == []
    [s] = items(desk, "2026-11-25T09:31:00+09:00", "silent")
    assert s["since"] == "2026-11-25T09:30:00+09:00"


def test_contact_persons_hours_override_the_customers(desk):
    desk.ok("contact-person", "add", "--customer", "やまだ", "--name", "佐々木 恵",
            "--hours", "mon-fri 13:00-17:00")
    desk.now = "2026-11-24T16:30:00+09:00"
    open_case(desk, "経理システム停止", "--customer", "やまだ", "--contact", "佐々木",
              "--impact", "stopped", "--eta-text", "明日")
    assert items(desk, "2026-11-25T13:29:00+09:00", "silent") == []
    assert len(items(desk, "2026-11-25T13:30:00+09:00", "silent")) == 1


def test_busy_period_pauses_silence(desk):
    desk.now = "2026-11-24T16:00:00+09:00"
    open_case(desk, "成形機停止", "--customer", "やまだ", "--impact", "stopped",
              "--eta-text", "明日")
    desk.ok("customer", "busy", "やまだ", "--from", "2026-11-25 00:00",
            "--to", "2026-11-26 00:00", "--note", "棚卸し")
    # 60 minutes: 16:00-17:00 on Tuesday; Wednesday is a busy day.
    assert len(items(desk, "2026-11-24T17:00:00+09:00", "silent")) == 1
    desk.ok("case", "log-contact", "2026-1", "--direction", "out",
            "--channel", "phone", "--summary", "明日は棚卸しと伺った")
    assert items(desk, "2026-11-25T17:00:00+09:00", "silent") == []
    assert items(desk, "2026-11-26T09:29:00+09:00", "silent") == []
    assert len(items(desk, "2026-11-26T09:30:00+09:00", "silent")) == 1


def test_waiting_customer_cases_are_never_silent(desk):
    desk.now = "2026-11-24T10:00:00+09:00"
    open_case(desk, "成形機停止", "--customer", "やまだ", "--impact", "stopped",
              "--eta-text", "調査中")
    desk.ok("case", "status", "2026-1", "waiting_customer",
            "--comment", "ログの送付待ち")
    for now in ("2026-11-24T11:30:00+09:00", "2026-11-25T17:00:00+09:00",
                "2026-12-10T12:00:00+09:00"):
        assert items(desk, now, "silent") == [], now
    # Once the ball is back with us, the clock counts again.
    desk.ok("case", "status", "2026-1", "in_progress")
    assert len(items(desk, "2026-12-10T12:00:00+09:00", "silent")) == 1


def test_cadence_depends_on_impact(desk):
    desk.now = "2026-11-24T09:00:00+09:00"
    open_case(desk, "停止", "--customer", "やまだ", "--impact", "stopped",
              "--eta-text", "調査中")
    open_case(desk, "低速", "--customer", "やまだ", "--impact", "degraded",
              "--eta-text", "調査中")
    open_case(desk, "表示崩れ", "--customer", "やまだ", "--impact", "minor",
              "--eta-text", "調査中")

    def silent(now):
        return [c for k, c in at(desk, now) if k == "silent"]

    assert silent("2026-11-24T09:59:00+09:00") == []
    assert silent("2026-11-24T10:00:00+09:00") == ["2026-0001"]
    assert silent("2026-11-24T13:00:00+09:00") == ["2026-0001", "2026-0002"]
    # minor: 9 business hours, counted in 山田's 08:30-17:30 windows.
    assert silent("2026-11-25T09:29:00+09:00") == ["2026-0001", "2026-0002"]
    assert silent("2026-11-25T09:30:00+09:00") == [
        "2026-0001", "2026-0002", "2026-0003"]


def test_resolved_cases_leave_the_agenda(desk):
    desk.now = "2026-11-24T09:00:00+09:00"
    open_case(desk, "停止", "--customer", "やまだ", "--impact", "stopped",
              "--deadline", "2026-11-24 12:00")
    assert {k for k, _ in at(desk, "2026-11-24T11:30:00+09:00")} == {
        "silent", "no_eta", "deadline_risk"}
    desk.ok("case", "status", "2026-1", "resolved")
    assert at(desk, "2026-11-24T11:30:00+09:00") == []


# --- no ETA --------------------------------------------------------------------

def test_no_eta_after_thirty_business_minutes(desk):
    open_case(desk, "成形機停止", "--customer", "やまだ")
    assert items(desk, "2026-11-24T14:29:00+09:00", "no_eta") == []
    [n] = items(desk, "2026-11-24T14:30:00+09:00", "no_eta")
    assert (n["case"], n["since"]) == ("2026-0001", "2026-11-24T14:30:00+09:00")
    assert "due" not in n
    desk.ok("case", "eta", "2026-1", "--text", "1〜2日")
    assert items(desk, "2026-11-24T14:31:00+09:00", "no_eta") == []


def test_no_eta_grace_is_counted_in_business_time(desk):
    desk.now = "2026-11-24T17:50:00+09:00"
    open_case(desk, "夕方の受付", "--customer", "やまだ")
    # 10 minutes on Tuesday evening, 20 on Wednesday morning.
    assert items(desk, "2026-11-25T09:19:00+09:00", "no_eta") == []
    [n] = items(desk, "2026-11-25T09:20:00+09:00", "no_eta")
    assert n["since"] == "2026-11-25T09:20:00+09:00"


def test_a_wording_only_eta_counts_as_an_eta(desk):
    open_case(desk, "成形機停止", "--customer", "やまだ", "--eta-text", "1〜2日")
    assert items(desk, "2026-11-25T10:00:00+09:00", "no_eta") == []


# --- deadlines -----------------------------------------------------------------

def test_deadline_risk_when_the_eta_is_after_the_deadline(desk):
    open_case(desk, "月曜稼働必須", "--customer", "やまだ",
              "--deadline", "2026-11-30 09:00")
    assert items(desk, "2026-11-24T14:05:00+09:00", "deadline_risk") == []
    desk.now = "2026-11-24T14:10:00+09:00"
    desk.ok("case", "eta", "2026-1", "--at", "2026-11-30 12:00",
            "--text", "月曜昼")
    [r] = items(desk, "2026-11-24T14:11:00+09:00", "deadline_risk")
    assert (r["case"], r["due"], r["since"], r["eta_after_deadline"]) == (
        "2026-0001", "2026-11-30T09:00:00+09:00",
        "2026-11-24T14:10:00+09:00", True)
    desk.now = "2026-11-24T14:20:00+09:00"
    desk.ok("case", "eta", "2026-1", "--at", "2026-11-29 18:00")
    assert items(desk, "2026-11-24T14:21:00+09:00", "deadline_risk") == []


def test_deadline_risk_when_less_than_a_quarter_of_the_time_is_left(desk):
    open_case(desk, "明日14時までに復旧", "--customer", "やまだ", "--eta-text",
              "明日午前", "--deadline", "2026-11-25 14:00")
    # 24 hours in all: at risk from 6 hours before the deadline.
    assert items(desk, "2026-11-25T07:59:00+09:00", "deadline_risk") == []
    [r] = items(desk, "2026-11-25T08:00:00+09:00", "deadline_risk")
    assert (r["since"], r["due"], r["eta_after_deadline"]) == (
        "2026-11-25T08:00:00+09:00", "2026-11-25T14:00:00+09:00", False)
    # It stays after the deadline has passed.
    assert len(items(desk, "2026-11-25T15:00:00+09:00", "deadline_risk")) == 1


# --- order, filter, format -----------------------------------------------------

def busy_day(t):
    """Cases and promises of sato and kimura that are all on the agenda at
    2026-11-24 15:20."""
    towa(t)
    t.now = "2026-11-24T09:00:00+09:00"
    open_case(t, "請求書の誤り", "--customer", "やまだ", "--impact", "minor",
              "--deadline", "2026-11-24 17:00", "--eta-text", "本日中")  # 0001
    open_case(t, "出荷ラベル印字不良", "--customer", "トウワ",
              "--impact", "degraded", "--eta-text", "本日中")             # 0002
    t.now = "2026-11-24T10:00:00+09:00"
    open_case(t, "成形機停止", "--customer", "トウワ", "--impact", "stopped",
              "--owner", "kimura", "--eta-text", "調査中")              # 0003
    t.now = "2026-11-24T14:00:00+09:00"
    open_case(t, "2号ライン停止", "--customer", "やまだ", "--contact", "田中",
              "--impact", "stopped", "--promise-due", "15:30")         # 0004
    open_case(t, "FAX不達", "--customer", "やまだ", "--contact", "田中",
              "--impact", "minor", "--eta-text", "本日中",
              "--promise-due", "15:10")                                # 0005
    t.ok("promise", "add", "2026-3", "--due", "15:00", "--to", "鈴木 課長")


def test_agenda_is_ordered_most_urgent_first(desk):
    busy_day(desk)
    assert at(desk, "2026-11-24T15:20:00+09:00") == [
        ("promise_broken", "2026-0003"),   # stopped, due 15:00
        ("promise_broken", "2026-0005"),   # minor, due 15:10
        ("promise_due", "2026-0004"),
        ("silent", "2026-0003"),           # stopped before degraded
        ("silent", "2026-0004"),           # stopped, since 15:00 (later)
        ("silent", "2026-0002"),           # degraded
        ("no_eta", "2026-0004"),
        ("deadline_risk", "2026-0001"),
    ]


def test_agenda_for_one_user(desk):
    busy_day(desk)
    mine = at(desk, "2026-11-24T15:20:00+09:00", "--user", "sato")
    assert ("promise_broken", "2026-0003") not in mine
    assert ("silent", "2026-0003") not in mine
    assert [c for _, c in mine] == ["2026-0005", "2026-0004", "2026-0004",
                                    "2026-0002", "2026-0004", "2026-0001"]
    assert at(desk, "2026-11-24T15:20:00+09:00", "--user", "kimura") == [
        ("promise_broken", "2026-0003"), ("silent", "2026-0003")]
    assert at(desk, "2026-11-24T15:20:00+09:00", "--user", "ito") == []
    team = at(desk, "2026-11-24T15:20:00+09:00", "--team")
    assert team == at(desk, "2026-11-24T15:20:00+09:00")


def test_agenda_json_items_carry_kind_case_and_iso_times(desk):
    busy_day(desk)
    desk.now = "2026-11-24T15:20:00+09:00"
    agenda = desk.json("agenda")
    kinds = {i["kind"] for i in agenda}
    assert kinds == {"promise_broken", "promise_due", "silent", "no_eta",
                     "deadline_risk"}
    for item in agenda:
        assert re.match(r"^\d{4}-\d{4}$", item["case"])
        assert "due" in item or "since" in item
        for key in ("due", "since"):
            if key in item:
                assert ISO.match(item[key]), item
        assert item["title"] and item["customer"]


def test_agenda_text_output(desk):
    assert "Nothing needs attention." in desk.ok("agenda").stdout
    busy_day(desk)
    desk.now = "2026-11-24T15:20:00+09:00"
    out = desk.ok("agenda", "--user", "sato").stdout
    assert out.startswith("Agenda at 2026-11-24 15:20 / sato: 6")
    assert "promise broken" in out and "2026-0005" in out
    assert "silent" in out and "deadline at risk" in out


# --- settings move the agenda --------------------------------------------------

def test_config_set_cadence_changes_when_a_case_goes_silent(desk):
    desk.now = "2026-11-24T13:00:00+09:00"
    open_case(desk, "成形機停止", "--customer", "やまだ", "--impact", "stopped",
              "--eta-text", "調査中")
    assert items(desk, "2026-11-24T13:45:00+09:00", "silent") == []
    desk.ok("config", "set", "cadence.stopped", "30m", as_user="admin")
    assert desk.json("config", "get", "cadence.stopped") == {
        "cadence.stopped": "30m"}
    [s] = items(desk, "2026-11-24T13:45:00+09:00", "silent")
    assert s["since"] == "2026-11-24T13:30:00+09:00" and s["cadence_min"] == 30


def test_config_set_promise_lead_changes_the_reminder_of_new_promises(desk):
    desk.ok("config", "set", "promise.lead", "30m", as_user="admin")
    open_case(desk, "成形機停止", "--customer", "やまだ", "--contact", "田中",
              "--eta-text", "本日中", "--promise-due", "16:00")
    assert desk.json("promise", "show", "1")["remind_min"] == 30
    assert items(desk, "2026-11-24T15:29:00+09:00", "promise_due") == []
    assert len(items(desk, "2026-11-24T15:30:00+09:00", "promise_due")) == 1


def test_config_set_eta_grace_and_risk_percent(desk):
    desk.ok("config", "set", "eta.grace", "1h", as_user="admin")
    desk.ok("config", "set", "deadline.risk_percent", "50", as_user="admin")
    open_case(desk, "明日14時までに復旧", "--customer", "やまだ",
              "--deadline", "2026-11-25 14:00")
    assert items(desk, "2026-11-24T14:59:00+09:00", "no_eta") == []
    assert len(items(desk, "2026-11-24T15:00:00+09:00", "no_eta")) == 1
    assert items(desk, "2026-11-25T01:59:00+09:00", "deadline_risk") == []
    assert len(items(desk, "2026-11-25T02:00:00+09:00", "deadline_risk")) == 1


def test_config_set_business_hours_changes_silence(desk):
    towa(desk)
    desk.ok("config", "set", "org.hours", "mon-fri 09:00-17:00",
            as_user="admin")
    desk.now = "2026-11-24T16:30:00+09:00"
    open_case(desk, "成形機停止", "--customer", "トウワ", "--impact", "stopped",
              "--eta-text", "明日")
    # We close at 17:00 now, so 30 minutes today and 30 tomorrow.
    assert items(desk, "2026-11-24T17:45:00+09:00", "silent") == []
    [s] = items(desk, "2026-11-25T09:30:00+09:00", "silent")
    assert s["since"] == "2026-11-25T09:30:00+09:00"
