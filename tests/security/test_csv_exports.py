"""Every CSV the portal serves is safe to open in a spreadsheet: a text that starts like a
formula (=, +, -, @, tab, carriage return) arrives as text, not as a formula to run."""

from __future__ import annotations

import csv
import io

from tests.conftest import host_of
from tests.security import crawler
from tests.security.conftest import World
from tests.security.test_escaping import _plant_payload

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def test_every_csv_export_neutralises_formulas(world: World) -> None:
    formula = '=HYPERLINK("http://attacker.example","open")'
    a = world.a
    _plant_payload(a.network.schema_name, payload=formula)
    _plant_payload("public", payload=formula)
    visitors = crawler.Visitors()
    table = crawler.probes()
    exports = 0
    for route in crawler.routes():
        url = route.url(table[route.key].kwargs(world.a_own))
        host = host_of(a.network) if route.urlconf == "tenant" else host_of(None)
        # The roles that may download a CSV at all (who may not is the crawler's question).
        for role in ("coordinator", "platform_admin"):
            response = visitors.ask(world.viewers[role], host, "GET", url)
            if "text/csv" not in response.get("Content-Type", ""):
                continue
            exports += 1
            text = crawler.body_text(response)
            cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
            risky = [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
            assert not risky, f"{url} as {role} has formula cells: {risky[:3]}"
            assert any(formula in cell for cell in cells), f"{url}: the planted text is missing"
    assert exports >= 2, "the crawl reached the CSV exports"
