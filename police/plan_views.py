"""Response plans' pages: the store's plans (owner edits, team reads and acknowledges), the
police's review queue and version pages, the printed plan, and the coordinator's templates
and coverage. Police read a store's plan only after stating why (incidents' purpose), and each
reading is logged for the store."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import User
from incidents.access import needs_purpose, police_purpose, purpose_redirect
from incidents.models import AccessLogEntry
from incidents.responses import private_file
from incidents.services import access_record
from networks.access import network_member_required
from networks.models import Membership
from networks.schemas import current_network

from . import plan_selectors, plan_services
from .access import (
    coordinator_required,
    is_owner,
    is_police,
    owner_store,
    plan_for_owner,
    police_required,
    team_store,
    template_for_coordinator,
    version_for_member,
    version_for_reviewer,
    version_for_team,
)
from .models import PlanVersion, Scenario
from .plan_defaults import SECTIONS
from .plan_forms import PlanReviewForm, PlanSectionsForm
from .render import plan_print_data, render_plan_pdf
from .render.plan import steps_of

Role = Membership.Role


def _membership(request: HttpRequest) -> Membership:
    membership: Membership = request.membership  # type: ignore[attr-defined]
    return membership


def _user(request: HttpRequest) -> User:
    user: User = request.user  # type: ignore[assignment]  # logged in: network_member_required
    return user


def _apply_errors(form: PlanSectionsForm, error: ValidationError) -> None:
    for field, problems in error.message_dict.items():
        form.add_error(field if field in form.fields else None, problems)


# --- The store's plans -------------------------------------------------------------------------


@require_GET
@network_member_required(Role.STORE_OWNER, Role.STORE_STAFF)
def plans(request: HttpRequest) -> HttpResponse:
    membership = _membership(request)
    store = team_store(membership=membership)
    rows = plan_selectors.plan_rows(store=store, user=_user(request))
    return render(
        request,
        "police/plans/list.html",
        {"store": store, "rows": rows, "is_owner": is_owner(membership=membership)},
    )


@require_POST
@network_member_required(Role.STORE_OWNER)
def plan_start_view(request: HttpRequest, scenario: str) -> HttpResponse:
    store = owner_store(membership=_membership(request))
    if scenario not in Scenario.values:
        raise Http404
    plan = plan_services.plan_start(store=store, scenario=scenario, by=_user(request))
    return redirect("police_plan_edit", plan_id=plan.pk)


@require_http_methods(["GET", "POST"])
@network_member_required(Role.STORE_OWNER)
def plan_edit(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_for_owner(membership=_membership(request), plan_id=plan_id)
    initial = {name: getattr(plan, name) for name in SECTIONS}
    form = PlanSectionsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            plan_services.plan_update(plan=plan, by=_user(request), fields=form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            if request.POST.get("action") == "publish":
                return _publish(request, plan_id=plan.pk)
            messages.success(request, _("Draft saved. Staff and police see it once you publish."))
            return redirect("police_plan_edit", plan_id=plan.pk)
    return render(
        request,
        "police/plans/edit.html",
        {
            "plan": plan,
            "form": form,
            "versions": list(plan_selectors.versions_of(plan=plan)),
        },
    )


def _publish(request: HttpRequest, *, plan_id: int) -> HttpResponse:
    plan = plan_for_owner(membership=_membership(request), plan_id=plan_id)
    try:
        version = plan_services.plan_publish(plan=plan, by=_user(request))
    except plan_services.PlanStateError as error:
        messages.info(request, error.message)
        return redirect("police_plan_edit", plan_id=plan.pk)
    messages.success(
        request,
        _("Version %(number)d published: police are asked to review it, staff to read it.")
        % {"number": version.number},
    )
    return redirect("police_plans")


@require_POST
@network_member_required(Role.STORE_OWNER)
def plan_publish_view(request: HttpRequest, plan_id: int) -> HttpResponse:
    return _publish(request, plan_id=plan_id)


# --- A published version: the team reads it, police review it -------------------------------


@require_GET
@network_member_required(Role.STORE_OWNER, Role.STORE_STAFF, Role.LAW_ENFORCEMENT)
def plan_version(request: HttpRequest, version_id: int) -> HttpResponse:
    membership = _membership(request)
    version = version_for_member(membership=membership, version_id=version_id)
    if needs_purpose(membership=membership, request=request):
        return purpose_redirect(request)
    police = is_police(membership=membership)
    if police:
        access_record(
            membership=membership,
            user=_user(request),
            action=AccessLogEntry.Action.PLAN,
            store=version.plan.store,
            purpose=police_purpose(request),
            detail=f"{version.plan.scenario} v{version.number}",
        )
    return _version_page(request, version=version, review_form=None)


def _version_page(
    request: HttpRequest, *, version: PlanVersion, review_form: PlanReviewForm | None
) -> HttpResponse:
    membership = _membership(request)
    police = is_police(membership=membership)
    current = plan_selectors.version_is_current(version=version)
    can_review = police and current and version.review == PlanVersion.Review.PENDING
    if can_review and review_form is None:
        agency = plan_selectors.agency_of(user_id=membership.user_id)
        review_form = PlanReviewForm(initial={"agency": agency})
    acknowledged = (
        not police and version.acknowledgements.filter(user_id=membership.user_id).exists()
    )
    return render(
        request,
        "police/plans/version.html",
        {
            "version": version,
            "plan": version.plan,
            "sections": [
                (PlanSectionsForm.base_fields[name].label, steps_of(getattr(version, name)))
                for name in SECTIONS
            ],
            "is_current": current,
            "is_police": police,
            "review_form": review_form if can_review else None,
            "acknowledged": acknowledged,
        },
        status=400 if review_form is not None and review_form.errors else 200,
    )


@require_POST
@network_member_required(Role.STORE_OWNER, Role.STORE_STAFF)
def plan_acknowledge_view(request: HttpRequest, version_id: int) -> HttpResponse:
    version = version_for_team(membership=_membership(request), version_id=version_id)
    try:
        plan_services.plan_acknowledge(version=version, user=_user(request))
    except plan_services.PlanStateError as error:
        messages.info(request, error.message)
        return redirect("police_plans")
    messages.success(request, _("Thank you: you have read this plan."))
    return redirect("police_plan_version", version_id=version.pk)


@require_POST
@network_member_required(Role.LAW_ENFORCEMENT)
def plan_review_view(request: HttpRequest, version_id: int) -> HttpResponse:
    membership = _membership(request)
    version = version_for_reviewer(membership=membership, version_id=version_id)
    if needs_purpose(membership=membership, request=request):
        return purpose_redirect(request)
    form = PlanReviewForm(request.POST)
    if form.is_valid():
        try:
            plan_services.plan_review(
                version=version,
                by=_user(request),
                approve=form.cleaned_data["decision"] == "approve",
                comment=form.cleaned_data["comment"],
                agency=form.cleaned_data["agency"],
            )
        except plan_services.PlanStateError as error:
            messages.info(request, error.message)
            return redirect("police_plan_version", version_id=version.pk)
        except ValidationError as error:
            _apply_errors(form, error)  # type: ignore[arg-type]
        else:
            messages.success(request, _("Thank you: the store is told of your review."))
            return redirect("police_plan_queue")
    return _version_page(request, version=version, review_form=form)


@require_GET
@network_member_required(Role.STORE_OWNER, Role.STORE_STAFF, Role.LAW_ENFORCEMENT)
def plan_pdf(request: HttpRequest, version_id: int) -> HttpResponse:
    membership = _membership(request)
    version = version_for_member(membership=membership, version_id=version_id)
    if needs_purpose(membership=membership, request=request):
        return purpose_redirect(request)
    pdf = render_plan_pdf(plan=plan_print_data(version=version, network=current_network()))
    if is_police(membership=membership):
        access_record(
            membership=membership,
            user=_user(request),
            action=AccessLogEntry.Action.PLAN_PDF,
            store=version.plan.store,
            purpose=police_purpose(request),
            detail=f"{version.plan.scenario} v{version.number}",
        )
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"plan-{version.plan.scenario}-v{version.number}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    private_file(response)
    return response


@require_GET
@network_member_required(Role.LAW_ENFORCEMENT)
def plan_queue(request: HttpRequest) -> HttpResponse:
    police_required(membership=_membership(request))
    return render(
        request,
        "police/plans/queue.html",
        {"versions": list(plan_selectors.plans_waiting_review())},
    )


# --- The coordinator's templates and coverage --------------------------------------------------


@require_GET
@network_member_required(Role.COORDINATOR)
def plan_templates(request: HttpRequest) -> HttpResponse:
    coordinator_required(membership=_membership(request))
    return render(
        request,
        "police/plans/templates.html",
        {"templates": plan_services.plan_templates_ensure()},
    )


@require_http_methods(["GET", "POST"])
@network_member_required(Role.COORDINATOR)
def plan_template_edit(request: HttpRequest, template_id: int) -> HttpResponse:
    template = template_for_coordinator(membership=_membership(request), template_id=template_id)
    initial = {name: getattr(template, name) for name in SECTIONS}
    form = PlanSectionsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            plan_services.plan_template_update(
                template=template, by=_user(request), fields=form.cleaned_data
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Saved. Stores starting this plan from now on get it."))
            return redirect("police_plan_templates")
    return render(request, "police/plans/template_edit.html", {"template": template, "form": form})


@require_GET
@network_member_required(Role.COORDINATOR)
def plan_coverage(request: HttpRequest) -> HttpResponse:
    coordinator_required(membership=_membership(request))
    rows = plan_selectors.coverage_rows()
    return render(
        request,
        "police/plans/coverage.html",
        {
            "rows": rows,
            "scenarios": [str(label) for label in Scenario.labels],
            "signed_off_count": sum(1 for row in rows if any(row.signed_off)),
        },
    )
