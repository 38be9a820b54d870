"""marsad's named errors. Each message says what to do.

The CLI turns any ``MarsadError`` into one line on stderr and exit code 2; the web
service turns it into the one JSON error shape (``marsad.web``).
"""


class MarsadError(ValueError):
    """Base of every error a user can cause."""

    code = "marsad_error"


class InputError(MarsadError):
    """The input cannot be read as news text."""

    code = "bad_input"


class EncodingError(InputError):
    code = "bad_encoding"


class NotFoundError(InputError):
    code = "not_found"


class StoreError(MarsadError):
    code = "store_error"


class ConfigError(MarsadError):
    code = "bad_config"
