"""Every interface string has a French and a Spanish translation, and the compiled catalogues are current.

`makemessages` runs on a copy of the sources, so the test sees exactly what `make messages` would extract
without touching the working tree.
"""

import gettext
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ["fr", "es"]
# Everything makemessages reads, and everything manage.py needs to start.
SOURCES = [
    "manage.py",
    "kernel",
    "background",
    "members",
    "events",
    "publications",
    "partners",
    "portal",
    "templates",
    "locale",
]


def po_entries(text: str) -> list[dict]:
    """The entries of a .po file: msgctxt, msgid, msgid_plural, msgstr (list), flags, obsolete.

    Enough of the format for catalogues written by GNU gettext: keywords, continuation lines and comments.
    """
    entries, entry, key = [], None, None

    def unquote(s: str) -> str:
        return bytes(s[1:-1], "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")

    for raw in [*text.splitlines(), ""]:
        line = raw.strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
        if not line:
            if entry is not None:
                entries.append(entry)
            entry, key = None, None
            continue
        if entry is None:
            entry = {
                "msgctxt": None,
                "msgid": "",
                "msgid_plural": None,
                "msgstr": {},
                "flags": set(),
                "obsolete": False,
            }
        entry["obsolete"] = entry["obsolete"] or obsolete
        if line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif match := re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")$', line):
            keyword, index, value = match.groups()
            key = ("msgstr", int(index or 0)) if keyword.startswith("msgstr") else keyword
            if isinstance(key, tuple):
                entry["msgstr"][key[1]] = unquote(value)
            else:
                entry[key] = unquote(value)
        elif line.startswith('"') and key is not None:
            if isinstance(key, tuple):
                entry["msgstr"][key[1]] += unquote(line)
            else:
                entry[key] += unquote(line)
    return entries


def untranslated(po_text: str) -> list[str]:
    problems = []
    for entry in po_entries(po_text):
        if entry["obsolete"] or entry["msgid"] == "":
            continue
        label = entry["msgid"] if entry["msgctxt"] is None else f"{entry['msgctxt']}|{entry['msgid']}"
        if "fuzzy" in entry["flags"]:
            problems.append(f"fuzzy: {label}")
        elif not entry["msgstr"] or not all(entry["msgstr"].values()):
            problems.append(f"missing: {label}")
    return problems


def test_po_reader_sees_empty_fuzzy_and_plural_entries():
    text = (
        'msgid ""\nmsgstr ""\n"Language: fr\\n"\n\n'
        'msgid "Done"\nmsgstr "Fait"\n\n'
        'msgid "Open"\nmsgstr ""\n\n'
        '#, fuzzy, python-format\nmsgid "Close %(x)s"\nmsgstr "Fermer %(x)s"\n\n'
        'msgid "one"\nmsgid_plural "many"\nmsgstr[0] "un"\nmsgstr[1] ""\n\n'
        'msgid ""\n"Long "\n"line"\nmsgstr ""\n"Longue "\n"ligne"\n\n'
        '#~ msgid "Gone"\n#~ msgstr ""\n'
    )
    assert untranslated(text) == ["missing: Open", "fuzzy: Close %(x)s", "missing: one"]


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory):
    """The catalogues as `make messages` would leave them: current sources merged into the committed .po."""
    copy = tmp_path_factory.mktemp("messages")
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, copy / name)
    committed = {lang: (ROOT / f"locale/{lang}/LC_MESSAGES/django.po").read_bytes() for lang in LANGUAGES}
    command = [sys.executable, "manage.py", "makemessages", "--no-location", "--no-obsolete"]
    command += [arg for lang in LANGUAGES for arg in ("-l", lang)]
    subprocess.run(command, cwd=copy, env={**os.environ, "PYTHONPATH": str(copy)}, check=True, capture_output=True)
    # The run wrote into the copy, never into the working tree.
    assert {lang: (ROOT / f"locale/{lang}/LC_MESSAGES/django.po").read_bytes() for lang in LANGUAGES} == committed
    return {lang: (copy / f"locale/{lang}/LC_MESSAGES/django.po").read_text("utf-8") for lang in LANGUAGES}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_interface_string_is_translated(regenerated, lang):
    entries = [e for e in po_entries(regenerated[lang]) if e["msgid"] and not e["obsolete"]]
    assert len(entries) > 250, "the extraction found the interface strings"
    assert untranslated(regenerated[lang]) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_compiled_catalogue_matches_its_po(tmp_path, lang):
    po = ROOT / f"locale/{lang}/LC_MESSAGES/django.po"
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check-format", "-o", str(fresh), str(po)], check=True, capture_output=True)
    with fresh.open("rb") as handle:
        expected = gettext.GNUTranslations(handle)._catalog
    with (po.parent / "django.mo").open("rb") as handle:
        committed = gettext.GNUTranslations(handle)._catalog
    assert committed == expected, "run `make messages` to compile the catalogues"
