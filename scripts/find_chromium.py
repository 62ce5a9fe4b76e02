"""Print the path of the Chromium the browser tests drive, or explain how to get one.

CHROMIUM_PATH wins; otherwise the system's Chromium or Chrome. Tests never download a browser.
"""

import os
import shutil
import sys

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
MACOS_APPS = (
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
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


if __name__ == "__main__":
    path = find()
    if path is None:
        sys.exit(
            "No Chromium found for the browser tests. Install it (Debian/Ubuntu: "
            "`sudo apt-get install chromium`; macOS: `brew install --cask chromium`) "
            "or set CHROMIUM_PATH to its executable."
        )
    print(path)
