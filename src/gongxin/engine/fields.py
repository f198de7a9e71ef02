"""What a catalog measure can aggregate: enterprise-month fields and enterprise attributes.

Each field has the SQL of its current value and of its same-caliber base, written once here.
The compiler's enterprise-month step aliases the tables as:

* ``c``  – the enterprise's report for a month of the period's year (chosen revision),
* ``p``  – its stored report for the same month a year earlier (chosen revision), if any,
* ``pp`` – the PPI of the enterprise's division for that month, if any,
* ``r``  – the value-added ratio of its division for the period's year or the latest earlier one.

A field without a base (``reported``) cannot be used in a same-caliber measure.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    current: str
    base: str | None
    needs_ppi: bool = False
    needs_ratio: bool = False


# Comparable prices: deflate by the division's PPI of the month (same month a year earlier =
# 100); a missing PPI counts as 100 and is reported in the result notes.
_DEFLATED_OUTPUT = "(c.output / (COALESCE(pp.value, 100) / 100))"
# The ratio of the period's year, else the latest earlier year, else 1 (reported).
_RATIO = "COALESCE(c.ratio, 1)"


def _reported(column: str) -> Field:
    # Same caliber: the enterprise's own *_py figure where given, else its stored report
    # for the same month a year earlier.
    return Field(current=f"c.{column}", base=f"COALESCE(c.{column}_py, p.{column})")


FIELDS: dict[str, Field] = {
    "output": _reported("output"),
    "sales": _reported("sales"),
    "export": _reported("export"),
    "revenue": _reported("revenue"),
    "profit": _reported("profit"),
    "electricity": _reported("electricity"),
    # Employees have no *_py column: the base is last year's stored report only.
    "employees": Field(current="c.employees", base="p.employees"),
    # Output at comparable (base-year) prices; its base is last year's output as reported.
    "output_cmp": Field(
        current=_DEFLATED_OUTPUT, base="COALESCE(c.output_py, p.output)", needs_ppi=True
    ),
    "va": Field(
        current=f"({_RATIO} * {_DEFLATED_OUTPUT})",
        base=f"({_RATIO} * COALESCE(c.output_py, p.output))",
        needs_ppi=True,
        needs_ratio=True,
    ),
    # 1 for every stored report: counts reports and reporting enterprises.
    "reported": Field(current="1", base=None),
}

# Enterprise attributes usable in a measure's ``where`` (column of the snapshot ``enterprise``).
ATTRIBUTES: frozenset[str] = frozenset(
    {
        "region",
        "division",
        "high_tech",
        "equipment",
        "energy_intensive",
        "ownership",
        "size",
        "key",
    }
)
