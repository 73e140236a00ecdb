"""The bundle's one executable: `aktstykke [FILE]` opens the editor,
`aktstykke KOMMANDO …` runs the command line (cli.main decides).

On Windows the executable is windowed (no console window behind the editor);
a command typed in a console still prints there."""

import sys

from forms.oscompat import attach_parent_console

if __name__ == "__main__":
    if len(sys.argv) > 1:
        attach_parent_console()
    from cli.main import main

    sys.exit(main())
