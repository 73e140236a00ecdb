"""Layout (model -> blocks) and renderers (docx, html, text). No Qt."""
