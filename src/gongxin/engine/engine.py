"""The engine's public face: validate a request, run the compiled SQL, shape the result.

The engine reads an analytic snapshot (see docs/architecture.md) through a DuckDB connection
and knows nothing of who wrote it. Each call runs on its own cursor, so temporary tables of
concurrent calls never meet, and results are cached per (data_version, request).
"""

from __future__ import annotations

import dataclasses
import itertools
import threading
from collections import OrderedDict
from collections.abc import Hashable, Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from gongxin.engine import compiler, derived
from gongxin.engine.catalog import Catalog, default_catalog
from gongxin.engine.compiler import Plan, Request
from gongxin.engine.errors import (
    BAD_FILTER,
    NO_INDICATOR,
    UNKNOWN_DIMENSION,
    UNKNOWN_FILTER_MEMBER,
    UNKNOWN_INDICATOR,
    EngineError,
)
from gongxin.engine.period import Period
from gongxin.engine.result import Block, Column, Result, _plain
from gongxin.scope import Scope

NOTE_PPI = "{division} {name} {period} 缺少PPI，按100计算"
NOTE_RATIO_EARLIER = "{division} {name} 缺少{year}年增加值率，使用{used}年增加值率"
NOTE_RATIO_NONE = "{division} {name} 缺少{year}年及以前的增加值率，按1计算"
NOTE_NOT_APPLICABLE = "指标 {indicator}（{name}）不适用于按 {dim} 分组，值为空"
NOTE_JANUARY = (
    "1月数据不单独发布：1—2月数据合并发布，请查询 {year}-02（2月的数据即{year}年1—2月数据）"
)
# meta key written by the snapshot from the city configuration (publish_jan_feb_together)
META_JAN_FEB = "jan_feb_together"


class Engine:
    """Indicators over one analytic snapshot."""

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        catalog: Catalog | None = None,
        *,
        cache_size: int = 64,
        use_derived: bool = True,
        columnar: bool = True,
    ) -> None:
        self._con = con
        self.catalog = catalog or default_catalog()
        self._cache: OrderedDict[Hashable, Result] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()
        # em_ytd serves requests without as_of (see engine/derived.py); False forces the
        # general path everywhere (benchmarks and equivalence tests compare the two).
        self.use_derived = use_derived
        # numpy columns (fast for a cube of millions of values); False fetches Python rows, so
        # that a small request from a cold process (the CLI) does not pay for importing numpy.
        self.columnar = columnar
        self._has_history: bool | None = None

    @classmethod
    def open(
        cls, path: str | Path, catalog: Catalog | None = None, *, columnar: bool = True
    ) -> Engine:
        """Open a snapshot file read-only."""
        return cls(duckdb.connect(str(path), read_only=True), catalog, columnar=columnar)

    def close(self) -> None:
        self._con.close()

    # --- requests ------------------------------------------------------------------------

    def query(
        self,
        *,
        indicators: Sequence[str],
        period: str,
        by: str = "city",
        as_of: datetime | None = None,
        scope: Scope | None = None,
        filters: Iterable[tuple[str, str]] | Iterable[str] = (),
    ) -> Result:
        """Indicators for every member of one dimension, for one period.

        ``filters`` are ``(dim, code)`` pairs (or ``"dim=code"`` text): only the enterprises
        that are members of every one count, and ``city.<measure>`` is their total.
        """
        request = self._request(indicators, period, (by,), as_of, scope, filters)
        return self._run(request, with_dim=False)

    def cube(
        self, *, period: str, as_of: datetime | None = None, scope: Scope | None = None
    ) -> Result:
        """Every catalog indicator on every dimension it applies to (rows carry ``dim``)."""
        request = self._request(
            tuple(self.catalog.indicators), period, tuple(self.catalog.dimensions), as_of, scope
        )
        return self._run(request, with_dim=True)

    def plan(
        self,
        *,
        indicators: Sequence[str],
        period: str,
        by: str | Sequence[str] = "city",
        as_of: datetime | None = None,
        scope: Scope | None = None,
        filters: Iterable[tuple[str, str]] | Iterable[str] = (),
    ) -> Plan:
        """The compiled SQL of a request, without running it."""
        dims = (by,) if isinstance(by, str) else tuple(by)
        request = self._request(indicators, period, dims, as_of, scope, filters)
        cursor = self._con.cursor()
        try:
            return compiler.compile_request(
                self.catalog, request, self._derived_columns(cursor, request)
            )
        finally:
            cursor.close()

    def report_periods(self) -> list[str]:
        """Months with at least one counting monthly report, newest first (``YYYY-MM``)."""
        cursor = self._con.cursor()
        try:
            rows = cursor.execute(
                "SELECT DISTINCT ym FROM monthly WHERE withdrawn_at IS NULL ORDER BY ym DESC"
            ).fetchall()
        except duckdb.CatalogException:
            return []
        finally:
            cursor.close()
        return [f"{ym // 100:04d}-{ym % 100:02d}" for (ym,) in rows]

    @property
    def data_version(self) -> str | None:
        cursor = self._con.cursor()
        try:
            row = cursor.execute(
                "SELECT MAX(value) FROM meta WHERE key = 'data_version'"
            ).fetchone()
        except duckdb.CatalogException:
            return None
        finally:
            cursor.close()
        return None if row is None or row[0] is None else str(row[0])

    # --- internals -----------------------------------------------------------------------

    def _derived_columns(
        self, cursor: duckdb.DuckDBPyConnection, request: Request
    ) -> frozenset[str]:
        if not self.use_derived or request.as_of is not None:
            return frozenset()
        return derived.available(cursor)

    def _request(
        self,
        indicators: Sequence[str],
        period: str,
        dims: tuple[str, ...],
        as_of: datetime | None,
        scope: Scope | None,
        filters: Iterable[tuple[str, str]] | Iterable[str] = (),
    ) -> Request:
        if isinstance(indicators, str):
            indicators = [indicators]
        if not indicators:
            raise EngineError(NO_INDICATOR)
        for indicator_id in indicators:
            if indicator_id not in self.catalog.indicators:
                raise EngineError(UNKNOWN_INDICATOR.format(value=indicator_id))
        for dim in dims:
            if dim not in self.catalog.dimensions:
                raise EngineError(
                    UNKNOWN_DIMENSION.format(value=dim, choices="、".join(self.catalog.dimensions))
                )
        if as_of is not None and as_of.tzinfo is not None:
            # recorded_at is stored as naive UTC.
            as_of = as_of.astimezone(UTC).replace(tzinfo=None)
        parsed = dataclasses.replace(Period.parse(period), jan_feb=self._jan_feb_together())
        return Request(
            indicators=tuple(dict.fromkeys(indicators)),
            period=parsed,
            dims=dims,
            as_of=as_of,
            regions=None if scope is None else scope.regions,
            filters=self._filters(filters),
            versioned=as_of is not None and self._versioned(),
        )

    def _jan_feb_together(self) -> bool:
        """Whether the snapshot's city publishes January and February together (1—2月)."""
        cursor = self._con.cursor()
        try:
            row = cursor.execute(
                f"SELECT MAX(value) FROM meta WHERE key = '{META_JAN_FEB}'"
            ).fetchone()
        except duckdb.CatalogException:
            return False
        finally:
            cursor.close()
        return bool(row and row[0] in ("1", "true", "True"))

    def _versioned(self) -> bool:
        """Whether the snapshot carries the registry's history (older snapshots do not)."""
        if self._has_history is None:
            cursor = self._con.cursor()
            try:
                row = cursor.execute(
                    "SELECT COUNT(*) FROM information_schema.tables WHERE table_name IN "
                    "('enterprise_history', 'above_scale_history', 'enterprise_chain_history')"
                ).fetchone()
            finally:
                cursor.close()
            self._has_history = bool(row and row[0] == 3)
        return self._has_history

    def _filters(self, filters: Iterable[tuple[str, str]] | Iterable[str]) -> tuple:
        pairs: list[tuple[str, str]] = []
        for item in filters:
            if isinstance(item, str):
                dim, sep, code = item.replace(":", "=", 1).partition("=")
                if not sep:
                    raise EngineError(BAD_FILTER.format(value=item))
            else:
                dim, code = item
            dim, code = dim.strip(), code.strip()
            if dim not in self.catalog.dimensions or not code:
                raise EngineError(BAD_FILTER.format(value=f"{dim}={code}"))
            if not self._is_member(dim, code):
                raise EngineError(UNKNOWN_FILTER_MEMBER.format(dim=dim, code=code))
            pairs.append((dim, code))
        return tuple(sorted(set(pairs)))

    def _is_member(self, dim: str, code: str) -> bool:
        kind = self.catalog.dimensions[dim].kind
        if kind == "enterprise":
            sql, args = "SELECT COUNT(*) FROM enterprise WHERE uscc = ?", [code]
        elif kind == "flag":
            return code in {"0", "1"}
        elif kind == "city":
            sql = (
                "SELECT COUNT(*) FROM (SELECT value AS code FROM meta WHERE key = 'city_code' "
                "UNION ALL SELECT code FROM member WHERE dim = 'city') t WHERE code = ?"
            )
            args = [code]
        elif self.catalog.dimensions[dim].missing == code:
            return True
        else:
            # a named member, or a code some enterprise carries (tiny test snapshots name none)
            column = self.catalog.dimensions[dim].column
            used = (
                "SELECT chain FROM enterprise_chain"
                if kind == "chain"
                else f"SELECT {column} FROM enterprise"
            )
            sql = (
                "SELECT (SELECT COUNT(*) FROM member WHERE dim = ? AND code = ?) "
                f"+ (SELECT COUNT(*) FROM ({used}) u(code) WHERE code = ?)"
            )
            args = [dim, code, code]
        cursor = self._con.cursor()
        try:
            row = cursor.execute(sql, args).fetchone()
        finally:
            cursor.close()
        return bool(row and row[0])

    def _run(self, request: Request, *, with_dim: bool) -> Result:
        version = self.data_version
        key = (version, request, with_dim)
        if version is not None:
            with self._lock:
                if key in self._cache:
                    self._cache.move_to_end(key)
                    return self._cache[key]
        cursor = self._con.cursor()
        try:
            plan = compiler.compile_request(
                self.catalog, request, self._derived_columns(cursor, request)
            )
            for step in plan.steps[: len(plan.steps) - plan.results]:
                cursor.execute(step.sql)
            parts = []
            for step in plan.selects:
                cursor.execute(step.sql)
                parts.append((step.dim, self._fetch(cursor, step.order)))
            notes = self._notes(cursor, plan)
        finally:
            cursor.close()  # drops the temporary tables
        blocks: list[Block] = []
        for dim, data in parts:
            if request.period.unpublished and dim is None:
                data, hidden = _unpublished(data)
                if hidden:
                    notes = [NOTE_JANUARY.format(year=request.period.year)]
            blocks += self._blocks(request, data, with_dim, dim)
        # Display order: the request's dimensions in turn (the enterprises come apart).
        blocks.sort(key=lambda b: request.dims.index(b.dim))
        if not blocks and not with_dim:
            blocks.append(Block(dim=request.dims[0], members=[], names=[], columns=()))
        result = Result(
            blocks=tuple(blocks),
            notes=notes + self._applicability_notes(request, with_dim),
            data_version=version,
            with_dim=with_dim,
        )
        if version is not None:
            with self._lock:
                self._cache[key] = result
                while len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
        return result

    def _fetch(self, cursor: duckdb.DuckDBPyConnection, order: str | None) -> dict[str, Any]:
        """The last result's columns; ordered by the integer column ``order`` (then dropped)
        if the SELECT left the order to the caller."""
        if not self.columnar:
            data = _fetch_lists(cursor)
            if order is not None:
                keys = data.pop(order)
                rows = sorted(range(len(keys)), key=keys.__getitem__)
                data = {k: [v[i] for i in rows] for k, v in data.items()}
            return data
        data = cursor.fetchnumpy()
        if order is not None:
            import numpy  # already imported by duckdb's fetchnumpy

            rows = numpy.argsort(data.pop(order), kind="stable")
            data = {k: v[rows] for k, v in data.items()}
        return data

    def _blocks(
        self, request: Request, data: dict[str, Any], with_dim: bool, only: str | None = None
    ) -> list[Block]:
        """Blocks of one result: rows ordered by dimension (``dim`` column), or all of the
        dimension ``only``. Numpy slices keep the columns unconverted until someone reads
        Result.rows."""
        members = data["member"]
        if only is not None:
            boundaries, dims = [0, len(members)], [only]
        else:
            dims = data["dim"]
            if self.columnar and not isinstance(dims, list):
                import numpy  # already imported by duckdb's fetchnumpy

                changes = (numpy.flatnonzero(dims[1:] != dims[:-1]) + 1).tolist()
            else:
                changes = [k for k in range(1, len(dims)) if dims[k] != dims[k - 1]]
            boundaries = [0, *changes, len(dims)]
        blocks = []
        for start, end in itertools.pairwise(boundaries):
            if start == end:
                continue
            dim = str(dims[start])
            columns = tuple(
                Column(
                    indicator=i,
                    unit=self.catalog.indicators[i].unit,
                    integer=self.catalog.indicators[i].is_integer,
                    values=data[f"i_{i}"][start:end],
                )
                for i in request.indicators
                # A cube leaves out what does not apply; a query shows it as null (and notes it).
                if not with_dim or dim in self.catalog.indicators[i].dims
            )
            blocks.append(
                Block(
                    dim=dim,
                    members=members[start:end],
                    names=data["name"][start:end],
                    columns=columns,
                )
            )
        return blocks

    def _notes(self, cursor: duckdb.DuckDBPyConnection, plan: Plan) -> list[str]:
        period = plan.request.period
        notes: list[str] = []
        names = dict(
            cursor.execute(
                "SELECT code, MAX(name) FROM member WHERE dim = 'industry' GROUP BY code"
            ).fetchall()
        )
        if plan.needs_ppi:
            gaps = cursor.execute(
                "SELECT division, ppi_gaps FROM ent WHERE in_cur = 1 AND ppi_gaps > 0 "
                "GROUP BY division, ppi_gaps"
            ).fetchall()
            missing: set[tuple[str, int]] = set()
            for division, mask in gaps:
                for month in range(1, period.month + 1):
                    if int(mask) & (1 << month):
                        missing.add((division, month))
            for division, month in sorted(missing):
                notes.append(
                    NOTE_PPI.format(
                        division=division,
                        name=names.get(division, ""),
                        period=f"{period.year}-{month:02d}",
                    )
                )
        if plan.needs_ratio:
            rows = cursor.execute(
                f"SELECT d.division, r.period FROM (SELECT DISTINCT division FROM ent "
                f"WHERE in_cur = 1) d LEFT JOIN ({compiler.ratio_sql(period)}) r "
                f"ON r.division = d.division ORDER BY d.division"
            ).fetchall()
            for division, used in rows:
                args = {"division": division, "name": names.get(division, ""), "year": period.year}
                if used is None:
                    notes.append(NOTE_RATIO_NONE.format(**args))
                elif str(used) != str(period.year):
                    notes.append(NOTE_RATIO_EARLIER.format(used=used, **args))
        # One note per fact: the ratio look-up yields a row per year it could have used.
        return list(dict.fromkeys(" ".join(n.split()) for n in notes))

    def _applicability_notes(self, request: Request, with_dim: bool) -> list[str]:
        if with_dim:
            return []
        notes = []
        for indicator_id in request.indicators:
            indicator = self.catalog.indicators[indicator_id]
            for dim in request.dims:
                if dim not in indicator.dims:
                    notes.append(
                        NOTE_NOT_APPLICABLE.format(
                            indicator=indicator_id, name=indicator.name, dim=dim
                        )
                    )
        return notes


def _unpublished(data: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """January of a city that publishes 1—2月 together: members, but no aggregate figures.
    An enterprise's own January report stays readable (monitoring, not publication)."""
    hidden = [str(d) != "enterprise" for d in data["dim"]]
    if not any(hidden):
        return data, False
    return {
        k: ([None if h else x for h, x in zip(hidden, _plain(v), strict=True)])
        if k.startswith("i_")
        else v
        for k, v in data.items()
    }, True


def _fetch_lists(cursor: duckdb.DuckDBPyConnection) -> dict[str, list[Any]]:
    """The last result as ``{column: [values]}`` (what fetchnumpy gives, without numpy)."""
    names = [d[0] for d in cursor.description or []]
    rows = cursor.fetchall()
    return {name: [row[k] for row in rows] for k, name in enumerate(names)}
