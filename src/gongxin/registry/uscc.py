"""The unified social credit code (统一社会信用代码), checked per GB 32100-2015.

Layout of the 18 characters, e.g. ``91110000600037341L``:

====  ===========================================================================
1     registration authority (登记管理部门): 1–9, A (中央军委改革和编制办公室),
      N (农业), Y (其他)
2     entity type (机构类别) within that authority: a digit 1–9
3–8   administrative division code of the registering office (登记管理机关行政区划码)
9–17  organisation identifier (主体标识码, the former organisation code)
18    check character over the first 17
====  ===========================================================================

Characters come from a 31-character alphabet: the digits and the capital letters without I, O,
S, V and Z (they are too easily read as 1, 0, 5, U and 2). python-stdnum's ``stdnum.cn.uscc``
assumes the first eight are digits and so rejects the A, N and Y authorities that real codes
use (e.g. N for rural collective economic organisations); only its check-character arithmetic,
which is the standard's, is reused here.

Messages never state the correct check character: a clerk told "it should be X" tends to
"fix" a mistyped code into another enterprise's valid-looking one.
"""

from __future__ import annotations

import unicodedata

from stdnum.cn.uscc import calc_check_digit

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
AUTHORITIES = "123456789ANY"
ENTITY_TYPES = "123456789"
LENGTH = 18

ERR_LENGTH = "统一社会信用代码应为18位，实为{length}位"
ERR_CHARACTER = "统一社会信用代码含无效字符“{char}”（代码不使用字母 I、O、S、V、Z）"
ERR_AUTHORITY = "统一社会信用代码第1位（登记管理部门）应为 1–9、A、N 或 Y，实为“{char}”"
ERR_ENTITY_TYPE = "统一社会信用代码第2位（机构类别）应为数字 1–9，实为“{char}”"
ERR_DIVISION = "统一社会信用代码第3–8位（行政区划码）应为6位数字，实为“{part}”"
ERR_CHECK = "统一社会信用代码校验位不符，代码无效：请对照营业执照核对每一位"


class UsccError(ValueError):
    """An invalid code; the message says which part is wrong (never what the check should be)."""


def uscc_normalise(value: str) -> str:
    """Strip spaces and fold full-width or lower-case input to the code's own characters."""
    return unicodedata.normalize("NFKC", value).strip().upper()


def uscc_problem(code: str) -> str | None:
    """The first thing wrong with an already-normalised code, or None if it is valid."""
    if len(code) != LENGTH:
        return ERR_LENGTH.format(length=len(code))
    for char in code:
        if char not in ALPHABET:
            return ERR_CHARACTER.format(char=char)
    if code[0] not in AUTHORITIES:
        return ERR_AUTHORITY.format(char=code[0])
    if code[1] not in ENTITY_TYPES:
        return ERR_ENTITY_TYPE.format(char=code[1])
    if not code[2:8].isdigit():
        return ERR_DIVISION.format(part=code[2:8])
    if calc_check_digit(code[:17]) != code[17]:
        return ERR_CHECK
    return None


def uscc_validate(value: str) -> str:
    """Return the normalised code, or raise :class:`UsccError` saying what is wrong."""
    code = uscc_normalise(value)
    problem = uscc_problem(code)
    if problem:
        raise UsccError(problem)
    return code


def uscc_is_valid(value: str) -> bool:
    return uscc_problem(uscc_normalise(value)) is None
