"""What an export did, for the command line and the editor to tell the user."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class ExportReport:
    """`fallback_styles` are the styles a ministry's template lacked; our own
    definitions of them were copied into the document."""

    path: Path | None = None
    template: Path | None = None
    fallback_styles: tuple[str, ...] = field(default_factory=tuple)

    def fallback_message(self) -> str | None:
        """A Danish sentence naming the styles that fell back, or None."""
        if not self.fallback_styles:
            return None
        name = self.template.name if self.template else "skabelonen"
        styles = ", ".join(f"»{s}«" for s in self.fallback_styles)
        return (
            f"Skabelonen »{name}« har ikke alle typografier; programmets egne er brugt for: "
            f"{styles}."
        )
