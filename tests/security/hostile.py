"""The hostile files of tests/fixtures/hostile/ (written by scripts/make_hostile_fixtures.py),
as the tests upload them, and what a clean stored or served image looks like."""

from __future__ import annotations

import io
import json
import struct
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image

FOLDER = Path(__file__).resolve().parent.parent / "fixtures" / "hostile"
MANIFEST = FOLDER / "manifest.json"

# What the person uploading reads, for each reason a logo is refused (toolkit.logos and
# Django's own FileField for an empty file).
REASON_WORDS = {
    "format": "as a PNG, JPEG or WebP image",
    "damaged": "damaged or incomplete",
    "too_many_pixels": "too many pixels",
    "too_large": "larger than 5 MB",
    "too_small": "too small",
    "empty": "empty",
}
# A PNG written by Pillow from pixels alone: nothing here can carry text, position or code.
PIXEL_CHUNKS = frozenset({b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"})
# Strings no stored or served image may contain, whatever was uploaded.
ALWAYS_GONE = ("<script", "<?php", "Exif\0\0", "http://ns.adobe.com", "GPS")


@dataclass(frozen=True)
class HostileFile:
    name: str
    attack: str
    expect: str
    upload_name: str
    reason: str = ""
    pad_to: int = 0
    markers: list[str] = field(default_factory=list)
    stored_size: list[int] = field(default_factory=list)

    @property
    def data(self) -> bytes:
        data = (FOLDER / self.name).read_bytes()
        return data + b"\0" * max(0, self.pad_to - len(data))

    def upload(self) -> io.BytesIO:
        """The file as a browser sends it, under the name the attacker chose."""
        sent = io.BytesIO(self.data)
        sent.name = self.upload_name
        return sent

    def __str__(self) -> str:
        return self.name


def hostile_files() -> list[HostileFile]:
    return [HostileFile(**entry) for entry in json.loads(MANIFEST.read_text())]


HOSTILE = hostile_files()
NEUTRALISED = [item for item in HOSTILE if item.expect == "neutralised"]
REFUSED = [item for item in HOSTILE if item.expect == "refused"]


def png_chunks(data: bytes) -> list[bytes]:
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        raise AssertionError(f"not a PNG: {data[:16]!r}")
    kinds, position = [], 8
    while position + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        kinds.append(kind)
        position += 12 + length
        if kind == b"IEND":
            break
    if position != len(data):
        raise AssertionError(f"{len(data) - position} bytes after the PNG's end")
    return kinds


def assert_pixels_only(data: bytes, *, markers: Sequence[str] = (), what: str = "image") -> None:
    """A PNG (or a JPEG) of pixels and nothing else: no metadata, nothing appended, no
    marker."""
    if data.startswith(b"\xff\xd8"):
        assert_jpeg_pixels_only(data, markers=markers, what=what)
        return
    extra = set(png_chunks(data)) - PIXEL_CHUNKS
    assert not extra, f"{what} carries {sorted(extra)}"
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        kept = {"exif", "icc_profile", "xmp", "XML:com.adobe.xmp", "comment", "dpi"} & set(
            image.info
        )
        assert not kept, f"{what} carries {kept}"
        assert not image.getexif(), f"{what} carries EXIF"
    # Compressed pixels hold any short byte string by chance ("GPS" turns up in about one
    # preview in three hundred): the markers are looked for everywhere but in them.
    outside_pixels = _without_pixel_data(data)
    for marker in (*markers, *ALWAYS_GONE):
        assert marker.encode() not in outside_pixels, f"{what} still holds {marker!r}"


def jpeg_segments(data: bytes) -> list[int]:
    """The markers of a JPEG's segments up to its first scan."""
    if not data.startswith(b"\xff\xd8"):
        raise AssertionError(f"not a JPEG: {data[:16]!r}")
    markers, position = [], 2
    while position + 4 <= len(data):
        marker = data[position + 1]
        markers.append(marker)
        if marker == 0xDA:
            break
        position += 2 + int.from_bytes(data[position + 2 : position + 4], "big")
    return markers


def assert_jpeg_pixels_only(
    data: bytes, *, markers: Sequence[str] = (), what: str = "image"
) -> None:
    """A JPEG written by Pillow from pixels alone: JFIF, tables, frame and scan; no EXIF, XMP,
    colour profile or comment segment, nothing after the end of the image."""
    kept = [hex(m) for m in jpeg_segments(data) if 0xE1 <= m <= 0xEF or m == 0xFE]
    assert not kept, f"{what} carries segments {kept}"
    assert data.endswith(b"\xff\xd9"), f"{what} has bytes after its end"
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        assert image.format == "JPEG", f"{what} is a {image.format}"
        kept_info = {"exif", "icc_profile", "xmp", "XML:com.adobe.xmp", "comment"} & set(image.info)
        assert not kept_info, f"{what} carries {kept_info}"
        assert not image.getexif(), f"{what} carries EXIF"
    # As in a PNG's pixels, any short string may turn up by chance in the entropy-coded scan.
    header = data[: data.index(b"\xff\xda")]
    for marker in (*markers, *ALWAYS_GONE):
        assert marker.encode() not in header, f"{what} still holds {marker!r}"


def _without_pixel_data(data: bytes) -> bytes:
    kept, position = [data[:8]], 8
    while position + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        end = position + 12 + length
        kept.append(data[position : position + 8] if kind == b"IDAT" else data[position:end])
        position = end
    return b"".join(kept)


def body_of(response: Any) -> bytes:
    """The whole body of a response, streamed (a stored file) or not."""
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return bytes(response.content)
