"""The `aktstykke` command line: headless, never imports Qt (an import contract).

`cli.main` parses the arguments and runs a command of cli/commands/, or opens
the editor (desktop.app), which is the only place where the command line
reaches the Qt shell.
"""
