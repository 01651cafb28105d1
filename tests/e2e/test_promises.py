# SPDX-License-Identifier: MIT
"""Promises (約束): making, keeping, renegotiating and cancelling them, the
state machine, and "broken" derived from the clock."""
import pytest


@pytest.fixture
def case(desk):
    """Case 2026-0001 at 株式会社山田製作所 with contact 田中 一郎, owned
    by sato."""
    desk.ok("case", "open", "--kind", "trouble", "--customer", "やまだ",
            "--contact", "田中", "--title", "2号ライン制御PCが起動しない",
            "--reported", "朝から制御PCが起動しない。生産が止まっている。",
            "--impact", "stopped")
    return desk


def promise(t, *args, **kw):
    return t.json("promise", "add", "2026-0001", *args, **kw)


def test_promise_add_with_every_option(case):
    p = promise(case, "--due", "15:30", "--text", "部品の到着予定を電話で連絡",
                "--to", "田中 一郎", "--channel", "phone", "--remind", "30m",
                "--owner", "kimura")
    assert p["id"] == 1
    assert (p["case"], p["case_title"]) == ("2026-0001",
                                            "2号ライン制御PCが起動しない")
    assert (p["text"], p["to"], p["channel"], p["remind_min"]) == (
        "部品の到着予定を電話で連絡", "田中 一郎", "phone", 30)
    assert p["due"] == "2026-11-24T15:30:00+09:00"
    assert (p["owner"], p["state"]) == ("kimura", "open")
    assert p["predecessor_id"] is None and p["successor_id"] is None
    assert p["ended"] is None and p["on_time"] is None
    assert p["created"] == "2026-11-24T14:00:00+09:00"
    assert case.json("promise", "show", "1") == p
    assert case.json("promise", "show", "#1") == p
    [event] = [e for e in case.json("case", "show", "2026-1")["timeline"]
               if e["kind"] == "promise_added"]
    assert (event["promise_id"], event["with"], event["text"],
            event["new_at"]) == (1, "田中 一郎", "部品の到着予定を電話で連絡",
                                 "2026-11-24T15:30:00+09:00")


def test_promise_defaults(case):
    p = promise(case, "--due", "+90m")
    assert p["due"] == "2026-11-24T15:30:00+09:00"
    assert p["to"] == "田中 一郎" and p["contact_id"] == 1
    assert p["text"] == "call back"
    assert (p["channel"], p["remind_min"], p["owner"]) == ("phone", 15, "sato")


def test_promise_to_a_contact_person_by_reading(case):
    case.ok("contact-person", "add", "--customer", "やまだ", "--name",
            "佐々木 恵", "--reading", "ささき めぐみ", "--title", "総務部")
    p = promise(case, "--due", "2026-11-25 10:00", "--contact", "ささき")
    assert (p["to"], p["contact_id"]) == ("佐々木 恵", 2)


def test_a_clerk_may_promise_and_keep(case):
    p = promise(case, "--due", "16:00", as_user="ito")
    assert p["owner"] == "sato"     # the case owner keeps it
    kept = case.json("promise", "keep", str(p["id"]), as_user="ito")
    assert kept["state"] == "kept"


def test_promise_cannot_be_kept_twice(case):
    promise(case, "--due", "15:30")
    case.ok("promise", "keep", "1", "--note", "電話で報告済み")
    before = case.dump()
    code, err = case.fail("promise", "keep", "1")
    assert code == 1 and err["error"] == "conflict"
    assert err["fields"] == [{"field": "promise",
                              "message": "has already ended: kept"}]
    assert case.dump() == before


@pytest.mark.parametrize("ending", [
    ["keep", "--note", "報告済み"],
    ["cancel", "--reason", "先方から不要と連絡"],
    ["renegotiate", "--due", "17:00", "--consented-by", "田中 一郎"],
])
@pytest.mark.parametrize("then", [
    ["keep"],
    ["cancel", "--reason", "重複"],
    ["renegotiate", "--due", "18:00", "--consented-by", "田中 一郎"],
])
def test_an_ended_promise_cannot_end_again(case, ending, then):
    promise(case, "--due", "15:30")
    case.ok("promise", ending[0], "1", *ending[1:])
    state = {"keep": "kept", "cancel": "cancelled",
             "renegotiate": "renegotiated"}[ending[0]]
    before = case.dump()
    code, err = case.fail("promise", then[0], "1", *then[1:])
    assert code == 1 and err["error"] == "conflict"
    assert err["fields"][0] == {"field": "promise",
                                "message": f"has already ended: {state}"}
    assert case.dump() == before


def test_keep_records_time_note_and_on_time(case):
    promise(case, "--due", "15:30")
    case.now = "2026-11-24T15:25:00+09:00"
    p = case.json("promise", "keep", "1", "--note", "到着予定を連絡した")
    assert p["state"] == "kept" and p["on_time"] is True
    assert p["ended"] == "2026-11-24T15:25:00+09:00"
    assert p["note"] == "到着予定を連絡した"
    last = case.json("case", "show", "2026-1")["timeline"][-1]
    assert (last["kind"], last["promise_id"], last["text"]) == (
        "promise_kept", 1, "到着予定を連絡した")
    assert "old" not in last


def test_keeping_late_records_on_time_false(case):
    promise(case, "--due", "15:30")
    case.now = "2026-11-24T15:31:00+09:00"
    assert case.json("promise", "show", "1")["state"] == "broken"
    p = case.json("promise", "keep", "1")
    assert p["state"] == "kept" and p["on_time"] is False
    last = case.json("case", "show", "2026-1")["timeline"][-1]
    assert (last["kind"], last["old"]) == ("promise_kept", "late")
    assert "kept late" in case.ok("case", "show", "2026-1").stdout


def test_keeping_exactly_at_due_is_on_time(case):
    promise(case, "--due", "15:30")
    case.now = "2026-11-24T15:30:00+09:00"
    assert case.json("promise", "show", "1")["state"] == "open"
    assert case.json("promise", "keep", "1")["on_time"] is True


def test_cancel_needs_a_reason(case):
    promise(case, "--due", "15:30")
    before = case.dump()
    for args in ([], ["--reason", ""], ["--reason", "\u3000 "]):
        code, err = case.fail("promise", "cancel", "1", *args)
        assert code == 2 and err["fields"][0]["field"] == "reason", args
    assert case.dump() == before
    p = case.json("promise", "cancel", "1", "--reason", "先方が自力で復旧したため不要")
    assert p["state"] == "cancelled"
    assert p["note"] == "先方が自力で復旧したため不要"
    assert p["on_time"] is False
    last = case.json("case", "show", "2026-1")["timeline"][-1]
    assert (last["kind"], last["text"]) == ("promise_cancelled",
                                            "先方が自力で復旧したため不要")


def test_renegotiate_needs_consent_and_a_future_due(case):
    promise(case, "--due", "15:30")
    before = case.dump()
    code, err = case.fail("promise", "renegotiate", "1", "--due", "16:30")
    assert code == 2 and err["fields"][0]["field"] == "consented_by"
    code, err = case.fail("promise", "renegotiate", "1", "--due", "16:30",
                          "--consented-by", "\u3000")
    assert code == 2 and err["fields"][0]["field"] == "consented_by"
    code, err = case.fail("promise", "renegotiate", "1", "--due", "13:30",
                          "--consented-by", "田中 一郎")
    assert code == 2 and err["fields"][0]["field"] == "due"
    code, err = case.fail("promise", "renegotiate", "1",
                          "--consented-by", "田中 一郎")
    assert code == 2 and err["fields"][0]["field"] == "due"
    assert case.dump() == before


def test_renegotiate_links_predecessor_and_successor_both_ways(case):
    promise(case, "--due", "15:30", "--text", "原因を調べて折り返し",
            "--remind", "20m", "--owner", "kimura")
    case.now = "2026-11-24T15:10:00+09:00"
    new = case.json("promise", "renegotiate", "#1", "--due", "16:30",
                    "--consented-by", "田中 一郎", "--note", "部品の到着待ち")
    assert new["id"] == 2 and new["predecessor_id"] == 1
    assert new["successor_id"] is None
    assert new["state"] == "open" and new["consented_by"] == "田中 一郎"
    assert new["due"] == "2026-11-24T16:30:00+09:00"
    # Same content, same keeper, same reminder.
    assert (new["text"], new["to"], new["owner"], new["remind_min"]) == (
        "原因を調べて折り返し", "田中 一郎", "kimura", 20)
    old = case.json("promise", "show", "1")
    assert old["state"] == "renegotiated" and old["successor_id"] == 2
    assert old["ended"] == "2026-11-24T15:10:00+09:00"
    assert old["on_time"] is True and old["note"] == "部品の到着待ち"
    events = case.json("case", "show", "2026-1")["timeline"]
    last = events[-1]
    assert (last["kind"], last["promise_id"], last["old_at"], last["new_at"],
            last["with"], last["new"]) == (
        "promise_renegotiated", 1, "2026-11-24T15:30:00+09:00",
        "2026-11-24T16:30:00+09:00", "田中 一郎", "2")
    # The successor is not announced as a second, new promise.
    assert [e["kind"] for e in events].count("promise_added") == 1
    # And the chain goes on.
    third = case.json("promise", "renegotiate", "2", "--due", "17:30",
                      "--consented-by", "田中 一郎")
    assert third["predecessor_id"] == 2
    assert case.json("promise", "show", "2")["successor_id"] == third["id"]


def test_renegotiating_after_due_still_counts_as_broken(case):
    promise(case, "--due", "15:30")
    case.now = "2026-11-24T15:45:00+09:00"
    new = case.json("promise", "renegotiate", "1", "--due", "16:30",
                    "--consented-by", "田中 一郎")
    assert new["state"] == "open"
    assert case.json("promise", "show", "1")["on_time"] is False


def test_broken_is_derived_from_the_clock(case):
    promise(case, "--due", "15:30")
    for now, state in [("2026-11-24T15:29:59+09:00", "open"),
                       ("2026-11-24T15:30:00+09:00", "open"),
                       ("2026-11-24T15:30:01+09:00", "broken"),
                       ("2026-11-25T09:00:00+09:00", "broken")]:
        case.now = now
        assert case.json("promise", "show", "1")["state"] == state, now
        [listed] = case.json("promise", "list")
        assert listed["state"] == state
        assert case.json("case", "show", "2026-1")["promises"][0][
            "state"] == state
    # Nothing is written: "broken" is not a stored state.
    assert case.sql("SELECT state FROM promises") == [("open",)]
    agenda = case.json("agenda")
    assert [(i["kind"], i.get("promise_id")) for i in agenda
            if i["kind"].startswith("promise")] == [("promise_broken", 1)]


def test_promise_list_shows_open_ones_soonest_first_and_filters(case):
    case.ok("case", "open", "--kind", "inquiry", "--customer", "やまだ",
            "--title", "保守契約の更新", "--reported", "更新手続きを知りたい",
            "--owner", "kimura")
    promise(case, "--due", "17:00")                                  # 1
    promise(case, "--due", "15:00", "--text", "再起動結果を連絡")       # 2
    case.ok("promise", "add", "2026-2", "--due", "16:00", "--to", "田中 一郎")  # 3
    promise(case, "--due", "16:30")                                  # 4
    case.ok("promise", "keep", "4")

    def ids(*args):
        return [p["id"] for p in case.json("promise", "list", *args)]

    assert ids() == [2, 3, 1]
    assert ids("--all") == [2, 3, 4, 1]
    assert ids("--user", "kimura") == [3]
    assert ids("--user", "sato") == [2, 1]
    assert ids("--case", "2026-0001") == [2, 1]
    assert ids("--case", "2026-2", "--all") == [3]
    text = case.ok("promise", "list").stdout
    assert "再起動結果を連絡" in text and "田中 一郎" in text


def test_promise_due_must_be_in_the_future(case):
    before = case.dump()
    for due in ("13:59", "2026-11-24 14:00", "2026-11-23 10:00", "-5m"):
        code, err = case.fail("promise", "add", "2026-1", "--due", due)
        assert code == 2, due
        assert err["fields"][0]["field"] == "due", due
    code, err = case.fail("promise", "add", "2026-1")
    assert code == 2 and err["fields"][0] == {"field": "due",
                                              "message": "is required"}
    assert case.dump() == before


def test_promise_checks_its_owner_contact_and_reminder(case):
    case.ok("customer", "add", "--name", "東和精機株式会社", "--reading", "トウワセイキ")
    case.ok("contact-person", "add", "--customer", "トウワ", "--name", "鈴木 次郎")
    before = case.dump()
    code, err = case.fail("promise", "add", "2026-1", "--due", "16:00",
                          "--owner", "watanabe")
    assert code == 2 and err["fields"][0]["field"] == "owner"
    code, err = case.fail("promise", "add", "2026-1", "--due", "16:00",
                          "--owner", "yamamoto")
    assert code == 2 and err["fields"][0]["field"] == "owner"
    code, err = case.fail("promise", "add", "2026-1", "--due", "16:00",
                          "--contact", "鈴木")
    assert code == 2 and err["fields"][0]["field"] == "contact"
    code, err = case.fail("promise", "add", "2026-1", "--due", "16:00",
                          "--remind", "25h")
    assert code == 2 and err["fields"][0]["field"] == "remind"
    code, err = case.fail("promise", "add", "2026-1", "--due", "16:00",
                          "--channel", "伝書鳩")
    assert code == 2 and err["fields"][0]["field"] == "channel"
    assert case.dump() == before


def test_promise_text_output(case):
    promise(case, "--due", "15:30", "--text", "部品の到着予定を電話で連絡")
    out = case.ok("promise", "show", "1").stdout
    assert "部品の到着予定を電話で連絡" in out and "田中 一郎" in out
    assert "2026-11-24 15:30" in out
    case.ok("promise", "renegotiate", "1", "--due", "16:30",
            "--consented-by", "田中 一郎")
    out = case.ok("promise", "show", "1").stdout
    assert "#2" in out     # where it moved to
