"""One access function per object decides who sees which incident, and how much of it:
checked role by role, with the same 404 for missing and forbidden."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import Http404
from django.utils import timezone
from django_tenants.utils import schema_context

from incidents.access import (
    Visibility,
    incident_for_editor,
    incident_for_member,
    incident_for_owner,
    visibility_of,
)
from incidents.models import Incident
from incidents.services import incident_create, incident_share, incident_void
from networks.models import Membership
from tests.conftest import People

pytestmark = pytest.mark.django_db

# Who may open an incident of the owner's store, as (shared, unshared, voided).
OPENS = {
    "owner": (True, True, True),
    "staff": (True, True, False),
    "other_store_owner": (True, False, False),
    "coordinator": (True, False, True),
    "police": (True, False, False),
}


def _membership(user_id: int) -> Membership:
    return Membership.objects.select_related("store").get(user_id=user_id)


def _incidents(people: People) -> dict[str, Incident]:
    owner = _membership(people.owner.pk)
    made = {}
    for name in ("shared", "unshared", "voided"):
        made[name] = incident_create(
            membership=owner,
            by=people.owner,
            fields={
                "kind": "casing",
                "started_at": timezone.now() - dt.timedelta(hours=1),
                "summary": name,
            },
        )
    incident_share(incident=made["unshared"], by=people.owner, shared=False)
    incident_void(incident=made["voided"], by=people.owner, reason="Twice")
    return {name: Incident.objects.get(pk=incident.pk) for name, incident in made.items()}


@pytest.mark.parametrize("who", sorted(OPENS))
def test_who_opens_which_incident(north_people: People, who: str) -> None:
    with schema_context("north"):
        incidents = _incidents(north_people)
        membership = _membership(getattr(north_people, who).pk)
        for name, expected in zip(("shared", "unshared", "voided"), OPENS[who], strict=True):
            if expected:
                assert incident_for_member(membership=membership, incident_id=incidents[name].pk)
            else:
                with pytest.raises(Http404):
                    incident_for_member(membership=membership, incident_id=incidents[name].pk)
        with pytest.raises(Http404):
            incident_for_member(membership=membership, incident_id=10**9)


def test_other_stores_see_the_redacted_level_and_the_rest_see_it_in_full(
    north_people: People,
) -> None:
    with schema_context("north"):
        shared = _incidents(north_people)["shared"]
        levels = {
            who: visibility_of(
                membership=_membership(getattr(north_people, who).pk), incident=shared
            )
            for who in OPENS
        }
    assert levels == {
        "owner": Visibility.FULL,
        "staff": Visibility.FULL,
        "other_store_owner": Visibility.REDACTED,
        "coordinator": Visibility.FULL,
        "police": Visibility.FULL,
    }


def test_only_the_owner_shares_and_voids_and_staff_edit_only_their_own(
    north_people: People,
) -> None:
    with schema_context("north"):
        shared = _incidents(north_people)["shared"]
        staff = _membership(north_people.staff.pk)
        owner = _membership(north_people.owner.pk)
        assert incident_for_owner(membership=owner, incident_id=shared.pk) == shared
        assert incident_for_editor(membership=owner, incident_id=shared.pk) == shared
        for who in ("staff", "other_store_owner", "coordinator", "police"):
            membership = _membership(getattr(north_people, who).pk)
            with pytest.raises(Http404):
                incident_for_owner(membership=membership, incident_id=shared.pk)
            with pytest.raises(Http404):
                incident_for_editor(membership=membership, incident_id=shared.pk)
        own = incident_create(
            membership=staff,
            by=north_people.staff,
            fields={"kind": "other", "started_at": timezone.now(), "summary": "mine"},
        )
        assert incident_for_editor(membership=staff, incident_id=own.pk) == own


def test_a_member_of_another_network_finds_nothing(
    north_people: People, lakeshore_people: People
) -> None:
    with schema_context("north"):
        shared_id = _incidents(north_people)["shared"].pk
    with schema_context("lakeshore"):
        stranger = _membership(lakeshore_people.owner.pk)
        # The same id in another schema is another table: nothing there.
        with pytest.raises(Http404):
            incident_for_member(membership=stranger, incident_id=shared_id)
