"""Is this Word file the approved version? (`aktstykke verify`)

A final export carries a manifest of every part of the package (name, content
type, SHA-256), the content fingerprint of its embedded draft and the digest
of what it displays, signed by the person who made the export
(exporters.manifest). Verification reads the package as Word does (the main
document through _rels/.rels), recomputes every digest and holds the file
against the manifest: any part added, removed or changed is a change, named,
with a word diff of what the document shows against the embedded draft
rendered again. A file whose parts all differ but whose display is the same is
a re-save by another program: not approved, with its own verdict. Only a final
export, unchanged, signed under a trusted certificate, whose draft has every
required sign-off valid and current, is the approved version.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from pathlib import Path

from exporters.display import DISPLAY_VERSION, DisplayModel, display_model
from exporters.displaytext import expected_lines, shown_lines, tokens, word_diff
from exporters.layout import DRAFT_MARKING, layout
from exporters.manifest import (
    Difference,
    Manifest,
    ManifestError,
    compare,
    describe,
    find_manifests,
    read_manifest,
)
from exporters.opc import Package
from forms.draftfile import DraftFileError, loads_draft
from forms.embedded import NAMESPACE as DRAFT_NS
from forms.embedded import DuplicatePartError, read_embedded_draft_bytes, read_word_file
from forms.model import Aktstykke
from forms.pki import SignatureState, check_signature, trust_store
from forms.signoff import (
    SignOffState,
    fingerprint,
    role_statuses,
    short_fingerprint,
    signoff_blockers,
)

MAIN_TYPE = "wordprocessingml.document.main+xml"
STYLES_TYPE = "wordprocessingml.styles+xml"
MAX_NOTES = 8
DRAFT_NAMESPACE = DRAFT_NS.encode()


class Outcome(IntEnum):
    """Each outcome is also the command's exit status (2: the file cannot be read)."""

    MATCHES = 0
    """The approved version."""
    CHANGED = 1
    NO_DRAFT = 3
    NO_SIGNOFF = 4
    RESAVED = 5
    """The text looks the same, but another program saved the file again."""
    DRAFT_EXPORT = 6
    """An UDKAST export, not the final one."""
    NOT_APPROVED = 7
    """A final export, unchanged, but its sign-offs or its export signature do not count."""


@dataclass
class Verification:
    outcome: Outcome
    message: str
    fingerprint: str = ""
    signers: list[str] = field(default_factory=list)
    diff: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)
    """Danish lines: the parts that changed, hidden text found, sign-offs that do not count."""


@dataclass
class _Seen:
    """What the file shows, against what its draft says it should."""

    model: DisplayModel
    expected: list[str]
    actual: list[str]

    @property
    def text_same(self) -> bool:
        return tokens(self.expected) == tokens(self.actual)

    def diff(self) -> list[str]:
        return [] if self.text_same else word_diff(self.expected, self.actual)

    def notes(self) -> list[str]:
        out = []
        for note in self.model.notes:
            text = " ".join(note.text.split())
            line = f"{note.kind} i {note.part}: »{text[:80]}{'…' if len(text) > 80 else ''}«"
            if line not in out:
                out.append(line)
        return out[:MAX_NOTES]


def verify_docx(path: Path | str) -> Verification:
    """Raises DraftFileError only when the file is not a readable, bounded Word file
    (or was made by a newer version of the program)."""
    path = Path(path)
    name = path.name
    data = read_word_file(path)
    try:
        package = Package.read(data, path)
    except DuplicatePartError as exc:
        return Verification(
            Outcome.CHANGED,
            f"»{name}« er ændret efter den endelige eksport og er ikke den godkendte version:",
            details=[exc.message],
        )
    payload = read_embedded_draft_bytes(data, path)
    if payload is None:
        return Verification(
            Outcome.NO_DRAFT,
            f"»{name}« indeholder ingen kladde fra Aktstykke, så det kan ikke afgøres, "
            "om teksten er den godkendte.",
        )
    try:
        draft, _ = loads_draft(payload, path)
    except DraftFileError as exc:
        return Verification(
            Outcome.NO_DRAFT,
            f"Kladden i »{name}« kan ikke læses, så filen kan ikke kontrolleres: {exc.message}",
        )
    fp = fingerprint(draft)
    model = display_model(package)
    seen = _Seen(
        model,
        expected_lines(layout(draft, final=True).blocks),
        shown_lines(model.body, model.model.get("background", ["FFFFFF"])[0]),
    )
    manifests = find_manifests(package)
    if not manifests:
        return _unsealed(name, package, draft, fp, seen)
    if len(manifests) > 1:
        return _changed(
            name,
            fp,
            seen,
            [f"filen har {len(manifests)} fortegnelser over sine dele ({', '.join(manifests)})"],
        )
    try:
        manifest = read_manifest(package, manifests[0])
    except ManifestError as exc:
        if exc.newer:
            raise DraftFileError(path, f"»{name}« kan ikke kontrolleres: {exc.message}") from None
        return _changed(name, fp, seen, [exc.message])
    return _sealed(name, package, draft, fp, seen, manifest)


def _sealed(
    name: str, package: Package, draft: Aktstykke, fp: str, seen: _Seen, manifest: Manifest
) -> Verification:
    trust = trust_store().for_content(manifest.fingerprint)
    check = check_signature(manifest.signature, manifest.payload, trust, manifest.exported_at)
    if check.state is SignatureState.INVALID:
        return _changed(
            name,
            fp,
            seen,
            [f"fortegnelsen over filens dele er ændret efter underskrift: {check.detail}"],
        )
    differences = compare(manifest, package)
    reasons = [describe(d) for d in differences]
    parts = [d for d in differences if d.relationship is None]
    if manifest.fingerprint != fp and _draft_touched(package, differences):
        # A draft part byte for byte as signed is the approved draft, even when a later
        # program computes its fingerprint another way.
        return _changed(
            name,
            fp,
            seen,
            [
                f"kladden i filen er ændret efter den endelige eksport: den blev eksporteret med "
                f"fingeraftryk {short_fingerprint(manifest.fingerprint)}, men indeholder nu "
                f"{short_fingerprint(fp)}",
                *reasons,
            ],
        )
    display_same = (
        manifest.display_version == DISPLAY_VERSION and seen.model.digest == manifest.display_sha256
    )
    if differences:
        if (
            display_same
            and seen.text_same
            and _rewritten(manifest, differences)
            and not _suspicious(differences)
        ):
            return Verification(
                Outcome.RESAVED,
                f"»{name}«: teksten ser ens ud, men filen er gemt igen af et andet program"
                f"{_application(package)}; brug den godkendte fil.",
                fp,
                details=[
                    f"{len(parts)} af filens dele er skrevet om, tilføjet eller fjernet: "
                    + ", ".join(d.part for d in parts)
                ],
            )
        return _changed(name, fp, seen, reasons)
    if not seen.text_same:  # every part as exported, yet the text differs: say so, never approve
        return _changed(name, fp, seen, [])
    if check.state is not SignatureState.VALID:
        what = {
            SignatureState.UNSIGNED: "eksporten er ikke underskrevet",
            SignatureState.UNTRUSTED: f"eksporten er underskrevet af en ukendt underskriver "
            f"({check.signer or 'uden navn'})",
            SignatureState.EXPIRED: "certifikatet, eksporten er underskrevet med, gjaldt ikke "
            "på tidspunktet",
        }.get(check.state, f"eksportens underskrift er {check.state.value}")
        return Verification(
            Outcome.NOT_APPROVED,
            f"»{name}« er ikke ændret siden den endelige eksport, men {what}, så filen kan ikke "
            "godtgøres at være den godkendte version.",
            fp,
            details=[check.detail] if check.detail else [],
        )
    return _judge_signoffs(name, draft, fp, manifest, check.signer)


def _judge_signoffs(
    name: str, draft: Aktstykke, fp: str, manifest: Manifest, exporter: str
) -> Verification:
    if not draft.signoffs:
        return Verification(
            Outcome.NO_SIGNOFF,
            f"»{name}« er ikke godkendt af nogen: kladden i filen har ingen godkendelser.",
            fp,
        )
    blockers = signoff_blockers(draft)
    signers = _signers(draft)
    if blockers:
        return Verification(
            Outcome.NOT_APPROVED,
            f"»{name}« er ikke ændret siden den endelige eksport, men ikke alle påkrævede "
            "godkendelser er gyldige og gældende:",
            fp,
            signers,
            details=blockers,
        )
    when = manifest.exported_at.astimezone().strftime("%d.%m.%Y kl. %H.%M")
    return Verification(
        Outcome.MATCHES,
        f"»{name}« er den godkendte version (fingeraftryk {short_fingerprint(fp)}), godkendt af "
        f"{', '.join(signers)}; filen er uændret siden den endelige eksport, som {exporter} "
        f"underskrev {when}.",
        fp,
        signers,
    )


def _unsealed(name: str, package: Package, draft: Aktstykke, fp: str, seen: _Seen) -> Verification:
    """A file without a manifest: an UDKAST export, or a final export that lost its manifest
    (stamped with the fingerprint, or without the UDKAST marking on its pages)."""
    if _stamped_fingerprint(package) or not _shows_marking(seen.model):
        return _changed(
            name,
            fp,
            seen,
            [
                "filen er en endelig eksport, men fortegnelsen over dens dele er fjernet, så "
                "ingen del af den kan godtgøres at være uændret"
            ],
        )
    if not seen.text_same and draft.comments:
        seen = _with_own_comments(draft, seen)
    if not seen.text_same:
        return _changed(name, fp, seen, [])
    if not draft.signoffs:
        return Verification(
            Outcome.NO_SIGNOFF,
            f"»{name}« er ikke godkendt af nogen: kladden i filen har ingen godkendelser.",
            fp,
        )
    return Verification(
        Outcome.DRAFT_EXPORT,
        f"»{name}« er en udkast-eksport (UDKAST), ikke den godkendte version: kun den "
        "endelige eksport til ministerens underskrift kan være det.",
        fp,
        _signers(draft),
        details=signoff_blockers(draft),
    )


def _with_own_comments(draft: Aktstykke, seen: _Seen) -> _Seen:
    """An UDKAST export carries the draft's review comments as Word comments: what
    it should show is then the draft as the exporter writes it, comments and all."""
    from exporters.word import render_docx_bytes  # only for drafts with comments

    own = display_model(Package.read(render_docx_bytes(draft, final=False), "udkast.docx"))
    background = own.model.get("background", ["FFFFFF"])[0]
    return _Seen(seen.model, shown_lines(own.body, background), seen.actual)


def _changed(name: str, fp: str, seen: _Seen, reasons: list[str]) -> Verification:
    diff = seen.diff()
    lead = f"»{name}« er ændret efter den endelige eksport og er ikke den godkendte version"
    if not reasons and diff:
        lead = f"Teksten i »{name}« er ændret efter godkendelsen (fingeraftryk {short_fingerprint(fp)})"
    return Verification(
        Outcome.CHANGED,
        f"{lead}:",
        fp,
        diff=diff,
        details=reasons + seen.notes(),
    )


def _signers(draft: Aktstykke) -> list[str]:
    return [
        f"{status.role} ({(status.check.signer if status.check else '') or status.signoff.name})"
        for status in role_statuses(draft)
        if status.state is SignOffState.CURRENT and status.signoff is not None
    ]


def _rewritten(manifest: Manifest, differences: list[Difference]) -> bool:
    """A program that saves a file again rewrites its main document and its styles;
    an edit by hand leaves most parts as they were."""
    touched = {d.part.lower() for d in differences if d.kind in ("changed", "removed")}
    kinds = {
        kind
        for digest in manifest.parts
        for kind, marker in (("main", MAIN_TYPE), ("styles", STYLES_TYPE))
        if marker in digest.content_type and digest.name.lower() in touched
    }
    return kinds == {"main", "styles"}


UNSAFE = (
    "vba",
    "macroenabled",
    "activex",
    "oleobject",
    "embeddings/",
    "afchunk",
    "altchunk",
    "attachedtemplate",
)
"""Parts that run code or pull in content from elsewhere: never 'merely re-saved'."""


def _suspicious(differences: list[Difference]) -> bool:
    """Differences no re-save by another program explains: a part's content type or the
    main document changed, or macros, controls or embedded objects appeared."""
    for difference in differences:
        if difference.kind in ("content_type", "main_document"):
            return True
        rel = difference.relationship
        probe = f"{difference.part} {difference.content_type} {rel.type if rel else ''}".lower()
        if not difference.kind.endswith("removed") and any(m in probe for m in UNSAFE):
            return True
    return False


def _application(package: Package) -> str:
    for rel in package.related("", "extended-properties"):
        root = package.xml(rel.target)
        if root is None:
            continue
        for element in root:
            if str(element.tag).endswith("}Application") and element.text:
                application = element.text.strip()
                if application and application != "Aktstykke":
                    return f" ({application})"
    return ""


def _draft_touched(package: Package, differences: list[Difference]) -> bool:
    """Whether the part holding the embedded draft differs from the one the manifest signed."""
    drafts = {name.lower() for name, blob in package.parts.items() if DRAFT_NAMESPACE in blob}
    return not drafts or any(d.part.lower() in drafts for d in differences)


def _shows_marking(model: DisplayModel) -> bool:
    """Whether the pages show the UDKAST marking, as every UDKAST export does."""
    background = model.model.get("background", ["FFFFFF"])[0]
    return any(
        DRAFT_MARKING in line
        for page in model.model.get("pages", [])
        if page.get("kind") == "header"
        for line in shown_lines(page.get("blocks", []), background)
    )


def _stamped_fingerprint(package: Package) -> str:
    """The fingerprint a final export stamps into Word's 'identifier' property."""
    for rel in package.related("", "core-properties"):
        root = package.xml(rel.target)
        if root is None:
            continue
        for element in root:
            if element.tag == "{http://purl.org/dc/elements/1.1/}identifier" and element.text:
                return element.text.strip()
    return ""
