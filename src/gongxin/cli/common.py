"""Helpers shared by command modules."""

from __future__ import annotations

import getpass
import os

from gongxin.registry.permissions import Actor


def cli_actor() -> str:
    """Who a command-line change is attributed to in the audit log."""
    return os.environ.get("GONGXIN_ACTOR") or f"cli:{getpass.getuser()}"


def cli_system_actor() -> Actor:
    """The command line's operator as the actor action services take (every permission:
    whoever runs `gongxin` on the server already holds the database)."""
    return Actor.system(cli_actor())
