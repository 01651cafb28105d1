# SPDX-License-Identifier: MIT
"""The settings pages over real HTTP: the organisation's calendar and
timing saved all or nothing, staff added with a first password and their
roles changed, and API tokens created (shown once), used and revoked."""
import re

from test_ui_desk import log_in, post_form


def test_an_admin_saves_settings_all_or_nothing(server):
    http = log_in(server, "admin")
    page = http.get(server.base + "/settings").text
    assert 'id="set-promise-lead"' in page and "国民の祝日" in page
    assert "2026-11-23 勤労感謝の日" in page
    r = post_form(server, http, "/settings", page, {
        "promise.lead": "30m", "cadence.stopped": "every so often"})
    assert r.status_code == 422
    assert "every so often" in r.text             # kept for correcting
    settings = server.get("/api/v1/settings").json()
    assert settings["promise.lead"] != "30m"       # nothing written
    r = post_form(server, http, "/settings", page, {
        "promise.lead": "30m", "cadence.stopped": "45m"})
    assert r.status_code == 303
    settings = server.get("/api/v1/settings").json()
    assert settings["promise.lead"] == "30m"
    assert settings["cadence.stopped"] == "45m"


def test_others_read_the_settings_but_cannot_save_them(server):
    http = log_in(server, "sato")
    page = http.get(server.base + "/settings").text
    assert 'name="promise.lead"' not in page and "15m" in page
    r = post_form(server, http, "/settings", page, {"promise.lead": "1m"})
    assert r.status_code == 403


def test_an_admin_adds_staff_with_a_first_password(server):
    http = log_in(server, "admin")
    page = http.get(server.base + "/settings/users").text
    assert "役割ごとにできること" in page
    r = post_form(server, http, "/settings/users", page, {
        "login": "yamamoto", "display_name": "山本 一樹",
        "reading": "やまもと かずき", "role": "clerk", "manager": "kimura",
        "password": "short"})
    assert r.status_code == 422                  # too short: nobody added
    assert server.taio.sql(
        "SELECT COUNT(*) FROM users WHERE login = 'yamamoto'")[0][0] == 0
    assert 'value="山本 一樹"' in r.text and "short" not in r.text
    r = post_form(server, http, "/settings/users", page, {
        "login": "yamamoto", "display_name": "山本 一樹", "role": "clerk",
        "manager": "kimura", "password": "yamamoto-first-2026"})
    assert r.status_code == 303, r.text
    fresh = __import__("requests").Session()
    fresh.trust_env = False
    r = fresh.post(server.base + "/api/v1/session", json={
        "login": "yamamoto", "password": "yamamoto-first-2026"})
    assert r.status_code == 201 and r.json()["user"]["role"] == "clerk"
    page = http.get(server.base + "/settings/users").text
    r = post_form(server, http, "/settings/users/yamamoto", page, {
        "role": "agent", "manager": "kimura"})
    assert r.status_code == 303
    assert server.get("/api/v1/users/yamamoto").json()["role"] == "agent"
    # Who stands in while away, and quiet hours; bad hours are named.
    r = post_form(server, http, "/settings/users/yamamoto", page, {
        "role": "agent", "manager": "kimura", "stand_in": "sato",
        "quiet_hours": "21:00"})
    assert r.status_code == 422 and "通知を控える時間帯" in r.text
    r = post_form(server, http, "/settings/users/yamamoto", page, {
        "role": "agent", "manager": "kimura", "stand_in": "sato",
        "quiet_hours": "21:00-07:30"})
    assert r.status_code == 303, r.text
    user = server.get("/api/v1/users/yamamoto").json()
    assert user["stand_in"] == "sato" and user["quiet_hours"] == "21:00-07:30"
    page = http.get(server.base + "/settings/users").text
    assert "通知を控える時間帯: 21:00-07:30" in page
    r = post_form(server, http, "/settings/users/yamamoto", page, {
        "role": "agent", "manager": "kimura", "stand_in": "",
        "quiet_hours": ""})
    user = server.get("/api/v1/users/yamamoto").json()
    assert user["stand_in"] is None and user["quiet_hours"] is None


def test_tokens_are_shown_once_and_can_be_revoked(server):
    http = log_in(server, "sato")
    page = http.get(server.base + "/settings/tokens").text
    r = post_form(server, http, "/settings/tokens", page, {
        "name": "監視", "role": "viewer"})
    assert r.status_code == 201
    token = re.search(r'<code class="token">([^<]+)</code>', r.text).group(1)
    api = __import__("requests").Session()
    api.trust_env = False
    auth = {"Authorization": "Bearer " + token}
    assert api.get(server.base + "/api/v1/agenda", headers=auth).status_code \
        == 200
    listed = http.get(server.base + "/settings/tokens").text
    assert token not in listed and "監視" in listed
    action = re.search(r'監視.*?action="(/settings/tokens/\d+/revoke)"',
                       listed, re.S)
    r = post_form(server, http, action.group(1), listed, {})
    assert r.status_code == 303
    assert api.get(server.base + "/api/v1/agenda", headers=auth).status_code \
        == 401
    # An agent cannot make a token stronger than themselves.
    r = post_form(server, http, "/settings/tokens", listed, {
        "name": "x", "role": "admin"})
    assert r.status_code == 422


def test_the_calendar_feed_address_from_the_settings_page(server):
    http = log_in(server, "sato")
    page = http.get(server.base + "/settings/tokens").text
    r = post_form(server, http, "/settings/calendar", page, {})
    assert r.status_code == 201
    url = re.search(r'<code class="token">(http://[^<]+\.ics)</code>',
                    r.text).group(1)
    assert url.startswith(server.base + "/api/v1/calendar/feed/cal_")
    assert server.http.get(url).text.startswith("BEGIN:VCALENDAR")
    r = post_form(server, http, "/settings/calendar/revoke", page, {})
    assert r.status_code == 303
    assert server.http.get(url).status_code == 404
