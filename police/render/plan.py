"""A response plan as a one-page PDF: a pure function of `PlanPrint`.

Long plans still fit one page: the text steps down through size tiers (smaller type, then two
columns, then the steps run on in paragraphs) until the page count is one."""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass, replace
from typing import Literal

import pypdfium2
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from toolkit.fonts import CSS_FAMILIES

logger = logging.getLogger(__name__)

Paper = Literal["letter", "a4"]
PAGE_SIZES: dict[Paper, str] = {"letter": "letter", "a4": "A4"}
MAX_STEPS = 40
_LONG_WORD = re.compile(r"\S{40}")
COMMENT_SHOWN = 600
# A leading "1." "2)" "-" or "•" typed by a person: the page numbers the steps itself.
_NUMBERING = re.compile(r"^\s*(?:\d{1,3}\s*[.)]|[-*\u2022\u2013])\s*")


@dataclass(frozen=True, slots=True)
class Tier:
    font_pt: float
    columns: int
    inline: bool  # steps run on in one paragraph per section


TIERS: tuple[Tier, ...] = (
    Tier(11.0, 1, False),
    Tier(9.5, 1, False),
    Tier(8.0, 1, False),
    Tier(7.0, 2, False),
    Tier(6.5, 2, True),
    Tier(5.5, 2, True),
)


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    steps: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PlanPrint:
    """Everything printed, already translated and formatted."""

    store_name: str
    network_name: str
    scenario_title: str
    sections: tuple[Section, ...]
    review_line: str
    review_comment: str
    version_line: str
    language: str
    paper: Paper


def steps_of(text: str) -> tuple[str, ...]:
    lines = (_NUMBERING.sub("", line, count=1).strip() for line in text.splitlines())
    return tuple(line for line in lines if line)


def _bounded(plan: PlanPrint) -> PlanPrint:
    """The plan with at most MAX_STEPS steps a section (the rest run on in the last one, all
    of it printed) and the police comment cut to COMMENT_SHOWN characters: hundreds of tiny
    steps would take the layout minutes and still not fit a page."""
    sections = []
    for section in plan.sections:
        steps = section.steps
        if len(steps) > MAX_STEPS:
            steps = (*steps[: MAX_STEPS - 1], "; ".join(steps[MAX_STEPS - 1 :]))
        sections.append(replace(section, steps=tuple(_breakable(step) for step in steps)))
    comment = plan.review_comment
    if len(comment) > COMMENT_SHOWN:
        comment = comment[: COMMENT_SHOWN - 1].rstrip() + "\u2026"
    return replace(
        plan,
        store_name=_breakable(plan.store_name),
        sections=tuple(sections),
        review_comment=_breakable(comment),
    )


def _breakable(text: str) -> str:
    """Words longer than a line get a break opportunity every LONG_WORD characters: WeasyPrint
    takes seconds to break a word of thousands of characters anywhere."""
    return _LONG_WORD.sub(lambda match: match.group(0) + "\u200b", text)


# Rough page geometry for the first guess (the narrower paper's width, the shorter one's
# height less the header): a guess that saves renders, the page count decides.
_WIDTH_MM = 182.0
_BODY_MM = 200.0
_MM_PER_PT = 25.4 / 72
_COLUMN_GAP_MM = 7.0


def _fits(plan: PlanPrint, tier: Tier) -> bool:
    column_mm = (_WIDTH_MM - _COLUMN_GAP_MM * (tier.columns - 1)) / tier.columns
    per_line = max(1, int(column_mm / (tier.font_pt * _MM_PER_PT * 0.46)))
    lines = 0
    for section in plan.sections:
        lines += 3
        if tier.inline:
            lines += math.ceil(sum(len(step) + 5 for step in section.steps) / per_line)
        else:
            lines += sum(math.ceil((len(step) + 4) / per_line) for step in section.steps)
    lines += math.ceil(len(plan.review_comment) / (per_line * tier.columns)) * tier.columns
    available = tier.columns * _BODY_MM / (tier.font_pt * 1.35 * _MM_PER_PT)
    return lines <= available


def _first_tier(plan: PlanPrint) -> int:
    return next((i for i, tier in enumerate(TIERS) if _fits(plan, tier)), len(TIERS) - 1)


def render_plan_html(*, plan: PlanPrint, tier: int = 0) -> str:
    with translation.override(plan.language):
        return render_to_string(
            "police/plans/print.html",
            {
                "plan": plan,
                "tier": TIERS[tier],
                "lang": plan.language,
                "page_size": PAGE_SIZES[plan.paper],
                "font_families": mark_safe(CSS_FAMILIES),  # noqa: S308 - our constant
            },
        )


def _pages(pdf: bytes) -> int:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


def render_plan_pdf(*, plan: PlanPrint) -> bytes:
    from toolkit.render.signs import html_to_pdf  # WeasyPrint is slow to import

    plan = _bounded(plan)
    pdf = b""
    for tier in range(_first_tier(plan), len(TIERS)):
        # The template's <style> depends on the tier and paper only, never on anyone's words.
        pdf = html_to_pdf(render_plan_html(plan=plan, tier=tier), constant_style=True)
        logger.debug("Response plan rendered at tier %d", tier)
        if _pages(pdf) == 1:
            break
    else:
        # Only text no one would write (hundreds of one-letter steps) gets here.
        logger.warning("A response plan does not fit one page even at the smallest size")
    return pdf
