# SPDX-License-Identifier: MIT
"""The manual page and the help text come from the command tables."""
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_committed_man_page_matches_the_command_tables(taio):
    generated = taio.ok("help", "--man").stdout
    committed = (ROOT / "man" / "taio.1").read_text(encoding="utf-8")
    assert generated == committed, (
        "man/taio.1 is stale: regenerate it with "
        "'build/src/taio help --man > man/taio.1'")


def test_every_command_has_help(taio):
    overview = taio.ok("help").stdout
    lines = [l.strip() for l in overview.splitlines()
             if l.startswith("  taio ")]
    assert len(lines) > 30
    for line in lines:
        words = line.split()[1:]
        out = taio.ok("help", *words).stdout
        assert out.startswith("Usage: " + line), out
        assert taio.ok(*words, "--help").stdout == out
