# SPDX-License-Identifier: MIT
"""Incident reports on a real SQLite file: the workflow from draft to sent
(by mail to a real SMTP server), the facts taio fills in, the close that
waits for an approved report, the manager's waiver, roles, bad input and
stale versions, and approved reports found as lessons."""
import json

import pytest

from test_tick import plain, smtp, tick  # noqa: F401  (smtp is a fixture)


@pytest.fixture
def resolved(desk):
    """A trouble of sato's, called back on time, resolved at 15:00."""
    number = desk.json(
        "case", "open", "--kind", "trouble", "--customer", "#1",
        "--contact", "#1", "--title", "校内ネットワーク停止",
        "--reported", "職員室のネットワークがつながらない",
        "--impact", "stopped", "--eta-text", "本日中",
        "--promise-due", "14:30", "--owner", "sato")["number"]
    desk.ok("case", "log-contact", number, "--direction", "out", "--channel",
            "phone", "--summary", "調査中と連絡",
            env={"TAIO_NOW": "2026-11-24T14:20:00+09:00"})
    desk.ok("promise", "keep", "1",
            env={"TAIO_NOW": "2026-11-24T14:21:00+09:00"})
    desk.ok("case", "status", number, "resolved", "--comment", "交換で復旧",
            env={"TAIO_NOW": "2026-11-24T15:00:00+09:00"})
    return number


SECTIONS = ["--cause", "スイッチの電源部の故障",
            "--response", "各校に電話で説明し、代替回線を用意した",
            "--prevention", "予備スイッチを配置し、半年ごとに点検する"]


def fields_of(result):
    return [f["field"] for f in json.loads(result.stdout)["fields"]]


def test_a_trouble_closes_only_with_an_approved_report(desk, resolved):
    before = desk.dump()
    r = desk.run("--json", "case", "status", resolved, "closed")
    assert r.returncode == 1 and fields_of(r) == ["status"]
    assert desk.dump() == before
    desk.ok("report", "edit", resolved, "--cause", SECTIONS[1],
            "--for", "市教育委員会、第一小学校", as_user="sato")
    # Submitting names every section still empty, and changes nothing.
    r = desk.run("--json", "report", "submit", resolved, as_user="sato")
    assert r.returncode != 0 and fields_of(r) == ["response", "prevention"]
    desk.ok("report", "edit", resolved, *SECTIONS[2:], "--cause-category",
            "vendor", as_user="sato")
    report = desk.json("report", "submit", resolved, as_user="sato")
    assert report["state"] == "submitted"
    # Submitted: nobody edits it, an agent cannot approve it.
    r = desk.run("--json", "report", "edit", resolved, "--cause", "x",
                 as_user="sato")
    assert r.returncode == 1 and fields_of(r) == ["state"]
    assert desk.run("report", "approve", resolved,
                    as_user="sato").returncode == 1
    r = desk.run("--json", "report", "return", resolved, as_user="kimura")
    assert r.returncode != 0 and fields_of(r) == ["comment"]
    report = desk.json("report", "return", resolved, "--comment",
                       "点検の担当者を書いてください", as_user="kimura")
    assert report["state"] == "returned"
    assert report["review_comment"] == "点検の担当者を書いてください"
    desk.ok("report", "edit", resolved, "--prevention",
            "予備スイッチを配置し、佐藤が半年ごとに点検する", as_user="sato")
    desk.ok("report", "submit", resolved, as_user="sato")
    report = desk.json("report", "approve", resolved, as_user="kimura")
    assert report["state"] == "approved" and report["approved_by"] == "木村 誠"
    closed = desk.json("case", "status", resolved, "closed")
    assert closed["status"] == "closed"
    steps = [(e["new"], e.get("text")) for e in closed["timeline"]
             if e["kind"] == "report"]
    assert steps == [("draft", None), ("submitted", None),
                     ("returned", "点検の担当者を書いてください"),
                     ("submitted", None), ("approved", None)]


def test_taio_fills_in_the_facts(desk, resolved):
    desk.ok("report", "edit", resolved, *SECTIONS, as_user="sato")
    report = desk.json("report", "show", resolved)
    facts = report["facts"]
    assert facts["received"] == "2026-11-24T14:00:00+09:00"
    assert facts["first_contact"] == "2026-11-24T14:20:00+09:00"
    assert facts["first_eta_given"] == "2026-11-24T14:00:00+09:00"
    assert facts["first_eta"] == "本日中"
    assert facts["resolved"] == "2026-11-24T15:00:00+09:00"
    [promise] = facts["promises"]
    assert promise["kept_on_time"] is True and promise["to"] == "田中 一郎"
    text = desk.run("--lang", "ja", "report", "show", resolved, "--markdown",
                    check=True).stdout
    assert text.startswith(f"# 報告書: {resolved} 校内ネットワーク停止")
    for line in ("- 受付日時: 2026-11-24 14:00",
                 "- 当方からの初回連絡: 2026-11-24 14:20",
                 "- 約束: 1 件、うち期限内に履行 1 件",
                 "## 原因", "## 影響を受けた方への対応", "## 再発防止策"):
        assert line in text, line


def test_a_manager_may_waive_the_report_with_a_reason(desk, resolved):
    r = desk.run("--json", "report", "waive", resolved, "--reason", "社内",
                 as_user="sato")
    assert r.returncode == 1
    r = desk.run("--json", "report", "waive", resolved, as_user="kimura")
    assert r.returncode != 0 and fields_of(r) == ["reason"]
    desk.ok("report", "waive", resolved, "--reason",
            "お客様側の停電で、当社の対応はなかった", as_user="kimura")
    case = desk.json("case", "status", resolved, "closed")
    assert case["status"] == "closed"
    [waiver] = [e for e in case["timeline"] if e["kind"] == "report"]
    assert waiver["new"] == "waived"
    assert waiver["text"] == "お客様側の停電で、当社の対応はなかった"
    # A request needs no report, so there is nothing to waive.
    number = desk.json("case", "open", "--kind", "request", "--customer",
                       "#1", "--title", "点検日程", "--reported", "r")["number"]
    r = desk.run("--json", "report", "waive", number, "--reason", "x",
                 as_user="kimura")
    assert r.returncode == 1 and fields_of(r) == ["case"]
    desk.ok("case", "status", number, "resolved")
    desk.ok("case", "status", number, "closed")


def test_an_approved_report_goes_by_mail_through_the_outbox(desk, resolved,
                                                            smtp):
    desk.ok("report", "edit", resolved, *SECTIONS, "--for", "市教育委員会",
            as_user="sato")
    desk.ok("report", "submit", resolved, as_user="sato")
    r = desk.run("--json", "report", "send", resolved, "--channel", "email",
                 "--to", "kyoiku@example.jp", as_user="sato")
    assert r.returncode == 1 and fields_of(r) == ["state"]   # not approved
    desk.ok("report", "approve", resolved, as_user="kimura")
    for args, field in ((["--channel", "pigeon", "--to", "x"], "channel"),
                        (["--channel", "email", "--to", "a@b.jp, nope"],
                         "to"),
                        (["--channel", "email"], "to")):
        r = desk.run("--json", "report", "send", resolved, *args,
                     as_user="sato")
        assert r.returncode != 0 and field in fields_of(r), args
    report = desk.json("report", "send", resolved, "--channel", "email",
                       "--to", "kyoiku@example.jp, school1@example.jp",
                       as_user="sato")
    assert report["state"] == "sent"
    assert report["sent"]["to"] == "kyoiku@example.jp, school1@example.jp"
    tick(desk, smtp.url, "2026-11-24T15:10:00+09:00", lang="ja")
    assert sorted(r[0] for r, _ in smtp.messages) == [
        "kyoiku@example.jp", "school1@example.jp"]
    msg = smtp.messages[0][1]
    assert resolved in msg["Subject"] and "校内ネットワーク停止" in msg["Subject"]
    assert "のご報告" in msg["Subject"]      # org.customer_lang, not the CLI's
    body = plain(msg)
    assert "予備スイッチを配置し、半年ごとに点検する" in body
    assert "スイッチの電源部の故障" in body


def test_the_api_writes_the_report_with_versions(server, resolved):
    path = f"/api/v1/cases/{resolved}/report"
    assert server.get(path).status_code == 404
    r = server.put(path, json={"cause": "電源部の故障"})
    assert r.status_code == 200 and r.json()["version"] == 1
    r = server.put(path, json={"response": "説明した", "version": 1})
    assert r.status_code == 200 and r.json()["version"] == 2
    r = server.put(path, json={"prevention": "点検", "version": 1})
    assert r.status_code == 409
    assert server.get(path).json()["prevention"] == ""
    r = server.put(path, json={"cause": 5, "version": 2})
    assert r.status_code == 422 and r.json()["fields"][0]["field"] == "cause"
    r = server.put(path, json={"cause_category": "weather", "version": 2})
    assert r.status_code == 422
    assert r.json()["fields"][0]["field"] == "cause_category"
    r = server.put(path, data=b'{"cause": "\xff"}',
                   headers={"Content-Type": "application/json"})
    assert r.status_code in (400, 422)
    server.put(path, json={"prevention": "予備を置く", "version": 2})
    assert server.post(path + "/submit").status_code == 200
    assert server.post(path + "/approve").status_code == 403      # sato
    r = server.post(path + "/approve", as_user="kimura")
    assert r.status_code == 200 and r.json()["state"] == "approved"
    md = server.get(path + "?format=markdown")
    assert md.headers["Content-Type"].startswith("text/markdown")
    assert "電源部の故障" in md.text
    assert server.get(path + "?format=pdf").status_code == 422
    assert server.get("/api/v1/cases/2026-9999/report").status_code == 404


def test_approved_reports_are_found_as_lessons(desk, resolved):
    desk.ok("report", "edit", resolved, *SECTIONS, "--cause-category",
            "vendor", as_user="sato")
    assert [h for h in desk.json("search", "半年ごと")
            if h["type"] == "report"] == []          # a draft is no lesson
    desk.ok("report", "submit", resolved, as_user="sato")
    desk.ok("report", "approve", resolved, as_user="kimura")
    [lesson] = [h for h in desk.json("search", "点検")
                if h["type"] == "report"]
    assert lesson["case"] == resolved
    start, end = lesson["marks"][0]
    assert lesson["snippet"][start:end] == "点検"
    assert desk.json("search", "点検", "--cause", "own_mistake") == []
    hits = desk.json("search", "点検", "--cause", "vendor")
    assert {h["type"] for h in hits} == {"report"}


def test_the_report_page_walks_the_workflow(server, resolved):
    from test_ui_desk import log_in, post_form
    sato = log_in(server, "sato")
    case_page = sato.get(server.base + f"/cases/{resolved}").text
    assert f'href="/cases/{resolved}/report"' in case_page
    page = sato.get(server.base + f"/cases/{resolved}/report").text
    assert "未記入" in page and "当方からの初回連絡" in page
    fields = {"version": "0", "cause": "電源部の故障<script>x</script>",
              "response": "", "prevention": "", "went_well": "",
              "went_badly": "", "cause_category": "vendor",
              "recipients": "市教育委員会"}
    r = post_form(server, sato, f"/cases/{resolved}/report/save", page,
                  fields)
    assert r.status_code == 303, r.text
    page = sato.get(server.base + f"/cases/{resolved}/report").text
    assert "&lt;script&gt;" in page and "<script>x" not in page
    # Submitting without the two other sections: refused, named in Japanese.
    r = post_form(server, sato, f"/cases/{resolved}/report/submit", page, {})
    assert r.status_code == 422
    assert "影響を受けた方への対応" in r.text and "再発防止策" in r.text
    # A form based on an old version is refused and nothing is written.
    fields.update({"version": "0", "response": "説明した"})
    r = post_form(server, sato, f"/cases/{resolved}/report/save", page,
                  fields)
    assert r.status_code == 409
    fields.update({"version": "1", "prevention": "予備を置く"})
    r = post_form(server, sato, f"/cases/{resolved}/report/save", page,
                  fields)
    assert r.status_code == 303
    r = post_form(server, sato, f"/cases/{resolved}/report/submit", page, {})
    assert r.status_code == 303
    # The agent sees no approve form; the manager approves.
    page = sato.get(server.base + f"/cases/{resolved}/report").text
    assert "/report/approve" not in page
    kimura = log_in(server, "kimura")
    page = kimura.get(server.base + f"/cases/{resolved}/report").text
    r = post_form(server, kimura, f"/cases/{resolved}/report/approve", page,
                  {})
    assert r.status_code == 303
    page = kimura.get(server.base + f"/cases/{resolved}/report").text
    assert "承認済み" in page and "木村 誠" in page
    r = post_form(server, kimura, f"/cases/{resolved}/report/nothing", page,
                  {})
    assert r.status_code == 404


def owed(desk):
    return desk.sql("SELECT u.login, n.due_at FROM notifications n"
                    " JOIN users u ON u.id = n.user_id"
                    " WHERE n.kind = 'report_due' ORDER BY u.login")


def test_a_report_not_submitted_by_the_close_of_day_is_reminded(desk,
                                                                resolved):
    # Resolved Tuesday 15:00: due by 18:00, the close of that business day.
    desk.json("tick", env={"TAIO_NOW": "2026-11-24T17:59:00+09:00"})
    assert owed(desk) == []
    desk.ok("report", "edit", resolved, *SECTIONS, as_user="sato")
    desk.json("tick", env={"TAIO_NOW": "2026-11-24T18:01:00+09:00"})
    six = 1795510800  # 2026-11-24 18:00 JST
    assert owed(desk) == [("kimura", six), ("sato", six)]  # a draft is owed
    desk.json("tick", env={"TAIO_NOW": "2026-11-24T18:30:00+09:00"})
    assert len(owed(desk)) == 2                          # once per person
    # Resolved after hours: due the next business day's close. Submitted
    # or waived: nothing is owed.
    late = desk.json("case", "open", "--kind", "complaint", "--customer",
                     "#1", "--title", "夜間対応の苦情", "--reported", "r",
                     "--owner", "sato")["number"]
    desk.ok("case", "status", late, "resolved",
            env={"TAIO_NOW": "2026-11-24T19:00:00+09:00"})
    waived = desk.json("case", "open", "--kind", "trouble", "--customer",
                       "#1", "--title", "停電", "--reported", "r",
                       "--owner", "sato")["number"]
    desk.ok("case", "status", waived, "resolved",
            env={"TAIO_NOW": "2026-11-24T16:00:00+09:00"})
    desk.ok("report", "waive", waived, "--reason", "停電のため",
            as_user="kimura")
    desk.json("tick", env={"TAIO_NOW": "2026-11-25T17:59:00+09:00"})
    assert len(owed(desk)) == 2
    desk.json("tick", env={"TAIO_NOW": "2026-11-25T18:01:00+09:00"})
    assert len(owed(desk)) == 4
    assert {n for _, n in owed(desk)} == {six, six + 86400}
    # Switched off: a new resolution is not reminded.
    desk.ok("config", "set", "report.due", "off", as_user="admin")
    off = desk.json("case", "open", "--kind", "trouble", "--customer", "#1",
                    "--title", "x", "--reported", "r",
                    "--owner", "sato")["number"]
    desk.ok("case", "status", off, "resolved",
            env={"TAIO_NOW": "2026-11-25T10:00:00+09:00"})
    desk.json("tick", env={"TAIO_NOW": "2026-11-26T09:00:00+09:00"})
    assert len(owed(desk)) == 4


def test_lessons_of_similar_cases_are_suggested(server, resolved):
    from test_ui_desk import log_in
    desk = server.taio
    desk.ok("report", "edit", resolved, *SECTIONS, as_user="sato")
    http = log_in(server, "sato")

    def lessons(text, case=""):
        r = http.get(server.base + "/lessons/similar",
                     params={"text": text, "case": case})
        assert r.status_code == 200
        return r.text

    assert resolved not in lessons("職員室のネットワークが停止")  # a draft
    desk.ok("report", "submit", resolved, as_user="sato")
    desk.ok("report", "approve", resolved, as_user="kimura")
    page = lessons("朝から職員室のネットワークが停止している")
    assert f'href="/cases/{resolved}/report"' in page
    assert "予備スイッチを配置し、半年ごとに点検する" in page
    assert resolved not in lessons("見積書の送付をお願いしたい")
    assert resolved not in lessons("ネットワーク停止", case=resolved)
    # The new case's page shows the lesson of the old one.
    new = desk.json("case", "open", "--kind", "trouble", "--customer", "#1",
                    "--title", "ネットワークが停止", "--reported",
                    "職員室で通信できない")["number"]
    page = http.get(server.base + f"/cases/{new}").text
    assert 'id="lessons"' in page and f"/cases/{resolved}/report" in page
    # The intake page asks for them as the words are typed.
    page = http.get(server.base + "/intake?customer=1").text
    assert 'data-lessons="/lessons/similar"' in page
