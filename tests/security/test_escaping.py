"""A script tag in every text a person can write is shown as text, never run as a script.

Every free-text column of every model of the portal's apps — whatever page, form or import
wrote it — is given a script tag; then each person opens every page they may open, and the
mails the portal sends about those records are rendered. No HTML answer and no HTML mail may
carry the tag as markup. (What reaches a PDF is tested in test_pdf_injection.py; CSV exports'
formula safety in the pledges tests.)
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib.postgres.fields import ArrayField
from django.core import mail
from django.db import ProgrammingError, models, transaction
from django.test import TestCase
from django_tenants.utils import schema_context

from pledges.services import pledge_staff_invite, pledge_transition
from tests.conftest import host_of
from tests.security import crawler
from tests.security.conftest import World
from tests.security.crawler import PLATFORM

PAYLOAD = '<script>alert("pfp-xss")</script>'
APPS = ("accounts", "networks", "pledges", "toolkit", "incidents", "alerts", "stats", "police")
# Columns the code itself writes and reads as values (states, keys, codes): never free text.
MACHINE_COLUMNS = {
    "kind",
    "from_status",
    "to_status",
    "status",
    "role",
    "item",
    "variant",
    "language",
    "timezone",
    "country",
    "schema_name",
    "domain",
    "password",
    "content_key",
    "file",
    "logo",
}


def _free_text_columns(model: type[models.Model], payload: str = PAYLOAD) -> list[str]:
    columns = []
    for field in model._meta.concrete_fields:
        if not isinstance(field, models.CharField | models.TextField):
            continue
        if isinstance(field, models.EmailField | models.SlugField | models.URLField | ArrayField):
            continue
        if field.choices or field.unique or not field.editable or field.name in MACHINE_COLUMNS:
            continue
        if field.max_length is not None and field.max_length < len(payload):
            continue
        columns.append(field.name)
    return columns


def _plant_payload(schema: str, payload: str = PAYLOAD) -> int:
    """Every free-text column of every row visible in `schema` gets `payload`; how many."""
    planted = 0
    with schema_context(schema):
        for model in apps.get_models():
            if model._meta.app_label not in APPS or model._meta.proxy:
                continue
            columns = _free_text_columns(model, payload)
            if not columns:
                continue
            try:
                with transaction.atomic():
                    changed = model._default_manager.update(**dict.fromkeys(columns, payload))
            except ProgrammingError:  # a table this schema does not hold
                continue
            planted += changed * len(columns)
    return planted


def _html_bodies_with_markup(responses: list[tuple[str, Any]]) -> list[str]:
    found = []
    for where, response in responses:
        if "text/html" not in response.get("Content-Type", ""):
            continue
        if PAYLOAD in response.body.decode("utf-8", "replace"):
            found.append(where)
    return found


def test_script_tags_in_every_text_are_shown_escaped_on_every_page(world: World) -> None:
    a = world.a
    planted = _plant_payload(a.network.schema_name) + _plant_payload("public")
    assert planted > 20, "the payload must land in the texts the pages show"
    visitors = crawler.Visitors()
    answers: list[tuple[str, Any]] = []
    table = crawler.probes()
    for route in crawler.routes():
        probe = table[route.key]
        url = route.url(probe.kwargs(world.a_own))
        host = host_of(a.network) if route.urlconf == "tenant" else host_of(None)
        for role, user in world.viewers.items():
            if probe.kind == PLATFORM and role != "platform_admin":
                continue  # only the login page awaits them there (the crawler checks that)
            response = visitors.ask(user, host, "GET", url)
            assert response.status_code < 500, f"GET {url} as {role}: {response.status_code}"
            answers.append((f"GET {url} as {role}", response))
    leaked = _html_bodies_with_markup(answers)
    assert not leaked, "A script tag is live markup on:\n" + "\n".join(leaked)
    # The pages did show the planted texts, escaped: otherwise this proves nothing.
    escaped = "&lt;script&gt;alert("
    assert sum(escaped in r.body.decode("utf-8", "replace") for _w, r in answers) > 10


def test_script_tags_in_every_text_are_escaped_in_every_html_mail(world: World) -> None:
    a, own = world.a, world.a_own
    _plant_payload(a.network.schema_name)
    _plant_payload("public")
    mail.outbox.clear()
    with schema_context(a.network.schema_name), TestCase.captureOnCommitCallbacks(execute=True):
        pledge = own.pledge
        pledge.refresh_from_db()
        pledge_transition(pledge=pledge, action="suspended", by=a.coordinator, reason=PAYLOAD)
        pledge_transition(pledge=pledge, action="reinstated", by=a.coordinator)
        pledge_staff_invite(pledge=pledge, email="new-hire@example.test", by=a.owner)
    assert mail.outbox, "the portal mails about these changes"
    for message in mail.outbox:
        # A subject is plain text; it only must not smuggle in headers.
        assert "\n" not in message.subject and "\r" not in message.subject
        alternatives: list[Any] = getattr(message, "alternatives", [])
        for content, mimetype in alternatives:
            if mimetype == "text/html":
                assert PAYLOAD not in str(content), f"mail to {message.to}: live script tag"
    html_mails = [m for m in mail.outbox if getattr(m, "alternatives", [])]
    assert html_mails, "every portal mail has an HTML part"
    assert any("&lt;script&gt;" in str(m.alternatives[0][0]) for m in html_mails)  # type: ignore[attr-defined]
