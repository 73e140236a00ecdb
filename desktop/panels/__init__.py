"""The views beside the form: findings, preview, sign-offs, the import report,
litra f's consent note."""
