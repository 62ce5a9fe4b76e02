"""The whole pledge, as people live it, on a phone-sized Chromium.

A jeweler finds their network on the public site, signs up, confirms their email from a real
SMTP delivery, takes the pledge; the coordinator approves it; the owner invites a staff member
who signs up, accepts and acknowledges the pledge; anyone can verify the store.
"""

import re
from email.message import Message

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.conftest import Outbox, People

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("live_db", "mfa_exempt")]

OWNER_EMAIL = "maya.reyes@example.test"
STAFF_EMAIL = "sam.lee@example.test"
PASSWORD = "Diamonds-and-dust-2026"


def origin(live_server, host: str) -> str:
    port = live_server.url.rsplit(":", 1)[1]
    return f"http://{host}:{port}"


def plain_text(message: Message) -> str:
    """The plain-text part of a mail (every portal mail also has an HTML one)."""
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            return part.get_payload(decode=True).decode()  # type: ignore[union-attr]
    raise AssertionError("a mail without a plain-text part")


def confirmation_link(outbox: Outbox, to: str) -> str:
    for message in reversed(outbox.messages):
        if message["To"] == to:
            body = plain_text(message)
            found = re.search(r"http://\S+/accounts/confirm-email/\S+", body)
            if found:
                return found.group()
    raise AssertionError(f"no confirmation mail for {to}")


def invitation_link(outbox: Outbox, to: str) -> str:
    for message in reversed(outbox.messages):
        if message["To"] == to:
            body = plain_text(message)
            found = re.search(r"http://\S+/join/\S+/", body)
            if found:
                return found.group()
    raise AssertionError(f"no invitation mail for {to}")


def sign_up_and_confirm(page: Page, outbox: Outbox, email: str) -> None:
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    expect(page.locator("main")).to_contain_text("Check your email")
    page.goto(confirmation_link(outbox, email))
    page.get_by_role("button", name="Confirm").click()


def log_in(page: Page, url: str, email: str, password: str) -> None:
    page.goto(url)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()


def test_a_jeweler_pledges_is_approved_and_their_staff_acknowledges(
    live_server, settings, north_people: People, browser: Browser, phone: Page, smtp_outbox: Outbox
) -> None:
    # Links in mails sent by tasks are built from the configured public port.
    settings.PORTAL_PORT = int(live_server.url.rsplit(":", 1)[1])
    public = origin(live_server, "localhost")
    north = origin(live_server, "north.localhost")

    # Find the network for the store's city on the public site.
    phone.goto(f"{public}/networks/")
    phone.get_by_role("searchbox").fill("North Valley")
    phone.get_by_role("button", name="Search").click()
    phone.get_by_role("link", name=re.compile("Take the pledge")).first.click()
    expect(phone).to_have_url(f"{north}/pledge/")

    # Create the account and confirm the address from the mail that really went out.
    phone.get_by_role("link", name="Create an account").click()
    sign_up_and_confirm(phone, smtp_outbox, OWNER_EMAIL)
    expect(phone).to_have_url(f"{north}/pledge/")

    # The store, then the pledge itself.
    phone.get_by_label("Legal name of the business").fill("Reyes Fine Jewelry LLC")
    phone.get_by_label("Store name shown to people").fill("Reyes Fine Jewelry")
    phone.get_by_label("Street address").fill("2200 Fresno Street")
    phone.get_by_label("City").fill("Fresno")
    phone.get_by_label("State or province").fill("CA")
    phone.get_by_label("Postal code").fill("93721")
    phone.get_by_label("Store phone").fill("(559) 555-0148")
    phone.get_by_label("Number of staff, you included").fill("4")
    for box in phone.locator("fieldset input[type=checkbox][name^=commit]").all():
        box.check()
    phone.get_by_label("Your full name, as your signature").fill("Maya Reyes")
    phone.get_by_label("I agree to the network's data terms above.").check()
    phone.get_by_role("button", name="Sign the pledge").click()
    expect(phone).to_have_url(f"{north}/store/")
    main = phone.locator("main")
    expect(main).to_contain_text("Reyes Fine Jewelry")
    expect(main).to_contain_text("Pending")
    code = main.locator(".code-text").first.inner_text().strip()
    assert re.fullmatch(r"[2-9A-Z]{4}-[2-9A-Z]{4}", code)

    # The coordinator approves it on their own device.
    coordinator = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    desk = coordinator.new_page()
    log_in(
        desk,
        f"{north}/accounts/login/",
        north_people.coordinator.email,
        "correct-horse-battery-2026",
    )
    desk.goto(f"{north}/pledges/?status=pending")
    desk.get_by_role("link", name=re.compile("Reyes Fine Jewelry")).click()
    desk.get_by_role("button", name="Approve").click()
    expect(desk.locator("main")).to_contain_text("Active")
    coordinator.close()

    # The owner now has an active pledge and the toolkit link.
    phone.goto(f"{north}/store/")
    expect(main).to_contain_text("Active")
    expect(phone.get_by_role("link", name=re.compile("Partner toolkit"))).to_be_visible()

    # The owner invites a staff member.
    phone.get_by_label("Email address of the person to invite").fill(STAFF_EMAIL)
    phone.get_by_role("button", name="Send the invitation").click()
    expect(main).to_contain_text(STAFF_EMAIL)

    # The staff member accepts from their own phone: sign up, confirm, accept, acknowledge.
    staff_context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    staff = staff_context.new_page()
    staff.goto(invitation_link(smtp_outbox, STAFF_EMAIL))
    staff.get_by_role("link", name="Create an account").click()
    sign_up_and_confirm(staff, smtp_outbox, STAFF_EMAIL)
    staff.get_by_role("button", name="Accept the invitation").click()
    expect(staff).to_have_url(f"{north}/store/")
    staff.get_by_role("button", name="I have read the pledge and commit to it").click()
    expect(staff.locator("main")).to_contain_text("Reyes Fine Jewelry")
    staff_context.close()

    # The owner sees who has acknowledged.
    phone.goto(f"{north}/store/")
    team = phone.locator("#team-title").locator("xpath=..")
    expect(team).to_contain_text(STAFF_EMAIL)
    expect(team).to_contain_text("Acknowledged")

    # Anyone can check the sticker in the window.
    phone.goto(f"{public}/verify/{code.lower()}/")
    verdict = phone.locator("main")
    expect(verdict).to_contain_text("Reyes Fine Jewelry")
    expect(verdict).to_contain_text("North Valley Jewelers Network")
    expect(verdict).to_contain_text("Partner in good standing")
