# SPDX-License-Identifier: MIT
"""The trouble-handling loop from the README, end to end."""


def test_version_prints_the_version(taio):
    out = taio.ok("--version").stdout
    assert out.startswith("taio ")
    assert taio.json("--version") == {"version": out.split()[1]}


def test_a_trouble_goes_from_intake_to_closed(desk):
    case = desk.json(
        "case", "open", "--kind", "trouble", "--customer", "やまだ",
        "--contact", "田中", "--title", "2号ライン制御PCが起動しない",
        "--reported", "朝から制御PCが起動しない。生産が止まっている。",
        "--impact", "stopped", "--deadline", "2026-11-26 09:00",
        "--eta", "2026-11-25 18:00", "--eta-text", "1〜2日",
        "--promise-due", "15:30")
    number = case["number"]
    assert number == "2026-0001"
    assert case["eta"]["text"] == "1〜2日"
    promise_id = case["promises"][0]["id"]
    assert case["promises"][0]["due"] == "2026-11-24T15:30:00+09:00"
    assert case["promises"][0]["to"] == "田中 一郎"

    desk.now = "2026-11-24T15:20:00+09:00"
    agenda = desk.json("agenda", "--user", "sato")
    assert [i["kind"] for i in agenda][0] == "promise_due"

    renegotiated = desk.json("promise", "renegotiate", promise_id,
                             "--due", "16:30", "--consented-by", "田中 一郎")
    assert renegotiated["predecessor_id"] == promise_id
    desk.now = "2026-11-24T16:25:00+09:00"
    desk.ok("case", "log-contact", number, "--direction", "out",
            "--channel", "phone", "--summary", "部品の到着時刻を連絡")
    kept = desk.json("promise", "keep", renegotiated["id"])
    assert kept["state"] == "kept" and kept["on_time"] is True

    desk.ok("case", "status", number, "in_progress")
    desk.ok("case", "status", number, "resolved", "--comment", "部品交換")
    # The same day: the report, approved by the manager.
    desk.ok("report", "edit", number, "--cause", "制御PCの電源ユニット故障",
            "--response", "工場長に経過を電話で連絡し、部品交換で復旧",
            "--prevention", "5年を超えた制御PCの電源を定期点検する",
            as_user="sato")
    desk.ok("report", "submit", number, as_user="sato")
    desk.ok("report", "approve", number, as_user="kimura")
    closed = desk.json("case", "status", number, "closed")
    assert closed["status"] == "closed"
    kinds = [e["kind"] for e in closed["timeline"]]
    assert kinds[0] == "opened"
    assert "promise_renegotiated" in kinds and "promise_kept" in kinds
