"""Police review a store's published plan: they state why they look first (each reading is in
the store's access log), sign the latest version off or ask for changes with a comment, and
the owner hears of it by email."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django_tenants.utils import schema_context

from incidents.models import AccessLogEntry
from police.models import PlanVersion, PoliceContact, Scenario
from police.plan_selectors import plans_waiting_review
from police.plan_services import (
    PlanStateError,
    plan_publish,
    plan_review,
    plan_start,
    plan_update,
)
from tests.conftest import People, client_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("mfa_exempt")]


def _published(
    people: People, scenario: str = Scenario.ROBBERY, text: str = "Never confront."
) -> PlanVersion:
    with schema_context(people.network.schema_name):
        plan = plan_start(store=people.store, scenario=scenario, by=people.owner)
        plan_update(plan=plan, by=people.owner, fields={"during": text})
        return plan_publish(plan=plan, by=people.owner)


def _police_client(people: People) -> Any:
    client = client_for(people.network, people.police)
    client.post("/incidents/purpose/", {"purpose": "Reviewing plans", "next": "/police/plans/"})
    return client


def test_the_queue_lists_latest_pending_versions_oldest_first(north_people: People) -> None:
    people = north_people
    robbery = _published(people, Scenario.ROBBERY)
    casing = _published(people, Scenario.CASING)
    with schema_context(people.network.schema_name):
        other = plan_start(
            store=people.other_store, scenario=Scenario.NIGHT_ALARM, by=people.other_store_owner
        )
        other_version = plan_publish(plan=other, by=people.other_store_owner)
        assert list(plans_waiting_review()) == [robbery, casing, other_version]
        # A newer version of the robbery plan replaces the older one in the queue.
        plan_update(plan=robbery.plan, by=people.owner, fields={"after": "Lock the door."})
        newer = plan_publish(plan=robbery.plan, by=people.owner)
        assert list(plans_waiting_review()) == [casing, other_version, newer]
    page = client_for(people.network, people.police).get("/police/plans/review/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "North Gems" in text and "North Gold" in text
    assert "Never confront" not in text  # the list shows no plan text


@pytest.mark.parametrize("role", ["owner", "staff", "coordinator", "other_store_owner"])
def test_only_police_see_the_queue_and_review(north_people: People, role: str) -> None:
    people = north_people
    version = _published(people)
    client = client_for(people.network, getattr(people, role))
    assert client.get("/police/plans/review/").status_code == 404
    response = client.post(
        f"/police/plans/versions/{version.pk}/review/",
        {"decision": "approve", "agency": "Metro PD", "comment": ""},
    )
    assert response.status_code == 404
    with schema_context(people.network.schema_name):
        assert PlanVersion.objects.get().review == PlanVersion.Review.PENDING


def test_police_state_a_purpose_first_and_each_reading_is_logged(north_people: People) -> None:
    people = north_people
    version = _published(people)
    client = client_for(people.network, people.police)
    url = f"/police/plans/versions/{version.pk}/"
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/incidents/purpose/?next=")
    assert client.get(url + "pdf/")["Location"].startswith("/incidents/purpose/?next=")
    client.post("/incidents/purpose/", {"purpose": "Case 24-117", "next": url})
    page = client.get(url)
    assert page.status_code == 200 and "Never confront" in page.content.decode()
    pdf = client.get(url + "pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    with schema_context(people.network.schema_name):
        log = list(AccessLogEntry.objects.order_by("id"))
    assert [entry.action for entry in log] == [
        AccessLogEntry.Action.PLAN,
        AccessLogEntry.Action.PLAN_PDF,
    ]
    assert all(entry.store_id == people.store.pk for entry in log)
    assert all(
        entry.purpose == "Case 24-117" and entry.user_id == people.police.pk for entry in log
    )


def test_the_stores_own_team_reads_without_a_purpose_or_a_log_line(north_people: People) -> None:
    people = north_people
    version = _published(people)
    for user in (people.owner, people.staff):
        client = client_for(people.network, user)
        assert client.get(f"/police/plans/versions/{version.pk}/").status_code == 200
    with schema_context(people.network.schema_name):
        assert not AccessLogEntry.objects.exists()


def test_police_sign_off_and_the_owner_is_told(
    north_people: People, django_capture_on_commit_callbacks: Any
) -> None:
    people = north_people
    version = _published(people)
    with schema_context(people.network.schema_name):
        PoliceContact.objects.create(
            store=people.store,
            name="Officer",
            agency="Northside Precinct",
            member_user_id=people.police.pk,
        )
    client = _police_client(people)
    page = client.get(f"/police/plans/versions/{version.pk}/").content.decode()
    assert "Northside Precinct" in page  # the agency is offered from the store's contacts
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/police/plans/versions/{version.pk}/review/",
            {
                "decision": "approve",
                "agency": "Northside Precinct",
                "comment": "Clear <b>and</b> safe.",
            },
        )
    assert response.status_code == 302
    with schema_context(people.network.schema_name):
        version.refresh_from_db()
    assert version.review == PlanVersion.Review.APPROVED
    assert version.reviewer_agency == "Northside Precinct"
    assert version.reviewed_by_id == people.police.pk and version.reviewed_at is not None
    assert [message.to for message in mail.outbox] == [[people.owner.email]]
    message = mail.outbox[0]
    assert "signed off" in message.subject.lower()
    assert "Clear <b>and</b> safe." in message.body
    html = message.alternatives[0][0]  # type: ignore[attr-defined]
    assert "Clear &lt;b&gt;and&lt;/b&gt; safe." in html
    owner_page = client_for(people.network, people.owner).get("/police/plans/").content.decode()
    assert "Signed off by police" in owner_page and "Northside Precinct" in owner_page


def test_asking_for_changes_needs_a_comment_and_the_owner_reads_it(
    north_people: People, django_capture_on_commit_callbacks: Any
) -> None:
    people = north_people
    version = _published(people)
    client = _police_client(people)
    url = f"/police/plans/versions/{version.pk}/review/"
    response = client.post(url, {"decision": "changes", "agency": "Metro PD", "comment": ""})
    assert response.status_code == 400
    assert "Say what should change." in response.content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url, {"decision": "changes", "agency": "Metro PD", "comment": "Add the back door."}
        )
    with schema_context(people.network.schema_name):
        version.refresh_from_db()
    assert version.review == PlanVersion.Review.CHANGES
    assert "Add the back door." in mail.outbox[0].body
    page = client_for(people.network, people.owner).get("/police/plans/").content.decode()
    assert "Police ask for changes" in page and "Add the back door." in page


def test_a_version_is_reviewed_once(north_people: People) -> None:
    people = north_people
    version = _published(people)
    with schema_context(people.network.schema_name):
        plan_review(version=version, by=people.police, approve=True, comment="")
        with pytest.raises(PlanStateError):
            plan_review(version=version, by=people.police, approve=False, comment="Too late")
        version.refresh_from_db()
        assert version.review == PlanVersion.Review.APPROVED


def test_only_the_latest_version_can_be_reviewed(north_people: People) -> None:
    people = north_people
    old = _published(people)
    with schema_context(people.network.schema_name):
        plan_update(plan=old.plan, by=people.owner, fields={"after": "Call 911 once safe."})
        plan_publish(plan=old.plan, by=people.owner)
    client = _police_client(people)
    page = client.get(f"/police/plans/versions/{old.pk}/").content.decode()
    assert "replaced by a newer one" in page and "Send my review" not in page
    response = client.post(
        f"/police/plans/versions/{old.pk}/review/",
        {"decision": "approve", "agency": "Metro PD", "comment": ""},
        follow=True,
    )
    assert "A newer version of this plan has been published" in response.content.decode()
    with schema_context(people.network.schema_name):
        old.refresh_from_db()
    assert old.review == PlanVersion.Review.PENDING


def test_police_of_another_network_cannot_review(
    north_people: People, lakeshore_people: People
) -> None:
    version = _published(north_people)
    client = client_for(north_people.network, lakeshore_people.police)
    response = client.post(
        f"/police/plans/versions/{version.pk}/review/",
        {"decision": "approve", "agency": "Elsewhere PD", "comment": ""},
    )
    assert response.status_code == 404
