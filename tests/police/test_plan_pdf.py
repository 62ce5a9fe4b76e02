"""The printed response plan: one page per scenario, whatever the length of the text; what
people typed (into the plan or as the store's name) is printed as text, never fetched, never
run. The restricted WeasyPrint fetcher's log shows what each render fetched (see
tests/security/test_pdf_injection.py)."""

from __future__ import annotations

import logging
from typing import Any

import pypdfium2
import pytest
from django_tenants.utils import schema_context

from networks.models import Network, Store
from police.models import PlanVersion, Scenario
from police.plan_services import plan_publish, plan_review, plan_start, plan_update
from tests.conftest import People, client_for
from tests.security.hostile import body_of
from tests.security.test_pdf_injection import (
    FETCH_LOG,
    PAYLOADS,
    _compact,
    fetched_outside_static,
    pdf_actions,
    pdf_text,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("mfa_exempt")]

LETTER = (612, 792)
A4 = (595, 842)


def _publish(
    people: People, fields: dict[str, str], scenario: str = Scenario.ROBBERY
) -> PlanVersion:
    with schema_context(people.network.schema_name):
        plan = plan_start(store=people.store, scenario=scenario, by=people.owner)
        plan_update(plan=plan, by=people.owner, fields=fields)
        return plan_publish(plan=plan, by=people.owner)


def _pdf(people: People, user: Any, version: PlanVersion) -> bytes:
    response = client_for(people.network, user).get(f"/police/plans/versions/{version.pk}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    return body_of(response)


def _pages(pdf: bytes) -> list[tuple[int, int]]:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [tuple(round(side) for side in page.get_size()) for page in document]
    finally:
        document.close()


def test_the_plan_prints_on_one_page_with_store_scenario_steps_and_review(
    north_people: People,
) -> None:
    people = north_people
    version = _publish(
        people,
        {
            "before": "Keep the door locked.\nTest the holdup buttons monthly.",
            "calls": "1. Whoever is safest calls 911.\n2. The manager calls the owner.",
        },
    )
    pdf = _pdf(people, people.staff, version)
    assert _pages(pdf) == [LETTER]  # a US network prints on Letter
    text = _compact(pdf_text(pdf))
    for expected in (
        "North Gems",
        "Armed robbery",
        "Keep the door locked.",
        "Whoever is safest calls 911.",
        "Not yet reviewed by police",
        "Version 1",
    ):
        assert _compact(expected) in text, expected
    # The typed "1." is not printed twice: the page numbers the steps itself.
    assert "1.1." not in text
    with schema_context(people.network.schema_name):
        plan_review(version=version, by=people.police, approve=True, comment="", agency="Metro PD")
    text = _compact(pdf_text(_pdf(people, people.owner, version)))
    assert _compact("Signed off by") in text and "MetroPD" in text


def test_a_network_outside_north_america_prints_on_a4(north_people: People) -> None:
    people = north_people
    Network.objects.filter(pk=people.network.pk).update(country="FR")
    version = _publish(people, {"during": "Step back."})
    assert _pages(_pdf(people, people.owner, version)) == [A4]


@pytest.mark.parametrize(
    "fields",
    [
        {
            name: ("Keep calm and step back from the glass. " * 50)[:2000]
            for name in ("before", "during", "after", "calls")
        },
        {
            name: "\n".join(f"Step {i}: do this" for i in range(200))[:2000]
            for name in ("before", "during", "after", "calls")
        },
        {name: "y" * 2000 for name in ("before", "during", "after", "calls")},
    ],
    ids=["long-prose", "many-steps", "no-spaces"],
)
def test_the_longest_plan_still_fits_one_page(north_people: People, fields: dict[str, str]) -> None:
    people = north_people
    with schema_context(people.network.schema_name):
        Store.objects.filter(pk=people.store.pk).update(display_name="L" * 200)
    version = _publish(people, fields)
    with schema_context(people.network.schema_name):
        plan_review(
            version=version, by=people.police, approve=False, comment="Shorter, please. " * 117
        )
    pdf = _pdf(people, people.owner, version)
    assert len(_pages(pdf)) == 1
    assert _compact("Step 38") in _compact(pdf_text(pdf)) or "Step" not in fields["before"]


@pytest.mark.parametrize("index", range(len(PAYLOADS)), ids=PAYLOADS)
def test_markup_planted_in_a_plan_and_the_store_name_is_printed_as_text_and_never_fetched(
    north_people: People, caplog: pytest.LogCaptureFixture, index: int
) -> None:
    people = north_people
    payload = PAYLOADS[index]
    other = PAYLOADS[(index + 1) % len(PAYLOADS)]
    with schema_context(people.network.schema_name):
        Store.objects.filter(pk=people.store.pk).update(display_name=other)
    version = _publish(
        people,
        {
            "before": payload,
            "during": f"Step back. {payload}",
            "after": f"{payload}\n{other}",
            "calls": f"1. {payload}",
        },
    )
    with schema_context(people.network.schema_name):
        plan_review(version=version, by=people.police, approve=False, comment=payload)
    caplog.set_level(logging.DEBUG, logger=FETCH_LOG)
    pdf = _pdf(people, people.owner, version)
    text = _compact(pdf_text(pdf))
    assert text.count(_compact(payload)) >= 5, payload  # four sections and the comment
    assert _compact(other) in text
    assert "root:x:0:0" not in text
    assert pdf_actions(pdf) == []
    assert len(_pages(pdf)) == 1
    fetches = [record for record in caplog.records if record.name == FETCH_LOG]
    assert fetched_outside_static(fetches) == []
    weasyprint_warnings = [
        record.getMessage() for record in caplog.records if record.name.startswith("weasyprint")
    ]
    assert weasyprint_warnings == []
