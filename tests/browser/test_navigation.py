"""The navigation in Chromium: one line on a 1280 px desktop for every role (Log out
included), a menu that opens on a phone, and a coordinator's count of waiting pledges."""

from collections.abc import Iterator

import pytest
from allauth.account.models import EmailAddress
from django_tenants.utils import schema_context
from playwright.sync_api import Browser, Page, expect

from tests.conftest import PASSWORD, People
from tests.factories import UserFactory
from tests.pledges.conftest import new_store_details, pledge_for, sign

from .test_login_journey import network_url

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("live_db", "mfa_exempt")]

ROLES = ["coordinator", "owner", "staff", "police"]


@pytest.fixture
def desktop(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    yield page
    context.close()


def _log_in(page: Page, live_server, people: People, role: str) -> None:
    page.goto(network_url(live_server, people, "/accounts/login/"))
    page.get_by_label("Email").fill(getattr(people, role).email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(network_url(live_server, people, "/dashboard/"))


def _with_waiting_pledge(people: People) -> None:
    pledge_for(people)
    with schema_context(people.network.schema_name):
        signer = UserFactory.create(email="waiting@example.test")
        assert EmailAddress.objects.filter(user=signer, verified=True).exists()
        sign(signer, new_store_details())


@pytest.mark.parametrize("role", ROLES)
def test_desktop_navigation_is_one_line_with_log_out_on_it(
    live_server, north_people: People, desktop: Page, role: str
) -> None:
    _with_waiting_pledge(north_people)
    _log_in(desktop, live_server, north_people, role)
    items = desktop.locator(".nav-list > li")
    boxes = [items.nth(i).bounding_box() for i in range(items.count())]
    tops = {round(box["y"]) for box in boxes if box is not None}
    assert len(boxes) >= 3
    assert len(tops) == 1, f"{role}: the navigation wraps onto {len(tops)} lines"
    log_out = desktop.get_by_role("button", name="Log out")
    expect(log_out).to_be_visible()
    header = desktop.locator(".site-header").bounding_box()
    button = log_out.bounding_box()
    assert header is not None and button is not None
    assert button["y"] + button["height"] <= header["y"] + header["height"]


def test_coordinator_sees_the_waiting_count_in_the_navigation_and_on_the_phone_menu(
    live_server, north_people: People, desktop: Page, phone: Page
) -> None:
    _with_waiting_pledge(north_people)
    _log_in(desktop, live_server, north_people, "coordinator")
    expect(desktop.locator(".nav-list .nav-count")).to_contain_text("1")
    _log_in(phone, live_server, north_people, "coordinator")
    menu = phone.locator(".nav-menu > summary")
    expect(menu.locator(".nav-count")).to_contain_text("1")
    menu.click()
    pledges = phone.locator(".nav-list").get_by_role("link", name="Pledges")
    expect(pledges).to_be_visible()
    expect(phone.locator(".nav-list").get_by_role("button", name="Log out")).to_be_visible()
    pledges.click()
    expect(phone).to_have_url(network_url(live_server, north_people, "/pledges/"))
