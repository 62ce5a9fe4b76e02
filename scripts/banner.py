"""What `make run` prints before the servers start: where to click and who to log in as."""

import os
from pathlib import Path

SERVICES_ENV = Path(__file__).resolve().parent.parent / ".data" / "services.env"


def _port() -> str:
    """The port `make run` serves on: as the settings read it, the environment first."""
    if os.environ.get("PORTAL_PORT"):
        return os.environ["PORTAL_PORT"]
    if SERVICES_ENV.exists():
        for line in SERVICES_ENV.read_text().splitlines():
            key, _, value = line.partition("=")
            if key.strip() == "PORTAL_PORT" and value.strip():
                return value.strip()
    return "8000"


PORT = _port()
DOMAIN = os.environ.get("PORTAL_DOMAIN", "localhost")
PASSWORD = "partner-demo-2026"  # noqa: S105 - the published demo password

LOGINS = [
    ("admin@partners.example", "platform admin", f"http://{DOMAIN}:{PORT}/platform/"),
    *[
        (f"{role}@{slug}.example", label, f"http://{slug}.{DOMAIN}:{PORT}/")
        for slug in ("socal", "gta")
        for role, label in (
            ("coordinator", "network coordinator"),
            ("owner", "store owner"),
            ("staff", "store staff"),
            ("police", "law enforcement"),
        )
    ],
]

if __name__ == "__main__":
    print()
    print("  Partner for Protection is starting (Ctrl-C stops everything; data stays in .data/)")
    print()
    print(f"  Public site         http://{DOMAIN}:{PORT}/")
    print(f"  SoCal network       http://socal.{DOMAIN}:{PORT}/")
    print(f"  Toronto network     http://gta.{DOMAIN}:{PORT}/")
    print(f"  Django admin        http://{DOMAIN}:{PORT}/admin/")
    print()
    print(f"  Demo logins (password: {PASSWORD})")
    for email, label, url in LOGINS:
        print(f"    {email:<28} {label:<20} {url}")
    print()
    print("  Emails (sign-up verification, password reset) are printed in this terminal.")
    print()
