"""QR codes for the verification address, from one matrix: raster, SVG path, and checks.

The matrix comes from `qrcode` (medium error correction, which survives a scuffed window sign);
the drawing is ours, in whole pixels per module so the code stays sharp.
"""

from __future__ import annotations

import functools

import qrcode
from PIL import Image
from qrcode.constants import ERROR_CORRECT_M

from toolkit.render.artwork import NAVY, WHITE, hex_colour

QUIET_ZONE = 2  # modules of white around the code; the tile around it adds more

Matrix = tuple[tuple[bool, ...], ...]


@functools.lru_cache(maxsize=128)
def qr_matrix(data: str) -> Matrix:
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(data)
    code.make(fit=True)
    return tuple(tuple(bool(cell) for cell in row) for row in code.get_matrix())


def qr_modules(data: str) -> int:
    """Modules across, quiet zone included."""
    return len(qr_matrix(data)) + 2 * QUIET_ZONE


@functools.lru_cache(maxsize=64)
def qr_image(
    data: str, module: int, dark: tuple[int, int, int], light: tuple[int, int, int]
) -> Image.Image:
    """The code with its quiet zone, `module` pixels per module, as an RGB image."""
    matrix = qr_matrix(data)
    side = len(matrix) + 2 * QUIET_ZONE
    pixels = bytearray(b"\xff" * (side * side))  # light, quiet zone included
    for y, row in enumerate(matrix):
        offset = (y + QUIET_ZONE) * side + QUIET_ZONE
        for x, cell in enumerate(row):
            if cell:
                pixels[offset + x] = 0
    mask = Image.frombytes("L", (side, side), bytes(pixels))
    mask = mask.resize((side * module, side * module), Image.Resampling.NEAREST)
    image = Image.new("RGB", mask.size, dark)
    image.paste(light, (0, 0, *mask.size), mask)
    return image


def qr_svg_path(data: str, *, x: float, y: float, module: float) -> str:
    """Path data of the dark modules (quiet zone not drawn), one rectangle per horizontal run."""
    parts = []
    for row_index, row in enumerate(qr_matrix(data)):
        column = 0
        while column < len(row):
            if not row[column]:
                column += 1
                continue
            start = column
            while column < len(row) and row[column]:
                column += 1
            left = x + (start + QUIET_ZONE) * module
            top = y + (row_index + QUIET_ZONE) * module
            parts.append(
                f"M{left:.3f} {top:.3f}h{(column - start) * module:.3f}v{module:.3f}"
                f"h{-(column - start) * module:.3f}z"
            )
    return "".join(parts)


def qr_svg(data: str) -> str:
    """A standalone SVG of the code, navy on white, quiet zone included, one unit per module."""
    side = qr_modules(data)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {side} {side}" '
        f'shape-rendering="crispEdges" role="img" aria-label="QR code">'
        f'<rect width="{side}" height="{side}" fill="{hex_colour(WHITE)}"/>'
        f'<path fill="{hex_colour(NAVY)}" d="{qr_svg_path(data, x=0, y=0, module=1)}"/></svg>'
    )
