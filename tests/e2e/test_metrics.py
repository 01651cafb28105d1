# SPDX-License-Identifier: MIT
"""Metrics on a small fixed desk, every figure checked against values
computed by hand (in the comments), in JSON, CSV (UTF-8 with a BOM and
Shift_JIS) and on the page with its charts."""
import pytest

from test_ui_desk import log_in

T = "2026-11-{}T{}:00+09:00"


def at(day, time):
    return {"TAIO_NOW": T.format(day, time)}


@pytest.fixture
def period(desk):
    """Three cases of customer #1 (see the module's figures below)."""
    # A: trouble at Tue 24 09:00 (sato); ETA 09:10; call 09:20; promise
    # due 09:30 kept 09:20; resolved 11:00; report (vendor) 15:00.
    a = desk.json("case", "open", "--kind", "trouble", "--customer", "#1",
                  "--contact", "#1", "--title", "A", "--reported", "a",
                  "--promise-due", "09:30", "--owner", "sato",
                  env=at(24, "09:00"))["number"]
    desk.ok("case", "eta", a, "--text", "本日中", env=at(24, "09:10"))
    desk.ok("case", "log-contact", a, "--direction", "out", "--channel",
            "phone", "--summary", "s", env=at(24, "09:20"))
    desk.ok("promise", "keep", "1", env=at(24, "09:20"))
    desk.ok("case", "status", a, "resolved", env=at(24, "11:00"))
    desk.ok("report", "edit", a, "--cause", "c", "--response", "r",
            "--prevention", "p", "--cause-category", "vendor",
            as_user="sato", env=at(24, "14:00"))
    desk.ok("report", "submit", a, as_user="sato", env=at(24, "15:00"))
    # B: complaint at 10:00 (sato); promise due 10:30 kept 10:45 (late);
    # call 10:45; resolved Wed 25 10:00; report (vendor) Thu 26 09:00.
    b = desk.json("case", "open", "--kind", "complaint", "--customer", "#1",
                  "--contact", "#1", "--title", "B", "--reported", "b",
                  "--promise-due", "10:30", "--owner", "sato",
                  env=at(24, "10:00"))["number"]
    desk.ok("case", "log-contact", b, "--direction", "out", "--channel",
            "phone", "--summary", "s", env=at(24, "10:45"))
    desk.ok("promise", "keep", "2", env=at(24, "10:45"))
    desk.ok("case", "status", b, "resolved", env=at(25, "10:00"))
    desk.ok("report", "edit", b, "--cause", "c", "--response", "r",
            "--prevention", "p", "--cause-category", "vendor",
            as_user="sato", env=at(26, "08:50"))
    desk.ok("report", "submit", b, as_user="sato", env=at(26, "09:00"))
    # C: request at Wed 25 09:00 (kimura); promise due 12:00, never kept.
    desk.ok("case", "open", "--kind", "request", "--customer", "#1",
            "--contact", "#1", "--title", "C", "--reported", "c",
            "--promise-due", "12:00", "--owner", "kimura",
            env=at(25, "09:00"))
    desk.now = T.format(26, "12:00")
    return ["--from", "2026-11-24 00:00", "--to", "2026-11-26 00:00"]


def test_every_figure_matches_the_hand_computed_one(desk, period):
    m = desk.json("metrics", *period)
    assert (m["cases"], m["resolved"]) == (3, 2)
    # Promises due: A on time, B late, C broken.
    assert (m["promises_due"], m["promises_on_time"]) == (3, 1)
    assert m["promises_on_time_percent"] == 33
    # First contact: A 20 min, B 45 min (C none).
    assert m["first_contact"] == {"n": 2, "median_min": 32, "mean_min": 32,
                                  "max_min": 45}
    # First ETA: A 10 min.
    assert m["first_eta"] == {"n": 1, "median_min": 10, "mean_min": 10,
                              "max_min": 10}
    # Resolution: A 120 min, B 1440 min.
    assert m["resolution"] == {"n": 2, "median_min": 780, "mean_min": 780,
                               "max_min": 1440}
    # Longest silence: A 100 (09:20 -> 11:00), B 1395 (10:45 -> next day
    # 10:00), C 1620 (no call from 25 09:00 to now, 26 12:00).
    assert m["longest_silence"] == {"n": 3, "median_min": 1395,
                                    "mean_min": 1038, "max_min": 1620}
    # Reports: A same day; B due Wed 18:00, submitted Thu.
    assert (m["reports_due"], m["reports_same_day"],
            m["reports_same_day_percent"]) == (2, 1, 50)
    # B came back within 90 days of A: same customer, same cause.
    assert m["recurrences"] == 1
    assert m["by_kind"] == [{"name": "complaint", "cases": 1},
                            {"name": "request", "cases": 1},
                            {"name": "trouble", "cases": 1}]
    assert m["by_cause"] == [{"name": "vendor", "cases": 2}]
    assert m["by_owner"] == [{"name": "佐藤 健一", "cases": 2},
                             {"name": "木村 誠", "cases": 1}]
    weeks = m["weeks"]
    assert [w["from"] for w in weeks] == ["2026-11-23T00:00:00+09:00"]
    assert (weeks[0]["cases"], weeks[0]["promises_due"],
            weeks[0]["promises_on_time"]) == (3, 3, 1)
    # A team: sato's own cases (nobody reports to him).
    assert desk.json("metrics", *period, "--team", "sato")["cases"] == 2
    # An empty period has no percentages.
    empty = desk.json("metrics", "--from", "2026-01-01", "--to",
                      "2026-01-02")
    assert empty["cases"] == 0 and empty["promises_on_time_percent"] is None


def test_a_team_and_a_changed_cause(desk, period):
    # sato's team is sato: A and B, their two promises (one on time), and
    # B's recurrence; kimura's holds sato's too.
    sato = desk.json("metrics", *period, "--team", "sato")
    assert (sato["cases"], sato["promises_due"], sato["promises_on_time"],
            sato["recurrences"]) == (2, 2, 1, 1)
    kimura = desk.json("metrics", *period, "--team", "kimura")
    assert (kimura["cases"], kimura["promises_due"]) == (3, 3)
    # B's report comes back and names another cause: the case's copy of
    # it (migration 0012) follows in the same transaction.
    b = "2026-0002"  # the second case opened
    desk.ok("report", "return", b, "--comment", "原因の分類を見直して",
            as_user="kimura")
    desk.ok("report", "edit", b, "--cause-category", "communication",
            as_user="sato")
    m = desk.json("metrics", *period)
    assert m["recurrences"] == 0
    assert m["by_cause"] == [{"name": "communication", "cases": 1},
                             {"name": "vendor", "cases": 1}]
    # A cancelled promise is no promise due.
    desk.ok("promise", "add", "2026-0003", "--due", "2026-11-25 15:00",
            "--text", "結果を連絡", env=at(25, "11:00"))
    desk.ok("promise", "cancel", "4", "--reason", "先方の都合",
            env=at(25, "11:30"))
    assert desk.json("metrics", *period)["promises_due"] == 3


def test_namesakes_are_told_apart(desk, period):
    # A second 佐藤 健一 takes a case: the owners' rows carry their ids.
    desk.ok("user", "add", "--login", "sato2", "--name", "佐藤 健一",
            "--role", "agent", as_user="admin")
    desk.ok("case", "open", "--kind", "inquiry", "--customer", "#1",
            "--title", "D", "--reported", "d", "--owner", "sato2",
            env=at(25, "10:00"))
    owners = {o["name"]: o["cases"]
              for o in desk.json("metrics", *period)["by_owner"]}
    assert sorted(owners.values()) == [1, 1, 2]
    namesakes = [n for n in owners if n.startswith("佐藤 健一 #")]
    assert len(namesakes) == 2 and "木村 誠" in owners


def test_tables_open_in_japanese_excel(desk, period):
    raw = desk.run("metrics", *period, "--csv", "owners", check=True,
                   env={"TAIO_LANG": "ja"})
    text = raw.stdout
    assert text.startswith("\ufeff")                      # UTF-8 with a BOM
    assert "佐藤 健一,2\n" in text                       # (text mode)
    proc = __import__("subprocess").run(
        [__import__("conftest").BIN, "metrics", *period, "--csv", "owners",
         "--cp932"], env=desk.env({"TAIO_LANG": "ja"}), capture_output=True)
    assert proc.returncode == 0
    assert "佐藤 健一,2\r\n" in proc.stdout.decode("cp932")  # CRLF lines
    r = desk.run("--json", "metrics", *period, "--csv", "nothing")
    assert r.returncode != 0 and "csv" in r.stdout
    r = desk.run("--json", "metrics", "--from", "2026-11-26", "--to",
                 "2026-11-24")
    assert r.returncode != 0 and '"to"' in r.stdout


def test_the_api_and_the_page(server, period):
    q = "from=2026-11-24%2000:00&to=2026-11-26%2000:00"
    r = server.get("/api/v1/metrics?" + q)
    assert r.status_code == 200 and r.json()["promises_on_time_percent"] == 33
    r = server.get("/api/v1/metrics/summary?encoding=cp932&" + q)
    assert r.status_code == 200 and "Shift_JIS" in r.headers["Content-Type"]
    r.content.decode("cp932")
    assert server.get("/api/v1/metrics/secret?" + q).status_code == 422
    assert server.get("/api/v1/metrics?team=nobody").status_code == 422
    http = log_in(server, "kimura")
    page = http.get(server.base + "/metrics?" + q).text
    assert "<svg" in page and "33%" in page and "佐藤 健一" in page
    r = http.get(server.base + "/metrics?from=someday")
    assert r.status_code == 422
    # The page's CSV links answer the browser's session too.
    r = http.get(server.base + "/api/v1/metrics/kinds?encoding=utf-8&" + q)
    assert r.status_code == 200 and r.text.startswith("\ufeff")
