# SPDX-License-Identifier: MIT
"""The README's walkthrough runs as written, command by command."""
import os
import re
import subprocess
from pathlib import Path

from conftest import BIN, SANITIZED

ROOT = Path(__file__).resolve().parents[2]


def walkthrough():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Walkthrough", 1)[1]
    return re.search(r"```sh\n(.*?)```", section, re.S).group(1)


def test_readme_walkthrough_runs_as_written(tmp_path):
    script = "set -eu\n" + walkthrough()
    env = {
        "PATH": f"{Path(BIN).parent}:{os.environ.get('PATH', '/usr/bin:/bin')}",
        "LANG": "C.UTF-8",
        "HOME": str(tmp_path),
        "ASAN_OPTIONS": os.environ.get("ASAN_OPTIONS", "detect_leaks=1"),
    }
    proc = subprocess.run(["bash", "-c", script], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    if SANITIZED:
        assert "Sanitizer" not in proc.stderr
        assert "runtime error:" not in proc.stderr
    out = proc.stdout
    assert "promise due" in out and "silent" in out
    assert "promise #2 kept" in out
    assert '"status": "closed"' in out
