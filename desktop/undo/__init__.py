"""Undo commands: every change of the draft is one of these, pushed on the
document's QUndoStack."""
