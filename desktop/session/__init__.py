"""The open draft and its life: the document, its parts, its fingerprint, the
settings, the recovery files and the signer's certificate."""
