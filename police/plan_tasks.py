"""Mail about response plans (police/tasks.py imports this module so that Celery's
autodiscovery finds it): a new version to police and staff, a review to the owner."""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse

from accounts.selectors import users_by_id
from config.celery import network_task
from networks.mail import mail_send
from networks.models import Membership
from networks.schemas import current_network
from networks.templatetags.portal import network_origin

from .models import PlanVersion


def _emails(memberships: QuerySet[Membership]) -> list[str]:
    ids = list(memberships.values_list("user_id", flat=True))
    return sorted(user.email for user in users_by_id(ids).values() if user.is_active)


@network_task(name="police.plan_published_notify")
def plan_published_notify(*, version_id: int) -> None:
    """Police: a plan waits for review. Staff: a new version to read and acknowledge."""
    version = (
        PlanVersion.objects.select_related("plan", "plan__store").filter(pk=version_id).first()
    )
    if version is None:
        return
    network = current_network()
    url = network_origin(network) + reverse(
        "police_plan_version", kwargs={"version_id": version.pk}
    )
    context = {"network": network, "version": version, "plan": version.plan, "url": url}
    active = Membership.objects.filter(is_active=True)
    police = _emails(active.filter(role=Membership.Role.LAW_ENFORCEMENT))
    if police:
        mail_send(
            template="police_plan_review_waiting",
            context=context,
            to=police,
            language=network.language,
        )
    staff = _emails(active.filter(role=Membership.Role.STORE_STAFF, store_id=version.plan.store_id))
    for email in staff:  # one each: staff do not see each other's addresses
        mail_send(
            template="police_plan_to_read", context=context, to=[email], language=network.language
        )


@network_task(name="police.plan_reviewed_notify")
def plan_reviewed_notify(*, version_id: int) -> None:
    """The owner: police signed the version off, or asked for changes (with their comment)."""
    version = (
        PlanVersion.objects.select_related("plan", "plan__store").filter(pk=version_id).first()
    )
    if version is None or version.review == PlanVersion.Review.PENDING:
        return
    network = current_network()
    owners = _emails(
        Membership.objects.filter(
            is_active=True, role=Membership.Role.STORE_OWNER, store_id=version.plan.store_id
        )
    )
    if not owners:
        return
    url = network_origin(network) + reverse(
        "police_plan_version", kwargs={"version_id": version.pk}
    )
    mail_send(
        template="police_plan_reviewed",
        context={"network": network, "version": version, "plan": version.plan, "url": url},
        to=owners,
        language=network.language,
    )
