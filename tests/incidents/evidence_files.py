"""Evidence files for the tests: photos with a GPS position and an orientation, HEIC, MP4
clips (the boxes a camera writes, no real frames: nothing decodes a clip) and PDFs, clean or
carrying JavaScript. Also what a served JPEG may hold: pixels, and nothing else."""

from __future__ import annotations

import datetime as dt
import io
import struct
import zlib
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.utils import timezone
from PIL import Image, ImageCms

from accounts.models import User
from incidents.evidence_services import evidence_add
from incidents.models import Evidence, Incident
from incidents.services import incident_create
from networks.models import Membership
from tests.security.hostile import assert_jpeg_pixels_only

__all__ = ["assert_jpeg_pixels_only"]


def exif_with_gps(*, orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "Camera maker"
    exif[0x0110] = "<script>alert(1)</script>"
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (37.0, 46.0, 29.6)
    gps[3] = "W"
    gps[4] = (122.0, 25.0, 9.8)
    return exif


def photo(
    size: tuple[int, int] = (200, 100),
    *,
    kind: str = "JPEG",
    orientation: int = 1,
    halves: tuple[str, str] = ("red", "blue"),
) -> bytes:
    """A picture whose left half and right half have different colours, with GPS, a maker,
    an ICC profile and (for JPEG) an XMP packet and a comment."""
    image = Image.new("RGB", size, halves[1])
    image.paste(Image.new("RGB", (size[0] // 2, size[1]), halves[0]), (0, 0))
    out = io.BytesIO()
    options: dict[str, Any] = {
        "exif": exif_with_gps(orientation=orientation).tobytes(),
        "icc_profile": ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes(),
    }
    if kind == "JPEG":
        options["comment"] = b"<?php system($_GET['c']); ?>"
        options["xmp"] = (
            b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
            b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            b'xmlns:exif="http://ns.adobe.com/exif/1.0/"><rdf:Description '
            b'exif:GPSLatitude="37,46.49N"/></rdf:RDF></x:xmpmeta>'
        )
    image.save(out, kind, **options)
    return out.getvalue()


def box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def mp4(*, handler: bytes = b"vide", brand: bytes = b"isom", media: int = 2048) -> bytes:
    """An MP4's boxes as a camera writes them: file type, movie header with one track of
    `handler` ("vide" for video, "soun" for sound), then the media data."""
    ftyp = box(b"ftyp", brand + b"\0\0\2\0" + b"isomiso2avc1mp41")
    hdlr = box(b"hdlr", b"\0" * 8 + handler + b"\0" * 12 + b"Handler\0")
    trak = box(b"trak", box(b"tkhd", b"\0" * 84) + box(b"mdia", box(b"mdhd", b"\0" * 24) + hdlr))
    moov = box(b"moov", box(b"mvhd", b"\0" * 100) + trak)
    return ftyp + moov + box(b"mdat", b"\0" * media)


def _pdf(objects: list[bytes]) -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def pdf(*, catalog_extra: bytes = b"", extra_objects: tuple[bytes, ...] = ()) -> bytes:
    """A one-page PDF saying "Police report 2024-0117"."""
    content = b"BT /F1 18 Tf 72 720 Td (Police report 2024-0117) Tj ET"
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R" + catalog_extra + b" >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            _stream(zlib.compress(content), b" /Filter /FlateDecode"),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            *extra_objects,
        ]
    )


def pdf_with_object_stream(objects: bytes) -> bytes:
    """A PDF whose object 6 is a compressed object stream holding `objects`."""
    stream = _stream(zlib.compress(objects), b" /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode")
    return pdf(extra_objects=(stream,))


def pdf_with_javascript_in_an_object_stream() -> bytes:
    """The script's action hides in a compressed object stream, where a plain byte search
    over the file would not see it."""
    return pdf_with_object_stream(b"7 0 << /S /JavaScript /JS (app.alert('pwned')) >>")


def upload(data: bytes, name: str = "evidence.jpg", content_type: str = "image/jpeg") -> Any:
    return SimpleUploadedFile(name, data, content_type=content_type)


def membership_of(user: User) -> Membership:
    return Membership.objects.select_related("store").get(user_id=user.pk)


def incident_of(
    user: User, *, shared: bool = True, summary: str = "Two men at the counter"
) -> Incident:
    """An incident of the user's store, logged by them (shared unless asked otherwise)."""
    from incidents.services import incident_share

    incident = incident_create(
        membership=membership_of(user),
        by=user,
        fields={
            "kind": "casing",
            "started_at": timezone.now() - dt.timedelta(hours=2),
            "summary": summary,
        },
    )
    return incident_share(incident=incident, by=user, shared=shared)


def evidence_of(
    incident: Incident,
    user: User,
    data: bytes,
    *,
    name: str = "evidence.jpg",
    caption: str = "",
    is_internal: bool = False,
) -> Evidence:
    """Evidence added through the service, its photo prepared by the task (run in process)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        evidence = evidence_add(
            incident=incident,
            membership=membership_of(user),
            by=user,
            upload=upload(data, name),
            caption=caption,
            is_internal=is_internal,
        )
    evidence.refresh_from_db()
    return evidence
