"""Errors with messages a reader can act on: each names the file, column or parameter."""


class TipfigsError(Exception):
    """Base class: an input problem the user can fix, reported in one clear message."""


class DataError(TipfigsError):
    """A data file is missing, unreadable or not the verified release."""


class SchemaError(DataError):
    """A data file is readable but lacks a column, or a value is of the wrong kind."""


class ParameterError(TipfigsError, ValueError):
    """A notebook parameter has a bad value."""


class CheckoutError(TipfigsError):
    """A command runs in one checkout with the package of another: it would read and write the
    other's files."""
