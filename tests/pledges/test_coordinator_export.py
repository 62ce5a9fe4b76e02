"""The coordinators' CSV export: the network's pledges, filtered like the list, with every cell a
spreadsheet could run as a formula neutralised."""

from __future__ import annotations

import csv
import io

import pytest
from django_tenants.utils import schema_context

from networks.csv import csv_cell
from networks.models import Store
from tests.conftest import People, client_for
from tests.factories import UserFactory
from tests.pledges.conftest import new_store_details, pledge_for, sign

pytestmark = pytest.mark.usefixtures("mfa_exempt")


def rows_of(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://evil.example","x")', '\'=HYPERLINK("http://evil.example","x")'),
        ("+1 562-555-0142", "'+1 562-555-0142"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("  =1+1", "'  =1+1"),
        ("Harbor Gems", "Harbor Gems"),
        ("مجوهرات", "مجوهرات"),
        ("a=b", "a=b"),
        ("", ""),
        (None, ""),
        (3, "3"),
    ],
)
def test_cells_that_start_like_a_formula_are_neutralised(value: object, written: str) -> None:
    assert csv_cell(value) == written


def test_the_export_lists_the_pledges_with_their_details(north_people: People):
    pledge = pledge_for(north_people)
    response = client_for(north_people.network, north_people.coordinator).get("/pledges/export.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="pledges-north-')
    header, *rows = rows_of(response)
    assert header[:3] == ["Verification code", "Status", "Store"]
    assert len(rows) == 1
    row = dict(zip(header, rows[0], strict=True))
    assert row["Verification code"] == pledge.verification_code
    assert row["Status"] == "Active"
    assert row["Store"] == "North Gems"
    assert row["Phone"] == "'+1 562-555-0142"
    assert row["Signer's email"] == "owner@north.test"
    assert row["Pledge version"] == "1"


def test_hostile_store_details_are_neutralised_in_the_export(north_people: People):
    with schema_context("north"):
        sign(
            UserFactory.create(email="hostile@example.test", full_name="=cmd|' /C calc'!A0"),
            new_store_details(
                legal_name='=HYPERLINK("http://evil.example")',
                display_name="@Harbor Gems",
                address_line1="-1 Main Street",
                city="+Long Beach",
            ),
            signature_name="=cmd|' /C calc'!A0",
        )
        store = Store.objects.get(legal_name__startswith="=")
        Store.objects.filter(pk=store.pk).update(website="=1+1")
    response = client_for(north_people.network, north_people.coordinator).get("/pledges/export.csv")
    _header, row = rows_of(response)
    for cell in row:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert '\'=HYPERLINK("http://evil.example")' in row
    assert "'@Harbor Gems" in row
    assert "'=cmd|' /C calc'!A0" in row


def test_the_export_follows_the_lists_filters(north_people: People):
    pledge_for(north_people)
    with schema_context("north"):
        sign(UserFactory.create(email="harbor@example.test"), new_store_details())
    client = client_for(north_people.network, north_people.coordinator)
    _header, *pending = rows_of(client.get("/pledges/export.csv?status=pending"))
    assert [row[2] for row in pending] == ["Harbor Gems"]
    _header, *in_springfield = rows_of(client.get("/pledges/export.csv?city=springfield"))
    assert [row[2] for row in in_springfield] == ["North Gems"]


def test_the_export_holds_only_this_networks_pledges(north_people: People, lakeshore_people):
    pledge_for(north_people)
    pledge_for(lakeshore_people)
    response = client_for(north_people.network, north_people.coordinator).get("/pledges/export.csv")
    names = [row[2] for row in rows_of(response)[1:]]
    assert names == ["North Gems"]


def test_the_list_links_to_the_export_with_its_filters(north_people: People):
    pledge_for(north_people)
    body = (
        client_for(north_people.network, north_people.coordinator)
        .get("/pledges/?status=active&city=Springfield")
        .content.decode()
    )
    assert 'href="/pledges/export.csv?status=active&amp;city=Springfield"' in body
