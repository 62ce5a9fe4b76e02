"""Writes on response plans: the network's templates, a store's working copy, its published
versions, police reviews and the team's acknowledgements."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from networks.models import Store

from .models import PlanAcknowledgement, PlanTemplate, PlanVersion, ResponsePlan, Scenario
from .plan_defaults import SECTIONS, TEMPLATE_DEFAULTS
from .plan_selectors import agency_of, version_is_current
from .plan_tasks import plan_published_notify, plan_reviewed_notify

if TYPE_CHECKING:
    from accounts.models import User

SECTION_MAX = 2000


class PlanStateError(Exception):
    """The plan or version is no longer in the state the action needs; `message` says why,
    in words a person can read."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _clean_sections(fields: dict[str, Any]) -> dict[str, str]:
    unknown = set(fields) - set(SECTIONS)
    if unknown:
        raise ValueError(f"not plan sections: {sorted(unknown)}")
    cleaned = {}
    errors: dict[str, list[str]] = {}
    for name, value in fields.items():
        text = str(value).replace("\r\n", "\n").strip()
        if len(text) > SECTION_MAX:
            errors[name] = [
                _("Keep this under %(max)d characters (it has %(count)d).")
                % {"max": SECTION_MAX, "count": len(text)}
            ]
        cleaned[name] = text
    if errors:
        raise ValidationError(errors)
    return cleaned


def _sections_of(source: PlanTemplate | ResponsePlan | PlanVersion) -> dict[str, str]:
    return {name: getattr(source, name) for name in SECTIONS}


@transaction.atomic
def plan_templates_ensure() -> list[PlanTemplate]:
    """Every scenario's template, creating from the defaults any that is missing."""
    existing = {template.scenario: template for template in PlanTemplate.objects.all()}
    for scenario in Scenario.values:
        if scenario in existing:
            continue
        defaults = {name: str(text) for name, text in TEMPLATE_DEFAULTS[scenario].items()}
        existing[scenario], _created = PlanTemplate.objects.get_or_create(
            scenario=scenario, defaults=defaults
        )
    return [existing[scenario] for scenario in Scenario.values]


@transaction.atomic
def plan_template_update(
    *, template: PlanTemplate, by: User, fields: dict[str, Any]
) -> PlanTemplate:
    cleaned = _clean_sections(fields)
    for name, text in cleaned.items():
        setattr(template, name, text)
    template.updated_by_id = by.pk
    template.save(update_fields=[*cleaned, "updated_by_id", "updated_at"])
    return template


@transaction.atomic
def plan_start(*, store: Store, scenario: str, by: User) -> ResponsePlan:
    """The store's plan for `scenario`, started from the network's template; an existing plan
    is returned as it is (a second click changes nothing)."""
    if scenario not in Scenario.values:
        raise ValueError(f"unknown scenario {scenario!r}")
    plan = ResponsePlan.objects.filter(store=store, scenario=scenario).first()
    if plan is not None:
        return plan
    template = next(t for t in plan_templates_ensure() if t.scenario == scenario)
    try:
        with transaction.atomic():
            return ResponsePlan.objects.create(
                store=store, scenario=scenario, updated_by_id=by.pk, **_sections_of(template)
            )
    except IntegrityError:  # started at the same moment in another tab
        return ResponsePlan.objects.get(store=store, scenario=scenario)


@transaction.atomic
def plan_update(*, plan: ResponsePlan, by: User, fields: dict[str, Any]) -> ResponsePlan:
    cleaned = _clean_sections(fields)
    for name, text in cleaned.items():
        setattr(plan, name, text)
    plan.updated_by_id = by.pk
    plan.save(update_fields=[*cleaned, "updated_by_id", "updated_at"])
    return plan


@transaction.atomic
def plan_publish(*, plan: ResponsePlan, by: User) -> PlanVersion:
    """Freeze the working copy as the next version: police are asked to review it, the staff
    to read it."""
    plan = ResponsePlan.objects.select_for_update().get(pk=plan.pk)
    latest = plan.versions.order_by("-number").first()
    if latest is not None and _sections_of(latest) == _sections_of(plan):
        raise PlanStateError(_("Nothing has changed since version %(n)d.") % {"n": latest.number})
    number = (plan.versions.aggregate(top=Max("number"))["top"] or 0) + 1
    version = PlanVersion.objects.create(
        plan=plan, number=number, published_by_id=by.pk, **_sections_of(plan)
    )
    transaction.on_commit(lambda: plan_published_notify.delay(version_id=version.pk))
    return version


@transaction.atomic
def plan_review(
    *, version: PlanVersion, by: User, approve: bool, comment: str, agency: str = ""
) -> PlanVersion:
    """A police member signs the version off or asks for changes (with a comment). Only the
    latest version of a plan, and only once."""
    comment = comment.strip()
    if len(comment) > SECTION_MAX:
        raise ValidationError({"comment": [_("Keep the comment under 2000 characters.")]})
    if not approve and not comment:
        raise ValidationError({"comment": [_("Say what should change.")]})
    if not version_is_current(version=version):
        raise PlanStateError(_("A newer version of this plan has been published since."))
    if not agency:
        agency = agency_of(user_id=by.pk)
    claimed = PlanVersion.objects.filter(pk=version.pk, review=PlanVersion.Review.PENDING).update(
        review=PlanVersion.Review.APPROVED if approve else PlanVersion.Review.CHANGES,
        reviewed_by_id=by.pk,
        reviewer_name=(by.get_full_name() or by.email)[:150],
        reviewer_agency=agency.strip()[:150],
        reviewed_at=timezone.now(),
        review_comment=comment,
    )
    if claimed != 1:
        raise PlanStateError(_("This version has already been reviewed."))
    version.refresh_from_db()
    transaction.on_commit(lambda: plan_reviewed_notify.delay(version_id=version.pk))
    return version


@transaction.atomic
def plan_acknowledge(*, version: PlanVersion, user: User) -> PlanAcknowledgement:
    """`user` has read this version (the plan's current one); a second time changes nothing."""
    if not version_is_current(version=version):
        raise PlanStateError(_("A newer version of this plan has been published: read that one."))
    acknowledgement, _created = PlanAcknowledgement.objects.get_or_create(
        version=version, user_id=user.pk
    )
    return acknowledgement
