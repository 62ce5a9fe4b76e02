"""Sessions: a cookie is worth nothing on a network its owner is not a member of, and
logging out, a new password or deactivation end every session of the person at once."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from accounts.models import User
from accounts.services import user_deactivate
from tests.conftest import PASSWORD, People, client_for, host_of


def _logged_in(people: People, user: User) -> Client:
    """A real login through the form, as a browser does it."""
    client = client_for(people.network)
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.content[:500]
    return client


def _reaches_dashboard(client: Client) -> bool:
    return client.get("/dashboard/").status_code == 200


def test_a_cookie_replayed_on_another_networks_host_opens_nothing_there(
    north_people: People, lakeshore_people: People
) -> None:
    phone = _logged_in(north_people, north_people.owner)
    cookie = phone.cookies[settings.SESSION_COOKIE_NAME].value
    replay = Client(HTTP_HOST=host_of(lakeshore_people.network))
    replay.cookies[settings.SESSION_COOKIE_NAME] = cookie
    for path in ("/dashboard/", "/store/", "/stores/", f"/stores/{lakeshore_people.store.pk}/"):
        assert replay.get(path).status_code == 404, path
    assert lakeshore_people.store.display_name not in replay.get("/stores/").content.decode()


def test_logging_out_on_one_device_logs_out_every_device(north_people: People) -> None:
    phone = _logged_in(north_people, north_people.owner)
    office = _logged_in(north_people, north_people.owner)
    assert _reaches_dashboard(phone) and _reaches_dashboard(office)
    phone.post("/accounts/logout/")
    assert not _reaches_dashboard(office)
    assert not _reaches_dashboard(phone)


def test_logging_out_leaves_other_peoples_sessions_alone(north_people: People) -> None:
    owner = _logged_in(north_people, north_people.owner)
    staff = _logged_in(north_people, north_people.staff)
    owner.post("/accounts/logout/")
    assert _reaches_dashboard(staff)


def test_a_new_password_ends_the_other_sessions_and_keeps_this_one(north_people: People) -> None:
    phone = _logged_in(north_people, north_people.owner)
    office = _logged_in(north_people, north_people.owner)
    response = office.post(
        "/accounts/password/change/",
        {
            "oldpassword": PASSWORD,
            "password1": "a-new-long-pass-2026",
            "password2": "a-new-long-pass-2026",
        },
    )
    assert response.status_code == 302
    assert _reaches_dashboard(office)
    assert not _reaches_dashboard(phone)


def test_deactivating_an_account_ends_its_sessions(north_people: People) -> None:
    phone = _logged_in(north_people, north_people.owner)
    user_deactivate(user=north_people.owner)
    assert not _reaches_dashboard(phone)
    again = client_for(north_people.network)
    response = again.post(
        "/accounts/login/", {"login": north_people.owner.email, "password": PASSWORD}
    )
    assert not _reaches_dashboard(again), response.status_code


@pytest.mark.usefixtures("mfa_exempt")
def test_a_platform_admin_deactivating_someone_in_the_admin_logs_them_out(
    north_people: People, public_client: Client
) -> None:
    phone = _logged_in(north_people, north_people.staff)
    admin = User.objects.create_superuser("deactivator@example.test", PASSWORD)
    settings_emails = [admin.email]
    public_client.force_login(admin)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(settings, "PORTAL_MFA_EXEMPT_EMAILS", settings_emails)
        page = public_client.get(f"/admin/accounts/user/{north_people.staff.pk}/change/")
        assert page.status_code == 200
        form = page.context["adminform"].form
        data = {
            key: value
            for key, value in form.initial.items()
            if value is not None and not isinstance(value, list | tuple)
        }
        data.update(
            {
                "email": north_people.staff.email,
                "full_name": north_people.staff.full_name,
                "date_joined_0": "2026-01-01",
                "date_joined_1": "10:00:00",
                "is_active": "",
                "emailaddress_set-TOTAL_FORMS": "0",
                "emailaddress_set-INITIAL_FORMS": "0",
            }
        )
        data.pop("is_active")
        response = public_client.post(f"/admin/accounts/user/{north_people.staff.pk}/change/", data)
    assert response.status_code == 302, response.content[:2000]
    assert not _reaches_dashboard(phone)
