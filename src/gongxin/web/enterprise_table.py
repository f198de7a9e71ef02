"""The enterprise table of the list, member and export views: filter, join figures, sort, page.

Enterprises come only from ``enterprises_visible(scope)``; their figures from the engine
(``by=enterprise`` in the same scope). Here the two are joined and ordered — no figure is made.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.http import QueryDict

from gongxin.city.classifications import ENERGY_INTENSIVE_DIVISIONS
from gongxin.city.config import load_city_config
from gongxin.registry.access import enterprises_visible
from gongxin.registry.models import Enterprise
from gongxin.scope import Scope
from gongxin.web import figures

PER_PAGE = 20

# Figure columns of the table, in display order (all from figures.ENTERPRISE_INDICATORS).
FIGURE_COLUMNS: tuple[str, ...] = (
    "output_ytd",
    "output_growth_ytd",
    "va_growth_ytd",
    "profit_ytd",
    "electricity_growth_ytd",
)
TEXT_SORTS = {"uscc": "uscc", "name": "name", "region": "region_name", "industry": "division"}
TEXT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("name", "企业名称"),
    ("region", "所属区县"),
    ("industry", "行业大类"),
)
DEFAULT_SORT = "output_ytd"

# Dimensions the table can be narrowed to, as on the member pages.
FILTER_DIMS = (
    "region", "industry", "chain", "high_tech", "equipment", "energy_intensive", "key",
    "ownership", "size",
)  # fmt: skip


@dataclass(frozen=True)
class TableRequest:
    period: str | None
    dim: str | None = None
    member: str | None = None
    q: str = ""
    sort: str = DEFAULT_SORT
    desc: bool = True
    page: int = 1

    @classmethod
    def parse(cls, params: QueryDict, period: str | None) -> TableRequest:
        dim = params.get("dim") or None
        member = params.get("member") or None
        if dim not in FILTER_DIMS or member is None:
            dim = member = None
        sort = params.get("sort", DEFAULT_SORT)
        if sort not in FIGURE_COLUMNS and sort not in TEXT_SORTS:
            sort = DEFAULT_SORT
        try:
            page = max(1, int(params.get("page", "1")))
        except ValueError:
            page = 1
        return cls(
            period=period,
            dim=dim,
            member=member,
            q=params.get("q", "").strip()[:100],
            sort=sort,
            desc=params.get("dir", "desc" if sort in FIGURE_COLUMNS else "asc") == "desc",
            page=page,
        )

    def query(self, **changes: object) -> str:
        """The query string of this table with ``changes`` (for sort links and pages)."""
        values = {
            "period": self.period,
            "dim": self.dim,
            "member": self.member,
            "q": self.q,
            "sort": self.sort,
            "dir": "desc" if self.desc else "asc",
            "page": self.page,
            **changes,
        }
        return urlencode({k: v for k, v in values.items() if v not in (None, "")})


@dataclass
class Row:
    uscc: str
    name: str
    region_name: str
    division: str
    division_name: str
    key: bool
    values: figures.Values = field(default_factory=dict)


def _narrow(qs: QuerySet[Enterprise], dim: str, member: str) -> QuerySet[Enterprise]:
    """Enterprises of one member of a dimension (flags: "1" in, "0" out)."""
    flag = member == "1"
    match dim:
        case "region":
            return qs.filter(region_id=member)
        case "industry":
            return qs.filter(industry__division_id=member)
        case "chain":
            return qs.filter(chains=member)
        case "high_tech":
            return qs.filter(industry__high_tech=flag)
        case "equipment":
            divisions = sorted(load_city_config().equipment_divisions)
            inside = qs.filter(industry__division_id__in=divisions)
            return inside if flag else qs.exclude(industry__division_id__in=divisions)
        case "energy_intensive":
            divisions = sorted(ENERGY_INTENSIVE_DIVISIONS)
            inside = qs.filter(industry__division_id__in=divisions)
            return inside if flag else qs.exclude(industry__division_id__in=divisions)
        case "key":
            return qs.filter(key=flag)
        case "ownership" | "size":
            return qs.filter(**{dim: "" if member == "未填报" else member})
    return qs


# Registry rows per (data version, scope, filter): every change to the records bumps the version,
# so a cached list is never stale, and paging through 3,000 enterprises costs no query.
_ROWS: OrderedDict[tuple, list[tuple]] = OrderedDict()
_ROWS_SIZE = 32
_LOCK = threading.Lock()


def _registry_rows(scope: Scope, request: TableRequest) -> list[tuple]:
    engine = figures.engine()  # its identity names the data directory, its version the records
    version = engine.data_version
    key = (id(engine), version, scope.regions, request.dim, request.member, request.q)
    with _LOCK:
        if version is not None and key in _ROWS:
            _ROWS.move_to_end(key)
            return _ROWS[key]
    qs = enterprises_visible(scope)
    if request.dim and request.member:
        qs = _narrow(qs, request.dim, request.member)
    if request.q:
        qs = qs.filter(Q(name__icontains=request.q) | Q(uscc__icontains=request.q.upper()))
    rows = list(
        qs.values_list(
            "uscc",
            "name",
            "region__name",
            "industry__division_id",
            "industry__division__name",
            "key",
        ).distinct()
    )
    with _LOCK:
        _ROWS[key] = rows
        while len(_ROWS) > _ROWS_SIZE:
            _ROWS.popitem(last=False)
    return rows


def table_rows(scope: Scope, request: TableRequest) -> list[Row]:
    """Every matching enterprise the scope sees, with its figures, sorted (not paged)."""
    values = figures.enterprise_values(period=request.period, scope=scope) if request.period else {}
    rows = [
        Row(uscc, name, region_name, division, division_name, key, values.get(uscc, {}))
        for uscc, name, region_name, division, division_name, key in _registry_rows(scope, request)
    ]
    if request.sort in TEXT_SORTS:
        attr = TEXT_SORTS[request.sort]
        rows.sort(key=lambda r: getattr(r, attr), reverse=request.desc)
    else:
        # Enterprises without a figure (not above scale in the month, no base) go last.
        present = [r for r in rows if r.values.get(request.sort) is not None]
        absent = [r for r in rows if r.values.get(request.sort) is None]
        present.sort(key=lambda r: r.values[request.sort], reverse=request.desc)
        rows = present + sorted(absent, key=lambda r: r.uscc)
    return rows


def table_page(scope: Scope, request: TableRequest) -> Page:
    paginator = Paginator(table_rows(scope, request), PER_PAGE)
    return paginator.get_page(request.page)
