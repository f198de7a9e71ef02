"""docs/cli.md is the CLI reference generated from the parsers; it must be current."""

from pathlib import Path

from gongxin.cli.main import COMMANDS
from gongxin.cli.reference import render_reference

DOCS = Path(__file__).resolve().parents[2] / "docs" / "cli.md"
README = Path(__file__).resolve().parents[2] / "README.md"


def test_docs_cli_md_is_generated_from_the_current_parsers():
    assert DOCS.read_text(encoding="utf-8") == render_reference(), (
        "docs/cli.md is stale: run `python -m gongxin.cli.reference > docs/cli.md`"
    )


def test_every_command_is_in_the_readme():
    readme = README.read_text(encoding="utf-8")
    missing = [name for name in COMMANDS if f"gongxin {name}" not in readme]
    assert missing == []
