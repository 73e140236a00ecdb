"""The forms the author types into: the header, a litra's blocks, budget tables."""
