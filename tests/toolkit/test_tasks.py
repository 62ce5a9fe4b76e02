"""'Download all': a ZIP of every item, built once by a task that claims its job, with its
progress on the page."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from django_tenants.utils import schema_context

from tests.conftest import People, client_for
from tests.pledges.conftest import _media_root, pledge_for  # noqa: F401
from toolkit.models import ToolkitBundle, ToolkitDownload
from toolkit.services import toolkit_bundle_build

pytestmark = pytest.mark.usefixtures("mfa_exempt")

EVERY_FILE_EN_FR = {
    "badge/badge-256.png",
    "badge/badge-512.png",
    "badge/badge-1024.png",
    "badge/badge.svg",
    "social/square-1080x1080.png",
    "social/story-1080x1920.png",
    "social/link-1200x630.png",
    "social/wide-1600x900.png",
    "social/caption-en.txt",
    "social/caption-fr.txt",
    "email/signature-banner-600x100.png",
    *(
        f"signs/{kind}-a4-{lang}.pdf"
        for kind in ("window", "window-full", "counter", "poster")
        for lang in ("en", "fr")
    ),
}


def zip_names(response) -> set[str]:
    data = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        return set(archive.namelist())


def test_download_all_builds_the_zip_and_serves_it(
    north_people: People, django_capture_on_commit_callbacks
):
    pledge_for(north_people)
    client = client_for(north_people.network, north_people.owner)
    store = north_people.store.pk
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/toolkit/{store}/all/", {"lang": ["fr", "en"], "paper": "a4"})
    assert response.status_code == 302
    assert response["Location"] == f"/toolkit/{store}/all/?lang=en&lang=fr&paper=a4"
    page = client.get(response["Location"]).content.decode()
    assert 'http-equiv="refresh"' not in page
    assert f"/toolkit/{store}/download/all/?lang=en&amp;lang=fr&amp;paper=a4" in page
    download = client.get(f"/toolkit/{store}/download/all/?lang=en&lang=fr&paper=a4")
    assert download["Content-Type"] == "application/zip"
    assert download["Content-Disposition"] == (
        'attachment; filename="north-gems-toolkit-en+fr-a4.zip"'
    )
    assert zip_names(download) == EVERY_FILE_EN_FR
    with schema_context("north"):
        bundle = ToolkitBundle.objects.get()
        assert (bundle.status, bundle.progress) == ("ready", 100)
        assert ToolkitDownload.objects.filter(item="all", variant="en+fr-a4").count() == 1


def test_asking_again_reuses_the_zip_and_a_repeat_run_does_nothing(
    north_people: People, django_capture_on_commit_callbacks
):
    pledge_for(north_people)
    client = client_for(north_people.network, north_people.owner)
    url = f"/toolkit/{north_people.store.pk}/all/"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"lang": "en", "paper": "letter"})
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.post(url, {"lang": "en", "paper": "letter"})
    assert callbacks == []  # nothing enqueued the second time
    with schema_context("north"):
        bundle = ToolkitBundle.objects.get()
        updated = bundle.updated_at
        toolkit_bundle_build(bundle_id=bundle.pk)  # a late second delivery of the task
        bundle.refresh_from_db()
        assert bundle.updated_at == updated


def test_the_page_refreshes_itself_while_the_zip_is_prepared(north_people: People):
    pledge_for(north_people)
    client = client_for(north_people.network, north_people.owner)
    url = f"/toolkit/{north_people.store.pk}/all/"
    client.post(url, {"paper": "letter"})  # enqueued on commit, which never comes here
    with schema_context("north"):
        ToolkitBundle.objects.update(status="running", progress=42)
    page = client.get(f"{url}?lang=en&paper=letter").content.decode()
    assert '<meta http-equiv="refresh" content="2">' in page
    assert 'value="42"' in page
    download = f"/toolkit/{north_people.store.pk}/download/all/?lang=en&paper=letter"
    assert client.get(download).status_code == 404


def test_a_rename_after_the_zip_was_built_offers_a_new_one(
    north_people: People, django_capture_on_commit_callbacks
):
    pledge_for(north_people)
    client = client_for(north_people.network, north_people.owner)
    url = f"/toolkit/{north_people.store.pk}/all/"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"paper": "letter"})
    with schema_context("north"):
        from networks.models import Store

        Store.objects.filter(pk=north_people.store.pk).update(display_name="North Diamonds")
    page = client.get(f"{url}?lang=en&paper=letter").content.decode()
    assert "Prepare the ZIP" in page


@pytest.mark.worker
def test_a_real_worker_builds_the_zip_to_100_percent(north_people: People, celery_worker: None):

    pledge_for(north_people)
    client = client_for(north_people.network, north_people.owner)
    store = north_people.store.pk
    response = client.post(f"/toolkit/{store}/all/", {"lang": ["en", "fr"], "paper": "a4"})
    assert response.status_code == 302
    deadline = time.monotonic() + 60
    while True:
        with schema_context("north"):
            bundle = ToolkitBundle.objects.get()
        if bundle.status in ("ready", "failed") or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert (bundle.status, bundle.progress) == ("ready", 100)
    page = client.get(response["Location"]).content.decode()
    assert 'http-equiv="refresh"' not in page
    download = client.get(f"/toolkit/{store}/download/all/?lang=en&lang=fr&paper=a4")
    assert zip_names(download) == EVERY_FILE_EN_FR


def test_a_lost_job_can_be_started_again(north_people: People, django_capture_on_commit_callbacks):
    from datetime import timedelta

    from django.utils import timezone

    pledge_for(north_people)
    client = client_for(north_people.network, north_people.owner)
    url = f"/toolkit/{north_people.store.pk}/all/"
    client.post(url, {"paper": "letter"})  # enqueued on commit, which never comes here
    with schema_context("north"):
        long_ago = timezone.now() - timedelta(hours=1)
        ToolkitBundle.objects.update(status="running", progress=10, updated_at=long_ago)
    page = client.get(f"{url}?lang=en&paper=letter").content.decode()
    assert 'http-equiv="refresh"' not in page
    assert "Try again" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"paper": "letter"})
    with schema_context("north"):
        bundle = ToolkitBundle.objects.get()
    assert (bundle.status, bundle.progress) == ("ready", 100)
