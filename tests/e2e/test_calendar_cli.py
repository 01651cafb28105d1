# SPDX-License-Identifier: MIT
"""The calendar commands: Japan's national holidays (checked against the
oracle file), business time, company holidays, custom hours and customer
windows."""
import csv
import json
import subprocess
from pathlib import Path

import pytest

from conftest import BIN, Taio

ORACLE = Path(__file__).resolve().parents[1] / "data" / "holidays_jp.csv"


def oracle(year):
    with ORACLE.open(encoding="utf-8") as f:
        rows = [{"date": d, "name": n} for d, n in csv.reader(f)
                if d.startswith(f"{year}-")]
    return sorted(rows, key=lambda r: r["date"])


@pytest.fixture
def nodb(tmp_path):
    """No database anywhere: TAIO_DB names a file that does not exist and
    the working directory holds no taio.db."""
    t = Taio(tmp_path / "absent" / "taio.db")
    return t


@pytest.mark.parametrize("year", [1970, 1989, 1990, 2009, 2019, 2020, 2021,
                                  2026, 2050])
def test_holidays_equal_the_oracle(nodb, year):
    got = nodb.json("calendar", "holidays", str(year))
    assert got == oracle(year)
    assert [h["date"] for h in got] == sorted(h["date"] for h in got)
    assert not Path(nodb.db).exists()


def test_holidays_of_the_olympic_years_moved(nodb):
    dates = {h["date"]: h["name"] for h in
             nodb.json("calendar", "holidays", "2020")}
    assert dates["2020-07-24"] == "スポーツの日"
    assert "2020-10-12" not in dates
    dates = {h["date"] for h in nodb.json("calendar", "holidays", "2021")}
    assert "2021-07-23" in dates and "2021-08-08" in dates


def test_holidays_work_without_any_database(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TAIO_LANG": "en"}
    proc = subprocess.run([BIN, "--json", "calendar", "holidays", "2026"],
                          cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == oracle(2026)
    assert list(tmp_path.iterdir()) == []


def test_holidays_text_output(nodb):
    out = nodb.ok("calendar", "holidays", "2026").stdout
    assert "2026-11-23 勤労感謝の日" in out.splitlines()
    assert len(out.splitlines()) == len(oracle(2026))


def test_holidays_year_must_be_a_year(nodb):
    for year in ("abc", "1947", "10000", "２０２６年"):
        code, err = nodb.fail("calendar", "holidays", year)
        assert code == 2 and err["fields"][0]["field"] == "year", year
    assert nodb.run("calendar", "holidays").returncode == 2


def business(t, when, *args):
    return t.json("calendar", "is-business-time", when, *args)


def test_is_business_time_on_weekdays_weekends_and_holidays(nodb):
    assert business(nodb, "2026-11-24 10:00") == {
        "time": "2026-11-24T10:00:00+09:00", "business": True,
        "holiday": None}
    assert business(nodb, "2026-11-24 08:59")["business"] is False
    assert business(nodb, "2026-11-24 09:00")["business"] is True
    assert business(nodb, "2026-11-24 17:59")["business"] is True
    assert business(nodb, "2026-11-24 18:00")["business"] is False
    assert business(nodb, "2026-11-21 10:00")["business"] is False  # Sat
    assert business(nodb, "2026-11-22 10:00")["business"] is False  # Sun
    assert business(nodb, "2026-11-23 10:00") == {
        "time": "2026-11-23T10:00:00+09:00", "business": False,
        "holiday": "勤労感謝の日"}
    assert business(nodb, "2026-05-06 10:00")["holiday"] == "こどもの日 振替休日"
    assert business(nodb, "2026-09-22 10:00")["business"] is False  # 国民の休日
    assert nodb.ok("calendar", "is-business-time",
                   "2026-11-23 10:00").stdout == "no: 勤労感謝の日\n"


def test_company_holidays_at_the_turn_of_the_year(nodb):
    assert business(nodb, "2026-12-28 10:00")["business"] is True
    for day in ("2026-12-29", "2026-12-30", "2026-12-31", "2027-01-02"):
        got = business(nodb, f"{day} 10:00")
        assert got["business"] is False and got["holiday"] is None, day
    assert business(nodb, "2027-01-04 10:00")["business"] is True


def test_custom_hours_with_a_lunch_break(desk):
    desk.ok("config", "set", "org.hours", "mon-fri 09:00-12:00,13:00-18:00",
            as_user="admin")
    assert business(desk, "2026-11-24 11:59")["business"] is True
    assert business(desk, "2026-11-24 12:00")["business"] is False
    assert business(desk, "2026-11-24 12:30")["business"] is False
    assert business(desk, "2026-11-24 13:00")["business"] is True
    got = desk.json("calendar", "add-business-time", "2026-11-24 11:30", "1h")
    assert got == {"time": "2026-11-24T13:30:00+09:00"}
    got = desk.json("calendar", "business-minutes", "2026-11-24 09:00",
                    "2026-11-24 18:00")
    assert got == {"minutes": 480}


def test_saturday_morning_hours_and_company_summer_holidays(desk):
    desk.ok("config", "set", "org.hours",
            "mon-fri 09:00-18:00; sat 09:00-12:00", as_user="admin")
    desk.ok("config", "set", "org.closed", "12-29..01-03; 08-13..08-16",
            as_user="admin")
    assert business(desk, "2026-11-21 10:00")["business"] is True
    assert business(desk, "2026-11-21 12:30")["business"] is False
    assert business(desk, "2026-08-14 10:00")["business"] is False
    assert business(desk, "2026-08-17 10:00")["business"] is True


def test_open_on_national_holidays(desk):
    desk.ok("config", "set", "org.open_on_holidays", "yes", as_user="admin")
    got = business(desk, "2026-11-23 10:00")
    assert got["business"] is True and got["holiday"] == "勤労感謝の日"


def test_add_business_time_skips_evenings_weekends_and_holidays(nodb):
    def add(when, duration):
        return nodb.json("calendar", "add-business-time", when,
                         duration)["time"]

    assert add("2026-11-24 10:00", "45m") == "2026-11-24T10:45:00+09:00"
    assert add("2026-11-24 17:30", "1h") == "2026-11-25T09:30:00+09:00"
    # Friday 17:30 + 1 h: Saturday, Sunday and the Monday holiday skipped.
    assert add("2026-11-20T17:30:00+09:00", "1h") == "2026-11-24T09:30:00+09:00"
    assert add("2026-11-24 20:00", "30m") == "2026-11-25T09:30:00+09:00"
    assert add("2026-11-24 10:00", "1bd") == "2026-11-25T10:00:00+09:00"
    assert add("2026-11-24 10:00", "1h30m") == "2026-11-24T11:30:00+09:00"
    assert add("2026-12-28 17:00", "2h") == "2027-01-04T10:00:00+09:00"
    assert nodb.ok("calendar", "add-business-time", "2026-11-24 17:30",
                   "1h").stdout == "2026-11-25T09:30:00+09:00\n"


def test_business_minutes_between_two_moments(nodb):
    def minutes(a, b):
        return nodb.json("calendar", "business-minutes", a, b)["minutes"]

    assert minutes("2026-11-24 10:00", "2026-11-24 11:15") == 75
    assert minutes("2026-11-20 17:30", "2026-11-24 09:30") == 60
    assert minutes("2026-11-21 00:00", "2026-11-24 00:00") == 0
    assert minutes("2026-11-24 00:00", "2026-11-25 00:00") == 540
    # 12-25 (Fri), 12-28 (Mon) and 01-04: the company is closed in between.
    assert minutes("2026-12-25 00:00", "2027-01-05 00:00") == 540 * 3


def test_customer_windows_narrow_business_time(desk):
    # 山田製作所 is reachable 08:30-17:30 on weekdays; we open 09:00-18:00.
    assert business(desk, "2026-11-24 17:45")["business"] is True
    assert business(desk, "2026-11-24 17:45", "--customer", "やまだ")[
        "business"] is False
    assert business(desk, "2026-11-24 08:45", "--customer", "やまだ")[
        "business"] is False
    got = desk.json("calendar", "add-business-time", "2026-11-24 17:00", "1h",
                    "--customer", "やまだ")
    assert got == {"time": "2026-11-25T09:30:00+09:00"}
    got = desk.json("calendar", "business-minutes", "2026-11-24 00:00",
                    "2026-11-25 00:00", "--customer", "ﾔﾏﾀﾞ")
    assert got == {"minutes": 510}


def test_customer_closed_days(desk):
    desk.ok("customer", "edit", "やまだ", "--closed", "2026-11-26..2026-11-27")
    assert business(desk, "2026-11-26 10:00", "--customer", "やまだ")[
        "business"] is False
    assert business(desk, "2026-11-25 10:00", "--customer", "やまだ")[
        "business"] is True


def test_customer_option_needs_a_database(nodb):
    code, err = nodb.fail("calendar", "is-business-time", "2026-11-24 10:00",
                          "--customer", "やまだ")
    assert code == 2 and "database" in err["message"]


def test_calendar_bad_times_and_durations(nodb):
    for args, field in [
        (["is-business-time", "2026-02-30 10:00"], "time"),
        (["is-business-time", "2026-11-24 25:00"], "time"),
        (["add-business-time", "2026-11-24 10:00", "ten minutes"], "duration"),
        (["add-business-time", "2026-13-01 10:00", "1h"], "time"),
        (["business-minutes", "2026-11-24 10:00", "明日"], "to"),
    ]:
        code, err = nodb.fail("calendar", *args)
        assert code == 2 and err["fields"][0]["field"] == field, args
