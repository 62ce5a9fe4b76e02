"""Template source checks that rendering alone would not catch."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def _templates() -> list[Path]:
    folders = [ROOT / "templates", *ROOT.glob("*/templates")]
    return sorted(path for folder in folders for path in folder.rglob("*") if path.is_file())


def test_there_are_templates_to_check() -> None:
    assert len(_templates()) > 100


def test_every_short_comment_closes_on_its_line() -> None:
    # Django's {# #} comment is one line long: one that runs on is shown to the reader as text
    # (a dashboard showed its own comment once). Longer ones are {% comment %} blocks.
    unclosed = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in _templates()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if "{#" in line and "#}" not in line[line.index("{#") :]
    ]
    assert unclosed == []
