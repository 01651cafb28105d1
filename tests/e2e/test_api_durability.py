# SPDX-License-Identifier: MIT
"""An acknowledged write survives kill -9 of the server: while 16
connections post notes and promises (through the group committer), the
server is killed with SIGKILL at a random moment; afterwards the database
passes PRAGMA integrity_check and holds every write that was answered 201.
Bounded: three rounds of at most a few seconds each."""
import random
import signal
import sqlite3
import threading
import time

import requests

from conftest import Server

CONNECTIONS = 16


def writer(index, base, token, stop, acked):
    http = requests.Session()
    http.trust_env = False
    http.headers["Authorization"] = "Bearer " + token
    n = 0
    while not stop.is_set():
        n += 1
        marker = f"kill9-{index}-{n}"
        try:
            if n % 4:
                r = http.post(base + "/api/v1/cases/2026-0001/notes",
                              json={"text": marker}, timeout=10)
            else:
                r = http.post(base + "/api/v1/cases/2026-0001/promises",
                              json={"due": "2026-11-25T10:00:00+09:00",
                                    "text": marker}, timeout=10)
        except requests.RequestException:
            break  # the server is gone
        if r.status_code == 201:
            acked.append(marker)
    http.close()


def test_acknowledged_writes_survive_kill_9(desk, tmp_path):
    desk.ok("case", "open", "--kind", "trouble", "--customer", "#1",
            "--contact", "#1", "--title", "耐久", "--reported", "確認",
            "--owner", "sato")
    rng = random.Random(20261123)
    total = 0
    for round_no in range(3):
        s = Server(desk, tmp_path, ["--access-log", "off"])
        token = s.token("sato")
        stop = threading.Event()
        acked = []
        threads = [threading.Thread(target=writer,
                                    args=(i, s.base, token, stop, acked))
                   for i in range(CONNECTIONS)]
        for t in threads:
            t.start()
        time.sleep(rng.uniform(0.5, 2.0))
        s.proc.send_signal(signal.SIGKILL)
        s.proc.wait(timeout=30)
        stop.set()
        for t in threads:
            t.join(timeout=30)
        s.http.close()
        con = sqlite3.connect(desk.db)
        try:
            assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            stored = {x for (x,) in con.execute(
                "SELECT body FROM case_events WHERE kind = 'note'"
                " UNION ALL SELECT body FROM promises")}
        finally:
            con.close()
        missing = [m for m in acked if m not in stored]
        assert missing == [], (round_no, len(acked), missing[:5])
        total += len(acked)
    assert total > 0
