"""Helpers shared by command modules."""

from __future__ import annotations

from gongxin.registry.permissions import Actor, operator_name


def cli_actor() -> str:
    """Who a command-line change is attributed to in the audit log."""
    return operator_name()


def cli_system_actor() -> Actor:
    """The command line's operator as the actor action services take (every permission:
    whoever runs `gongxin` on the server already holds the database)."""
    return Actor.system(cli_actor())
