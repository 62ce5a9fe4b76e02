"""The French catalogue stays complete: every message translated, none left fuzzy, and the
compiled catalogue that Django reads says the same as the one people edit."""

from __future__ import annotations

import ast
from pathlib import Path

from django.utils import translation

LOCALE = Path(__file__).resolve().parents[2] / "locale"


def _entries(po: Path) -> list[tuple[list[str], str, list[str]]]:
    """(flags, msgid, msgstrs) of every live entry (obsolete ones, "#~", are skipped)."""
    entries: list[tuple[list[str], str, list[str]]] = []
    flags: list[str] = []
    msgid: list[str] = []
    msgstrs: list[list[str]] = []
    current: list[str] | None = None

    def close() -> None:
        if msgid or msgstrs:
            entries.append((flags, "".join(msgid), ["".join(parts) for parts in msgstrs]))

    for line in po.read_text(encoding="utf-8").splitlines():
        if line.startswith("#,"):
            close()
            flags, msgid, msgstrs, current = line[2:].replace(" ", "").split(","), [], [], None
        elif line.startswith("msgid "):
            if msgstrs:
                close()
                flags, msgstrs = [], []
            msgid, current = [], None
            current = msgid
            current.append(ast.literal_eval(line[6:]))
        elif line.startswith("msgid_plural "):
            current = []  # the plural's English is not checked
        elif line.startswith("msgstr"):
            current = []
            msgstrs.append(current)
            current.append(ast.literal_eval(line.split(" ", 1)[1]))
        elif line.startswith('"') and current is not None:
            current.append(ast.literal_eval(line))
    close()
    return entries


def test_every_french_message_is_translated_and_none_is_fuzzy() -> None:
    entries = [entry for entry in _entries(LOCALE / "fr/LC_MESSAGES/django.po") if entry[1]]
    assert len(entries) > 1000
    fuzzy = [msgid for flags, msgid, _ in entries if "fuzzy" in flags]
    missing = [msgid for _, msgid, msgstrs in entries if not all(msgstrs)]
    assert not fuzzy, f"fuzzy in French: {fuzzy[:5]}"
    assert not missing, f"untranslated in French: {missing[:5]}"


def test_the_compiled_french_catalogue_is_up_to_date() -> None:
    # A sample of recent strings, read through Django: a stale .mo answers in English.
    with translation.override("fr"):
        assert translation.gettext("Quick log") != "Quick log"
        assert translation.gettext("Access log") != "Access log"
        assert translation.gettext("Incident logbook") != "Incident logbook"
