# SPDX-License-Identifier: MIT
"""The demo database: realistic Japanese sample data whose agenda shows
every kind of item, created fresh and never over an existing file."""
import re
import sqlite3

import pytest

from conftest import Taio

KINDS = {"promise_broken", "promise_due", "silent", "no_eta", "deadline_risk"}
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def test_demo_creates_staff_customers_cases_and_promises(tmp_path):
    t = Taio(tmp_path / "demo.db")
    out = t.ok("demo").stdout
    assert "demo.db" in out and "--as" in out
    t.user = "sato"
    roles = {u["login"]: u["role"] for u in t.json("user", "list")}
    assert set(roles.values()) == {"admin", "manager", "agent", "clerk",
                                   "viewer"}
    customers = t.json("customer", "find")
    assert len(customers) >= 3
    assert all(JAPANESE.search(c["name"]) for c in customers)
    cases = t.json("case", "list", "--all", "--limit", "1000")
    statuses = {c["status"] for c in cases}
    assert "closed" in statuses
    assert statuses & {"new", "acknowledged", "in_progress",
                       "waiting_customer", "waiting_vendor"}
    assert all(re.match(r"^\d{4}-\d{4}$", c["number"]) for c in cases)
    promises = t.json("promise", "list", "--all")
    assert {p["state"] for p in promises} >= {"open", "kept"}
    # Every case tells its story on its timeline.
    first_open = t.json("case", "list")[0]["number"]
    shown = t.json("case", "show", first_open)
    assert shown["timeline"][0]["kind"] == "opened"
    assert JAPANESE.search(shown["reported"])


def test_demo_database_is_sound(demo):
    con = sqlite3.connect(demo.db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        # Closed cases hold no open promise.
        assert con.execute(
            "SELECT COUNT(*) FROM promises p JOIN cases c ON c.id = p.case_id"
            " WHERE c.status = 'closed' AND p.state = 'open'").fetchone() == (0,)
    finally:
        con.close()


def test_demo_agenda_shows_every_kind_of_item(demo):
    agenda = demo.json("agenda")
    assert agenda
    assert {i["kind"] for i in agenda} == KINDS
    assert agenda[0]["kind"] == "promise_broken"
    text = demo.ok("agenda").stdout
    assert text.startswith(f"Agenda at 2026-11-24 14:00: {len(agenda)}")


def test_demo_agenda_of_one_agent(demo):
    mine = demo.json("agenda", "--user", "sato")
    assert mine and all(i["owner"] == "sato" for i in mine)


def test_demo_is_relative_to_now(tmp_path):
    t = Taio(tmp_path / "demo.db", now="2027-03-10T10:30:00+09:00")
    t.ok("demo")
    assert {i["kind"] for i in t.json("agenda")} == KINDS
    received = [c["received"] for c in t.json("case", "list")]
    assert all(r.startswith("2027-03-") for r in received), received


def test_demo_refuses_an_existing_database(demo):
    before = demo.dump()
    raw = open(demo.db, "rb").read()
    code, err = demo.fail("demo")
    assert code == 1 and err["error"] == "conflict"
    assert err["fields"][0]["field"] == "db"
    assert "--force" in err["fields"][0]["message"]
    assert open(demo.db, "rb").read() == raw
    assert demo.dump() == before


def test_demo_refuses_any_existing_file(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("大事なメモ\n", encoding="utf-8")
    t = Taio(path)
    assert t.run("demo").returncode == 1
    assert path.read_text(encoding="utf-8") == "大事なメモ\n"


def test_demo_force_replaces_the_database(desk):
    desk.ok("customer", "add", "--name", "消えるはずの会社")
    desk.ok("demo", "--force")
    assert desk.json("customer", "find", "消えるはずの会社") == []
    assert {i["kind"] for i in desk.json("agenda")} == KINDS


def test_demo_with_db_option(tmp_path):
    t = Taio(tmp_path / "unused.db")
    path = tmp_path / "other.db"
    t.ok("demo", "--db", str(path))
    assert path.exists() and not (tmp_path / "unused.db").exists()


def test_demo_in_japanese(demo):
    english = demo.ok("help").stdout
    japanese_help = demo.ok("--lang", "ja", "help").stdout
    if japanese_help == english:
        pytest.skip("the ja catalog has no translations yet")
    assert JAPANESE.search(japanese_help)
    assert JAPANESE.search(
        demo.ok("--lang", "ja", "agenda").stdout.splitlines()[0])
    # Machine-readable output never changes with the language.
    assert {i["kind"] for i in demo.json("--lang", "ja", "agenda")} == KINDS
