"""`manage.py network_create`: the same rules as the service behind it."""

import pytest
from django.core.management import CommandError, call_command

from networks.models import Network


@pytest.mark.parametrize("slug", ["support", "login", "xn--80ak6aa92e"])
def test_network_create_command_refuses_reserved_and_look_alike_addresses(
    db: None, slug: str
) -> None:
    with pytest.raises(CommandError, match="This address is reserved"):
        call_command("network_create", slug, "Look-alike Jewelers", "--country", "US")
    assert not Network.objects.filter(slug=slug).exists()
