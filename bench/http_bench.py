#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""http_bench.py - the speed of taio serve (issue 3), measured beside a
libmicrohttpd hello-world from the same tree, in one run.

Method (see bench/README.md):
  * The database is a fresh copy of the core benchmark's (1,000,000 cases,
    5,000,000 timeline entries, 1,000,000 open promises; make it first with
    build/bench/taio-bench --generate-only).
  * taio serve runs as shipped (its default worker threads, the group committer and
    the answer cache), the clock fixed at the benchmark's (TAIO_NOW), the
    access log off; a second taio serve with --cache-mb 0 on the same
    database shows what every read costs when nothing is kept; taio-hello
    with 4 threads in the same epoll mode (more only slow it down on 2
    cores), once with its 15-byte body and once with a body as large as
    the answer for a case (the ceiling for sending that much).
  * wrk (Debian's) drives each request kind at 1, 16 and 64 connections for
    a fixed time each, with an API token of one agent and
    "Accept-Encoding: gzip" (what browsers send); reads and writes rotate
    over that agent's open cases, and every write has a unique body.
  * Requests/s and latency p50/p99 come from wrk; every non-2xx answer is
    counted as an error. Peak RSS of taio serve is read from /proc at the end
    (VmHWM; RssFile is the memory-mapped database, shared with the page cache).
  * The ratio to hello-world is per connection level, against a
    hello-world measurement taken right before (the machine's speed
    drifts within a run); each row is measured --repeat times, each time
    with its own hello-world, and the median ratio is reported with the
    others; the hello-world rows show the noise of the method itself.

usage: bench/http_bench.py [--seconds 3] [--repeat 3] [--out FILE]
                          [--db bench/out/bench.db]
"""
import argparse
import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TAIO = os.path.join(ROOT, "build", "src", "taio")
HELLO = os.path.join(ROOT, "build", "bench", "taio-hello")
NOW = "2026-11-24T10:30:00+09:00"
AGENT = "agent001"
LEVELS = (1, 16, 64)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def lua_list(name, values):
    return "local %s = {%s}\n" % (name, ", ".join(json.dumps(v) for v in values))


def write_scripts(tmp, numbers):
    """wrk Lua scripts: GETs rotating over the cases, POSTs with unique
    bodies. Returns {kind: (path template, script file or None)}."""
    rotate = lua_list("cases", numbers) + (
        "local n = 0\n"
        "request = function()\n"
        "  n = n + 1\n"
        "  local c = cases[(n %% #cases) + 1]\n"
        "  %s\n"
        "end\n")
    get_case = rotate % 'return wrk.format("GET", "/api/v1/cases/" .. c)'
    def post(path_expr, body_fmt):
        return ('wrk.method = "POST"\n'
                'wrk.headers["Content-Type"] = "application/json"\n' +
                rotate % ('return wrk.format("POST", %s, nil, '
                          'string.format(%s, math.random(1000000000), n))'
                          % (path_expr,
                             json.dumps(body_fmt, ensure_ascii=False))))
    scripts = {
        "get_case": get_case,
        "post_case": post('"/api/v1/cases"',
                          '{"kind":"trouble","title":"bench %d-%d",'
                          '"customer":"#1","reported":"止まった",'
                          '"impact":"degraded"}'),
        "post_contact": post('"/api/v1/cases/" .. c .. "/contacts"',
                             '{"direction":"out","channel":"phone",'
                             '"summary":"bench %d-%d"}'),
        "post_promise": post('"/api/v1/cases/" .. c .. "/promises"',
                             '{"due":"2026-11-25T10:00:00+09:00",'
                             '"to":"先方","text":"bench %d-%d"}'),
    }
    paths = {}
    for kind, text in scripts.items():
        path = os.path.join(tmp, kind + ".lua")
        with open(path, "w") as f:
            f.write(text)
        paths[kind] = path
    return paths


def parse_ms(text):
    m = re.match(r"([\d.]+)(us|ms|s)", text)
    value, unit = float(m.group(1)), m.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" \
        else value


def wrk(url, connections, seconds, token=None, script=None):
    argv = ["wrk", "-t", str(min(2, connections)), "-c", str(connections),
            "-d", f"{seconds}s", "--latency", "--timeout", "10s"]
    if token:
        # As browsers, curl --compressed and Python's requests do.
        argv += ["-H", f"Authorization: Bearer {token}",
                 "-H", "Accept-Encoding: gzip"]
    if script:
        argv += ["-s", script]
    out = subprocess.run(argv + [url], capture_output=True, text=True,
                         check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = parse_ms(re.search(r"\n\s+50%\s+(\S+)", out).group(1))
    p99 = parse_ms(re.search(r"\n\s+99%\s+(\S+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    errors = 0
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if m:
        errors += int(m.group(1))
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), "
                  r"timeout (\d+)", out)
    if m:
        errors += sum(int(x) for x in m.groups())
    return {"rate": rate, "p50": p50, "p99": p99, "total": total,
            "errors": errors}


def start(argv, env=None):
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, text=True, env=env)
    line = proc.stdout.readline()
    if "serving" not in line:
        proc.kill()
        sys.exit(f"could not start {argv[0]}: {line}")
    return proc


def answer_size(url, token):
    """The length of one answer, read with the standard library only."""
    import urllib.request
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    req = urllib.request.Request(url, headers={
        "Authorization": f"Bearer {token}"})
    with opener.open(req) as r:
        return len(r.read())


def memory(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("VmHWM", "RssAnon", "RssFile"):
                fields[key] = int(value.split()[0]) // 1024
    return fields


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", default=os.path.join(ROOT, "bench", "out",
                                                 "bench.db"))
    ap.add_argument("--seconds", type=int, default=3)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--out")
    args = ap.parse_args()
    if not os.path.exists(args.db):
        sys.exit(f"{args.db} is missing: run build/bench/taio-bench "
                 "--generate-only first")
    tmp = tempfile.mkdtemp(prefix="taio-http-bench-")
    db = os.path.join(os.path.dirname(args.db), "http.db")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    shutil.copyfile(args.db, db)
    env = dict(os.environ, TAIO_NOW=NOW, TAIO_DB=db, TAIO_LANG="en")
    # Migrations and the agent's token before anything is timed.
    token = json.loads(subprocess.run(
        [TAIO, "--as", AGENT, "--json", "token", "create", "--user", AGENT,
         "--name", "bench"], env=env, capture_output=True, text=True,
        check=True).stdout)["token"]
    con = sqlite3.connect(db)
    numbers = [n for (n,) in con.execute(
        "SELECT c.number FROM cases c JOIN users u ON u.id = c.owner_id"
        " WHERE u.login = ? AND c.is_open = 1 ORDER BY c.id LIMIT 200",
        (AGENT,))]
    con.close()
    scripts = write_scripts(tmp, numbers)
    port = free_port()
    cold_port = free_port()
    hello_port = free_port()
    big_port = free_port()
    server = start([TAIO, "serve", "--listen", f"127.0.0.1:{port}",
                    "--access-log", "off"], env)
    cold = start([TAIO, "serve", "--listen", f"127.0.0.1:{cold_port}",
                  "--access-log", "off", "--cache-mb", "0"], env)
    base = f"http://127.0.0.1:{port}"
    cold_base = f"http://127.0.0.1:{cold_port}"
    case_bytes = answer_size(base + "/api/v1/cases/" + numbers[0], token)
    hello = start([HELLO, str(hello_port), "4"])
    big = start([HELLO, str(big_port), "4", str(case_bytes)])
    page = f"/api/v1/cases?status=in_progress&owner={AGENT}&limit=50"
    kinds = [
        ("hello-world GET (libmicrohttpd)", f"http://127.0.0.1:{hello_port}/",
         None, None),
        (f"hello-world GET, a {case_bytes}-byte body (the size of a case)",
         f"http://127.0.0.1:{big_port}/", None, None),
        ("GET a case with its timeline", base + "/", token,
         scripts["get_case"]),
        ("GET a page of 50 cases (status, owner)", base + page, token, None),
        ("GET the agenda", base + "/api/v1/agenda", token, None),
        ("GET a case with its timeline, cache off", cold_base + "/", token,
         scripts["get_case"]),
        ("GET a page of 50 cases, cache off", cold_base + page, token, None),
        ("GET the agenda, cache off", cold_base + "/api/v1/agenda", token,
         None),
        ("POST a new case", base + "/", token, scripts["post_case"]),
        ("POST a contact", base + "/", token, scripts["post_contact"]),
        ("POST a promise", base + "/", token, scripts["post_promise"]),
    ]
    results = {}
    peak = {"RssAnon": 0}
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            try:
                peak["RssAnon"] = max(peak["RssAnon"],
                                      memory(server.pid).get("RssAnon", 0))
            except OSError:
                return
            time.sleep(0.1)

    sampler = threading.Thread(target=sample)
    sampler.start()
    try:
        hello_url = kinds[0][1]
        for name, url, tok, script in kinds:
            for c in LEVELS:
                # The yardstick is measured again right before each
                # measurement, and each pair is taken --repeat times: the
                # machine's speed drifts by tens of percent within a run,
                # a ratio is only fair between neighbours, and the median
                # of several is steadier than one.
                runs = []
                for _ in range(args.repeat):
                    paired = wrk(hello_url, c, args.seconds)
                    run = wrk(url, c, args.seconds, tok, script)
                    run["hello"] = paired["rate"]
                    run["ratio"] = run["rate"] / paired["rate"]
                    runs.append(run)
                runs.sort(key=lambda r: r["ratio"])
                median = dict(runs[len(runs) // 2])
                median["errors"] = sum(r["errors"] for r in runs)
                median["ratios"] = [r["ratio"] for r in runs]
                results[(name, c)] = median
                print(f"{name} c={c}: {median}", file=sys.stderr)
        mem = memory(server.pid)
        mem["peak_anon"] = peak["RssAnon"]
    finally:
        stop.set()
        sampler.join()
        for proc in (server, cold, hello, big):
            proc.terminate()
        for proc in (server, cold, hello, big):
            proc.wait(timeout=60)
        shutil.rmtree(tmp)
    con = sqlite3.connect(db)
    integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
    con.close()
    report = render(results, kinds, mem, integrity, args, len(numbers))
    print(report)
    if args.out:
        with open(args.out, "w") as f:
            f.write(report + "\n")


def render(results, kinds, mem, integrity, args, n_cases):
    lines = [f"## http_bench, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
             "",
             f"{args.repeat} pairs of {args.seconds} s per row and connection level (the median pair shown); taio serve as shipped "
             f"(default threads, group commit, answer cache) on a copy of {os.path.basename(args.db)}; "
             f"reads and writes rotate over {n_cases} open cases of {AGENT}.",
             "",
             "| request | conns | req/s | p50 ms | p99 ms | errors | hello req/s just before | vs hello (median) | all ratios |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name, *_ in kinds:
        for c in LEVELS:
            r = results[(name, c)]
            ratio = r["ratio"]
            spread = "–".join(f"{x:.0%}" for x in (r["ratios"][0],
                                                   r["ratios"][-1]))
            lines.append(f"| {name} | {c} | {r['rate']:.0f} | {r['p50']:.2f} | "
                         f"{r['p99']:.2f} | {r['errors']} | {r['hello']:.0f} | "
                         f"{ratio:.0%} | {spread} |")
    lines += ["",
              f"Memory of taio serve: peak anonymous RSS {mem.get('peak_anon')} MB "
              f"(sampled every 0.1 s); VmHWM {mem.get('VmHWM')} MB, which also "
              f"counts the pages of the memory-mapped database "
              f"({mem.get('RssFile')} MB mapped at the end, shared with the page "
              f"cache). PRAGMA integrity_check afterwards: {integrity}."]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
