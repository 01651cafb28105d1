# SPDX-License-Identifier: MIT
"""Checklists on a real SQLite file: templates bound to kinds and tags,
copied onto cases when they open or are tagged, ticks with who and when,
resolution held while required items are open unless a reason is given,
admins keeping templates in the CLI and the pages, and bad input."""
import json
import sqlite3

import pytest

from test_ui_desk import log_in, post_form

NETWORK = ["checklist", "add", "--name", "ネットワーク変更", "--tags",
           "network-change", "--item",
           "!先方の管理者に、現在のアドレスに依存するシステムを確認した",
           "--item", "変更後に主要システムへの接続を試した"]
REPLACEMENT = ["checklist", "add", "--name", "機器交換", "--kinds",
               "trouble", "--item",
               "!機器単体ではなく、ネットワーク接続まで試験した"]


def fields_of(result):
    return [f["field"] for f in json.loads(result.stdout)["fields"]]


def open_trouble(desk, kind="trouble"):
    return desk.json("case", "open", "--kind", kind, "--customer", "#1",
                     "--title", "ルータ交換", "--reported", "交換の依頼",
                     "--owner", "sato")["number"]


@pytest.fixture
def templates(desk):
    desk.ok(*NETWORK, as_user="admin")
    desk.ok(*REPLACEMENT, as_user="admin")


def test_a_case_resolves_only_with_its_required_items(desk, templates):
    number = open_trouble(desk)
    [item] = desk.json("checklist", "show", number)
    assert item["required"] and item["checklist"] == "機器交換"
    assert open_trouble(desk, kind="request")           # no template: none
    desk.ok("checklist", "tag", number, "network-change", as_user="sato")
    items = desk.json("checklist", "show", number)
    assert [i["text"][:6] for i in items] == ["機器単体ではな", "先方の管理者に",
                                              "変更後に主要シ"][:3] or \
        len(items) == 3
    # Tagging again brings nothing twice.
    desk.ok("checklist", "tag", number, "network-change", as_user="sato")
    assert len(desk.json("checklist", "show", number)) == 3
    before = desk.dump()
    r = desk.run("--json", "case", "status", number, "resolved")
    assert r.returncode == 1 and fields_of(r) == ["status"]
    assert "2 required checklist items" in json.loads(r.stdout)["fields"][0][
        "message"]
    assert desk.dump() == before
    required = [i["id"] for i in items if i["required"]]
    desk.ok("checklist", "tick", number, f"#{required[0]}", as_user="sato",
            env={"TAIO_NOW": "2026-11-24T14:10:00+09:00"})
    [done] = [i for i in desk.json("checklist", "show", number)
              if i["id"] == required[0]]
    assert done["done"] == {"at": "2026-11-24T14:10:00+09:00", "by": "sato"}
    desk.ok("checklist", "tick", number, str(required[1]), as_user="ito")
    case = desk.json("case", "status", number, "resolved")
    assert case["status"] == "resolved"
    # Undone ticks open the item again.
    desk.ok("checklist", "tick", number, str(required[1]), "--undo",
            as_user="sato")
    [undone] = [i for i in desk.json("checklist", "show", number)
                if i["id"] == required[1]]
    assert undone["done"] is None


def test_a_reason_lets_it_resolve_and_goes_to_the_timeline(desk, templates):
    number = open_trouble(desk)
    r = desk.run("--json", "checklist", "override", number, as_user="sato")
    assert r.returncode != 0 and fields_of(r) == ["reason"]
    assert desk.run("checklist", "override", number, "--reason", "x",
                    as_user="ito").returncode == 1           # a clerk
    desk.ok("checklist", "override", number, "--reason",
            "先方の管理者が不在で、明日確認する", as_user="sato")
    case = desk.json("case", "status", number, "resolved")
    entries = [e for e in case["timeline"] if e["kind"] == "field"
               and e.get("field") == "checklist"]
    assert entries and entries[0]["new"] == "先方の管理者が不在で、明日確認する"


def test_templates_are_checked_and_kept_by_admins(desk, templates):
    for args, field in (
            (["--name", "x", "--item", "a"], "kinds"),
            (["--name", "x", "--kinds", "accident", "--item", "a"], "kinds"),
            (["--name", "x", "--tags", "Network Change", "--item", "a"],
             "tags"),
            (["--name", "x", "--kinds", "trouble"], "items"),
            (["--name", "機器交換", "--kinds", "trouble", "--item", "a"],
             "name")):
        r = desk.run("--json", "checklist", "add", *args, as_user="admin")
        assert r.returncode != 0 and field in fields_of(r), args
    assert desk.run(*NETWORK[:3], "別名", *NETWORK[4:],
                    as_user="sato").returncode == 1          # admins only
    names = [t["name"] for t in desk.json("checklist", "list")]
    assert sorted(names) == ["ネットワーク変更", "機器交換"]
    desk.ok("checklist", "remove", "機器交換", as_user="admin")
    assert desk.json("checklist", "show", open_trouble(desk)) == []
    # Corrected: removed and added again under the same name.
    desk.ok(*REPLACEMENT[:7], "!ネットワーク接続と業務システムまで試験した",
            as_user="admin")
    [item] = desk.json("checklist", "show", open_trouble(desk))
    assert item["text"] == "ネットワーク接続と業務システムまで試験した"
    names = {t["name"]: t["active"] for t in desk.json("checklist", "list")}
    assert names["機器交換"] is True and any(
        n.startswith("機器交換 #") and not a for n, a in names.items())
    r = desk.run("--json", "checklist", "tag", "2026-0001", "Bad Tag",
                 as_user="sato")
    assert r.returncode != 0 and fields_of(r) == ["tag"]
    r = desk.run("--json", "checklist", "tick", "2026-0001", "999",
                 as_user="sato")
    assert r.returncode != 0 and fields_of(r) == ["item"]


def test_a_template_changes_in_place(desk, templates):
    before = open_trouble(desk)
    desk.ok("checklist", "edit", "機器交換", "--rename", "機器の交換",
            "--item", "!ネットワーク接続まで試験した",
            "--item", "作業報告を送った", as_user="admin")
    [t] = [t for t in desk.json("checklist", "list")
           if t["name"] == "機器の交換"]
    assert (t["kinds"], t["tags"], t["active"]) == ("trouble", "", True)
    assert [(i["text"], i["required"]) for i in t["items"]] == [
        ("ネットワーク接続まで試験した", True), ("作業報告を送った", False)]
    # A case that had the old items keeps them, even when the checklist
    # comes again through a tag; a new one gets the new.
    [old] = desk.json("checklist", "show", before)
    assert old["text"] == "機器単体ではなく、ネットワーク接続まで試験した"
    assert len(desk.json("checklist", "show", open_trouble(desk))) == 2
    # Only what is given changes.
    desk.ok("checklist", "edit", "機器の交換", "--tags", "replacement",
            as_user="admin")
    [t] = [t for t in desk.json("checklist", "list")
           if t["name"] == "機器の交換"]
    assert (t["kinds"], t["tags"], len(t["items"])) == (
        "trouble", "replacement", 2)
    desk.ok("checklist", "tag", before, "replacement", as_user="sato")
    assert [i["text"] for i in desk.json("checklist", "show", before)] == [
        "機器単体ではなく、ネットワーク接続まで試験した"]
    # A blank before the "!" still makes the item required.
    desk.ok("checklist", "edit", "機器の交換", "--item", " !接続を試験した",
            "--item", "記録した", as_user="admin")
    [t] = [t for t in desk.json("checklist", "list")
           if t["name"] == "機器の交換"]
    assert [(i["text"], i["required"]) for i in t["items"]] == [
        ("接続を試験した", True), ("記録した", False)]
    # The history holds each change: the name, the tags and the items.
    with sqlite3.connect(desk.db) as db:
        rows = db.execute(
            "SELECT field, old_value, new_value FROM history"
            " WHERE entity = 'checklist' AND action = 'update'"
            " ORDER BY id").fetchall()
    assert rows == [
        ("name", "機器交換", "機器の交換"),
        ("items", "!機器単体ではなく、ネットワーク接続まで試験した",
         "!ネットワーク接続まで試験した\n作業報告を送った"),
        ("tags", "", "replacement"),
        ("items", "!ネットワーク接続まで試験した\n作業報告を送った",
         "!接続を試験した\n記録した")]
    for args, field in ((["機器の交換", "--rename", "ネットワーク変更"], "name"),
                        (["機器の交換", "--kinds", "", "--tags", ""],
                         "kinds"),
                        (["機器の交換", "--item", "!"], "items"),
                        (["ない", "--kinds", "trouble"], "name")):
        r = desk.run("--json", "checklist", "edit", *args, as_user="admin")
        assert r.returncode != 0 and field in fields_of(r), args
    r = desk.run("checklist", "edit", "機器の交換", "--kinds", "trouble",
                 as_user="sato")
    assert r.returncode == 1                                 # admins only


def test_the_pages_tick_tag_and_keep_templates(server):
    admin = log_in(server, "admin")
    page = admin.get(server.base + "/settings/checklists").text
    r = post_form(server, admin, "/settings/checklists", page, {
        "name": "機器交換", "kinds": "trouble", "tags": "",
        "items": "!ネットワーク接続まで試験した\r\n\r\n作業報告を送った"})
    assert r.status_code == 303, r.text
    r = post_form(server, admin, "/settings/checklists", page, {
        "name": "空", "kinds": "", "tags": "", "items": "a"})
    assert r.status_code == 422 and "案件の種別" in r.text
    page = admin.get(server.base + "/settings/checklists").text
    assert "ネットワーク接続まで試験した" in page
    # Changed in place: the form shows the items with "!" for required.
    assert "!ネットワーク接続まで試験した\n作業報告を送った" in page
    r = post_form(server, admin, "/settings/checklists/edit", page, {
        "current": "機器交換", "name": "機器交換", "kinds": "trouble",
        "tags": "", "items": "!ネットワーク接続まで試験した\r\n作業報告を送った"
                             "\r\nお客様に結果を伝えた"})
    assert r.status_code == 303, r.text
    r = post_form(server, admin, "/settings/checklists/edit", page, {
        "current": "機器交換", "name": "機器交換", "kinds": "trouble",
        "tags": "", "items": ""})
    assert r.status_code == 422 and "<details class=\"no-print\" open>" \
        in r.text
    # The form to add one is left empty: the refused form was an edit.
    assert 'id="cl-name" name="name" value=""' in r.text
    page = admin.get(server.base + "/settings/checklists").text
    assert "お客様に結果を伝えた" in page
    number = server.taio.json("case", "open", "--kind", "trouble",
                              "--customer", "#1", "--title", "交換",
                              "--reported", "r", "--owner", "sato")["number"]
    sato = log_in(server, "sato")
    page = sato.get(server.base + f"/cases/{number}").text
    assert 'id="checklist"' in page and "☐ ネットワーク接続まで試験した" in page
    [item] = [i for i in server.taio.json("checklist", "show", number)
              if i["required"]]
    r = post_form(server, sato, f"/cases/{number}/checklist/tick", page,
                  {"item": str(item["id"]), "done": "yes"})
    assert r.status_code == 303
    page = sato.get(server.base + f"/cases/{number}").text
    assert "☑ ネットワーク接続まで試験した" in page
    r = post_form(server, sato, f"/cases/{number}/checklist/tag", page,
                  {"tag": "NO TAG"})
    assert r.status_code == 422
    viewer = log_in(server, "watanabe")
    page = viewer.get(server.base + "/settings/checklists").text
    assert "/settings/checklists/remove" not in page
    assert "/settings/checklists/edit" not in page


def test_the_api_keeps_and_ticks_checklists(server):
    r = server.post("/api/v1/checklists", as_user="admin", json={
        "name": "機器交換", "kinds": "trouble",
        "items": ["!ネットワーク接続まで試験した", "作業報告を送った"]})
    assert r.status_code == 201
    r = server.post("/api/v1/checklists", as_user="admin", json={
        "name": "x", "items": "a"})
    assert r.status_code == 422 and r.json()["fields"][0]["field"] == "items"
    [t] = server.get("/api/v1/checklists").json()["items"]
    assert t["items"][0] == {"text": "ネットワーク接続まで試験した",
                             "required": True}
    number = server.taio.json("case", "open", "--kind", "trouble",
                              "--customer", "#1", "--title", "交換",
                              "--reported", "r", "--owner", "sato")["number"]
    items = server.get(f"/api/v1/cases/{number}/checklist").json()["items"]
    assert [i["required"] for i in items] == [True, False]
    r = server.post(f"/api/v1/cases/{number}/checklist/tick",
                    json={"item": items[0]["id"]})
    assert r.status_code == 200 and r.json()["items"][0]["done"]["by"] == \
        "sato"
    r = server.post(f"/api/v1/cases/{number}/checklist/tick",
                    json={"item": "one"})
    assert r.status_code == 422
    r = server.post(f"/api/v1/cases/{number}/checklist/tag",
                    json={"tag": "Bad Tag"})
    assert r.status_code == 422
    r = server.post(f"/api/v1/cases/{number}/checklist/override",
                    json={"reason": "r"}, as_user="watanabe")
    assert r.status_code == 403
    path = "/api/v1/checklists/%E6%A9%9F%E5%99%A8%E4%BA%A4%E6%8F%9B"
    r = server.request("PATCH", path, as_user="admin",
                       json={"items": ["!ネットワーク接続まで試験した"]})
    assert r.status_code == 200 and r.json() == {"name": "機器交換"}
    [t] = server.get("/api/v1/checklists").json()["items"]
    assert len(t["items"]) == 1 and t["kinds"] == "trouble"
    r = server.request("PATCH", path, as_user="admin",
                       json={"kinds": None, "tags": "replacement"})
    assert r.status_code == 200
    [t] = server.get("/api/v1/checklists").json()["items"]
    assert (t["kinds"], t["tags"]) == ("", "replacement")
    r = server.request("PATCH", path, as_user="admin",
                       json={"kinds": "trouble", "tags": None})
    assert r.status_code == 200
    r = server.request("PATCH", path, as_user="admin", json={"items": []})
    assert r.status_code == 422 and r.json()["fields"][0]["field"] == "items"
    r = server.request("PATCH", path, as_user="sato", json={"tags": "t"})
    assert r.status_code == 403
    r = server.request("PATCH", "/api/v1/checklists/nothing",
                       as_user="admin", json={"tags": "t"})
    assert r.status_code == 404
    r = server.post(path + "/remove", as_user="admin", json={})
    assert r.status_code == 204
