"""The printed response plan: one page per scenario for the back office.

    data = plan_print_data(version=version, network=network)   # police/render/build.py
    render_plan_pdf(plan=data)                                  # bytes, pure

`plan.py` reads nothing but the `PlanPrint` values. WeasyPrint runs with the toolkit's
restricted fetcher and fonts (toolkit/render/signs.py): nothing is fetched but data: URLs and
files under static/.
"""

from .build import plan_print_data
from .plan import PlanPrint, render_plan_html, render_plan_pdf

__all__ = ["PlanPrint", "plan_print_data", "render_plan_html", "render_plan_pdf"]
