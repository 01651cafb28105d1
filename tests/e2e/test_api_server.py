# SPDX-License-Identifier: MIT
"""taio serve itself: health, the OpenAPI document against the routes that
answer, credentials, limits, the access log and a graceful stop."""
import json
import re
import socket
import time

from conftest import ROOT, Server

SOURCES = sorted((ROOT / "src" / "web").glob("api_*.c"))
ROUTE = re.compile(r'\{"(GET|POST|PUT|PATCH|DELETE)", "(/[^"]*)", (\w+), ([^}]*)\}')


def source_routes():
    """Every (method, pattern, flags) in the route tables of src/web."""
    routes = []
    for path in SOURCES:
        for m in ROUTE.finditer(path.read_text()):
            routes.append((m.group(1), m.group(2), m.group(4)))
    return routes


def sample_path(pattern):
    """A concrete path for a pattern, naming things of the small desk."""
    values = {"number": "2026-0001", "id": "1", "login": "sato",
              "kind": "unpaid", "key": "eta.grace", "token": "cal_x.ics",
              "name": "checklist", "table": "summary"}
    return re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], pattern)


def test_healthz_and_readyz(server):
    r = server.get("/healthz", as_user=None)
    assert r.status_code == 200 and r.json() == {"status": "ok"}
    r = server.get("/readyz", as_user=None)
    assert r.status_code == 200 and r.json() == {"status": "ready"}


def test_openapi_document_matches_the_routes(server):
    r = server.get("/api/v1/openapi.json", as_user=None)
    assert r.status_code == 200
    doc = r.json()
    assert doc["openapi"].startswith("3.1")
    documented = {(m.upper(), p) for p, ops in doc["paths"].items()
                  for m in ops}
    in_source = {(m, p) for m, p, _ in source_routes()}
    assert len(in_source) > 40
    assert in_source - documented == set(), "routes missing from the doc"
    assert documented - in_source == set(), "documented routes not served"


def test_every_documented_route_answers(server):
    """Every documented route is there: it answers with something else than
    "there is nothing at this address" or "method not allowed"."""
    doc = server.get("/api/v1/openapi.json", as_user=None).json()
    for pattern, ops in doc["paths"].items():
        for method in ops:
            r = server.request(method.upper(), sample_path(pattern),
                               as_user="admin", json={})
            assert r.status_code not in (404, 405) or \
                r.json().get("code") not in ("not_found",
                                             "method_not_allowed") or \
                r.json().get("fields"), (method, pattern, r.text)
            assert r.status_code < 500, (method, pattern, r.text)


def test_undocumented_paths_are_not_found(server):
    for path in ("/api/v1/nothing", "/api/v1/cases/2026-0001/secret",
                 "/api/v2/cases"):
        r = server.get(path)
        assert r.status_code == 404 and r.json()["code"] == "not_found"


def test_every_private_route_needs_credentials(server):
    for method, pattern, flags in source_routes():
        if "HTTP_PUBLIC" in flags:
            continue
        r = server.request(method, sample_path(pattern), as_user=None,
                           json={})
        assert r.status_code == 401, (method, pattern, r.text)
        assert r.json()["code"] == "unauthorized"
        assert r.headers["WWW-Authenticate"].startswith("Bearer")


def test_a_bad_token_is_refused(server):
    for value in ("Bearer nope", "Bearer ", "Basic c2F0bzp4", "taio_x"):
        r = server.http.get(server.base + "/api/v1/cases",
                            headers={"Authorization": value})
        assert r.status_code == 401, value


def test_wrong_method_gets_405_with_allow(server):
    r = server.delete("/api/v1/cases")
    assert r.status_code == 405
    assert set(r.headers["Allow"].split(", ")) == {"GET", "POST"}


def test_problem_details_shape(server):
    r = server.get("/api/v1/cases/2026-9999")
    assert r.status_code == 404
    assert r.headers["Content-Type"] == "application/problem+json"
    p = r.json()
    assert set(p) >= {"type", "title", "status", "code", "detail", "fields"}
    assert p["status"] == 404 and p["type"] == "/api/v1/problems/not_found"
    assert p["fields"][0]["field"] == "case"


def test_security_headers(server):
    r = server.get("/api/v1/cases")
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["Cache-Control"] == "no-store"


def test_oversized_body_gets_413(desk, tmp_path):
    open_case(desk)
    before = desk.sql("SELECT COUNT(*) FROM case_events")
    s = Server(desk, tmp_path, ["--max-body", "2048"])
    try:
        r = s.post("/api/v1/cases/2026-0001/notes",
                   json={"text": "あ" * 2000})
        assert r.status_code == 413 and r.json()["code"] == "too_large"
        assert desk.sql("SELECT COUNT(*) FROM case_events") == before
    finally:
        s.stop()


def test_oversized_header_gets_431(server):
    r = server.get("/api/v1/cases", headers={"X-Filler": "x" * 40000})
    assert r.status_code == 431


def test_too_many_connections_get_429(desk, tmp_path):
    s = Server(desk, tmp_path, ["--max-connections", "2"])
    held = []
    try:
        for _ in range(3):
            held.append(socket.create_connection(("127.0.0.1", s.port)))
        time.sleep(0.2)
        r = s.get("/api/v1/cases")
        assert r.status_code == 429
        assert r.json()["code"] == "too_many_connections"
        assert "Retry-After" in r.headers
    finally:
        for c in held:
            c.close()
        s.stop()


def test_slow_client_is_disconnected(desk, tmp_path):
    s = Server(desk, tmp_path, ["--timeout", "1"])
    try:
        c = socket.create_connection(("127.0.0.1", s.port))
        c.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")  # never finished
        c.settimeout(10)
        start = time.monotonic()
        assert c.recv(100) == b""  # closed by the server
        assert time.monotonic() - start < 8
        c.close()
    finally:
        s.stop()


def test_access_log_has_one_json_line_per_request(server):
    server.get("/healthz", as_user=None)
    server.get("/api/v1/cases")
    server.get("/api/v1/nothing")
    time.sleep(0.1)
    lines = server.access_log()
    assert [(x["method"], x["path"], x["status"]) for x in lines[-3:]] == [
        ("GET", "/healthz", 200), ("GET", "/api/v1/cases", 200),
        ("GET", "/api/v1/nothing", 404)]
    last = lines[-2]
    assert last["user"] == "sato" and last["bytes"] > 0
    assert last["ms"] >= 0 and last["at"].endswith("+00:00")


def open_case(desk):
    desk.ok("case", "open", "--kind", "trouble", "--customer", "やまだ",
            "--contact", "田中", "--title", "制御PCが起動しない",
            "--reported", "朝から起動しない", "--impact", "stopped")


def test_sigterm_finishes_requests_in_flight(desk, tmp_path):
    open_case(desk)
    s = Server(desk, tmp_path)
    c = socket.create_connection(("127.0.0.1", s.port))
    body = json.dumps({"text": "停止直前のメモ"}).encode()
    head = ("POST /api/v1/cases/2026-0001/notes HTTP/1.1\r\nHost: x\r\n"
            f"Authorization: Bearer {s.token('sato')}\r\n"
            "Content-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode()
    c.sendall(head)  # the body is still missing: the request is in flight
    time.sleep(0.2)
    import signal
    s.proc.send_signal(signal.SIGTERM)
    time.sleep(0.2)
    c.sendall(body)
    c.settimeout(10)
    answer = b""
    while b"\r\n\r\n" not in answer:
        chunk = c.recv(4096)
        if not chunk:
            break
        answer += chunk
    c.close()
    s.stop()
    assert answer.startswith(b"HTTP/1.1 201"), answer[:400]
    assert desk.sql("SELECT body FROM case_events WHERE kind = 'note'") == [
        ("停止直前のメモ",)]


def test_new_connections_are_refused_after_sigterm(desk, tmp_path):
    s = Server(desk, tmp_path)
    port = s.port
    s.stop()
    try:
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
        refused = False
    except OSError:
        refused = True
    assert refused
