"""How the isolation crawler attacks the police app's plans pages, and what it plants for them
in each store (see tests/police/probes.py): a plan whose owner's working copy, two published
versions and a police comment all carry private text."""

from __future__ import annotations

from collections.abc import Callable

from django.utils import timezone

from police.models import PlanAcknowledgement, PlanVersion, ResponsePlan, Scenario
from police.plan_services import plan_templates_ensure
from tests.security.crawler import MEMBER, OBJECT, Probe, Side

SECTIONS = ("before", "during", "after", "calls")


def _plant_plan(side: Side) -> None:
    tag = side.tag
    templates = plan_templates_ensure()
    plan = ResponsePlan.objects.create(
        store=side.store,
        scenario=Scenario.ROBBERY,
        updated_by_id=side.owner.pk,
        **{name: side.mark(f"Plan draft {name} {tag}") for name in SECTIONS},
    )
    reviewed = PlanVersion.objects.create(
        plan=plan,
        number=1,
        published_by_id=side.owner.pk,
        review=PlanVersion.Review.CHANGES,
        reviewer_name="Officer Review",
        reviewer_agency="Metro",
        reviewed_at=timezone.now(),
        review_comment=side.mark(f"Plan police comment {tag}"),
        **{name: side.mark(f"Plan v1 {name} {tag}") for name in SECTIONS},
    )
    current = PlanVersion.objects.create(
        plan=plan,
        number=2,
        published_by_id=side.owner.pk,
        **{name: side.mark(f"Plan v2 {name} {tag}") for name in SECTIONS},
    )
    PlanAcknowledgement.objects.create(version=current, user_id=side.owner.pk)
    side.objects["plan"] = plan
    side.objects["plan_version"] = current
    side.objects["plan_old_version"] = reviewed
    side.objects["plan_template"] = templates[0]


PLANTERS: list[Callable[[Side], None]] = [_plant_plan]


def _plan(side: Side) -> dict[str, int]:
    return {"plan_id": side.plan.pk}


def _version(side: Side) -> dict[str, int]:
    return {"version_id": side.plan_version.pk}


PROBES: dict[str, Probe] = {
    "tenant:police_plans": Probe(MEMBER),
    "tenant:police_plan_start": Probe(MEMBER, lambda side: {"scenario": Scenario.CASING}),
    "tenant:police_plan_edit": Probe(OBJECT, _plan),
    "tenant:police_plan_publish": Probe(OBJECT, _plan),
    "tenant:police_plan_version": Probe(OBJECT, _version),
    "tenant:police_plan_acknowledge": Probe(OBJECT, _version),
    "tenant:police_plan_review": Probe(OBJECT, _version),
    "tenant:police_plan_pdf": Probe(OBJECT, _version),
    "tenant:police_plan_queue": Probe(MEMBER),
    "tenant:police_plan_templates": Probe(MEMBER),
    "tenant:police_plan_template_edit": Probe(
        OBJECT, lambda side: {"template_id": side.plan_template.pk}
    ),
    "tenant:police_plan_coverage": Probe(MEMBER),
}
