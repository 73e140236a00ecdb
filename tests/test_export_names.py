"""An output name the file system cannot take (ENAMETOOLONG) is refused before any
work, in Danish, naming the file; nothing is written and no temporary file is left."""

from __future__ import annotations

import pytest

from cli.main import main
from exporters.errors import ExportError
from exporters.output import check_target, name_limit, short_name, write_atomically
from tests.helpers import ROOT

pytestmark = pytest.mark.usefixtures("app_names")

EXAMPLE = ROOT / "resources" / "examples" / "capacity-2024.aktstykke"


@pytest.mark.parametrize("suffix", [".docx", ".txt", ".html", ".pdf"])
@pytest.mark.parametrize("length", [300, 250])
def test_export_to_a_name_too_long_is_refused(tmp_path, capsys, suffix, length):
    target = tmp_path / ("a" * length + suffix)
    code = main(["export", str(EXAMPLE), "-o", str(target)])
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.startswith(f"aktstykke export: fejl: »{'a' * 40}…{suffix}« kan ikke skrives: ")
    assert f"filnavnet er for langt ({length + len(suffix)} tegn; højst" in err
    assert "Traceback" not in err and len(err) < 300
    assert list(tmp_path.iterdir()) == []


def test_the_longest_name_allowed_is_written(tmp_path, capsys):
    limit = name_limit(tmp_path)
    target = tmp_path / ("a" * (limit - len(".txt")) + ".txt")
    assert main(["export", str(EXAMPLE), "-o", str(target)]) == 0, capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_a_folder_name_too_long_is_refused(tmp_path, capsys):
    target = tmp_path / ("b" * 300) / "ud.txt"
    assert main(["export", str(EXAMPLE), "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert "findes ikke" in err and "Traceback" not in err


def test_write_atomically_refuses_before_writing(tmp_path):
    with pytest.raises(ExportError) as info:
        write_atomically(tmp_path / ("c" * 300 + ".txt"), b"x")
    assert "filnavnet er for langt" in info.value.message
    with pytest.raises(ExportError) as info:
        check_target(tmp_path / ("d" * 300) / "ud.txt")
    assert "navnet eller stien er for lang" in info.value.message
    assert list(tmp_path.iterdir()) == []


def test_short_name_keeps_the_suffix():
    assert short_name("kort.docx") == "kort.docx"
    assert short_name("x" * 100 + ".docx") == "x" * 40 + "….docx"


def test_the_editor_says_so_too(window, tmp_path, script):
    target = tmp_path / ("e" * 300 + ".docx")
    script.answer("choose_export_path", target)
    window.act_export_word.trigger()
    title, message = script.told("show_error")[0]
    assert title == "Eksport mislykkedes" and "filnavnet er for langt" in message
    assert not script.told("error_dialog")
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".docx"] == []
