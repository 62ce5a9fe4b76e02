"""From a published plan version (and its network) to the plain values the page prints."""

from __future__ import annotations

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from incidents.render.build import paper_for
from networks.models import Network

from ..models import PlanVersion
from ..plan_defaults import SECTIONS
from .plan import PlanPrint, Section, steps_of

DAY_FORMAT = "j M Y"


def plan_print_data(*, version: PlanVersion, network: Network) -> PlanPrint:
    plan = version.plan
    language = network.language
    zone = network.zone
    with translation.override(language):
        titles = {
            "before": _("Before"),
            "during": _("During"),
            "after": _("After"),
            "calls": _("Who calls whom"),
        }
        published = date_format(version.published_at.astimezone(zone), DAY_FORMAT)
        if version.review == PlanVersion.Review.APPROVED and version.reviewed_at is not None:
            words = {
                "name": version.reviewer_name,
                "agency": version.reviewer_agency or "—",
                "date": date_format(version.reviewed_at.astimezone(zone), DAY_FORMAT),
            }
            review = _("Signed off by %(name)s (%(agency)s) on %(date)s") % words
        elif version.review == PlanVersion.Review.CHANGES and version.reviewed_at is not None:
            review = _("Police asked for changes on %(date)s") % {
                "date": date_format(version.reviewed_at.astimezone(zone), DAY_FORMAT)
            }
        else:
            review = _("Not yet reviewed by police")
        return PlanPrint(
            store_name=plan.store.display_name,
            network_name=network.name,
            scenario_title=str(plan.get_scenario_display()),
            sections=tuple(
                Section(str(titles[name]), steps_of(getattr(version, name))) for name in SECTIONS
            ),
            review_line=review,
            review_comment=version.review_comment,
            version_line=_("Version %(number)d, published %(date)s")
            % {"number": version.number, "date": published},
            language=language,
            paper=paper_for(network),
        )
