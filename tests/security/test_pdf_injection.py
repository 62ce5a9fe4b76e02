"""Markup, CSS and addresses planted in every text a person types that reaches a PDF come out
of the signs as printed text: never fetched, never run, never a link. The restricted
WeasyPrint fetcher's log (`toolkit.render.fetcher`) shows what each render fetched.

The store's texts are typed into the pledge form, the network's name is set as a platform
admin sets it; the signs are downloaded through the toolkit as the store's owner."""

from __future__ import annotations

import logging
from typing import Any

import pypdfium2
import pypdfium2.raw as pdfium_c
import pytest
from django_tenants.utils import schema_context

from networks.models import Network, Store
from pledges.models import Pledge
from pledges.services import pledge_transition
from tests.conftest import People, client_for
from tests.pledges.conftest import _media_root, form_data  # noqa: F401
from tests.security.hostile import body_of
from toolkit.render import SIGN_KINDS, PartnerArtwork
from toolkit.render.signs import (
    STATIC_DIR,
    StaticOnlyURLFetcher,
    html_to_pdf,
    render_sign_html,
    static_path,
)
from toolkit.selectors import SIGN_ITEMS

pytestmark = pytest.mark.usefixtures("mfa_exempt")

# Short enough for the narrowest slot of any sign, so none is cut by the text fitting.
PAYLOADS = [
    "file:///etc/passwd",
    "http://169.254.169.254/",
    "@import url(/etc/passwd);",
    "<object data=/etc/passwd>",
    "<iframe src=/etc/passwd>",
    "<script>alert(1)</script>",
    "<img src=file:///etc/pwd>",
    "<svg onload=alert(1)>",
]
# Every text field of the pledge form; the signs draw some of them, all may be drawn later.
STORE_TEXTS = (
    "legal_name",
    "display_name",
    "address_line1",
    "address_line2",
    "city",
    "signature_name",
)
FETCH_LOG = "toolkit.render.fetcher"


def _drawn_texts() -> dict[str, set[str]]:
    """Which of the people's texts each sign draws on its page, found by drawing it."""
    art = PartnerArtwork(
        display_name="StoreSentinel",
        network_name="NetworkSentinel",
        partner_since_year=2024,
        verification_code="7KQ4-MZ3P",
        verify_url="https://partners.example/verify/7KQ4-MZ3P/",
    )
    drawn: dict[str, set[str]] = {}
    for kind in SIGN_KINDS:
        body = render_sign_html(art=art, kind=kind, paper="letter", language="en")
        body = body.split("<body", 1)[1]
        drawn[kind] = {
            field for field in ("store", "network") if f"{field.title()}Sentinel" in body
        }
        assert "store" in drawn[kind], kind
    return drawn


DRAWN = _drawn_texts()


def _compact(text: str) -> str:
    return "".join(text.replace("\u00a0", " ").split())


def pdf_text(pdf: bytes) -> str:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def pdf_actions(pdf: bytes) -> list[str]:
    """Annotations (links, widgets) and document-level JavaScript: what a PDF can do."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        found = [
            f"page {number}: {pdfium_c.FPDFPage_GetAnnotCount(page.raw)} annotations"
            for number, page in enumerate(document)
            if pdfium_c.FPDFPage_GetAnnotCount(page.raw)
        ]
        scripts = pdfium_c.FPDFDoc_GetJavaScriptActionCount(document.raw)
        if scripts:
            found.append(f"{scripts} JavaScript actions")
        if pdfium_c.FPDFDoc_GetAttachmentCount(document.raw):
            found.append("attachments")
        return found
    finally:
        document.close()


def fetched_outside_static(records: list[logging.LogRecord]) -> list[str]:
    outside = []
    for record in records:
        url = getattr(record, "fetch_url", "")
        if not getattr(record, "fetch_allowed", False):
            outside.append(f"refused {url}")
        elif not (url.startswith("data:") or static_path(url) is not None):
            outside.append(f"fetched {url}")
    return outside


def _plant(people: People, owner: Any, payload: str, network_payload: str) -> int:
    """Take the pledge with `payload` in every text of the store, and `network_payload` as
    the network's name; the coordinator approves. Returns the store's id."""
    Network.objects.filter(pk=people.network.pk).update(name=network_payload)
    typed: dict[str, Any] = {name: payload for name in STORE_TEXTS}
    response = client_for(people.network, owner).post("/pledge/", form_data(**typed))
    assert response.status_code == 302, response.context["form"].errors
    with schema_context(people.network.schema_name):
        store = Store.objects.get(pledge__isnull=False)
        assert store.display_name == payload and store.city == payload
        pledge = Pledge.objects.get(store=store)
        pledge_transition(pledge=pledge, action="approved", by=people.coordinator)
    return store.pk


@pytest.mark.parametrize("index", range(len(PAYLOADS)), ids=PAYLOADS)
def test_markup_and_addresses_typed_into_a_store_are_printed_as_text_and_never_fetched(
    north_people: People, outsider: Any, caplog: pytest.LogCaptureFixture, index: int
) -> None:
    payload = PAYLOADS[index]
    network_payload = PAYLOADS[(index + 1) % len(PAYLOADS)]
    store_id = _plant(north_people, outsider, payload, network_payload)
    client = client_for(north_people.network, outsider)
    caplog.set_level(logging.DEBUG, logger=FETCH_LOG)
    for item in SIGN_ITEMS:
        response = client.get(f"/toolkit/{store_id}/download/{item.slug}/?lang=en&paper=letter")
        assert response.status_code == 200, item.slug
        pdf = body_of(response)
        text = _compact(pdf_text(pdf))
        assert item.sign is not None
        for field, planted in (("store", payload), ("network", network_payload)):
            if field in DRAWN[item.sign]:
                assert _compact(planted) in text, (item.slug, field, planted)
        assert pdf_actions(pdf) == [], item.slug
    fetches = [record for record in caplog.records if record.name == FETCH_LOG]
    assert fetched_outside_static(fetches) == []
    weasyprint_warnings = [
        record.getMessage() for record in caplog.records if record.name.startswith("weasyprint")
    ]
    assert weasyprint_warnings == []


def test_the_badge_svg_prints_planted_markup_as_text(north_people: People, outsider: Any) -> None:
    store_id = _plant(north_people, outsider, "<script>alert(1)</script>", "<svg onload=x>")
    client = client_for(north_people.network, outsider)
    svg = body_of(client.get(f"/toolkit/{store_id}/download/badge-svg/"))
    assert b"<script" not in svg and b"<svg onload" not in svg
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in svg


# --- The log can tell: a template that does reach out is caught -------------------------------


@pytest.mark.parametrize(
    "markup",
    [
        '<img src="file:///etc/passwd">',
        '<img src="http://169.254.169.254/latest/meta-data/">',
        '<style>@import url("http://169.254.169.254/x.css");</style>',
        '<object data="file:///etc/passwd"></object>',
        '<iframe src="file:///etc/passwd"></iframe>',
        '<link rel="stylesheet" href="file:///etc/passwd">',
        '<div style="background: url(file:///etc/passwd)">x</div>',
    ],
)
def test_the_fetcher_refuses_and_logs_what_markup_would_fetch(
    caplog: pytest.LogCaptureFixture, markup: str
) -> None:
    caplog.set_level(logging.DEBUG, logger=FETCH_LOG)
    pdf = html_to_pdf(f"<!DOCTYPE html><html><body><p>Sign</p>{markup}</body></html>")
    assert "root:x:0:0" not in pdf_text(pdf)
    fetches = [record for record in caplog.records if record.name == FETCH_LOG]
    refused = fetched_outside_static(fetches)
    assert all(line.startswith("refused ") for line in refused), refused
    # An iframe WeasyPrint does not load at all: nothing to refuse. Everything else is tried,
    # refused and logged.
    assert bool(refused) == ("<iframe" not in markup), refused


def test_the_fetcher_logs_static_files_and_data_urls_as_fetched(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG, logger=FETCH_LOG)
    fetcher = StaticOnlyURLFetcher(allowed_protocols=("data", "file"))
    font = next(STATIC_DIR.glob("fonts/*.ttf"))
    fetcher.fetch(font.as_uri())
    fetcher.fetch("data:text/plain;base64," + "QUJD" * 40)
    records = [record for record in caplog.records if record.name == FETCH_LOG]
    assert [record.fetch_allowed for record in records] == [True, True]  # type: ignore[attr-defined]
    assert records[1].fetch_url.endswith("...") and len(records[1].fetch_url) < 60  # type: ignore[attr-defined]
    assert fetched_outside_static(records) == []
