# SPDX-License-Identifier: MIT
"""taio tick against a real SMTP server (aiosmtpd on loopback): the clock
walks past a promise's reminder lead time and its due time, each event is
mailed once to the people concerned, in their language, with proper
headers; someone away has a stand-in; mail waits while the server is down
and goes out once it is back."""
import email
import json
import subprocess
import email.policy
import socket
import time

import pytest
from aiosmtpd.controller import Controller


class Sink:
    """Collects every message the SMTP server accepts."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.content,
                                       policy=email.policy.default)
        self.messages.append((envelope.rcpt_tos, msg))
        return "250 OK"


def plain(msg):
    """The plain-text part of a message."""
    return msg.get_body(preferencelist=("plain",)).get_content()


def html(msg):
    """The HTML part of a message."""
    return msg.get_body(preferencelist=("html",)).get_content()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp():
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    sink.url = f"smtp://127.0.0.1:{controller.port}"
    yield sink
    controller.stop()


def tick(desk, smtp_url, at, lang="en"):
    return desk.json("tick", env={"TAIO_NOW": at, "TAIO_SMTP_URL": smtp_url,
                                  "TAIO_MAIL_FROM": "desk@example.jp",
                                  "TAIO_LANG": lang})


@pytest.fixture
def promised(desk):
    """A case of sato's with an ETA told and a callback due at 15:00
    (reminder lead 15 min); sato and kimura (his manager) have e-mail."""
    desk.ok("user", "edit", "sato", "--email", "sato@example.jp",
            as_user="admin")
    desk.ok("user", "edit", "kimura", "--email", "kimura@example.jp",
            as_user="admin")
    out = desk.json("case", "open", "--kind", "trouble", "--customer", "#1",
                    "--contact", "#1", "--title", "ラベル印刷不可",
                    "--reported", "印刷できない", "--impact", "minor",
                    "--eta-text", "本日中", "--promise-due", "15:00",
                    "--owner", "sato")
    return out["number"]


def test_each_event_is_mailed_once_to_those_concerned(desk, smtp, promised):
    out = tick(desk, smtp.url, "2026-11-24T14:44:00+09:00")
    assert out["sent"] == 0 and smtp.messages == []
    out = tick(desk, smtp.url, "2026-11-24T14:46:00+09:00", lang="ja")
    assert out["notified"] == 1 and out["sent"] == 1
    [(rcpt, msg)] = smtp.messages
    assert rcpt == ["sato@example.jp"]
    assert msg["Subject"] == f"[taio] 約束の期限が近づいています: {promised} " \
                             "株式会社山田製作所"
    assert msg["From"].addresses[0].addr_spec == "desk@example.jp"
    assert msg["Message-ID"].startswith("<notification.")
    assert msg["Date"].datetime.timestamp() == 1795499160  # 14:46 JST
    body = plain(msg)
    assert "田中 一郎" in body and "2026-11-24 15:00" in body
    assert msg.get_content_type() == "multipart/alternative"
    assert msg.get_body(("plain",)).get_content_charset() == "utf-8"
    assert "田中 一郎" in html(msg) and "<br>" in html(msg)
    # The same event again: nothing new.
    out = tick(desk, smtp.url, "2026-11-24T14:50:00+09:00")
    assert out["notified"] == 0 and len(smtp.messages) == 1
    # Broken: the owner and his manager, once each.
    tick(desk, smtp.url, "2026-11-24T15:01:00+09:00")
    tick(desk, smtp.url, "2026-11-24T15:02:00+09:00")
    broken = [(r, m) for r, m in smtp.messages[1:]]
    assert sorted(r[0] for r, _ in broken) == ["kimura@example.jp",
                                               "sato@example.jp"]
    assert all(m["Subject"].startswith("[taio] Promise broken")
               for _, m in broken)
    ids = [m["Message-ID"] for _, m in smtp.messages]
    assert len(set(ids)) == len(ids)
    rows = desk.sql("SELECT u.login, n.kind FROM notifications n"
                    " JOIN users u ON u.id = n.user_id ORDER BY n.id")
    assert rows == [("sato", "promise_due"), ("sato", "promise_broken"),
                    ("kimura", "promise_broken")]


def test_someone_away_has_their_manager_stand_in(desk, smtp, promised):
    desk.ok("user", "presence", "sato", "out", "--reason", "客先訪問",
            "--until", "17:00", as_user="sato")
    tick(desk, smtp.url, "2026-11-24T14:46:00+09:00")
    [(rcpt, msg)] = smtp.messages
    assert rcpt == ["kimura@example.jp"]
    assert "in place of 佐藤 健一" in plain(msg)
    assert desk.sql("SELECT stand_in_for FROM notifications") == [(3,)]


def test_a_named_stand_in_at_work_comes_before_the_manager(desk, smtp,
                                                           promised):
    desk.ok("user", "edit", "ito", "--email", "ito@example.jp",
            as_user="admin")
    desk.ok("user", "edit", "sato", "--stand-in", "ito", as_user="admin")
    assert desk.json("user", "show", "sato")["stand_in"] == "ito"
    desk.ok("user", "presence", "sato", "off", as_user="sato")
    tick(desk, smtp.url, "2026-11-24T14:46:00+09:00")
    [(rcpt, msg)] = smtp.messages
    assert rcpt == ["ito@example.jp"]
    assert "in place of 佐藤 健一" in plain(msg)
    # The stand-in away too: the manager takes the broken promise's
    # owner share (and gets his own, once).
    desk.ok("user", "presence", "ito", "out", as_user="ito")
    tick(desk, smtp.url, "2026-11-24T15:01:00+09:00")
    rows = desk.sql("SELECT u.login, n.kind, s.login FROM notifications n"
                    " JOIN users u ON u.id = n.user_id"
                    " LEFT JOIN users s ON s.id = n.stand_in_for"
                    " ORDER BY n.id")
    assert rows == [("ito", "promise_due", "sato"),
                    ("kimura", "promise_broken", "sato")]


def test_stand_in_and_quiet_hours_are_checked(desk):
    for args, field in ((["--stand-in", "nobody"], "stand_in"),
                        (["--stand-in", "sato"], "stand_in"),
                        (["--quiet-hours", "22:00"], "quiet_hours"),
                        (["--quiet-hours", "09:00-09:00"], "quiet_hours"),
                        (["--quiet-hours", "25:00-07:00"], "quiet_hours")):
        r = desk.run("--json", "user", "edit", "sato", *args,
                     as_user="admin")
        assert r.returncode != 0
        fields = [p["field"] for p in json.loads(r.stdout)["fields"]]
        assert fields == [field], (args, r.stdout)
    user = desk.json("user", "show", "sato")
    assert user["stand_in"] is None and user["quiet_hours"] is None
    desk.ok("user", "edit", "sato", "--quiet-hours", "20:00-08:00",
            as_user="admin")
    desk.ok("user", "edit", "sato", "--quiet-hours", "", as_user="admin")
    assert desk.json("user", "show", "sato")["quiet_hours"] is None
    r = desk.run("user", "edit", "sato", "--quiet-hours", "20:00-08:00",
                 as_user="sato")
    assert r.returncode != 0                       # admins only


def test_quiet_hours_hold_the_mail_not_the_notification(desk, smtp,
                                                        promised):
    desk.ok("user", "edit", "sato", "--quiet-hours", "12:00-14:50",
            as_user="admin")
    tick(desk, smtp.url, "2026-11-24T14:46:00+09:00")
    assert smtp.messages == []
    assert desk.sql("SELECT kind FROM notifications") == [("promise_due",)]
    assert desk.sql("SELECT next_try_at FROM outbox") == [(1795499400,)]
    tick(desk, smtp.url, "2026-11-24T14:49:00+09:00")
    assert smtp.messages == []
    tick(desk, smtp.url, "2026-11-24T14:50:00+09:00")
    [(rcpt, msg)] = smtp.messages
    assert rcpt == ["sato@example.jp"]
    # Quiet hours passing midnight hold an evening mail until morning.
    desk.ok("user", "edit", "sato", "--quiet-hours", "20:00-08:30",
            as_user="admin")
    desk.ok("case", "open", "--kind", "trouble", "--customer", "#1",
            "--title", "夜間", "--reported", "r", "--eta-text", "明朝",
            "--contact", "#1",
            "--promise-due", "2026-11-24 21:00", "--owner", "sato")

    def to_sato():
        return [m["Subject"] for r, m in smtp.messages
                if r == ["sato@example.jp"]]
    tick(desk, smtp.url, "2026-11-24T20:50:00+09:00")
    assert len(to_sato()) == 1                 # his manager's came at once
    assert any(r == ["kimura@example.jp"] for r, _ in smtp.messages)
    tick(desk, smtp.url, "2026-11-25T08:29:00+09:00")
    assert len(to_sato()) == 1
    tick(desk, smtp.url, "2026-11-25T08:31:00+09:00")
    held = to_sato()[1:]
    assert len(held) == 3          # broken; and the new one due, broken
    assert sum("Promise broken" in h for h in held) == 2


def test_mail_waits_while_the_server_is_down(desk, smtp, promised):
    down = f"smtp://127.0.0.1:{free_port()}"
    out = tick(desk, down, "2026-11-24T14:46:00+09:00")
    assert out["notified"] == 1 and out["sent"] == 0 and out["failed"] == 1
    assert out["waiting"] == 1
    [(state, attempts, error)] = desk.sql(
        "SELECT state, attempts, last_error FROM outbox")
    assert state == "pending" and attempts == 1 and error
    # Not yet due again (the first retry waits a minute).
    out = tick(desk, smtp.url, "2026-11-24T14:46:30+09:00")
    assert out["sent"] == 0 and smtp.messages == []
    out = tick(desk, smtp.url, "2026-11-24T14:47:01+09:00")
    assert out["sent"] == 1 and out["waiting"] == 0
    assert len(smtp.messages) == 1


def test_without_a_mail_server_messages_wait(desk, promised):
    out = desk.json("tick", env={"TAIO_NOW": "2026-11-24T14:46:00+09:00"})
    assert out == {"agenda": 1, "notified": 1, "sent": 0, "failed": 0,
                   "dead": 0, "waiting": 1}
    r = desk.run("tick", env={"TAIO_SMTP_URL": "smtp://127.0.0.1:1"},
                 check=False)
    assert "mail-from" in r.stderr


def test_taio_serve_runs_the_scheduler(desk, smtp, promised, tmp_path):
    from conftest import Server
    desk.now = "2026-11-24T14:46:00+09:00"
    server = Server(desk, tmp_path, ["--tick-seconds", "1"], extra_env={
        "TAIO_SMTP_URL": smtp.url, "TAIO_MAIL_FROM": "desk@example.jp"})
    try:
        deadline = time.monotonic() + 20
        while not smtp.messages and time.monotonic() < deadline:
            time.sleep(0.1)
        [(rcpt, msg)] = smtp.messages
        assert rcpt == ["sato@example.jp"]
        # Later passes find nothing new.
        time.sleep(2.5)
        assert len(smtp.messages) == 1
        assert desk.sql("SELECT state FROM outbox") == [("sent",)]
    finally:
        err = server.stop()
    assert "scheduler: 1 new notifications" in err


def test_notifications_are_listed_and_marked_read(desk, smtp, promised,
                                                  tmp_path):
    from conftest import Server
    tick(desk, smtp.url, "2026-11-24T15:01:00+09:00")
    server = Server(desk, tmp_path)
    try:
        mine = server.get("/api/v1/notifications", as_user="sato").json()
        assert mine["unread"] == 1
        [n] = mine["items"]
        assert n["kind"] == "promise_broken" and n["case"] == promised
        theirs = server.get("/api/v1/notifications", as_user="kimura").json()
        assert theirs["unread"] == 1
        # Marking someone else's notification changes nothing.
        r = server.post("/api/v1/notifications/read", as_user="sato",
                        json={"id": theirs["items"][0]["id"]})
        assert r.status_code == 200 and r.json()["unread"] == 1
        r = server.post("/api/v1/notifications/read", as_user="sato",
                        json={"id": n["id"]})
        assert r.json()["unread"] == 0
        assert server.get("/api/v1/notifications",
                          as_user="kimura").json()["unread"] == 1
        r = server.post("/api/v1/notifications/read", as_user="kimura",
                        json={"id": "one"})
        assert r.status_code == 422
        # The pages: the count in the top bar, the list, mark all read.
        from test_ui_desk import log_in, post_form
        http = log_in(server, "kimura")
        page = http.get(server.base + "/notifications").text
        assert '<span class="count"' in page and promised in page
        r = post_form(server, http, "/notifications/read", page, {})
        assert r.status_code == 303
        page = http.get(server.base + "/notifications").text
        assert '<span class="count"' not in page
    finally:
        server.stop()


class Receiver:
    """A real HTTP receiver on loopback that refuses the first `fail`
    posts with 500 and keeps every post it gets."""

    def __init__(self, fail=0):
        import http.server
        import threading
        outer = self
        self.posts = []
        self.fail = fail

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.posts.append((dict(self.headers), body))
                if outer.fail > 0:
                    outer.fail -= 1
                    self.send_response(500)
                else:
                    self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever,
                                       daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def test_webhooks_are_signed_retried_and_posted_once(desk, promised):
    import hashlib
    import hmac
    import json
    receiver = Receiver(fail=2)
    try:
        out = desk.json("webhook", "add", "--name", "ops", "--url",
                        receiver.url, "--events", "promise_due,promise_broken",
                        as_user="admin")
        secret = out["secret"]
        assert secret.startswith("whsec_")
        r = desk.run("webhook", "add", "--name", "x", "--url", "ftp://x",
                     "--format", "fax", as_user="admin", check=False)
        assert r.returncode != 0 and "url" in r.stderr and "format" in r.stderr
        r = desk.run("webhook", "add", "--name", "y", "--url", receiver.url,
                     as_user="sato", check=False)
        assert r.returncode != 0                 # admins only
        for at in ("14:46:00", "14:47:01", "14:49:02", "14:55:00"):
            desk.json("tick", env={"TAIO_NOW": f"2026-11-24T{at}+09:00"})
        assert len(receiver.posts) == 3          # failed twice, then taken
        ids = {h["X-Taio-Delivery"] for h, _ in receiver.posts}
        assert len(ids) == 1                     # one delivery, retried
        headers, body = receiver.posts[-1]
        sent = hmac.new(secret.encode(),
                        headers["X-Taio-Timestamp"].encode() + b"." + body,
                        hashlib.sha256).hexdigest()
        assert headers["X-Taio-Signature"] == "sha256=" + sent
        payload = json.loads(body)
        assert payload["event"] == "promise_due"
        assert payload["case"]["number"] == promised
        assert payload["promise"]["to"] == "田中 一郎"
        assert payload["delivery"] == headers["X-Taio-Delivery"]
        assert desk.sql("SELECT state, attempts FROM outbox"
                        " WHERE channel = 'webhook'") == [("sent", 3)]
    finally:
        receiver.stop()


def test_a_given_up_delivery_can_be_retried(desk, promised):
    import json
    receiver = Receiver()
    down = f"http://127.0.0.1:{free_port()}/hook"
    desk.ok("webhook", "add", "--name", "chat", "--url", down, "--format",
            "slack", as_user="admin")
    desk.json("tick", env={"TAIO_NOW": "2026-11-24T14:46:00+09:00"})
    # The seventh failure was the last but one: one more gives it up.
    desk.sql_exec("UPDATE outbox SET attempts = 7, next_try_at = 0"
                  " WHERE channel = 'webhook'")
    desk.json("tick", env={"TAIO_NOW": "2026-11-24T14:47:00+09:00"})
    [dead] = desk.json("outbox", "list", "--state", "dead")
    assert dead["channel"] == "webhook" and dead["attempts"] == 8
    assert dead["last_error"]
    desk.sql_exec("UPDATE outbox SET recipient = ? WHERE channel = 'webhook'",
                  receiver.url)
    try:
        r = desk.run("outbox", "retry", str(dead["id"]), as_user="sato",
                     check=False)
        assert r.returncode != 0                 # admins only
        desk.ok("outbox", "retry", str(dead["id"]), as_user="admin")
        r = desk.run("outbox", "retry", str(dead["id"]), as_user="admin",
                     check=False)
        assert r.returncode != 0 and "#" in r.stderr  # not dead any more
        desk.json("tick", env={"TAIO_NOW": "2026-11-24T14:48:00+09:00"})
        [(headers, body)] = receiver.posts
        assert json.loads(body)["text"].startswith("Promise due soon: ")
    finally:
        receiver.stop()


def test_each_webhook_posts_in_its_own_language(desk, promised):
    receiver = Receiver()
    try:
        desk.ok("webhook", "add", "--name", "team-ja", "--url", receiver.url,
                "--format", "slack", "--post-lang", "ja", as_user="admin")
        desk.ok("webhook", "add", "--name", "hq", "--url", receiver.url,
                "--format", "teams", as_user="admin")
        r = desk.run("--json", "webhook", "add", "--name", "x", "--url",
                     receiver.url, "--post-lang", "fr", as_user="admin")
        assert r.returncode != 0
        assert [f["field"] for f in json.loads(r.stdout)["fields"]] == \
            ["lang"]
        hooks = {h["name"]: h["lang"] for h in desk.json("webhook", "list")}
        assert hooks == {"team-ja": "ja", "hq": None}
        desk.json("tick", env={"TAIO_NOW": "2026-11-24T14:46:00+09:00",
                               "TAIO_LANG": "en"})
        texts = sorted(json.loads(body)["text"]
                       for _, body in receiver.posts)
        assert len(texts) == 2
        assert texts[0].startswith("Promise due soon: ")
        assert texts[1].startswith("約束期限間近: ")
    finally:
        receiver.stop()


def test_admins_see_given_up_deliveries_and_retry_them(desk, promised,
                                                       tmp_path):
    import re
    from conftest import Server
    from test_ui_desk import log_in, post_form
    down = f"http://127.0.0.1:{free_port()}/hook"
    desk.ok("webhook", "add", "--name", "chat", "--url", down,
            as_user="admin")
    desk.json("tick", env={"TAIO_NOW": "2026-11-24T14:46:00+09:00"})
    desk.sql_exec("UPDATE outbox SET attempts = 7, next_try_at = 0"
                  " WHERE channel = 'webhook'")
    desk.json("tick", env={"TAIO_NOW": "2026-11-24T14:47:00+09:00"})
    server = Server(desk, tmp_path)
    try:
        http = log_in(server, "sato")
        assert http.get(server.base + "/settings/outbox").status_code == 403
        http = log_in(server, "admin")
        page = http.get(server.base + "/settings/outbox").text
        action = re.search(r'action="(/settings/outbox/\d+/retry)"', page)
        assert action and "dead" in page
        r = post_form(server, http, action.group(1), page, {})
        assert r.status_code == 303
        assert desk.sql("SELECT state FROM outbox WHERE channel = 'webhook'") \
            == [("pending",)]
        r = post_form(server, http, action.group(1), page, {})
        assert r.status_code == 409               # not given up any more
    finally:
        server.stop()


class SlowSink(Sink):
    """A sink that takes delay seconds per mail, so delivery can be caught
    in the middle."""

    def __init__(self, delay):
        super().__init__()
        self.delay = delay

    async def handle_DATA(self, server, session, envelope):
        import asyncio
        await asyncio.sleep(self.delay)
        return await super().handle_DATA(server, session, envelope)


def queue_mails(desk, n):
    """n broken promises of sato's, told at 15:30 with no mail server: n
    mails wait in the outbox. Returns how many wait."""
    desk.ok("user", "edit", "sato", "--email", "sato@example.jp",
            as_user="admin")
    number = desk.json("case", "open", "--kind", "trouble", "--customer",
                       "#1", "--title", "多数の約束", "--reported", "r",
                       "--eta-text", "本日中", "--owner", "sato")["number"]
    for i in range(n):
        desk.ok("promise", "add", number, "--due", f"+{i + 1}m",
                "--to", f"相手{i}")
    return desk.json("tick", env={
        "TAIO_NOW": "2026-11-24T15:30:00+09:00"})["waiting"]


def test_kill_9_mid_delivery_loses_no_mail(desk, tmp_path):
    """Many mails queued; taio serve is killed while it sends them and
    started again: every message arrives, and at most the one in flight at
    the kill arrives twice, with the same Message-ID."""
    import signal
    from conftest import Server
    sink = SlowSink(0.03)
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        queued = queue_mails(desk, 60)
        assert queued >= 60
        desk.now = "2026-11-24T15:30:00+09:00"
        env = {"TAIO_SMTP_URL": f"smtp://127.0.0.1:{controller.port}",
               "TAIO_MAIL_FROM": "desk@example.jp"}
        server = Server(desk, tmp_path, ["--tick-seconds", "1"],
                        extra_env=env)
        deadline = time.monotonic() + 20
        while len(sink.messages) < 10 and time.monotonic() < deadline:
            time.sleep(0.01)
        server.proc.send_signal(signal.SIGKILL)
        server.proc.wait()
        at_kill = len(sink.messages)
        assert 0 < at_kill < queued
        server = Server(desk, tmp_path, ["--tick-seconds", "1"],
                        extra_env=env)
        try:
            deadline = time.monotonic() + 30
            while len({m["Message-ID"] for _, m in sink.messages}) < queued \
                    and time.monotonic() < deadline:
                time.sleep(0.05)
        finally:
            server.stop()
        received = [m["Message-ID"] for _, m in sink.messages]
        stored = {row[0] for row in desk.sql("SELECT message_id FROM outbox")}
        assert set(received) == stored
        assert len(received) - len(stored) <= 1
        assert desk.sql("SELECT DISTINCT state FROM outbox") == [("sent",)]
    finally:
        controller.stop()


def test_a_private_calendar_feed_of_promises_and_deadlines(server):
    server.taio.ok("case", "open", "--kind", "trouble", "--customer", "#1",
                   "--title", "ラベル印刷不可", "--reported", "印刷できない",
                   "--deadline", "2026-11-25 09:00", "--promise-due", "16:00",
                   "--promise-to", "田中 一郎", as_user="sato")
    r = server.post("/api/v1/calendar/feed", as_user="sato")
    assert r.status_code == 201
    path = r.json()["path"]
    assert path.endswith(".ics")
    feed = server.http.get(server.base + path)       # no other credential
    assert feed.status_code == 200
    assert feed.headers["Content-Type"].startswith("text/calendar")
    text = feed.text
    assert text.startswith("BEGIN:VCALENDAR")
    assert text.count("BEGIN:VEVENT") == 2 and text.count("BEGIN:VALARM") == 2
    assert "UID:promise-1@taio" in text and "DTSTART:20261124T070000Z" in text
    assert "TRIGGER:-PT15M" in text and "田中 一郎" in text
    # A new address replaces the old; revoking closes it.
    newer = server.post("/api/v1/calendar/feed", as_user="sato").json()
    assert server.http.get(server.base + path).status_code == 404
    assert server.http.get(server.base + newer["path"]).status_code == 200
    assert server.delete("/api/v1/calendar/feed",
                         as_user="sato").status_code == 204
    assert server.http.get(server.base + newer["path"]).status_code == 404
    assert server.http.get(server.base +
                           "/api/v1/calendar/feed/cal_guess.ics"
                           ).status_code == 404


def test_the_feed_keeps_to_the_icalendar_line_rules(server):
    """What calendar apps reject: bare LF line ends, lines over 75 octets,
    a fold that splits a UTF-8 character, unescaped , ; and \\."""
    server.taio.ok("case", "open", "--kind", "trouble", "--customer", "#1",
                   "--title", "ラベル印刷不可" * 6, "--reported", "r",
                   "--promise-due", "16:00", "--promise-to", "田中 一郎",
                   "--promise-text", "在庫を確認し、交換日程を電話する;"
                   "必ず本日中に,記号\\も" * 3, as_user="sato")
    path = server.post("/api/v1/calendar/feed", as_user="sato").json()["path"]
    raw = server.http.get(server.base + path).content
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    lines = raw.split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) <= 75
    for line in lines:
        line.decode("utf-8")                    # no character split
    unfolded = raw.replace(b"\r\n ", b"").decode()
    assert "記号\\\\も" in unfolded and "電話する\\;必ず本日中に\\," in unfolded
    for needed in ("VERSION:2.0", "PRODID:", "METHOD:PUBLISH"):
        assert needed in unfolded
    events = unfolded.split("BEGIN:VEVENT")[1:]
    assert events and all("UID:" in e and "DTSTAMP:" in e for e in events)
    assert "Promise to 田中 一郎" in unfolded
    # Calendar apps send no language: the feed is in its owner's choice.
    server.taio.sql_exec("UPDATE users SET lang = 'ja' WHERE login = 'sato'")
    unfolded = server.http.get(server.base + path).content.replace(
        b"\r\n ", b"").decode()
    assert "田中 一郎 様への約束" in unfolded


def test_an_unacknowledged_complaint_goes_to_the_manager(desk):
    desk.ok("case", "open", "--kind", "complaint", "--customer", "#1",
            "--title", "担当者の対応が悪い", "--reported", "電話が来ない",
            "--owner", "sato")
    desk.json("tick", env={"TAIO_NOW": "2026-11-24T14:29:00+09:00"})
    assert not desk.sql("SELECT 1 FROM notifications"
                        " WHERE kind = 'unacknowledged'")
    desk.json("tick", env={"TAIO_NOW": "2026-11-24T14:31:00+09:00"})
    desk.json("tick", env={"TAIO_NOW": "2026-11-24T14:35:00+09:00"})
    rows = desk.sql("SELECT u.login FROM notifications n"
                    " JOIN users u ON u.id = n.user_id"
                    " WHERE n.kind = 'unacknowledged' ORDER BY u.login")
    assert rows == [("kimura",), ("sato",)]
    # Acknowledged cases are left alone; the rules can be changed or off.
    desk.ok("config", "set", "escalate.kinds", "complaint=5m,trouble=1h",
            as_user="admin")
    r = desk.run("config", "set", "escalate.kinds", "complaint=soon",
                 as_user="admin", check=False)
    assert r.returncode != 0 and "escalate.kinds" in r.stderr
    desk.ok("config", "set", "escalate.kinds", "off", as_user="admin")
    desk.ok("config", "set", "escalate.impacts", "off", as_user="admin")
    desk.ok("case", "open", "--kind", "complaint", "--customer", "#1",
            "--title", "二件目", "--reported", "r", "--owner", "sato")
    desk.json("tick", env={"TAIO_NOW": "2026-11-24T18:00:00+09:00"})
    assert desk.sql("SELECT COUNT(*) FROM notifications"
                    " WHERE kind = 'unacknowledged'") == [(2,)]


def silent_case(desk):
    """A stopped business (cadence one reachable hour): opened on Friday
    2026-11-20 at 16:00 with an ETA, last called at 17:00. The customer is
    reachable mon-fri 08:30-17:30, our hours are 09:00-18:00, and Monday
    the 23rd is a national holiday (勤労感謝の日): the hour of silence
    runs 17:00-17:30 on Friday and 09:00-09:30 on Tuesday."""
    fri = {"TAIO_NOW": "2026-11-20T16:00:00+09:00"}
    number = desk.json("case", "open", "--kind", "trouble", "--customer",
                       "#1", "--title", "ライン停止", "--reported", "止まった",
                       "--impact", "stopped", "--eta-text", "月曜中",
                       "--owner", "sato", env=fri)["number"]
    desk.ok("case", "log-contact", number, "--direction", "out", "--channel",
            "phone", "--summary", "状況を説明", env={
                "TAIO_NOW": "2026-11-20T17:00:00+09:00"})
    return number


def silent_told(desk):
    return desk.sql("SELECT COUNT(*) FROM notifications"
                    " WHERE kind = 'silent'")[0][0]


def test_the_clock_walks_over_a_weekend_and_a_holiday(desk):
    silent_case(desk)
    for at in ("2026-11-20T17:10", "2026-11-20T17:31", "2026-11-21T12:00",
               "2026-11-23T12:00", "2026-11-24T09:29"):
        desk.json("tick", env={"TAIO_NOW": at + ":00+09:00"})
        assert silent_told(desk) == 0, at
    # The pass remembered when to look again: Tuesday 09:30.
    assert desk.sql("SELECT next_at FROM case_watch") == [(1795480200,)]
    desk.json("tick", env={"TAIO_NOW": "2026-11-24T09:31:00+09:00"})
    assert silent_told(desk) == 1


def test_a_customers_closed_day_moves_the_silence_on(desk):
    silent_case(desk)
    desk.json("tick", env={"TAIO_NOW": "2026-11-20T17:10:00+09:00"})
    # The customer closes on Tuesday the 24th; no case changed, the pass
    # finds out when it looks at the case again.
    desk.ok("customer", "edit", "#1", "--closed", "2026-11-24")
    for at in ("2026-11-24T09:31", "2026-11-24T17:00", "2026-11-25T09:29"):
        desk.json("tick", env={"TAIO_NOW": at + ":00+09:00"})
        assert silent_told(desk) == 0, at
    desk.json("tick", env={"TAIO_NOW": "2026-11-25T09:31:00+09:00"})
    assert silent_told(desk) == 1


def test_whoever_took_a_broken_promise_is_told_when_asked(desk):
    for promise_due in ("15:00", "15:10"):
        desk.ok("case", "open", "--kind", "trouble", "--customer", "#1",
                "--title", "折り返し", "--reported", "r", "--eta-text", "本日中",
                "--owner", "sato", "--promise-due", promise_due,
                "--promise-to", "田中 一郎", as_user="ito")
    desk.json("tick", env={"TAIO_NOW": "2026-11-24T15:05:00+09:00"})
    desk.ok("config", "set", "promise.tell_taker", "yes", as_user="admin")
    desk.json("tick", env={"TAIO_NOW": "2026-11-24T15:15:00+09:00"})
    rows = desk.sql("SELECT p.due_at, u.login FROM notifications n"
                    " JOIN users u ON u.id = n.user_id"
                    " JOIN promises p ON p.id = n.promise_id"
                    " WHERE n.kind = 'promise_broken'"
                    " ORDER BY p.due_at, u.login")
    at_1500, at_1510 = 1795500000, 1795500600
    assert rows == [(at_1500, "kimura"), (at_1500, "sato"),
                    (at_1510, "ito"), (at_1510, "kimura"), (at_1510, "sato")]


def update_case(desk, channels, email=True):
    """A case of sato's for customer #1, who prefers channels and (email)
    has an address; reachable mon-fri 08:30-17:30."""
    args = ["customer", "edit", "#1", "--channels", channels]
    if email:
        args += ["--email", "info@yamada.example.jp"]
    desk.ok(*args)
    return desk.json("case", "open", "--kind", "trouble", "--customer", "#1",
                     "--title", "出荷停止", "--reported", "r",
                     "--eta-text", "明日午前", "--owner",
                     "sato")["number"]


def test_an_update_goes_by_mail_inside_their_reachable_hours(desk, smtp):
    number = update_case(desk, "email,phone")
    r = desk.run("case", "update-customer", number,
                 "部品を手配しました。<b>今夜</b> & 明朝", check=True)
    assert "e-mail" in r.stdout
    tick(desk, smtp.url, "2026-11-24T14:01:00+09:00", lang="ja")
    [(rcpt, msg)] = smtp.messages
    assert rcpt == ["info@yamada.example.jp"]
    assert number in msg["Subject"]
    body = plain(msg)
    assert "部品を手配しました。<b>今夜</b> & 明朝" in body and "明日午前" in body
    assert "&lt;b&gt;今夜&lt;/b&gt; &amp; 明朝" in html(msg)
    timeline = desk.json("case", "show", number)["timeline"]
    assert any(e["kind"] == "contact" and e["channel"] == "email"
               for e in timeline)


def test_an_update_after_hours_waits_unless_sent_anyway(desk, smtp):
    number = update_case(desk, "email")
    evening = {"TAIO_NOW": "2026-11-24T19:00:00+09:00"}
    desk.ok("case", "update-customer", number, "本日の作業を終えました。",
            env=evening)
    tick(desk, smtp.url, "2026-11-24T19:01:00+09:00")
    assert smtp.messages == []                 # they are closed until 08:30
    desk.ok("case", "update-customer", number, "至急のご連絡です。",
            "--anytime", env=evening)
    tick(desk, smtp.url, "2026-11-24T19:02:00+09:00")
    assert len(smtp.messages) == 1
    assert "至急のご連絡です。" in plain(smtp.messages[0][1])
    # Reachable from 09:00: their 08:30 inside our hours from 09:00.
    tick(desk, smtp.url, "2026-11-25T08:59:00+09:00")
    assert len(smtp.messages) == 1
    tick(desk, smtp.url, "2026-11-25T09:01:00+09:00")
    assert len(smtp.messages) == 2
    assert "本日の作業を終えました。" in plain(smtp.messages[1][1])


def test_an_update_is_written_in_the_customers_language(desk, smtp):
    number = update_case(desk, "email")
    desk.ok("customer", "edit", "#1", "--mail-lang", "en")
    desk.ok("case", "update-customer", number, "Parts are on their way.",
            env={"TAIO_LANG": "ja"})
    tick(desk, smtp.url, "2026-11-24T14:01:00+09:00", lang="ja")
    [(_, msg)] = smtp.messages
    assert msg["Subject"].endswith(f"An update on your case {number}")
    assert "Parts are on their way." in plain(msg)
    # A contact person's language wins over their company's.
    desk.ok("contact-person", "edit", "#1", "--mail-lang", "ja")
    desk.ok("case", "edit", number, "--contact", "#1")
    desk.ok("case", "update-customer", number, "部品を発送しました。")
    tick(desk, smtp.url, "2026-11-24T14:02:00+09:00")
    assert smtp.messages[1][1]["Subject"].endswith(
        f"案件 {number} の経過のご連絡")
    assert desk.json("customer", "show", "#1")["lang"] == "en"
    r = desk.run("--json", "customer", "edit", "#1", "--mail-lang", "fr")
    assert r.returncode != 0
    assert [p["field"] for p in json.loads(r.stdout)["fields"]] == ["lang"]


def test_a_phone_customer_gets_a_call_not_a_mail(desk, smtp):
    number = update_case(desk, "phone,fax")
    out = desk.json("case", "update-customer", number, "進捗を伝える")
    assert out["by"] == "task" and out["channel"] == "phone"
    tick(desk, smtp.url, "2026-11-24T14:01:00+09:00")
    assert smtp.messages == []
    promises = desk.json("case", "show", number)["promises"]
    [task] = [p for p in promises if "進捗を伝える" in p["text"]]
    assert task["channel"] == "phone" and task["owner"] == "sato"


def test_two_delivering_processes_never_send_a_message_twice(desk):
    """taio serve and a cron "taio tick" on one desk: each message is
    claimed by one of them, so every mail arrives exactly once."""
    sink = SlowSink(0.02)
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        assert queue_mails(desk, 40) == 40
        env = desk.env({"TAIO_NOW": "2026-11-24T15:30:30+09:00",
                        "TAIO_SMTP_URL": f"smtp://127.0.0.1:{controller.port}",
                        "TAIO_MAIL_FROM": "desk@example.jp"})
        from conftest import BIN
        procs = [subprocess.Popen([BIN, "--json", "tick"], env=env,
                                  stdout=subprocess.PIPE, text=True)
                 for _ in range(2)]
        sent = [json.loads(p.communicate(timeout=60)[0])["sent"]
                for p in procs]
        # Whoever claimed a message sent it; the other left it alone
        # (without claims both would have sent all 40).
        assert sum(sent) == 40
        ids = [m["Message-ID"] for _, m in sink.messages]
        assert len(ids) == 40 and len(set(ids)) == 40
    finally:
        controller.stop()


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_mail_logs_in_when_the_url_carries_credentials(desk, promised):
    """AUTH: a server that requires it gets the user and password of
    TAIO_SMTP_URL; a wrong password leaves the mail waiting."""
    from aiosmtpd.smtp import AuthResult

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (auth_data.login, auth_data.password) == (b"desk", b"s3cret")
        return AuthResult(success=ok)

    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port(),
                            authenticator=authenticator, auth_required=True,
                            auth_require_tls=False)
    controller.start()
    try:
        base = f"127.0.0.1:{controller.port}"
        out = tick(desk, f"smtp://desk:wrong@{base}",
                   "2026-11-24T14:46:00+09:00")
        assert out["sent"] == 0 and out["failed"] == 1
        assert sink.messages == []
        out = tick(desk, f"smtp://desk:s3cret@{base}",
                   "2026-11-24T14:47:01+09:00")
        assert out["sent"] == 1 and len(sink.messages) == 1
    finally:
        controller.stop()


def test_mail_goes_over_starttls_to_a_trusted_server(desk, promised,
                                                     tmp_path):
    """A server that insists on STARTTLS: without its certificate trusted
    the mail waits; with TAIO_SMTP_CA it goes, encrypted."""
    import ssl
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048",
                    "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(str(cert), str(key))

    class TlsSink(Sink):
        async def handle_DATA(self, server, session, envelope):
            self.encrypted = session.ssl is not None
            return await super().handle_DATA(server, session, envelope)

    sink = TlsSink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port(),
                            tls_context=context, require_starttls=True)
    controller.start()
    try:
        url = f"smtp://127.0.0.1:{controller.port}"
        out = tick(desk, url, "2026-11-24T14:46:00+09:00")
        assert out["sent"] == 0 and out["failed"] == 1   # not trusted
        out = desk.json("tick", env={
            "TAIO_NOW": "2026-11-24T14:47:01+09:00", "TAIO_SMTP_URL": url,
            "TAIO_MAIL_FROM": "desk@example.jp", "TAIO_SMTP_CA": str(cert)})
        assert out["sent"] == 1 and sink.encrypted
    finally:
        controller.stop()
