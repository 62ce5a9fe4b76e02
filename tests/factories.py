"""Factories for the people and places of the tests. Network-side objects are created in
whichever network schema is active: wrap calls in `schema_context(...)`."""

import factory
from allauth.account.models import EmailAddress

from accounts.models import User
from networks.models import Invitation, Membership, Store
from networks.services import invitation_create, invitation_link_issue, store_identity_key

PASSWORD = "correct-horse-battery-2026"


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified(obj: User, create: bool, extracted: bool | None, **kwargs: object) -> None:
        if create and extracted is not False:
            EmailAddress.objects.get_or_create(
                user=obj, email=obj.email, defaults={"primary": True, "verified": True}
            )


class StoreFactory(factory.django.DjangoModelFactory[Store]):
    class Meta:
        model = Store

    legal_name = factory.Sequence(lambda n: f"Test Jewelers {n} LLC")
    display_name = factory.Sequence(lambda n: f"Test Jewelers {n}")
    address_line1 = factory.Faker("street_address")
    city = "Springfield"
    region = "CA"
    postal_code = "90000"
    country = "US"
    identity_key = factory.LazyAttribute(
        lambda store: store_identity_key(
            name=store.display_name,
            address_line1=store.address_line1,
            city=store.city,
            postal_code=store.postal_code,
        )
    )


class MembershipFactory(factory.django.DjangoModelFactory[Membership]):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Membership.Role.STORE_STAFF
    store = factory.SubFactory(StoreFactory)


def invitation_sent(**kwargs: object) -> tuple[Invitation, str]:
    """An invitation and the token its email carries. `invitation_create` no longer hands
    out a token (the sending task makes it), so tests that follow the link issue it here,
    in the active schema, as the task does."""
    invitation = invitation_create(**kwargs)  # type: ignore[arg-type]
    issued = invitation_link_issue(invitation_id=invitation.pk)
    assert issued is not None
    return issued
