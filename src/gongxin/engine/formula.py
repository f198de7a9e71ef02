"""The small expression language of catalog formulas and conditions, and its SQL rendering.

Formulas are written in Python syntax and parsed with :mod:`ast`, so the catalog needs no
grammar of its own; only the node types below are accepted. Examples::

    growth(va_sc_ytd, va_py_ytd)                       # same-caliber growth, %
    (va_sc_ytd - va_py_ytd) / city.va_py_ytd * 100     # pull on the city's growth, pp
    previous(va_rank_ytd) - va_rank_ytd                # change of rank since last month
    profit_ytd < 0 and size == "大型"                  # a condition (count measures)

Division and ``growth`` are defined here once: a zero or missing denominator gives NULL, and
growth is NULL unless its base is positive (a base ≤ 0 makes a percentage meaningless).

Comparisons of numbers treat two values closer than half a unit of the 9th decimal place as
equal (``TOLERANCE``), and ranks order values snapped to ``SNAP_DECIMALS`` places, so that
binary float noise (9.999999999999986 for an exact 10 %) never decides a condition, a count or
a rank (docs/methodology.md, "Exact comparisons").
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass

FUNCTIONS = {"growth": 2, "previous": 1}
# Two figures are equal when they agree to 9 decimal places (the convention shared by the
# engine and the display); far below any published precision, far above double noise.
SNAP_DECIMALS = 9
BUILTINS = {"months"}
CITY = "city"


class FormulaError(ValueError):
    """A formula uses syntax or names the language does not have."""


@dataclass(frozen=True)
class References:
    """The names a formula uses, sorted by role."""

    names: frozenset[str]  # measures, indicators or attributes, resolved by the caller
    city: frozenset[str]  # ``city.<measure>``: the whole city's total
    previous: frozenset[str]  # ``previous(<indicator>)``: last month's value


_BINOPS: dict[type[ast.operator], str] = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*"}
_CMPOPS: dict[type[ast.cmpop], str] = {
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
    ast.Eq: "=",
    ast.NotEq: "<>",
}


def parse(text: str) -> ast.expr:
    """Parse ``text`` and check that it only uses the accepted node types."""
    try:
        tree = ast.parse(text.strip(), mode="eval").body
    except SyntaxError as exc:
        raise FormulaError(f"syntax error: {exc.msg}") from exc
    references(tree)  # validates the node types
    return tree


def references(tree: ast.expr) -> References:
    names: set[str] = set()
    city: set[str] = set()
    previous: set[str] = set()

    def visit(node: ast.expr) -> None:
        if isinstance(node, ast.Name):
            if node.id not in BUILTINS:
                names.add(node.id)
        elif isinstance(node, ast.Constant):
            if not isinstance(node.value, int | float | str) or isinstance(node.value, bool):
                raise FormulaError(f"unsupported constant {node.value!r}")
        elif isinstance(node, ast.Attribute):
            if not (isinstance(node.value, ast.Name) and node.value.id == CITY):
                raise FormulaError("only city.<measure> may use a dot")
            city.add(node.attr)
        elif isinstance(node, ast.BinOp):
            if type(node.op) not in _BINOPS and not isinstance(node.op, ast.Div):
                raise FormulaError(f"unsupported operator {type(node.op).__name__}")
            visit(node.left)
            visit(node.right)
        elif isinstance(node, ast.UnaryOp):
            if not isinstance(node.op, ast.USub | ast.Not):
                raise FormulaError(f"unsupported operator {type(node.op).__name__}")
            visit(node.operand)
        elif isinstance(node, ast.BoolOp):
            for value in node.values:
                visit(value)
        elif isinstance(node, ast.Compare):
            if len(node.ops) != 1:
                raise FormulaError("chained comparisons are not supported")
            op, right = node.ops[0], node.comparators[0]
            if isinstance(op, ast.Is | ast.IsNot):
                if not (isinstance(right, ast.Constant) and right.value is None):
                    raise FormulaError("'is' only compares with None")
            elif type(op) not in _CMPOPS:
                raise FormulaError(f"unsupported comparison {type(op).__name__}")
            else:
                visit(right)
            visit(node.left)
        elif isinstance(node, ast.Call):
            if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
                raise FormulaError(f"unknown function; allowed: {', '.join(sorted(FUNCTIONS))}")
            if len(node.args) != FUNCTIONS[node.func.id] or node.keywords:
                raise FormulaError(
                    f"{node.func.id}() takes {FUNCTIONS[node.func.id]} positional argument(s)"
                )
            if node.func.id == "previous":
                arg = node.args[0]
                if not isinstance(arg, ast.Name):
                    raise FormulaError("previous() takes an indicator id")
                previous.add(arg.id)
            else:
                for arg in node.args:
                    visit(arg)
        else:
            raise FormulaError(f"unsupported syntax {type(node).__name__}")

    visit(tree)
    return References(frozenset(names), frozenset(city), frozenset(previous))


@dataclass(frozen=True)
class Resolver:
    """How names become SQL: supplied by the compiler for the grain being computed."""

    name: Callable[[str], str]
    city: Callable[[str], str] = lambda n: f"c.{n}"
    previous: Callable[[str], str] = lambda n: f"{n}__prev"
    months: int = 0


def snap(sql: str) -> str:
    """A number as ranked: rounded to SNAP_DECIMALS places."""
    return f"ROUND({sql}, {SNAP_DECIMALS})"


# Half a unit of the 9th decimal: two numbers closer than this are equal in a comparison.
TOLERANCE = "5e-10"


def compare(left: str, op: str, right: str, right_constant: float | None = None) -> str:
    """``left op right`` where numbers closer than TOLERANCE are equal.

    Against a constant the tolerance moves the constant (a plain comparison per row, no
    function call: count conditions run on every enterprise row of a nation cube); otherwise
    the difference is compared with it.
    """
    if right_constant is not None:
        c = repr(float(right_constant))
        lower, upper = f"({c} - {TOLERANCE})", f"({c} + {TOLERANCE})"
        x = left
    else:
        lower, upper = f"(-{TOLERANCE})", TOLERANCE
        x = f"({left} - {right})"
    return {
        ">": f"({x} > {upper})",
        ">=": f"({x} > {lower})",
        "<": f"({x} < {lower})",
        "<=": f"({x} < {upper})",
        "=": f"({x} > {lower} AND {x} < {upper})",
        "<>": f"(NOT ({x} > {lower} AND {x} < {upper}))",
    }[op]


def _is_text(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def quote_literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def to_sql(tree: ast.expr, resolve: Resolver) -> str:
    """Render a parsed formula as a portable SQL expression."""

    def r(node: ast.expr) -> str:
        if isinstance(node, ast.Name):
            return str(resolve.months) if node.id == "months" else resolve.name(node.id)
        if isinstance(node, ast.Constant):
            if isinstance(node.value, str):
                return quote_literal(node.value)
            return repr(node.value)
        if isinstance(node, ast.Attribute):
            return resolve.city(node.attr)
        if isinstance(node, ast.BinOp):
            left, right = r(node.left), r(node.right)
            if isinstance(node.op, ast.Div):
                # Integer counts must not divide as integers, and x / 0 is undefined, not inf.
                return f"(CAST({left} AS DOUBLE) / NULLIF({right}, 0))"
            return f"({left} {_BINOPS[type(node.op)]} {right})"
        if isinstance(node, ast.UnaryOp):
            if isinstance(node.op, ast.Not):
                return f"(NOT {r(node.operand)})"
            return f"(-{r(node.operand)})"
        if isinstance(node, ast.BoolOp):
            joiner = " AND " if isinstance(node.op, ast.And) else " OR "
            return "(" + joiner.join(r(v) for v in node.values) + ")"
        if isinstance(node, ast.Compare):
            op, operand = node.ops[0], node.comparators[0]
            if isinstance(op, ast.Is):
                return f"({r(node.left)} IS NULL)"
            if isinstance(op, ast.IsNot):
                return f"({r(node.left)} IS NOT NULL)"
            left, right = r(node.left), r(operand)
            if _is_text(node.left) or _is_text(operand):
                return f"({left} {_CMPOPS[type(op)]} {right})"
            constant = operand.value if isinstance(operand, ast.Constant) else None
            return compare(left, _CMPOPS[type(op)], right, constant)  # type: ignore[arg-type]
        if isinstance(node, ast.Call):
            assert isinstance(node.func, ast.Name)
            if node.func.id == "previous":
                arg = node.args[0]
                assert isinstance(arg, ast.Name)
                return resolve.previous(arg.id)
            current, base = (r(a) for a in node.args)
            # Same-caliber growth, %: undefined unless the base is positive.
            ratio = f"CAST({current} AS DOUBLE) / {base}"
            return f"(CASE WHEN {compare(base, '>', '0', 0)} THEN ({ratio} - 1) * 100 END)"
        raise FormulaError(f"unsupported syntax {type(node).__name__}")  # parse() prevents this

    return r(tree)
