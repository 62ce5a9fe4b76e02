"""Uploaded store logos: checked and normalised once, at upload, so rendering never has to.

The file must be a PNG, JPEG or WebP (by its first bytes and by Pillow's own reading of it),
at most `MAX_BYTES` long and `MAX_PIXELS` large. The size is read from the header, before any
pixel is decoded, so a decompression bomb is refused without being decompressed. An accepted
logo is turned upright (EXIF orientation), converted to sRGB (RGB, or RGBA if it has
transparency), scaled down to `STORED_MAX_SIDE` and written as a fresh PNG without metadata.

Anything that cannot be used raises `LogoError`, a `ValueError` whose message can be shown to
the person uploading.
"""

from __future__ import annotations

import hashlib
import io
import struct
import warnings
import zlib
from dataclasses import dataclass
from typing import Protocol

from django.utils.text import format_lazy
from django.utils.translation import gettext, gettext_lazy
from PIL import Image, ImageCms, ImageOps

MAX_BYTES = 5 * 1024 * 1024  # what the upload forms announce
# Far below Pillow's decompression-bomb threshold (about 89 million pixels).
MAX_PIXELS = 16_000_000
MAX_SIDE = 8_000
MIN_SIDE = 16
STORED_MAX_SIDE = 1024
# Progressive JPEGs have about ten scans; a few thousand cost minutes of decoding.
MAX_JPEG_SCANS = 64
# A compressed PNG text or colour profile may inflate to this much (Pillow's own limit).
TEXT_CHUNK_LIMIT = 1024 * 1024

# For every form that takes a logo: what it accepts, in the browser's file picker and in words.
ACCEPT = "image/png,image/jpeg,image/webp"
UPLOAD_HELP = format_lazy(
    gettext_lazy("A PNG, JPEG or WebP image of at most {size} MB and {megapixels} megapixels."),
    size=MAX_BYTES // (1024 * 1024),
    megapixels=MAX_PIXELS // 1_000_000,
)

_SIGNATURES = {
    "PNG": (b"\x89PNG\r\n\x1a\n",),
    "JPEG": (b"\xff\xd8\xff",),
}
_DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, struct.error, IndexError)


class Readable(Protocol):
    def read(self, size: int = ..., /) -> bytes: ...


class LogoError(ValueError):
    """A logo that cannot be used; the message is meant for the person uploading it."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True, slots=True)
class Logo:
    png: bytes
    width: int
    height: int

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.png).hexdigest()


def _sniff(data: bytes) -> str | None:
    for name, signatures in _SIGNATURES.items():
        if data.startswith(signatures):
            return name
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    return None


def _read(source: bytes | Readable) -> bytes:
    data = source if isinstance(source, bytes) else source.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise LogoError(
            gettext("The logo file is larger than %(size)d MB. Please upload a smaller file.")
            % {"size": MAX_BYTES // (1024 * 1024)},
            code="too_large",
        )
    if not data:
        raise LogoError(gettext("The logo file is empty."), code="empty")
    return data


def _refuse_format() -> LogoError:
    return LogoError(
        gettext(
            "Please upload the logo as a PNG, JPEG or WebP image (SVG, GIF and PDF are not "
            "accepted)."
        ),
        code="format",
    )


def _refuse_pixels() -> LogoError:
    return LogoError(
        gettext(
            "The logo has too many pixels. Please upload an image of at most %(megapixels)d "
            "million pixels and %(side)d pixels on its longer side, such as 2000 by 2000."
        )
        % {"megapixels": MAX_PIXELS // 1_000_000, "side": MAX_SIDE},
        code="too_many_pixels",
    )


def _damaged() -> LogoError:
    return LogoError(
        gettext("The logo file is damaged or incomplete. Please export it again and retry."),
        code="damaged",
    )


def _complete(kind: str, data: bytes) -> bool:
    """Whether the file runs to its end marker (and, for a PNG, whether its compressed text
    and profile chunks are sound).

    Pillow would say so while decoding, unless `ImageFile.LOAD_TRUNCATED_IMAGES` is set, and
    WeasyPrint sets it for the whole process when it is imported; so we look for ourselves,
    and a file gets the same answer in every process.
    """
    if kind == "PNG":
        return _png_complete(data)
    if kind == "JPEG":
        return _jpeg_complete(data)
    return len(data) >= 8 + int.from_bytes(data[4:8], "little")  # WebP: the RIFF size


def _png_complete(data: bytes) -> bool:
    """Every chunk whole, with a correct checksum, up to IEND."""
    position = 8
    while position + 12 <= len(data):
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        end = position + 12 + length
        if end > len(data):
            return False
        (checksum,) = struct.unpack(">I", data[end - 4 : end])
        if zlib.crc32(data[position + 4 : end - 4]) != checksum:
            return False
        if kind in _COMPRESSED_CHUNKS and not _inflates_within(
            _COMPRESSED_CHUNKS[kind](data[position + 8 : end - 4]), TEXT_CHUNK_LIMIT
        ):
            return False
        if kind == b"IEND":
            return True
        position = end
    return False


def _after_keyword(body: bytes, skip: int) -> bytes:
    """What follows a chunk's keyword, its null and `skip` more bytes."""
    start = body.find(b"\0")
    return body[start + 1 + skip :] if start >= 0 else b""


def _itxt_stream(body: bytes) -> bytes:
    """The text of an iTXt chunk if it is compressed; nothing to inflate otherwise."""
    after = _after_keyword(body, 0)
    return after[2:].split(b"\0", 2)[-1] if after[:1] == b"\1" else b""


_COMPRESSED_CHUNKS = {
    b"zTXt": lambda body: _after_keyword(body, 1),
    b"iCCP": lambda body: _after_keyword(body, 1),
    b"iTXt": _itxt_stream,
}


def _inflates_within(stream: bytes, limit: int) -> bool:
    """Whether a zlib stream is whole, sound and inflates to at most `limit` bytes; nothing
    beyond the limit is ever inflated."""
    if not stream:
        return True
    inflater = zlib.decompressobj()
    produced = 0
    pending = stream
    try:
        while pending and not inflater.eof:
            produced += len(inflater.decompress(pending, limit + 1 - produced))
            if produced > limit:
                return False
            pending = inflater.unconsumed_tail
    except zlib.error:
        return False
    return inflater.eof


def _png_pixels_sound(data: bytes, width: int, height: int) -> bool:
    """Whether the pixel stream is one sound zlib stream no longer than the image needs
    (checked after the header's pixel count: this is the one place that inflates it)."""
    depth, colour, interlaced = data[24], data[25], data[28]
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}.get(colour, 4)
    row = 1 + (width * channels * depth + 7) // 8
    needed = height * row * (2 if interlaced else 1) + 64  # Adam7 adds a filter byte a row
    stream, position = [], 8
    while position + 12 <= len(data):
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        if kind == b"IDAT":
            stream.append(data[position + 8 : position + 8 + length])
        position += 12 + length
    return _inflates_within(b"".join(stream), needed)


def _jpeg_complete(data: bytes) -> bool:
    """Marker segments and entropy-coded scans, up to the end-of-image marker; and no more
    than MAX_JPEG_SCANS scans, as each one walks the whole image again."""
    position, size, scans = 2, len(data), 0
    while position + 2 <= size:
        if data[position] != 0xFF:
            return False
        marker = data[position + 1]
        if marker == 0xD9:
            return True
        if marker == 0xFF or marker == 0x01 or 0xD0 <= marker <= 0xD7:
            position += 1 if marker == 0xFF else 2
            continue
        if position + 4 > size:
            return False
        position += 2 + int.from_bytes(data[position + 2 : position + 4], "big")
        if marker == 0xDA:  # a scan runs to the next marker that is not stuffing or a restart
            scans += 1
            if scans > MAX_JPEG_SCANS:
                return False
            while True:
                position = data.find(b"\xff", position)
                if position < 0 or position + 1 >= size:
                    return False
                following = data[position + 1]
                if following != 0 and not 0xD0 <= following <= 0xD7:
                    break
                position += 2
    return False


def _to_srgb(image: Image.Image) -> Image.Image:
    """RGB or RGBA in sRGB, following an embedded colour profile where there is one."""
    has_alpha = image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (
        image.mode == "P" and "transparency" in image.info
    )
    target = "RGBA" if has_alpha else "RGB"
    if image.mode in ("I", "F") or image.mode.startswith("I;16"):
        image = image.convert("I").point(lambda value: value * (1 / 257)).convert("L")
    icc = image.info.get("icc_profile")
    if icc and image.mode in ("RGB", "RGBA", "CMYK"):
        try:
            converted = ImageCms.profileToProfile(
                image,
                ImageCms.ImageCmsProfile(io.BytesIO(icc)),
                ImageCms.createProfile("sRGB"),
                outputMode="RGBA" if image.mode == "RGBA" else "RGB",
            )
        except (ImageCms.PyCMSError, OSError, ValueError):
            converted = None  # a broken profile: fall back to the plain conversion
        if converted is not None:
            image = converted
    return image if image.mode == target else image.convert(target)


def logo_normalise(source: bytes | Readable) -> Logo:
    """Check an uploaded logo and return it as a clean PNG, or raise LogoError."""
    data = _read(source)
    kind = _sniff(data)
    if kind is None:
        raise _refuse_format()
    if not _complete(kind, data):
        raise _damaged()
    with warnings.catch_warnings():
        # Pillow warns, and goes on without it, where an EXIF block is corrupt: the metadata
        # is dropped here anyway, and the orientation is then left as it is.
        warnings.filterwarnings("ignore", category=UserWarning, module=r"PIL\.")
        return _decoded(kind, data)


def _decoded(kind: str, data: bytes) -> Logo:
    try:
        opened = Image.open(io.BytesIO(data), formats=[kind])
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _refuse_pixels() from None
    except _DECODE_ERRORS:  # it starts like an allowed format, yet is not one
        raise _damaged() from None
    with opened:
        if opened.format != kind and (kind, opened.format) != ("JPEG", "MPO"):  # phone photos
            raise _refuse_format()
        width, height = opened.size  # from the header: nothing decoded yet
        if width * height > MAX_PIXELS or max(width, height) > MAX_SIDE:
            raise _refuse_pixels()
        if min(width, height) < MIN_SIDE:
            raise LogoError(
                gettext("The logo is too small: it needs at least %(side)d pixels on each side.")
                % {"side": MIN_SIDE},
                code="too_small",
            )
        if kind == "PNG" and not _png_pixels_sound(data, width, height):
            raise _damaged()
        if kind == "JPEG":  # decode at a reduced scale where the JPEG allows it
            opened.draft(None, (STORED_MAX_SIDE, STORED_MAX_SIDE))
        try:
            opened.load()
            image = ImageOps.exif_transpose(opened) or opened
            image = _to_srgb(image)
        except _DECODE_ERRORS:
            raise _damaged() from None
    image.thumbnail((STORED_MAX_SIDE, STORED_MAX_SIDE), Image.Resampling.LANCZOS)
    image.info = {}
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return Logo(png=out.getvalue(), width=image.width, height=image.height)
