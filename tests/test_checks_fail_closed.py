"""A check that could not run is an error, never a pass: a crashing rule, scanner or
checker blocks `aktstykke check` (exit 1) and the final export, with the traceback
in the log."""

from __future__ import annotations

import dataclasses
import logging

import pytest

import forms.checks.engine as engine
from cli.main import main
from forms.checks import INTERNAL, RULES, Checker, check_draft
from forms.draftfile import save_draft
from forms.finalgate import final_export_blockers
from forms.findings import Finding, Severity
from forms.model import Paragraph
from forms.signoff import required_roles
from tests.helpers import sign


def _signed(example):
    """The example with every required sign-off current: only the checks can block it."""
    for role in required_roles(example):
        sign(example, role)
    assert final_export_blockers(example) == []
    return example


def _break(monkeypatch, rule_id: str, error: Exception) -> None:
    def crash(*_args):
        raise error

    monkeypatch.setitem(RULES, rule_id, dataclasses.replace(RULES[rule_id], func=crash))


@pytest.mark.parametrize("rule_id", ["TAB-04", "N-01", "S-01"])  # document and section rules
def test_a_crashing_rule_is_an_error_that_blocks_the_final_export(
    example, monkeypatch, caplog, rule_id
):
    draft = _signed(example)
    _break(monkeypatch, rule_id, ZeroDivisionError("division by zero"))
    with caplog.at_level(logging.ERROR, logger="forms.checks.engine"):
        findings = check_draft(draft)
    internal = [f for f in findings if f.rule == INTERNAL]
    assert internal and all(f.severity is Severity.ERROR for f in internal)
    assert rule_id in internal[0].message and "ZeroDivisionError" in internal[0].message
    assert "logfil" in internal[0].message
    blockers = final_export_blockers(draft)
    assert any(b.startswith(INTERNAL) and rule_id in b for b in blockers)
    assert "Traceback" in caplog.text and "division by zero" in caplog.text


def test_check_exits_1_and_final_export_is_refused(example, monkeypatch, tmp_path, capsys):
    path = tmp_path / "kladde.aktstykke"
    save_draft(path, _signed(example))
    assert main(["check", str(path)]) == 0
    capsys.readouterr()
    _break(monkeypatch, "TAB-04", KeyError("total"))
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "Fejl INTERN" in out and "TAB-04" in out
    assert "1 fejl" in out
    before = path.read_bytes()
    target = tmp_path / "endelig.docx"
    assert main(["export", str(path), "-o", str(target), "--final"]) == 1
    err = capsys.readouterr().err
    assert "den endelige udgave kan ikke laves endnu" in err and "INTERN" in err
    assert "Traceback" not in err
    assert not target.exists() and path.read_bytes() == before


def test_a_rule_returning_something_else_than_findings_is_an_error(example, monkeypatch):
    monkeypatch.setitem(
        RULES, "TAB-04", dataclasses.replace(RULES["TAB-04"], func=lambda doc: [None])
    )
    internal = [f for f in check_draft(example) if f.rule == INTERNAL]
    assert len(internal) == 1 and "TypeError" in internal[0].message


def test_a_crashing_scanner_is_an_error_naming_the_block(example, monkeypatch, caplog):
    def scan(text):
        if "Capacity" in text:
            raise RecursionError("maximum recursion depth exceeded")
        return original(text)

    original = engine.scan
    monkeypatch.setattr(engine, "scan", scan)
    example.section("e").blocks.append(Paragraph(text="Udgiften er 1,250.5 mio. kr."))
    findings = check_draft(example)
    internal = [f for f in findings if f.rule == INTERNAL]
    assert internal and all(f.severity is Severity.ERROR for f in internal)
    assert internal[0].location.block is not None
    assert "kunne ikke læses af kontrollen" in internal[0].message
    assert any(f.rule == "N-01" for f in findings)  # the other blocks were still checked
    assert "RecursionError" in caplog.text


def test_a_crashing_checker_is_one_error_not_an_exception(example, monkeypatch, caplog):
    def broken(_draft):
        raise MemoryError("out of memory")

    monkeypatch.setattr(engine.Context, "from_draft", staticmethod(broken))
    checker = Checker()
    findings = checker.check(example)
    assert [(f.rule, f.severity) for f in findings] == [(INTERNAL, Severity.ERROR)]
    assert "MemoryError" in findings[0].message
    assert "the checker failed" in caplog.text
    assert all(isinstance(f, Finding) for f in findings)


def test_the_clean_example_has_no_internal_finding(example):
    assert not [f for f in check_draft(example) if f.rule == INTERNAL]
