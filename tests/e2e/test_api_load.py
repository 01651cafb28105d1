# SPDX-License-Identifier: MIT
"""A bounded load test: 64 connections on loopback for 30 seconds (set
TAIO_LOAD_SECONDS to change it), mixed reads and writes against one
taio serve. It must end with zero errors and zero lost writes: every note
and promise whose POST was answered 201 is in the database afterwards,
exactly once, and PRAGMA integrity_check passes.

scripts/test.sh runs it once, on the release build (TAIO_LOAD=1); the
sanitizer pass skips it, as the sanitizers slow the server tenfold."""
import os
import random
import sqlite3
import threading
import time

import pytest
import requests

from conftest import Server

CONNECTIONS = 64
SECONDS = float(os.environ.get("TAIO_LOAD_SECONDS", "30"))

pytestmark = pytest.mark.skipif(os.environ.get("TAIO_LOAD") != "1",
                                reason="run by scripts/test.sh with TAIO_LOAD=1")


def open_cases(desk, n):
    for i in range(n):
        desk.ok("case", "open", "--kind", "trouble", "--customer", "#1",
                "--contact", "#1", "--title", f"負荷試験{i}",
                "--reported", "確認用", "--owner", "sato")


def worker(index, base, token, deadline, results, lock):
    """One connection: a keep-alive session sending a mix of requests."""
    http = requests.Session()
    http.trust_env = False
    http.headers["Authorization"] = "Bearer " + token
    rng = random.Random(index)
    done = {"ok": 0, "errors": [], "notes": [], "promises": []}
    n = 0
    while time.monotonic() < deadline:
        n += 1
        case = f"2026-{rng.randint(1, 8):04d}"
        roll = rng.random()
        try:
            if roll < 0.35:
                r = http.get(f"{base}/api/v1/cases/{case}", timeout=30)
                ok = r.status_code == 200
            elif roll < 0.55:
                r = http.get(f"{base}/api/v1/cases?status=new&owner=sato"
                             "&limit=50", timeout=30)
                ok = r.status_code == 200
            elif roll < 0.65:
                r = http.get(f"{base}/api/v1/agenda", timeout=30)
                ok = r.status_code == 200
            elif roll < 0.90:
                marker = f"note-{index}-{n}"
                r = http.post(f"{base}/api/v1/cases/{case}/notes",
                              json={"text": marker}, timeout=30)
                ok = r.status_code == 201
                if ok:
                    done["notes"].append(marker)
            else:
                marker = f"promise-{index}-{n}"
                r = http.post(f"{base}/api/v1/cases/{case}/promises",
                              json={"due": "2026-11-25T10:00:00+09:00",
                                    "text": marker}, timeout=30)
                ok = r.status_code == 201
                if ok:
                    done["promises"].append(marker)
            if ok:
                done["ok"] += 1
            else:
                done["errors"].append((r.status_code, r.text[:200]))
        except requests.RequestException as e:
            done["errors"].append(("exception", str(e)[:200]))
    http.close()
    with lock:
        results.append(done)


def test_64_connections_for_30_seconds(desk, tmp_path):
    open_cases(desk, 8)
    s = Server(desk, tmp_path, ["--threads", "4", "--access-log", "off"])
    results = []
    lock = threading.Lock()
    try:
        token = s.token("sato")
        deadline = time.monotonic() + SECONDS
        threads = [threading.Thread(target=worker,
                                    args=(i, s.base, token, deadline,
                                          results, lock))
                   for i in range(CONNECTIONS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=SECONDS + 120)
    finally:
        s.stop()
    errors = [e for r in results for e in r["errors"]]
    total = sum(r["ok"] for r in results)
    assert len(results) == CONNECTIONS
    assert errors == [], errors[:5]
    assert total > CONNECTIONS  # every connection got answers
    notes = sorted(m for r in results for m in r["notes"])
    promises = sorted(m for r in results for m in r["promises"])
    con = sqlite3.connect(desk.db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        stored_notes = sorted(x for (x,) in con.execute(
            "SELECT body FROM case_events WHERE kind = 'note'"))
        stored_promises = sorted(x for (x,) in con.execute(
            "SELECT body FROM promises WHERE body LIKE 'promise-%'"))
    finally:
        con.close()
    assert stored_notes == notes
    assert stored_promises == promises
    print(f"\nload: {total} requests answered in {SECONDS:.0f} s "
          f"({total / SECONDS:.0f}/s), {len(notes)} notes and "
          f"{len(promises)} promises written, 0 errors")
