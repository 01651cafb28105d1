#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Sum JUnit XML reports into one line: "N passed, N failed".

Meson writes one <testcase> per TAP subtest, pytest one per test. A suite
that ran no test counts as a failure, so a broken runner cannot pass
silently. Exit status 0 only when nothing failed.
"""
import sys
import xml.etree.ElementTree as ET


def main(paths):
    passed = failed = 0
    for path in paths:
        try:
            root = ET.parse(path).getroot()
        except (OSError, ET.ParseError) as err:
            print(f"{path}: unreadable report: {err}")
            failed += 1
            continue
        cases = list(root.iter("testcase"))
        if not cases:
            print(f"{path}: no tests ran")
            failed += 1
        for case in cases:
            if case.find("failure") is not None or case.find("error") is not None:
                failed += 1
                print(f"FAILED {case.get('classname', '')}::{case.get('name')}")
            elif case.find("skipped") is not None:
                continue
            else:
                passed += 1
    if not paths:
        failed += 1
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
