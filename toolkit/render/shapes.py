"""Smooth-edged shapes for the raster items, drawn large and scaled down once, then cached."""

from __future__ import annotations

import functools

from PIL import Image, ImageDraw

SUPERSAMPLE = 4


@functools.lru_cache(maxsize=32)
def rounded_mask(width: int, height: int, radius: int) -> Image.Image:
    big = Image.new("L", (width * SUPERSAMPLE, height * SUPERSAMPLE))
    ImageDraw.Draw(big).rounded_rectangle(
        (0, 0, big.width - 1, big.height - 1), radius=radius * SUPERSAMPLE, fill=255
    )
    return big.resize((width, height), Image.Resampling.BOX)


def paste_logo_plate(
    image: Image.Image,
    logo: Image.Image,
    box: tuple[int, int, int, int],
    *,
    padding: int,
    radius: int,
) -> None:
    """A white rounded plate with the logo centred on it: logos are made for light grounds."""
    x, y, width, height = box
    plate = Image.new("RGB", (width, height), (255, 255, 255))
    image.paste(plate, (x, y), rounded_mask(width, height, radius))
    left = x + padding + (width - 2 * padding - logo.width) // 2
    top = y + padding + (height - 2 * padding - logo.height) // 2
    image.paste(logo, (left, top), logo)
