"""What an import tells the rest of the platform once its records are committed.

``import_committed`` is sent by ``ingest.services.import_file`` after the transaction commits
and the analytic snapshot is refreshed, only when the import changed what the engine reads
(the data version moved). Receivers (the warnings app evaluates the touched periods) must not
fail the import: the records are committed and stay.

Arguments: ``kind`` (the import kind), ``periods`` (the ``period`` values of the file's rows —
``YYYY-MM`` strings or ``YYYYMM`` ints for monthly data, ``YYYY`` for yearly reference series —
or ``None`` when the kind has no period column and may touch every period, e.g. the roster),
``actor`` and ``batch_id``.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.dispatch import Signal

import_committed = Signal()


def touched_periods(keys: Iterable[str], records: Iterable[object]) -> frozenset | None:
    """The distinct ``period`` values of ``records``; ``None`` if the schema has no period."""
    if "period" not in keys:
        return None
    return frozenset(rec["period"] for rec in records if rec["period"] is not None)  # type: ignore[index]
