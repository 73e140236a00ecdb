"""LibreOffice is found where Windows, macOS and Linux installations put it,
not only on PATH; the order is tested with a fake file system and registry."""

from __future__ import annotations

from exporters.soffice import APP_PATHS, UNO_INSTALL, find_soffice

WIN_DEFAULT = r"C:\Program Files\LibreOffice\program\soffice.exe"


def _files(*paths):
    present = set(paths)
    return lambda path: path in present


def _no_registry(root, key, name):
    return None


def _find(platform="win32", env=None, which=None, files=(), registry=_no_registry):
    return find_soffice(
        env=env if env is not None else {"ProgramFiles": r"C:\Program Files"},
        platform=platform,
        which=which or (lambda name: None),
        is_file=_files(*files),
        registry=registry,
    )


def test_on_path_first():
    found = _find(which=lambda name: "/usr/bin/soffice" if name == "soffice" else None)
    assert found == "/usr/bin/soffice"


def test_libreoffice_name_on_path():
    found = _find(which=lambda name: "/usr/bin/libreoffice" if name == "libreoffice" else None)
    assert found == "/usr/bin/libreoffice"


def test_configured_program_wins_over_path():
    env = {"AKTSTYKKE_SOFFICE": r'"D:\Apps\LO\program\soffice.exe"'}
    found = _find(
        env=env, which=lambda name: "/usr/bin/soffice", files=[r"D:\Apps\LO\program\soffice.exe"]
    )
    assert found == r"D:\Apps\LO\program\soffice.exe"


def test_configured_program_that_does_not_exist_is_passed_over():
    env = {"AKTSTYKKE_SOFFICE": r"D:\mangler\soffice.exe", "ProgramFiles": r"C:\Program Files"}
    assert _find(env=env, files=[WIN_DEFAULT]) == WIN_DEFAULT


def test_windows_default_install_folder_without_path():
    assert _find(files=[WIN_DEFAULT]) == WIN_DEFAULT


def test_windows_32_bit_and_per_user_installs():
    env = {
        "ProgramFiles(x86)": r"C:\Program Files (x86)",
        "LOCALAPPDATA": r"C:\Users\Søren Ærø\AppData\Local",
    }
    x86 = r"C:\Program Files (x86)\LibreOffice\program\soffice.exe"
    user = r"C:\Users\Søren Ærø\AppData\Local\Programs\LibreOffice\program\soffice.exe"
    assert _find(env=env, files=[x86]) == x86
    assert _find(env=env, files=[user]) == user


def test_registry_app_paths_before_folders():
    registered = r"E:\Kontorpakke\LibreOffice\program\soffice.exe"

    def registry(root, key, name):
        return f'"{registered}"' if (root, key) == ("HKLM", APP_PATHS) else None

    assert _find(registry=registry, files=[registered, WIN_DEFAULT]) == registered


def test_registry_uno_install_path():
    def registry(root, key, name):
        return r"F:\LO\program" if (root, key) == ("HKCU", UNO_INSTALL) else None

    assert (
        _find(registry=registry, files=[r"F:\LO\program\soffice.exe"])
        == r"F:\LO\program\soffice.exe"
    )


def test_registry_entry_for_a_removed_install_is_passed_over():
    def registry(root, key, name):
        return r"E:\fjernet\soffice.exe" if key == APP_PATHS else None

    assert _find(registry=registry, files=[WIN_DEFAULT]) == WIN_DEFAULT


def test_registry_is_not_asked_off_windows():
    asked = []

    def registry(root, key, name):
        asked.append(key)
        return None

    _find(platform="linux", registry=registry)
    assert asked == []


def test_macos_application_bundle():
    app = "/Applications/LibreOffice.app/Contents/MacOS/soffice"
    assert _find(platform="darwin", files=[app]) == app


def test_linux_program_folder_without_path():
    folder = "/usr/lib/libreoffice/program/soffice"
    assert _find(platform="linux", files=[folder]) == folder


def test_nothing_found():
    assert _find(platform="win32") is None
    assert _find(platform="linux") is None
