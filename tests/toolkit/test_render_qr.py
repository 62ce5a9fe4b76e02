"""The QR codes encode the verification address, and every drawing of them is that matrix."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import qrcode
from qrcode.constants import ERROR_CORRECT_M

from toolkit.render.qr import QUIET_ZONE, qr_image, qr_matrix, qr_svg, qr_svg_path

URL = "https://partners.example/verify/7KQ4-MZ3P/"


def test_matrix_is_the_url_encoded_by_qrcode() -> None:
    reference = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    reference.add_data(URL)
    reference.make(fit=True)
    assert [segment.data for segment in reference.data_list] == [URL.encode()]
    assert qr_matrix(URL) == tuple(tuple(row) for row in reference.get_matrix())


def test_raster_code_has_the_matrix_at_module_centres() -> None:
    matrix = qr_matrix(URL)
    module = 5
    image = qr_image(URL, module, (18, 35, 63), (255, 255, 255))
    assert image.size == ((len(matrix) + 2 * QUIET_ZONE) * module,) * 2
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            centre = ((x + QUIET_ZONE) * module + 2, (y + QUIET_ZONE) * module + 2)
            assert (image.getpixel(centre) == (18, 35, 63)) == dark, (x, y)
    assert image.getpixel((0, 0)) == (255, 255, 255)  # quiet zone


def test_svg_code_has_the_matrix() -> None:
    matrix = qr_matrix(URL)
    drawn = [[False] * len(matrix) for _ in matrix]
    path = qr_svg_path(URL, x=0, y=0, module=1)
    for left, top, width in re.findall(r"M([\d.]+) ([\d.]+)h([\d.]+)", path):
        row, start = round(float(top)) - QUIET_ZONE, round(float(left)) - QUIET_ZONE
        for column in range(start, start + round(float(width))):
            drawn[row][column] = True
    assert tuple(tuple(row) for row in drawn) == matrix
    ET.fromstring(qr_svg(URL))  # noqa: S314 - our own output, checked well-formed
