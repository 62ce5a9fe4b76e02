"""What is derived from an incident and its suspects, vehicles and items, never typed: the
loss total, the "has suspects" and "has a vehicle" flags, the compact identifiers (plates,
serials) for trigram search and the full-text search vector in the network's language.

One SQL statement computes them for any number of incidents: one written by a form
(`services.incident_derived_refresh`) or a hundred thousand loaded with COPY (demo, bench).
Runs in the active network schema.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection

from networks.schemas import current_network

from .list_cache import lists_changed
from .models import StolenItem, Suspect

# PostgreSQL text-search configurations for the networks' languages.
SEARCH_CONFIGS = {"en": "english", "fr": "french", "es": "spanish"}
# The suspect's words (their apparent age and build are choices, not words).
_SUSPECT_WORDS = [name for name in Suspect.DETAIL_FIELDS if name not in ("age_range", "build")]


def search_config() -> str:
    network = current_network()
    language = getattr(network, "language", "en") or "en"
    return SEARCH_CONFIGS.get(language, "simple")


def identifier_compact(value: str) -> str:
    """Plates and serials as compared: capitals and digits only ("7kx-2" is "7KX2")."""
    return "".join(ch for ch in value.upper() if ch.isalnum())


def _compact(column: str) -> str:
    """identifier_compact in SQL: capitals and digits only."""
    return f"NULLIF(regexp_replace(upper({column}), '[^[:alnum:]]', '', 'g'), '')"


_ITEM_COMPACT = ", ".join(_compact(name) for name in StolenItem.IDENTIFIER_FIELDS)

_SQL = f"""
WITH chosen AS (
    SELECT id FROM incidents_incident WHERE %(all)s OR id = ANY(%(ids)s)
), suspects AS (
    SELECT incident_id, count(*) AS n,
           string_agg(concat_ws(' ', {", ".join(_SUSPECT_WORDS)}), ' ' ORDER BY position, id)
               AS words
    FROM incidents_suspect WHERE incident_id IN (SELECT id FROM chosen) GROUP BY incident_id
), vehicles AS (
    SELECT incident_id, count(*) AS n,
           string_agg(concat_ws(' ', make, model, colour, plate, direction, marks), ' '
                      ORDER BY position, id) AS words,
           string_agg({_compact("plate")}, ' ' ORDER BY position, id) AS identifiers
    FROM incidents_vehicle WHERE incident_id IN (SELECT id FROM chosen) GROUP BY incident_id
), items AS (
    SELECT incident_id,
           sum(coalesce(unit_value, 0) * quantity) AS loss,
           string_agg(description, ' ' ORDER BY position, id) AS words,
           string_agg(
               NULLIF(concat_ws(' ', {_ITEM_COMPACT}), ''),
               ' ' ORDER BY position, id
           ) AS identifiers
    FROM incidents_stolenitem WHERE incident_id IN (SELECT id FROM chosen) GROUP BY incident_id
), derived AS (
    SELECT incident.id,
           coalesce(items.loss, 0) AS loss,
           suspects.n IS NOT NULL OR coalesce(incident.suspect_count, 0) > 0 AS has_suspects,
           vehicles.n IS NOT NULL AS has_vehicles,
           concat_ws(' ', vehicles.identifiers, items.identifiers) AS identifiers,
           concat_ws(' ', incident.summary, incident.narrative, incident.method,
                     incident.location_detail, suspects.words, vehicles.words, items.words)
               AS words
    FROM incidents_incident incident
    LEFT JOIN suspects ON suspects.incident_id = incident.id
    LEFT JOIN vehicles ON vehicles.incident_id = incident.id
    LEFT JOIN items ON items.incident_id = incident.id
    WHERE incident.id IN (SELECT id FROM chosen)
)
UPDATE incidents_incident AS incident
SET loss_total = derived.loss,
    has_suspects = derived.has_suspects,
    has_vehicles = derived.has_vehicles,
    identifiers = derived.identifiers,
    search_vector = to_tsvector(
        %(config)s::regconfig, concat_ws(' ', derived.words, derived.identifiers)
    )
FROM derived
WHERE incident.id = derived.id
"""  # noqa: S608 - column names of our own, values as parameters


def derived_refresh(*, incident_ids: Iterable[int] | None = None) -> int:
    """Refresh the derived columns of these incidents (every incident for None); returns how
    many rows were updated."""
    ids = None if incident_ids is None else list(incident_ids)
    if ids == []:
        return 0
    # Every change to what a list shows passes here: forms, retention, bulk loads.
    lists_changed()
    with connection.cursor() as cursor:
        cursor.execute(_SQL, {"all": ids is None, "ids": ids or [], "config": search_config()})
        return cursor.rowcount
