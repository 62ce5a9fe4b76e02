"""Who reads a network's crime statistics: its coordinator (everything) and its
law-enforcement members (read-only, without the stores most affected). Everyone else: 404."""

from __future__ import annotations

from django.http import Http404

from networks.models import Membership

Role = Membership.Role


def stats_reader(*, membership: Membership) -> bool:
    """Whether the member reads the dashboard with the stores named (coordinators do, police
    do not); 404 for every other role."""
    if membership.role == Role.COORDINATOR:
        return True
    if membership.role == Role.LAW_ENFORCEMENT:
        return False
    raise Http404
