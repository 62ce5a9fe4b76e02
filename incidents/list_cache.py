"""The logbook's rendered lists, kept in the cache until an incident of the network changes.

A list page (a store's logbook, the network's shared incidents, a search) is read far more
often than incidents are written, and rendering its 50 rows and filter form is most of its
cost. Each network has a "generation" in the cache (the cache's keys carry the schema, see
networks.cache, so networks never share one); every service that changes what a list can show
calls `lists_changed()`, which replaces it. Each entry carries the generation it was made
under and is used only while that is still the network's: entries made before a write are
never shown again, and are overwritten or expire.

A generation is a random token, not a counter: if the cache loses it, the next one cannot
repeat an old value and bring back entries from before a write.

What is cached is rendered without the request (no context processors, so no user, session
or CSRF token): it can only depend on what its key holds. `list_key` takes everything that
decides what a viewer sees and how much of it — the scope, their role and store
(access.visible_incidents, access.visibility_of), the language, time zone and currency, the
whole query string (filters, search, cursor), and the names the page lists (stores, loggers).
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django_tenants.utils import schema_context

from networks.schemas import current_schema

GENERATION_KEY = "incidents:lists:generation"
# Entries of a generation no one reads any more leave on their own.
TIMEOUT = 15 * 60
# A deploy that changes the list's markup must not serve what the old markup rendered.
TEMPLATES = ("incidents/_logbook_list.html",)


def _templates_digest() -> str:
    digest = hashlib.sha256()
    for name in TEMPLATES:
        digest.update((Path(settings.BASE_DIR) / "templates" / name).read_bytes())
    return digest.hexdigest()[:12]


MARKUP = _templates_digest()


def _generation_start() -> str:
    value = uuid.uuid4().hex
    if not cache.add(GENERATION_KEY, value, timeout=None):
        value = cache.get(GENERATION_KEY) or value
    return str(value)


def _bump(schema: str) -> None:
    if current_schema() == schema:
        cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        return
    with schema_context(schema):
        cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def lists_changed() -> None:
    """Call from every write that changes what a list may show (an incident's listed fields,
    flags, sharing, voiding, search text). Bumped now, so the writer's next page inside the
    same transaction is fresh, and again on commit, so a page rendered by another request
    from the data before the commit, under the first new generation, is dropped too."""
    schema = current_schema()
    _bump(schema)
    transaction.on_commit(partial(_bump, schema))


@dataclass(frozen=True)
class Lookup:
    generation: str  # the network's, read before the lists are (so older than what they show)
    found: dict[str, Any]


def lookup(keys: list[str]) -> Lookup:
    """The entries of `keys` made under the current generation, read with it in one round
    trip: an entry carries the generation it was made under and counts only if that is
    still the network's."""
    values = cache.get_many([GENERATION_KEY, *keys])
    current = values.pop(GENERATION_KEY, None)
    if current is None:
        return Lookup(generation=_generation_start(), found={})
    found = {
        key: value[1]
        for key, value in values.items()
        if isinstance(value, tuple) and len(value) == 2 and value[0] == current
    }
    return Lookup(generation=str(current), found=found)


def put(key: str, value: Any, *, generation: str) -> None:
    """Keep `value`, made from what the database held after `generation` was read."""
    cache.set(key, (generation, value), timeout=TIMEOUT)


def list_key(*, parts: tuple[Any, ...]) -> str:
    digest = hashlib.sha256(repr((MARKUP, *parts)).encode()).hexdigest()
    return f"incidents:list:{digest}"


def to_finish_key(*, store_id: int, logged_by_id: int | None) -> str:
    return f"incidents:to_finish:{store_id}:{logged_by_id or 'all'}"
