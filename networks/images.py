"""The one check for uploaded images, for every app that takes them (store logos, evidence).

An image is checked in two steps. `image_check` looks at the bytes only: the format by its
first bytes (never by the name or the browser's content type), the file's length, that the
file runs whole to its end marker, and the pixel count read from the header, so that a
decompression bomb is refused before a single pixel is decoded. `image_decode` then decodes
the checked file once, at a reduced scale where the format allows it, turns it upright (EXIF
orientation) and converts it to sRGB; `image_fit` says what size a picture becomes in a box.
What is written from the decoded pixels carries no metadata: callers save it with
`info` emptied.

Each caller gives its own `ImageRules`: the formats it takes, its limits, and the messages the
person uploading reads (their own words: "the logo", "the photo"). Anything unusable raises
`ImageError`, a `ValueError` with a `code` and a message to show beside the field.
"""

from __future__ import annotations

import io
import math
import struct
import warnings
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Protocol

import pillow_heif
from django_stubs_ext import StrOrPromise
from PIL import Image, ImageCms, ImageOps

# HEIC (iPhone photos) through pillow-heif, registered once for the process. Its embedded
# thumbnails are never read: we make our own from the pixels.
pillow_heif.register_heif_opener(thumbnails=False)

# Progressive JPEGs have about ten scans; a few thousand cost minutes of decoding.
MAX_JPEG_SCANS = 64
# A compressed PNG text or colour profile may inflate to this much (Pillow's own limit).
TEXT_CHUNK_LIMIT = 1024 * 1024

# The codes of ImageError, each with a message in every caller's ImageRules.messages.
CODES = ("format", "damaged", "too_many_pixels", "too_large", "too_small", "empty")

_SIGNATURES = {
    "PNG": (b"\x89PNG\r\n\x1a\n",),
    "JPEG": (b"\xff\xd8\xff",),
}
# ISO base media brands of HEIF still images with HEVC pixels (not AVIF, not video).
_HEIC_BRANDS = frozenset({b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs"})
_HEIF_GENERIC_BRANDS = frozenset({b"mif1", b"msf1"})
_DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, struct.error, IndexError)


class Readable(Protocol):
    def read(self, size: int = ..., /) -> bytes: ...


class ImageError(ValueError):
    """An image that cannot be used; the message is meant for the person uploading it."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True, slots=True)
class ImageRules:
    """What one upload field takes. `messages` holds, for each of `CODES`, a translatable
    text that may use %(size)d (MB), %(megapixels)d and %(side)d: the longest side allowed,
    or for "too_small" the shortest."""

    formats: frozenset[str]  # of "PNG", "JPEG", "WEBP", "HEIF"
    max_bytes: int
    max_pixels: int
    max_side: int
    min_side: int
    messages: Mapping[str, StrOrPromise]

    def error(self, code: str) -> ImageError:
        values = {
            "size": self.max_bytes // (1024 * 1024),
            "megapixels": self.max_pixels // 1_000_000,
            "side": self.min_side if code == "too_small" else self.max_side,
        }
        return ImageError(str(self.messages[code]) % values, code=code)


@dataclass(frozen=True, slots=True)
class CheckedImage:
    """An image whose bytes passed the checks; no pixel of it has been decoded yet."""

    kind: str  # a Pillow format name: PNG, JPEG, WEBP or HEIF
    data: bytes
    width: int  # as stored, before any EXIF orientation
    height: int


def sniff(data: bytes) -> str | None:
    """The image format the first bytes announce, or None."""
    for name, signatures in _SIGNATURES.items():
        if data.startswith(signatures):
            return name
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    if _is_heic(data):
        return "HEIF"
    return None


def _is_heic(data: bytes) -> bool:
    if len(data) < 16 or data[4:8] != b"ftyp":
        return False
    size = int.from_bytes(data[:4], "big")
    major = data[8:12]
    if major in _HEIC_BRANDS:
        return True
    compatible = {data[i : i + 4] for i in range(16, min(size, len(data), 256) - 3, 4)}
    return major in _HEIF_GENERIC_BRANDS and bool(compatible & _HEIC_BRANDS)


def bmff_boxes(
    data: bytes, start: int = 0, end: int | None = None
) -> Iterator[tuple[bytes, int, int]]:
    """The boxes of an ISO base media file (HEIF, MP4) between `start` and `end`, as
    (type, start of content, end of box); ValueError where a box runs past the end."""
    end = len(data) if end is None else end
    position = start
    while position < end:
        if position + 8 > end:
            raise ValueError("a box header is cut")
        size = int.from_bytes(data[position : position + 4], "big")
        kind = data[position + 4 : position + 8]
        header = 8
        if size == 1:
            if position + 16 > end:
                raise ValueError("a box header is cut")
            size = int.from_bytes(data[position + 8 : position + 16], "big")
            header = 16
        elif size == 0:  # the last box runs to the end of the file
            size = end - position
        if size < header or position + size > end:
            raise ValueError("a box runs past the end")
        yield kind, position + header, position + size
        position += size


def _read(source: bytes | Readable, rules: ImageRules) -> bytes:
    data = source if isinstance(source, bytes) else source.read(rules.max_bytes + 1)
    if len(data) > rules.max_bytes:
        raise rules.error("too_large")
    if not data:
        raise rules.error("empty")
    return data


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
    if kind == "HEIF":
        return _bmff_complete(data)
    return len(data) >= 8 + int.from_bytes(data[4:8], "little")  # WebP: the RIFF size


def _bmff_complete(data: bytes) -> bool:
    try:
        kinds = [kind for kind, _start, _end in bmff_boxes(data)]
    except ValueError:
        return False
    return b"meta" in kinds and b"mdat" in kinds


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


def inflates_within(stream: bytes, limit: int) -> bool:
    """Whether a zlib stream is whole, sound and inflates to at most `limit` bytes; nothing
    beyond the limit is ever inflated."""
    return inflated_within(stream, limit) is not None


def inflated_within(stream: bytes, limit: int) -> bytes | None:
    """A zlib stream inflated, or None if it is broken, cut or longer than `limit` bytes."""
    if not stream:
        return b""
    inflater = zlib.decompressobj()
    parts: list[bytes] = []
    produced = 0
    pending = stream
    try:
        while pending and not inflater.eof:
            part = inflater.decompress(pending, limit + 1 - produced)
            produced += len(part)
            if produced > limit:
                return None
            parts.append(part)
            pending = inflater.unconsumed_tail
    except zlib.error:
        return None
    return b"".join(parts) if inflater.eof else None


_inflates_within = inflates_within


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


def image_check(source: bytes | Readable, rules: ImageRules) -> CheckedImage:
    """Check an uploaded image without decoding it, or raise ImageError."""
    data = _read(source, rules)
    kind = sniff(data)
    if kind is None or kind not in rules.formats:
        raise rules.error("format")
    if not _complete(kind, data):
        raise rules.error("damaged")
    with warnings.catch_warnings():
        # Pillow warns, and goes on without it, where an EXIF block is corrupt: the metadata
        # is dropped anyway, and the orientation is then left as it is.
        warnings.filterwarnings("ignore", category=UserWarning, module=r"PIL\.")
        opened = _open(kind, data, rules)
        with opened:
            width, height = opened.size  # from the header: nothing decoded yet
    if width * height > rules.max_pixels or max(width, height) > rules.max_side:
        raise rules.error("too_many_pixels")
    if min(width, height) < rules.min_side:
        raise rules.error("too_small")
    if kind == "PNG" and not _png_pixels_sound(data, width, height):
        raise rules.error("damaged")
    return CheckedImage(kind=kind, data=data, width=width, height=height)


def _open(kind: str, data: bytes, rules: ImageRules) -> Image.Image:
    try:
        opened = Image.open(io.BytesIO(data), formats=[kind])
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise rules.error("too_many_pixels") from None
    except _DECODE_ERRORS:  # it starts like an allowed format, yet is not one
        raise rules.error("damaged") from None
    if opened.format != kind and (kind, opened.format) != ("JPEG", "MPO"):  # phone photos
        opened.close()
        raise rules.error("format")
    return opened


def image_verify(checked: CheckedImage, rules: ImageRules) -> None:
    """Decode the pixels once and throw them away: for formats whose pixel stream cannot be
    checked whole without decoding it (a WebP's), where a file must be refused at upload."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=UserWarning, module=r"PIL\.")
        with _open(checked.kind, checked.data, rules) as opened:
            try:
                opened.load()
            except _DECODE_ERRORS:
                raise rules.error("damaged") from None


def image_fit(width: int, height: int, box: int) -> tuple[int, int]:
    """The size an image of width x height takes in a box x box square, never enlarged
    (rounded as Pillow's `thumbnail` rounds, whichever scale it is decoded at)."""
    if width <= box and height <= box:
        return width, height
    aspect = width / height
    if aspect >= 1:
        return box, _round_aspect(box / aspect, lambda n: 0 if n == 0 else abs(aspect - box / n))
    return _round_aspect(box * aspect, lambda n: abs(aspect - n / box)), box


def _round_aspect(number: float, key: Callable[[int], float]) -> int:
    return max(min(math.floor(number), math.ceil(number), key=key), 1)


def image_decode(checked: CheckedImage, rules: ImageRules, *, box: int) -> Image.Image:
    """The checked image decoded once, upright, in sRGB (RGB, or RGBA if it has transparency)
    and scaled to fit `box`; a JPEG is decoded at a reduced scale where that suffices.
    ImageError ("damaged") where the pixels cannot be decoded."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=UserWarning, module=r"PIL\.")
        opened = _open(checked.kind, checked.data, rules)
        with opened:
            if checked.kind == "JPEG":
                # Asking for the final size lets libjpeg decode at 1/2, 1/4 or 1/8 scale.
                opened.draft(None, image_fit(checked.width, checked.height, box))
            try:
                opened.load()
                image = ImageOps.exif_transpose(opened) or opened
                image = _to_srgb(image)
            except _DECODE_ERRORS:
                raise rules.error("damaged") from None
    width, height = checked.width, checked.height
    if (image.width - image.height) * (width - height) < 0:  # turned a quarter by EXIF
        width, height = height, width
    size = image_fit(width, height, box)
    if image.size != size:
        image = image.resize(size, Image.Resampling.LANCZOS, reducing_gap=2.0)
    image.info = {}
    return image


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
