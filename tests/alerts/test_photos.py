"""Photos on a draft: an incident's evidence the sender may see, or an upload kept only as a
display size and a thumbnail without metadata; at most a few, and off again."""

from __future__ import annotations

import io

import pytest
from django_tenants.utils import schema_context
from PIL import Image

from alerts import drafts
from alerts.models import AlertPhoto
from networks.models import Membership, Network
from tests.alerts.compose_helpers import shared_incident
from tests.conftest import People
from tests.incidents.evidence_files import assert_jpeg_pixels_only, evidence_of, photo
from tests.pledges.conftest import _media_root  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_media_root")]


def test_evidence_photos_and_uploads(north: Network, north_people: People) -> None:
    people = north_people
    with schema_context(north.schema_name):
        coordinator = Membership.objects.get(user_id=people.coordinator.pk)
        incident = shared_incident(people)
        shown = evidence_of(incident, people.owner, photo(), caption="Front door camera")
        internal = evidence_of(incident, people.owner, photo(), is_internal=True)
        alert = drafts.draft_create(
            membership=coordinator,
            by=people.coordinator,
            fields={"severity": "urgent", "headline": "Smash"},
            incident_ids=[incident.pk],
        )
        # The coordinator sees the shared incident in full, internal evidence included.
        assert {e.pk for e in drafts.evidence_choices(alert=alert, membership=coordinator)} == {
            shown.pk,
            internal.pk,
        }
        # A deputy from another store sees the shared view: not the internal photo.
        from alerts.models import Deputy

        Deputy.objects.create(
            user_id=people.other_store_owner.pk, appointed_by_id=people.coordinator.pk
        )
        deputy = Membership.objects.get(user_id=people.other_store_owner.pk)
        assert [e.pk for e in drafts.evidence_choices(alert=alert, membership=deputy)] == [shown.pk]
        with pytest.raises(drafts.DraftError):
            drafts.photo_add_evidence(
                alert=alert, membership=deputy, by=people.other_store_owner, evidence_id=internal.pk
            )
        added = drafts.photo_add_evidence(
            alert=alert, membership=coordinator, by=people.coordinator, evidence_id=shown.pk
        )
        assert added.caption == "Front door camera"
        upload = io.BytesIO(photo((3000, 1000), orientation=6))
        uploaded = drafts.photo_upload(
            alert=alert, by=people.coordinator, upload=upload, caption="  Street view "
        )
        assert uploaded.caption == "Street view"
        with uploaded.display.open("rb") as stored:
            data = stored.read()
        assert_jpeg_pixels_only(data)
        with Image.open(io.BytesIO(data)) as image:
            assert max(image.size) <= 1600
        with pytest.raises(drafts.DraftError):
            drafts.photo_upload(
                alert=alert, by=people.coordinator, upload=io.BytesIO(b"%PDF-1.4"), caption=""
            )
        drafts.photo_remove(alert=alert, photo_id=uploaded.pk)
        assert list(AlertPhoto.objects.filter(alert=alert)) == [added]
