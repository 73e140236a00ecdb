"""Reading a Word file's visible body text back, for comparison with the draft.

The text is what Word shows of the main document (found through _rels/.rels,
as Word finds it): hidden text and text in the background's colour are left
out, symbols are read as the characters they draw, text boxes and notes are
read where they are anchored (exporters.display, exporters.displaytext).
Headers and footers are not body text. The package is read within the bounds
of forms.embedded (100 MB in all, 1000 parts).
"""

from __future__ import annotations

from pathlib import Path

from exporters.display import display_model
from exporters.displaytext import shown_lines
from exporters.opc import Package
from forms.embedded import read_word_file


def read_docx_text(source: Path | str | bytes) -> str:
    """The visible body text in body order: one line per paragraph, a table row as
    its cells joined by spaces; headers, footers and the embedded draft excluded.

    For our own exports this equals `exporters.text.render_text(draft, final=True)`;
    no-break spaces read as spaces.
    Raises DraftFileError (Danish message) when the file is not a Word file.
    """
    if isinstance(source, bytes):
        data, name = source, "dokument.docx"
    else:
        data, name = read_word_file(source), Path(source).name
    model = display_model(Package.read(data, name))
    background = model.model.get("background", ["FFFFFF"])[0]
    lines = shown_lines(model.body, background, cell_separator=" ")
    # A no-break space reads as a space (the export keeps amounts and "§ 6" together).
    return "\n".join(lines).replace("\u00a0", " ") + "\n"
