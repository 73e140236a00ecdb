"""The main window: it builds the rooms and wires them together; its actions,
menus and the navigator."""
