# SPDX-License-Identifier: MIT
"""Cases from intake to closing: numbering, lookups, contacts, ETAs, the
status state machine, notes, assignment, edits, listing, and the
append-only timeline."""
import sqlite3

import pytest

STATUSES = ["new", "acknowledged", "in_progress", "waiting_customer",
            "waiting_vendor", "resolved", "reported", "closed"]


def open_case(t, title="2号ライン制御PCが起動しない", **options):
    args = ["case", "open", "--kind", options.pop("kind", "trouble"),
            "--customer", options.pop("customer", "やまだ"),
            "--title", title,
            "--reported", options.pop("reported", "朝から制御PCが起動しない")]
    for key, value in options.items():
        args += ["--" + key.replace("_", "-"), value]
    return t.json(*args)


def timeline(t, number, kind=None):
    events = t.json("case", "show", number)["timeline"]
    return [e for e in events if kind is None or e["kind"] == kind]


# --- intake -------------------------------------------------------------------

def test_open_with_every_option_records_the_whole_intake(desk):
    c = open_case(
        desk, "納品遅延への苦情", kind="complaint", contact="田中",
        reported="約束の日に部品が届かない。ラインが止まる。", impact="degraded",
        channel="email", affected="2号ライン作業員 12名",
        workaround="旧部品で暫定運転", deadline="2026-11-26 09:00",
        occurred="2026-11-24 08:00", received="2026-11-24 13:50",
        owner="kimura", eta="2026-11-25 18:00", eta_text="明日夕方",
        promise_due="15:30", promise_text="配送状況を確認して折り返し")
    assert c["number"] == "2026-0001"
    assert (c["kind"], c["status"], c["impact"], c["channel"]) == (
        "complaint", "new", "degraded", "email")
    assert c["title"] == "納品遅延への苦情"
    assert c["reported"] == "約束の日に部品が届かない。ラインが止まる。"
    assert c["customer"]["name"] == "株式会社山田製作所"
    assert c["contact"] == {"id": 1, "name": "田中 一郎"}
    assert c["affected"] == "2号ライン作業員 12名"
    assert c["workaround"] == "旧部品で暫定運転"
    assert c["occurred"] == "2026-11-24T08:00:00+09:00"
    assert c["received"] == "2026-11-24T13:50:00+09:00"
    assert c["deadline"] == "2026-11-26T09:00:00+09:00"
    assert c["eta"] == {"at": "2026-11-25T18:00:00+09:00", "text": "明日夕方",
                        "given": "2026-11-24T14:00:00+09:00"}
    assert c["owner"]["login"] == "kimura"
    [p] = c["promises"]
    assert (p["text"], p["to"], p["due"], p["owner"], p["state"]) == (
        "配送状況を確認して折り返し", "田中 一郎", "2026-11-24T15:30:00+09:00",
        "kimura", "open")
    assert [e["kind"] for e in c["timeline"]] == [
        "opened", "eta", "promise_added"]
    assert all(e["by"] == "sato" for e in c["timeline"])


def test_open_defaults(desk):
    c = open_case(desk)
    assert (c["impact"], c["channel"], c["status"]) == ("minor", "phone", "new")
    assert c["owner"]["login"] == "sato"          # the agent who opened it
    assert c["contact"] is None and c["eta"] is None and c["deadline"] is None
    assert c["received"] == "2026-11-24T14:00:00+09:00"
    assert c["promises"] == []


def test_clerk_opens_a_case_that_waits_unassigned(desk):
    desk.user = "ito"
    c = open_case(desk, "FAXが受信できない", contact="田中",
                  promise_due="16:00")
    assert c["owner"] is None
    # The clerk's callback promise needs someone to keep it: the clerk.
    assert c["promises"][0]["owner"] == "ito"
    assert c["promises"][0]["to"] == "田中 一郎"


def test_intake_is_one_transaction(desk):
    before = desk.dump()
    code, err = desk.fail(
        "case", "open", "--kind", "trouble", "--customer", "やまだ",
        "--contact", "田中", "--title", "成形機が停止", "--reported", "停止した",
        "--eta", "2026-11-25 18:00", "--promise-due", "13:00")
    assert code == 2 and err["fields"][0]["field"] in ("promise-due", "due")
    assert desk.dump() == before


def test_promise_at_intake_needs_someone_to_promise_to(desk):
    before = desk.dump()
    code, err = desk.fail("case", "open", "--kind", "trouble", "--customer",
                          "やまだ", "--title", "異音", "--reported", "異音がする",
                          "--promise-due", "16:00")
    assert code == 2 and err["fields"][0]["field"] == "promise-to"
    assert desk.dump() == before
    c = open_case(desk, "異音", promise_due="16:00", promise_to="受付の斎藤様")
    assert c["promises"][0]["to"] == "受付の斎藤様"
    assert c["promises"][0]["text"] == "call back"


def test_occurred_after_received_and_future_received_are_refused(desk):
    before = desk.dump()
    code, err = desk.fail("case", "open", "--kind", "trouble", "--customer",
                          "やまだ", "--title", "t", "--reported", "r",
                          "--occurred", "2026-11-24 13:00",
                          "--received", "2026-11-24 12:00")
    assert code == 2 and err["fields"][0]["field"] == "occurred"
    code, err = desk.fail("case", "open", "--kind", "trouble", "--customer",
                          "やまだ", "--title", "t", "--reported", "r",
                          "--received", "2026-11-24 18:00")
    assert code == 2 and err["fields"][0]["field"] == "received"
    code, err = desk.fail("case", "open", "--kind", "trouble", "--customer",
                          "やまだ", "--title", "t", "--reported", "r",
                          "--deadline", "2026-11-24 10:00")
    assert code == 2 and err["fields"][0]["field"] == "deadline"
    assert desk.dump() == before


# --- numbers ------------------------------------------------------------------

def test_numbers_restart_every_year(desk):
    desk.now = "2026-12-28T10:00:00+09:00"
    assert open_case(desk, "年末の障害1")["number"] == "2026-0001"
    assert open_case(desk, "年末の障害2")["number"] == "2026-0002"
    desk.now = "2027-01-05T09:30:00+09:00"
    assert open_case(desk, "年始の障害1")["number"] == "2027-0001"
    # A call received last year but written up late keeps last year's number.
    late = open_case(desk, "年末に受けた電話", received="2026-12-28 17:00")
    assert late["number"] == "2026-0003"
    assert open_case(desk, "年始の障害2")["number"] == "2027-0002"


def test_number_year_follows_tokyo_time_not_utc(desk):
    # 2027-01-01 00:30 in Tokyo is still 2026-12-31 in UTC.
    desk.now = "2027-01-01T00:30:00+09:00"
    assert open_case(desk, "元日未明の障害")["number"] == "2027-0001"
    assert open_case(desk, "大晦日の電話",
                     received="2026-12-31 23:50")["number"] == "2026-0001"


@pytest.mark.parametrize("ref", ["2026-0001", "2026-1", "2026-01",
                                 "2026-00001", "２０２６－０００１"])
def test_lookup_by_number_with_or_without_zero_padding(desk, ref):
    open_case(desk)
    assert desk.json("case", "show", ref)["number"] == "2026-0001"


def test_lookup_of_case_ten_and_beyond(desk):
    for i in range(11):
        desk.ok("case", "open", "--kind", "inquiry",
                "--customer", "#1", "--title", f"問い合わせ{i + 1}",
                "--reported", "使い方の質問")
    assert desk.json("case", "show", "2026-10")["title"] == "問い合わせ10"
    assert desk.json("case", "show", "2026-0011")["title"] == "問い合わせ11"


# --- contacts -------------------------------------------------------------------

def test_log_contact_in_and_out(desk):
    open_case(desk, contact="田中", impact="stopped")
    desk.now = "2026-11-24T14:20:00+09:00"
    c = desk.json("case", "log-contact", "2026-1", "--direction", "in",
                  "--channel", "phone", "--summary", "状況の問い合わせがあった",
                  "--duration", "5m")
    assert c["last_contact"] == "2026-11-24T14:20:00+09:00"
    assert c["last_outbound"] is None
    desk.now = "2026-11-24T14:40:00+09:00"
    c = desk.json("case", "log-contact", "2026-1", "--direction", "out",
                  "--channel", "phone", "--with", "佐々木 恵（総務）",
                  "--summary", "部品手配済みと連絡", "--duration", "1h30m")
    assert c["last_outbound"] == "2026-11-24T14:40:00+09:00"
    assert c["last_contact"] == "2026-11-24T14:40:00+09:00"
    inbound, outbound = timeline(desk, "2026-1", "contact")
    assert (inbound["direction"], inbound["channel"], inbound["with"],
            inbound["duration_min"], inbound["text"], inbound["by"]) == (
        "in", "phone", "田中 一郎", 5, "状況の問い合わせがあった", "sato")
    assert (outbound["direction"], outbound["with"],
            outbound["duration_min"]) == ("out", "佐々木 恵（総務）", 90)
    assert outbound["occurred"] == "2026-11-24T14:40:00+09:00"


def test_log_contact_at_an_earlier_time(desk):
    open_case(desk, contact="田中")
    desk.now = "2026-11-24T16:00:00+09:00"
    desk.ok("case", "log-contact", "2026-1", "--direction", "out",
            "--channel", "phone", "--summary", "折り返し", "--at", "15:30")
    # A contact recorded later for an even earlier moment does not move
    # the silence clock backwards.
    c = desk.json("case", "log-contact", "2026-1", "--direction", "out",
                  "--channel", "visit", "--contact", "田中",
                  "--summary", "現地確認", "--at", "2026-11-24 14:30")
    assert c["last_outbound"] == "2026-11-24T15:30:00+09:00"
    events = timeline(desk, "2026-1", "contact")
    assert [e["occurred"] for e in events] == [
        "2026-11-24T15:30:00+09:00", "2026-11-24T14:30:00+09:00"]
    assert events[1]["at"] == "2026-11-24T16:00:00+09:00"
    assert events[1]["contact_id"] == 1


def test_log_contact_refuses_the_future_and_closed_cases(desk):
    open_case(desk, kind="request")
    before = desk.dump()
    code, err = desk.fail("case", "log-contact", "2026-1", "--direction",
                          "out", "--channel", "phone", "--summary", "x",
                          "--at", "2026-11-24 15:00")
    assert code == 2 and err["fields"][0]["field"] == "at"
    assert desk.dump() == before
    desk.ok("case", "status", "2026-1", "resolved")
    desk.ok("case", "status", "2026-1", "closed")
    before = desk.dump()
    code, err = desk.fail("case", "log-contact", "2026-1", "--direction",
                          "out", "--channel", "phone", "--summary", "x")
    assert code == 2 and err["fields"][0]["field"] == "case"
    assert desk.dump() == before


# --- ETA ------------------------------------------------------------------------

def test_eta_time_wording_and_both_with_history_in_timeline(desk):
    open_case(desk, impact="stopped")
    desk.now = "2026-11-24T14:05:00+09:00"
    c = desk.json("case", "eta", "2026-1", "--text", "1〜2日")
    assert c["eta"] == {"at": None, "text": "1〜2日",
                        "given": "2026-11-24T14:05:00+09:00"}
    desk.now = "2026-11-24T16:00:00+09:00"
    c = desk.json("case", "eta", "2026-1", "--at", "2026-11-26 12:00")
    assert c["eta"]["at"] == "2026-11-26T12:00:00+09:00"
    assert c["eta"]["text"] is None
    desk.now = "2026-11-25T10:00:00+09:00"
    c = desk.json("case", "eta", "2026-1", "--at", "2026-11-25 17:00",
                  "--text", "本日夕方")
    assert c["eta"] == {"at": "2026-11-25T17:00:00+09:00", "text": "本日夕方",
                        "given": "2026-11-25T10:00:00+09:00"}
    etas = timeline(desk, "2026-1", "eta")
    assert [(e.get("old_at"), e.get("old"), e.get("new_at"), e.get("new"))
            for e in etas] == [
        (None, None, None, "1〜2日"),
        (None, "1〜2日", "2026-11-26T12:00:00+09:00", None),
        ("2026-11-26T12:00:00+09:00", None, "2026-11-25T17:00:00+09:00",
         "本日夕方"),
    ]
    text = desk.ok("case", "show", "2026-1").stdout
    assert "本日夕方" in text


def test_eta_must_say_something_and_lie_ahead(desk):
    open_case(desk)
    before = desk.dump()
    for args in (["--text", "\u3000"], [], ["--at", "2026-11-24 13:00"]):
        code, err = desk.fail("case", "eta", "2026-1", *args)
        assert code == 2 and err["fields"][0]["field"] == "eta", args
    assert desk.dump() == before


def test_a_clerk_may_give_an_eta(desk):
    open_case(desk)
    c = desk.json("case", "eta", "2026-1", "--text", "本日中", as_user="ito")
    assert c["eta"]["text"] == "本日中"


# --- status ---------------------------------------------------------------------

# Walks that together take every move the state machine allows.
WALKS = [
    ["acknowledged", "in_progress", "waiting_customer", "waiting_vendor",
     "waiting_customer", "in_progress", "waiting_vendor", "in_progress",
     "resolved", "reported", "in_progress", "resolved", "closed",
     "in_progress", "waiting_vendor", "resolved", "in_progress",
     "waiting_customer", "resolved", "reported", "closed"],
    ["in_progress"], ["waiting_customer"], ["waiting_vendor"], ["resolved"],
    ["acknowledged", "waiting_customer"], ["acknowledged", "waiting_vendor"],
    ["acknowledged", "resolved"],
]

ALLOWED = {
    "new": {"acknowledged", "in_progress", "waiting_customer",
            "waiting_vendor", "resolved"},
    "acknowledged": {"in_progress", "waiting_customer", "waiting_vendor",
                     "resolved"},
    "in_progress": {"waiting_customer", "waiting_vendor", "resolved"},
    "waiting_customer": {"in_progress", "waiting_vendor", "resolved"},
    "waiting_vendor": {"in_progress", "waiting_customer", "resolved"},
    "resolved": {"in_progress", "reported", "closed"},
    "reported": {"in_progress", "closed"},
    "closed": {"in_progress"},
}


def test_the_walks_cover_every_allowed_move():
    covered = set()
    for walk in WALKS:
        for a, b in zip(["new"] + walk, walk):
            covered.add((a, b))
    assert covered == {(a, b) for a, tos in ALLOWED.items() for b in tos}


# A request needs no report, so these walks close cases freely; the report
# a trouble needs before it closes is tested in test_report.py.
def test_every_allowed_status_change(desk):
    for walk in WALKS:
        number = open_case(desk, "状態遷移の確認", kind="request")["number"]
        previous = "new"
        for i, status in enumerate(walk):
            desk.now = f"2026-11-24T14:{i + 1:02d}:00+09:00"
            c = desk.json("case", "status", number, status,
                          "--comment", f"{previous}から{status}へ")
            assert c["status"] == status
            last = c["timeline"][-1]
            assert (last["kind"], last["old"], last["new"], last["text"]) == (
                "status", previous, status, f"{previous}から{status}へ")
            if status == "resolved":
                assert c["resolved"] == desk.now
            elif status in ("reported", "closed"):
                assert c["resolved"] is not None
            else:
                assert c["resolved"] is None and c["closed"] is None
            assert (c["closed"] == desk.now) == (status == "closed")
            previous = status
        desk.now = "2026-11-24T14:00:00+09:00"


@pytest.mark.parametrize("path,forbidden", [
    ([], "closed"), ([], "reported"), ([], "new"),
    (["in_progress"], "new"), (["in_progress"], "acknowledged"),
    (["in_progress"], "closed"), (["in_progress"], "reported"),
    (["in_progress"], "in_progress"),
    (["waiting_vendor"], "closed"),
    (["resolved"], "waiting_customer"), (["resolved"], "new"),
    (["resolved", "reported"], "resolved"),
    (["resolved", "closed"], "resolved"), (["resolved", "closed"], "closed"),
    (["resolved", "closed"], "reported"), (["resolved", "closed"], "new"),
])
def test_forbidden_status_changes_are_refused(desk, path, forbidden):
    number = open_case(desk, kind="request")["number"]
    for status in path:
        desk.ok("case", "status", number, status)
    before = desk.dump()
    current = path[-1] if path else "new"
    code, err = desk.fail("case", "status", number, forbidden)
    assert code == 2
    assert err["error"] == "invalid"
    label = {"in_progress": "in progress",
             "waiting_customer": "waiting on customer",
             "waiting_vendor": "waiting on vendor"}
    assert err["fields"] == [{"field": "status", "message":
                              f'a case that is "{label.get(current, current)}"'
                              f' cannot become '
                              f'"{label.get(forbidden, forbidden)}"'}]
    assert desk.dump() == before


def test_resolved_and_closed_times_are_recorded_and_cleared_on_reopen(desk):
    open_case(desk, kind="request")
    desk.now = "2026-11-24T15:00:00+09:00"
    c = desk.json("case", "status", "2026-1", "resolved")
    assert c["resolved"] == "2026-11-24T15:00:00+09:00" and c["closed"] is None
    desk.now = "2026-11-24T16:00:00+09:00"
    c = desk.json("case", "status", "2026-1", "closed")
    assert c["closed"] == "2026-11-24T16:00:00+09:00"
    assert c["resolved"] == "2026-11-24T15:00:00+09:00"
    assert desk.json("case", "list") == []
    desk.now = "2026-11-25T09:00:00+09:00"
    c = desk.json("case", "reopen", "2026-1", "--comment", "再発の連絡あり")
    assert c["status"] == "in_progress"
    assert c["resolved"] is None and c["closed"] is None
    assert c["timeline"][-1]["old"] == "closed"
    assert c["timeline"][-1]["text"] == "再発の連絡あり"
    assert [x["number"] for x in desk.json("case", "list")] == ["2026-0001"]


def test_reopen_from_resolved_and_reported(desk):
    for path in (["resolved"], ["resolved", "reported"]):
        number = open_case(desk)["number"]
        for s in path:
            desk.ok("case", "status", number, s)
        assert desk.json("case", "reopen", number)["status"] == "in_progress"


def test_reopen_of_a_case_that_was_never_resolved_is_refused(desk):
    open_case(desk)
    before = desk.dump()
    code, err = desk.fail("case", "reopen", "2026-1")
    assert code == 2 and err["fields"][0]["field"] == "status"
    assert desk.dump() == before


def test_closing_with_an_open_promise_is_refused(desk):
    open_case(desk, contact="田中", promise_due="16:00", kind="request")
    desk.ok("case", "status", "2026-1", "resolved")
    before = desk.dump()
    code, err = desk.fail("case", "status", "2026-1", "closed")
    assert code == 1 and err["error"] == "conflict"
    assert err["fields"][0]["field"] == "status"
    assert "1 open promise" in err["fields"][0]["message"]
    assert desk.dump() == before
    desk.ok("promise", "keep", "1")
    assert desk.json("case", "status", "2026-1", "closed")["status"] == "closed"


def test_closing_with_a_broken_promise_is_refused_too(desk):
    open_case(desk, contact="田中", promise_due="16:00", kind="request")
    desk.ok("case", "status", "2026-1", "resolved")
    desk.now = "2026-11-25T10:00:00+09:00"
    code, err = desk.fail("case", "status", "2026-1", "closed")
    assert code == 1 and err["fields"][0]["field"] == "status"
    desk.ok("promise", "cancel", "1", "--reason", "解決済みのため連絡不要と先方了承")
    desk.ok("case", "status", "2026-1", "closed")


def test_closed_case_refuses_edits_promises_and_etas(desk):
    open_case(desk, kind="request")
    desk.ok("case", "status", "2026-1", "resolved")
    desk.ok("case", "status", "2026-1", "closed")
    before = desk.dump()
    for args in (["case", "edit", "2026-1", "--title", "新しい件名"],
                 ["case", "eta", "2026-1", "--text", "明日"],
                 ["case", "assign", "2026-1", "kimura"],
                 ["promise", "add", "2026-1", "--due", "16:00", "--to", "田中"]):
        code, err = desk.fail(*args)
        assert code == 2 and err["fields"][0]["field"] == "case", args
    assert desk.dump() == before


# --- notes, assignment, edits ----------------------------------------------------

def test_note_goes_to_the_timeline(desk):
    open_case(desk)
    desk.now = "2026-11-24T14:30:00+09:00"
    c = desk.json("case", "note", "2026-1", "メーカーに部品の在庫を確認中",
                  as_user="ito")
    last = c["timeline"][-1]
    assert (last["kind"], last["text"], last["by"], last["at"]) == (
        "note", "メーカーに部品の在庫を確認中", "ito", "2026-11-24T14:30:00+09:00")
    assert c["updated"] == "2026-11-24T14:30:00+09:00"


def test_assign_and_unassign(desk):
    open_case(desk)
    c = desk.json("case", "assign", "2026-1", "kimura")
    assert c["owner"]["login"] == "kimura"
    last = c["timeline"][-1]
    assert (last["kind"], last["field"], last["old"], last["new"]) == (
        "field", "owner", "sato", "kimura")
    c = desk.json("case", "assign", "2026-1", "")
    assert c["owner"] is None
    last = c["timeline"][-1]
    assert (last["field"], last["old"]) == ("owner", "kimura")
    assert "new" not in last


def test_a_viewer_cannot_own_a_case(desk):
    open_case(desk)
    before = desk.dump()
    code, err = desk.fail("case", "assign", "2026-1", "watanabe")
    assert code == 2 and err["fields"][0]["field"] == "owner"
    assert desk.dump() == before


def test_each_edit_is_a_field_entry_with_old_and_new_values(desk):
    desk.ok("contact-person", "add", "--customer", "やまだ",
            "--name", "佐々木 恵", "--reading", "ささき めぐみ")
    open_case(desk, contact="田中", deadline="2026-11-27 17:00")
    desk.now = "2026-11-24T15:00:00+09:00"
    c = desk.json("case", "edit", "2026-1", "--title", "2号ライン停止（制御PC）",
                  "--impact", "stopped", "--affected", "2号ライン全体",
                  "--workaround", "手動運転で対応", "--deadline",
                  "2026-11-26 09:00", "--contact", "佐々木")
    assert (c["title"], c["impact"], c["affected"], c["workaround"]) == (
        "2号ライン停止（制御PC）", "stopped", "2号ライン全体", "手動運転で対応")
    assert c["deadline"] == "2026-11-26T09:00:00+09:00"
    assert c["contact"]["name"] == "佐々木 恵"
    fields = [e for e in c["timeline"] if e["kind"] == "field"]
    assert all(e["at"] == "2026-11-24T15:00:00+09:00" and e["by"] == "sato"
               for e in fields)
    got = {e["field"]: (e.get("old", e.get("old_at")),
                        e.get("new", e.get("new_at"))) for e in fields}
    assert got == {
        "title": ("2号ライン制御PCが起動しない", "2号ライン停止（制御PC）"),
        "impact": ("minor", "stopped"),
        "affected": ("", "2号ライン全体"),
        "workaround": ("", "手動運転で対応"),
        "deadline": ("2026-11-27T17:00:00+09:00", "2026-11-26T09:00:00+09:00"),
        "contact": ("田中 一郎", "佐々木 恵"),
    }
    # Clearing the deadline and the contact is a change too.
    c = desk.json("case", "edit", "2026-1", "--deadline", "", "--contact", "")
    assert c["deadline"] is None and c["contact"] is None
    last_two = [e for e in c["timeline"] if e["kind"] == "field"][-2:]
    assert [(e["field"], e.get("old_at", e.get("old"))) for e in last_two] == [
        ("deadline", "2026-11-26T09:00:00+09:00"), ("contact", "佐々木 恵")]


def test_edit_without_changes_adds_nothing(desk):
    open_case(desk)
    n = len(timeline(desk, "2026-1"))
    desk.ok("case", "edit", "2026-1", "--title", "2号ライン制御PCが起動しない")
    assert len(timeline(desk, "2026-1")) == n


# --- list -----------------------------------------------------------------------

def test_list_filters(desk):
    desk.ok("customer", "add", "--name", "東和精機株式会社", "--reading", "トウワセイキ")
    desk.now = "2026-11-24T10:00:00+09:00"
    open_case(desk, "成形機停止", impact="stopped")                     # 0001
    desk.now = "2026-11-24T11:00:00+09:00"
    open_case(desk, "請求書の誤り", kind="complaint", customer="トウワ")  # 0002
    desk.now = "2026-11-24T12:00:00+09:00"
    open_case(desk, "操作方法の質問", kind="inquiry", owner="kimura")    # 0003
    desk.now = "2026-11-24T13:00:00+09:00"
    open_case(desk, "部品の追加注文", kind="request")                    # 0004
    desk.ok("case", "status", "2026-4", "resolved")
    desk.ok("case", "status", "2026-4", "closed")
    desk.ok("case", "status", "2026-2", "waiting_customer")

    def numbers(*args):
        return [c["number"][-1] for c in desk.json("case", "list", *args)]

    assert numbers() == ["3", "2", "1"]                 # open, newest first
    assert numbers("--all") == ["4", "3", "2", "1"]
    assert numbers("--status", "closed") == ["4"]
    assert numbers("--status", "waiting_customer") == ["2"]
    assert numbers("--owner", "kimura") == ["3"]
    assert numbers("--owner", "sato", "--all") == ["4", "2", "1"]
    assert numbers("--customer", "とうわ") == ["2"]
    assert numbers("--kind", "complaint") == ["2"]
    assert numbers("--kind", "request") == []
    assert numbers("--kind", "request", "--all") == ["4"]
    assert numbers("--all", "--limit", "2") == ["4", "3"]
    text = desk.ok("case", "list").stdout
    assert "2026-0003" in text and "操作方法の質問" in text
    assert "2026-0004" not in text


# --- the timeline is append-only ---------------------------------------------

def test_timeline_rows_cannot_be_updated_or_deleted(desk):
    open_case(desk)
    desk.ok("case", "note", "2026-1", "記録")
    before = desk.dump()
    con = sqlite3.connect(desk.db)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            con.execute("UPDATE case_events SET body = '改ざん' WHERE kind = 'note'")
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            con.execute("DELETE FROM case_events")
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            con.execute("DELETE FROM history")
        con.commit()
    finally:
        con.close()
    assert desk.dump() == before


def test_timeline_text_shows_everything_that_happened(desk):
    open_case(desk, contact="田中", impact="stopped", eta_text="1〜2日",
              promise_due="15:30")
    desk.ok("case", "log-contact", "2026-1", "--direction", "out",
            "--channel", "phone", "--summary", "部品の到着時刻を連絡",
            "--duration", "3m")
    desk.ok("case", "note", "2026-1", "予備機を手配")
    desk.ok("case", "status", "2026-1", "in_progress")
    out = desk.ok("case", "show", "2026-1").stdout
    for text in ("2026-0001", "2号ライン制御PCが起動しない", "田中 一郎",
                 "1〜2日", "部品の到着時刻を連絡", "予備機を手配",
                 "new -> in progress", "15:30"):
        assert text in out, text
