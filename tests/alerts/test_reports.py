"""Members' reports as the senders see them: waiting ones oldest first, one opened, dismissed,
or handed to the composer ("make an alert from it")."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import schema_context

from alerts.models import AlertReport, Deputy
from tests.conftest import People, client_for

pytestmark = pytest.mark.usefixtures("mfa_exempt")

LIST = "/alerts/reports/"


def _report(people: People, text: str, **fields: Any) -> AlertReport:
    values: dict[str, Any] = {"store": people.store, "reported_by_id": people.owner.pk}
    values.update(fields)
    with schema_context(people.network.schema_name):
        return AlertReport.objects.create(text=text, **values)


def _fresh(report: AlertReport, schema: str = "north") -> AlertReport:
    with schema_context(schema):
        return AlertReport.objects.get(pk=report.pk)


def test_the_coordinator_sees_waiting_reports_with_who_sent_them(north_people: People) -> None:
    report = _report(north_people, "A man in a red cap asked when we close.")
    _report(
        north_people, "Prepared by the casing warning.", reported_by_id=None, is_casing_warning=True
    )
    coordinator = client_for(north_people.network, north_people.coordinator)
    page = coordinator.get(LIST).content.decode()
    assert "A man in a red cap asked when we close." in page
    assert north_people.owner.full_name in page
    assert north_people.store.display_name in page
    assert "The casing warning" in page
    assert f'href="/alerts/reports/{report.pk}/"' in page


def test_the_list_reads_the_same_number_of_queries_for_many_reports(north_people: People) -> None:
    coordinator = client_for(north_people.network, north_people.coordinator)
    _report(north_people, "One")
    coordinator.get(LIST)  # warm the session and the header's cache
    with CaptureQueriesContext(connection) as one:
        coordinator.get(LIST)
    for number in range(6):
        person = north_people.staff if number % 2 else north_people.other_store_owner
        store = north_people.store if number % 2 else north_people.other_store
        _report(north_people, f"Report {number}", reported_by_id=person.pk, store=store)
    with CaptureQueriesContext(connection) as many:
        coordinator.get(LIST)
    assert len(many) == len(one)


def test_a_report_opens_with_the_way_to_make_an_alert_from_it(north_people: People) -> None:
    report = _report(north_people, "Two people casing the showcases.")
    coordinator = client_for(north_people.network, north_people.coordinator)
    page = coordinator.get(f"/alerts/reports/{report.pk}/").content.decode()
    assert "Two people casing the showcases." in page
    assert f'href="/alerts/new/?report={report.pk}"' in page
    assert north_people.owner.email in page


def test_dismissing_sets_the_report_aside_once(north_people: People) -> None:
    report = _report(north_people, "Nothing after all.")
    coordinator = client_for(north_people.network, north_people.coordinator)
    url = f"/alerts/reports/{report.pk}/"
    response = coordinator.post(url, {"action": "dismiss"})
    assert response["Location"] == LIST
    dismissed = _fresh(report)
    assert dismissed.status == AlertReport.Status.DISMISSED
    assert dismissed.handled_by_id == north_people.coordinator.pk
    assert dismissed.handled_at is not None
    page = coordinator.get(LIST).content.decode()
    assert "No report is waiting." in page and "Nothing after all." in page  # under "dealt with"
    again = coordinator.post(url, {"action": "dismiss"}, follow=True)
    assert "Someone had already dealt with this report." in again.content.decode()
    assert _fresh(report).handled_at == dismissed.handled_at
    detail = coordinator.get(url).content.decode()
    assert "/alerts/new/?report=" not in detail


def test_a_deputy_reads_and_dismisses_reports(north_people: People) -> None:
    report = _report(north_people, "Seen by the deputy.")
    with schema_context("north"):
        Deputy.objects.create(
            user_id=north_people.staff.pk, appointed_by_id=north_people.coordinator.pk
        )
    deputy = client_for(north_people.network, north_people.staff)
    assert "Seen by the deputy." in deputy.get(LIST).content.decode()
    deputy.post(f"/alerts/reports/{report.pk}/", {"action": "dismiss"})
    assert _fresh(report).handled_by_id == north_people.staff.pk


def test_only_senders_reach_the_reports(north_people: People, outsider: Any) -> None:
    report = _report(north_people, "Only for the senders.")
    for person in (north_people.owner, north_people.staff, north_people.police, outsider):
        client = client_for(north_people.network, person)
        assert client.get(LIST).status_code == 404
        assert client.get(f"/alerts/reports/{report.pk}/").status_code == 404
        refused = client.post(f"/alerts/reports/{report.pk}/", {"action": "dismiss"})
        assert refused.status_code == 404
    assert _fresh(report).status == AlertReport.Status.NEW


def test_another_networks_report_is_not_found(
    north_people: People, lakeshore_people: People
) -> None:
    theirs = _report(lakeshore_people, "Lakeshore's own.")
    with schema_context("north"):
        AlertReport.objects.filter(pk=theirs.pk).delete()  # the id names only lakeshore's
    coordinator = client_for(north_people.network, north_people.coordinator)
    assert coordinator.get(f"/alerts/reports/{theirs.pk}/").status_code == 404
    assert (
        coordinator.post(f"/alerts/reports/{theirs.pk}/", {"action": "dismiss"}).status_code == 404
    )
    assert _fresh(theirs, "lakeshore").status == AlertReport.Status.NEW


def test_the_crawlers_planted_details_show_to_their_own_coordinator(
    north_people: People,
) -> None:
    """The isolation crawl proves nothing unless the planted markers show where they belong."""
    from tests.alerts.probes_manage import _plant_managed
    from tests.security.crawler import Side

    side = Side(
        network=north_people.network,
        store=north_people.store,
        owner=north_people.owner,
        coordinator=north_people.coordinator,
        tag="Qzhome",
    )
    with schema_context("north"):
        _plant_managed(side)
    coordinator = client_for(north_people.network, north_people.coordinator)
    pages = {
        "/alerts/reports/": "Report Qzhome",
        "/alerts/contacts/": "Officer Qzhome Contact",
        "/alerts/webhooks/": "Webhook Qzhome dispatch",
        "/alerts/deputies/": "Deputy Qzhome Person",
        "/alerts/sms-outbox/": "Outbox SMS Qzhome",
        f"/alerts/reports/{side.manage_report.pk}/": "a man in a red cap",
        f"/alerts/contacts/{side.manage_contact.pk}/": "Consent Qzhome",
        f"/alerts/deputies/{side.manage_deputy.pk}/remove/": "Deputy Qzhome Person",
    }
    for url, text in pages.items():
        assert text in coordinator.get(url).content.decode(), url
    revealed = coordinator.post(f"/alerts/webhooks/{side.manage_webhook.pk}/", {"action": "reveal"})
    assert side.manage_webhook.secret in revealed.content.decode()
