"""The Qt editor and the command-line interface."""
