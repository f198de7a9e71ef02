"""Helpers shared by command modules."""

from __future__ import annotations

import getpass
import os


def cli_actor() -> str:
    """Who a command-line change is attributed to in the audit log."""
    return os.environ.get("GONGXIN_ACTOR") or f"cli:{getpass.getuser()}"
