"""Drafts: written from shared incidents (their details copied in), from a member's report,
as a follow-up threaded under a sent alert; changed until sent, and never after."""

from __future__ import annotations

import pytest
from django_tenants.utils import schema_context

from alerts import drafts, texts
from alerts.models import Alert, AlertReport, Deputy
from networks.models import Membership, Network
from tests.alerts.compose_helpers import draft, shared_incident
from tests.conftest import People

pytestmark = pytest.mark.django_db


def _membership(user_id: int) -> Membership:
    return Membership.objects.select_related("store").get(user_id=user_id)


def test_a_draft_from_a_shared_incident_copies_its_details(
    north: Network, north_people: People
) -> None:
    people = north_people
    with schema_context(north.schema_name):
        incident = shared_incident(people)
        coordinator = _membership(people.coordinator.pk)
        found = drafts.incidents_for_sender(membership=coordinator, incident_ids=[incident.pk])
        details = drafts.details_from_incidents(found)
        alert = drafts.draft_create(
            membership=coordinator,
            by=people.coordinator,
            fields=details,
            incident_ids=[incident.pk],
        )
        alert.refresh_from_db()
        assert alert.origin == Alert.Origin.INCIDENT
        assert alert.severity == Alert.Severity.URGENT
        assert alert.headline == "Two men smashed the front showcase"
        assert alert.occurred_at == incident.started_at
        assert people.store.city in alert.place and "Front showcase" in alert.place
        assert alert.crime_type == "smash"
        assert alert.suspect_count == 2
        assert "Grey hooded jacket" in alert.suspects and "Black cap" in alert.suspects
        assert "hammered the glass" in alert.method
        assert "2 x Solitaire ring" in alert.property_taken
        assert "GIA 2141438171" in alert.property_taken
        assert "4500" not in alert.property_taken  # the loss stays the store's
        assert "Silver Toyota" in alert.vehicle and "7KX2" in alert.vehicle
        assert "Ana" not in " ".join([alert.method, alert.suspects, alert.message])
        assert list(alert.incidents.all()) == [incident]
        # The words were filled from the details.
        assert alert.message.startswith("URGENT: Two men smashed")
        assert alert.sms_text.startswith("Two men smashed the front showcase. Smash and grab")


def test_incidents_kept_to_the_store_are_left_out(north: Network, north_people: People) -> None:
    people = north_people
    with schema_context(north.schema_name):
        kept = shared_incident(people, shared=False)
        coordinator = _membership(people.coordinator.pk)
        assert drafts.incidents_for_sender(membership=coordinator, incident_ids=[kept.pk]) == []
        alert = drafts.draft_create(
            membership=coordinator,
            by=people.coordinator,
            fields={"severity": "advisory", "headline": "Something"},
            incident_ids=[kept.pk],
        )
        assert alert.incidents.count() == 0
        assert alert.origin == Alert.Origin.SCRATCH


def test_a_member_who_is_not_a_sender_cannot_write_a_draft(
    north: Network, north_people: People
) -> None:
    people = north_people
    with schema_context(north.schema_name):
        for user in (people.owner, people.staff, people.police):
            with pytest.raises(drafts.DraftError):
                drafts.draft_create(
                    membership=_membership(user.pk),
                    by=user,
                    fields={"severity": "advisory", "headline": "Hello"},
                )
        Deputy.objects.create(user_id=people.owner.pk, appointed_by_id=people.coordinator.pk)
        alert = drafts.draft_create(
            membership=_membership(people.owner.pk),
            by=people.owner,
            fields={"severity": "advisory", "headline": "From the deputy"},
        )
        assert alert.created_by_id == people.owner.pk


def test_a_follow_up_threads_under_its_parent(north: Network, north_people: People) -> None:
    people = north_people
    with schema_context(north.schema_name):
        parent = draft(
            people.coordinator,
            status=Alert.Status.SENT,
            place="120 Main St",
            vehicle="Silver Toyota",
            to_all_members=False,
            to_webhooks=False,
        )
        parent.to_stores.set([people.store])
        initial = drafts.follow_up_initial(parent=parent, severity=Alert.Severity.ALL_CLEAR)
        assert initial["place"] == "120 Main St"
        assert initial["vehicle"] == "Silver Toyota"
        assert initial["to_all_members"] is False
        assert initial["headline"].startswith("All clear: ")
        coordinator = _membership(people.coordinator.pk)
        follow_up = drafts.draft_create(
            membership=coordinator,
            by=people.coordinator,
            fields=initial,
            stores=[people.store],
            parent=parent,
        )
        assert follow_up.parent == parent
        assert follow_up.severity == Alert.Severity.ALL_CLEAR
        assert follow_up.message.startswith("All clear: ")
        # An update of the update follows the first alert: threads are one level deep.
        follow_up.status = Alert.Status.SENT
        follow_up.save(update_fields=["status"])
        again = drafts.draft_create(
            membership=coordinator,
            by=people.coordinator,
            fields={"severity": "urgent", "headline": "Seen again"},
            parent=follow_up,
        )
        assert again.parent == parent
        assert again.severity == Alert.Severity.UPDATE  # a follow-up is never a new urgent
        assert set(parent.follow_ups.all()) == {follow_up, again}


def test_a_draft_cannot_be_followed_up(north: Network, north_people: People) -> None:
    people = north_people
    with schema_context(north.schema_name):
        parent = draft(people.coordinator)
        with pytest.raises(drafts.DraftError):
            drafts.draft_create(
                membership=_membership(people.coordinator.pk),
                by=people.coordinator,
                fields={"severity": "update", "headline": "Update"},
                parent=parent,
            )


def test_a_report_is_used_once_and_back_on_the_list_when_its_draft_is_discarded(
    north: Network, north_people: People
) -> None:
    people = north_people
    with schema_context(north.schema_name):
        report = AlertReport.objects.create(
            store=people.store,
            reported_by_id=people.staff.pk,
            text="A man in a red jacket photographed our cases",
        )
        coordinator = _membership(people.coordinator.pk)
        initial = drafts.report_initial(report=report, membership=coordinator)
        assert "red jacket" in initial["method"]
        assert people.store.city in initial["place"]
        alert = drafts.draft_create(
            membership=coordinator, by=people.coordinator, fields=initial, report=report
        )
        report.refresh_from_db()
        assert report.status == AlertReport.Status.USED
        assert alert.origin == Alert.Origin.REPORT
        with pytest.raises(drafts.DraftError):
            drafts.draft_create(
                membership=coordinator, by=people.coordinator, fields=initial, report=report
            )
        drafts.draft_discard(alert=alert, by=people.coordinator)
        report.refresh_from_db()
        assert report.status == AlertReport.Status.NEW
        assert not Alert.objects.filter(pk=alert.pk).exists()


def test_a_sent_alert_is_no_longer_changed(north: Network, north_people: People) -> None:
    people = north_people
    with schema_context(north.schema_name):
        sent = draft(people.coordinator, status=Alert.Status.SENDING)
        with pytest.raises(drafts.DraftError):
            drafts.draft_update(
                alert=sent, by=people.coordinator, fields={"headline": "Changed"}, stores=[]
            )
        with pytest.raises(drafts.DraftError):
            drafts.draft_discard(alert=sent, by=people.coordinator)
        sent.refresh_from_db()
        assert sent.headline == "Smash and grab on Main Street"


def test_the_text_message_keeps_to_one_segment_when_it_can(
    north: Network, north_people: People
) -> None:
    with schema_context(north.schema_name):
        alert = Alert(
            severity="urgent",
            headline="Smash and grab at Main St",
            crime_type="smash",
            place="120 Main St, Springfield",
            suspect_count=2,
            vehicle="Silver Toyota Corolla, plate 7KX2 " * 5,
            suspects="Two slim men in grey hooded jackets",
        )
        message, sms = texts.fill(alert, north.zone)
        from alerts.sms_segments import GSM7, count

        result = count(sms)
        assert result.segments == 1 and result.encoding == GSM7
        # The type is in the headline already; the severity is added by the sender.
        assert sms.startswith("Smash and grab at Main St. ")
        assert "URGENT" not in sms
        assert "2 suspect(s)." in sms
        assert "Vehicle: Silver Toyota Corolla" in message
        assert "call the police" in message
