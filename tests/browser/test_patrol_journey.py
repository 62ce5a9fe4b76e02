"""A patrol request on a phone: the owner, off to a trade show, asks the network's police for
patrols; a police officer accepts it from the requests page; the owner sees it accepted in the
calendar and was told by email."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.core import mail
from django.utils import timezone
from django_tenants.utils import schema_context
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, expect

from accounts.models import User
from police.models import PatrolRequest
from tests.conftest import PASSWORD, People

from .test_login_journey import network_url

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("live_db", "mfa_exempt")]

PHONE: ViewportSize = {"width": 390, "height": 844}
FORMAT = "%Y-%m-%dT%H:%M"


@pytest.fixture
def phones(browser: Browser) -> Iterator[list[BrowserContext]]:
    """One phone per person, each with its own cookies."""
    contexts: list[BrowserContext] = []
    yield contexts
    for context in contexts:
        context.close()


def _phone(browser: Browser, contexts: list[BrowserContext]) -> Page:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    contexts.append(context)
    return context.new_page()


def _log_in(page: Page, live_server, people: People, user: User) -> None:
    page.goto(network_url(live_server, people, "/accounts/login/"))
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(network_url(live_server, people, "/dashboard/"))


def _no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide on a {PHONE['width']}px phone"


def test_owner_asks_for_patrols_during_a_trade_show_police_accept_owner_sees_it_accepted(
    live_server, north_people: People, browser: Browser, phones: list[BrowserContext]
) -> None:
    people = north_people
    zone = people.network.zone
    leaving = (timezone.localtime(timezone.now(), zone) + dt.timedelta(days=2)).replace(
        hour=18, minute=0, second=0, microsecond=0
    )
    back = leaving + dt.timedelta(days=4)

    # --- The owner asks --------------------------------------------------------------------
    owner = _phone(browser, phones)
    _log_in(owner, live_server, people, people.owner)
    owner.goto(network_url(live_server, people, "/police/patrols/"))
    owner.get_by_role("link", name="Ask for patrols").first.click()
    expect(owner.get_by_role("heading", level=1)).to_have_text("Ask for patrols")
    _no_sideways_scroll(owner)
    owner.get_by_label("Reason").select_option("away")
    owner.get_by_label("From").fill(leaving.strftime(FORMAT))
    owner.get_by_label("Until").fill(back.strftime(FORMAT))
    owner.get_by_label("When exactly").fill("Each evening at closing, around 6 pm")
    owner.get_by_label("What the police should know").fill(
        "I am at the trade show in Las Vegas; my manager Ana closes alone."
    )
    owner.get_by_role("button", name="Send to the police").click()
    expect(owner.locator("main")).to_contain_text("Your request is sent to the network's police.")
    expect(owner.locator("main")).to_contain_text("Waiting for an answer")
    with schema_context("north"):
        patrol = PatrolRequest.objects.get()
    assert (patrol.reason, patrol.status) == ("away", "open")
    assert patrol.starts_at == leaving and patrol.ends_at == back
    assert [message.to for message in mail.outbox] == [[people.police.email]]

    # --- Police accept from the requests page ----------------------------------------------
    police = _phone(browser, phones)
    _log_in(police, live_server, people, people.police)
    police.goto(network_url(live_server, people, "/police/patrols/"))
    _no_sideways_scroll(police)
    police.get_by_role("link", name="North Gems · Owner away (trade show, vacation)").click()
    expect(police.locator("main")).to_contain_text("Each evening at closing, around 6 pm")
    police.get_by_label("Note to the store").fill("A car passes by at closing each evening.")
    police.get_by_role("button", name="Accept").click()
    expect(police.locator("main")).to_contain_text("Accepted. The store is told by email.")
    expect(police.locator("main")).to_contain_text("No request is waiting.")

    # --- The owner sees it accepted in the calendar ----------------------------------------
    owner.goto(network_url(live_server, people, "/police/patrols/calendar/"))
    _no_sideways_scroll(owner)
    entry = owner.locator(".incident-row").first
    expect(entry).to_contain_text("Owner away (trade show, vacation)")
    expect(entry).to_contain_text("Accepted")
    assert mail.outbox[-1].to == [people.owner.email]
    assert "accepted" in mail.outbox[-1].subject
