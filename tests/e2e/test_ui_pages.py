# SPDX-License-Identifier: MIT
"""The web pages over real HTTP (the browser tests in tests/browser click
through them): logging in and out with CSRF-checked forms, the language
switch and its choice kept per user, the dashboard with its countdowns
and the part it reloads, security headers, and hostile text that must
come out escaped."""
import re

import pytest

PASSWORD = "kousei-no-tsuki-2026"
HOSTILE = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>"


def set_password(server, login):
    server.taio.ok("user", "password", login, input=PASSWORD + "\n",
                   as_user="admin", env={"TAIO_PWHASH_COST": "min"})


def browser(server):
    """A fresh cookie jar on the server, as a new browser tab would be."""
    import requests
    s = requests.Session()
    s.trust_env = False
    return s


def login_form(server, http, next_path="/"):
    r = http.get(server.base + "/login", params={"next": next_path},
                 timeout=30)
    assert r.status_code == 200, r.text
    return re.search(r'name="login_csrf" value="([^"]+)"', r.text).group(1)


def log_in(server, login="sato", next_path="/"):
    set_password(server, login)
    http = browser(server)
    token = login_form(server, http, next_path)
    r = http.post(server.base + "/login", data={
        "login": login, "password": PASSWORD, "login_csrf": token,
        "next": next_path}, allow_redirects=False, timeout=30)
    assert r.status_code == 303, r.text
    assert r.headers["Location"] == next_path
    return http


def csrf_of(page):
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


def test_pages_send_the_browser_to_login_and_back(server):
    http = browser(server)
    r = http.get(server.base + "/?view=team", allow_redirects=False)
    assert r.status_code == 303
    assert r.headers["Location"] == "/login?next=%2F%3Fview%3Dteam"
    http = log_in(server, "kimura", "/?view=team")
    r = http.get(server.base + "/?view=team")
    assert r.status_code == 200
    assert "<h1>チームの対応予定</h1>" in r.text or "The team" in r.text
    # Logged in already: the login page sends the browser on.
    r = http.get(server.base + "/login?next=/", allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"] == "/"


def test_login_refuses_a_wrong_password_and_a_forged_form(server):
    set_password(server, "sato")
    http = browser(server)
    token = login_form(server, http)
    r = http.post(server.base + "/login", data={
        "login": "sato", "password": "wrong", "login_csrf": token},
        allow_redirects=False)
    assert r.status_code == 401 and 'class="error"' in r.text
    assert "taio_session=" not in r.headers.get("Set-Cookie", "")
    # A form posted from elsewhere has no matching cookie.
    other = browser(server)
    r = other.post(server.base + "/login", data={
        "login": "sato", "password": PASSWORD, "login_csrf": token},
        allow_redirects=False)
    assert r.status_code == 403
    assert "taio_session=" not in r.headers.get("Set-Cookie", "")


def test_login_goes_only_to_a_path_on_this_server(server):
    set_password(server, "sato")
    for target in ("https://evil.example/", "//evil.example/x", "/\\evil"):
        http = browser(server)
        token = login_form(server, http)
        r = http.post(server.base + "/login", data={
            "login": "sato", "password": PASSWORD, "login_csrf": token,
            "next": target}, allow_redirects=False)
        assert r.status_code == 303 and r.headers["Location"] == "/", target


def test_logout_needs_the_csrf_token_and_ends_the_session(server):
    http = log_in(server)
    page = http.get(server.base + "/").text
    r = http.post(server.base + "/logout", allow_redirects=False)
    assert r.status_code == 403
    assert http.get(server.base + "/", allow_redirects=False).status_code \
        == 200
    r = http.post(server.base + "/logout", data={"csrf": csrf_of(page)},
                  allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"] == "/login"
    assert http.get(server.base + "/", allow_redirects=False).status_code \
        == 303


def test_pages_carry_security_headers_and_no_inline_script(server):
    http = log_in(server)
    r = http.get(server.base + "/")
    csp = r.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "default-src 'none'" in csp
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["Cache-Control"] == "no-store"
    assert r.headers["Content-Type"] == "text/html; charset=utf-8"
    assert re.search(r"<script(?![^>]*\bsrc=)", r.text) is None
    # No icon to fetch, so a browser logs no 404 for /favicon.ico.
    assert '<link rel="icon" href="data:,">' in r.text
    assert " on" not in re.sub(r'"[^"]*"', '""', r.text).lower().replace(
        " only", "")
    for path, kind in (("/static/taio.css", "text/css"),
                       ("/static/taio.js", "text/javascript")):
        r = http.get(server.base + path)
        assert r.status_code == 200 and r.headers["Content-Type"].startswith(
            kind)
        again = http.get(server.base + path,
                         headers={"If-None-Match": r.headers["ETag"]})
        assert again.status_code == 304


def test_language_follows_the_browser_then_the_switch_then_the_user(server):
    http = browser(server)
    r = http.get(server.base + "/login", headers={"Accept-Language": "en-US"})
    assert '<html lang="en">' in r.text and "Log in" in r.text
    r = http.get(server.base + "/login",
                 headers={"Accept-Language": "en;q=0.5, ja"})
    assert '<html lang="ja">' in r.text and "ログイン" in r.text
    assert 'name="next" value="/login?next=%2F"' in http.get(
        server.base + "/login?next=/").text
    r = http.post(server.base + "/lang", data={"lang": "en", "next": "/login"},
                  allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"] == "/login"
    r = http.get(server.base + "/login", headers={"Accept-Language": "ja"})
    assert '<html lang="en">' in r.text
    # A logged-in user's choice is kept with the user.
    http = log_in(server, "sato")
    page = http.get(server.base + "/").text
    r = http.post(server.base + "/lang", data={
        "lang": "en", "next": "/", "csrf": csrf_of(page)},
        allow_redirects=False)
    assert r.status_code == 303
    assert server.taio.sql(
        "SELECT lang FROM users WHERE login = 'sato'") == [("en",)]
    http.cookies.clear("127.0.0.1", "/", "taio_lang")
    page = http.get(server.base + "/", headers={"Accept-Language": "ja"}).text
    assert '<html lang="en">' in page and "My agenda" in page
    # ... and only with the session's token.
    r = http.post(server.base + "/lang", data={"lang": "ja", "next": "/"},
                  allow_redirects=False)
    assert r.status_code == 403
    r = http.post(server.base + "/lang",
                  data={"lang": "fr", "csrf": csrf_of(page)})
    assert r.status_code == 422 and "lang" in r.text
    assert server.taio.sql(
        "SELECT lang FROM users WHERE login = 'sato'") == [("en",)]


def test_api_problems_follow_accept_language(server):
    details = {}
    for lang in ("ja", "en"):
        r = server.get("/api/v1/nothing/here",
                       headers={"Accept-Language": lang})
        assert r.status_code == 404
        details[lang] = r.json()["detail"]
    assert details["en"] == "there is nothing at this address"
    assert details["ja"] != details["en"]
    assert all(ord(c) > 0x3000 for c in details["ja"] if c.isalpha())


def test_dashboard_lists_the_agenda_with_countdowns(server):
    http = log_in(server, "sato")
    page = http.get(server.base + "/").text
    api = server.get("/api/v1/agenda").json()
    for item in api["items"]:
        assert item["case"] in page
    counts = re.findall(r'<li class="(\w+)"><b>(\d+)</b>', page)
    assert {k: int(n) for k, n in counts} == api["counts"]
    assert 'data-refresh="/dashboard/agenda"' in page
    part = http.get(server.base + "/dashboard/agenda").text
    # The list carries the server's clock for the page's countdowns.
    assert part.startswith('<span hidden data-now="%d"></span>'
                           '<p class="muted">' % 1795496400)
    assert '<ul class="counts">' in part
    if api["items"]:
        assert re.search(r'class="countdown( overdue)?" data-at="\d+"', page)


def test_only_leaders_see_the_team(server):
    http = log_in(server, "sato")
    page = http.get(server.base + "/?view=team").text
    # An agent is shown their own, with no way to the team's.
    assert 'href="/?view=team"' not in page
    assert 'data-refresh="/dashboard/agenda"' in page
    http = log_in(server, "kimura")
    page = http.get(server.base + "/?view=team").text
    assert 'data-refresh="/dashboard/agenda?view=team"' in page


def test_hostile_text_is_escaped_on_the_dashboard(server):
    server.taio.ok("case", "open", "--kind", "trouble", "--customer",
                   "山田", "--title", HOSTILE, "--reported", HOSTILE,
                   "--promise-due", "+10m", "--promise-text", HOSTILE,
                   "--promise-to", HOSTILE,
                   as_user="sato")
    http = log_in(server, "sato")
    page = http.get(server.base + "/").text
    assert HOSTILE not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&gt;" in page
    assert "<img" not in page


def test_unknown_pages_answer_as_pages_and_api_as_problems(server):
    http = browser(server)
    r = http.get(server.base + "/no/such/page")
    assert r.status_code == 404
    assert r.headers["Content-Type"].startswith("text/html")
    r = http.get(server.base + "/api/v1/no/such")
    assert r.status_code == 404
    assert r.headers["Content-Type"] == "application/problem+json"


def test_a_form_that_is_not_utf8_is_refused(server):
    http = log_in(server)
    page = http.get(server.base + "/").text
    r = http.post(server.base + "/lang",
                  data=b"lang=%FF&csrf=" + csrf_of(page).encode(),
                  headers={"Content-Type":
                           "application/x-www-form-urlencoded"})
    assert r.status_code == 422 and "lang" in r.text
