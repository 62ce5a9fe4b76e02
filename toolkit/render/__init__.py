"""The toolkit's rendering engine: pure functions from a `PartnerArtwork` to bytes.

Nothing here reads the database, the network or the clock; storing, caching (by
`PartnerArtwork.content_key`) and counting downloads are the caller's job.

    art = PartnerArtwork(display_name=..., network_name=..., partner_since_year=2024,
                         verification_code="7KQ4-MZ3P",
                         verify_url="https://partners.example/verify/7KQ4-MZ3P/",
                         logo_png=store.logo_png_or_none, language="fr")
    render_badge_png(art=art, size=512)
    render_sign_pdf(art=art, kind="window", paper="letter", language="fr")
"""

from toolkit.render.artwork import (
    LANGUAGES,
    PAPERS,
    RENDER_VERSION,
    SIGN_KINDS,
    Language,
    Paper,
    PartnerArtwork,
    SignKind,
    sign_languages_default,
)
from toolkit.render.badge import BADGE_SIZES, render_badge_png, render_badge_svg
from toolkit.render.banner import BANNER_SIZE, render_banner_png
from toolkit.render.social import (
    SOCIAL_FORMATS,
    SocialFormat,
    render_social_png,
    social_caption,
)


def render_sign_pdf(
    *, art: PartnerArtwork, kind: SignKind, paper: Paper, language: Language
) -> bytes:
    """A sign as a print-ready PDF (WeasyPrint is imported on first use: it is slow to load)."""
    from toolkit.render.signs import render_sign_pdf as render

    return render(art=art, kind=kind, paper=paper, language=language)


__all__ = [
    "BADGE_SIZES",
    "BANNER_SIZE",
    "LANGUAGES",
    "PAPERS",
    "RENDER_VERSION",
    "SIGN_KINDS",
    "SOCIAL_FORMATS",
    "Language",
    "Paper",
    "PartnerArtwork",
    "SignKind",
    "SocialFormat",
    "render_badge_png",
    "render_badge_svg",
    "render_banner_png",
    "render_sign_pdf",
    "render_social_png",
    "sign_languages_default",
    "social_caption",
]
