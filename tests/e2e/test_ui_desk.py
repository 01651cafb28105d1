# SPDX-License-Identifier: MIT
"""The desk's pages over real HTTP: intake with ETA and promise in one
form, every action of the case page, a stale version, the phone memo for
an absent colleague, presence, the customer's weekly grid, the type-ahead,
and hostile text in every field the pages show (the escape sweep). The
browser tests (tests/browser) click the same flows in chromium."""
import re

from test_ui_pages import HOSTILE, csrf_of
from test_ui_pages import log_in as log_in_any


def log_in(server, login="sato"):
    """A logged-in browser that asks for Japanese pages."""
    http = log_in_any(server, login)
    http.headers["Accept-Language"] = "ja"
    return http


def post_form(server, http, path, page, fields):
    """Post fields to path with the CSRF token of page, not following the
    redirect."""
    data = dict(fields)
    data["csrf"] = csrf_of(page)
    return http.post(server.base + path, data=data, allow_redirects=False,
                     timeout=30)


def case_api(server, number):
    r = server.get("/api/v1/cases/" + number)
    assert r.status_code == 200, r.text
    return r.json()


def open_case(server):
    """A case of sato's, through the CLI; its number."""
    out = server.taio.json("case", "open", "--kind", "trouble",
                           "--customer", "#1", "--title", "プリンタ停止",
                           "--reported", "印刷できない", as_user="sato")
    return out["number"]


def test_intake_opens_case_eta_and_promise_in_one_post(server):
    server.taio.ok("customer", "flag", "#1", "--kind", "unpaid",
                   "--reason", "9月分が未入金", as_user="sato")
    http = log_in(server)
    page = http.get(server.base + "/intake?customer=1").text
    # The flags and how to reach them come before the form.
    assert page.index("9月分が未入金") < page.index('id="intake"')
    assert page.index("電話") < page.index('id="intake"')
    r = post_form(server, http, "/intake", page, {
        "customer": "1", "contact": "1", "kind": "trouble",
        "reported": "朝から出荷ラベルが印刷できない", "title": "ラベル印刷不可",
        "impact": "stopped", "eta_text": "本日17時まで", "eta": "17:00",
        "promise_due": "15:30", "promise_to": ""})
    assert r.status_code == 303, r.text
    number = r.headers["Location"].rsplit("/", 1)[1]
    c = case_api(server, number)
    assert c["eta"]["text"] == "本日17時まで"
    assert c["eta"]["at"].startswith("2026-11-24T17:00")
    assert c["impact"] == "stopped"
    [p] = c["promises"]
    assert p["to"] == "田中 一郎" and p["due"].startswith("2026-11-24T15:30")
    case_page = http.get(server.base + r.headers["Location"]).text
    assert "ラベル印刷不可" in case_page and "本日17時まで" in case_page


def test_a_refused_intake_keeps_what_was_typed_and_writes_nothing(server):
    before = server.taio.sql("SELECT COUNT(*) FROM cases")[0][0]
    http = log_in(server)
    page = http.get(server.base + "/intake?customer=1").text
    r = post_form(server, http, "/intake", page, {
        "customer": "1", "kind": "trouble", "reported": "",
        "title": "件名だけ", "promise_due": "not a time"})
    assert r.status_code == 422
    assert "件名だけ" in r.text            # kept
    assert "お客様の言葉" in r.text        # the field named by its label
    assert "折り返し期限" in r.text
    assert server.taio.sql("SELECT COUNT(*) FROM cases")[0][0] == before


def test_every_case_action_lands_on_the_timeline(server):
    number = open_case(server)
    http = log_in(server)
    path = "/cases/" + number
    page = http.get(server.base + path).text

    def act(action, **fields):
        nonlocal page
        version = re.search(r'name="version" value="(\d+)"', page).group(1)
        fields.setdefault("version", version)
        # The page's own form says where it posts.
        target = re.search(r'<form method="post" class="stack" '
                           r'action="(/cases/[^"]+/%s)"' % action, page)
        assert target, action
        r = post_form(server, http, target.group(1), page, fields)
        assert r.status_code == 303, (action, r.status_code, r.text[-2000:])
        assert r.headers["Location"] == path + "#timeline"
        page = http.get(server.base + path).text
        return page

    act("contact", direction="out", channel="phone", summary="状況を確認",
        duration="5m")
    act("eta", text="1〜2日", eta="")
    act("promise", due="16:00", to="田中 一郎", text="")
    promise = case_api(server, number)["promises"][0]["id"]
    act("renegotiate", promise=str(promise), due="17:00",
        consented_by="田中 一郎", note="部品待ち")
    newer = [p for p in case_api(server, number)["promises"]
             if p["state"] == "open"][0]["id"]
    act("keep", promise=str(newer))
    act("note", note="再起動で復旧を確認")
    act("status", status="in_progress", comment="")
    act("escalate", reason="先方が責任者からの説明を希望")
    c = case_api(server, number)
    kinds = [e["kind"] for e in c["timeline"]]
    for kind in ("contact", "eta", "promise_added", "promise_renegotiated",
                 "promise_kept", "note", "status", "escalated"):
        assert kind in kinds, kinds
    assert c["owner"]["login"] == "kimura"  # sato's manager took it over
    assert c["status"] == "in_progress"
    assert "先方が責任者からの説明を希望" in page
    act("assign", owner="sato")
    assert case_api(server, number)["owner"]["login"] == "sato"
    # The customer prefers the phone: the update becomes a call to make.
    act("update", text="部品は明日届きます")
    assert any("部品は明日届きます" in p["text"] and p["channel"] == "phone"
               for p in case_api(server, number)["promises"])


def test_renegotiating_asks_who_agreed(server):
    number = open_case(server)
    server.taio.ok("promise", "add", number, "--due", "+1h", "--to",
                   "田中 一郎", as_user="sato")
    http = log_in(server)
    path = "/cases/" + number
    page = http.get(server.base + path).text
    promise = case_api(server, number)["promises"][0]["id"]
    r = post_form(server, http, path + "/renegotiate", page, {
        "promise": str(promise), "due": "+3h", "consented_by": ""})
    assert r.status_code == 422
    assert "同意した人" in r.text
    assert '<details class="action"' in r.text
    [p] = case_api(server, number)["promises"]
    assert p["state"] == "open"           # nothing moved


def test_a_stale_version_shows_the_case_as_it_is_now(server):
    number = open_case(server)
    http = log_in(server)
    path = "/cases/" + number
    page = http.get(server.base + path).text
    # Someone else moves the case meanwhile.
    server.taio.ok("case", "status", number, "acknowledged", as_user="kimura")
    r = post_form(server, http, path + "/status", page, {
        "version": re.search(r'name="version" value="(\d+)"', page).group(1),
        "status": "resolved"})
    assert r.status_code == 409
    assert "他の人がこの案件を変更しました" in r.text
    assert case_api(server, number)["status"] == "acknowledged"


def test_a_promise_of_another_case_is_refused(server):
    first = open_case(server)
    second = open_case(server)
    server.taio.ok("promise", "add", first, "--due", "+1h", "--to", "田中",
                   as_user="sato")
    promise = case_api(server, first)["promises"][0]["id"]
    http = log_in(server)
    page = http.get(server.base + "/cases/" + second).text
    r = post_form(server, http, f"/cases/{second}/keep", page,
                  {"promise": str(promise)})
    assert r.status_code == 422
    assert case_api(server, first)["promises"][0]["state"] == "open"


def test_case_actions_need_the_csrf_token_and_a_known_action(server):
    number = open_case(server)
    http = log_in(server)
    r = http.post(f"{server.base}/cases/{number}/note",
                  data={"note": "forged"}, allow_redirects=False)
    assert r.status_code == 403
    page = http.get(f"{server.base}/cases/{number}").text
    r = post_form(server, http, f"/cases/{number}/explode", page, {})
    assert r.status_code == 404
    r = http.get(server.base + "/cases/2026-9999")
    assert r.status_code == 404 and "text/html" in r.headers["Content-Type"]
    notes = [e for e in case_api(server, number)["timeline"]
             if e["kind"] == "note"]
    assert notes == []


def test_a_phone_memo_for_an_absent_colleague(server):
    server.taio.ok("user", "presence", "sato", "out", "--reason",
                   "客先訪問中", "--until", "16:00", as_user="sato")
    http = log_in(server, "ito")              # the clerk takes the call
    page = http.get(server.base + "/memo").text
    assert "客先訪問中" in page                 # the board is on the memo
    page = http.get(server.base + "/memo?for=sato&customer=1").text
    assert 'name="told"' in page and "客先訪問中" in page
    assert re.search(r'name="callback" value="2026-11-24 16:00"', page)
    r = post_form(server, http, "/memo", page, {
        "for": "sato", "customer": "1", "caller": "田中 一郎",
        "question": "見積書の件で確認したい", "told": "外出中、16時戻り",
        "callback": "16:30"})
    assert r.status_code == 303, r.text
    number = r.headers["Location"].split("left=")[1]
    c = case_api(server, number)
    assert c["owner"]["login"] == "sato" and c["kind"] == "inquiry"
    [p] = c["promises"]
    assert p["to"] == "田中 一郎" and p["owner"] == "sato"
    assert any(e["kind"] == "note" and "16時戻り" in e["text"]
               for e in c["timeline"])
    done = http.get(server.base + r.headers["Location"]).text
    assert number in done
    # It waits among sato's open promises (the agenda lists it once its
    # reminder time comes; the browser test walks the clock there).
    mine = server.get("/api/v1/promises?owner=sato&open=true").json()
    assert number in [p["case"] for p in mine["items"]]


def test_presence_board_changes_ones_own_presence(server):
    http = log_in(server)
    page = http.get(server.base + "/presence").text
    r = post_form(server, http, "/presence", page, {
        "presence": "meeting", "reason": "社内会議", "until": "15:00"})
    assert r.status_code == 303, r.text
    board = http.get(server.base + "/presence").text
    assert "社内会議" in board
    r = post_form(server, http, "/presence", board, {
        "presence": "nowhere"})
    assert r.status_code == 422
    # An agent may not set someone else's presence.
    r = post_form(server, http, "/presence", board, {
        "login": "kimura", "presence": "off"})
    assert r.status_code == 403


def test_the_weekly_grid_edits_reachable_hours(server):
    http = log_in(server)
    page = http.get(server.base + "/customers/1").text
    assert 'value="08:30-17:30"' in page      # monday from the stored text
    fields = {d: "09:00-12:00,13:00-17:00" for d in
              ("mon", "tue", "wed", "thu", "fri")}
    fields.update({"sat": "", "sun": "", "channels": "fax,phone",
                   "closed_days": "12-29..01-03", "notes": "FAXで連絡",
                   "lang": "en", "version": re.search(r'name="version" value="(\d+)"',
                                        page).group(1)})
    r = post_form(server, http, "/customers/1/reach", page, fields)
    assert r.status_code == 303, r.text
    cu = server.get("/api/v1/customers/1").json()
    assert cu["hours"] == "mon-fri 09:00-12:00,13:00-17:00"
    assert cu["lang"] == "en"
    assert '<option value="en" selected' in http.get(
        server.base + "/customers/1").text
    assert cu["channels"] == ["fax", "phone"] or cu["channels"] == "fax,phone"
    page = http.get(server.base + "/customers/1").text
    fields["version"] = re.search(r'name="version" value="(\d+)"',
                                  page).group(1)
    fields["mon"] = "25:00-26:00"
    r = post_form(server, http, "/customers/1/reach", page, fields)
    assert r.status_code == 422 and "連絡可能時間" in r.text
    assert 'value="25:00-26:00"' in r.text     # kept for correcting
    # Based on an old version: refused, the page shows the stored hours.
    fields["mon"] = "10:00-11:00"
    fields["version"] = "1"
    r = post_form(server, http, "/customers/1/reach", page, fields)
    assert r.status_code == 409
    assert server.get("/api/v1/customers/1").json()["hours"] == \
        "mon-fri 09:00-12:00,13:00-17:00"
    r = http.get(server.base + "/customers/999")
    assert r.status_code == 404 and "該当する顧客がありません" in r.text


def test_type_ahead_finds_by_kana_and_phone(server):
    http = log_in(server)
    for q in ("やまだ", "ヤマダ", "山田", "0334567801", "たなか"):
        r = http.get(server.base + "/customers/matches",
                     params={"q": q, "pick": "intake"})
        assert r.status_code == 200
        assert 'href="/intake?customer=1"' in r.text, q
    r = http.get(server.base + "/customers/matches",
                 params={"q": "該当なし", "pick": "memo", "for": "sato"})
    assert "該当する顧客がありません" in r.text
    r = http.get(server.base + "/customers/matches",
                 params={"q": "山田", "pick": "memo", "for": "sato"})
    assert 'href="/memo?customer=1&amp;for=sato"' in r.text


def test_hostile_text_in_every_field_comes_out_escaped(server):
    t = server.taio
    t.ok("user", "edit", "ito", "--name", HOSTILE, as_user="admin")
    t.ok("user", "presence", "ito", "out", "--reason", HOSTILE,
         "--until", "17:00", as_user="ito")
    t.ok("customer", "add", "--name", HOSTILE, "--reading", HOSTILE,
         "--phone", "03-0000-0000", "--notes", HOSTILE, as_user="sato")
    t.ok("customer", "flag", "#2", "--kind", "abusive", "--reason", HOSTILE,
         as_user="sato")
    t.ok("contact-person", "add", "--customer", "#2", "--name", HOSTILE,
         "--title", HOSTILE, "--notes", HOSTILE, as_user="sato")
    out = t.json("case", "open", "--kind", "complaint", "--customer", "#2",
                 "--title", HOSTILE, "--reported", HOSTILE, "--affected",
                 HOSTILE, "--workaround", HOSTILE, "--eta-text", HOSTILE,
                 "--promise-due", "+10m", "--promise-text", HOSTILE,
                 "--promise-to", HOSTILE, as_user="sato")
    number = out["number"]
    t.ok("case", "note", number, HOSTILE, as_user="sato")
    t.ok("case", "log-contact", number, "--direction", "in", "--channel",
         "phone", "--with", HOSTILE, "--summary", HOSTILE, as_user="sato")
    t.ok("case", "escalate", number, HOSTILE, as_user="sato")
    http = log_in(server, "kimura")
    pages = ["/", "/?view=team", "/cases/" + number, "/customers/2",
             "/intake?customer=2", "/memo", "/memo?for=ito&customer=2",
             "/presence", "/customers?q=" + "script",
             "/customers/matches?q=script&pick=memo&for=" + HOSTILE,
             "/intake?q=" + HOSTILE, "/memo?for=" + HOSTILE,
             "/settings", "/settings/users", "/settings/tokens"]
    for path in pages:
        r = http.get(server.base + path)
        assert r.status_code == 200, (path, r.status_code)
        assert HOSTILE not in r.text, path
        assert "<img" not in r.text and "<script>" not in r.text, path
    case_page = http.get(server.base + "/cases/" + number).text
    assert case_page.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 8


def test_a_memo_with_a_caller_name_too_long_is_refused_whole(server):
    http = log_in(server, "ito")
    page = http.get(server.base + "/memo?for=sato&customer=1").text
    before = server.taio.sql("SELECT COUNT(*) FROM cases")[0][0]
    r = post_form(server, http, "/memo", page, {
        "for": "sato", "customer": "1", "caller": "長" * 61,
        "question": "用件", "callback": "16:30"})
    assert r.status_code == 422
    assert "電話の相手" in r.text
    assert server.taio.sql("SELECT COUNT(*) FROM cases")[0][0] == before


def test_a_caller_not_yet_known_is_added_during_intake(server):
    http = log_in(server, "ito")
    page = http.get(server.base + "/intake?q=%E9%88%B4%E6%9C%A8").text
    assert "該当する顧客がありません" in page and 'id="new-customer"' in page
    r = post_form(server, http, "/customers", page, {
        "pick": "intake", "kind": "organization", "name": "",
        "reading": "すずきしょうじ"})
    assert r.status_code == 422 and 'value="すずきしょうじ"' in r.text
    r = post_form(server, http, "/customers", page, {
        "pick": "intake", "kind": "organization", "name": "鈴木商事",
        "reading": "すずきしょうじ", "phone": "03-1111-2222",
        "channels": "phone"})
    assert r.status_code == 303
    assert re.fullmatch(r"/intake\?customer=\d+", r.headers["Location"])
    page = http.get(server.base + r.headers["Location"]).text
    assert "鈴木商事" in page and 'id="intake"' in page
    # From the memo, the colleague asked for is kept.
    r = post_form(server, http, "/customers", page, {
        "pick": "memo", "for": "sato", "name": "高田工務店"})
    assert re.fullmatch(r"/memo\?customer=\d+&for=sato",
                        r.headers["Location"])


def test_contact_people_and_busy_periods_from_the_customer_page(server):
    http = log_in(server)
    page = http.get(server.base + "/customers/1").text
    r = post_form(server, http, "/customers/1/contacts", page, {
        "name": "佐々木 花子", "reading": "ささき はなこ", "title": "経理",
        "phone": "03-3456-7809", "channels": "email,phone"})
    assert r.status_code == 303, r.text
    page = http.get(server.base + "/customers/1").text
    assert "佐々木 花子" in page and "経理" in page
    r = post_form(server, http, "/customers/1/busy", page, {
        "from": "2026-11-28", "to": "2026-12-01",
        "repeat": "FREQ=MONTHLY;BYMONTHDAY=-3", "note": "月末締め"})
    assert r.status_code == 303, r.text
    page = http.get(server.base + "/customers/1").text
    assert "月末締め" in page and "FREQ=MONTHLY" in page
    # A refused period names its field and keeps the other forms intact.
    r = post_form(server, http, "/customers/1/busy", page, {
        "from": "someday", "to": "2026-12-01"})
    assert r.status_code == 422 and "開始" in r.text
    assert 'value="08:30-17:30"' in r.text      # the grid still shows hours
