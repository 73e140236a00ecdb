"""Data files (templates, guidance, examples), read through importlib.resources."""
