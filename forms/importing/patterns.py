"""The regular expressions that recognise the parts of an aktstykke (DOMAIN section 7)."""

from __future__ import annotations

import datetime as dt
import re

from forms.dates import month_names
from forms.lazyre import lazy_compile

MONTHS = {name: number for number, name in month_names().items()}
_MONTH = "|".join(MONTHS)

DATE = rf"(?P<day>\d{{1,2}})\.\s*(?P<month>{_MONTH})\s+(?P<year>\d{{4}})"
_DATE_RE = lazy_compile(DATE, re.IGNORECASE)
# Web transcripts may drop the year ("København, den 10. juni a. …").
_PLAIN_DATE = rf"\d{{1,2}}\.\s*(?:{_MONTH})\s+\d{{4}}"
_LOOSE_DATE = rf"\d{{1,2}}\.\s*(?:{_MONTH})(?:\s+\d{{4}})?"
_DAY_MONTH = lazy_compile(rf"(?P<day>\d{{1,2}})\.\s*(?P<month>{_MONTH})", re.IGNORECASE)

# "a. Udenrigsministeriet …" at the start of a line or paragraph. Besides the
# capital DOMAIN names, a litra may open with a digit, a quote, a bracket or
# "§"; a letter alone on its line is a litra whose text follows on the next.
LITRA_AT_START = lazy_compile(r"^\s*([a-f])\.(?:\s+(?=[A-ZÆØÅ0-9”“\"«»(\[§])|(?=[A-ZÆØÅ])|\s*$)")
# Web transcripts run everything together on one line (DOMAIN section 7).
LITRA_ANYWHERE = lazy_compile(r"(?:^|(?<=\s))([a-f])\.\s+(?=[A-ZÆØÅ])", re.MULTILINE)

# "Udenrigsministeriet. København, den 12. november 2024."
HEADER = lazy_compile(
    rf"^\s*(?P<ministry>.+?)\.?\s+(?P<place>[A-ZÆØÅ][\w -]*?),\s+den\s+(?P<date>{_LOOSE_DATE})\.?\s*$"
)
PLACE_DATE = lazy_compile(
    rf"^\s*(?P<place>[A-ZÆØÅ][\w -]*?),?\s+den\s+(?P<date>{_LOOSE_DATE})\.?\s*$"
)
ADDRESSEE = lazy_compile(r"^\s*Til\s+Finansudvalget\s*\.?\s*$", re.IGNORECASE)

PUBLISHED_NUMBER = lazy_compile(r"^\s*Aktstykke\s+nr\.\s*(?P<number>[\w-]+)\.?\s*$", re.IGNORECASE)
PUBLISHED_SESSION = lazy_compile(
    r"^\s*Folketinget\s+(?P<session>\d{4}\s*-\s*\d{2}(?:\s*\(\s*\d\.\s*samling\s*\))?)\.?\s*$",
    re.IGNORECASE,
)
PUBLISHED_DECIDED = lazy_compile(r"^\s*Afgjort\s+den\s+(?P<decided>.+?)\.?\s*$", re.IGNORECASE)
PRINT_CODE = lazy_compile(r"^\s*[A-Z]{2}\d{6}\s*$")
ENDORSEMENT = lazy_compile(
    r"^\s*(?:Tiltrådt|Godkendt|Forkastet|Taget\s+til\s+efterretning|Udvalget\s+har\s+taget)"
    r"|Finansudvalget\s+den\s+.*(?:tiltrådt|efterretning)",
    re.IGNORECASE,
)

# The pieces a run-together transcript is cut into before the lines are read.
RUN_TOGETHER_ANCHORS = lazy_compile(
    r"Aktstykke\s+nr\.\s*[\w-]+\.?"
    r"|Folketinget\s+\d{4}\s*-\s*\d{2}(?:\s*\(\s*\d\.\s*samling\s*\))?"
    rf"|Afgjort\s+den\s+{_PLAIN_DATE}\.?"
    r"|Tiltrådt\s+af\s+(?:et\s+flertal\s+i\s+)?Finansudvalget\s+den\s+"
    rf"(?:{_PLAIN_DATE}|\d{{1,2}}-\d{{1,2}}-\d{{4}})(?:\s*\([^)]*\))?\.?",
    re.IGNORECASE,
)

# DOMAIN section 7: an amount with its unit; \s* because a line break may fall
# between the number and "mio. kr.".
AMOUNT = lazy_compile(r"(?<![\d.,])(-?\d{1,3}(?:\.\d{3})*(?:,\d+)?)\s*(mio\.|mia\.)?\s*kr\.")

# One value of a table written as a text line: "50,0", "1.250", "-".
VALUE_TOKEN = r"(?:[-−–]?\d{1,3}(?:\.\d{3})+(?:,\d+)?|[-−–]?\d+(?:,\d+)?|[-−–—])"
UNIT_PHRASE = lazy_compile(
    r"\(?\b(?:mio\.|mia\.|1\.000|t\.)\s*kr\.?\)?|\(?\btkr\b\.?\)?|(?<![\w.])kr\.(?!\w)",
    re.IGNORECASE,
)
# What may follow (or precede) the unit in a table heading: its price level,
# '(2025-pl)', 'løbende priser', '2025-priser' (TAB-01, N-04).
PRICE_LEVEL = lazy_compile(
    r"^[\s,.;:()\[\]]*(?:(?:(?:19|20)\d{2}\s*-\s*)?(?:pl|priser|prisniveau)(?:\s*(?:19|20)\d{2})?"
    r"|(?:løbende|faste)\s+priser(?:\s+(?:19|20)\d{2})?)[\s,.;:()\[\]]*$",
    re.IGNORECASE,
)
TOTAL_LABEL = lazy_compile(r"^\s*(?:i\s+alt|total|samlet|sum)\b", re.IGNORECASE)
ACCOUNT = lazy_compile(r"^§?\s*(\d{1,2}\.\d{1,2}(?:\.\d{2}){0,2})\.?$")
FINANSAAR = lazy_compile(r"\bfinans(?:året|år|loven\s+for)\s+(\d{4})\b", re.IGNORECASE)


def parse_date(text: str) -> dt.date | None:
    """'12. november 2024' -> date(2024, 11, 12); None when there is none or it is impossible."""
    match = _DATE_RE.search(text)
    if match is None:
        return None
    try:
        return dt.date(int(match["year"]), MONTHS[match["month"].lower()], int(match["day"]))
    except ValueError:
        return None


def parse_day_month(text: str) -> tuple[int, int] | None:
    """'10. juni' -> (10, 6), for a date written without its year."""
    match = _DAY_MONTH.search(text)
    if match is None:
        return None
    return int(match["day"]), MONTHS[match["month"].lower()]


def sentence_end(text: str) -> bool:
    """Whether a line ends a sentence (or introduces a list or table)."""
    # Closing quotes of every style: ” » " ' ’ and the Danish « and “ („…“, »…«).
    stripped = text.rstrip().rstrip("”\"»«“)'’")
    return stripped.endswith((".", ":", "!", "?"))
