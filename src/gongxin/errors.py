"""Errors whose message is written for a bureau clerk (Chinese, actionable)."""


class UserError(Exception):
    """Something the user can fix; the CLI prints the message and exits non-zero."""

    exit_code = 2
