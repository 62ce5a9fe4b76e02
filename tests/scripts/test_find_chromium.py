"""`make test` finds Chromium, installs Debian's where it may, and otherwise says what to do."""

import shutil
import stat
from pathlib import Path

import pytest

from tests.scripts import load_script

find_chromium = load_script("find_chromium")

DEBIAN = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\n'
MINT = 'NAME="Linux Mint"\nID=linuxmint\nID_LIKE="ubuntu debian"\n'
FEDORA = 'NAME="Fedora Linux"\nID=fedora\n'


def _executable(path: Path, text: str) -> None:
    path.write_text(text)
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)


@pytest.fixture
def bare_machine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A PATH with no browser; apt-get and sudo are fakes that log what they are asked."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "env").symlink_to(shutil.which("env") or "/usr/bin/env")
    # The fake apt-get "installs" chromium as a script beside itself.
    _executable(
        bin_dir / "apt-get",
        f'#!/bin/sh\necho "$*" >> {tmp_path}/apt.log\n'
        f'if [ "$1" = install ]; then printf "#!/bin/sh\\n" > {bin_dir}/chromium; '
        f"/bin/chmod +x {bin_dir}/chromium; fi\n",
    )
    _executable(bin_dir / "sudo", '#!/bin/sh\n[ "$1" = -n ] && shift\nexec "$@"\n')
    (tmp_path / "os-release").write_text(DEBIAN)
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.delenv("CHROMIUM_PATH", raising=False)
    monkeypatch.setattr(find_chromium, "OS_RELEASE", tmp_path / "os-release")
    monkeypatch.setattr(find_chromium, "MACOS_APPS", ())
    return tmp_path


def test_root_on_debian_installs_chromium_with_apt_get() -> None:
    commands = find_chromium.install_commands(
        os_release=DEBIAN, apt_get="/usr/bin/apt-get", is_root=True, passwordless_sudo=False
    )
    assert commands is not None
    assert [command[-3:] for command in commands] == [
        ["/usr/bin/apt-get", "update", "-qq"],
        ["-y", "-qq", "chromium"],
    ]
    assert all(command[0] != "sudo" for command in commands)


def test_a_user_with_passwordless_sudo_on_an_ubuntu_family_system_installs_through_sudo() -> None:
    commands = find_chromium.install_commands(
        os_release=MINT, apt_get="/usr/bin/apt-get", is_root=False, passwordless_sudo=True
    )
    assert commands is not None
    assert all(command[:2] == ["sudo", "-n"] for command in commands)


def test_a_user_without_passwordless_sudo_is_never_asked_for_a_password() -> None:
    commands = find_chromium.install_commands(
        os_release=DEBIAN, apt_get="/usr/bin/apt-get", is_root=False, passwordless_sudo=False
    )
    assert commands is None


def test_systems_outside_the_debian_family_are_left_alone() -> None:
    for os_release, apt_get in ((FEDORA, "/usr/bin/apt-get"), (DEBIAN, None)):
        commands = find_chromium.install_commands(
            os_release=os_release, apt_get=apt_get, is_root=True, passwordless_sudo=True
        )
        assert commands is None


def test_install_mode_installs_chromium_then_prints_its_path(
    bare_machine: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert find_chromium.main(["--install"]) == 0

    out = capsys.readouterr().out
    assert out == f"{bare_machine / 'bin' / 'chromium'}\n"
    assert (bare_machine / "apt.log").read_text().splitlines() == [
        "update -qq",
        "install -y -qq chromium poppler-utils",
    ]


def test_install_mode_adds_the_pdf_tools_when_only_they_are_missing(
    bare_machine: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _executable(bare_machine / "bin" / "chromium", "#!/bin/sh\n")

    assert find_chromium.main(["--install"]) == 0

    assert (bare_machine / "apt.log").read_text().splitlines() == [
        "update -qq",
        "install -y -qq poppler-utils",
    ]


def test_nothing_is_installed_when_everything_is_there(
    bare_machine: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for tool in ("chromium", "pdftoppm", "pdfinfo"):
        _executable(bare_machine / "bin" / tool, "#!/bin/sh\n")

    assert find_chromium.main(["--install"]) == 0

    assert not (bare_machine / "apt.log").exists()


def test_without_a_way_to_install_the_message_says_how_to_get_a_browser(
    bare_machine: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (bare_machine / "os-release").write_text(FEDORA)

    assert find_chromium.main(["--install"]) == 1

    captured = capsys.readouterr()
    assert captured.out == ""
    assert "sudo apt-get install chromium" in captured.err
    assert "CHROMIUM_PATH" in captured.err
    assert not (bare_machine / "apt.log").exists()


def test_a_wrong_chromium_path_is_reported_rather_than_replaced_by_an_install(
    bare_machine: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CHROMIUM_PATH", str(bare_machine / "no-such-browser"))

    assert find_chromium.main(["--install"]) == 1

    assert "CHROMIUM_PATH" in capsys.readouterr().err
    assert not (bare_machine / "apt.log").exists()


def test_without_install_mode_nothing_is_installed(
    bare_machine: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert find_chromium.main([]) == 1

    assert "No Chromium found" in capsys.readouterr().err
    assert not (bare_machine / "apt.log").exists()
