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
    template_notes: tuple[str, ...] = field(default_factory=tuple)
    """What of the template was left out (macros, foreign parts), in Danish."""

    def fallback_message(self) -> str | None:
        """Danish sentences naming the styles that fell back and what of the template
        was left out, or None."""
        lines = list(self.template_notes)
        if self.fallback_styles:
            name = self.template.name if self.template else "skabelonen"
            styles = ", ".join(f"»{s}«" for s in self.fallback_styles)
            lines.append(
                f"Skabelonen »{name}« har ikke alle typografier; programmets egne er brugt for: "
                f"{styles}."
            )
        return " ".join(lines) or None
