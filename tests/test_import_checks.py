"""Imported drafts in the checker: no errors for the seed, R-01 and I-01 registered."""

from __future__ import annotations

from forms.checks import RULES, check_draft
from forms.findings import Severity
from forms.importing import confirm_review, import_file, import_text, new_from_previous
from tests.helpers import SEED


def test_imported_seed_checks_without_errors():
    findings = check_draft(import_file(SEED).draft)
    assert [f for f in findings if f.severity is Severity.ERROR] == []


def test_review_and_import_rules_are_registered():
    assert RULES["R-01"].severity is Severity.WARNING
    assert RULES["I-01"].severity is Severity.INFO


def test_new_from_previous_reports_r01_until_each_amount_is_confirmed():
    fresh = new_from_previous(import_file(SEED).draft)
    review = [f for f in check_draft(fresh) if f.rule == "R-01"]
    assert len(review) == 8
    assert {f.location.letter for f in review} == {"a", "b", "c", "e"}
    for mark in list(fresh.review):
        confirm_review(fresh, mark)
    assert [f for f in check_draft(fresh) if f.rule == "R-01"] == []


def test_unplaced_text_is_an_info_finding_in_the_checker():
    text = SEED.read_text("utf-8") + "\nBilag: Projektdokument.\n"
    findings = [f for f in check_draft(import_text(text).draft) if f.rule == "I-01"]
    assert len(findings) == 1
    assert findings[0].severity is Severity.INFO
    assert findings[0].location.letter == "f"
