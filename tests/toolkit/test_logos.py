"""Uploaded logos: usable ones come out as clean PNGs, the rest are refused with a message at
upload, bombs without a pixel being decoded."""

from __future__ import annotations

import io
import struct
import warnings
import zlib

import pytest
from PIL import Image, ImageCms, ImageDraw, ImageFile

from toolkit.logos import MAX_BYTES, STORED_MAX_SIDE, LogoError, logo_normalise


def _save(image: Image.Image, kind: str, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, kind, **options)
    return out.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _png_bomb(side: int) -> bytes:
    """A valid 1-bit PNG of side x side black pixels: a small file, a huge image."""
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    compressor = zlib.compressobj(1)
    row = b"\0" * (1 + (side + 7) // 8)
    body = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", body)
        + _chunk(b"IEND", b"")
    )


@pytest.fixture(scope="module")
def bombs() -> dict[str, bytes]:
    return {"100 MP": _png_bomb(10_000), "400 MP": _png_bomb(20_000)}


@pytest.fixture
def no_decoding(monkeypatch: pytest.MonkeyPatch) -> None:
    def load(self: ImageFile.ImageFile) -> None:
        raise AssertionError("pixels were decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", load)


def _refused(data: bytes, code: str) -> LogoError:
    with pytest.raises(LogoError) as caught:
        logo_normalise(data)
    error = caught.value
    assert isinstance(error, ValueError) and error.code == code, error.code
    assert error.message == str(error) and str(error).endswith(".")
    return error


def _open(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    return image


def test_a_transparent_png_stays_transparent() -> None:
    image = Image.new("RGBA", (300, 120))
    ImageDraw.Draw(image).rectangle((20, 20, 120, 100), fill=(200, 20, 40, 255))
    logo = logo_normalise(_save(image, "PNG"))
    result = _open(logo.png)
    assert result.mode == "RGBA" and result.size == (300, 120) == (logo.width, logo.height)
    assert result.getpixel((0, 0))[3] == 0  # type: ignore[index]
    assert len(logo.sha256) == 64


def test_jpeg_is_turned_upright_and_its_metadata_stripped() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90 degrees clockwise to display
    exif[0x010F] = "Camera maker"
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    photo = _save(
        Image.new("RGB", (400, 200), (10, 120, 200)),
        "JPEG",
        exif=exif.tobytes(),
        icc_profile=icc,
        comment=b"<script>alert(1)</script>",
    )
    png = logo_normalise(photo).png
    result = _open(png)
    assert result.size == (200, 400) and result.mode == "RGB"
    assert not {"exif", "icc_profile", "comment"} & set(result.info)
    assert b"eXIf" not in png and b"iCCP" not in png and b"tEXt" not in png
    assert b"script" not in png


def test_cmyk_jpeg_becomes_rgb() -> None:
    cmyk = _save(Image.new("CMYK", (64, 64), (0, 255, 255, 0)), "JPEG", quality=95)
    result = _open(logo_normalise(cmyk).png)
    assert result.mode == "RGB"
    red, green, blue = result.getpixel((32, 32))  # type: ignore[misc]
    assert red > 200 and green < 80 and blue < 80


def test_palette_and_sixteen_bit_images_are_converted() -> None:
    palette = Image.new("P", (40, 40), 1)
    palette.putpalette([0, 0, 0, 255, 0, 0] + [0] * 762)
    palette.info["transparency"] = 0
    ImageDraw.Draw(palette).rectangle((0, 0, 9, 9), fill=0)
    assert _open(logo_normalise(_save(palette, "PNG", transparency=0)).png).mode == "RGBA"
    deep = Image.new("I;16", (40, 40), 40_000)
    assert _open(logo_normalise(_save(deep, "PNG")).png).mode == "RGB"


def test_webp_is_accepted() -> None:
    assert _open(logo_normalise(_save(Image.new("RGBA", (80, 40), "navy"), "WEBP")).png)


def test_large_logo_is_scaled_down_keeping_its_proportions() -> None:
    photo = Image.linear_gradient("L").resize((3000, 1500)).convert("RGB")
    logo = logo_normalise(_save(photo, "JPEG"))
    assert (logo.width, logo.height) == (STORED_MAX_SIDE, STORED_MAX_SIDE // 2)


def test_a_file_object_is_read_no_further_than_the_limit() -> None:
    class Upload(io.BytesIO):
        taken = 0

        def read(self, size: int | None = -1) -> bytes:
            data = super().read(size)
            Upload.taken += len(data)
            return data

    upload = Upload(b"\x89PNG\r\n\x1a\n" + b"\0" * (20 * 1024 * 1024))  # a 20 MB file
    with pytest.raises(LogoError) as caught:
        logo_normalise(upload)
    assert caught.value.code == "too_large" and Upload.taken == MAX_BYTES + 1


def test_a_20_mb_file_is_refused() -> None:
    _refused(b"\xff\xd8\xff" + b"\0" * (20 * 1024 * 1024), "too_large")


@pytest.mark.parametrize("size", ["100 MP", "400 MP"])
def test_decompression_bombs_are_refused_without_decoding(
    bombs: dict[str, bytes], no_decoding: None, size: str
) -> None:
    assert len(bombs[size]) < 1024 * 1024
    _refused(bombs[size], "too_many_pixels")


def test_a_bomb_is_refused_where_warnings_are_only_logged(
    bombs: dict[str, bytes], no_decoding: None
) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        _refused(bombs["100 MP"], "too_many_pixels")


def test_an_image_too_long_on_one_side_is_refused(no_decoding: None) -> None:
    _refused(_save(Image.new("1", (9_000, 100)), "PNG"), "too_many_pixels")


@pytest.mark.parametrize("tolerant", [False, True], ids=["pillow default", "after WeasyPrint"])
def test_truncated_files_are_refused(monkeypatch: pytest.MonkeyPatch, tolerant: bool) -> None:
    # Importing WeasyPrint sets this for the whole process; the check must not depend on it.
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", tolerant)
    noise = Image.effect_noise((300, 300), 80).convert("RGB")
    for kind, options in [("JPEG", {}), ("JPEG", {"progressive": True}), ("PNG", {}), ("WEBP", {})]:
        data = _save(noise, kind, **options)
        _refused(data[: len(data) * 2 // 3], "damaged")
        assert logo_normalise(data).width == 300


def test_an_svg_with_a_script_is_refused() -> None:
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    _refused(svg, "format")
    _refused(b'<?xml version="1.0"?>\n' + svg, "format")


def test_a_gif_is_refused() -> None:
    _refused(_save(Image.new("P", (40, 40)), "GIF"), "format")


def test_polyglots_are_refused_or_rewritten_without_their_payload() -> None:
    payload = b"<html><script>alert(document.cookie)</script></html>PK\x05\x06" + b"\0" * 18
    png = _save(Image.new("RGB", (40, 40), "gold"), "PNG") + payload
    cleaned = logo_normalise(png).png
    assert b"script" not in cleaned and b"PK\x05\x06" not in cleaned
    _refused(b"GIF89a" + payload, "format")  # a GIF/ZIP/HTML mix
    _refused(b"%PDF-1.7\n" + payload, "format")
    _refused(b"\x89PNG\r\n\x1a\n" + payload, "damaged")
    _refused(b"\xff\xd8\xff\xe0" + payload, "damaged")


def test_empty_and_tiny_files_are_refused() -> None:
    _refused(b"", "empty")
    _refused(_save(Image.new("RGB", (8, 8)), "PNG"), "too_small")
