"""The quick log on a phone-sized Chromium, as staff use it at the counter: a type, "just now",
one line and a photo, done in well under 30 seconds, one-handed. What they typed survives a
closed tab and a dropped connection (kept on the phone, sent when back online) and makes one
incident however often it is sent. The owner finishes it later from the "to finish" list and
shares it.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context
from PIL import Image
from playwright.sync_api import Browser, BrowserContext, Page, Route, ViewportSize, expect

from incidents.models import Incident
from incidents.services import incident_quick_log, store_share_default_set
from networks.models import Membership
from tests.conftest import PASSWORD, People

from .test_login_journey import network_url

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("live_db")]

PHONE: ViewportSize = {"width": 390, "height": 844}
SAVED = "Saved on this phone. It will be sent when you are back online."
INCIDENT_URL = re.compile(r"/incidents/\d+/$")
# The product's promise: a quick log in under 30 seconds, from opening the page to the incident.
PROMISE_SECONDS = 30
TIME = re.compile(r"^Time")


@pytest.fixture
def phone_context(browser: Browser) -> Iterator[BrowserContext]:
    """A phone whose tabs can be closed and reopened, and whose connection can drop."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    yield context
    context.close()


def _log_in(page: Page, live_server, people: People, email: str) -> None:
    page.goto(network_url(live_server, people, "/accounts/login/"))
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(network_url(live_server, people, "/dashboard/"))


def _incidents(people: People) -> list[Incident]:
    with schema_context(people.network.schema_name):
        return list(Incident.objects.order_by("pk"))


def _no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width}px wide on a {PHONE['width']}px phone"


def _photo(folder: Path) -> Path:
    """A small phone photo of the showcase camera's screen."""
    path = folder / "showcase.jpg"
    Image.new("RGB", (640, 480), (120, 90, 60)).save(path, "JPEG", quality=80)
    return path


def test_staff_quick_log_a_casing_with_a_photo_in_seconds_on_a_phone(
    live_server, north_people: People, phone_context: BrowserContext, tmp_path: Path
) -> None:
    people = north_people
    page = phone_context.new_page()
    _log_in(page, live_server, people, people.staff.email)

    started = time.monotonic()
    page.goto(network_url(live_server, people, "/incidents/quick/"))
    _no_sideways_scroll(page)
    tile = page.locator(".choice-tile", has_text="Casing the store")
    box = tile.bounding_box()
    assert box is not None and box["height"] >= 44 and box["width"] >= 150, box
    # "Just now" is chosen for them; the time field only appears for "Earlier".
    expect(page.get_by_label("Just now")).to_be_checked()
    expect(page.get_by_label(TIME)).to_be_hidden()
    # The button is within thumb reach without scrolling.
    button = page.get_by_role("button", name="Log it")
    expect(button).to_be_in_viewport()

    tile.tap()
    page.get_by_label("In one line").fill("Man photographed the showcases and left")
    button.dblclick()  # an impatient double tap
    expect(page).to_have_url(INCIDENT_URL)
    expect(page.locator("main")).to_contain_text("Logged.")
    expect(page.locator("main")).to_contain_text("To finish")
    incident_url = page.url

    # The photo from the phone's camera roll.
    page.get_by_role("link", name="Add a photo, clip or PDF").tap()
    page.get_by_label(re.compile("^Photo, clip or PDF")).set_input_files(_photo(tmp_path))
    page.get_by_role("button", name="Add it").tap()
    expect(page.locator("main")).to_contain_text("The evidence was added.")
    assert page.url.split("#")[0] == incident_url
    elapsed = time.monotonic() - started
    assert elapsed < PROMISE_SECONDS, f"the quick log took {elapsed:.1f}s"

    incidents = _incidents(people)
    assert len(incidents) == 1
    assert incident_url.endswith(f"/incidents/{incidents[0].pk}/")
    assert incidents[0].kind == "casing" and not incidents[0].is_complete
    assert incidents[0].logged_by_id == people.staff.pk
    with schema_context(people.network.schema_name):
        assert list(incidents[0].evidence.values_list("kind", "status")) == [("photo", "ready")]
    expect(page.locator(".evidence-thumb img")).to_be_visible()

    # The next quick log starts empty: the sent draft is gone from the phone.
    page.goto(network_url(live_server, people, "/incidents/quick/"))
    expect(page.get_by_label("In one line")).to_have_value("")
    expect(page.locator("#draft-status")).to_have_text(
        "The incident you sent last time is in the logbook."
    )
    page.reload()
    expect(page.locator("#draft-status")).to_have_text("")
    assert len(_incidents(people)) == 1


def test_earlier_shows_the_time_and_a_missing_time_is_refused_with_the_line_kept(
    live_server, north_people: People, phone_context: BrowserContext
) -> None:
    people = north_people
    page = phone_context.new_page()
    _log_in(page, live_server, people, people.staff.email)
    page.goto(network_url(live_server, people, "/incidents/quick/"))
    page.get_by_label("Earlier").check()
    expect(page.get_by_label(TIME)).to_be_visible()
    page.get_by_label("Just now").check()
    expect(page.get_by_label(TIME)).to_be_hidden()

    page.get_by_label("Grab and run").check()
    page.get_by_label("Earlier").check()
    page.get_by_label("In one line").fill("Grabbed a tray of chains at the door")
    page.get_by_role("button", name="Log it").click()
    expect(page.locator("main")).to_contain_text("Say when it happened.")
    expect(page.get_by_label("In one line")).to_have_value("Grabbed a tray of chains at the door")
    assert _incidents(people) == []

    earlier = (timezone.localtime() - dt.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M")
    expect(page.get_by_label(TIME)).to_be_visible()
    page.get_by_label(TIME).fill(earlier)
    page.get_by_role("button", name="Log it").click()
    expect(page).to_have_url(INCIDENT_URL)
    (incident,) = _incidents(people)
    assert timezone.localtime(incident.started_at).strftime("%Y-%m-%dT%H:%M") == earlier


def test_back_from_the_incident_gives_an_empty_quick_log_for_the_next_one(
    live_server, north_people: People, phone_context: BrowserContext
) -> None:
    people = north_people
    page = phone_context.new_page()
    _log_in(page, live_server, people, people.staff.email)
    page.goto(network_url(live_server, people, "/incidents/quick/"))
    page.get_by_label("Burglary").check()
    page.get_by_label("In one line").fill("Back door forced overnight")
    sent = page.locator("input[name=client_token]").input_value()
    page.get_by_role("button", name="Log it").click()
    expect(page).to_have_url(INCIDENT_URL)

    page.go_back()
    expect(page.locator("#draft-status")).to_have_text(
        "The incident you sent last time is in the logbook."
    )
    expect(page.get_by_label("In one line")).to_have_value("")
    expect(page.get_by_role("button", name="Log it")).to_be_enabled()
    assert page.locator("input[name=client_token]").input_value() != sent
    page.get_by_label("Robbery").check()
    page.get_by_label("In one line").fill("Armed man demanded the tray of watches")
    page.get_by_role("button", name="Log it").click()
    expect(page).to_have_url(INCIDENT_URL)
    assert [incident.kind for incident in _incidents(people)] == ["burglary", "robbery"]


def test_a_draft_survives_a_closed_tab_and_a_dropped_connection_and_makes_one_incident(
    live_server, north_people: People, phone_context: BrowserContext
) -> None:
    people = north_people
    page = phone_context.new_page()
    _log_in(page, live_server, people, people.staff.email)
    quick = network_url(live_server, people, "/incidents/quick/")

    # Typed, then the tab is closed: the next tab has it back.
    page.goto(quick)
    page.get_by_label("Suspicious vehicle or person outside").check()
    page.get_by_label("In one line").fill("Grey van idling by the back door, no plates")
    token = page.locator("input[name=client_token]").input_value()
    page.close()
    page = phone_context.new_page()
    page.goto(quick)
    expect(page.get_by_label("In one line")).to_have_value(
        "Grey van idling by the back door, no plates"
    )
    expect(page.get_by_label("Suspicious vehicle or person outside")).to_be_checked()
    expect(page.locator("input[name=client_token]")).to_have_value(token)
    expect(page.locator("#draft-status")).to_have_text(
        "What you typed earlier on this phone is back."
    )

    # The connection drops as they press the button: kept on the phone, nothing sent.
    phone_context.set_offline(True)
    page.get_by_role("button", name="Log it").click()
    expect(page.locator("#draft-status")).to_have_text(SAVED)
    assert _incidents(people) == []

    # Back online: the phone sends it by itself and opens the incident.
    phone_context.set_offline(False)
    expect(page).to_have_url(INCIDENT_URL)
    (incident,) = _incidents(people)
    assert incident.summary == "Grey van idling by the back door, no plates"
    assert incident.kind == "outside"
    assert str(incident.client_token) == token

    # The same draft sent again (a retry that raced the first) is still that one incident.
    page.goto(quick)
    again = page.evaluate(
        """async (token) => {
            const body = new FormData(document.getElementById("quick-log"));
            body.set("client_token", token);
            body.set("kind", "outside");
            body.set("summary", "Grey van idling by the back door, no plates");
            const response = await fetch(location.href, {method: "POST", body});
            return response.url;
        }""",
        token,
    )
    assert again.endswith(f"/incidents/{incident.pk}/")
    assert len(_incidents(people)) == 1


def test_a_send_lost_on_a_weak_signal_is_kept_and_sent_again_as_one_incident(
    live_server, north_people: People, phone_context: BrowserContext
) -> None:
    people = north_people
    page = phone_context.new_page()
    _log_in(page, live_server, people, people.staff.email)
    quick = network_url(live_server, people, "/incidents/quick/")
    page.goto(quick)
    page.get_by_label("Switch or swap").check()
    page.get_by_label("In one line").fill("Ring swapped for a copy during a viewing")

    # The phone believes it is online, but nothing gets through.
    def drop(route: Route) -> None:
        route.abort("internetdisconnected")

    phone_context.route("**/*", drop)
    page.get_by_role("button", name="Log it").click()
    expect(page.locator("#draft-status")).to_have_text(SAVED)
    expect(page.get_by_role("button", name="Log it")).to_be_enabled()
    assert _incidents(people) == []

    # The signal comes back (and the phone never noticed it had gone).
    phone_context.unroute("**/*", drop)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(page).to_have_url(INCIDENT_URL)
    (incident,) = _incidents(people)
    assert incident.summary == "Ring swapped for a copy during a viewing"

    # The signal goes just as the form is sent: the browser shows its own error page. The
    # next time the quick log opens, the phone sends it again and the server has it once.
    page.goto(quick)
    page.get_by_label("Fraud or counterfeit payment").check()
    page.get_by_label("In one line").fill("Paid with a card that bounced an hour later")

    def drop_posts(route: Route) -> None:
        if route.request.method == "POST":
            route.abort("internetdisconnected")
        else:
            route.continue_()

    phone_context.route("**/*", drop_posts)
    with page.expect_event("requestfailed", lambda request: request.method == "POST"):
        page.get_by_role("button", name="Log it").click()
    phone_context.unroute("**/*", drop_posts)
    page.goto(quick)
    expect(page.locator("#draft-status")).to_have_text(
        "The incident you sent last time is in the logbook."
    )
    expect(page.get_by_label("In one line")).to_have_value("")
    summaries = [incident.summary for incident in _incidents(people)]
    assert summaries[1:] == ["Paid with a card that bounced an hour later"]


def test_a_draft_kept_offline_is_sent_when_the_phone_opens_the_page_again(
    live_server, north_people: People, phone_context: BrowserContext
) -> None:
    people = north_people
    page = phone_context.new_page()
    _log_in(page, live_server, people, people.staff.email)
    page.goto(network_url(live_server, people, "/incidents/quick/"))
    page.get_by_label("Suspicious call or email").check()
    page.get_by_label("In one line").fill("Caller asked when the safe is opened")
    phone_context.set_offline(True)
    page.get_by_role("button", name="Log it").click()
    expect(page.locator("#draft-status")).to_have_text(SAVED)
    page.close()  # the tab is closed while still offline
    assert _incidents(people) == []

    phone_context.set_offline(False)
    page = phone_context.new_page()
    page.goto(network_url(live_server, people, "/incidents/"))
    notice = page.locator(".draft-waiting").first
    expect(notice).to_be_visible()
    notice.get_by_role("link", name="Open it to send it").click()
    expect(page).to_have_url(INCIDENT_URL)
    (incident,) = _incidents(people)
    assert incident.summary == "Caller asked when the safe is opened"
    page.goto(network_url(live_server, people, "/incidents/"))
    expect(page.locator(".draft-waiting").first).to_be_hidden()


def test_owner_finishes_a_quick_log_from_the_to_finish_list_and_shares_it(
    live_server, north_people: People, phone_context: BrowserContext
) -> None:
    people = north_people
    with schema_context(people.network.schema_name):
        # This store keeps incidents to itself until the owner shares one.
        store_share_default_set(store=people.store, by=people.owner, shared=False)
        membership = Membership.objects.get(user=people.staff)
        incident = incident_quick_log(
            membership=membership,
            by=people.staff,
            kind="distraction",
            started_at=timezone.now(),
            summary="Two men, one kept staff busy at the far showcase",
        )
        assert not incident.is_shared
    page = phone_context.new_page()
    _log_in(page, live_server, people, people.owner.email)
    page.goto(network_url(live_server, people, "/incidents/to-finish/"))
    _no_sideways_scroll(page)
    row = page.locator(".incident-row", has_text="Two men")
    row.get_by_role("link", name=re.compile("^Finish")).click()
    expect(page.get_by_role("heading", name="Finish the incident")).to_be_visible()
    _no_sideways_scroll(page)
    page.get_by_label(re.compile("^What happened")).fill("Asked for loose diamonds, then split.")
    page.get_by_label(re.compile("^Police were called")).check()
    page.get_by_label(re.compile("^Police agency")).fill("Metro PD")
    page.get_by_role("button", name="Save the changes").click()
    expect(page).to_have_url(network_url(live_server, people, f"/incidents/{incident.pk}/"))
    page.get_by_role("button", name="Share with the network").click()
    expect(page.locator("main")).to_contain_text("Shared with the network.")
    with schema_context(people.network.schema_name):
        incident.refresh_from_db()
        assert incident.is_complete and incident.is_shared
        assert incident.police_agency == "Metro PD"
    page.goto(network_url(live_server, people, "/incidents/to-finish/"))
    expect(page.locator("main")).to_contain_text("Nothing waits")


def test_the_full_form_keeps_its_draft_through_a_closed_tab_and_sends_it_once(
    live_server, north_people: People, phone_context: BrowserContext
) -> None:
    people = north_people
    page = phone_context.new_page()
    _log_in(page, live_server, people, people.owner.email)
    new = network_url(live_server, people, "/incidents/new/")
    page.goto(new)
    page.get_by_label(re.compile("^Summary")).fill("Woman swapped a ring for a fake")
    page.locator("input[name=suspects-0-clothing_top]").fill("Red raincoat")
    page.close()

    page = phone_context.new_page()
    page.goto(new)
    expect(page.get_by_label(re.compile("^Summary"))).to_have_value(
        "Woman swapped a ring for a fake"
    )
    expect(page.locator("input[name=suspects-0-clothing_top]")).to_have_value("Red raincoat")
    page.get_by_role("button", name="Start again").click()
    expect(page.get_by_label(re.compile("^Summary"))).to_have_value("")
    expect(page.get_by_role("button", name="Start again")).to_be_hidden()
    assert _incidents(people) == []

    # Sent in full: the next new form starts empty, and it is still one incident.
    page.get_by_label(re.compile("^Type")).select_option("switch")
    page.get_by_label(re.compile("^Summary")).fill("Woman swapped a ring for a fake")
    moment = timezone.localtime() - dt.timedelta(hours=1)
    page.get_by_label(re.compile("^When it started")).fill(moment.strftime("%Y-%m-%dT%H:%M"))
    page.locator("input[name=suspects-0-clothing_top]").fill("Red raincoat")
    page.get_by_role("button", name="Log the incident").click()
    expect(page).to_have_url(INCIDENT_URL)
    page.goto(new)
    expect(page.locator("#draft-status")).to_have_text(
        "The incident you sent last time is in the logbook."
    )
    expect(page.get_by_label(re.compile("^Summary"))).to_have_value("")
    (incident,) = _incidents(people)
    assert incident.is_complete and incident.has_suspects


def test_logging_out_clears_the_drafts_this_phone_kept(
    live_server, north_people: People, phone_context: BrowserContext
) -> None:
    people = north_people
    page = phone_context.new_page()
    _log_in(page, live_server, people, people.staff.email)
    page.goto(network_url(live_server, people, "/incidents/quick/"))
    page.get_by_label("In one line").fill("Caller asked when the safe is opened")
    drafts = "Object.keys(localStorage).filter((key) => key.startsWith('incident-draft:'))"
    assert page.evaluate(drafts)
    page.goto(network_url(live_server, people, "/dashboard/"))
    page.locator(".nav-menu summary").click()  # the phone's "Menu"
    page.get_by_role("button", name="Log out").click()
    expect(page).not_to_have_url(re.compile(r"/dashboard/$"))
    assert page.evaluate(drafts) == []
