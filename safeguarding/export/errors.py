"""The two ways an export fails that a person can act on."""


class ExportError(Exception):
    """An export that cannot be made as asked; the message says what would work."""


class ExportUnavailable(ExportError):
    """Charts cannot be rendered here (no browser, or it failed); the message says what to do."""
