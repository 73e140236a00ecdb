"""Regular expressions compiled when first used, not when their module is imported.

The program has well over a hundred module-level patterns (the checks'
phrases, the importers', the scanner's); compiling them all at import made
every command line process pay for patterns it never used (issue 16).
`lazy_compile` has the signature of `re.compile`; what it returns compiles
the pattern at its first use and from then on hands out the compiled
pattern's own bound methods, so a hot loop pays nothing extra.

The type checker sees a `re.Pattern[str]`. What a lazy pattern is not: an
instance of `re.Pattern`, nor an argument for the functions of `re`
(`re.sub(PATTERN, …)`); call its methods instead. tests/test_lazyre.py compiles
every lazy pattern of the program, so a broken one fails there, not in use.
"""

from __future__ import annotations

import re
from typing import Any, cast

_FORWARDED = (
    "search",
    "match",
    "fullmatch",
    "finditer",
    "findall",
    "split",
    "sub",
    "subn",
    "scanner",
    "flags",
    "groups",
    "groupindex",
)
INSTANCES: list[LazyPattern] = []
"""Every lazy pattern made, for the test that compiles them all."""


class LazyPattern:
    """A `re.Pattern[str]` compiled on its first use."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern  # as re.Pattern.pattern; reading it does not compile
        self._flags = flags
        INSTANCES.append(self)

    def compile(self) -> re.Pattern[str]:
        """Compile now (once) and put the compiled pattern's attributes on self."""
        compiled: re.Pattern[str] | None = self.__dict__.get("_compiled")
        if compiled is None:
            compiled = re.compile(self.pattern, self._flags)
            self.__dict__["_compiled"] = compiled
            for name in _FORWARDED:
                self.__dict__[name] = getattr(compiled, name)
        return compiled

    def __getattr__(self, name: str) -> Any:
        # Only called for what is not yet on the instance: the first use.
        if name.startswith("__") or name in ("_compiled", "_flags", "pattern"):
            raise AttributeError(name)
        return getattr(self.compile(), name)

    def __repr__(self) -> str:
        return f"lazy_compile({self.pattern!r}, {self._flags!r})"


def lazy_compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, done when the pattern is first used."""
    return cast("re.Pattern[str]", LazyPattern(pattern, flags))
