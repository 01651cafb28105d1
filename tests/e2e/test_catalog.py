# SPDX-License-Identifier: MIT
"""The Japanese catalog: every user-facing string of the sources is
translated in po/ja.po, the catalog is well-formed, every source file with
translatable strings is listed in po/POTFILES, and the built binary really
speaks Japanese with --lang ja (and only English with --lang en)."""
import re
import subprocess
from pathlib import Path

from conftest import BIN, ROOT, Taio

PO_DIR = ROOT / "po"
JA_PO = PO_DIR / "ja.po"
POTFILES = PO_DIR / "POTFILES"
# The same keywords as po/meson.build.
XGETTEXT_ARGS = ["--keyword=_", "--keyword=N_", "--from-code=UTF-8"]
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uff00-\uffef]")

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b",
            "f": "\f", "v": "\v", "\\": "\\", '"': '"', "'": "'", "?": "?"}


def _unquote(text):
    """The value of the inside of a C string literal as written in a PO
    file (UTF-8 text with backslash escapes)."""
    out = []
    i = 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            if nxt in _ESCAPES:
                out.append(_ESCAPES[nxt])
                i += 2
                continue
            m = re.match(r"[0-7]{1,3}", text[i + 1:])
            if m:
                out.append(chr(int(m.group(0), 8)))
                i += 1 + len(m.group(0))
                continue
        out.append(c)
        i += 1
    return "".join(out)


def parse_po(path):
    """The entries of a PO/POT file as dicts with keys ctxt, id, plural,
    strs (list of msgstr values) and fuzzy. Obsolete (#~) entries and the
    header are left out."""
    entries = []
    cur = None
    field = None

    def flush():
        nonlocal cur, field
        if cur is not None and cur["id"] is not None:
            entries.append(cur)
        cur = None
        field = None

    def new():
        return {"ctxt": None, "id": None, "plural": None, "strs": {},
                "fuzzy": False}

    for raw in Path(path).read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            flush()
            continue
        if line.startswith("#~"):
            continue
        if line.startswith("#"):
            if cur is not None and cur["id"] is not None:
                flush()
            if cur is None:
                cur = new()
            if line.startswith("#,") and "fuzzy" in [
                    flag.strip() for flag in line[2:].split(",")]:
                cur["fuzzy"] = True
            continue
        m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)'
                     r'\s+"(.*)"$', line)
        if m:
            keyword, index, value = m.group(1), m.group(2), m.group(3)
            if keyword in ("msgctxt", "msgid") and cur is not None and \
                    cur["id"] is not None and cur["strs"]:
                flush()
            if cur is None:
                cur = new()
            value = _unquote(value)
            if keyword == "msgctxt":
                cur["ctxt"] = value
                field = ("ctxt",)
            elif keyword == "msgid":
                cur["id"] = value
                field = ("id",)
            elif keyword == "msgid_plural":
                cur["plural"] = value
                field = ("plural",)
            else:
                n = int(index) if index is not None else 0
                cur["strs"][n] = value
                field = ("strs", n)
            continue
        m = re.match(r'^"(.*)"$', line)
        if m and cur is not None and field is not None:
            value = _unquote(m.group(1))
            if field[0] == "strs":
                cur["strs"][field[1]] += value
            else:
                cur[field[0]] += value
            continue
        raise AssertionError(f"{path}: cannot parse line: {raw!r}")
    flush()
    return [e for e in entries if e["id"] != "" or e["ctxt"] is not None]


def _key(entry):
    return (entry["ctxt"], entry["id"])


def _show(key):
    ctxt, msgid = key
    return (f"[{ctxt}] " if ctxt is not None else "") + repr(msgid)


def potfiles():
    """The source files po/POTFILES lists (comments and blanks skipped)."""
    files = []
    for line in POTFILES.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            files.append(line)
    return files


def extract_msgids(tmp_path):
    """Run xgettext over the POTFILES sources; return the template's
    entries."""
    pot = tmp_path / "extracted.pot"
    missing = [f for f in potfiles() if not (ROOT / f).is_file()]
    assert not missing, (
        "po/POTFILES lists files that do not exist:\n  " +
        "\n  ".join(missing))
    proc = subprocess.run(
        ["xgettext", *XGETTEXT_ARGS, "--package-name=taio",
         "--output", str(pot), *potfiles()],
        cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert pot.exists(), "xgettext found no translatable strings"
    return parse_po(pot)


def test_every_source_msgid_is_translated(tmp_path):
    extracted = extract_msgids(tmp_path)
    assert len(extracted) > 100, "suspiciously few msgids were extracted"
    catalog = {_key(e): e for e in parse_po(JA_PO)}
    absent, untranslated, fuzzy = [], [], []
    for e in extracted:
        k = _key(e)
        tr = catalog.get(k)
        if tr is None:
            absent.append(k)
        elif tr["fuzzy"]:
            fuzzy.append(k)
        elif not tr["strs"] or any(v == "" for v in tr["strs"].values()):
            untranslated.append(k)
    problems = []
    for title, keys in (("not in po/ja.po", absent),
                        ("untranslated in po/ja.po", untranslated),
                        ("fuzzy in po/ja.po", fuzzy)):
        if keys:
            problems.append(f"{len(keys)} msgid(s) {title}:\n  " +
                            "\n  ".join(_show(k) for k in keys))
    assert not problems, (
        "po/ja.po lags behind the sources (regenerate with "
        "`ninja -C build taio-pot`, msgmerge and translate):\n" +
        "\n".join(problems))


def test_catalog_has_no_fuzzy_or_untranslated_entries(tmp_path):
    """Also the entries no longer in the sources must not be half done."""
    for flag in ("--only-fuzzy", "--untranslated"):
        proc = subprocess.run(
            ["msgattrib", flag, "--no-obsolete", str(JA_PO)],
            capture_output=True, text=True, timeout=60)
        assert proc.returncode == 0, proc.stderr
        left = [e["id"] for e in parse_po_text(proc.stdout, tmp_path)]
        assert not left, f"po/ja.po has {flag[2:]} entries:\n  " + \
            "\n  ".join(repr(m) for m in left)


def parse_po_text(text, tmp_path):
    """parse_po for a string (msgattrib prints to stdout)."""
    path = tmp_path / "attrib.po"
    path.write_text(text, encoding="utf-8")
    return parse_po(path)


def test_msgfmt_check_passes():
    proc = subprocess.run(
        ["msgfmt", "--check", "-c", "-o", "/dev/null", str(JA_PO)],
        capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip() == "", (
        "msgfmt warns about po/ja.po:\n" + proc.stderr)


def test_catalog_header():
    header = subprocess.run(
        ["msgfmt", "--check-header", "-o", "/dev/null", str(JA_PO)],
        capture_output=True, text=True, timeout=60)
    assert header.returncode == 0, header.stderr
    text = JA_PO.read_text(encoding="utf-8")
    assert "charset=UTF-8" in text
    assert "Plural-Forms: nplurals=1; plural=0;" in text


def test_every_source_with_strings_is_in_potfiles():
    listed = set(potfiles())
    unlisted = []
    for path in sorted((ROOT / "src").rglob("*")):
        if path.suffix not in (".c", ".h") or not path.is_file():
            continue
        rel = path.relative_to(ROOT).as_posix()
        if '_("' in path.read_text(encoding="utf-8", errors="replace") \
                and rel not in listed:
            unlisted.append(rel)
    assert not unlisted, (
        "source files with translatable strings missing from po/POTFILES "
        "(their strings are never extracted):\n  " + "\n  ".join(unlisted))


def _catalog_dir():
    """build*/po next to the build*/src/taio under test."""
    return Path(BIN).resolve().parents[1] / "po"


def _help(lang, env=None):
    t = Taio(ROOT / "no-such-database.db", now=None)
    return t.ok("--lang", lang, "help", env=env).stdout


def test_help_in_japanese_from_the_built_catalog():
    mo = _catalog_dir() / "ja" / "LC_MESSAGES" / "taio.mo"
    assert mo.is_file(), f"{mo} is missing; run ninja -C build"
    env = {"TAIO_LOCALEDIR": str(_catalog_dir())}
    ja = _help("ja", env)
    assert "案件" in ja, ja
    assert "taio - the trouble and complaint handling desk" not in ja
    en = _help("en", env)
    assert not JAPANESE.search(en), [
        line for line in en.splitlines() if JAPANESE.search(line)]
    assert "taio - the trouble and complaint handling desk" in en


def test_help_in_japanese_straight_from_the_build_tree():
    """As a user runs it: build/src/taio must find build/po by itself,
    without TAIO_LOCALEDIR and without installing."""
    ja = _help("ja")
    assert "案件" in ja, (
        "taio --lang ja help printed English: the binary did not find the "
        f"catalog under {_catalog_dir()} (see catalog_dir() in "
        "src/core/i18n.c)")
    en = _help("en")
    assert not JAPANESE.search(en), [
        line for line in en.splitlines() if JAPANESE.search(line)]
