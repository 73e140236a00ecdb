"""A tamper corpus the tests build themselves from a signed final export (issue 12)."""
