#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""deliver_bench.py - how fast taio's outbox delivers (issue 5), beside
libcurl alone, in one run.

Method (see bench/README.md, "Delivery"):
  * A real SMTP sink (Debian's aiosmtpd) and a real HTTP receiver (Python's
    threaded http.server) listen on loopback, accepting everything.
  * A fresh desk database gets N pending mails and N pending webhook
    deliveries in its outbox (written straight into the table: what is
    measured is delivery, not how they came to be queued).
  * taio: one "taio tick" delivers them all (each message on a connection
    of its own, each result marked in its own transaction with its
    fsync); the rate is N divided by the tick's wall time.
  * libcurl alone: taio-deliver-raw sends N messages of the same size, a
    connection each, with no store.
  * The two take turns --repeat times; the median rates and their ratio are
    reported.

usage: bench/deliver_bench.py [--messages 300] [--repeat 3] [--out FILE]
"""
import argparse
import http.server
import os
import socketserver
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time

from aiosmtpd.controller import Controller

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TAIO = os.path.join(ROOT, "build", "src", "taio")
RAW = os.path.join(ROOT, "build", "bench", "taio-deliver-raw")
NOW = "2026-11-24T10:30:00+09:00"


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Sink:
    def __init__(self):
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        return "250 OK"


class Receiver(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers["Content-Length"]))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


def desk(tmp, n, hook_url):
    """A database whose outbox holds n mails and n webhook deliveries."""
    db = os.path.join(tmp, "deliver.db")
    if os.path.exists(db):
        os.remove(db)
    env = dict(os.environ, TAIO_NOW=NOW, LANGUAGE="en")
    subprocess.run([TAIO, "--db", db, "init"], check=True, env=env,
                   capture_output=True)
    con = sqlite3.connect(db)
    con.execute("INSERT INTO webhooks (name, url, format, secret, created_at)"
                " VALUES ('bench', ?, 'json', 'whsec_bench', 0)", (hook_url,))
    body = "x" * 600
    rows = []
    for i in range(n):
        rows.append(("email", "staff@example.jp", "[taio] bench", body,
                     f"<bench.{i}@taio>", None))
        rows.append(("webhook", hook_url, "json", '{"event":"bench"}',
                     f"webhook.bench.{i}", 1))
    con.executemany("INSERT INTO outbox (channel, recipient, subject, body,"
                    " message_id, webhook_id, next_try_at, created_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, 0, 0)", rows)
    con.commit()
    con.close()
    return db


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--messages", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--out")
    args = ap.parse_args()
    n = args.messages
    sink = Sink()
    smtp_port = free_port()
    smtp = Controller(sink, hostname="127.0.0.1", port=smtp_port)
    smtp.start()
    receiver = Receiver(("127.0.0.1", 0), Handler)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    hook_url = f"http://127.0.0.1:{receiver.server_port}/hook"
    smtp_url = f"smtp://127.0.0.1:{smtp_port}"
    taio_rates, mail_rates, post_rates = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.repeat):
            db = desk(tmp, n, hook_url)
            env = dict(os.environ, TAIO_NOW=NOW, TAIO_SMTP_URL=smtp_url,
                       TAIO_MAIL_FROM="desk@example.jp", LANGUAGE="en")
            before = sink.count
            start = time.monotonic()
            out = subprocess.run([TAIO, "--db", db, "--json", "tick"],
                                 check=True, env=env, capture_output=True,
                                 text=True)
            took = time.monotonic() - start
            assert '"sent": %d' % (2 * n) in out.stdout, out.stdout
            assert sink.count - before == n
            taio_rates.append(2 * n / took)
            raw = subprocess.run([RAW, "smtp", smtp_url, "<desk@example.jp>",
                                  "<staff@example.jp>", str(n)],
                                 check=True, capture_output=True, text=True)
            mail_s = float(raw.stdout.split()[0])
            raw = subprocess.run([RAW, "http", hook_url, str(n)], check=True,
                                 capture_output=True, text=True)
            post_s = float(raw.stdout.split()[0])
            mail_rates.append(n / mail_s)
            post_rates.append(n / post_s)
    smtp.stop()
    receiver.shutdown()
    taio_rate = statistics.median(taio_rates)
    raw_rate = statistics.median(
        2 * n / (n / m + n / p) for m, p in zip(mail_rates, post_rates))
    lines = [
        f"Messages per round: {n} mails and {n} webhook posts; "
        f"{args.repeat} rounds, taking turns.",
        "",
        "| way | messages/s (median) | rounds |",
        "|---|---:|---|",
        "| taio tick: outbox → SMTP sink and HTTP receiver, each result "
        "marked (1 tx, fsync) | %.0f | %s |"
        % (taio_rate, ", ".join("%.0f" % r for r in taio_rates)),
        "| libcurl alone, the same mix, no store | %.0f | mails %s; posts %s |"
        % (raw_rate, ", ".join("%.0f" % r for r in mail_rates),
           ", ".join("%.0f" % r for r in post_rates)),
        "",
        "taio / libcurl alone: %.2f" % (taio_rate / raw_rate),
    ]
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
