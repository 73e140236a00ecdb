"""The program's version, written into every draft it saves."""

APP_VERSION = "0.1.0"
