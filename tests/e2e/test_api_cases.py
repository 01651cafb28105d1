# SPDX-License-Identifier: MIT
"""Cases and promises over HTTP: intake, reading, versions, the state
machine, the timeline, promises and their transitions, pagination and
idempotent retries."""
import pytest

INTAKE = {"kind": "trouble", "title": "2号ライン制御PCが起動しない",
          "customer": "やまだ", "contact": "田中",
          "reported": "朝から制御PCが起動しない。生産が止まっている。",
          "impact": "stopped", "deadline": "2026-11-26T08:30:00+09:00",
          "eta": "2026-11-25T17:00:00+09:00", "eta_text": "1〜2日（部品次第）",
          "promise_due": "2026-11-24T15:30:00+09:00",
          "promise_text": "部品の到着予定を電話で連絡"}


def intake(server, **changes):
    body = {**INTAKE, **changes}
    r = server.post("/api/v1/cases", json=body)
    assert r.status_code == 201, r.text
    return r.json()


def test_intake_with_eta_and_promise_in_one_request(server):
    r = server.post("/api/v1/cases", json=INTAKE)
    assert r.status_code == 201
    case = r.json()
    assert case["number"] == "2026-0001"
    assert r.headers["Location"] == "/api/v1/cases/2026-0001"
    assert r.headers["ETag"] == f'"{case["version"]}"'
    assert case["eta"]["text"] == "1〜2日（部品次第）"
    assert case["owner"]["login"] == "sato"
    assert case["contact"]["name"] == "田中 一郎"
    assert [p["to"] for p in case["promises"]] == ["田中 一郎"]
    assert [e["kind"] for e in case["timeline"]] == [
        "opened", "eta", "promise_added"]
    assert all(e["by"] == "sato" for e in case["timeline"])


def test_intake_refused_whole_when_one_part_is_bad(server):
    before = server.dump()
    r = server.post("/api/v1/cases",
                    json={**INTAKE, "promise_due": "2026-11-24T09:00:00+09:00"})
    assert r.status_code == 422
    assert [f["field"] for f in r.json()["fields"]] == ["due"]
    assert server.dump() == before


def test_get_case_and_timeline(server):
    intake(server)
    r = server.get("/api/v1/cases/2026-1")
    assert r.status_code == 200 and r.json()["number"] == "2026-0001"
    t = server.get("/api/v1/cases/2026-0001/timeline").json()
    assert [e["kind"] for e in t["items"]] == ["opened", "eta",
                                               "promise_added"]
    r = server.get("/api/v1/cases/2026-0002")
    assert r.status_code == 404 and r.json()["fields"][0]["field"] == "case"
    r = server.get("/api/v1/cases/abc")
    assert r.status_code == 422


def test_patch_needs_the_current_version(server):
    case = intake(server)
    r = server.patch("/api/v1/cases/2026-0001", json={"title": "新しい件名"})
    assert r.status_code == 428 and r.json()["code"] == "version_required"
    assert r.json()["current"]["title"] == INTAKE["title"]
    r = server.patch("/api/v1/cases/2026-0001",
                     json={"title": "新しい件名", "version": case["version"]})
    assert r.status_code == 200 and r.json()["title"] == "新しい件名"
    # The first writer's version is stale now.
    before = server.dump()
    r = server.patch("/api/v1/cases/2026-0001",
                     json={"title": "別の件名", "version": case["version"]})
    assert r.status_code == 409 and r.json()["code"] == "stale_version"
    assert r.json()["current"]["title"] == "新しい件名"
    assert server.dump() == before
    # If-Match works as well as the field.
    current = server.get("/api/v1/cases/2026-0001")
    r = server.patch("/api/v1/cases/2026-0001", json={"owner": None},
                     headers={"If-Match": current.headers["ETag"]})
    assert r.status_code == 200 and r.json()["owner"] is None


def test_status_moves_and_forbidden_moves(server):
    case = intake(server)
    r = server.post("/api/v1/cases/2026-0001/status",
                    json={"status": "in_progress", "version": case["version"]})
    assert r.status_code == 200 and r.json()["status"] == "in_progress"
    v = r.json()["version"]
    r = server.post("/api/v1/cases/2026-0001/status",
                    json={"status": "new", "version": v})
    assert r.status_code == 422 and r.json()["fields"][0]["field"] == "status"
    r = server.post("/api/v1/cases/2026-0001/reopen", json={"version": v})
    assert r.status_code == 422


def test_closing_with_open_promise_is_a_conflict(server):
    case = intake(server)
    v = case["version"]
    r = server.post("/api/v1/cases/2026-0001/status",
                    json={"status": "resolved", "version": v})
    v = r.json()["version"]
    r = server.post("/api/v1/cases/2026-0001/status",
                    json={"status": "closed", "version": v})
    assert r.status_code == 409 and r.json()["code"] == "conflict"


def test_eta_contact_and_note(server):
    case = intake(server)
    r = server.post("/api/v1/cases/2026-0001/eta",
                    json={"at": "2026-11-25T12:00:00+09:00", "text": "明日の昼",
                          "version": case["version"]})
    assert r.status_code == 200 and r.json()["eta"]["text"] == "明日の昼"
    r = server.post("/api/v1/cases/2026-0001/contacts",
                    json={"direction": "out", "channel": "phone",
                          "contact": "田中", "duration": "8m",
                          "summary": "部品手配を伝えた"})
    # Contacts and notes answer with the new timeline entry; the ETag is
    # the case's version after it.
    assert r.status_code == 201
    entry = r.json()
    assert entry["kind"] == "contact" and entry["duration_min"] == 8
    assert entry["by"] == "sato" and entry["text"] == "部品手配を伝えた"
    assert r.headers["Location"] == "/api/v1/cases/2026-0001/timeline"
    case = server.get("/api/v1/cases/2026-0001").json()
    assert r.headers["ETag"] == f'"{case["version"]}"'
    assert case["timeline"][-1]["id"] == entry["id"]
    r = server.post("/api/v1/cases/2026-0001/notes", json={"text": "予備機あり"})
    assert r.status_code == 201 and r.json()["text"] == "予備機あり"
    assert r.json()["kind"] == "note"
    t = server.get("/api/v1/cases/2026-0001/timeline").json()["items"]
    assert t[-1] == r.json()


def test_list_filters_and_stable_cursor(server):
    for i in range(7):
        intake(server, title=f"件名{i}",
               received=f"2026-11-24T1{i % 3}:0{i}:00+09:00",
               promise_due=None, eta=None, eta_text=None)
    seen = []
    cursor = None
    while True:
        path = "/api/v1/cases?limit=3" + (f"&cursor={cursor}" if cursor else "")
        page = server.get(path).json()
        seen += [c["number"] for c in page["items"]]
        # A case taken between pages does not shift the pages.
        intake(server, title="割り込み", promise_due=None, eta=None,
               eta_text=None, received="2026-11-24T13:59:00+09:00")
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen))
    assert set(seen) >= {f"2026-000{i}" for i in range(1, 8)}
    r = server.get("/api/v1/cases?owner=sato&status=new&kind=trouble")
    assert r.status_code == 200 and len(r.json()["items"]) >= 7
    r = server.get("/api/v1/cases?owner=nobody")
    assert r.status_code == 422 and r.json()["fields"][0]["field"] == "owner"
    r = server.get("/api/v1/cases?colour=red")
    assert r.status_code == 422 and r.json()["fields"][0]["field"] == "colour"
    r = server.get("/api/v1/cases?cursor=xyz")
    assert r.status_code == 422


def test_idempotent_retry_writes_once(server):
    key = {"Idempotency-Key": "intake-42"}
    first = server.post("/api/v1/cases", json=INTAKE, headers=key)
    again = server.post("/api/v1/cases", json=INTAKE, headers=key)
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert again.headers["Idempotent-Replayed"] == "true"
    assert server.taio.sql("SELECT COUNT(*) FROM cases") == [(1,)]
    other = server.post("/api/v1/cases", json={**INTAKE, "title": "別"},
                        headers=key)
    assert other.status_code == 422
    assert other.json()["fields"][0]["field"] == "Idempotency-Key"
    # Keys are per user: another user's same key is a new request.
    r = server.post("/api/v1/cases", json=INTAKE, headers=key,
                    as_user="kimura")
    assert r.status_code == 201 and r.json()["number"] == "2026-0002"


def test_a_failed_request_is_not_remembered(server):
    key = {"Idempotency-Key": "retry-after-fix"}
    r = server.post("/api/v1/cases", json={**INTAKE, "kind": "weird"},
                    headers=key)
    assert r.status_code == 422
    r = server.post("/api/v1/cases", json={**INTAKE, "kind": "weird"},
                    headers=key)
    assert r.status_code == 422


# --- promises -------------------------------------------------------------------

def test_promise_add_keep_and_list(server):
    intake(server, promise_due=None)
    r = server.post("/api/v1/cases/2026-0001/promises",
                    json={"due": "2026-11-24T16:00:00+09:00",
                          "text": "原因を報告", "remind": "30m"})
    assert r.status_code == 201
    p = r.json()
    assert p["to"] == "田中 一郎" and r.headers["Location"].endswith(
        f"/promises/{p['id']}")
    listed = server.get("/api/v1/promises?owner=sato").json()["items"]
    assert [x["id"] for x in listed] == [p["id"]]
    r = server.post(f"/api/v1/promises/{p['id']}/keep", json={"note": "済"})
    assert r.status_code == 428
    r = server.post(f"/api/v1/promises/{p['id']}/keep",
                    json={"note": "済", "version": p["version"]})
    assert r.status_code == 200 and r.json()["state"] == "kept"
    r = server.post(f"/api/v1/promises/{p['id']}/keep",
                    json={"version": r.json()["version"]})
    assert r.status_code == 409
    assert server.get("/api/v1/promises?open=true").json()["items"] == []


def test_renegotiate_links_successor_and_records_consent(server):
    case = intake(server)
    p = case["promises"][0]
    r = server.post(f"/api/v1/promises/{p['id']}/renegotiate",
                    json={"due": "2026-11-24T16:30:00+09:00",
                          "consented_by": "田中 一郎", "version": p["version"]})
    assert r.status_code == 201
    new = r.json()
    assert new["id"] != p["id"]
    assert new["consented_by"] == "田中 一郎"
    assert new["predecessor_id"] == p["id"]
    old = server.get(f"/api/v1/promises/{p['id']}").json()
    assert old["state"] == "renegotiated" and old["successor_id"] == new["id"]


def test_cancel_needs_a_reason(server):
    case = intake(server)
    p = case["promises"][0]
    r = server.post(f"/api/v1/promises/{p['id']}/cancel",
                    json={"version": p["version"]})
    assert r.status_code == 422 and r.json()["fields"][0]["field"] == "reason"
    r = server.post(f"/api/v1/promises/{p['id']}/cancel",
                    json={"version": p["version"], "reason": "不要になった"})
    assert r.status_code == 200 and r.json()["state"] == "cancelled"


def test_promise_filters_by_due_time(server):
    intake(server, promise_due=None)
    for due in ("15:00", "16:00", "17:00"):
        server.post("/api/v1/cases/2026-0001/promises",
                    json={"due": f"2026-11-24T{due}:00+09:00"})
    got = server.get("/api/v1/promises?due_after=2026-11-24T15:30:00%2B09:00"
                     "&due_before=2026-11-24T17:00:00%2B09:00").json()
    assert [x["due"] for x in got["items"]] == ["2026-11-24T16:00:00+09:00"]
    page = server.get("/api/v1/promises?limit=2").json()
    rest = server.get(f"/api/v1/promises?limit=2&cursor={page['next_cursor']}")
    assert len(page["items"]) == 2 and len(rest.json()["items"]) == 1


def test_unknown_promise_is_404(server):
    for path in ("/api/v1/promises/99", "/api/v1/promises/abc"):
        r = server.get(path)
        assert r.status_code == 404
        assert r.json()["fields"][0]["field"] == "promise"


@pytest.mark.parametrize("text", [
    "'; DROP TABLE cases; --", "<script>alert(1)</script>",
    "\" onmouseover=\"alert(1)", "Robert'); DELETE FROM promises;--",
    "${jndi:ldap://x}", "%00%27", "\\u0000 ほげ"])
def test_injection_strings_are_stored_and_returned_verbatim(server, text):
    case = intake(server, title=text, reported=text, promise_text=text)
    assert case["title"] == text and case["reported"] == text
    assert case["promises"][0]["text"] == text
    again = server.get("/api/v1/cases/2026-0001").json()
    assert again["title"] == text
    assert server.taio.sql("SELECT title FROM cases") == [(text,)]
    found = server.get("/api/v1/cases?kind=trouble").json()["items"]
    assert [c["title"] for c in found] == [text]
