"""Evidence files: what an upload is, judged by its first bytes (never by its name or the
content type the browser sent), whether we keep it, and what of it is ever served.

- Photos and CCTV stills (JPEG, PNG, WebP, HEIC) go through the project's one image check
  (networks.images) with the evidence limits. The original is kept for the record, never
  served: people see a display size and a thumbnail that `photo_render` draws from the pixels
  alone, upright, in sRGB, without a byte of metadata (GPS, maker notes, XMP, profiles).
- Clips are MP4 files with a video track, at most `MAX_CLIP_BYTES`, kept and served (as a
  download) exactly as uploaded.
- PDFs are kept and served (as a download) as uploaded, unless they carry JavaScript,
  actions that run on opening, embedded files or encryption, which are refused.

Anything unusable raises `EvidenceError`, a `ValueError` whose message is meant for the person
uploading.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from typing import IO, Any

from django.utils.text import format_lazy
from django.utils.translation import gettext, gettext_lazy
from PIL import Image

from networks import images

from .models import Evidence

MAX_PHOTO_BYTES = 20 * 1024 * 1024
MAX_CLIP_BYTES = 50 * 1024 * 1024
MAX_PDF_BYTES = 20 * 1024 * 1024
# A 12 MP phone photo passes with room to spare; Pillow's own bomb threshold is about 89 MP.
MAX_PHOTO_PIXELS = 40_000_000
MAX_PHOTO_SIDE = 12_000
MIN_PHOTO_SIDE = 16
DISPLAY_SIDE = 1600
THUMBNAIL_SIDE = 320
JPEG_QUALITY = 82

ACCEPT = ",".join(
    (
        "image/jpeg",
        "image/png",
        "image/webp",
        "image/heic",
        "image/heif",
        ".heic",
        ".heif",
        "video/mp4",
        "application/pdf",
    )
)
UPLOAD_HELP = format_lazy(
    gettext_lazy(
        "A photo or CCTV still (JPEG, PNG, WebP or HEIC) of at most {photo} MB and "
        "{megapixels} megapixels, a video clip (MP4) of at most {clip} MB, or a PDF of at "
        "most {pdf} MB."
    ),
    photo=MAX_PHOTO_BYTES // (1024 * 1024),
    megapixels=MAX_PHOTO_PIXELS // 1_000_000,
    clip=MAX_CLIP_BYTES // (1024 * 1024),
    pdf=MAX_PDF_BYTES // (1024 * 1024),
)

PHOTO_RULES = images.ImageRules(
    formats=frozenset({"JPEG", "PNG", "WEBP", "HEIF"}),
    max_bytes=MAX_PHOTO_BYTES,
    max_pixels=MAX_PHOTO_PIXELS,
    max_side=MAX_PHOTO_SIDE,
    min_side=MIN_PHOTO_SIDE,
    messages={
        "too_large": gettext_lazy(
            "The photo is larger than %(size)d MB. Please upload a smaller file."
        ),
        "empty": gettext_lazy("The file is empty."),
        "format": gettext_lazy(
            "Please upload a photo (JPEG, PNG, WebP or HEIC), a video clip (MP4) or a PDF. "
            "Other kinds of file are not accepted."
        ),
        "too_many_pixels": gettext_lazy(
            "The photo has too many pixels. Please upload an image of at most %(megapixels)d "
            "million pixels and %(side)d pixels on its longer side."
        ),
        "damaged": gettext_lazy(
            "The photo is damaged or incomplete. Please export it again and retry."
        ),
        "too_small": gettext_lazy(
            "The photo is too small: it needs at least %(side)d pixels on each side."
        ),
    },
)

_PHOTO_TYPES = {
    "JPEG": "image/jpeg",
    "PNG": "image/png",
    "WEBP": "image/webp",
    "HEIF": "image/heic",
}
# Major brands of MP4 files (ISO base media with MPEG-4 video), as cameras and phones write them.
_MP4_BRANDS = frozenset(
    {
        b"isom",
        b"iso2",
        b"iso3",
        b"iso4",
        b"iso5",
        b"iso6",
        b"iso8",
        b"iso9",
        b"mp41",
        b"mp42",
        b"mp71",
        b"avc1",
        b"M4V ",
        b"M4VH",
        b"M4VP",
        b"MSNV",
        b"dash",
        b"mmp4",
    }
)
# A movie header is small (an index of the samples); more than this is not a clip we want.
MAX_MOOV_BYTES = 16 * 1024 * 1024
MAX_TOP_LEVEL_BOXES = 10_000


class EvidenceError(ValueError):
    """An upload that cannot be kept as evidence; the message is for the person uploading."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True, slots=True)
class CheckedUpload:
    kind: str  # Evidence.Kind
    content_type: str  # of the original, as our check found it
    size: int
    sha256: str
    width: int | None = None  # photos: as stored, before any EXIF orientation
    height: int | None = None


@dataclass(frozen=True, slots=True)
class RenderedPhoto:
    display: bytes  # JPEG, at most DISPLAY_SIDE on its longer side
    thumbnail: bytes  # JPEG, at most THUMBNAIL_SIDE
    width: int  # of the original, upright
    height: int


def _too_large(kind: str, limit: int) -> EvidenceError:
    messages: dict[str, str] = {
        Evidence.Kind.CLIP: gettext(
            "The clip is larger than %(size)d MB. Please trim it to the moments that matter "
            "and upload it again."
        ),
        Evidence.Kind.DOCUMENT: gettext(
            "The PDF is larger than %(size)d MB. Please upload a smaller file."
        ),
    }
    message = messages.get(
        kind, gettext("The file is larger than %(size)d MB, the most any evidence may be.")
    )
    return EvidenceError(message % {"size": limit // (1024 * 1024)}, code="too_large")


def _format_error() -> EvidenceError:
    return EvidenceError(str(PHOTO_RULES.messages["format"]), code="format")


def _kind_of(head: bytes) -> str | None:
    if images.sniff(head) is not None:
        return Evidence.Kind.PHOTO
    if head.startswith(b"%PDF-"):
        return Evidence.Kind.DOCUMENT
    if head[4:8] == b"ftyp":
        return Evidence.Kind.CLIP
    return None


def _size_of(upload: IO[bytes]) -> int:
    size = getattr(upload, "size", None)
    if isinstance(size, int):
        return size
    upload.seek(0, io.SEEK_END)
    return upload.tell()


def evidence_check(upload: IO[bytes]) -> CheckedUpload:
    """What an uploaded file is, if we keep it; EvidenceError otherwise. A photo's pixels are
    not decoded here (the render task does that, once)."""
    size = _size_of(upload)
    if size == 0:
        raise EvidenceError(str(PHOTO_RULES.messages["empty"]), code="empty")
    if size > MAX_CLIP_BYTES:
        raise _too_large("", MAX_CLIP_BYTES)
    upload.seek(0)
    head = upload.read(64)
    kind = _kind_of(head)
    upload.seek(0)
    if kind == Evidence.Kind.PHOTO:
        return _photo_check(upload)
    if kind == Evidence.Kind.DOCUMENT:
        if size > MAX_PDF_BYTES:
            raise _too_large(kind, MAX_PDF_BYTES)
        data = upload.read(MAX_PDF_BYTES + 1)
        pdf_check(data)
        return CheckedUpload(
            kind=kind,
            content_type="application/pdf",
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
        )
    if kind == Evidence.Kind.CLIP:
        if size > MAX_CLIP_BYTES:
            raise _too_large(kind, MAX_CLIP_BYTES)
        digest = clip_check(upload, size)
        return CheckedUpload(kind=kind, content_type="video/mp4", size=size, sha256=digest)
    raise _format_error()


def _photo_check(upload: IO[bytes]) -> CheckedUpload:
    try:
        checked = images.image_check(upload, PHOTO_RULES)
        if checked.kind == "WEBP":
            # JPEG, PNG and HEIC files were checked whole; a WebP's pixels only decode whole.
            images.image_verify(checked, PHOTO_RULES)
    except images.ImageError as error:
        raise EvidenceError(error.message, code=error.code) from None
    return CheckedUpload(
        kind=Evidence.Kind.PHOTO,
        content_type=_PHOTO_TYPES[checked.kind],
        size=len(checked.data),
        sha256=hashlib.sha256(checked.data).hexdigest(),
        width=checked.width,
        height=checked.height,
    )


# --- Photos: the only pictures ever served ---------------------------------------------------


def display_size(width: int, height: int) -> tuple[int, int]:
    return images.image_fit(width, height, DISPLAY_SIDE)


def thumbnail_size(width: int, height: int) -> tuple[int, int]:
    """The thumbnail's size for an upright original of width x height (drawn from the
    display size, as `photo_render` draws it)."""
    return images.image_fit(*display_size(width, height), THUMBNAIL_SIDE)


def photo_render(data: bytes) -> RenderedPhoto:
    """The display size and thumbnail of a photo, as JPEGs of pixels only, from one decode
    (at a reduced scale where the JPEG allows it); EvidenceError if it cannot be read."""
    try:
        checked = images.image_check(data, PHOTO_RULES)
        image = images.image_decode(checked, PHOTO_RULES, box=DISPLAY_SIDE)
    except images.ImageError as error:
        raise EvidenceError(error.message, code=error.code) from None
    width, height = checked.width, checked.height
    if (image.width - image.height) * (width - height) < 0:  # turned a quarter by EXIF
        width, height = height, width
    image = _flattened(image)
    small = image.resize(thumbnail_size(width, height), Image.Resampling.LANCZOS, reducing_gap=2.0)
    return RenderedPhoto(display=_jpeg(image), thumbnail=_jpeg(small), width=width, height=height)


def _flattened(image: Image.Image) -> Image.Image:
    """Transparency over white: a JPEG has none, and evidence is looked at, not composed."""
    if image.mode != "RGBA":
        return image
    background = Image.new("RGB", image.size, (255, 255, 255))
    background.paste(image, mask=image.getchannel("A"))
    return background


def _jpeg(image: Image.Image) -> bytes:
    image.info = {}  # nothing of the original's metadata may be written back
    out = io.BytesIO()
    image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=False)
    return out.getvalue()


# --- Clips -----------------------------------------------------------------------------------


def _clip_refused() -> EvidenceError:
    return EvidenceError(
        gettext(
            "This file is not a video clip we can keep: it is not an MP4 with a video track, "
            "or it is damaged or incomplete. Please export the clip from the camera system as "
            "MP4 and upload it again."
        ),
        code="not_video",
    )


def clip_check(upload: IO[bytes], size: int) -> str:
    """Check an MP4 without decoding it: an MP4 brand, top-level boxes that run exactly to
    the end of the file, a movie header with a video track, and media data. Returns the
    file's SHA-256."""
    boxes = _top_level_boxes(upload, size)
    if not boxes or boxes[0][0] != b"ftyp":
        raise _clip_refused()
    upload.seek(0)
    ftyp = upload.read(min(boxes[0][2], 256))
    if ftyp[8:12] not in _MP4_BRANDS:
        # Also HEIF and AVIF pictures, QuickTime movies and audio-only M4A files.
        raise _format_error() if ftyp[8:12] not in (b"M4A ", b"qt  ") else _clip_refused()
    kinds = [kind for kind, _start, _end in boxes]
    if b"moov" not in kinds or not ({b"mdat", b"moof"} & set(kinds)):
        raise _clip_refused()
    _kind, start, end = boxes[kinds.index(b"moov")]
    if end - start > MAX_MOOV_BYTES:
        raise _clip_refused()
    upload.seek(start)
    if not _has_video_track(upload.read(end - start)):
        raise _clip_refused()
    digest = hashlib.sha256()
    upload.seek(0)
    while chunk := upload.read(1024 * 1024):
        digest.update(chunk)
    return digest.hexdigest()


def _top_level_boxes(upload: IO[bytes], size: int) -> list[tuple[bytes, int, int]]:
    """(type, start of content, end) of each top-level box, read header by header."""
    boxes: list[tuple[bytes, int, int]] = []
    position = 0
    while position < size:
        if len(boxes) >= MAX_TOP_LEVEL_BOXES:
            raise _clip_refused()
        upload.seek(position)
        header = upload.read(16)
        if len(header) < 8:
            raise _clip_refused()
        length, kind, header_length = int.from_bytes(header[:4], "big"), header[4:8], 8
        if length == 1 and len(header) == 16:
            length, header_length = int.from_bytes(header[8:16], "big"), 16
        elif length == 0:  # the last box runs to the end of the file
            length = size - position
        if length < header_length or position + length > size or not _is_box_type(kind):
            raise _clip_refused()
        boxes.append((kind, position + header_length, position + length))
        position += length
    return boxes


def _is_box_type(kind: bytes) -> bool:
    return all(32 <= byte < 127 or byte == 0xA9 for byte in kind)


def _children(data: bytes, kind: bytes) -> list[bytes]:
    try:
        return [data[start:end] for found, start, end in images.bmff_boxes(data) if found == kind]
    except ValueError:
        raise _clip_refused() from None


def _has_video_track(moov: bytes) -> bool:
    for trak in _children(moov, b"trak"):
        for mdia in _children(trak, b"mdia"):
            for hdlr in _children(mdia, b"hdlr"):
                if hdlr[8:12] == b"vide":  # after version, flags and pre_defined
                    return True
    return False


# --- PDFs ------------------------------------------------------------------------------------

# Names of what a PDF can run or carry besides its pages: scripts, actions on opening or on
# other events, launching programs, other files and forms that talk to the network.
_ACTIVE_NAMES = (
    "JavaScript",
    "Launch",
    "EmbeddedFile",
    "EmbeddedFiles",
    "FileAttachment",
    "RichMedia",
    "SubmitForm",
    "ImportData",
    "GoToR",
    "GoToE",
    "XFA",
)
# Short names turn up by chance in compressed data: they are looked for outside streams.
_ACTIVE_SHORT_NAMES = ("JS", "AA")
_NAME_END = rb"(?![^\x00\t\n\x0c\r /<>\[\]()%{}])"
MAX_OBJECT_STREAM_BYTES = 10 * 1024 * 1024
MAX_OBJECT_STREAMS_BYTES = 50 * 1024 * 1024


def _name_pattern(names: tuple[str, ...]) -> re.Pattern[bytes]:
    """Names as a PDF may write them: each character itself or #hh (/J#61vaScript)."""

    def spelled(name: str) -> bytes:
        return b"".join(
            b"(?:" + re.escape(ch.encode()) + b"|#" + f"{ord(ch):02x}".encode() + b")"
            for ch in name
        )

    alternatives = b"|".join(spelled(name) for name in sorted(names, key=len, reverse=True))
    return re.compile(b"/(?:" + alternatives + b")" + _NAME_END, re.IGNORECASE)


# Case-insensitive only for the hex digits of #hh: the names themselves are re-checked below.
_ACTIVE = _name_pattern(_ACTIVE_NAMES)
_ACTIVE_SHORT = _name_pattern(_ACTIVE_SHORT_NAMES)
_OPEN_ACTION = _name_pattern(("OpenAction",))
_ENCRYPT = _name_pattern(("Encrypt",))
_OBJSTM = _name_pattern(("ObjStm",))
_STREAM = re.compile(rb"stream(?:\r\n|\n|\r)")
_HEX = re.compile(rb"#([0-9A-Fa-f]{2})")


def _name_text(raw: bytes) -> str:
    return _HEX.sub(lambda match: bytes([int(match.group(1), 16)]), raw).decode("latin-1")


def _found(pattern: re.Pattern[bytes], data: bytes, names: tuple[str, ...]) -> bool:
    return any(_name_text(match.group(0))[1:] in names for match in pattern.finditer(data))


def _pdf_active() -> EvidenceError:
    return EvidenceError(
        gettext(
            "This PDF contains JavaScript, actions that run when it is opened, or embedded "
            "files, so it cannot be kept as evidence. Print it to a new PDF (“Print to "
            "PDF”) and upload that."
        ),
        code="pdf_active",
    )


def _pdf_unreadable() -> EvidenceError:
    return EvidenceError(
        gettext(
            "This PDF is damaged, incomplete or built in a way we cannot check. Print it to a "
            "new PDF (“Print to PDF”) and upload that."
        ),
        code="damaged",
    )


def pdf_check(data: bytes) -> None:
    """Refuse a PDF that can run anything or carry other files, or that we cannot read far
    enough to be sure (encrypted, cut short, object streams we cannot inflate)."""
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-2048:]:
        raise _pdf_unreadable()
    outside, streams = _split_streams(data)
    if _found(_ENCRYPT, outside, ("Encrypt",)):
        raise EvidenceError(
            gettext("This PDF is protected by a password. Please upload a copy without one."),
            code="pdf_encrypted",
        )
    texts = [outside, *_object_streams(streams)]
    if _found(_ACTIVE, data, _ACTIVE_NAMES):
        raise _pdf_active()
    for text in texts:
        if _found(_ACTIVE, text, _ACTIVE_NAMES) or _found(_ACTIVE_SHORT, text, _ACTIVE_SHORT_NAMES):
            raise _pdf_active()
        for match in _OPEN_ACTION.finditer(text):
            # A destination (open at a page) is an array; anything else is an action.
            if _name_text(match.group(0)) == "/OpenAction" and not text[
                match.end() : match.end() + 64
            ].lstrip().startswith(b"["):
                raise _pdf_active()


def _split_streams(data: bytes) -> tuple[bytes, list[tuple[bytes, bytes]]]:
    """The file without its stream contents, and each stream as (its dictionary, its data)."""
    outside: list[bytes] = []
    streams: list[tuple[bytes, bytes]] = []
    position = 0
    for match in _STREAM.finditer(data):
        if match.start() < position or data[max(0, match.start() - 3) : match.start()] == b"end":
            continue
        head = data[position : match.start()]
        end = data.find(b"endstream", match.end())
        if end < 0:
            raise _pdf_unreadable()
        opening = head.rfind(b"obj")
        streams.append((head[opening:] if opening >= 0 else head[-4096:], data[match.end() : end]))
        outside.append(head)
        position = end + len(b"endstream")
    outside.append(data[position:])
    return b"\n".join(outside), streams


def _object_streams(streams: list[tuple[bytes, bytes]]) -> list[bytes]:
    """The objects kept compressed in object streams, where dictionaries hide too."""
    texts: list[bytes] = []
    total = 0
    for raw, body in streams:
        if not _found(_OBJSTM, raw, ("ObjStm",)):
            continue
        dictionary = _name_text(raw)
        filters = set(re.findall(r"/[^\s/<>\[\]()%{}]+", _filter_value(dictionary)))
        if filters - {"/FlateDecode"} or "/DecodeParms" in dictionary:
            raise _pdf_unreadable()
        if "/Filter" in dictionary and not filters:  # given by reference: not worth following
            raise _pdf_unreadable()
        text = images.inflated_within(body, MAX_OBJECT_STREAM_BYTES) if filters else body
        if text is None:
            raise _pdf_unreadable()
        total += len(text)
        if total > MAX_OBJECT_STREAMS_BYTES:
            raise _pdf_unreadable()
        texts.append(text)
    return texts


def _filter_value(dictionary: str) -> str:
    match = re.search(r"/Filter\s*(\[[^\]]*\]|/[^\s/<>\[\]()%{}]+)", dictionary)
    return match.group(1) if match else ""


def safe_original_name(name: Any) -> str:
    """The uploader's file name, for people to read: no folders, no control or direction
    characters, at most 200 characters. Never used to store or serve anything."""
    text = str(name or "").replace("\\", "/").rsplit("/", 1)[-1]
    text = "".join(ch for ch in text if ch.isprintable() and not 0x202A <= ord(ch) <= 0x202E)
    text = "".join(ch for ch in text if not 0x2066 <= ord(ch) <= 0x2069)
    return text.strip()[:200]
