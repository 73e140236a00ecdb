"""Phrases the rules look for (DOMAIN.md sections 4, 6 and 7).

Patterns marked "folded" run on SectionFacts.folded: whitespace folded to one
space and case removed. Real texts reorder the standard formulations, so the
rules match key phrases rather than whole templates.
"""

from __future__ import annotations

import re

from forms.lazyre import lazy_compile

# T-F1 "Finansministeriets tilslutning foreligger." (folded)
FM_CONSENT = lazy_compile(r"finansministeriets tilslutning foreligger\.?")
FM_CONSENT_RAW = lazy_compile(r"finansministeriets\s+tilslutning\s+foreligger\.?", re.IGNORECASE)

# The formal request that opens e (T-E1, T-E4, T-E5). Raw text, any case.
FORMAL_REQUEST = lazy_compile(r"^\s*under\s+henvisning\s+til\s+ovenstående\b", re.IGNORECASE)
FORMAL_REQUEST_TEXT = "Under henvisning til ovenstående"

# a/e ask for FiU's consent: "anmoder (hermed) om Finansudvalgets tilslutning" (folded)
REQUEST = lazy_compile(r"\banmod(?:er|es|ning)\b[^.]{0,120}?\btilslutning")
# an orienterende aktstykke informs: "orienterer (hermed) Finansudvalget" (folded)
ORIENTATION = lazy_compile(r"\borienter(?:er|es)\b")

# S-02: the body of a litra that should have been left out. Raw text.
PLACEHOLDER = lazy_compile(
    r"^\s*(?:ikke\s+relevant|ikke\s+aktuelt|ingen|udgår|n/a|-|–|—|…|\.\.\.)\s*\.?\s*$",
    re.IGNORECASE,
)

# E-01: how the disposition is handled in appropriation terms (folded).
E01_TB = lazy_compile(r"tillægsbevilling")
E01_EXISTING = lazy_compile(
    r"afhold(?:es|t|e)\b.{0,200}?på finansloven for (?:\d{4}|\(?b-året\)?).{0,200}?opførte bevilling"
)
E01_LATER = lazy_compile(r"søgt (?:bevilget|optaget) på")
E01_NO_MONEY = lazy_compile(
    r"ingen (?:udgifter|merudgifter|bevillingsmæssige konsekvenser)"
    r"|(?:medfører ikke|ikke medfører) (?:udgifter|merudgifter|indtægter|bevillingsmæssige)"
)

#
NO_EXPENDITURE = lazy_compile(
    r"ingen (?:udgifter|merudgifter|bevillingsmæssige konsekvenser)"
    r"|(?:medfører ikke|ikke medfører) (?:udgifter|merudgifter)|udgiftsneutral|uden udgifter"
)
RECURRING = lazy_compile(r"årligt|om året|på årsbasis|pr\. år|hvert år|\bårlig")

# A-05 / A-06 (folded)
TB_WORD = lazy_compile(r"tillægsbevilling")
A06_FINANCING = lazy_compile(
    r"udgiften i \d{4} finansieres af de på .+? opførte (?:reserver|midler)"
)
LAANERAMME = lazy_compile(r"lånerammen?")
# The financing sentence itself (T-A1/T-A2) in raw text; it names the financing account.
FINANCING_SENTENCE = lazy_compile(
    r"finansieres\s+af\s+(?:de|den)\s+på\s+.+?\s+opførte\s+(?:reserver|midler|bevilling)",
    re.IGNORECASE | re.DOTALL,
)

# B-03: an urgent aktstykke says why (folded).
URGENCY = lazy_compile(r"\bhast|kan ikke afvente|uopsættelig|straks")
# E-02 / E-03 (folded)
NEW_ACCOUNT = lazy_compile(r"\(ny konto\)")
LAANERAMME_RAISE = lazy_compile(r"lånerammen? med")

# C-01: why the case goes to FiU now (folded).
MOTIVATION = lazy_compile(
    r"forelægges|forelæggelse|forudsat|betinget bevilling|kan ikke afvente|hjemmel"
    r"|særskilt|kræver finansudvalgets"
)
# C-03: "jf." followed by the basis (folded); searched after each "jf.".
JF = lazy_compile(r"\bjf\.")
BASIS = lazy_compile(
    r"budgetvejledning(?:ens|en)? (?:pkt\.|punkt)|budgetvejledning(?:en)? \d{4}"
    r"|tekstanmærkning|\blov(?:en|ens|s)?\b|særlige bevillingsbestemmelse|\bbv\b"
    r"|bevillingsbestemmelse"
)
# C-04: words that introduce a threshold next to an amount (folded).
THRESHOLD_CUE = lazy_compile(
    r"overstiger|\bover\b|mere end|større end|mindst|grænse|på eller over|udgør mindst"
)

# TAB-05: a note that already explains rounding differences (folded).
ROUNDING_NOTE = lazy_compile(r"afrunding|afrundet")
ROUNDING_NOTE_TEXT = "Anm.: Tallene summer ikke nødvendigvis pga. afrunding."

# TAB-01: units named in table headings.
UNIT_IN_HEADING = lazy_compile(
    r"(?<![\w.])(?:(?P<mia>mia\.?\s*kr)|(?P<mio>mio\.?\s*kr|mill\.?\s*kr)"
    r"|(?P<tkr>1\.000\s*kr|t\.\s*kr|tkr)|(?P<kr>kr))\.?(?!\w)",
    re.IGNORECASE,
)
PRICE_BASIS = lazy_compile(
    r"\bpl\b|-pl\b|prisniveau|løbende priser|-priser\b|faste priser|indeks", re.IGNORECASE
)
TOTAL_LABEL = lazy_compile(r"^\s*(?:i\s+alt|total|samlet|sum)\s*\.?\s*$", re.IGNORECASE)
YEAR_HEADING = lazy_compile(r"^\s*(?:[A-Z]{1,3}\d?\s+)?((?:19|20|21)\d\d)\b")

# TAB-06 (it) and TAB-07 (bygge/anlæg), folded.
IT_SPENT = lazy_compile(r"hidtidig|afholdt|forbrug til dato|hidtil|afholdte")
IT_FUTURE = lazy_compile(r"forventet|forventede|resterende|fremtidig|kommende|budget")
RISK = lazy_compile(r"risik")
IT_COUNCIL = lazy_compile(r"it-råd|it-projektråd|statens it-råd|it-rådet")
TOTAL_COST = lazy_compile(
    r"totaludgift|samlede udgift|samlet udgift|totaløkonomi|samlede omkostning"
)
FINANCING = lazy_compile(r"finansier")
SCHEDULE = lazy_compile(
    r"tidsplan|forventes (?:afsluttet|færdig|ibrugtaget|afleveret)|ibrugtag|byggestart"
    r"|færdiggørelse|aflevering"
)
OPERATIONS = lazy_compile(r"drift|husleje")


def hits_after(pattern: re.Pattern[str], anchor: re.Pattern[str], text: str, window: int) -> bool:
    """Whether `pattern` occurs within `window` characters after any `anchor`."""
    return any(pattern.search(text, m.end(), m.end() + window) for m in anchor.finditer(text))
