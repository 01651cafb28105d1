# SPDX-License-Identifier: MIT
"""Bad input of every kind: each gets a clear error naming the field, a
non-zero exit (2 for invalid input, 1 for not found, conflict or
permission) and leaves the database exactly as it was."""
import json
import shutil
import sqlite3
import subprocess

import pytest

from conftest import BIN, SANITIZED, Taio

BAD_UTF8 = b"\xe6\x9c\xac\xff\xfe\xe6\x97\xa5"   # 本, two stray bytes, 日


@pytest.fixture(scope="module")
def _world_template(_templates, tmp_path_factory):
    """The desk plus case 2026-0001 (contact 田中 一郎, owner sato) with
    open promise #1, built once for this module."""
    t = Taio(tmp_path_factory.mktemp("bad_input") / "world.db")
    shutil.copyfile(_templates["desk"], t.db)
    t.user = "sato"
    t.ok("case", "open", "--kind", "trouble", "--customer", "やまだ",
         "--contact", "田中", "--title", "2号ライン制御PCが起動しない",
         "--reported", "朝から制御PCが起動しない", "--impact", "stopped",
         "--promise-due", "16:00")
    return t.db


@pytest.fixture
def world(tmp_path, _world_template):
    t = Taio(tmp_path / "world.db")
    shutil.copyfile(_world_template, t.db)
    t.user = "sato"
    return t


def run_bytes(t, *args, user="admin"):
    """Run taio --json with argv given as bytes (so invalid UTF-8 reaches
    it unchanged); returns (exit code, parsed stdout)."""
    argv = [BIN.encode(), b"--json"] + [
        a if isinstance(a, bytes) else str(a).encode() for a in args]
    proc = subprocess.run(argv, env=t.env({"TAIO_USER": user}),
                          capture_output=True, timeout=60)
    stderr = proc.stderr.decode("utf-8", "replace")
    if SANITIZED:
        assert "Sanitizer" not in stderr and "runtime error:" not in stderr
    return proc.returncode, json.loads(proc.stdout.decode("utf-8"))


def assert_error_shape(err):
    assert set(err) == {"error", "message", "fields"}
    assert isinstance(err["error"], str) and err["error"]
    assert isinstance(err["message"], str) and err["message"]
    for f in err["fields"]:
        assert set(f) == {"field", "message"}
        assert f["field"] and f["message"]


def refused(t, *args, code=2, field=None, as_user=None, error=None):
    """Run a command that must fail: check the exit code, the error shape,
    the field named, and that nothing changed. Returns the error."""
    before = t.dump()
    got, err = t.fail(*args, as_user=as_user)
    if code is None:
        assert got != 0, (args, err)
    else:
        assert got == code, (args, err)
    assert_error_shape(err)
    if field is not None:
        fields = [f["field"] for f in err["fields"]]
        assert field in fields, (args, err)
    if error is not None:
        assert err["error"] == error, (args, err)
    assert t.dump() == before, args
    return err


# --- invalid UTF-8 ------------------------------------------------------------

B = BAD_UTF8
OPEN = ["case", "open", "--kind", "trouble", "--customer", "#1",
        "--contact", "#1", "--title", "件名", "--reported", "申告"]
CONTACT = ["case", "log-contact", "2026-0001", "--direction", "out",
           "--channel", "phone", "--summary", "連絡"]
UTF8_CASES = [
    (["customer", "add", "--name", B], {"name"}),
    (["customer", "add", "--name", "X", "--reading", B], {"reading"}),
    (["customer", "add", "--name", "X", "--email", B], {"email"}),
    (["customer", "add", "--name", "X", "--address", B], {"address"}),
    (["customer", "add", "--name", "X", "--notes", B], {"notes"}),
    (["customer", "add", "--name", "X", "--hours", B], {"hours"}),
    (["customer", "add", "--name", "X", "--closed", B],
     {"closed", "closed_days"}),
    (["customer", "add", "--name", "X", "--channels", B], {"channels"}),
    (["customer", "add", "--name", "X", "--phone", B], {"phone"}),
    (["customer", "add", "--name", "X", "--parent", B], {"parent"}),
    (["customer", "add", "--name", "X", "--kind", B], {"kind"}),
    (["customer", "edit", "#1", "--name", B], {"name"}),
    (["customer", "edit", "#1", "--notes", B], {"notes"}),
    (["customer", "edit", B, "--notes", "x"], {"customer"}),
    (["customer", "flag", "#1", "--kind", "caution", "--reason", B],
     {"reason"}),
    (["customer", "busy", "#1", "--from", "2026-12-01", "--to",
      "2026-12-02", "--note", B], {"note"}),
    (["customer", "busy", "#1", "--from", "2026-12-01", "--to",
      "2026-12-02", "--repeat", B], {"repeat"}),
    (["customer", "busy", "#1", "--from", B, "--to", "2026-12-02"], {"from"}),
    (["contact-person", "add", "--customer", "#1", "--name", B], {"name"}),
    (["contact-person", "add", "--customer", B, "--name", "X"],
     {"customer"}),
    (["contact-person", "add", "--customer", "#1", "--name", "X",
      "--reading", B], {"reading"}),
    (["contact-person", "add", "--customer", "#1", "--name", "X",
      "--title", B], {"title"}),
    (["contact-person", "add", "--customer", "#1", "--name", "X",
      "--email", B], {"email"}),
    (["contact-person", "add", "--customer", "#1", "--name", "X",
      "--phone", B], {"phone"}),
    (["contact-person", "add", "--customer", "#1", "--name", "X",
      "--notes", B], {"notes"}),
    (["contact-person", "add", "--customer", "#1", "--name", "X",
      "--hours", B], {"hours"}),
    (["contact-person", "edit", "#1", "--title", B], {"title"}),
    (OPEN[:8] + ["--title", B, "--reported", "申告"], {"title"}),
    (OPEN[:10] + ["--reported", B], {"reported"}),
    (OPEN + ["--affected", B], {"affected"}),
    (OPEN + ["--workaround", B], {"workaround"}),
    (OPEN + ["--channel", B], {"channel"}),
    (OPEN + ["--impact", B], {"impact"}),
    (OPEN + ["--deadline", B], {"deadline"}),
    (OPEN + ["--eta-text", B], {"eta-text", "text"}),
    (OPEN + ["--promise-due", "16:00", "--promise-text", B],
     {"promise-text", "text"}),
    (OPEN + ["--promise-due", "16:00", "--promise-to", B],
     {"promise-to", "to"}),
    (OPEN[:5] + [B, "--title", "件名", "--reported", "申告"], {"customer"}),
    (OPEN[:7] + [B, "--title", "件名", "--reported", "申告"], {"contact"}),
    (CONTACT[:7] + ["--summary", B], {"summary"}),
    (CONTACT + ["--with", B], {"with"}),
    (CONTACT + ["--contact", B], {"contact"}),
    (CONTACT + ["--at", B], {"at"}),
    (["case", "eta", "2026-0001", "--text", B], {"text"}),
    (["case", "eta", "2026-0001", "--at", B], {"at"}),
    (["case", "status", "2026-0001", "acknowledged", "--comment", B],
     {"comment"}),
    (["case", "status", "2026-0001", B], {"status"}),
    (["case", "reopen", "2026-0001", "--comment", B], {"comment"}),
    (["case", "note", "2026-0001", B], {"note"}),
    (["case", "edit", "2026-0001", "--title", B], {"title"}),
    (["case", "edit", "2026-0001", "--affected", B], {"affected"}),
    (["case", "edit", "2026-0001", "--workaround", B], {"workaround"}),
    (["case", "edit", "2026-0001", "--contact", B], {"contact"}),
    (["promise", "add", "2026-0001", "--due", "16:00", "--text", B],
     {"text"}),
    (["promise", "add", "2026-0001", "--due", "16:00", "--to", B], {"to"}),
    (["promise", "add", "2026-0001", "--due", B], {"due"}),
    (["promise", "keep", "1", "--note", B], {"note"}),
    (["promise", "cancel", "1", "--reason", B], {"reason"}),
    (["promise", "renegotiate", "1", "--due", "17:00", "--consented-by", B],
     {"consented_by", "consented-by"}),
    (["promise", "renegotiate", "1", "--due", "17:00", "--consented-by",
      "田中", "--note", B], {"note"}),
    (["user", "add", "--login", "yamamoto", "--name", B, "--role", "agent"],
     {"name"}),
    (["user", "add", "--login", B, "--name", "山本", "--role", "agent"],
     {"login"}),
    (["user", "add", "--login", "yamamoto", "--name", "山本", "--reading", B,
      "--role", "agent"], {"reading"}),
    (["user", "presence", "sato", "out", "--reason", B], {"reason"}),
    (["config", "set", "org.name", B], {"org.name"}),
    (["config", "set", "org.hours", B], {"org.hours"}),
]


def utf8_id(case):
    args = case[0]
    words = [a for a in args if isinstance(a, str) and a.startswith("--")]
    return "-".join([args[0], args[1]] + [w[2:] for w in words[-1:]])


@pytest.mark.parametrize("args,fields", UTF8_CASES,
                         ids=[utf8_id(c) for c in UTF8_CASES])
def test_invalid_utf8_is_refused_naming_the_field(world, args, fields):
    before = world.dump()
    code, err = run_bytes(world, *args)
    assert code == 2, err
    assert_error_shape(err)
    assert err["error"] == "invalid"
    named = {f["field"] for f in err["fields"]}
    assert named & fields, err
    assert world.dump() == before


def test_invalid_utf8_in_a_search_query(world):
    code, err = run_bytes(world, "customer", "find", BAD_UTF8)
    assert code == 2 and err["fields"][0]["field"] == "query"


def test_invalid_utf8_in_a_text_mode_error_is_reported_on_stderr(world):
    argv = [BIN.encode(), b"case", b"note", b"2026-0001", BAD_UTF8]
    proc = subprocess.run(argv, env=world.env({"TAIO_USER": "sato"}),
                          capture_output=True, timeout=60)
    assert proc.returncode == 2 and proc.stdout == b""
    assert proc.stderr == b"taio: note: is not valid UTF-8 text\n"


@pytest.mark.parametrize("args,field", [
    (["case", "show", BAD_UTF8], "case"),
    (["case", "assign", "2026-0001", BAD_UTF8], "owner"),
    (OPEN + ["--owner", BAD_UTF8], "owner"),
    (["agenda", "--user", BAD_UTF8], "user"),
    (["promise", "list", "--user", BAD_UTF8], "user"),
    (["--as", BAD_UTF8, "case", "note", "2026-0001", "メモ"], "as"),
    (CONTACT + ["--duration", BAD_UTF8], "duration"),
], ids=["case-show", "assign", "open-owner", "agenda-user", "promise-user",
        "as", "duration"])
def test_json_error_names_the_field_even_when_quoting_bad_bytes(
        world, args, field):
    before = world.dump()
    code, err = run_bytes(world, *args)
    assert code == 2
    assert [f["field"] for f in err["fields"]] == [field]
    assert world.dump() == before


# --- empty and blank required fields ------------------------------------------

BLANKS = ["", "   ", "\u3000", "\u3000 \u3000", "\t"]


@pytest.mark.parametrize("blank", BLANKS, ids=["empty", "spaces", "U+3000",
                                               "mixed", "tab"])
def test_blank_required_fields_are_refused(world, blank):
    for args, field in [
        (["customer", "add", "--name", blank], "name"),
        (["contact-person", "add", "--customer", "#1", "--name", blank],
         "name"),
        (OPEN[:8] + ["--title", blank, "--reported", "申告"], "title"),
        (OPEN[:10] + ["--reported", blank], "reported"),
        (CONTACT[:7] + ["--summary", blank], "summary"),
        (["case", "note", "2026-0001", blank], "note"),
        (["case", "edit", "2026-0001", "--title", blank], "title"),
        (["promise", "cancel", "1", "--reason", blank], "reason"),
        (["promise", "renegotiate", "1", "--due", "17:00",
          "--consented-by", blank], "consented_by"),
        (["customer", "flag", "#1", "--kind", "unpaid", "--reason", blank],
         "reason"),
        (["case", "eta", "2026-0001", "--text", blank], "eta"),
    ]:
        err = refused(world, *args, field=field)
        message = [f["message"] for f in err["fields"] if f["field"] == field]
        assert message[0] in ("is required", "must not be blank",
                              "give a time, a wording, or both"), args


def test_missing_required_options(world):
    for args, field in [
        (["customer", "add"], "name"),
        (["case", "open", "--customer", "#1", "--title", "t",
          "--reported", "r"], "kind"),
        (["case", "open", "--kind", "trouble", "--title", "t",
          "--reported", "r"], "customer"),
        (["case", "open", "--kind", "trouble", "--customer", "#1",
          "--reported", "r"], "title"),
        (["case", "open", "--kind", "trouble", "--customer", "#1",
          "--title", "t"], "reported"),
        (["case", "log-contact", "2026-1", "--channel", "phone",
          "--summary", "s"], "direction"),
        (["case", "log-contact", "2026-1", "--direction", "out",
          "--summary", "s"], "channel"),
        (["case", "log-contact", "2026-1", "--direction", "out",
          "--channel", "phone"], "summary"),
        (["promise", "add", "2026-1"], "due"),
        (["promise", "cancel", "1"], "reason"),
        (["promise", "renegotiate", "1", "--consented-by", "田中"], "due"),
        (["promise", "renegotiate", "1", "--due", "17:00"], "consented_by"),
        (["customer", "flag", "#1", "--reason", "x"], "flag"),
    ]:
        refused(world, *args, field=field)


def test_missing_positional_arguments_are_usage_errors(world):
    for args in (["case", "show"], ["case", "note", "2026-1"],
                 ["case", "status", "2026-1"], ["case", "assign", "2026-1"],
                 ["promise", "keep"], ["promise", "show"],
                 ["customer", "show"], ["contact-person", "show"],
                 ["config", "set", "org.name"], ["calendar", "holidays"]):
        err = refused(world, *args, error="usage")
        assert err["message"], args


# --- unknown ids and references ------------------------------------------------

def test_unknown_case_number_is_not_found(world):
    for args in (["case", "show", "2026-0002"],
                 ["case", "note", "2026-0099", "メモ"],
                 ["case", "status", "2025-0001", "resolved"],
                 ["case", "eta", "2027-0001", "--text", "明日"],
                 ["promise", "add", "2026-9999", "--due", "16:00"],
                 ["promise", "list", "--case", "2026-0002"]):
        err = refused(world, *args, code=1, field="case", error="not_found")
        assert "no case has the number" in err["fields"][0]["message"]


def test_unknown_customer_contact_and_login_in_options(world):
    refused(world, *OPEN[:5], "存在しない会社", "--title", "t", "--reported", "r",
            field="customer")
    refused(world, *OPEN[:5], "#99", "--title", "t", "--reported", "r",
            field="customer")
    refused(world, *OPEN[:7], "鈴木", "--title", "t", "--reported", "r",
            field="contact")
    refused(world, *OPEN[:7], "#99", "--title", "t", "--reported", "r",
            field="contact")
    refused(world, *OPEN, "--owner", "yamamoto", field="owner")
    refused(world, *CONTACT, "--contact", "鈴木", field="contact")
    refused(world, "case", "assign", "2026-1", "yamamoto", field="owner")
    refused(world, "case", "edit", "2026-1", "--contact", "鈴木",
            field="contact")
    refused(world, "promise", "add", "2026-1", "--due", "17:00",
            "--owner", "yamamoto", field="owner")
    refused(world, "promise", "add", "2026-1", "--due", "17:00",
            "--contact", "鈴木", field="contact")
    refused(world, "contact-person", "add", "--customer", "存在しない会社",
            "--name", "鈴木", field="customer")
    refused(world, "customer", "add", "--name", "X", "--parent", "#99",
            field="parent")
    refused(world, "user", "add", "--login", "yamamoto", "--name", "山本",
            "--role", "agent", "--manager", "nobody", field="manager",
            as_user="admin")
    refused(world, "agenda", "--user", "yamamoto", field="user")
    refused(world, "promise", "list", "--user", "yamamoto", field="user")
    refused(world, "case", "list", "--owner", "yamamoto", field="owner")
    refused(world, "case", "list", "--customer", "存在しない会社",
            field="customer")


def test_unknown_promise_contact_person_and_user_ids_are_not_found(world):
    for args in (["promise", "show", "99"], ["promise", "keep", "#99"],
                 ["promise", "cancel", "99", "--reason", "不要"],
                 ["promise", "renegotiate", "99", "--due", "17:00",
                  "--consented-by", "田中"],
                 ["contact-person", "show", "#99"],
                 ["contact-person", "edit", "#99", "--title", "部長"],
                 ["user", "show", "yamamoto"]):
        refused(world, *args, code=1, error="not_found", as_user="admin")


@pytest.mark.parametrize("args,field", [
    (["promise", "keep", "99"], "promise"),
    (["promise", "show", "99"], "promise"),
    (["contact-person", "show", "#99"], "contact"),
    (["user", "show", "yamamoto"], "user"),
], ids=["promise-keep", "promise-show", "contact-person-show", "user-show"])
def test_not_found_errors_name_what_was_not_found(world, args, field):
    err = refused(world, *args, code=1, error="not_found")
    assert [f["field"] for f in err["fields"]] == [field]


@pytest.mark.parametrize("args", [
    ["customer", "show", "存在しない会社"],
    ["customer", "show", "#99"],
    ["customer", "history", "#99"],
    ["customer", "edit", "#99", "--notes", "メモ"],
    ["contact-person", "list", "#99"],
], ids=["show-name", "show-id", "history", "edit", "contact-list"])
def test_unknown_customer_is_not_found(world, args):
    refused(world, *args, code=1, error="not_found", field="customer")


def test_unknown_customer_as_subject_names_the_field(world):
    for args in (["customer", "show", "存在しない会社"],
                 ["customer", "history", "#99"],
                 ["customer", "flag", "#99", "--kind", "unpaid",
                  "--reason", "未払い"],
                 ["customer", "busy", "#99", "--from", "2026-12-01",
                  "--to", "2026-12-02"]):
        # The exit code is pinned by test_unknown_customer_is_not_found.
        err = refused(world, *args, code=None, field="customer")
        assert err["fields"][0]["message"].startswith("no customer")


# --- malformed numbers ---------------------------------------------------------

@pytest.mark.parametrize("ref", ["abc", "2026", "2026-", "-0001", "2026-0",
                                 "2026-abc", "1969-0001", "2026-0001-1",
                                 "26-0001x", "2026/0001", "#1"])
def test_malformed_case_numbers(world, ref):
    err = refused(world, "case", "note", ref, "メモ", field="case")
    assert "is not a case number" in err["fields"][0]["message"]


@pytest.mark.parametrize("ref", ["abc", "#", "0", "-1", "1.5", "#x", "1e3"])
def test_malformed_promise_ids(world, ref):
    refused(world, "promise", "keep", ref, error="usage")


def test_malformed_numbers_in_options(world):
    refused(world, "case", "list", "--limit", "ten", field="limit")
    refused(world, "case", "list", "--limit", "-1", field="limit")
    refused(world, *CONTACT, "--duration", "five", field="duration")
    refused(world, *CONTACT, "--duration", "-5m", field="duration")
    refused(world, *CONTACT, "--duration", "25h", field="duration")
    refused(world, "promise", "add", "2026-1", "--due", "17:00",
            "--remind", "soon", field="remind")
    refused(world, "contact-person", "show", "abc", error="usage")
    refused(world, "config", "set", "cadence.stopped", "fast",
            field="cadence.stopped", as_user="admin")
    refused(world, "config", "set", "deadline.risk_percent", "150",
            field="deadline.risk_percent", as_user="admin")


# --- impossible dates and times -------------------------------------------------

IMPOSSIBLE = ["2026-02-30 10:00", "2026-13-01 10:00", "2026-11-31",
              "2026-12-01 25:00", "2026-12-01 10:60", "25:00", "2027-02-29",
              "2026-00-10", "昨日", "2026-12-01T10:00:00+25:00"]


@pytest.mark.parametrize("when", IMPOSSIBLE)
def test_impossible_dates_are_refused_everywhere(world, when):
    for args, field in [
        (OPEN + ["--deadline", when], "deadline"),
        (OPEN + ["--eta", when], "eta"),
        (OPEN + ["--promise-due", when], "promise-due"),
        (["promise", "add", "2026-1", "--due", when], "due"),
        (["promise", "renegotiate", "1", "--due", when,
          "--consented-by", "田中"], "due"),
        (["case", "eta", "2026-1", "--at", when], "at"),
        (["case", "edit", "2026-1", "--deadline", when], "deadline"),
        (["customer", "busy", "#1", "--from", when, "--to",
          "2026-12-31"], "from"),
    ]:
        err = refused(world, *args, field=field)
        assert "is not a valid time" in err["fields"][0]["message"], args


def test_past_promise_and_eta_are_refused(world):
    refused(world, "promise", "add", "2026-1", "--due", "13:30", field="due")
    refused(world, "promise", "add", "2026-1", "--due", "2026-11-24 14:00",
            field="due")
    refused(world, "promise", "renegotiate", "1", "--due", "2026-11-23 16:00",
            "--consented-by", "田中 一郎", field="due")
    refused(world, "case", "eta", "2026-1", "--at", "2026-11-24 13:00",
            field="eta")
    refused(world, *OPEN, "--eta", "2026-11-20 10:00", field="eta")
    refused(world, *OPEN, "--promise-due", "-1h", field="promise-due")


def test_forbidden_status_changes_leave_nothing_behind(world):
    refused(world, "case", "status", "2026-1", "closed", field="status")
    refused(world, "case", "status", "2026-1", "reported", field="status")
    world.ok("case", "status", "2026-1", "resolved")
    refused(world, "case", "status", "2026-1", "closed", code=1,
            field="status", error="conflict")
    world.ok("promise", "keep", "1")
    # A trouble needs its report approved, or waived, before it closes.
    refused(world, "case", "status", "2026-1", "closed", code=1,
            field="status", error="conflict")
    world.ok("report", "waive", "2026-1", "--reason", "社内検証用の案件",
             as_user="kimura")
    world.ok("case", "status", "2026-1", "closed")
    refused(world, "case", "status", "2026-1", "resolved", field="status")


# --- unknown enum values --------------------------------------------------------

def test_unknown_enum_values_list_the_allowed_ones(world):
    for args, field, allowed in [
        (OPEN[:2] + ["--kind", "accident"] + OPEN[4:], "kind", "trouble"),
        (OPEN + ["--impact", "critical"], "impact", "stopped"),
        (OPEN + ["--channel", "伝書鳩"], "channel", "phone"),
        (CONTACT[:5] + ["--channel", "line"] + CONTACT[7:], "channel",
         "email"),
        (CONTACT[:3] + ["--direction", "both"] + CONTACT[5:], "direction",
         "out"),
        (["customer", "add", "--name", "X", "--kind", "company"], "kind",
         "organization"),
        (["customer", "add", "--name", "X", "--channels", "phone,pager"],
         "channels", "phone"),
        (["customer", "flag", "#1", "--kind", "rude", "--reason", "x"],
         "flag", "abusive"),
        (["case", "status", "2026-1", "done"], "status", "resolved"),
        (["case", "edit", "2026-1", "--impact", "huge"], "impact", "minor"),
        (["case", "list", "--status", "open"], "status", "closed"),
        (["case", "list", "--kind", "bug"], "kind", "request"),
        (["promise", "add", "2026-1", "--due", "17:00", "--channel", "sms"],
         "channel", "phone"),
    ]:
        err = refused(world, *args, field=field)
        message = [f["message"] for f in err["fields"]
                   if f["field"] == field][0]
        assert allowed in message, (args, message)


def test_bad_windows_channels_phones_and_settings(world):
    for args, field in [
        (["customer", "add", "--name", "X", "--hours", "mon-fri 18:00-09:00"],
         "hours"),
        (["customer", "add", "--name", "X", "--hours", "funday 09:00-17:00"],
         "hours"),
        (["customer", "add", "--name", "X", "--hours", "mon-fri 09:00-24:30"],
         "hours"),
        (["customer", "add", "--name", "X", "--closed", "13-40"],
         "closed_days"),
        (["customer", "add", "--name", "X", "--closed", "2026-02-30"],
         "closed_days"),
        (["customer", "add", "--name", "X", "--channels", "phone,phone"],
         "channels"),
        (["customer", "add", "--name", "X", "--email", "yamada.example.jp"],
         "email"),
        (["customer", "add", "--name", "X", "--phone", "でんわ"], "phone"),
        (["customer", "add", "--name", "X", "--phone", "03"], "phone"),
        (["contact-person", "add", "--customer", "#1", "--name", "X",
          "--email", "tanaka@"], "email"),
        (["customer", "busy", "#1", "--from", "2026-12-01", "--to",
          "2026-12-02", "--repeat", "FREQ=SECONDLY"], "repeat"),
    ]:
        refused(world, *args, field=field)
    for key, value in [("org.timezone", "Asia/Edo"),
                       ("org.hours", "weekdays"),
                       ("org.closed", "12-32"),
                       ("cadence.minor", "0m"),
                       ("eta.grace", "-5m"),
                       ("promise.lead", "forever"),
                       ("org.open_on_holidays", "maybe")]:
        refused(world, "config", "set", key, value, field=key,
                as_user="admin")
    refused(world, "config", "set", "no.such.key", "1", field="key",
            as_user="admin")


def test_a_failed_edit_changes_nothing_at_all(world):
    # Good fields beside one bad one are not half applied.
    refused(world, "customer", "edit", "#1", "--notes", "午前中は不在",
            "--name", "株式会社山田製作所 本社", "--phone", "でんわ",
            field="phone")
    refused(world, "contact-person", "edit", "#1", "--title", "部長",
            "--email", "tanaka@", field="email")
    refused(world, "case", "edit", "2026-1", "--title", "新しい件名",
            "--impact", "huge", field="impact")


def test_unknown_role_and_presence(world):
    err = refused(world, "user", "add", "--login", "yamamoto", "--name", "山本",
                  "--role", "boss", field="role", as_user="admin")
    assert "viewer" in err["fields"][0]["message"]
    refused(world, "user", "presence", "sato", "lunch", as_user="sato")


# --- too long -------------------------------------------------------------------

def test_too_long_text_is_refused_and_the_limit_is_allowed(world):
    for args, field in [
        (OPEN[:8] + ["--title", "停" * 201, "--reported", "r"], "title"),
        (OPEN[:10] + ["--reported", "止" * 20001], "reported"),
        (["customer", "add", "--name", "株" * 201], "name"),
        (["customer", "add", "--name", "X", "--notes", "注" * 4001], "notes"),
        (["contact-person", "add", "--customer", "#1", "--name", "田" * 201],
         "name"),
        (CONTACT[:7] + ["--summary", "話" * 20001], "summary"),
        (["case", "note", "2026-1", "記" * 20001], "note"),
        (["case", "eta", "2026-1", "--text", "日" * 201], "text"),
        (["promise", "cancel", "1", "--reason", "理" * 4001], "reason"),
        (["promise", "add", "2026-1", "--due", "17:00", "--text",
          "約" * 1001], "text"),
    ]:
        err = refused(world, *args, field=field)
        assert "too long" in err["fields"][0]["message"], args
    c = world.json(*OPEN[:8], "--title", "停" * 200, "--reported", "r")
    assert len(c["title"]) == 200


# --- unknown options and commands -----------------------------------------------

def test_unknown_options_and_commands_are_usage_errors(world):
    for args in (OPEN + ["--priority", "high"],
                 ["promise", "keep", "1", "--force"],
                 ["case", "list", "--sort", "due"],
                 ["promise", "add", "2026-1", "--due"],
                 ["case", "open", "--kind"],
                 ["case", "frobnicate"], ["kase", "show", "2026-1"],
                 OPEN + ["余分な引数"]):
        err = refused(world, *args, error="usage")
        assert err["fields"] == []
    err = refused(world, *OPEN, "--priority", "high", error="usage")
    assert "--priority" in err["message"]


@pytest.mark.parametrize("args", [
    ["case", "note", "2026-1", "--urgent", "メモ"],
    ["case", "note", "2026-1", "メモ", "--urgent"],
    ["case", "assign", "2026-1", "kimura", "--force"],
    ["case", "note", "2026-1", "メモ", "余分な引数"],
], ids=["note-option-first", "note-option-last", "assign-option",
        "note-extra-argument"])
def test_unknown_options_of_note_and_assign_are_refused(world, args):
    refused(world, *args, error="usage")


@pytest.mark.parametrize("args,message", [
    (["case", "show", "2026-1", "extra"], 'unexpected argument "extra"'),
    (["case", "list", "--al"], "unknown option --al"),
    (["case", "list", "--all=yes"], "option --all takes no value"),
    (["case", "eta", "2026-1", "--text"], "option --text needs a value"),
    (["calendar", "holidays", "2026", "2027"], 'unexpected argument "2027"'),
    (["user", "list", "--role", "agent"], "unknown option --role"),
], ids=["extra", "abbreviation", "flag-value", "missing-value", "holidays",
        "list"])
def test_every_command_refuses_what_it_does_not_take(world, args, message):
    err = refused(world, *args, error="usage")
    assert err["message"] == message


def test_words_starting_with_a_dash_are_arguments(world):
    """Only "--" words are options: a note like "-5℃" or a value like
    "-5m" reaches the command, and "--" lets a note start with "--"."""
    shown = world.json("case", "note", "2026-1", "-5℃まで下がった")
    assert shown["timeline"][-1]["text"] == "-5℃まで下がった"
    shown = world.json("case", "note", "2026-1", "--", "--以上--")
    assert shown["timeline"][-1]["text"] == "--以上--"
    shown = world.json("case", "eta", "2026-1", "--text=明日の午前中")
    assert shown["eta"]["text"] == "明日の午前中"
    refused(world, "config", "set", "eta.grace", "-5m", field="eta.grace",
            as_user="admin")


def test_global_option_without_value(world):
    before = world.dump()
    proc = world.run("case", "show", "2026-1", "--db")
    assert proc.returncode == 2 and "--db" in proc.stderr
    assert world.dump() == before


# --- who is acting --------------------------------------------------------------

def test_missing_as_when_users_exist(world):
    world.user = None
    err = refused(world, "case", "note", "2026-1", "メモ", field="as")
    assert "--as" in err["fields"][0]["message"]
    # Reading needs no user.
    assert world.json("case", "show", "2026-1")["number"] == "2026-0001"


def test_unknown_as_login(world):
    for how in (["--as", "yamamoto"], ["--as=yamamoto"]):
        err = refused(world, *how, "case", "note", "2026-1", "メモ",
                      field="as")
        assert "yamamoto" in err["fields"][0]["message"]
    refused(world, "case", "note", "2026-1", "メモ", as_user="yamamoto",
            field="as")


def test_inactive_user_cannot_act(world):
    con = sqlite3.connect(world.db)
    con.execute("UPDATE users SET active = 0 WHERE login = 'ito'")
    con.commit()
    con.close()
    refused(world, "case", "note", "2026-1", "メモ", as_user="ito", code=1,
            field="as")


# --- the clock -------------------------------------------------------------------

@pytest.mark.parametrize("now", ["garbage", "2026-02-30T10:00:00+09:00",
                                 "2026-11-24T25:00:00+09:00", "+2h",
                                 "15:30", "２０２６年"])
def test_garbage_taio_now_is_refused(world, now):
    world.now = now
    err = refused(world, "case", "note", "2026-1", "メモ", field="TAIO_NOW")
    assert "ISO 8601" in err["fields"][0]["message"]
    refused(world, "agenda", field="TAIO_NOW")


# --- permissions ---------------------------------------------------------------

WRITES = [
    ["customer", "add", "--name", "東和精機株式会社"],
    ["customer", "edit", "#1", "--notes", "メモ"],
    ["customer", "flag", "#1", "--kind", "caution", "--reason", "要注意"],
    ["customer", "unflag", "#1", "--kind", "caution"],
    ["customer", "busy", "#1", "--from", "2026-12-01", "--to", "2026-12-02"],
    ["contact-person", "add", "--customer", "#1", "--name", "鈴木 次郎"],
    ["contact-person", "edit", "#1", "--title", "部長"],
    OPEN,
    CONTACT,
    ["case", "eta", "2026-1", "--text", "明日"],
    ["case", "status", "2026-1", "acknowledged"],
    ["case", "reopen", "2026-1"],
    ["case", "note", "2026-1", "メモ"],
    ["case", "assign", "2026-1", "kimura"],
    ["case", "edit", "2026-1", "--title", "新しい件名"],
    ["promise", "add", "2026-1", "--due", "17:00"],
    ["promise", "keep", "1"],
    ["promise", "cancel", "1", "--reason", "不要"],
    ["promise", "renegotiate", "1", "--due", "17:00", "--consented-by", "田中"],
    ["user", "add", "--login", "yamamoto", "--name", "山本", "--role", "agent"],
    ["user", "edit", "sato", "--name", "佐藤"],
    ["user", "presence", "sato", "out"],
    ["config", "set", "org.name", "株式会社テスト"],
]


def write_id(args):
    return "-".join(args[:2])


@pytest.mark.parametrize("args", WRITES, ids=[write_id(a) for a in WRITES])
def test_a_viewer_cannot_write_anything(world, args):
    if args[1] == "unflag":
        world.ok("customer", "flag", "#1", "--kind", "caution",
                 "--reason", "要注意")
    refused(world, *args, code=1, error="forbidden", as_user="watanabe")


@pytest.mark.parametrize("args", [
    ["case", "status", "2026-1", "acknowledged"],
    ["case", "reopen", "2026-1"],
    ["case", "assign", "2026-1", "kimura"],
    ["case", "edit", "2026-1", "--impact", "minor"],
    ["customer", "unflag", "#1", "--kind", "caution"],
    ["user", "add", "--login", "yamamoto", "--name", "山本", "--role", "agent"],
    ["user", "presence", "sato", "out"],
    ["config", "set", "cadence.stopped", "30m"],
], ids=["status", "reopen", "assign", "edit", "unflag", "user-add",
        "presence-of-other", "config-set"])
def test_a_clerk_cannot_handle_cases_or_administer(world, args):
    if args[1] == "unflag":
        world.ok("customer", "flag", "#1", "--kind", "caution",
                 "--reason", "要注意")
    refused(world, *args, code=1, error="forbidden", as_user="ito")


@pytest.mark.parametrize("args", [
    ["user", "add", "--login", "yamamoto", "--name", "山本", "--role", "agent"],
    ["user", "edit", "ito", "--role", "manager"],
    ["user", "presence", "ito", "out"],
    ["config", "set", "promise.lead", "5m"],
], ids=["user-add", "user-edit", "presence-of-other", "config-set"])
def test_an_agent_cannot_add_users_or_change_settings(world, args):
    refused(world, *args, code=1, error="forbidden", as_user="sato")


def test_a_manager_cannot_add_users_but_may_set_presence(world):
    refused(world, "user", "add", "--login", "yamamoto", "--name", "山本",
            "--role", "agent", code=1, error="forbidden", as_user="kimura")
    u = world.json("user", "presence", "sato", "out", "--reason", "客先訪問中",
                   "--until", "17:00", as_user="kimura")
    assert u["presence"]["state"] == "out"


def test_everyone_may_read_and_set_their_own_presence(world):
    world.user = "watanabe"
    assert world.json("case", "show", "2026-1")["number"] == "2026-0001"
    assert world.json("agenda") is not None
    u = world.json("user", "presence", "watanabe", "off", "--reason", "休暇")
    assert u["presence"]["state"] == "off"


def test_forbidden_text_error_names_the_role(world):
    proc = world.run("case", "note", "2026-1", "メモ", as_user="watanabe")
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr.startswith("taio: your role may not do this")
    assert "viewer" in proc.stderr


def test_text_mode_errors_go_to_stderr_one_line_per_problem(world):
    proc = world.run("case", "open", "--kind", "accident", "--customer", "#1",
                     "--title", "\u3000", "--reported", "r")
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.splitlines() == [
        "taio: kind: must be one of: trouble, complaint, inquiry, request",
        "taio: title: must not be blank"]


# --- the database itself --------------------------------------------------------

def test_a_mistyped_db_path_does_not_start_a_second_desk(tmp_path):
    t = Taio(tmp_path / "tiao.db")
    code, err = t.fail("case", "list")
    assert code == 1 and err["error"] == "not_found"
    assert err["fields"][0]["field"] == "db"
    assert "taio init" in err["fields"][0]["message"]
    assert not (tmp_path / "tiao.db").exists()


def test_a_file_that_is_not_a_database_is_left_alone(tmp_path):
    path = tmp_path / "memo.db"
    path.write_text("電話メモ: 田中様 15時折り返し\n", encoding="utf-8")
    t = Taio(path)
    for args in (["case", "list"], ["init"]):
        proc = t.run("--json", *args)
        assert proc.returncode == 1
        assert "not a" in proc.stderr and "database" in proc.stderr
    assert path.read_text(encoding="utf-8") == "電話メモ: 田中様 15時折り返し\n"
