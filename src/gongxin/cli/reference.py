"""Render the CLI reference (docs/cli.md) from the argument parsers themselves.

`python -m gongxin.cli.reference > docs/cli.md` regenerates it; a test fails when the file and
the parsers disagree, so the reference cannot drift from the commands.
"""

from __future__ import annotations

import argparse
import os


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def render_reference() -> str:
    from gongxin.cli.main import build_parser

    # Help text wraps at the terminal width; pin it so the file is the same everywhere.
    os.environ["COLUMNS"] = "100"
    parser = build_parser()
    parts = [
        "# CLI reference",
        "",
        "Generated from the parsers by `python -m gongxin.cli.reference > docs/cli.md`; "
        "a test checks that it is current.",
        "",
        "Every command exits 0 on success and non-zero on failure, with a message in Chinese "
        "that a bureau clerk can act on (`错误：…` on standard error), never a traceback.",
        "",
        "| exit code | meaning |",
        "|---|---|",
        "| 0 | success |",
        "| 2 | a usage error or something the user can fix (the message says what) |",
        "| 3 | `gongxin query` of a period without any monthly report (nothing to show) |",
        "| 1 | an internal error (`GONGXIN_DEBUG=1` shows the traceback) |",
        "| 141 | the reader of the output went away (`gongxin catalog list \\| head`): quiet |",
        "| 130 | interrupted (Ctrl-C) |",
        "",
        "A query whose result is empty says so on standard error (`查询结果为空：…`).",
        "",
    ]
    for name, sub in _subcommands(parser).items():
        parts += [f"## gongxin {name}", "", sub.description or "", "", "```text"]
        parts += [sub.format_help().rstrip(), "```", ""]
    return "\n".join(parts)


if __name__ == "__main__":
    print(render_reference(), end="")
