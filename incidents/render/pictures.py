"""Stills and thumbnails for the printed documents: bytes in, a small JPEG `data:` URL out.

Evidence images were checked and re-encoded when they were uploaded; this only reads our own
derivatives, shrinks them for print and drops anything unreadable (the page then shows a
placeholder). Nothing is ever passed to WeasyPrint by address.
"""

from __future__ import annotations

import base64
import hashlib
import io
import logging
import threading
import warnings
from collections import OrderedDict

from PIL import Image, ImageOps

logger = logging.getLogger(__name__)

MAX_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 40_000_000
CACHE_SIZE = 128  # shrunk images are 20-60 kB each
_cache: OrderedDict[tuple[bytes, int, int], str | None] = OrderedDict()
_cache_lock = threading.Lock()
_ERRORS = (OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombError)


def picture_uri(data: bytes | None, *, max_side: int, quality: int = 78) -> str | None:
    """A JPEG `data:` URL of the image at most `max_side` pixels on its longer side, or None
    when there is no image or it cannot be read."""
    if not data or len(data) > MAX_BYTES:
        return None
    # Shrinking is most of a packet's time; the same still is printed again and again.
    key = (hashlib.sha256(data).digest(), max_side, quality)
    with _cache_lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    uri = _shrunk(data, max_side=max_side, quality=quality)
    with _cache_lock:
        _cache[key] = uri
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return uri


def _shrunk(data: bytes, *, max_side: int, quality: int) -> str | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=["JPEG", "PNG", "WEBP"]) as source:
                if source.width * source.height > MAX_PIXELS:
                    return None
                # JPEG decodes straight to a reduced size: the slow part of a large still.
                source.draft("RGB", (max_side, max_side))
                image = ImageOps.exif_transpose(source)
                image = _flattened(image)
                image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
                out = io.BytesIO()
                image.save(out, "JPEG", quality=quality, optimize=False)
    except (*_ERRORS, Image.DecompressionBombWarning):
        logger.warning("Leaving out an evidence image that cannot be read", exc_info=True)
        return None
    return "data:image/jpeg;base64," + base64.b64encode(out.getvalue()).decode("ascii")


def _flattened(image: Image.Image) -> Image.Image:
    if image.mode in ("RGBA", "LA", "P"):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB") if image.mode != "RGB" else image
