"""The signed manifest of a final export, and each verdict of `aktstykke verify`."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from cli.main import main
from exporters.manifest import (
    KNOWN_VERSIONS,
    MANIFEST_VERSION,
    find_manifests,
    manifest_xml,
    payload_bytes,
    read_manifest,
)
from exporters.opc import Package
from exporters.verify import Outcome, verify_docx
from exporters.word import render_docx_bytes
from forms.draftfile import save_draft
from forms.finalgate import final_footer_note
from forms.model import Paragraph
from forms.pki import Identity, self_signed_certificate, sign_payload
from forms.signoff import fingerprint
from forms.templates import load_example
from tests.helpers import DATA, ROOT, TEST_USER
from tests.tamper.package import Docx
from tests.tamper.tricks import TRICKS

EXPORTER = "Eva Eksport"


def _final(draft=None, signer=None) -> bytes:
    draft = draft or load_example()
    return render_docx_bytes(draft, final=True, footer_note=final_footer_note(draft), signer=signer)


@pytest.fixture(scope="module")
def signed_final(pki) -> bytes:
    return _final(signer=pki.identity(EXPORTER))


def _verify(tmp_path, data: bytes, name: str = "til underskrift.docx"):
    path = tmp_path / name
    path.write_bytes(data)
    return verify_docx(path)


def _apply(data: bytes, name: str) -> Docx:
    doc = Docx(data)
    next(t for t in TRICKS if t.name == name).apply(doc)
    return doc


def _reseal(doc: Docx, signer: Identity | None) -> bytes:
    """What an attacker with the program's own code does: recompute every digest."""
    data = doc.bytes()
    package = Package.read(data, "x.docx")
    part = find_manifests(package)[0]
    old = read_manifest(package, part)
    payload = payload_bytes(package, part, old.fingerprint, "Mallory", dt.datetime.now(dt.UTC))
    doc.members[part] = manifest_xml(payload, sign_payload(signer, payload) if signer else None)
    return doc.bytes()


def _mallory() -> Identity:
    key = ec.generate_private_key(ec.SECP256R1())
    return Identity(self_signed_certificate("Mallory", key), key)


def _said(result) -> str:
    return "\n".join([result.message, *result.details, *result.diff])


# -- what the manifest holds ----------------------------------------------------------------


def test_the_manifest_lists_every_part_but_itself(signed_final):
    package = Package.read(signed_final, "endelig.docx")
    [part] = find_manifests(package)
    manifest = read_manifest(package, part)
    assert {p.name for p in manifest.parts} == set(package.parts) - {part}
    assert manifest.version == MANIFEST_VERSION in KNOWN_VERSIONS
    assert manifest.fingerprint == fingerprint(load_example())
    assert manifest.main_document == "word/document.xml"
    assert manifest.signature is not None and manifest.exported_by == EXPORTER
    content_types = {p.name: p.content_type for p in manifest.parts}
    assert content_types["word/document.xml"].endswith("document.main+xml")
    assert content_types["_rels/.rels"].endswith("relationships+xml")
    relationships = {
        (r.source, r.type.rsplit("/", 1)[-1]): r.target for r in manifest.relationships
    }
    assert relationships[("", "officeDocument")] == "word/document.xml"
    assert relationships[("word/document.xml", "footer")] == "word/footer1.xml"


def test_a_udkast_export_has_no_manifest():
    assert find_manifests(Package.read(render_docx_bytes(load_example()), "udkast.docx")) == []


def test_a_later_fingerprint_does_not_make_an_untouched_file_changed(
    signed_final, tmp_path, monkeypatch
):
    """A later program may compute the content fingerprint differently: a draft part byte
    for byte as signed is still the approved draft."""
    import exporters.verify

    monkeypatch.setattr(exporters.verify, "fingerprint", lambda draft: "0" * 64)
    assert _verify(tmp_path, signed_final).outcome is Outcome.MATCHES
    edited = _apply(signed_final, "draft_and_text_edited_together")
    assert _verify(tmp_path, edited.bytes()).outcome is Outcome.CHANGED


# -- the signature ----------------------------------------------------------------------------


def test_an_unsigned_final_export_is_not_the_approved_version(tmp_path):
    result = _verify(tmp_path, _final(signer=None))
    assert result.outcome is Outcome.NOT_APPROVED == 7
    assert "ikke underskrevet" in result.message


def test_a_final_export_signed_by_an_unknown_signer_is_not_approved(tmp_path):
    result = _verify(tmp_path, _final(signer=_mallory()))
    assert result.outcome is Outcome.NOT_APPROVED
    assert "ukendt underskriver" in result.message


def test_an_edited_manifest_breaks_its_signature(signed_final, tmp_path):
    doc = Docx(signed_final)
    part = find_manifests(Package.read(signed_final, "x"))[0]
    doc.members[part] = doc.members[part].replace(b'"exported_by":"Eva', b'"exported_by":"Ida', 1)
    result = _verify(tmp_path, doc.bytes())
    assert result.outcome is Outcome.CHANGED
    assert "ændret efter underskrift" in _said(result)


def test_a_manifest_recomputed_after_a_change_of_the_text_is_changed(signed_final, tmp_path):
    for signer in (None, _mallory()):
        doc = Docx(signed_final)
        doc.members["word/document.xml"] = doc.members["word/document.xml"].replace(
            b">50,0<", b">60,0<", 1
        )
        result = _verify(tmp_path, _reseal(doc, signer))
        assert result.outcome is Outcome.CHANGED, _said(result)
        assert any("[-50,0-] {+60,0+}" in line for line in result.diff)


def test_a_manifest_recomputed_after_a_hidden_change_is_never_approved(signed_final, tmp_path):
    """A header added and the digests recomputed: nothing left to compare the header with,
    but no trusted signature either."""
    for signer, state in ((None, "ikke underskrevet"), (_mallory(), "ukendt underskriver")):
        result = _verify(tmp_path, _reseal(_apply(signed_final, "header_with_other_text"), signer))
        assert result.outcome is Outcome.NOT_APPROVED, _said(result)
        assert state in result.message


def test_a_removed_manifest_is_a_change(signed_final, tmp_path):
    doc = Docx(signed_final)
    del doc.members[find_manifests(Package.read(signed_final, "x"))[0]]
    result = _verify(tmp_path, doc.bytes())
    assert result.outcome is Outcome.CHANGED
    assert "fortegnelsen over dens dele er fjernet" in _said(result)


def test_a_final_export_stripped_of_manifest_and_stamp_is_no_udkast(signed_final, tmp_path):
    """Without its manifest and its fingerprint property a final export must not pass for an
    UDKAST export: it shows no UDKAST marking."""
    doc = Docx(signed_final)
    del doc.members[find_manifests(Package.read(signed_final, "x"))[0]]
    doc.members["docProps/core.xml"] = re.sub(
        rb"<dc:identifier>[^<]*</dc:identifier>", b"", doc.members["docProps/core.xml"]
    )
    result = _verify(tmp_path, doc.bytes())
    assert result.outcome is Outcome.CHANGED
    assert "fortegnelsen over dens dele er fjernet" in _said(result)


def test_two_manifests_are_a_change(signed_final, tmp_path):
    doc = Docx(signed_final)
    part = find_manifests(Package.read(signed_final, "x"))[0]
    doc.members["customXml/item7.xml"] = doc.members[part]
    result = _verify(tmp_path, doc.bytes())
    assert result.outcome is Outcome.CHANGED
    assert "2 fortegnelser" in _said(result)


def test_a_damaged_manifest_is_a_change(signed_final, tmp_path):
    doc = Docx(signed_final)
    part = find_manifests(Package.read(signed_final, "x"))[0]
    doc.members[part] = doc.members[part].replace(b'"parts":[', b'"parts":{', 1)
    result = _verify(tmp_path, doc.bytes())
    assert result.outcome is Outcome.CHANGED
    assert "beskadiget" in _said(result)


def test_a_manifest_from_a_newer_version_is_refused_with_a_message(signed_final, tmp_path, capsys):
    doc = Docx(signed_final)
    part = find_manifests(Package.read(signed_final, "x"))[0]
    doc.members[part] = doc.members[part].replace(
        b'"manifest_version":1', f'"manifest_version":{max(KNOWN_VERSIONS) + 1}'.encode(), 1
    )
    path = tmp_path / "ny.docx"
    path.write_bytes(doc.bytes())
    assert main(["verify", str(path)]) == 2
    assert "nyere version af Aktstykke" in capsys.readouterr().err


# -- the sign-offs and the kind of export --------------------------------------------------------


def test_a_final_export_without_every_signoff_is_not_approved(pki, tmp_path):
    draft = load_example()
    draft.signoffs = draft.signoffs[:-1]
    result = _verify(tmp_path, _final(draft, pki.identity(EXPORTER)))
    assert result.outcome is Outcome.NOT_APPROVED
    assert "ikke alle påkrævede godkendelser" in result.message and result.details


def test_a_final_export_of_content_changed_after_signoff_is_not_approved(pki, tmp_path):
    draft = load_example()
    draft.section("b").blocks.append(Paragraph(text="En sætning, som ingen har godkendt."))
    result = _verify(tmp_path, _final(draft, pki.identity(EXPORTER)))
    assert result.outcome is Outcome.NOT_APPROVED, _said(result)
    assert any("forældet" in line for line in result.details)


def test_a_udkast_export_is_not_the_approved_version(tmp_path):
    signed = _verify(tmp_path, render_docx_bytes(load_example()), "udkast.docx")
    assert signed.outcome is Outcome.DRAFT_EXPORT == 6
    assert "udkast-eksport (UDKAST)" in signed.message
    letterhead = render_docx_bytes(load_example(), template=DATA / "templates" / "ministerium.dotx")
    assert _verify(tmp_path, letterhead).outcome is Outcome.DRAFT_EXPORT
    bare = load_example()
    bare.signoffs = []
    assert _verify(tmp_path, render_docx_bytes(bare)).outcome is Outcome.NO_SIGNOFF
    edited = Docx(render_docx_bytes(load_example()))
    edited.members["word/document.xml"] = edited.members["word/document.xml"].replace(
        b">50,0<", b">60,0<", 1
    )
    assert _verify(tmp_path, edited.bytes()).outcome is Outcome.CHANGED


def test_final_export_on_the_command_line_then_verify(tmp_path, capsys):
    """`export --final` signs the manifest with the user's certificate (AKTSTYKKE_CERT)."""
    draft_file = tmp_path / "kladde.aktstykke"
    save_draft(draft_file, load_example())
    out = tmp_path / "til underskrift.docx"
    assert main(["export", str(draft_file), "-o", str(out), "--final"]) == 0
    capsys.readouterr()
    assert main(["verify", str(out)]) == 0
    said = capsys.readouterr().out
    assert "er den godkendte version" in said and TEST_USER in said


# -- the documentation -------------------------------------------------------------------------


def test_readme_and_help_document_every_exit_code(capsys):
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme[readme.index("## Verify") :]
    section = section[: section.index("\n## ", 4)]
    codes = {int(m) for m in re.findall(r"^\| (\d) \|", section, re.MULTILINE)}
    assert codes == {int(o) for o in Outcome} | {2}
    with pytest.raises(SystemExit):
        main(["verify", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert all(re.search(rf"[:,] {code} \w", help_text) for code in codes), help_text
    assert "What `verify` promises" in section and "What it does not promise" in section


def test_payload_is_canonical_json(signed_final):
    package = Package.read(signed_final, "x")
    manifest = read_manifest(package, find_manifests(package)[0])
    data = json.loads(manifest.payload)
    canonical = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert manifest.payload == canonical.encode()


def test_an_udkast_export_with_review_comments_is_an_udkast(example, tmp_path):
    """The draft's comments go out as Word comments; they are what it should show."""
    import datetime as dt

    from exporters.verify import Outcome, verify_docx
    from exporters.word import export_docx
    from forms.model import ReviewComment

    example.comments = [
        ReviewComment(
            id="k1",
            author="Karin Kontorchef",
            date=dt.datetime(2024, 11, 5, 10, 0, tzinfo=dt.UTC),
            text="Skal beløbet stå i a?",
            letter="a",
            block=0,
            start=0,
            end=10,
            quote="Udenrigsmi",
        )
    ]
    path = tmp_path / "udkast.docx"
    export_docx(example, path)
    assert verify_docx(path).outcome is Outcome.DRAFT_EXPORT
    # A comment text changed in Word is a change, not an UDKAST as exported.
    import zipfile

    changed = tmp_path / "rettet.docx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(changed, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/comments.xml":
                data = data.replace("Skal beløbet".encode(), b"Skal teksten")
            target.writestr(info, data)
    assert verify_docx(changed).outcome is Outcome.CHANGED
