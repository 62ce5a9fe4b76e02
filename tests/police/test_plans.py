"""Response plans, from the owner's side and the staff's: start from the network's template,
edit, publish, and each member of the team acknowledges the current version. The coordinator
keeps the templates and sees only which stores have a plan signed off."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django_tenants.utils import schema_context

from networks.models import Membership
from police.models import PlanAcknowledgement, PlanTemplate, PlanVersion, ResponsePlan, Scenario
from police.plan_defaults import TEMPLATE_DEFAULTS
from police.plan_selectors import (
    plans_waiting_review,
    stores_with_signed_off_plan,
    versions_to_acknowledge,
)
from police.plan_services import (
    plan_acknowledge,
    plan_publish,
    plan_review,
    plan_start,
    plan_template_update,
    plan_templates_ensure,
    plan_update,
)
from tests.conftest import People, client_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("mfa_exempt")]

FORM = {
    "before": "Keep the door locked.\nCheck the holdup buttons.",
    "during": "Do as you are told; never confront.",
    "after": "Lock the door; call 911.",
    "calls": "1. Whoever is safest calls 911.\n2. The manager calls the owner.",
}


def _membership(people: People, user: Any) -> Membership:
    return Membership.objects.select_related("store").get(user_id=user.pk)


def _published(people: People, scenario: str = Scenario.ROBBERY) -> PlanVersion:
    with schema_context(people.network.schema_name):
        plan = plan_start(store=people.store, scenario=scenario, by=people.owner)
        plan_update(plan=plan, by=people.owner, fields={"during": "Step back. Never confront."})
        return plan_publish(plan=plan, by=people.owner)


def test_templates_are_created_once_from_the_defaults(north_people: People) -> None:
    with schema_context(north_people.network.schema_name):
        first = plan_templates_ensure()
        again = plan_templates_ensure()
        assert [t.scenario for t in first] == list(Scenario.values)
        assert [t.pk for t in first] == [t.pk for t in again]
        assert PlanTemplate.objects.count() == 5
        robbery = PlanTemplate.objects.get(scenario=Scenario.ROBBERY)
        assert robbery.calls == str(TEMPLATE_DEFAULTS[Scenario.ROBBERY]["calls"])
        assert "911" in robbery.calls


def test_the_coordinator_rewords_a_template_and_new_plans_start_from_it(
    north_people: People,
) -> None:
    people = north_people
    client = client_for(people.network, people.coordinator)
    assert client.get("/police/plans/templates/").status_code == 200
    with schema_context(people.network.schema_name):
        template = PlanTemplate.objects.get(scenario=Scenario.CASING)
    response = client.post(f"/police/plans/templates/{template.pk}/", FORM)
    assert response.status_code == 302
    owner = client_for(people.network, people.owner)
    response = owner.post("/police/plans/start/casing/")
    assert response.status_code == 302
    with schema_context(people.network.schema_name):
        plan = ResponsePlan.objects.get(store=people.store, scenario=Scenario.CASING)
    assert plan.before == FORM["before"]
    # A second click opens the same plan.
    assert owner.post("/police/plans/start/casing/")["Location"] == response["Location"]


@pytest.mark.parametrize("role", ["owner", "staff", "police", "other_store_owner"])
def test_only_the_coordinator_keeps_the_templates(north_people: People, role: str) -> None:
    people = north_people
    with schema_context(people.network.schema_name):
        template = plan_templates_ensure()[0]
    client = client_for(people.network, getattr(people, role))
    assert client.get("/police/plans/templates/").status_code == 404
    assert client.post(f"/police/plans/templates/{template.pk}/", FORM).status_code == 404


def test_the_owner_edits_and_publishes_and_police_and_staff_are_told(
    north_people: People, django_capture_on_commit_callbacks: Any
) -> None:
    people = north_people
    owner = client_for(people.network, people.owner)
    assert "Start from the network" in owner.get("/police/plans/").content.decode()
    edit_url = owner.post("/police/plans/start/robbery/")["Location"]
    assert owner.post(edit_url, FORM).status_code == 302  # saved as a draft
    page = owner.get("/police/plans/").content.decode()
    assert "Draft, not published yet" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = owner.post(edit_url, {**FORM, "action": "publish"})
    assert response.status_code == 302
    with schema_context(people.network.schema_name):
        version = PlanVersion.objects.get()
    assert version.number == 1 and version.review == PlanVersion.Review.PENDING
    assert version.calls == FORM["calls"]
    to = {address for message in mail.outbox for address in message.to}
    assert to == {people.police.email, people.staff.email}
    police_mail = next(m for m in mail.outbox if people.police.email in m.to)
    assert "North Gems" in police_mail.subject
    assert f"/police/plans/versions/{version.pk}/" in police_mail.body
    page = owner.get("/police/plans/").content.decode()
    assert "Waiting for police review" in page
    assert "0 of 1 staff member read the current version" in page


def test_publishing_an_unchanged_plan_makes_no_new_version(north_people: People) -> None:
    people = north_people
    version = _published(people)
    owner = client_for(people.network, people.owner)
    response = owner.post(f"/police/plans/{version.plan_id}/publish/", follow=True)
    assert "Nothing has changed since version 1" in response.content.decode()
    with schema_context(people.network.schema_name):
        assert PlanVersion.objects.count() == 1


def test_a_section_over_2000_characters_is_refused_and_kept(north_people: People) -> None:
    people = north_people
    owner = client_for(people.network, people.owner)
    edit_url = owner.post("/police/plans/start/robbery/")["Location"]
    long = "Never confront. " * 140  # 2240 characters
    response = owner.post(edit_url, {**FORM, "after": long})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Keep this under 2000 characters" in page
    assert long.strip() in page  # nothing typed is lost
    with schema_context(people.network.schema_name):
        assert ResponsePlan.objects.get().after != long.strip()


def test_a_one_megabyte_section_is_refused_with_a_message_not_an_error(
    north_people: People,
) -> None:
    people = north_people
    owner = client_for(people.network, people.owner)
    edit_url = owner.post("/police/plans/start/robbery/")["Location"]
    response = owner.post(edit_url, {**FORM, "before": "x" * 1_000_000})
    assert response.status_code == 200
    assert "Keep this under 2000 characters" in response.content.decode()


def test_script_typed_into_a_plan_is_escaped_on_every_page(north_people: People) -> None:
    people = north_people
    owner = client_for(people.network, people.owner)
    edit_url = owner.post("/police/plans/start/robbery/")["Location"]
    script = "<script>alert(1)</script>"
    owner.post(edit_url, {**FORM, "during": script, "action": "publish"})
    with schema_context(people.network.schema_name):
        version = PlanVersion.objects.get()
    for client in (owner, client_for(people.network, people.staff)):
        page = client.get(f"/police/plans/versions/{version.pk}/").content.decode()
        assert script not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_staff_read_and_acknowledge_and_a_new_version_asks_again(north_people: People) -> None:
    people = north_people
    version = _published(people)
    staff = client_for(people.network, people.staff)
    with schema_context(people.network.schema_name):
        membership = _membership(people, people.staff)
        assert versions_to_acknowledge(membership=membership) == [version]
    page = staff.get(f"/police/plans/versions/{version.pk}/").content.decode()
    assert "Never confront" in page and "I have read this plan" in page
    for _ in range(2):  # twice: still one acknowledgement
        response = staff.post(f"/police/plans/versions/{version.pk}/acknowledge/")
        assert response.status_code == 302
    owner = client_for(people.network, people.owner)
    assert "1 of 1 staff member read" in owner.get("/police/plans/").content.decode()
    with schema_context(people.network.schema_name):
        assert PlanAcknowledgement.objects.filter(user_id=people.staff.pk).count() == 1
        assert versions_to_acknowledge(membership=membership) == []
        plan = version.plan
        plan_update(plan=plan, by=people.owner, fields={"after": "Lock up, then call."})
        newer = plan_publish(plan=plan, by=people.owner)
        assert versions_to_acknowledge(membership=membership) == [newer]
        # The replaced version can no longer be acknowledged.
    response = staff.post(f"/police/plans/versions/{version.pk}/acknowledge/", follow=True)
    assert "A newer version" in response.content.decode()
    assert "0 of 1 staff member read" in owner.get("/police/plans/").content.decode()


def test_staff_cannot_edit_start_or_publish(north_people: People) -> None:
    people = north_people
    version = _published(people)
    staff = client_for(people.network, people.staff)
    assert staff.post("/police/plans/start/casing/").status_code == 404
    assert staff.get(f"/police/plans/{version.plan_id}/edit/").status_code == 404
    assert staff.post(f"/police/plans/{version.plan_id}/publish/").status_code == 404
    # They do read the published version and its PDF.
    assert staff.get(f"/police/plans/versions/{version.pk}/").status_code == 200
    assert staff.get(f"/police/plans/versions/{version.pk}/pdf/").status_code == 200


def test_another_store_sees_nothing_of_the_plan(north_people: People) -> None:
    people = north_people
    version = _published(people)
    other = client_for(people.network, people.other_store_owner)
    for url in (
        f"/police/plans/{version.plan_id}/edit/",
        f"/police/plans/versions/{version.pk}/",
        f"/police/plans/versions/{version.pk}/pdf/",
    ):
        assert other.get(url).status_code == 404, url
    assert other.post(f"/police/plans/versions/{version.pk}/acknowledge/").status_code == 404
    assert "Never confront" not in other.get("/police/plans/").content.decode()


def test_another_network_sees_nothing_of_the_plan(
    north_people: People, lakeshore_people: People
) -> None:
    version = _published(north_people)
    for user in (lakeshore_people.owner, lakeshore_people.police):
        client = client_for(north_people.network, user)
        assert client.get(f"/police/plans/versions/{version.pk}/").status_code == 404


def test_police_never_see_the_owners_working_copy(north_people: People) -> None:
    people = north_people
    version = _published(people)
    with schema_context(people.network.schema_name):
        plan_update(plan=version.plan, by=people.owner, fields={"before": "Unpublished idea"})
    police = client_for(people.network, people.police)
    police.post("/incidents/purpose/", {"purpose": "Plan review", "next": "/police/plans/"})
    assert police.get(f"/police/plans/{version.plan_id}/edit/").status_code == 404
    assert (
        "Unpublished idea"
        not in police.get(f"/police/plans/versions/{version.pk}/").content.decode()
    )


def test_the_coordinator_sees_only_which_stores_have_a_signed_off_plan(
    north_people: People,
) -> None:
    people = north_people
    version = _published(people)
    with schema_context(people.network.schema_name):
        assert stores_with_signed_off_plan() == set()
        plan_review(version=version, by=people.police, approve=True, comment="Good.")
        assert stores_with_signed_off_plan() == {people.store.pk}
        assert list(plans_waiting_review()) == []
    coordinator = client_for(people.network, people.coordinator)
    page = coordinator.get("/police/plans/coverage/").content.decode()
    assert "North Gems" in page and "✓" in page
    assert "Never confront" not in page
    assert coordinator.get(f"/police/plans/versions/{version.pk}/").status_code == 404
    assert coordinator.get(f"/police/plans/versions/{version.pk}/pdf/").status_code == 404
    for role in ("owner", "staff", "police"):
        client = client_for(people.network, getattr(people, role))
        assert client.get("/police/plans/coverage/").status_code == 404, role


def test_acknowledging_a_version_twice_keeps_one_row(north_people: People) -> None:
    people = north_people
    version = _published(people)
    with schema_context(people.network.schema_name):
        first = plan_acknowledge(version=version, user=people.owner)
        second = plan_acknowledge(version=version, user=people.owner)
        assert first.pk == second.pk


def test_a_template_longer_than_allowed_is_refused(north_people: People) -> None:
    from django.core.exceptions import ValidationError

    with schema_context(north_people.network.schema_name):
        template = plan_templates_ensure()[0]
        with pytest.raises(ValidationError):
            plan_template_update(
                template=template, by=north_people.coordinator, fields={"before": "x" * 2001}
            )
