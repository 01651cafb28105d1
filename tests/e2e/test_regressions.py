# SPDX-License-Identifier: MIT
"""Bugs found while building taio, each pinned by the test that shows it."""


def test_channels_hours_and_closed_days_are_stored_apart(desk):
    # The three were once checked through one shared variable, and the
    # channels ended up in closed_days.
    desk.ok("customer", "add", "--name", "株式会社グリーン物流",
            "--channels", "email,phone", "--hours", "mon-fri 09:00-17:00",
            "--closed", "12-29..01-04")
    c = desk.json("customer", "show", "グリーン物流")
    assert c["channels"] == ["email", "phone"]
    assert c["hours"] == "mon-fri 09:00-17:00"
    assert c["closed_days"] == "12-29..01-04"
    desk.ok("customer", "edit", "グリーン物流", "--channels", "phone",
            "--closed", "08-13..08-16")
    c = desk.json("customer", "show", "グリーン物流")
    assert c["channels"] == ["phone"]
    assert c["closed_days"] == "08-13..08-16"
    assert c["hours"] == "mon-fri 09:00-17:00"


def test_repeating_busy_period_blocks_every_month_end(desk):
    desk.ok("customer", "busy", "やまだ", "--from", "2026-11-28",
            "--to", "2026-12-01", "--repeat", "FREQ=MONTHLY;BYMONTHDAY=-3",
            "--note", "月末締め")
    c = desk.json("customer", "show", "やまだ")
    assert c["busy"][0]["repeat"] == "FREQ=MONTHLY;BYMONTHDAY=-3"

    def open_at(when):
        return desk.json("calendar", "is-business-time", when,
                         "--customer", "やまだ")["business"]

    assert open_at("2027-01-28 10:00") is True
    assert open_at("2027-01-29 10:00") is False   # 29-31 January
    assert open_at("2027-03-01 10:00") is True
    assert open_at("2027-03-29 10:00") is False   # 29-31 March
    code, err = desk.fail("customer", "busy", "やまだ", "--from", "2026-11-28",
                          "--to", "2026-12-01", "--repeat", "FREQ=HOURLY")
    assert code == 2 and err["fields"][0]["field"] == "repeat"
