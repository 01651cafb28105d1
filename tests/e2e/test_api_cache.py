# SPDX-License-Identifier: MIT
"""The answer cache of taio serve (web/cache.c): a read never shows data
older than the last change, whoever made it (the API, the CLI in another
process), a revoked credential is refused at once, and every caller gets
its own answer."""
import re

from conftest import Server

INTAKE = {"kind": "trouble", "title": "複合機が印刷しない",
          "customer": "やまだ", "reported": "朝から印刷できない",
          "impact": "degraded"}


def cache_figures(stderr):
    """(hits, lookups) from the line taio serve logs when it stops."""
    m = re.search(r"served (\d+) of (\d+) lookups", stderr)
    assert m, stderr
    return int(m.group(1)), int(m.group(2))


def test_reads_are_served_from_the_cache_and_see_api_writes(desk, tmp_path):
    s = Server(desk, tmp_path)
    try:
        number = s.post("/api/v1/cases", json=INTAKE).json()["number"]
        first = s.get(f"/api/v1/cases/{number}")
        for _ in range(5):
            again = s.get(f"/api/v1/cases/{number}")
            assert again.status_code == 200
            assert again.content == first.content
            assert again.headers["ETag"] == first.headers["ETag"]
        r = s.post(f"/api/v1/cases/{number}/notes",
                   json={"text": "トナー交換で解決する見込み"})
        assert r.status_code == 201, r.text
        after = s.get(f"/api/v1/cases/{number}").json()
        assert after["timeline"][-1]["text"] == "トナー交換で解決する見込み"
        listed = s.get("/api/v1/cases?owner=sato").json()["items"]
        assert [c["number"] for c in listed] == [number]
    finally:
        hits, lookups = cache_figures(s.stop())
    assert hits >= 4 and lookups > hits


def test_a_change_by_the_cli_is_seen_at_once(server):
    number = server.post("/api/v1/cases", json=INTAKE).json()["number"]
    before = server.get(f"/api/v1/cases/{number}").json()
    server.get(f"/api/v1/cases/{number}")
    server.taio.ok("case", "note", number, "CLIから追記")
    after = server.get(f"/api/v1/cases/{number}").json()
    assert after["version"] > before["version"]
    assert after["timeline"][-1]["text"] == "CLIから追記"
    assert server.get("/api/v1/settings").json()["org.name"] == "taio"
    server.taio.ok("config", "set", "org.name", "山田サポート",
                   as_user="admin")
    assert server.get("/api/v1/settings").json()["org.name"] == \
        "山田サポート"


def test_a_token_revoked_by_the_cli_is_refused_at_once(server):
    out = server.taio.json("token", "create", "--user", "sato", "--name",
                           "script", as_user="admin")
    h = {"Authorization": "Bearer " + out["token"]}
    for _ in range(3):
        r = server.http.get(server.base + "/api/v1/agenda", headers=h,
                            timeout=30)
        assert r.status_code == 200
    server.taio.ok("token", "revoke", str(out["id"]), as_user="admin")
    r = server.http.get(server.base + "/api/v1/agenda", headers=h,
                        timeout=30)
    assert r.status_code == 401
    r = server.http.get(server.base + "/api/v1/users/sato", headers=h,
                        timeout=30)
    assert r.status_code == 401


def test_a_role_lowered_by_the_cli_applies_at_once(server):
    number = server.post("/api/v1/cases", json=INTAKE).json()["number"]
    assert server.get(f"/api/v1/cases/{number}").status_code == 200
    server.taio.ok("user", "edit", "sato", "--role", "viewer",
                   as_user="admin")
    r = server.post(f"/api/v1/cases/{number}/notes", json={"text": "追記"})
    assert r.status_code == 403


def test_every_caller_gets_its_own_answer(server):
    r = server.post("/api/v1/cases", json={
        **INTAKE, "promise_due": "2026-11-24T14:10:00+09:00",
        "promise_text": "状況を電話で連絡", "contact": "田中"})
    assert r.status_code == 201, r.text
    mine = server.get("/api/v1/agenda", as_user="sato")
    theirs = server.get("/api/v1/agenda", as_user="kimura")
    assert mine.status_code == theirs.status_code == 200
    assert len(mine.json()["items"]) > 0
    assert theirs.json()["items"] == []
    assert server.get("/api/v1/agenda", as_user="sato").content == \
        mine.content
    assert server.get("/api/v1/agenda", as_user="kimura").content == \
        theirs.content
    # Without credentials nothing comes from the cache.
    assert server.get("/api/v1/agenda", as_user=None).status_code == 401


def test_cache_off_gives_the_same_answers(desk, tmp_path):
    s = Server(desk, tmp_path, ["--cache-mb", "0"])
    try:
        number = s.post("/api/v1/cases", json=INTAKE).json()["number"]
        a = s.get(f"/api/v1/cases/{number}")
        b = s.get(f"/api/v1/cases/{number}")
        assert a.status_code == 200 and a.content == b.content
    finally:
        hits, _ = cache_figures(s.stop())
    assert hits == 0


def test_cache_size_is_checked(desk):
    code, err = desk.fail("serve", "--cache-mb", "-1")
    assert code == 2 and err["fields"][0]["field"] == "cache-mb"


def test_gzip_for_clients_that_accept_it(server):
    """Large reads go gzip-compressed to a client that accepts it, as they
    are to one that does not, and the two are kept apart."""
    import gzip
    r = server.post("/api/v1/cases", json={
        **INTAKE, "reported": "印刷できない。" * 200})
    number = r.json()["number"]
    path = f"/api/v1/cases/{number}"
    plain = server.get(path, headers={"Accept-Encoding": "identity"},
                       stream=True)
    raw_plain = plain.raw.read()
    assert plain.headers.get("Content-Encoding") is None
    assert "Accept-Encoding" in plain.headers["Vary"]
    for _ in range(2):  # computed, then from the cache
        zipped = server.get(path, headers={"Accept-Encoding": "gzip"},
                            stream=True)
        raw = zipped.raw.read()
        assert zipped.headers["Content-Encoding"] == "gzip"
        assert len(raw) < len(raw_plain) / 3
        assert gzip.decompress(raw) == raw_plain
    refused = server.get(path, headers={"Accept-Encoding": "gzip;q=0"},
                         stream=True)
    assert refused.headers.get("Content-Encoding") is None
    assert refused.raw.read() == raw_plain
    # Small answers are sent as they are.
    small = server.get("/api/v1/settings",
                       headers={"Accept-Encoding": "gzip"}, stream=True)
    assert small.headers.get("Content-Encoding") is None
