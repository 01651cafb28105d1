# SPDX-License-Identifier: MIT
"""Durability: CLI writes killed with SIGKILL at random moments leave an
intact database that holds every write whose command reported success,
and no half-written intake."""
import collections
import os
import random
import signal
import sqlite3
import statistics
import subprocess
import threading
import time

from conftest import BIN

WRITES = 200          # at most this many commands ...
TIME_LIMIT = 4.0      # ... and no longer than this many seconds


def write_command(i):
    """The i-th write: a case intake with a promise, a logged contact or a
    promise, each carrying a unique marker text."""
    marker = f"耐久試験-{i:04d}"
    kind = i % 3
    if kind == 0:
        return marker, "case", [
            "case", "open", "--kind", "trouble", "--customer", "やまだ",
            "--contact", "田中", "--title", marker,
            "--reported", "電源を入れ直しても起動しない", "--impact", "stopped",
            "--eta-text", "1〜2日", "--promise-due", "2026-11-25 10:00"]
    if kind == 1:
        return marker, "contact", [
            "case", "log-contact", "2026-0001", "--direction", "out",
            "--channel", "phone", "--summary", marker, "--duration", "3m"]
    return marker, "promise", [
        "promise", "add", "2026-0001", "--due", "2026-11-26 10:00",
        "--text", marker]


def present(con, kind, marker):
    if kind == "case":
        return con.execute("SELECT COUNT(*) FROM cases WHERE title = ?",
                           (marker,)).fetchone()[0]
    if kind == "contact":
        return con.execute("SELECT COUNT(*) FROM case_events WHERE"
                           " kind = 'contact' AND body = ?",
                           (marker,)).fetchone()[0]
    return con.execute("SELECT COUNT(*) FROM promises WHERE body = ?",
                       (marker,)).fetchone()[0]


def test_killed_writes_never_lose_a_committed_write(desk):
    desk.ok("case", "open", "--kind", "trouble", "--customer", "やまだ",
            "--contact", "田中", "--title", "耐久試験の親案件",
            "--reported", "記録用")
    seed = int.from_bytes(os.urandom(4), "little")
    rng = random.Random(seed)
    env = desk.env()

    def start(args):
        return subprocess.Popen([BIN] + args, env=env,
                                stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)

    # How long one write takes here (release or sanitizer build, disk):
    # the median of the latest writes that ran to the end.
    durations = collections.deque(maxlen=9)
    for i in range(3):
        began = time.monotonic()
        assert start(write_command(100000 + i)[2]).wait(timeout=60) == 0
        durations.append(time.monotonic() - began)

    succeeded, killed = [], []
    deadline = time.monotonic() + TIME_LIMIT
    for i in range(WRITES):
        if time.monotonic() > deadline:
            break
        marker, kind, args = write_command(i)
        typical = statistics.median(durations)
        began = time.monotonic()
        proc = start(args)
        timer = None
        if rng.random() < 0.7:
            # A background thread kills it at a random moment of its run.
            timer = threading.Timer(rng.uniform(0, 1.2 * typical),
                                    proc.send_signal, (signal.SIGKILL,))
            timer.start()
        code = proc.wait(timeout=60)
        if code == 0:
            durations.append(time.monotonic() - began)
        if timer:
            timer.cancel()
            timer.join()
        if code == 0:
            succeeded.append((kind, marker))
        else:
            assert code == -signal.SIGKILL, (seed, marker, code)
            killed.append((kind, marker))

    assert len(succeeded) >= 10 and len(killed) >= 10, (
        seed, len(succeeded), len(killed))
    con = sqlite3.connect(desk.db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        missing = [m for k, m in succeeded if present(con, k, m) != 1]
        assert missing == [], (seed, missing)
        for kind, marker in killed:      # all or nothing, never twice
            assert present(con, kind, marker) in (0, 1), (seed, marker)
        # An intake is one transaction: a case never lacks its opening
        # entry, ETA or promise.
        half = con.execute(
            "SELECT c.number FROM cases c WHERE c.title LIKE '耐久試験-%' AND ("
            " c.eta_given_at IS NULL"
            " OR NOT EXISTS (SELECT 1 FROM case_events e WHERE"
            "   e.case_id = c.id AND e.kind = 'opened')"
            " OR NOT EXISTS (SELECT 1 FROM promises p WHERE p.case_id = c.id))"
        ).fetchall()
        assert half == [], (seed, half)
        # Every promise has its timeline entry, and numbers have no twins.
        assert con.execute(
            "SELECT COUNT(*) FROM promises p WHERE NOT EXISTS (SELECT 1 FROM"
            " case_events e WHERE e.promise_id = p.id"
            " AND e.kind = 'promise_added')").fetchone()[0] == 0
        numbers = [r[0] for r in con.execute(
            "SELECT seq FROM cases WHERE year = 2026 ORDER BY seq")]
        assert numbers == list(range(1, len(numbers) + 1))
    finally:
        con.close()
    # And taio carries on with the database as if nothing happened.
    c = desk.json("case", "open", "--kind", "inquiry", "--customer", "やまだ",
                  "--title", "耐久試験の後", "--reported", "問題なし")
    assert c["number"] == f"2026-{len(numbers) + 1:04d}"
