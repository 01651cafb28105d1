# SPDX-License-Identifier: MIT
"""Customers, contact people, users and presence, the agenda and the
calendar over HTTP, and bad input of every kind: each gets a problem that
names the field, and nothing is written."""
import json

import pytest


# --- customers and contact people -------------------------------------------------

def test_customer_search_folds_kana_width_and_phone(server):
    for q in ("やまだ", "ヤマダ", "ﾔﾏﾀﾞ", "0334567801", "03-3456-7801",
              "０３３４５６７８０１"):
        items = server.get("/api/v1/customers", params={"q": q}).json()["items"]
        assert [c["name"] for c in items] == ["株式会社山田製作所"], q


def test_customer_add_show_patch_and_history(server):
    r = server.post("/api/v1/customers", json={
        "name": "東和精機株式会社", "reading": "トウワセイキ",
        "phones": ["045-111-2222", "fax:045-111-2223"],
        "channels": ["email", "phone"], "hours": "mon-fri 09:00-17:00",
        "closed_days": "12-29..01-03", "notes": "午前中は不在が多い"})
    assert r.status_code == 201, r.text
    c = r.json()
    assert c["channels"] == ["email", "phone"]
    r = server.get(f"/api/v1/customers/{c['id']}")
    assert r.status_code == 200 and r.json()["name"] == "東和精機株式会社"
    assert server.get("/api/v1/customers/トウワ").json()["id"] == c["id"]
    r = server.patch(f"/api/v1/customers/{c['id']}",
                     json={"notes": "午後なら確実", "version": c["version"]})
    assert r.status_code == 200 and r.json()["notes"] == "午後なら確実"
    history = server.get(f"/api/v1/customers/{c['id']}/history").json()
    assert ("notes", "午前中は不在が多い", "午後なら確実") in [
        (h["field"], h["old"], h["new"]) for h in history["items"]]


def test_flags_busy_and_contacts(server):
    r = server.post("/api/v1/customers/1/flags",
                    json={"kind": "abusive", "reason": "電話口で怒鳴る"})
    assert r.status_code == 201
    assert [f["kind"] for f in r.json()["flags"]] == ["abusive"]
    r = server.post("/api/v1/customers/1/flags/abusive/clear",
                    json={"reason": "担当者が替わった"})
    assert r.status_code == 200 and r.json()["flags"] == []
    r = server.post("/api/v1/customers/1/busy", json={
        "from": "2026-11-30T00:00:00+09:00", "to": "2026-12-01T00:00:00+09:00",
        "repeat": "FREQ=MONTHLY", "note": "月末締め"})
    assert r.status_code == 201 and r.json()["busy"][0]["repeat"] == \
        "FREQ=MONTHLY"
    r = server.post("/api/v1/customers/1/contacts",
                    json={"name": "鈴木 花子", "title": "総務課",
                          "phones": ["090-2222-3333"]})
    assert r.status_code == 201
    k = r.json()
    listed = server.get("/api/v1/customers/1/contacts").json()["items"]
    assert {x["name"] for x in listed} == {"田中 一郎", "鈴木 花子"}
    r = server.patch(f"/api/v1/contacts/{k['id']}",
                     json={"title": "総務部長", "version": k["version"]})
    assert r.status_code == 200 and r.json()["title"] == "総務部長"
    r = server.patch(f"/api/v1/contacts/{k['id']}",
                     json={"title": "x", "version": k["version"]})
    assert r.status_code == 409


def test_unknown_customer_and_contact(server):
    r = server.get("/api/v1/customers/99")
    assert r.status_code == 404 and r.json()["fields"][0]["field"] == "customer"
    r = server.get("/api/v1/contacts/99")
    assert r.status_code == 404 and r.json()["fields"][0]["field"] == "contact"


# --- users --------------------------------------------------------------------------

def test_users_presence_and_admin_only_changes(server):
    users = server.get("/api/v1/users").json()["items"]
    assert {u["login"] for u in users} >= {"sato", "kimura", "ito"}
    r = server.put("/api/v1/users/sato/presence",
                   json={"presence": "out", "reason": "客先訪問中",
                         "until": "2026-11-24T16:00:00+09:00"})
    assert r.status_code == 200
    assert r.json()["presence"]["reason"] == "客先訪問中"
    r = server.put("/api/v1/users/kimura/presence", json={"presence": "off"})
    assert r.status_code == 403
    r = server.post("/api/v1/users", json={"login": "kato", "name": "加藤",
                                           "role": "agent"})
    assert r.status_code == 403
    r = server.post("/api/v1/users", as_user="admin",
                    json={"login": "kato", "name": "加藤", "role": "agent",
                          "manager": "kimura"})
    assert r.status_code == 201 and r.json()["manager"] == "kimura"
    u = r.json()
    r = server.patch("/api/v1/users/kato", as_user="admin",
                     json={"role": "manager", "version": u["version"]})
    assert r.status_code == 200 and r.json()["role"] == "manager"
    rows = server.taio.sql("SELECT field, old_value, new_value FROM history"
                           " WHERE entity = 'user' AND field = 'role'")
    assert ("role", "agent", "manager") in rows


def test_presence_values_are_checked(server):
    r = server.put("/api/v1/users/sato/presence", json={"presence": "away"})
    assert r.status_code == 422
    assert r.json()["fields"][0]["field"] == "presence"


# --- agenda and calendar ----------------------------------------------------------

def test_agenda_over_http_matches_the_cli(demo_server):
    api = demo_server.get("/api/v1/agenda?team=true").json()
    cli = demo_server.taio.json("agenda")
    assert api["items"] == cli
    mine = demo_server.get("/api/v1/agenda").json()["items"]
    assert mine == demo_server.taio.json("agenda", "--user", "sato")
    for item in api["items"]:
        assert item["kind"] in ("promise_due", "promise_broken", "silent",
                                "no_eta", "deadline_risk")
        assert "case" in item and ("due" in item or "since" in item)


def test_agenda_pages_resume_after_their_cursor(demo_server):
    whole = demo_server.taio.json("agenda")
    assert len(whole) > 5
    pages, cursor = [], None
    while True:
        params = {"team": "true", "limit": 3}
        if cursor:
            params["cursor"] = cursor
        page = demo_server.get("/api/v1/agenda", params=params).json()
        assert len(page["items"]) <= 3
        pages.extend(page["items"])
        assert page["total"] == len(whole)
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert pages == whole
    counts = page["counts"]
    assert sum(counts.values()) == len(whole)
    for kind, n in counts.items():
        only = demo_server.get("/api/v1/agenda", params={
            "team": "true", "kind": kind, "limit": 1000}).json()
        assert [i["kind"] for i in only["items"]] == [kind] * n
        assert only["items"] == [i for i in whole if i["kind"] == kind]
    first = demo_server.get("/api/v1/agenda?team=true&limit=1").json()
    assert first["items"] == whole[:1] and first["next_cursor"]


@pytest.mark.parametrize("query, field", [
    ("limit=0", "limit"), ("limit=1001", "limit"), ("limit=ten", "limit"),
    ("kind=urgent", "kind"), ("cursor=1.2", "cursor"),
    ("cursor=9.0.0.1.0", "cursor"), ("cursor=0.0.0.0.0", "cursor"),
])
def test_agenda_page_parameters_are_checked(demo_server, query, field):
    r = demo_server.get(f"/api/v1/agenda?{query}")
    assert r.status_code == 422, r.text
    assert [f["field"] for f in r.json()["fields"]] == [field]


def test_calendar_endpoints(server):
    h = server.get("/api/v1/calendar/holidays?year=2027").json()
    assert h[0] == {"date": "2027-01-01", "name": "元日"}
    assert h == server.taio.json("calendar", "holidays", "2027")
    r = server.get("/api/v1/calendar/business-time",
                   params={"at": "2026-11-23T10:00:00+09:00"}).json()
    assert r["business"] is False and r["holiday"] == "勤労感謝の日"
    r = server.get("/api/v1/calendar/add", params={
        "at": "2026-11-20T17:30:00+09:00", "duration": "1h"}).json()
    assert r["time"] == "2026-11-24T09:30:00+09:00"
    r = server.get("/api/v1/calendar/minutes", params={
        "from": "2026-11-20T17:00:00+09:00",
        "to": "2026-11-24T10:00:00+09:00"}).json()
    assert r["minutes"] == 120
    r = server.get("/api/v1/calendar/holidays?year=1700")
    assert r.status_code == 422 and r.json()["fields"][0]["field"] == "year"
    r = server.get("/api/v1/calendar/add?at=2026-13-01&duration=1h")
    assert r.status_code == 422 and r.json()["fields"][0]["field"] == "at"


# --- settings --------------------------------------------------------------------

def test_settings_read_by_all_changed_by_admins(server):
    s = server.get("/api/v1/settings", as_user="watanabe").json()
    assert s["org.timezone"] == "Asia/Tokyo" and s["eta.grace"] == "30m"
    assert s == server.taio.json("config", "list")
    r = server.put("/api/v1/settings/eta.grace", json={"value": "45m"})
    assert r.status_code == 403
    r = server.put("/api/v1/settings/eta.grace", json={"value": "45m"},
                   as_user="admin")
    assert r.status_code == 200 and r.json()["eta.grace"] == "45m"
    r = server.put("/api/v1/settings/org.hours", json={"value": "weekdays"},
                   as_user="admin")
    assert r.status_code == 422
    assert r.json()["fields"][0]["field"] == "org.hours"
    r = server.put("/api/v1/settings/no.such", json={"value": "1"},
                   as_user="admin")
    assert r.status_code == 422


# --- bad input -------------------------------------------------------------------

def raw_post(server, path, data, content_type="application/json"):
    return server.post(path, data=data,
                       headers={"Content-Type": content_type})


@pytest.mark.parametrize("data,status,field", [
    (b'{"name": "\xff\xfe"}', 400, "body"),          # invalid UTF-8
    (b'{"name": "a\\u0000b"}', 400, "body"),         # NUL
    (b'{"name": "a", "name": "b"}', 400, "body"),    # duplicate key
    (b'["name"]', 400, "body"),                      # not an object
    (b'{"name": 42}', 422, "name"),                  # wrong type
    (b'{"name": "x", "phones": "03"}', 422, "phones"),
    (b'{"name": "x", "colour": "red"}', 422, "colour"),  # unknown field
    (b'{}', 422, "name"),                            # empty required
    (b'{"name": "   "}', 422, "name"),               # blank required
    (b'{"name": "\xe3\x80\x80"}', 422, "name"),      # ideographic space
], ids=["utf8", "nul", "duplicate", "array", "type", "array-type",
        "unknown", "missing", "blank", "u3000"])
def test_bad_bodies_name_the_field_and_write_nothing(server, data, status,
                                                     field):
    before = server.dump()
    r = raw_post(server, "/api/v1/customers", data)
    assert r.status_code == status, r.text
    assert field in [f["field"] for f in r.json()["fields"]]
    assert server.dump() == before


def test_wrong_content_type_is_415(server):
    r = raw_post(server, "/api/v1/customers", b"name=x",
                 "application/x-www-form-urlencoded")
    assert r.status_code == 415


def test_invalid_utf8_in_query_and_path(server):
    r = server.get("/api/v1/customers?q=%ff%fe")
    assert r.status_code == 422 and r.json()["fields"][0]["field"] == "q"
    r = server.get("/api/v1/cases/%ff")
    assert r.status_code == 422


def test_impossible_dates_and_past_promises(server):
    server.taio.ok("case", "open", "--kind", "trouble", "--customer", "#1",
                   "--title", "t", "--reported", "r")
    before = server.dump()
    for due in ("2026-02-30T10:00:00+09:00", "2026-11-24T25:00",
                "2026-11-24T09:00:00+09:00", "yesterday"):
        r = server.post("/api/v1/cases/2026-0001/promises",
                        json={"due": due, "to": "田中"})
        assert r.status_code == 422, due
        assert r.json()["fields"][0]["field"] == "due"
    assert server.dump() == before


def test_problem_messages_quoting_bad_input_stay_json(server):
    r = server.get("/api/v1/cases/" + "%e3%81" + "x")
    assert r.status_code == 422
    json.dumps(r.json())  # valid, printable
