"""An urgent alert from end to end on a phone, as the issue's "done when" describes it.

The coordinator turns a shared incident into an alert (the composer filled from it), makes it
urgent, previews it (the text message's segment count, the email) and sends it. A real Celery
worker delivers it: by email to a real local SMTP server, by text message to the development
SMS outbox, and to the portal inbox, where a member sees it counted in the navigation. A member
acknowledges from the link in their email without logging in; the coordinator sees it. Past the
escalation time the text message goes again only to those who have not acknowledged, and the
calling tree lists them.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable, Iterator
from email.message import Message

import pypdfium2
import pytest
from django_tenants.utils import schema_context
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, expect

from accounts.models import User
from alerts.models import Alert, AlertPreference, Delivery, SmsOutboxMessage
from alerts.tasks import escalate
from tests.alerts.compose_helpers import shared_incident
from tests.conftest import PASSWORD, Outbox, People

from .test_login_journey import network_url

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("live_db", "mfa_exempt")]

PHONE: ViewportSize = {"width": 390, "height": 844}
FINISHED = "All messages have been handed over."
# Generous for a loaded machine; each wait ends as soon as the state is reached.
WAIT_MS = 20_000


@pytest.fixture
def phones_of(browser: Browser) -> Iterator[Callable[[], BrowserContext]]:
    """New phones (browser contexts), each with its own cookies; closed at the end."""
    contexts: list[BrowserContext] = []

    def new() -> BrowserContext:
        context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
        contexts.append(context)
        return context

    yield new
    for context in contexts:
        context.close()


def _log_in(page: Page, live_server, people: People, user: User) -> None:
    page.goto(network_url(live_server, people, "/accounts/login/"))
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(network_url(live_server, people, "/dashboard/"))


def _no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide on a {PHONE['width']}px phone"


def _wait_until(what: str, done: Callable[[], bool], seconds: float = WAIT_MS / 1000) -> None:
    """Wait for a state of the database that the worker brings about (no page shows it)."""
    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            pytest.fail(f"still waiting for {what} after {seconds:.0f}s")
        time.sleep(0.1)


def _text_part(message: Message) -> str:
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            payload = part.get_payload(decode=True)
            assert isinstance(payload, bytes)
            return payload.decode(part.get_content_charset() or "utf-8")
    raise AssertionError("the email has no plain-text part")


def _progress_row(page: Page, channel: str) -> dict[str, str]:
    row = page.locator(f"tr[data-channel={channel}]")
    return {
        name: row.locator(f"[data-field={name}]").inner_text()
        for name in ("queued", "sending", "sent", "failed")
    }


def test_an_urgent_alert_from_a_shared_incident_reaches_everyone_and_escalates(
    live_server,
    settings,
    north_people: People,
    smtp_outbox: Outbox,
    celery_worker: None,
    phones_of: Callable[[], BrowserContext],
) -> None:
    people = north_people
    settings.ALERTS_SMS_BACKEND = "alerts.channels.sms.OutboxSms"
    # The links in emails and text messages lead to the live server.
    settings.PORTAL_PORT = int(live_server.url.rsplit(":", 1)[1])
    members = [
        people.owner,
        people.staff,
        people.other_store_owner,
        people.coordinator,
        people.police,
    ]
    numbers = {user.pk: f"+1555123000{n}" for n, user in enumerate(members, start=1)}
    with schema_context(people.network.schema_name):
        for user_id, phone in numbers.items():
            AlertPreference.objects.create(user_id=user_id, phone=phone)
        # A switch is an advisory by default: the coordinator makes it urgent.
        incident = shared_incident(
            people, kind="switch", summary="Woman swapped a solitaire for a copy"
        )

    # --- The coordinator makes an alert of the shared incident ------------------------------
    coordinator = phones_of().new_page()
    _log_in(coordinator, live_server, people, people.coordinator)
    coordinator.goto(network_url(live_server, people, f"/incidents/{incident.pk}/"))
    coordinator.get_by_role("link", name="Make an alert").click()
    expect(coordinator).to_have_url(re.compile(rf"/alerts/new/\?incident={incident.pk}$"))
    expect(coordinator.get_by_role("heading", name="Write an alert")).to_be_visible()
    _no_sideways_scroll(coordinator)
    expect(coordinator.get_by_label("Headline")).to_have_value(
        "Woman swapped a solitaire for a copy"
    )
    expect(coordinator.get_by_label("Advisory")).to_be_checked()
    expect(coordinator.get_by_label("Type of crime")).to_have_value("switch")
    expect(coordinator.get_by_label("Number of suspects")).to_have_value("2")
    expect(coordinator.get_by_label("Place")).to_have_value(re.compile("Front showcase"))
    expect(coordinator.get_by_label("Description of the suspects")).to_have_value(
        re.compile("Grey hooded jacket")
    )
    expect(coordinator.get_by_label("Vehicle")).to_have_value(re.compile("Toyota"))
    expect(coordinator.get_by_label("Property taken")).to_have_value(re.compile("Solitaire ring"))

    coordinator.get_by_label("Urgent").check()
    # The texts follow the severity's template once filled again from the details.
    coordinator.get_by_role("button", name="Fill from the details").click()
    expect(coordinator.get_by_label("Urgent")).to_be_checked()
    expect(coordinator.locator("#sms-count")).to_contain_text("text message(s)")
    coordinator.get_by_role("button", name="Save and preview").click()

    # --- The preview: the text message's segments and the email -----------------------------
    expect(coordinator).to_have_url(re.compile(r"/alerts/\d+/preview/$"))
    alert_id = int(coordinator.url.rstrip("/").split("/")[-2])
    _no_sideways_scroll(coordinator)
    sms_section = coordinator.locator("section", has=coordinator.locator("#sms-title"))
    expect(sms_section).to_contain_text(re.compile(r"\d+ characters in (GSM-7|UCS-2): \d+ text"))
    email_section = coordinator.locator("section", has=coordinator.locator("#email-title"))
    expect(email_section).to_contain_text("Woman swapped a solitaire for a copy")
    expect(email_section).to_contain_text("Subject")
    coordinator.get_by_role("button", name="Send to 5 recipients").click()

    # --- The worker delivers it; the progress page follows ----------------------------------
    expect(coordinator).to_have_url(
        network_url(live_server, people, f"/alerts/{alert_id}/progress/")
    )
    expect(coordinator.locator("[data-progress-state]")).to_contain_text(FINISHED, timeout=WAIT_MS)
    _no_sideways_scroll(coordinator)
    for channel in ("email", "sms", "inbox"):
        assert _progress_row(coordinator, channel) == {
            "queued": "0",
            "sending": "0",
            "sent": "5",
            "failed": "0",
        }, channel
    expect(coordinator.locator("[data-total=not_reached]")).to_have_text("0")

    emails = {message["To"]: message for message in smtp_outbox.messages}
    assert sorted(emails) == sorted(user.email for user in members)
    with schema_context(people.network.schema_name):
        first_round = sorted(SmsOutboxMessage.objects.values_list("to", flat=True))
    assert first_round == sorted(numbers.values())

    coordinator.goto(network_url(live_server, people, "/alerts/sms-outbox/"))
    _no_sideways_scroll(coordinator)
    outbox_rows = coordinator.locator("main tbody tr")
    expect(outbox_rows).to_have_count(5)
    for phone in numbers.values():
        expect(outbox_rows.filter(has_text=phone)).to_have_count(1)

    # --- A member sees it in the portal, counted in the navigation --------------------------
    staff = phones_of().new_page()
    _log_in(staff, live_server, people, people.staff)
    menu = staff.locator(".nav-menu summary")
    expect(menu.locator(".nav-count")).to_have_text(re.compile(r"^1\b"))
    menu.click()
    staff.get_by_role("link", name=re.compile(r"^Alerts 1")).click()
    expect(staff).to_have_url(network_url(live_server, people, "/alerts/"))
    _no_sideways_scroll(staff)
    row = staff.locator(".incident-row.is-unread")
    expect(row).to_have_count(1)
    row.get_by_role("link", name="Woman swapped a solitaire for a copy").click()
    expect(staff.get_by_role("heading", level=1)).to_contain_text(
        "Woman swapped a solitaire for a copy"
    )
    _no_sideways_scroll(staff)
    expect(staff.locator(".nav-menu summary .nav-count")).to_have_count(0)

    # --- The owner acknowledges from the link in their email, without logging in ------------
    text = _text_part(emails[people.owner.email])
    found = re.search(r"http://north\.localhost:\d+/alerts/seen/\S+", text)
    assert found, text
    anonymous = phones_of().new_page()
    anonymous.goto(found.group(0))
    expect(anonymous.get_by_role("heading", name="Are you on the lookout?")).to_be_visible()
    _no_sideways_scroll(anonymous)
    with schema_context(people.network.schema_name):
        # Opening the link (as a mail scanner would) acknowledges nothing.
        assert (
            not Alert.objects.get(pk=alert_id)
            .recipients.filter(acknowledged_at__isnull=False)
            .exists()
        )
    anonymous.get_by_role("button", name="Seen — on the lookout").click()
    expect(anonymous.get_by_role("heading", level=1)).to_have_text(
        "Thank you: you are on the lookout"
    )

    # --- The coordinator sees the acknowledgement -------------------------------------------
    coordinator.goto(network_url(live_server, people, f"/alerts/{alert_id}/progress/"))
    expect(coordinator.locator("[data-total=acknowledged]")).to_have_text("1")
    expect(coordinator.locator("#alert-progress")).to_contain_text("Acknowledged (of 5 people)")

    # --- Past the escalation time, the unacknowledged get the text message again ------------
    unacknowledged = [user for user in members if user != people.owner]
    with schema_context(people.network.schema_name):
        alert = Alert.objects.get(pk=alert_id)
        assert alert.sent_at is not None
        Alert.objects.filter(pk=alert_id).update(
            sent_at=alert.sent_at - dt.timedelta(minutes=alert.escalate_minutes + 1)
        )
        escalate.delay()  # to the worker, in this network (tenant-schemas-celery)

        def reminders_sent() -> bool:
            return Delivery.objects.filter(
                alert_id=alert_id, round=2, status=Delivery.Status.SENT
            ).count() == len(unacknowledged)

        _wait_until("the reminders to be sent", reminders_sent)
        reminders = list(SmsOutboxMessage.objects.filter(body__startswith="REMINDER"))
        assert sorted(sms.to for sms in reminders) == sorted(
            numbers[user.pk] for user in unacknowledged
        )
        assert SmsOutboxMessage.objects.filter(to=numbers[people.owner.pk]).count() == 1
        assert Alert.objects.get(pk=alert_id).escalated_at is not None

    coordinator.reload()
    expect(coordinator.locator("[data-progress-state]")).to_contain_text(FINISHED, timeout=WAIT_MS)
    assert _progress_row(coordinator, "sms")["sent"] == "9"

    # --- The calling tree names those still to call -----------------------------------------
    with coordinator.expect_download() as download_info:
        coordinator.get_by_role("link", name="Calling tree (PDF)").click()
    path = download_info.value.path()
    pdf = path.read_bytes()
    assert pdf.startswith(b"%PDF-")
    document = pypdfium2.PdfDocument(pdf)
    try:
        words = " ".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()
    words = " ".join(words.split())
    for user in unacknowledged:
        assert user.get_full_name() in words, user.get_full_name()
    assert people.owner.get_full_name() not in words
    assert "4 members to call" in words
