"""The monthly report: a PDF of the month's figures and charts (text extracted and compared
with the dashboard's figures), sent once a month to the network's coordinators by beat, and
downloadable by the coordinator for any past month."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone
from django_tenants.utils import schema_context

from incidents.models import Incident
from stats.models import MonthlyReport
from stats.report import last_complete_month, monthly_report_pdf
from stats.report_services import monthly_report_send
from tests.conftest import People, client_for
from tests.security.test_pdf_injection import pdf_text

pytestmark = pytest.mark.django_db


def _last_month_incidents(people: People) -> dt.date:
    month = last_complete_month(people.network)
    with schema_context(people.network.schema_name):
        for day, kind in ((3, "smash"), (4, "smash"), (9, "casing")):
            Incident.objects.create(
                store=people.store,
                kind=kind,
                summary="Logged",
                started_at=dt.datetime.combine(
                    month.replace(day=day), dt.time(14), tzinfo=people.network.zone
                ),
                is_shared=True,
                method="Hammer on the showcase",
                logged_by_id=people.owner.pk,
            )
    return month


def test_the_report_prints_the_months_figures_and_charts(north_people: People) -> None:
    month = _last_month_incidents(north_people)
    with schema_context(north_people.network.schema_name):
        pdf = monthly_report_pdf(network=north_people.network, month=month, language="en")
    assert pdf.startswith(b"%PDF")
    text = " ".join(pdf_text(pdf).split())
    assert north_people.network.name.upper() in text  # the kicker is set in capitals
    assert f"Crime statistics, {month:%B %Y}" in text
    assert "Smash and grab" in text and "Casing the store" in text
    assert re.search(r"\b3 incidents\b", text)
    assert "Hammer on the showcase" in text
    assert north_people.store.display_name in text  # the coordinators' report names stores


def test_beat_sends_last_months_report_once_to_the_coordinators(north_people: People) -> None:
    month = _last_month_incidents(north_people)
    mail.outbox.clear()
    with schema_context(north_people.network.schema_name):
        sent = monthly_report_send(network=north_people.network)
        again = monthly_report_send(network=north_people.network)
    assert sent is not None and again is None
    assert MonthlyReport.objects.filter(network=north_people.network, month=month).count() == 1
    (message,) = mail.outbox
    assert message.to == [north_people.coordinator.email]
    assert north_people.network.name in message.subject and f"{month:%B %Y}" in message.subject
    (name, content, kind) = message.attachments[0]
    assert name == f"north-report-{month:%Y-%m}.pdf" and kind == "application/pdf"
    assert content.startswith(b"%PDF")
    assert "/stats/" in message.body
    assert isinstance(message, EmailMultiAlternatives)
    assert any("text/html" in alt[1] for alt in message.alternatives)
    entry = django_settings.CELERY_BEAT_SCHEDULE["stats-monthly-report"]
    assert entry["task"] == "stats.monthly_reports" and "tenant_schemas" not in entry


def test_the_coordinator_downloads_a_past_month_and_nobody_else_does(
    north_people: People, mfa_exempt: None
) -> None:
    month = _last_month_incidents(north_people)
    url = f"/stats/report/{month.year}-{month.month}.pdf"
    page = client_for(north_people.network, north_people.coordinator).get(url)
    assert page.status_code == 200 and page["Content-Type"] == "application/pdf"
    assert page.content.startswith(b"%PDF")
    for who in (north_people.police, north_people.owner, north_people.staff):
        assert client_for(north_people.network, who).get(url).status_code == 404
    this_month = timezone.localdate().replace(day=1)
    client = client_for(north_people.network, north_people.coordinator)
    for bad in (f"{this_month.year}-{this_month.month}", "2026-13", "1990-1", "2026-0"):
        assert client.get(f"/stats/report/{bad}.pdf").status_code == 404
