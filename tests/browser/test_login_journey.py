"""A member opens their network's site in Chromium, logs in and lands on their dashboard."""

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import PASSWORD, People

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("live_db", "mfa_exempt")]


def network_url(live_server, people: People, path: str = "/") -> str:
    port = live_server.url.rsplit(":", 1)[1]
    return f"http://{people.network.slug}.localhost:{port}{path}"


def test_member_logs_in_on_their_network_and_lands_on_their_dashboard(
    live_server, north_people: People, phone: Page
) -> None:
    phone.goto(network_url(live_server, north_people))
    expect(phone.get_by_role("heading", level=1)).to_contain_text("North Valley Jewelers Network")
    phone.get_by_role("link", name="Log in").first.click()
    phone.get_by_label("Email").fill(north_people.staff.email)
    phone.get_by_label("Password").fill(PASSWORD)
    phone.get_by_role("button", name="Sign In").click()
    # A member lands on their dashboard, which leads to their work.
    expect(phone).to_have_url(network_url(live_server, north_people, "/dashboard/"))
    expect(phone.locator("main")).to_contain_text("North Gems")


def test_member_of_another_network_gets_not_found(
    live_server, north_people: People, lakeshore_people: People, phone: Page
) -> None:
    phone.goto(network_url(live_server, lakeshore_people, "/accounts/login/"))
    phone.get_by_label("Email").fill(north_people.owner.email)
    phone.get_by_label("Password").fill(PASSWORD)
    phone.get_by_role("button", name="Sign In").click()
    response = phone.goto(network_url(live_server, lakeshore_people, "/dashboard/"))
    assert response is not None
    assert response.status == 404
