"""Print the path of the Chromium the browser tests drive, or explain how to get one.

    python scripts/find_chromium.py             the path, or the way to get a browser
    python scripts/find_chromium.py --install   the same, installing first what the tests need
                                                from the system and is missing (Debian's
                                                `chromium`, and `poppler-utils` whose pdfinfo
                                                and pdftoppm check the PDFs) where it can: on
                                                Debian or Ubuntu, as root or passwordless sudo

CHROMIUM_PATH wins; otherwise the system's Chromium or Chrome. Tests never download a browser.
Only the path goes to stdout; apt-get's output goes to stderr.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
MACOS_APPS = (
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
)
OS_RELEASE = Path("/etc/os-release")
DEBIAN_FAMILY = {"debian", "ubuntu"}
HOW_TO_GET_ONE = (
    "No Chromium found for the browser tests. Install it (Debian/Ubuntu: "
    "`sudo apt-get install chromium`; macOS: `brew install --cask chromium`) "
    "or set CHROMIUM_PATH to its executable."
)


def find() -> str | None:
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return configured if os.access(configured, os.X_OK) else None
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return next((app for app in MACOS_APPS if os.access(app, os.X_OK)), None)


def is_debian_family(os_release: str) -> bool:
    fields = {}
    for line in os_release.splitlines():
        key, sep, value = line.partition("=")
        if sep:
            fields[key.strip()] = value.strip().strip("\"'").lower()
    names = {fields.get("ID", ""), *fields.get("ID_LIKE", "").split()}
    return bool(names & DEBIAN_FAMILY)


def install_commands(
    *,
    os_release: str,
    apt_get: str | None,
    is_root: bool,
    passwordless_sudo: bool,
    packages: tuple[str, ...] = ("chromium",),
) -> list[list[str]] | None:
    """The commands that install Debian's `packages` here, or None where we may not."""
    if apt_get is None or not is_debian_family(os_release):
        return None
    if is_root:
        prefix = []
    elif passwordless_sudo:
        prefix = ["sudo", "-n"]
    else:
        return None
    quiet = ["env", "DEBIAN_FRONTEND=noninteractive"]
    return [
        [*prefix, *quiet, apt_get, "update", "-qq"],
        [*prefix, *quiet, apt_get, "install", "-y", "-qq", *packages],
    ]


def _passwordless_sudo() -> bool:
    sudo = shutil.which("sudo")
    if sudo is None:
        return False
    try:
        return subprocess.run([sudo, "-n", "true"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def missing_packages(*, chromium_found: bool) -> tuple[str, ...]:
    """The Debian packages the tests need that this machine lacks."""
    missing = [] if chromium_found else ["chromium"]
    if shutil.which("pdftoppm") is None or shutil.which("pdfinfo") is None:
        missing.append("poppler-utils")
    return tuple(missing)


def install(packages: tuple[str, ...] = ("chromium",)) -> bool:
    """Install `packages` where allowed; False where we may not or apt-get failed."""
    try:
        os_release = OS_RELEASE.read_text()
    except OSError:
        return False
    is_root = os.geteuid() == 0
    commands = install_commands(
        os_release=os_release,
        apt_get=shutil.which("apt-get"),
        is_root=is_root,
        passwordless_sudo=not is_root and _passwordless_sudo(),
        packages=packages,
    )
    if commands is None:
        return False
    names = " and ".join(packages)
    print(f"Installing Debian's {names} for the tests...", file=sys.stderr, flush=True)
    for command in commands:
        # Its output to file descriptor 2: our own stdout carries only the path.
        if subprocess.run(command, stdout=2, check=False).returncode != 0:
            print(f"`{' '.join(command)}` failed", file=sys.stderr)
            return False
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--install",
        action="store_true",
        help="install Debian's chromium if none is found (root or passwordless sudo)",
    )
    args = parser.parse_args(argv)
    path = find()
    if os.environ.get("CHROMIUM_PATH") and path is None:
        # Someone chose a browser: installing another would hide their mistake.
        print(f"CHROMIUM_PATH={os.environ['CHROMIUM_PATH']} is not executable", file=sys.stderr)
        return 1
    missing = missing_packages(chromium_found=path is not None)
    if missing and args.install and install(missing):
        path = find()
    if path is None:
        print(HOW_TO_GET_ONE, file=sys.stderr)
        return 1
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
