# SPDX-License-Identifier: MIT
"""Full-text search over a real SQLite file with taio's Japanese
tokenizer: every query length, kana and width folding, filters, FTS5
syntax in user input, the index following edits, and the CLI, API and
page showing the same hits."""
import json
import re

import pytest

from test_ui_desk import log_in


def open_case(desk, title, reported, kind="trouble", **extra):
    args = ["case", "open", "--kind", kind, "--customer", "#1", "--title",
            title, "--reported", reported, "--owner", "sato"]
    for key, value in extra.items():
        args += ["--" + key.replace("_", "-"), value]
    return desk.json(*args)["number"]


@pytest.fixture
def past(desk):
    """Three past cases of different words and kinds, a note and a second
    customer."""
    numbers = {
        "network": open_case(desk, "ネットワーク障害で受注システム停止",
                             "朝から受注画面が開かない。ルーターのランプが"
                             "赤い。"),
        "key": open_case(desk, "倉庫の鍵が開かない", "電子錠の電池切れ",
                         kind="request",
                         received="2026-10-01 10:00"),
        "late": open_case(desk, "訪問の遅刻について", "約束の時間に技術者が"
                          "来なかった。", kind="complaint"),
    }
    desk.ok("case", "note", numbers["network"],
            "原因はルーターのファームウェア不具合。再発防止として"
            "自動更新を停止した。")
    desk.ok("customer", "add", "--name", "林電機株式会社", "--reading",
            "ハヤシデンキ", "--notes", "複合機の保守契約あり")
    return numbers


def search(desk, *words, **options):
    args = ["search", *words]
    for key, value in options.items():
        args += ["--" + key, value]
    return desk.json(*args)


def test_every_query_length_is_found(desk, past):
    # 1, 2, 3 and 6 characters; the one-character word sits inside a run
    # (倉庫の鍵が) and at the end of one (電子錠).
    assert past["key"] in [h["case"] for h in search(desk, "鍵")]
    assert past["key"] in [h["case"] for h in search(desk, "錠")]
    assert [h["case"] for h in search(desk, "遅刻")] == [past["late"]]
    hits = search(desk, "障害")
    assert hits[0]["type"] == "case" and hits[0]["case"] == past["network"]
    assert search(desk, "受注シ")[0]["case"] == past["network"]
    hits = search(desk, "ネットワーク")
    assert [h["case"] for h in hits] == [past["network"]]
    # Two words: both must occur, in any order and place.
    assert search(desk, "停止 ランプ")[0]["case"] == past["network"]
    assert search(desk, "停止 鍵") == []


def test_kana_and_width_do_not_matter(desk, past):
    for spelling in ("ﾈｯﾄﾜｰｸ", "ねっとわーく", "ネットワーク"):
        assert search(desk, spelling)[0]["case"] == past["network"]
    assert search(desk, "ＰＣ") == search(desk, "pc")
    [customer] = search(desk, "はやし")
    assert customer["type"] == "customer" and customer["case"] is None
    assert customer["title"] == "林電機株式会社"


def test_timeline_entries_and_snippets(desk, past):
    hits = search(desk, "ファームウェア")
    [note] = [h for h in hits if h["type"] == "event"]
    assert note["case"] == past["network"] and note["kind"] == "note"
    start, end = note["marks"][0]
    assert note["snippet"][start:end] == "ファームウェア"
    # A half-width query marks the full-width text it found.
    [hit] = search(desk, "ｼｽﾃﾑ")
    start, end = hit["marks"][0]
    assert hit["snippet"][start:end] == "システム"


def test_filters(desk, past):
    assert [h["case"] for h in search(desk, "開かない", kind="request")] == \
        [past["key"]]
    assert search(desk, "開かない", kind="complaint") == []
    assert [h["case"] for h in search(desk, "開かない",
                                       to="2026-10-02")] == [past["key"]]
    hits = search(desk, "開かない", **{"from": "2026-11-01"})
    assert past["key"] not in [h["case"] for h in hits]
    assert search(desk, "複合機", customer="#1") == []


@pytest.mark.parametrize("query", [
    '"', 'a"b', "*", "障害*", "(障害", "障害 OR 鍵", "NEAR(障害 鍵)",
    "-障害", "title:障害", "^障害", "AND", "障害 NOT 鍵", "{障害}",
])
def test_fts_syntax_in_a_query_is_only_text(desk, past, query):
    r = desk.run("--json", "search", query)
    # Either hits or a clear "no word" problem; never an FTS5 error.
    if r.returncode != 0:
        problem = json.loads(r.stdout)
        assert [f["field"] for f in problem["fields"]] == ["q"]
    else:
        json.loads(r.stdout)
    assert "fts5" not in r.stderr.lower() and "syntax" not in r.stderr


def test_bad_searches_name_the_field(desk, past):
    for args, field in ((["。、"], "q"), (["障害", "--kind", "x"], "kind"),
                        (["障害", "--limit", "0"], "limit"),
                        (["障害", "--from", "2026-11-02", "--to",
                          "2026-11-01"], "to"),
                        (["障害", "--customer", "#999"], "customer")):
        r = desk.run("--json", "search", *args)
        assert r.returncode != 0, args
        fields = [f["field"] for f in json.loads(r.stdout)["fields"]]
        assert fields == [field], (args, fields)


def test_the_index_follows_every_change(desk, past):
    desk.ok("case", "edit", past["late"], "--title", "作業員の到着が遅れた件")
    assert search(desk, "遅刻") == []
    assert search(desk, "到着")[0]["case"] == past["late"]
    desk.ok("case", "note", past["late"], "次回から前日に到着時刻を連絡する")
    events = [h for h in search(desk, "前日") if h["type"] == "event"]
    assert [h["case"] for h in events] == [past["late"]]
    desk.ok("customer", "edit", "#2", "--name", "林電機工業")
    assert search(desk, "林電機工業")[0]["type"] == "customer"


def test_the_api_and_the_page_show_the_same_hits(server, past):
    r = server.get("/api/v1/search?q=" + "障害")
    assert r.status_code == 200
    api = r.json()["items"]
    assert api[0]["case"] == past["network"]
    r = server.get("/api/v1/search?q=障害&bogus=1")
    assert r.status_code == 422 and r.json()["fields"][0]["field"] == "bogus"
    r = server.get("/api/v1/search?q=%FF%FE")
    assert r.status_code in (400, 422)
    r = server.get("/api/v1/search?q=")
    assert r.status_code == 422 and r.json()["fields"][0]["field"] == "q"
    viewer = server.get("/api/v1/search?q=鍵", as_user="watanabe")
    assert viewer.status_code == 200 and viewer.json()["items"]
    http = log_in(server)
    page = http.get(server.base + "/search", params={"q": "障害"}).text
    assert f'href="/cases/{past["network"]}"' in page
    assert "<mark>障害</mark>" in page
    r = http.get(server.base + "/search", params={"q": "障害",
                                                  "kind": "nothing"})
    assert r.status_code == 422 and "種別" in r.text


def test_hostile_text_is_shown_as_text(desk, past, tmp_path):
    from conftest import Server
    open_case(desk, "<script>alert(1)</script>障害", "<img src=x "
              "onerror=alert(2)>障害")
    server = Server(desk, tmp_path)
    try:
        http = log_in(server)
        page = http.get(server.base + "/search", params={"q": "障害"}).text
        assert "<script>alert(1)" not in page and "<img src=x" not in page
        assert "&lt;script&gt;" in page
    finally:
        server.stop()


def test_the_page_filters_by_cause_and_customer(server, past):
    from test_ui_desk import log_in
    http = log_in(server)
    page = http.get(server.base + "/search", params={"q": "開かない"}).text
    assert 'name="cause"' in page and 'name="customer"' in page
    page = http.get(server.base + "/search",
                    params={"q": "開かない", "customer": "#1",
                            "cause": "", "kind": "request"}).text
    assert f'href="/cases/{past["key"]}"' in page
    assert f'href="/cases/{past["network"]}"' not in page
    r = http.get(server.base + "/search",
                 params={"q": "開かない", "customer": "#999"})
    assert r.status_code == 422 and "顧客" in r.text
