"""Reads about accounts that several apps share."""

from allauth.account.models import EmailAddress


def email_verified(*, user_id: int | None, email: str) -> bool:
    """Has this person confirmed `email` (compared without case)?"""
    if user_id is None:
        return False
    return EmailAddress.objects.filter(user_id=user_id, email__iexact=email, verified=True).exists()
