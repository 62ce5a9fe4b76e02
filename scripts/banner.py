"""What `make run` prints before the servers start: where to click and who to log in as."""

import os

PORT = os.environ.get("PORTAL_PORT", "8000")
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
