# SPDX-License-Identifier: MIT
"""Fixtures for end-to-end tests: the built taio binary, run as a user
would run it, on a temporary database, with the clock set by TAIO_NOW.

TAIO_BIN names the binary (scripts/test.sh sets it; the default is the
release build). Under the sanitizer build (TAIO_SANITIZED=1) every run's
stderr is checked for sanitizer reports.
"""
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = os.environ.get("TAIO_BIN", str(ROOT / "build" / "src" / "taio"))
SANITIZED = os.environ.get("TAIO_SANITIZED") == "1"

# A Tuesday afternoon in Tokyo, a business day.
DEFAULT_NOW = "2026-11-24T14:00:00+09:00"


class Taio:
    """Runs taio commands against one database file."""

    def __init__(self, db, now=DEFAULT_NOW):
        self.db = str(db)
        self.now = now
        self.user = None
        self.lang = "en"

    def env(self, extra=None):
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "LANG": "C.UTF-8",
            "TAIO_DB": self.db,
            "TAIO_LANG": self.lang,
            "ASAN_OPTIONS": os.environ.get("ASAN_OPTIONS", "detect_leaks=1"),
            "UBSAN_OPTIONS": os.environ.get(
                "UBSAN_OPTIONS", "print_stacktrace=1:halt_on_error=1"),
        }
        if self.now:
            env["TAIO_NOW"] = self.now
        if self.user:
            env["TAIO_USER"] = self.user
        if extra:
            env.update(extra)
        return env

    def run(self, *args, env=None, input=None, check=None, as_user=None):
        """Run taio with args; returns CompletedProcess (text). check=True
        asserts exit 0, check=False asserts failure, None checks nothing."""
        argv = [BIN] + [str(a) for a in args]
        extra = dict(env or {})
        if as_user is not None:
            extra["TAIO_USER"] = as_user
        proc = subprocess.run(argv, env=self.env(extra), input=input,
                              capture_output=True, text=True, timeout=60)
        if SANITIZED:
            assert "AddressSanitizer" not in proc.stderr, proc.stderr
            assert "LeakSanitizer" not in proc.stderr, proc.stderr
            assert "runtime error:" not in proc.stderr, proc.stderr
        if check is True:
            assert proc.returncode == 0, (args, proc.stdout, proc.stderr)
        elif check is False:
            assert proc.returncode != 0, (args, proc.stdout, proc.stderr)
        return proc

    def ok(self, *args, **kw):
        """Run and require success."""
        return self.run(*args, check=True, **kw)

    def json(self, *args, **kw):
        """Run with --json, require success, return the parsed output."""
        proc = self.run("--json", *args, check=True, **kw)
        return json.loads(proc.stdout)

    def fail(self, *args, **kw):
        """Run with --json, require failure; return (code, error object)."""
        proc = self.run("--json", *args, check=False, **kw)
        return proc.returncode, json.loads(proc.stdout)

    def dump(self):
        """Every row of every table, to prove nothing changed."""
        con = sqlite3.connect(self.db)
        try:
            # The search indexes are virtual tables that only taio's
            # tokenizer opens; their shadow tables hold their rows.
            tables = [r[0] for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type='table' "
                " AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name")]
            return {t: con.execute(f'SELECT * FROM "{t}"').fetchall()
                    for t in tables}
        finally:
            con.close()

    def sql(self, query, *params):
        con = sqlite3.connect(self.db)
        try:
            return con.execute(query, params).fetchall()
        finally:
            con.close()

    def sql_exec(self, statement, *params):
        """Change the database behind taio's back (to stage a state that
        would otherwise take hours of clock)."""
        con = sqlite3.connect(self.db)
        try:
            con.execute(statement, params)
            con.commit()
        finally:
            con.close()


def build_desk(t):
    """Fill an initialised database with the small desk (see desk)."""
    t.ok("user", "add", "--login", "admin", "--name", "管理者",
         "--role", "admin")
    t.user = "admin"
    t.ok("user", "add", "--login", "kimura", "--name", "木村 誠",
         "--role", "manager")
    t.ok("user", "add", "--login", "sato", "--name", "佐藤 健一",
         "--reading", "さとう けんいち", "--role", "agent",
         "--manager", "kimura")
    t.ok("user", "add", "--login", "ito", "--name", "伊藤 由美",
         "--role", "clerk", "--manager", "kimura")
    t.ok("user", "add", "--login", "watanabe", "--name", "渡辺",
         "--role", "viewer")
    t.ok("customer", "add", "--name", "株式会社山田製作所",
         "--reading", "ヤマダセイサクショ", "--phone", "03-3456-7801",
         "--channels", "phone,fax", "--hours", "mon-fri 08:30-17:30")
    t.ok("contact-person", "add", "--customer", "#1", "--name",
         "田中 一郎", "--reading", "たなか いちろう", "--title", "工場長",
         "--phone", "090-1111-2233")


@pytest.fixture(scope="session")
def _templates(tmp_path_factory):
    """The fresh and the desk databases, built once per session with the
    real commands at DEFAULT_NOW; each test gets its own copy, which keeps
    the suite fast under the sanitizers. taio closes its database on exit,
    so the file alone holds everything (no -wal file is left behind)."""
    d = tmp_path_factory.mktemp("templates")
    fresh = Taio(d / "fresh.db")
    fresh.ok("init")
    desk = Taio(d / "desk.db")
    desk.ok("init")
    build_desk(desk)
    for t in (fresh, desk):
        assert not Path(t.db + "-wal").exists()
    return {"fresh": fresh.db, "desk": desk.db}


@pytest.fixture
def taio(tmp_path, _templates):
    """A fresh, initialised database with no users yet."""
    t = Taio(tmp_path / "taio.db")
    shutil.copyfile(_templates["fresh"], t.db)
    return t


@pytest.fixture
def desk(taio, _templates):
    """A small desk: an admin, a manager, an agent, a clerk and a viewer,
    and one customer with a contact person; acting as sato (agent)."""
    shutil.copyfile(_templates["desk"], taio.db)
    taio.user = "sato"
    return taio


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory):
    """The demo database as of DEFAULT_NOW, built once per session."""
    t = Taio(tmp_path_factory.mktemp("demo_template") / "demo.db")
    t.ok("demo")
    assert not Path(t.db + "-wal").exists()
    return t.db


@pytest.fixture
def demo(tmp_path, _demo_template):
    """The demo database as of DEFAULT_NOW."""
    t = Taio(tmp_path / "demo.db")
    shutil.copyfile(_demo_template, t.db)
    t.user = "sato"
    return t


# --- taio serve -----------------------------------------------------------------

ROLES = {"admin": "admin", "kimura": "manager", "sato": "agent",
         "ito": "clerk", "watanabe": "viewer"}


class Server:
    """A running "taio serve" on a random loopback port and its own
    database, with an API token for every user of the desk."""

    def __init__(self, taio, tmp_path, extra_args=(), extra_env=None):
        import requests
        self.taio = taio
        self.log_path = tmp_path / "access.log"
        env = taio.env({"TAIO_PWHASH_COST": "min", **(extra_env or {})})
        argv = [BIN, "serve", "--listen", "127.0.0.1:0",
                "--access-log", str(self.log_path), *extra_args]
        self.proc = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True)
        # What the server prints before it serves (e.g. --init-admin's
        # password), then the line with the address.
        self.preamble = []
        line = self.proc.stdout.readline()
        while line and "serving" not in line and len(self.preamble) < 20:
            self.preamble.append(line.rstrip("\n"))
            line = self.proc.stdout.readline()
        if "serving" not in line:
            self.proc.kill()
            raise AssertionError((self.preamble, line,
                                  self.proc.communicate()[1]))
        self.port = int(line.rsplit(":", 1)[1].split("/")[0])
        self.base = f"http://127.0.0.1:{self.port}"
        self.http = requests.Session()
        self.http.trust_env = False  # never a proxy: the server is local
        self.tokens = {}
        if taio.sql("SELECT COUNT(*) FROM users")[0][0] > 1:
            for login in ROLES:  # before any test takes a dump()
                self.token(login)

    def token(self, login):
        """An API token of login (created once, through the CLI)."""
        if login not in self.tokens:
            out = self.taio.json("token", "create", "--user", login,
                                 "--name", "tests", as_user="admin")
            self.tokens[login] = out["token"]
        return self.tokens[login]

    def request(self, method, path, as_user="sato", headers=None, **kw):
        """Send a request as as_user (None: without credentials)."""
        h = dict(headers or {})
        if as_user is not None:
            h["Authorization"] = "Bearer " + self.token(as_user)
        kw.setdefault("timeout", 30)
        return self.http.request(method, self.base + path, headers=h, **kw)

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, **kw):
        return self.request("POST", path, **kw)

    def patch(self, path, **kw):
        return self.request("PATCH", path, **kw)

    def put(self, path, **kw):
        return self.request("PUT", path, **kw)

    def delete(self, path, **kw):
        return self.request("DELETE", path, **kw)

    def dump(self):
        """The desk's data, without the bookkeeping of credentials (a
        token's last use is written when it is used)."""
        data = self.taio.dump()
        for table in ("api_tokens", "sessions"):
            data.pop(table, None)
        return data

    def access_log(self):
        if not self.log_path.exists():
            return []
        return [json.loads(line) for line in
                self.log_path.read_text().splitlines() if line]

    def stop(self):
        """SIGTERM, as an init system would; the server must exit 0 and
        its stderr carry no sanitizer report."""
        import signal
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            out, err = self.proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            out, err = self.proc.communicate()
            raise AssertionError("taio serve did not stop on SIGTERM")
        self.http.close()
        for word in ("AddressSanitizer", "LeakSanitizer", "runtime error:"):
            assert word not in err, err
        assert self.proc.returncode == 0, (self.proc.returncode, err)
        return err


@pytest.fixture
def server(desk, tmp_path):
    """taio serve on the small desk (see desk), clock at DEFAULT_NOW."""
    s = Server(desk, tmp_path)
    yield s
    s.stop()


@pytest.fixture
def demo_server(demo, tmp_path):
    """taio serve on the demo database, clock at DEFAULT_NOW."""
    s = Server(demo, tmp_path)
    yield s
    s.stop()
