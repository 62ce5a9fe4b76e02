"""Writes for an incident's evidence: adding a file, preparing a photo's display size and
thumbnail (in the render task), and removing the files after the retention period.

Every write runs in the network's schema and starts with `network_open_required()`. Files are
written to the network's own storage under random names (`evidence_path`) and served only by
incidents.evidence_views, which checks the viewer's right to the incident first.
"""

from __future__ import annotations

import logging
from typing import IO, TYPE_CHECKING, cast

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db import transaction
from django.db.models import FileField
from django.utils import timezone
from django.utils.translation import gettext as _

from networks.closure import network_open_required
from networks.models import Membership

from .evidence import EvidenceError, evidence_check, photo_render, safe_original_name
from .models import Evidence, Incident, IncidentRevision, evidence_path
from .services import IncidentError

if TYPE_CHECKING:
    from accounts.models import User

logger = logging.getLogger(__name__)

FILE_FIELDS = ("original", "display", "thumbnail")


def _storage() -> Storage:
    return cast(FileField, Evidence._meta.get_field("original")).storage


def evidence_add(
    *,
    incident: Incident,
    membership: Membership,
    by: User,
    upload: IO[bytes],
    caption: str,
    is_internal: bool,
) -> Evidence:
    """Keep an uploaded photo, clip or PDF with the incident. A photo is shown once the render
    task has drawn its display size and thumbnail; clips and PDFs are ready at once.

    Raises ValidationError({"file": ...}) for a file we do not keep, IncidentError where the
    incident cannot take evidence from this member.
    """
    network_open_required()
    if not membership.is_store_member or membership.store_id != incident.store_id:
        raise IncidentError(_("Only the store's own members add its evidence."), code="not_store")
    if incident.is_voided:
        raise IncidentError(_("A voided incident cannot be changed."), code="voided")
    try:
        checked = evidence_check(upload)
    except EvidenceError as error:
        raise ValidationError({"file": ValidationError(error.message, code=error.code)}) from None
    upload.seek(0)
    # Written before the row so a failed write leaves no row; removed if the row fails.
    name = _storage().save(evidence_path(Evidence(), ""), upload)
    try:
        evidence = _create(
            incident=incident,
            by=by,
            name=name,
            kind=checked.kind,
            content_type=checked.content_type,
            original_name=safe_original_name(getattr(upload, "name", "")),
            size=checked.size,
            sha256=checked.sha256,
            width=checked.width,
            height=checked.height,
            caption=caption.strip(),
            is_internal=is_internal,
        )
    except BaseException:
        _storage().delete(name)
        raise
    return evidence


@transaction.atomic
def _create(
    *,
    incident: Incident,
    by: User,
    name: str,
    kind: str,
    content_type: str,
    original_name: str,
    size: int,
    sha256: str,
    width: int | None,
    height: int | None,
    caption: str,
    is_internal: bool,
) -> Evidence:
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    if incident.is_voided:
        raise IncidentError(_("A voided incident cannot be changed."), code="voided")
    is_photo = kind == Evidence.Kind.PHOTO
    evidence = Evidence.objects.create(
        incident=incident,
        kind=kind,
        status=Evidence.Status.PROCESSING if is_photo else Evidence.Status.READY,
        caption=caption,
        is_internal=is_internal,
        original=name,
        content_type=content_type,
        original_name=original_name,
        size=size,
        sha256=sha256,
        width=width,
        height=height,
        uploaded_by_id=by.pk,
    )
    IncidentRevision.objects.create(
        incident=incident,
        kind=IncidentRevision.Kind.EVIDENCE,
        by_id=by.pk,
        fields=["evidence"],
        note=str(evidence.get_kind_display()),
    )
    if is_photo:
        from .tasks import evidence_process

        transaction.on_commit(lambda: evidence_process.delay(evidence_id=evidence.pk))
    return evidence


def evidence_prepare(*, evidence_id: int) -> None:
    """Draw a photo's display size and thumbnail (pixels only, upright) and mark it ready, or
    failed if its pixels cannot be read. A repeat or late run finds it done and stops; a run
    that loses the race to another (or to a redaction) removes what it wrote."""
    network_open_required()
    evidence = Evidence.objects.filter(
        pk=evidence_id, kind=Evidence.Kind.PHOTO, status=Evidence.Status.PROCESSING
    ).first()
    if evidence is None:
        return
    try:
        with _storage().open(str(evidence.original.name), "rb") as handle:
            data = handle.read()
        rendered = photo_render(data)
    except (EvidenceError, OSError):
        logger.warning("Evidence %s could not be prepared", evidence_id, exc_info=True)
        Evidence.objects.filter(pk=evidence_id, status=Evidence.Status.PROCESSING).update(
            status=Evidence.Status.FAILED
        )
        return
    display = _storage().save(evidence_path(evidence, ""), ContentFile(rendered.display))
    thumbnail = _storage().save(evidence_path(evidence, ""), ContentFile(rendered.thumbnail))
    claimed = Evidence.objects.filter(pk=evidence_id, status=Evidence.Status.PROCESSING).update(
        status=Evidence.Status.READY,
        display=display,
        thumbnail=thumbnail,
        width=rendered.width,
        height=rendered.height,
    )
    if claimed != 1:
        _storage().delete(display)
        _storage().delete(thumbnail)


@transaction.atomic
def evidence_redact(*, evidence: Evidence) -> Evidence:
    """Remove a piece of evidence's files and caption (the retention period is over); the row
    stays, marked, so the incident still shows that there was evidence."""
    network_open_required()
    evidence = Evidence.objects.select_for_update().get(pk=evidence.pk)
    if evidence.status == Evidence.Status.REDACTED:
        return evidence
    names = [
        str(getattr(evidence, field).name) for field in FILE_FIELDS if getattr(evidence, field)
    ]
    for field in FILE_FIELDS:
        setattr(evidence, field, "")
    evidence.status = Evidence.Status.REDACTED
    evidence.redacted_at = timezone.now()
    evidence.caption = ""
    evidence.original_name = ""
    evidence.save(update_fields=[*FILE_FIELDS, "status", "redacted_at", "caption", "original_name"])
    # Only once the row no longer names them: a rollback keeps the files it still points at.
    transaction.on_commit(lambda: _delete(names))
    return evidence


def _delete(names: list[str]) -> None:
    storage = _storage()
    for name in names:
        storage.delete(name)
