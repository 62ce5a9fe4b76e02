"""What the renderer is given: checked on the way in, and keyed by everything that shows."""

from __future__ import annotations

from dataclasses import replace

import pytest

from toolkit.render import PartnerArtwork

ART = PartnerArtwork(
    display_name="Maison Laurent Joaillerie",
    network_name="Southern California Jewelers Network",
    partner_since_year=2024,
    verification_code="7KQ4-MZ3P",
    verify_url="https://partners.example/verify/7KQ4-MZ3P/",
)


@pytest.mark.parametrize(
    "change",
    [
        {"language": "de"},
        {"partner_since_year": 1066},
        {"verification_code": "<svg>"},
        {"verify_url": "javascript:alert(1)//7KQ4-MZ3P"},
        {"verify_url": "https://partners.example/verify/OTHER/"},
        {"verify_url": "https://partners.example/verify/7KQ4-MZ3P/\nX"},
        {"verify_url": "/verify/7KQ4-MZ3P/"},
    ],
)
def test_malformed_artwork_is_refused(change: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        replace(ART, **change)  # type: ignore[arg-type]


def test_content_key_changes_with_anything_that_shows() -> None:
    keys = {
        ART.content_key("badge-512.png"),
        ART.content_key("badge-1024.png"),
        replace(ART, display_name="Other").content_key("badge-512.png"),
        replace(ART, logo_png=b"logo").content_key("badge-512.png"),
        replace(ART, language="fr").content_key("badge-512.png"),
    }
    assert len(keys) == 5
    assert ART.content_key("badge-512.png") == replace(ART).content_key("badge-512.png")


def test_verification_address_is_printed_without_scheme() -> None:
    assert ART.verify_display == "partners.example/verify/7KQ4-MZ3P"
