# SPDX-License-Identifier: MIT
"""Accounts and security over HTTP: passwords and sessions, CSRF, API
tokens and their roles, login throttling, the audit trail, and the whole
permission matrix (docs/permissions.md): every role against every
endpoint."""
import re

import pytest

from conftest import ROLES, Server
from test_api_server import sample_path, source_routes

PASSWORD = "kousei-no-tsuki-2026"


def set_password(server, login=PASSWORD and "sato", password=PASSWORD):
    server.taio.ok("user", "password", login, input=password + "\n",
                   as_user="admin", env={"TAIO_PWHASH_COST": "min"})


def login(server, login="sato", password=PASSWORD):
    return server.http.post(server.base + "/api/v1/session",
                            json={"login": login, "password": password},
                            timeout=30)


def test_password_is_stored_as_argon2id(server):
    set_password(server)
    [(hash_,)] = server.taio.sql(
        "SELECT password_hash FROM users WHERE login = 'sato'")
    assert hash_.startswith("$argon2id$") and PASSWORD not in hash_


def test_login_sets_a_safe_cookie_and_logout_ends_it(server):
    set_password(server)
    r = login(server)
    assert r.status_code == 201
    cookie = r.headers["Set-Cookie"]
    assert "taio_session=" in cookie and "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie and "Secure" not in cookie
    csrf = r.json()["csrf_token"]
    assert r.json()["user"]["login"] == "sato"
    value = server.http.cookies["taio_session"]
    # Only the hash of the cookie is stored.
    stored = [row[0] for row in server.taio.sql("SELECT id_hash FROM sessions")]
    assert value not in stored and len(stored) == 1
    me = server.http.get(server.base + "/api/v1/session", timeout=30)
    assert me.status_code == 200 and me.json()["via"] == "session"
    # A change made with the cookie needs the CSRF token.
    r = server.http.post(server.base + "/api/v1/customers",
                         json={"name": "新規顧客"}, timeout=30)
    assert r.status_code == 403
    r = server.http.post(server.base + "/api/v1/customers",
                         json={"name": "新規顧客"},
                         headers={"X-CSRF-Token": "wrong"}, timeout=30)
    assert r.status_code == 403
    r = server.http.post(server.base + "/api/v1/customers",
                         json={"name": "新規顧客"},
                         headers={"X-CSRF-Token": csrf}, timeout=30)
    assert r.status_code == 201
    r = server.http.delete(server.base + "/api/v1/session",
                           headers={"X-CSRF-Token": csrf}, timeout=30)
    assert r.status_code == 204
    server.http.cookies.set("taio_session", value)
    r = server.http.get(server.base + "/api/v1/session", timeout=30)
    assert r.status_code == 401


def test_secure_cookie_behind_a_tls_proxy(desk, tmp_path):
    s = Server(desk, tmp_path, ["--behind-tls-proxy"])
    try:
        set_password(s)
        assert "Secure" in login(s).headers["Set-Cookie"]
    finally:
        s.stop()


def test_wrong_password_and_unknown_login_look_the_same(server):
    set_password(server)
    a = login(server, password="wrong-password-1")
    b = login(server, login="nobody")
    assert a.status_code == b.status_code == 401
    assert a.json()["fields"] == b.json()["fields"]


def test_login_is_throttled_per_account(server):
    set_password(server)
    for _ in range(5):
        assert login(server, password="wrong-password-x").status_code == 401
    r = login(server)  # even the right password waits now
    assert r.status_code == 429 and r.headers["Retry-After"] == "900"
    # Another account from the same address is not blocked yet.
    set_password(server, "kimura")
    assert login(server, "kimura").status_code == 201


def test_login_is_throttled_per_address(server):
    """Guessing across many accounts from one address is stopped too."""
    set_password(server)
    for i in range(20):
        r = login(server, login=f"guess{i}", password="wrong-password-x")
        assert r.status_code == 401
    r = login(server)  # a real account, right password, same address
    assert r.status_code == 429


def test_audit_history_of_logins_and_tokens(server):
    set_password(server)
    login(server, password="wrong-password-x")
    login(server)
    r = server.post("/api/v1/tokens", json={"name": "監視", "role": "viewer"})
    assert r.status_code == 201
    rows = server.taio.sql(
        "SELECT entity, action FROM history WHERE entity IN "
        "('login', 'token', 'password') ORDER BY id")
    assert ("password", "update") in rows
    assert ("login", "failed") in rows and ("login", "create") in rows
    assert rows.count(("token", "create")) >= 6  # the fixture's and ours


def test_token_create_shown_once_and_revocable(server):
    r = server.post("/api/v1/tokens", json={"name": "夜間バッチ",
                                            "role": "viewer"})
    assert r.status_code == 201
    token = r.json()["token"]
    assert token.startswith("taio_")
    listed = server.get("/api/v1/tokens").json()["items"]
    assert all("token" not in t for t in listed)
    assert token not in str(server.taio.sql("SELECT * FROM api_tokens"))
    h = {"Authorization": "Bearer " + token}
    me = server.http.get(server.base + "/api/v1/session", headers=h,
                         timeout=30)
    assert me.json()["role"] == "viewer" and me.json()["via"] == "token"
    # The viewer token cannot write, although sato can.
    r = server.http.post(server.base + "/api/v1/customers",
                         json={"name": "X"}, headers=h, timeout=30)
    assert r.status_code == 403
    r = server.delete(f"/api/v1/tokens/{r.json() and me.json()['token_id']}")
    assert r.status_code == 204
    r = server.http.get(server.base + "/api/v1/session", headers=h,
                        timeout=30)
    assert r.status_code == 401


def test_token_role_cannot_exceed_the_user(server):
    r = server.post("/api/v1/tokens", json={"name": "x", "role": "admin"})
    assert r.status_code == 422 and r.json()["fields"][0]["field"] == "role"
    r = server.post("/api/v1/tokens", json={"name": "x", "user": "kimura"})
    assert r.status_code == 403
    r = server.post("/api/v1/tokens", json={"name": "x", "user": "kimura"},
                    as_user="admin")
    assert r.status_code == 201 and r.json()["role"] == "manager"


def test_cli_token_create_prints_json(desk):
    out = desk.json("token", "create", "--user", "sato", as_user="admin")
    assert set(out) >= {"token"} and out["token"].startswith("taio_")


def test_init_admin_prints_a_one_time_password_that_logs_in(taio,
                                                            tmp_path):
    s = Server(taio, tmp_path, ["--init-admin", "boss"])
    try:
        assert s.preamble[0].startswith('Created the admin "boss"')
        password = s.preamble[1].strip()
        r = s.http.post(s.base + "/api/v1/session",
                        json={"login": "boss", "password": password},
                        timeout=30)
        assert r.status_code == 201 and r.json()["user"]["role"] == "admin"
    finally:
        s.stop()
    # A second start with users present changes nothing.
    s = Server(taio, tmp_path, ["--init-admin", "boss2"])
    s.stop()
    assert [u["login"] for u in taio.json("user", "list")] == ["boss"]


# --- the permission matrix --------------------------------------------------------

# Which roles may call each write endpoint (docs/permissions.md). Reads are
# open to every role; so is one's own presence and password.
RECORD = {"admin", "manager", "agent", "clerk"}
HANDLE = {"admin", "manager", "agent"}
ADMIN = {"admin"}
WRITE_MATRIX = {
    ("POST", "/api/v1/cases"): RECORD,
    ("PATCH", "/api/v1/cases/{number}"): HANDLE,
    ("POST", "/api/v1/cases/{number}/status"): HANDLE,
    ("POST", "/api/v1/cases/{number}/reopen"): HANDLE,
    ("POST", "/api/v1/cases/{number}/escalate"): RECORD,
    ("POST", "/api/v1/cases/{number}/updates"): RECORD,
    ("POST", "/api/v1/cases/{number}/eta"): RECORD,
    ("POST", "/api/v1/cases/{number}/contacts"): RECORD,
    ("POST", "/api/v1/cases/{number}/notes"): RECORD,
    ("POST", "/api/v1/cases/{number}/promises"): RECORD,
    ("POST", "/api/v1/promises/{id}/keep"): RECORD,
    ("POST", "/api/v1/promises/{id}/cancel"): RECORD,
    ("POST", "/api/v1/promises/{id}/renegotiate"): RECORD,
    ("POST", "/api/v1/customers"): RECORD,
    ("PATCH", "/api/v1/customers/{id}"): RECORD,
    ("POST", "/api/v1/customers/{id}/flags"): RECORD,
    ("POST", "/api/v1/customers/{id}/flags/{kind}/clear"): HANDLE,
    ("POST", "/api/v1/customers/{id}/busy"): RECORD,
    ("POST", "/api/v1/customers/{id}/contacts"): RECORD,
    ("PATCH", "/api/v1/contacts/{id}"): RECORD,
    ("POST", "/api/v1/users"): ADMIN,
    ("PATCH", "/api/v1/users/{login}"): ADMIN,
    ("PUT", "/api/v1/users/{login}/presence"): {"admin", "manager"},
    ("PUT", "/api/v1/users/{login}/password"): ADMIN,
    ("PUT", "/api/v1/settings/{key}"): ADMIN,
    ("PUT", "/api/v1/cases/{number}/report"): HANDLE,
    ("POST", "/api/v1/cases/{number}/report/submit"): HANDLE,
    ("POST", "/api/v1/cases/{number}/report/approve"): {"admin", "manager"},
    ("POST", "/api/v1/cases/{number}/report/return"): {"admin", "manager"},
    ("POST", "/api/v1/cases/{number}/report/send"): HANDLE,
    ("POST", "/api/v1/cases/{number}/report/waive"): {"admin", "manager"},
    ("POST", "/api/v1/checklists"): ADMIN,
    ("PATCH", "/api/v1/checklists/{name}"): ADMIN,
    ("POST", "/api/v1/checklists/{name}/remove"): ADMIN,
    ("POST", "/api/v1/cases/{number}/checklist/tick"): RECORD,
    ("POST", "/api/v1/cases/{number}/checklist/tag"): HANDLE,
    ("POST", "/api/v1/cases/{number}/checklist/override"): HANDLE,
}
OPEN_TO_ALL = {("POST", "/api/v1/session"), ("DELETE", "/api/v1/session"),
               ("POST", "/api/v1/notifications/read"),
               ("POST", "/api/v1/calendar/feed"),
               ("DELETE", "/api/v1/calendar/feed"),
               ("POST", "/api/v1/tokens"), ("DELETE", "/api/v1/tokens/{id}")}

# A valid body for every write, against the world fixture below.
BODIES = {
    ("POST", "/api/v1/cases"): {"kind": "trouble", "title": "t",
                                "customer": "#1", "reported": "r"},
    ("PATCH", "/api/v1/cases/{number}"): {"title": "新しい件名"},
    ("POST", "/api/v1/cases/{number}/status"): {"status": "in_progress"},
    ("POST", "/api/v1/cases/{number}/reopen"): {},
    ("POST", "/api/v1/cases/{number}/escalate"): {"reason": "r"},
    ("POST", "/api/v1/cases/{number}/updates"): {"text": "対応中です"},
    ("POST", "/api/v1/cases/{number}/eta"): {"text": "明日"},
    ("POST", "/api/v1/cases/{number}/contacts"): {
        "direction": "out", "channel": "phone", "summary": "s"},
    ("POST", "/api/v1/cases/{number}/notes"): {"text": "n"},
    ("POST", "/api/v1/cases/{number}/promises"): {"due": "17:00"},
    ("POST", "/api/v1/promises/{id}/keep"): {},
    ("POST", "/api/v1/promises/{id}/cancel"): {"reason": "r"},
    ("POST", "/api/v1/promises/{id}/renegotiate"): {
        "due": "18:00", "consented_by": "田中"},
    ("POST", "/api/v1/customers"): {"name": "新規"},
    ("PATCH", "/api/v1/customers/{id}"): {"notes": "メモ"},
    ("POST", "/api/v1/customers/{id}/flags"): {"kind": "caution",
                                               "reason": "r"},
    ("POST", "/api/v1/customers/{id}/flags/{kind}/clear"): {"reason": "r"},
    ("POST", "/api/v1/customers/{id}/busy"): {
        "from": "2026-12-01", "to": "2026-12-02"},
    ("POST", "/api/v1/customers/{id}/contacts"): {"name": "新人"},
    ("PATCH", "/api/v1/contacts/{id}"): {"title": "課長"},
    ("POST", "/api/v1/users"): {"login": "new", "name": "新人",
                                "role": "viewer"},
    ("PATCH", "/api/v1/users/{login}"): {"email": "x@example.com"},
    ("PUT", "/api/v1/users/{login}/presence"): {"presence": "out"},
    ("PUT", "/api/v1/users/{login}/password"): {"password": "x" * 12},
    ("PUT", "/api/v1/settings/{key}"): {"value": "45m"},
    ("PUT", "/api/v1/cases/{number}/report"): {"cause": "電源故障"},
    ("POST", "/api/v1/cases/{number}/report/submit"): {},
    ("POST", "/api/v1/cases/{number}/report/approve"): {},
    ("POST", "/api/v1/cases/{number}/report/return"): {"comment": "c"},
    ("POST", "/api/v1/cases/{number}/report/send"): {
        "channel": "fax", "to": "市教育委員会"},
    ("POST", "/api/v1/cases/{number}/report/waive"): {"reason": "r"},
    ("POST", "/api/v1/checklists"): {"name": "n", "kinds": "trouble",
                                     "items": ["!確認した"]},
    ("PATCH", "/api/v1/checklists/{name}"): {"tags": "network-change"},
    ("POST", "/api/v1/checklists/{name}/remove"): {},
    ("POST", "/api/v1/cases/{number}/checklist/tick"): {"item": 1},
    ("POST", "/api/v1/cases/{number}/checklist/tag"): {"tag": "t"},
    ("POST", "/api/v1/cases/{number}/checklist/override"): {"reason": "r"},
}


def test_matrix_covers_every_route():
    routes = {(m, p) for m, p, _ in source_routes()}
    writes = {r for r in routes if r[0] != "GET"}
    assert writes == set(WRITE_MATRIX) | OPEN_TO_ALL


@pytest.fixture
def world(desk, tmp_path):
    """The desk with a case that has a promise, and a flag to clear."""
    desk.ok("case", "open", "--kind", "trouble", "--customer", "#1",
            "--contact", "#1", "--title", "件名", "--reported", "申告",
            "--promise-due", "16:00", "--owner", "sato")
    desk.ok("customer", "flag", "#1", "--kind", "unpaid", "--reason", "未払い")
    desk.ok("case", "status", "2026-1", "resolved")
    # Someone whose presence and password the others change.
    desk.ok("user", "add", "--login", "kato", "--name", "加藤", "--role",
            "agent", as_user="admin")
    s = Server(desk, tmp_path)
    yield s
    s.stop()


def versioned(server, method, pattern):
    """The current version of the resource a write changes, if any."""
    if pattern.startswith("/api/v1/cases/{number}") and \
            "contacts" not in pattern and "notes" not in pattern and \
            "promises" not in pattern:
        return server.get("/api/v1/cases/2026-0001", as_user="admin")
    if pattern.startswith("/api/v1/promises/{id}"):
        return server.get("/api/v1/promises/1", as_user="admin")
    if pattern == "/api/v1/customers/{id}":
        return server.get("/api/v1/customers/1", as_user="admin")
    if pattern == "/api/v1/contacts/{id}":
        return server.get("/api/v1/contacts/1", as_user="admin")
    if pattern == "/api/v1/users/{login}":
        return server.get("/api/v1/users/kato", as_user="admin")
    return None


@pytest.mark.parametrize("role", sorted(ROLES, key=ROLES.get))
def test_every_role_against_every_endpoint(world, role):
    """Reads answer every role; writes answer 403 exactly where the matrix
    says no, and never change anything then."""
    for method, pattern, flags in source_routes():
        path = sample_path(pattern).replace("/users/sato", "/users/kato")
        if method == "GET":
            r = world.get(path, as_user=role)
            assert r.status_code != 403, (role, method, pattern)
            continue
        if (method, pattern) in OPEN_TO_ALL:
            continue
        allowed = ROLES[role] in WRITE_MATRIX[(method, pattern)]
        before = world.dump()
        current = versioned(world, method, pattern)
        headers = {"If-Match": current.headers["ETag"]} if current else {}
        r = world.request(method, path, as_user=role, headers=headers,
                          json=BODIES[(method, pattern)])
        if allowed:
            assert r.status_code != 403, (role, method, pattern, r.text)
        else:
            assert r.status_code == 403, (role, method, pattern, r.text)
            assert world.dump() == before, (role, method, pattern)


def test_permissions_doc_names_every_role():
    text = (re.sub(r"\s+", " ", open(
        __import__("conftest").ROOT / "docs" / "permissions.md").read()))
    for role in ("admin", "manager", "agent", "clerk", "viewer"):
        assert role in text
