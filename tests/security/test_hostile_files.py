"""The hostile files are the script's: each listed once, each as the script writes it, at least
thirty of them, small enough to keep in the repository."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

from tests.security.hostile import FOLDER, HOSTILE, MANIFEST

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "make_hostile_fixtures.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_hostile_fixtures", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_every_file_in_the_folder_is_listed_once_with_what_it_attacks() -> None:
    listed = [item.name for item in HOSTILE]
    assert len(listed) == len(set(listed))
    on_disk = {path.name for path in FOLDER.iterdir()} - {"manifest.json", "README.md"}
    assert on_disk == set(listed)
    readme = (FOLDER / "README.md").read_text()
    for item in HOSTILE:
        assert item.attack and f"`{item.name}`" in readme
        assert item.expect in ("refused", "neutralised")
        assert bool(item.reason) == (item.expect == "refused"), item.name
        assert bool(item.stored_size) == (item.expect == "neutralised"), item.name


def test_there_are_at_least_thirty_files_covering_each_kind_of_attack() -> None:
    assert len(HOSTILE) >= 30
    names = " ".join(item.name for item in HOSTILE)
    for kind in (
        "bomb-png",
        "bomb-jpeg",
        "bomb-webp",
        "bomb-gif",
        "bomb-tiff",
        "polyglot",
        "truncated",
        "svg-script",
        "pdf-javascript",
        "pdf-launch",
        "oversize",
        "exif-gps",
        "zipbomb",
    ):
        assert kind in names, kind
    assert any(item.upload_name != item.name for item in HOSTILE)


def test_the_folder_stays_small() -> None:
    assert sum(path.stat().st_size for path in FOLDER.iterdir()) < 2 * 1024 * 1024


def test_the_script_writes_exactly_these_files() -> None:
    script = _script()
    assert script.FOLDER == FOLDER
    assert script.differences(FOLDER) == [], "run scripts/make_hostile_fixtures.py"
    assert json.loads(MANIFEST.read_text())[0]["name"] == script.FILES[0][0].name
