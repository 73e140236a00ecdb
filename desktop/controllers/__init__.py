"""The window's commands: files, import, export, final export and sign-off, each
a controller object with explicit dependencies."""
