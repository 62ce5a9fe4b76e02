"""Every hostile file of tests/fixtures/hostile/ through the one image check and through every
upload path of the portal: refused with the reason and with what else was typed kept, or
stored re-encoded as pixels only (a logo as a PNG, evidence as JPEGs drawn from the original,
which is kept and never served, an alert's photo as the same JPEGs without the original);
never a 500; no served image carries metadata. Each path
says where its limits differ from the logo's (`Outcome`). A form that takes a file and is not
listed in UPLOAD_PATHS fails the suite."""

from __future__ import annotations

import dataclasses
import html
import importlib
import io
import pkgutil
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.db import models
from django.test import TestCase
from django_tenants.utils import schema_context
from PIL import Image, ImageFile

from networks.models import Membership, Store
from pledges.models import Pledge
from pledges.services import pledge_transition
from tests.conftest import People, client_for
from tests.pledges.conftest import _media_root, form_data  # noqa: F401
from tests.security.hostile import (
    HOSTILE,
    NEUTRALISED,
    REASON_WORDS,
    REFUSED,
    HostileFile,
    assert_pixels_only,
    body_of,
)
from toolkit import logos
from toolkit.logos import LogoError, logo_normalise

pytestmark = pytest.mark.usefixtures("mfa_exempt")

# What a person types beside the file, each value one that a refused form must give back.
TYPED: dict[str, Any] = {
    "legal_name": "Harbor Gems Holding LLC",
    "display_name": "Harbor Gems",
    "address_line1": "412 Pine Avenue",
    "city": "Long Beach",
    "postal_code": "90802",
    "signature_name": "James Okafor",
}


# --- The one image check ---------------------------------------------------------------------


@pytest.fixture
def no_decoding(monkeypatch: pytest.MonkeyPatch) -> None:
    def load(self: ImageFile.ImageFile) -> None:
        raise AssertionError("pixels were decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", load)


@pytest.fixture(params=[False, True], ids=["pillow-strict", "after-weasyprint"])
def lenient_pillow(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Both states of the process: WeasyPrint, once imported, makes Pillow load truncated and
    broken files for the whole process. The check must answer the same either way."""
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", request.param)


@pytest.mark.parametrize("hostile", REFUSED, ids=str)
def test_the_logo_check_refuses_each_hostile_file_for_its_reason(
    hostile: HostileFile, lenient_pillow: None
) -> None:
    with pytest.raises(LogoError) as refused:
        logo_normalise(hostile.upload())
    assert refused.value.code == hostile.reason, hostile.attack
    assert REASON_WORDS[hostile.reason] in refused.value.message


@pytest.mark.parametrize(
    "hostile",
    [
        item
        for item in REFUSED
        if item.reason in ("format", "too_many_pixels", "too_large") or "bomb" in item.name
    ],
    ids=str,
)
def test_bombs_and_foreign_formats_are_refused_without_decoding_a_pixel(
    hostile: HostileFile, no_decoding: None
) -> None:
    with pytest.raises(LogoError):
        logo_normalise(hostile.upload())


@pytest.mark.parametrize("hostile", NEUTRALISED, ids=str)
def test_the_logo_check_keeps_only_the_pixels_of_each_usable_file(
    hostile: HostileFile, lenient_pillow: None
) -> None:
    logo = logo_normalise(hostile.upload())
    assert_pixels_only(logo.png, markers=hostile.markers, what=hostile.name)
    assert [logo.width, logo.height] == hostile.stored_size


def test_the_limits_the_form_announces_are_the_limits_it_applies() -> None:
    announced = str(logos.UPLOAD_HELP)
    assert f"{logos.MAX_BYTES // (1024 * 1024)} MB" in announced
    assert f"{logos.MAX_PIXELS // 1_000_000} megapixels" in announced
    oversize = next(item for item in HOSTILE if item.reason == "too_large")
    assert len(oversize.data) == logos.MAX_BYTES + 1


# --- Every upload path -----------------------------------------------------------------------


@dataclass
class Sent:
    """What came back from one upload: the response and, if it was kept, the stored bytes and
    every response that serves them."""

    response: Any
    stored: bytes | None
    stored_name: str = ""
    stored_path: str = ""
    served: list[Any] | None = None


def _stored_logo() -> Store | None:
    with schema_context("north"):
        return Store.objects.filter(pledge__isnull=False).exclude(logo="").first()


def pledge_form_upload(people: People, outsider: Any, hostile: HostileFile) -> Sent:
    """A jeweler takes the pledge with the file as the store's logo."""
    client = client_for(people.network, outsider)
    response = client.post("/pledge/", {**form_data(**TYPED), "logo": hostile.upload()})
    store = _stored_logo()
    if store is None:
        return Sent(response, None)
    with store.logo.open("rb") as handle:
        stored = handle.read()
    with schema_context("north"):
        pledge = Pledge.objects.get(store=store)
    served = [
        client.get("/store/logo/"),
        client_for(people.network, people.coordinator).get(f"/pledges/{pledge.pk}/logo/"),
    ]
    with schema_context("north"):
        path = store.logo.path
    return Sent(response, stored, str(store.logo.name), path, served)


@dataclass(frozen=True)
class Outcome:
    """What an upload path does with one hostile file."""

    expect: str  # "refused" or "neutralised"
    reason: str = ""
    stored_size: tuple[int, ...] = ()


def logo_outcome(hostile: HostileFile) -> Outcome:
    """The manifest's expectations are the logo check's."""
    return Outcome(hostile.expect, hostile.reason, tuple(hostile.stored_size))


@dataclass(frozen=True)
class UploadPath:
    form: str  # dotted path of the form class
    field: str
    send: Callable[[People, Any, HostileFile], Sent]
    outcome: Callable[[HostileFile], Outcome] = logo_outcome
    typed: dict[str, Any] = dataclasses.field(default_factory=lambda: TYPED)
    reason_words: dict[str, str] = dataclasses.field(default_factory=lambda: REASON_WORDS)
    stored_name: str = r"logos/[0-9a-f]{32}(_[A-Za-z0-9]+)?\.png"
    content_type: str = "image/png"
    # The page's context variable holding the upload form (a page may show several forms).
    form_context: str = "form"

    def __str__(self) -> str:
        return f"{self.form}.{self.field}"


# --- Evidence photos, clips and PDFs on an incident (incidents.evidence_views) ---------------

EVIDENCE_TYPED = {"caption": "Grey cap at the counter, 2:14 pm"}
EVIDENCE_REASON_WORDS = {
    **REASON_WORDS,
    "format": "a video clip (MP4) or a PDF",
    "too_large": "larger than",
    "pdf_active": "JavaScript",
}
# Where evidence differs from a logo: photos may be larger (40 MP, 12000 pixels a side,
# 20 MB), so the files that only cross the logo's limits are kept; a PDF is evidence, refused
# for its script rather than its format; the WebP claiming 25 MP is within the pixel limit and
# refused when its pixels are decoded at upload.
EVIDENCE_OUTCOMES = {
    "bomb-png-4001x4000.png": Outcome("neutralised", stored_size=(1600, 1600)),
    "bomb-jpeg-8001x100.jpg": Outcome("neutralised", stored_size=(1600, 20)),
    "oversize-png.png": Outcome("neutralised", stored_size=(64, 48)),
    "oversize-jpeg.jpg": Outcome("neutralised", stored_size=(96, 64)),
    "bomb-webp-5000x5000.webp": Outcome("refused", "damaged"),
    "pdf-javascript.pdf": Outcome("refused", "pdf_active"),
    "pdf-launch.pdf": Outcome("refused", "pdf_active"),
    "pdf-javascript-named.jpg": Outcome("refused", "pdf_active"),
}


def evidence_outcome(hostile: HostileFile) -> Outcome:
    return EVIDENCE_OUTCOMES.get(hostile.name) or logo_outcome(hostile)


def evidence_upload(people: People, outsider: Any, hostile: HostileFile) -> Sent:
    """The store's owner adds the file to an incident; the render task runs on commit."""
    from incidents.models import Evidence
    from tests.incidents.evidence_files import incident_of

    with schema_context("north"):
        incident = incident_of(people.owner)
    client = client_for(people.network, people.owner)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            f"/incidents/{incident.pk}/evidence/add/",
            {**EVIDENCE_TYPED, "file": hostile.upload(), "is_internal": "on"},
        )
    with schema_context("north"):
        evidence = Evidence.objects.filter(incident=incident).first()
        if evidence is None:
            return Sent(response, None)
        assert evidence.status == "ready", evidence.status
        with evidence.display.open("rb") as handle:
            stored = handle.read()
        path = evidence.display.path
    served = [
        client.get(f"/incidents/evidence/{evidence.pk}/display/"),
        client_for(people.network, people.coordinator).get(
            f"/incidents/evidence/{evidence.pk}/display/"
        ),
    ]
    # The thumbnail is served too: pixels only, like the display size.
    thumbnail = body_of(client.get(f"/incidents/evidence/{evidence.pk}/thumbnail/"))
    assert_pixels_only(thumbnail, markers=hostile.markers, what=f"thumbnail of {hostile.name}")
    # Never the original: it is kept for the record, as uploaded.
    assert client.get(f"/incidents/evidence/{evidence.pk}/original/").status_code == 404
    return Sent(response, stored, str(evidence.display.name), path, served)


# --- Photos uploaded with an alert (alerts.compose_views) ------------------------------------

ALERT_PHOTO_TYPED = {"caption": "Silver sedan leaving the car park"}
ALERT_PHOTO_REASON_WORDS = {
    **REASON_WORDS,
    "format": "Please upload a photo: JPEG, PNG, WebP or HEIC.",
    "too_large": "larger than",
}


def alert_photo_outcome(hostile: HostileFile) -> Outcome:
    """An alert's photo has evidence's limits and is drawn as evidence photos are; an alert
    takes photos only, so a PDF is refused for its format, whatever it holds."""
    outcome = evidence_outcome(hostile)
    if outcome.reason == "pdf_active":
        return Outcome("refused", "format")
    return outcome


def alert_photo_upload(people: People, outsider: Any, hostile: HostileFile) -> Sent:
    """The coordinator uploads the file with a draft alert; once the alert is sent, the store's
    owner, one of its recipients, is served the photo too."""
    from alerts import drafts
    from alerts.models import AlertPhoto
    from alerts.services import alert_send

    with schema_context("north"):
        alert = drafts.draft_create(
            membership=Membership.objects.get(user_id=people.coordinator.pk),
            by=people.coordinator,
            fields={"severity": "urgent", "headline": "Smash and grab", "to_all_members": True},
        )
    client = client_for(people.network, people.coordinator)
    response = client.post(
        f"/alerts/{alert.pk}/photos/",
        {"action": "upload", **ALERT_PHOTO_TYPED, "photo": hostile.upload()},
    )
    kept = Path(settings.MEDIA_ROOT) / "north" / "alerts"
    with schema_context("north"):
        photo = AlertPhoto.objects.filter(alert=alert).first()
        if photo is None:
            # Refused before a byte was written: no file left behind by the refusal.
            assert not kept.exists() or not any(kept.iterdir()), sorted(kept.iterdir())
            return Sent(response, None)
        with photo.display.open("rb") as handle:
            stored = handle.read()
        path = photo.display.path
    url = f"/alerts/{alert.pk}/photos/{photo.pk}"
    owner = client_for(people.network, people.owner)
    # A draft's photos are the senders' alone; the only way to the file is the checked view.
    assert owner.get(f"{url}/display/").status_code == 404
    assert client.get(f"/media/{photo.display.name}").status_code == 404
    with schema_context("north"):
        assert alert_send(alert_id=alert.pk, by=people.coordinator) is not None
    served = [client.get(f"{url}/display/"), owner.get(f"{url}/display/")]
    thumbnail = client.get(f"{url}/thumbnail/")
    for answer in (*served, thumbnail):
        assert answer["Cache-Control"] == "private, no-store"
        assert answer["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert_pixels_only(
        body_of(thumbnail), markers=hostile.markers, what=f"thumbnail of {hostile.name}"
    )
    assert client_for(people.network, outsider).get(f"{url}/display/").status_code == 404
    return Sent(response, stored, str(photo.display.name), path, served)


UPLOAD_PATHS = [
    UploadPath("pledges.forms.PledgeForm", "logo", pledge_form_upload),
    UploadPath(
        "incidents.evidence_forms.EvidenceForm",
        "file",
        evidence_upload,
        outcome=evidence_outcome,
        typed=EVIDENCE_TYPED,
        reason_words=EVIDENCE_REASON_WORDS,
        stored_name=r"evidence/[0-9a-f]{32}",
        content_type="image/jpeg",
    ),
    UploadPath(
        "alerts.compose_forms.PhotoUploadForm",
        "photo",
        alert_photo_upload,
        outcome=alert_photo_outcome,
        typed=ALERT_PHOTO_TYPED,
        reason_words=ALERT_PHOTO_REASON_WORDS,
        stored_name=r"alerts/[0-9a-f]{32}",
        content_type="image/jpeg",
        form_context="photo_form",
    ),
]
# Model fields holding uploads, and the upload path that writes each.
STORED_FILE_FIELDS = {
    "networks.Store.logo": "pledges.forms.PledgeForm.logo",
    # The original is kept as uploaded and never served; the other two are drawn from it.
    "incidents.Evidence.original": "incidents.evidence_forms.EvidenceForm.file",
    "incidents.Evidence.display": "incidents.evidence_forms.EvidenceForm.file",
    "incidents.Evidence.thumbnail": "incidents.evidence_forms.EvidenceForm.file",
    # Both drawn from the upload, which is not kept; an evidence photo on an alert keeps using
    # the evidence's own files and leaves these empty.
    "alerts.AlertPhoto.display": "alerts.compose_forms.PhotoUploadForm.photo",
    "alerts.AlertPhoto.thumbnail": "alerts.compose_forms.PhotoUploadForm.photo",
}
# File fields the portal writes itself, from its own database, never from a person's bytes.
SERVER_WRITTEN_FILE_FIELDS = {
    "incidents.IncidentExport.file": "the CSV or logbook PDF built by incidents.export_tasks",
}
# Modules that read request.FILES: each one's forms must be among the upload paths.
FILES_READERS = {"pledges.views", "incidents.evidence_views", "alerts.compose_views"}


def _path_and_file(expect: str) -> list[Any]:
    """Each upload path with each hostile file it must treat as `expect`."""
    return [
        pytest.param(path, hostile, id=f"{path}-{hostile}")
        for path in UPLOAD_PATHS
        for hostile in HOSTILE
        if path.outcome(hostile).expect == expect
    ]


def _page(response: Any) -> str:
    return html.unescape(response.content.decode())


@pytest.mark.parametrize(("upload_path", "hostile"), _path_and_file("refused"))
def test_each_upload_path_refuses_each_hostile_file_says_why_and_keeps_what_was_typed(
    upload_path: UploadPath, north_people: People, outsider: Any, hostile: HostileFile
) -> None:
    sent = upload_path.send(north_people, outsider, hostile)
    assert sent.response.status_code == 200, hostile.attack
    errors = sent.response.context[upload_path.form_context].errors.get(upload_path.field, [])
    words = upload_path.reason_words[upload_path.outcome(hostile).reason]
    assert any(words in error for error in errors), errors
    page = _page(sent.response)
    for error in errors:
        assert error in page
    for name, value in upload_path.typed.items():
        assert f'name="{name}"' in page and f'value="{value}"' in page, name
    assert sent.stored is None


@pytest.mark.parametrize(("upload_path", "hostile"), _path_and_file("neutralised"))
def test_each_upload_path_stores_and_serves_each_usable_file_as_pixels_only(
    upload_path: UploadPath, north_people: People, outsider: Any, hostile: HostileFile
) -> None:
    sent = upload_path.send(north_people, outsider, hostile)
    assert sent.response.status_code == 302, sent.response.context[upload_path.form_context].errors
    assert sent.stored is not None
    assert_pixels_only(sent.stored, markers=hostile.markers, what=f"stored {hostile.name}")
    with Image.open(io.BytesIO(sent.stored)) as image:
        assert image.size == upload_path.outcome(hostile).stored_size
    # Named by content or at random: nothing of the name the uploader chose reaches the disk.
    assert re.fullmatch(upload_path.stored_name, sent.stored_name), sent.stored_name
    assert Path(sent.stored_path).resolve().is_relative_to(Path(settings.MEDIA_ROOT) / "north")
    for served in sent.served or []:
        assert served.status_code == 200
        assert served["Content-Type"] == upload_path.content_type
        assert served["X-Content-Type-Options"] == "nosniff"
        assert "attachment" not in served.get("Content-Disposition", "")
        assert body_of(served) == sent.stored


# --- Images the toolkit draws from a logo ----------------------------------------------------

# One per format that carries EXIF, XMP, ICC and comments.
WITH_METADATA = [item for item in NEUTRALISED if item.name.startswith("exif-gps-makernote.")]


@pytest.mark.parametrize("hostile", WITH_METADATA, ids=str)
def test_toolkit_images_drawn_from_an_uploaded_logo_carry_no_metadata(
    north_people: People, outsider: Any, hostile: HostileFile
) -> None:
    sent = pledge_form_upload(north_people, outsider, hostile)
    assert sent.stored is not None
    store = _stored_logo()
    assert store is not None
    with schema_context("north"):
        pledge = Pledge.objects.get(store=store)
        pledge_transition(pledge=pledge, action="approved", by=north_people.coordinator)
        store_id = pledge.store_id
    client = client_for(north_people.network, outsider)
    base = f"/toolkit/{store_id}"
    for path in (
        f"{base}/download/badge/?size=256",
        f"{base}/download/social-square/",
        f"{base}/download/banner/",
        f"{base}/preview/badge.png",
        f"{base}/preview/sign-window.png",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert_pixels_only(body_of(response), what=path)
    svg = body_of(client.get(f"{base}/download/badge-svg/"))
    for marker in (*hostile.markers, "<script", "<?php"):
        assert marker.encode() not in svg


# --- Nothing takes a file without being tested here ------------------------------------------


def _project_packages() -> list[str]:
    """The project's own apps: top-level folders of the checkout, not installed packages."""
    root = Path(settings.BASE_DIR).resolve()
    return [
        config.name
        for config in apps.get_app_configs()
        if Path(config.path).resolve().parent == root
    ] + ["config"]


def _project_modules() -> Iterator[Any]:
    for package_name in _project_packages():
        package = importlib.import_module(package_name)
        yield package
        for info in pkgutil.walk_packages(package.__path__, prefix=f"{package_name}."):
            if ".migrations" in info.name or info.name.startswith("config.settings"):
                continue  # settings modules read the environment of their deployment
            yield importlib.import_module(info.name)


def _all_subclasses(cls: type) -> Iterator[type]:
    sub: type
    for sub in cls.__subclasses__():
        yield sub
        yield from _all_subclasses(sub)


def _file_fields_of_forms() -> set[str]:
    list(_project_modules())  # every form class of the project is defined once imported
    packages = tuple(f"{name}." for name in _project_packages())
    found = set()
    for form in _all_subclasses(forms.BaseForm):
        if not form.__module__.startswith(packages):
            continue
        for name, field in getattr(form, "base_fields", {}).items():
            if isinstance(field, forms.FileField):
                found.add(f"{form.__module__}.{form.__qualname__}.{name}")
    return found


def test_every_form_that_takes_a_file_is_an_upload_path_of_this_suite() -> None:
    covered = {f"{path.form}.{path.field}" for path in UPLOAD_PATHS}
    found = _file_fields_of_forms()
    assert found == covered, (
        "Forms taking files that no upload test covers (add them to UPLOAD_PATHS): "
        f"{sorted(found - covered)}; listed but gone: {sorted(covered - found)}"
    )


def test_every_stored_file_field_is_written_by_a_tested_upload_path() -> None:
    found = {
        f"{model._meta.app_label}.{model.__name__}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField) and model.__module__.split(".")[0] != "django"
    }
    known = set(STORED_FILE_FIELDS) | set(SERVER_WRITTEN_FILE_FIELDS)
    assert found == known, (
        "Model fields holding files: say which tested upload path writes each "
        f"(STORED_FILE_FIELDS), or that the portal writes it (SERVER_WRITTEN_FILE_FIELDS): "
        f"{sorted(found ^ known)}"
    )
    covered = {f"{path.form}.{path.field}" for path in UPLOAD_PATHS}
    assert set(STORED_FILE_FIELDS.values()) <= covered


def test_no_admin_page_takes_a_file_around_the_image_check() -> None:
    for model in admin.site._registry:
        file_fields = [
            field.name for field in model._meta.get_fields() if isinstance(field, models.FileField)
        ]
        assert not file_fields, f"{model.__name__} admin can upload {file_fields} unchecked"


def test_every_view_reading_request_files_is_known_to_this_suite() -> None:
    readers = {
        module.__name__
        for module in _project_modules()
        if "request.FILES" in Path(module.__file__).read_text()
    }
    assert readers == FILES_READERS, (
        f"Modules reading request.FILES: {sorted(readers)}; covered: {sorted(FILES_READERS)}"
    )
