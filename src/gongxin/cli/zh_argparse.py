"""argparse in Chinese: usage, section headings, ``-h`` and every usage error a clerk can meet.

argparse writes its texts in English; a parser of this class and its help formatter write them
in Chinese. Errors are matched by argparse's own message templates (Python 3.11+); a message
not listed here passes through unchanged rather than being lost.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn

USAGE = "用法："
POSITIONALS = "位置参数"
OPTIONALS = "选项"
HELP_TEXT = "显示本帮助并退出"
ERROR = "{prog}：错误：{message}"
HINT = "（运行 {prog} -h 查看用法）"

# argparse's message templates → Chinese (first match wins; groups are kept verbatim).
MESSAGES: tuple[tuple[str, str], ...] = (
    (r"the following arguments are required: (.+)", r"缺少必需的参数：\1"),
    (r"unrecognized arguments: (.+)", r"无法识别的参数：\1"),
    (r"one of the arguments (.+) is required", r"参数 \1 必须提供其中之一"),
    (r"ambiguous option: (\S+) could match (.+)", r"选项 \1 有歧义，可能是：\2"),
    (
        r"argument (.+?): invalid choice: (.+?) \(choose from (.+)\)",
        r"参数 \1 的值 \2 无效，可选：\3",
    ),
    (r"argument (.+?): expected one argument", r"参数 \1 需要一个值"),
    (r"argument (.+?): expected at least one argument", r"参数 \1 至少需要一个值"),
    (r"argument (.+?): expected (\d+) arguments?", r"参数 \1 需要 \2 个值"),
    (r"argument (.+?): invalid (\w+) value: (.+)", r"参数 \1 的值 \3 无效（应为 \2）"),
    (r"argument (.+?): not allowed with argument (.+)", r"参数 \1 不能与 \2 同时使用"),
    (r"argument (.+?): ignored explicit argument (.+)", r"参数 \1 不接受值 \2"),
    (r"argument (.+?): (.+)", r"参数 \1：\2"),
)
TYPE_NAMES = {"int": "整数", "float": "数字"}


def translate(message: str) -> str:
    for pattern, replacement in MESSAGES:
        match = re.fullmatch(pattern, message, re.S)
        if match:
            text = match.expand(replacement)
            for english, chinese in TYPE_NAMES.items():
                text = text.replace(f"（应为 {english}）", f"（应为{chinese}）")
            return text
    return message


# A section heading line as argparse writes it ("选项:"), to end with a full-width colon.
_HEADING = re.compile(r"^( *)([^\s:][^:\n]*[\u4e00-\u9fff][^:\n]*):$", re.M)


class ChineseHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        super().add_usage(usage, actions, groups, USAGE if prefix is None else prefix)

    def format_help(self) -> str:
        return _HEADING.sub(r"\1\2：", super().format_help())


class ChineseArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose headings, ``-h`` and errors are Chinese (subparsers too)."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = POSITIONALS
        self._optionals.title = OPTIONALS
        for action in self._actions:
            if action.dest == "help" and "-h" in action.option_strings:
                action.help = HELP_TEXT

    def add_subparsers(self, **kwargs):
        kwargs.setdefault("parser_class", type(self))
        return super().add_subparsers(**kwargs)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        text = ERROR.format(prog=self.prog, message=translate(message))
        self.exit(2, f"{text}{HINT.format(prog=self.prog)}\n")
