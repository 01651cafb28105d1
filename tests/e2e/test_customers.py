# SPDX-License-Identifier: MIT
"""Customers and their contact people: adding, finding by name, kana
reading or phone, the organisation hierarchy, flags, busy periods, and
the history every change leaves behind."""
import pytest


def find_ids(t, query):
    return [c["id"] for c in t.json("customer", "find", query)]


def history(t, ref):
    return t.json("customer", "history", ref)


def changes(t, ref):
    """{field: (old, new)} of the customer's update rows."""
    return {h["field"]: (h["old"], h["new"]) for h in history(t, ref)
            if h["action"] == "update"}


# --- adding and showing -----------------------------------------------------

def test_customer_add_stores_every_option(desk):
    c = desk.json(
        "customer", "add", "--name", "有限会社グリーン物流",
        "--reading", "グリーンブツリュウ", "--kind", "organization",
        "--phone", "047-712-3456", "--phone", "fax:047-712-3457",
        "--email", "support@green-butsuryu.jp",
        "--address", "千葉県市川市二俣新町 18-2",
        "--channels", "email,phone", "--hours", "mon-fri 09:00-17:00",
        "--closed", "08-13..08-16", "--notes", "倉庫は土曜も稼働")
    assert c["id"] == 2
    assert c["name"] == "有限会社グリーン物流"
    assert c["reading"] == "グリーンブツリュウ"
    assert c["kind"] == "organization"
    assert c["phones"] == [{"label": "tel", "number": "047-712-3456"},
                           {"label": "fax", "number": "047-712-3457"}]
    assert c["email"] == "support@green-butsuryu.jp"
    assert c["address"] == "千葉県市川市二俣新町 18-2"
    assert c["channels"] == ["email", "phone"]
    assert c["hours"] == "mon-fri 09:00-17:00"
    assert c["closed_days"] == "08-13..08-16"
    assert c["notes"] == "倉庫は土曜も稼働"
    assert c["flags"] == [] and c["parent"] is None
    assert desk.json("customer", "show", "#2") == c


def test_a_person_can_be_a_customer(desk):
    c = desk.json("customer", "add", "--name", "高橋 花子", "--kind",
                  "person", "--reading", "たかはし はなこ",
                  "--phone", "080-2345-6789", "--channels", "phone")
    assert c["kind"] == "person"
    assert find_ids(desk, "はなこ") == [c["id"]]


def test_customer_show_lists_contact_people_and_cases(desk):
    desk.ok("case", "open", "--kind", "inquiry", "--customer", "やまだ",
            "--title", "保守契約の更新について", "--reported", "更新の手続きを知りたい")
    c = desk.json("customer", "show", "やまだ")
    assert [k["name"] for k in c["contacts"]] == ["田中 一郎"]
    assert [x["number"] for x in c["cases"]] == ["2026-0001"]
    text = desk.ok("customer", "show", "やまだ").stdout
    assert "株式会社山田製作所" in text and "田中 一郎" in text
    assert "2026-0001" in text


# --- finding ----------------------------------------------------------------

@pytest.mark.parametrize("query", [
    "やまだ",            # hiragana
    "ヤマダ",            # katakana, as stored
    "ﾔﾏﾀﾞ",              # half-width katakana with a separate voicing mark
    "ﾔﾏﾀﾞｾｲｻｸｼｮ",        # the whole reading, half-width
    "やまだせいさくしょ",  # the whole reading, hiragana
    "山田",              # the name
    "株式会社山田製作所",  # the exact name
])
def test_reading_stored_as_katakana_is_found_by_any_kana(desk, query):
    assert find_ids(desk, query) == [1]


@pytest.mark.parametrize("query", [
    "03-3456-7801", "0334567801", "03-3456", "３４５６", "０３３４５６７８０１",
    "０３－３４５６－７８０１", "+81 3 3456 7801", "+81-3-3456-7801",
    "(03) 3456-7801",
])
def test_phone_number_is_found_however_it_is_typed(desk, query):
    assert find_ids(desk, query) == [1]


def test_contact_person_name_reading_and_phone_find_the_customer(desk):
    for query in ["田中", "田中 一郎", "たなか", "タナカ", "ﾀﾅｶ",
                  "09011112233", "090-1111"]:
        assert find_ids(desk, query) == [1], query


def test_long_vowels_voiced_kana_and_small_kana_fold_too(desk):
    desk.ok("customer", "add", "--name", "グリーン物流株式会社",
            "--reading", "グリーンブツリュウ")
    desk.ok("customer", "add", "--name", "ヴィラ・ヶ丘管理組合",
            "--reading", "ヴィラガオカカンリクミアイ")
    for query in ("ｸﾞﾘｰﾝ", "ぐりーん", "ｸﾞﾘｰﾝﾌﾞﾂﾘｭｳ", "ぐりーんぶつりゅう"):
        assert find_ids(desk, query) == [2], query
    for query in ("ゔぃら", "ｳﾞｨﾗ", "ヴィラガオカ"):
        assert find_ids(desk, query) == [3], query


def test_search_wildcards_are_taken_literally(desk):
    desk.ok("customer", "add", "--name", "100%リサイクル工房",
            "--reading", "ひゃくぱーせんとりさいくるこうぼう")
    assert find_ids(desk, "100%") == [2]
    assert find_ids(desk, "%") == [2]
    assert find_ids(desk, "_") == []
    assert find_ids(desk, "\\") == []


def test_names_are_trimmed_of_full_width_spaces(desk):
    c = desk.json("customer", "add", "--name", "\u3000株式会社 東和精機\u3000 ")
    assert c["name"] == "株式会社 東和精機"


def test_unrelated_queries_find_nothing(desk):
    assert desk.json("customer", "find", "すずき") == []
    assert desk.json("customer", "find", "06-6123-4567") == []
    assert "no customer matches" in desk.ok("customer", "find", "すずき").stdout


def test_find_without_query_lists_every_customer_by_reading(desk):
    # Readings in mixed scripts sort as one kana order: か < さ < や.
    desk.ok("customer", "add", "--name", "株式会社佐々木電機",
            "--reading", "ササキデンキ")
    desk.ok("customer", "add", "--name", "川口商店", "--reading", "かわぐちしょうてん")
    names = [c["name"] for c in desk.json("customer", "find")]
    assert names == ["川口商店", "株式会社佐々木電機", "株式会社山田製作所"]


def test_any_lookup_form_names_the_customer_in_other_commands(desk):
    for ref in ["#1", "ﾔﾏﾀﾞ", "０３３４５６７８０１", "田中"]:
        assert desk.json("customer", "show", ref)["id"] == 1, ref


def test_ambiguous_reference_lists_the_candidates(desk):
    desk.ok("customer", "add", "--name", "山田商事株式会社", "--reading", "ヤマダショウジ")
    code, err = desk.fail("customer", "show", "やまだ")
    assert code == 2
    assert err["fields"][0]["field"] == "customer"
    message = err["fields"][0]["message"]
    assert "株式会社山田製作所" in message and "山田商事株式会社" in message
    # The exact name still picks one.
    assert desk.json("customer", "show", "山田商事株式会社")["id"] == 2


# --- organisation hierarchy ---------------------------------------------------

def board_with_schools(t):
    t.ok("customer", "add", "--name", "市川市教育委員会",
         "--reading", "いちかわしきょういくいいんかい", "--phone", "047-334-1111")
    t.ok("customer", "add", "--name", "市川市立第一小学校",
         "--reading", "いちかわしりつだいいちしょうがっこう",
         "--parent", "市川市教育委員会")
    t.ok("customer", "add", "--name", "市川市立第二小学校",
         "--reading", "いちかわしりつだいにしょうがっこう", "--parent", "#2")


def test_schools_sit_under_their_board_of_education(desk):
    board_with_schools(desk)
    school = desk.json("customer", "show", "第一小学校")
    assert school["parent"] == {"id": 2, "name": "市川市教育委員会"}
    board = desk.json("customer", "show", "教育委員会")
    assert [c["name"] for c in board["children"]] == [
        "市川市立第一小学校", "市川市立第二小学校"]
    hits = desk.json("customer", "find", "第二小")
    assert hits[0]["parent"] == "市川市教育委員会"


def test_parent_loops_are_refused(desk):
    board_with_schools(desk)
    desk.ok("customer", "add", "--name", "市川市立第一小学校 分校",
            "--reading", "ぶんこう", "--parent", "#3")
    before = desk.dump()
    for child, parent in [("#2", "#2"), ("#2", "#3"), ("#2", "#5"),
                          ("#3", "#5")]:
        code, err = desk.fail("customer", "edit", child, "--parent", parent)
        assert code == 2, (child, parent)
        assert err["fields"] == [{"field": "parent", "message":
                                  "would make a loop of parent organisations"}]
    assert desk.dump() == before


def test_parent_can_be_moved_and_cleared(desk):
    board_with_schools(desk)
    desk.ok("customer", "edit", "#4", "--parent", "#3")
    assert desk.json("customer", "show", "#4")["parent"]["id"] == 3
    desk.ok("customer", "edit", "#4", "--parent", "")
    assert desk.json("customer", "show", "#4")["parent"] is None
    assert changes(desk, "#4")["parent"] == ("#3", None)


def test_unknown_parent_is_refused(desk):
    code, err = desk.fail("customer", "add", "--name", "東和精機株式会社",
                          "--parent", "存在しない本社")
    assert code == 2 and err["fields"][0]["field"] == "parent"


# --- flags --------------------------------------------------------------------

def test_flags_are_shown_in_customer_and_case(desk):
    desk.ok("customer", "flag", "やまだ", "--kind", "unpaid",
            "--reason", "請求書2件が未払い（計38,500円）")
    desk.user = "ito"   # a clerk may raise a flag: the person abused marks it
    desk.ok("customer", "flag", "やまだ", "--kind", "abusive",
            "--reason", "深夜の電話で担当者を怒鳴った")
    c = desk.json("customer", "show", "やまだ")
    assert [(f["kind"], f["reason"], f["by"]) for f in c["flags"]] == [
        ("unpaid", "請求書2件が未払い（計38,500円）", "sato"),
        ("abusive", "深夜の電話で担当者を怒鳴った", "ito")]
    assert c["flags"][0]["set"] == "2026-11-24T14:00:00+09:00"
    case = desk.json("case", "open", "--kind", "complaint", "--customer",
                     "やまだ", "--title", "請求金額への苦情",
                     "--reported", "請求額が見積と違う")
    assert case["customer"]["flags"] == [
        {"kind": "unpaid", "reason": "請求書2件が未払い（計38,500円）"},
        {"kind": "abusive", "reason": "深夜の電話で担当者を怒鳴った"}]
    assert desk.json("customer", "find", "やまだ")[0]["flags"] == 2
    # Staff see the flags first, before anything else.
    assert desk.ok("customer", "show", "やまだ").stdout.startswith("!! ")
    assert "!! " in desk.ok("case", "show", case["number"]).stdout


def test_unflag_clears_the_flag_and_needs_a_handling_role(desk):
    desk.ok("customer", "flag", "やまだ", "--kind", "caution",
            "--reason", "社長への直接連絡は禁止")
    before = desk.dump()
    code, err = desk.fail("customer", "unflag", "やまだ", "--kind", "caution",
                          as_user="ito")
    assert code == 1 and err["error"] == "forbidden"
    assert desk.dump() == before
    c = desk.json("customer", "unflag", "やまだ", "--kind", "caution",
                  "--reason", "社長交代のため")
    assert c["flags"] == []
    assert desk.sql("SELECT clear_reason FROM customer_flags") == [
        ("社長交代のため",)]


def test_same_flag_twice_and_clearing_a_missing_flag_are_refused(desk):
    desk.ok("customer", "flag", "やまだ", "--kind", "unpaid", "--reason", "未払い")
    before = desk.dump()
    code, err = desk.fail("customer", "flag", "やまだ", "--kind", "unpaid",
                          "--reason", "再度")
    assert code == 2 and err["fields"][0]["field"] == "flag"
    code, err = desk.fail("customer", "unflag", "やまだ", "--kind", "abusive")
    assert code == 2 and err["fields"][0]["field"] == "flag"
    code, err = desk.fail("customer", "flag", "やまだ", "--kind", "unpaid")
    assert code == 2 and err["fields"][0]["field"] == "reason"
    assert desk.dump() == before


def test_flag_and_unflag_leave_history(desk):
    desk.ok("customer", "flag", "やまだ", "--kind", "unpaid", "--reason", "未払い")
    desk.ok("customer", "unflag", "やまだ", "--kind", "unpaid", "--reason", "入金確認")
    rows = [(h["field"], h["old"], h["new"], h["by"])
            for h in history(desk, "やまだ") if h["action"] == "update"]
    assert rows == [("flag", None, "unpaid", "sato"),
                    ("flag", "unpaid", None, "sato")]


# --- busy periods ---------------------------------------------------------------

def test_busy_period_is_shown_and_blocks_reachable_time(desk):
    c = desk.json("customer", "busy", "やまだ", "--from", "2026-11-30 00:00",
                  "--to", "2026-12-05 00:00", "--note", "年末棚卸し")
    assert c["busy"] == [{"id": 1, "from": "2026-11-30T00:00:00+09:00",
                          "to": "2026-12-05T00:00:00+09:00",
                          "repeat": None, "note": "年末棚卸し"}]
    reach = desk.json("calendar", "is-business-time", "2026-12-01 10:00",
                      "--customer", "やまだ")
    assert reach["business"] is False
    assert desk.json("calendar", "is-business-time", "2026-12-07 10:00",
                     "--customer", "やまだ")["business"] is True
    assert "busy" in changes(desk, "やまだ")


def test_busy_period_must_end_after_it_starts(desk):
    before = desk.dump()
    code, err = desk.fail("customer", "busy", "やまだ", "--from", "2026-12-05",
                          "--to", "2026-12-01")
    assert code == 2 and err["fields"]
    assert desk.dump() == before


# --- history of edits -------------------------------------------------------------

def test_every_customer_edit_writes_history_rows(desk):
    desk.ok("customer", "edit", "やまだ", "--name", "株式会社山田製作所 本社工場",
            "--reading", "ヤマダセイサクショホンシャコウジョウ",
            "--email", "info@yamada-ss.co.jp", "--address", "東京都大田区西六郷 2-1-3",
            "--channels", "fax,phone", "--hours", "mon-sat 08:00-17:00",
            "--closed", "12-28..01-05", "--notes", "午前中は工場長不在",
            "--phone", "03-3456-7801", "--phone", "fax:03-3456-7809",
            "--kind", "person", as_user="ito")
    rows = [h for h in history(desk, "#1") if h["action"] == "update"]
    assert all(h["by"] == "ito" and h["entity"] == "customer" and
               h["at"] == "2026-11-24T14:00:00+09:00" for h in rows)
    assert changes(desk, "#1") == {
        "name": ("株式会社山田製作所", "株式会社山田製作所 本社工場"),
        "reading": ("ヤマダセイサクショ", "ヤマダセイサクショホンシャコウジョウ"),
        "email": (None, "info@yamada-ss.co.jp"),
        "address": (None, "東京都大田区西六郷 2-1-3"),
        "channels": ("phone,fax", "fax,phone"),
        "hours": ("mon-fri 08:30-17:30", "mon-sat 08:00-17:00"),
        "closed_days": (None, "12-28..01-05"),
        "notes": ("", "午前中は工場長不在"),
        "phones": ("tel:03-3456-7801", "tel:03-3456-7801, fax:03-3456-7809"),
        "kind": ("organization", "person"),
    }
    first = history(desk, "#1")[0]
    assert (first["action"], first["new"], first["by"]) == (
        "create", "株式会社山田製作所", "admin")


def test_edit_with_an_empty_value_clears_an_optional_field(desk):
    desk.ok("customer", "edit", "#1", "--email", "info@yamada-ss.co.jp")
    desk.ok("customer", "edit", "#1", "--email", "", "--hours", "")
    c = desk.json("customer", "show", "#1")
    assert c["email"] is None and c["hours"] is None
    assert changes(desk, "#1")["hours"] == ("mon-fri 08:30-17:30", None)


def test_renamed_customer_is_found_by_the_new_name_only(desk):
    desk.ok("customer", "edit", "やまだ", "--name", "ヤマダ精工株式会社",
            "--reading", "ヤマダセイコウ")
    assert find_ids(desk, "やまだせいこう") == [1]
    assert find_ids(desk, "製作所") == []


def test_text_history_shows_who_changed_what(desk):
    desk.ok("customer", "edit", "#1", "--notes", "請求書は郵送で")
    out = desk.ok("customer", "history", "#1").stdout
    assert "sato" in out and "notes" in out and "請求書は郵送で" in out


# --- contact people -------------------------------------------------------------

def test_contact_person_add_show_list(desk):
    k = desk.json("contact-person", "add", "--customer", "やまだ",
                  "--name", "佐々木 恵", "--reading", "ささき めぐみ",
                  "--title", "総務部", "--phone", "03-3456-7811",
                  "--phone", "mobile:070-1234-5678",
                  "--email", "sasaki@yamada-ss.co.jp",
                  "--channels", "email,phone", "--hours", "mon-fri 10:00-16:00",
                  "--notes", "メール優先")
    assert k["id"] == 2
    assert k["customer"] == {"id": 1, "name": "株式会社山田製作所"}
    assert (k["name"], k["reading"], k["title"]) == (
        "佐々木 恵", "ささき めぐみ", "総務部")
    assert k["phones"] == [{"label": "tel", "number": "03-3456-7811"},
                           {"label": "mobile", "number": "070-1234-5678"}]
    assert k["channels"] == ["email", "phone"]
    assert k["hours"] == "mon-fri 10:00-16:00"
    assert desk.json("contact-person", "show", "#2") == k
    assert desk.json("contact-person", "show", "2") == k
    people = desk.json("contact-person", "list", "やまだ")
    assert [p["name"] for p in people] == ["佐々木 恵", "田中 一郎"]
    assert find_ids(desk, "めぐみ") == [1]
    assert find_ids(desk, "070-1234-5678") == [1]


def test_contact_person_edit_changes_fields_and_writes_history(desk):
    k = desk.json("contact-person", "edit", "#1", "--title", "製造部長",
                  "--channels", "phone", "--notes", "携帯は緊急時のみ")
    assert (k["title"], k["channels"], k["notes"]) == (
        "製造部長", ["phone"], "携帯は緊急時のみ")
    assert k["name"] == "田中 一郎" and k["version"] == 2
    rows = desk.sql("SELECT field, old_value, new_value FROM history"
                    " WHERE entity = 'contact' AND entity_id = 1"
                    "   AND action = 'update' ORDER BY id")
    assert rows == [("title", "工場長", "製造部長"),
                    ("channels", "", "phone"),
                    ("notes", "", "携帯は緊急時のみ")]


def test_contact_person_phone_change_history_has_old_and_new(desk):
    desk.ok("contact-person", "edit", "#1", "--phone", "080-9999-0000")
    rows = desk.sql("SELECT old_value, new_value FROM history"
                    " WHERE entity = 'contact' AND field = 'phones'")
    assert rows == [("tel:090-1111-2233", "tel:080-9999-0000")]


def test_contact_person_of_another_customer_is_not_used_for_a_case(desk):
    desk.ok("customer", "add", "--name", "東和精機株式会社", "--reading", "トウワセイキ")
    desk.ok("contact-person", "add", "--customer", "トウワ", "--name", "鈴木 次郎")
    before = desk.dump()
    code, err = desk.fail("case", "open", "--kind", "trouble", "--customer",
                          "やまだ", "--contact", "鈴木", "--title", "異音",
                          "--reported", "モーターから異音")
    assert code == 2 and err["fields"][0]["field"] == "contact"
    assert desk.dump() == before


def test_contact_person_needs_an_existing_customer_and_a_name(desk):
    before = desk.dump()
    code, err = desk.fail("contact-person", "add", "--customer", "存在しない会社",
                          "--name", "鈴木 次郎")
    assert code == 2 and err["fields"][0]["field"] == "customer"
    code, err = desk.fail("contact-person", "add", "--customer", "やまだ",
                          "--name", "\u3000")
    assert code == 2 and err["fields"][0]["field"] == "name"
    assert desk.dump() == before
