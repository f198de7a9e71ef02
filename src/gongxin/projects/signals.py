"""What the key projects tell the rest of the platform once their records are committed.

``projects_changed`` is sent after the transaction that wrote a project list or monthly
progress commits (``transaction.on_commit`` in ``services``), only when something was created
or revised. Its arguments are those of ``ingest.signals.import_committed`` — ``kind``,
``periods`` (the months of the written progress rows as ``YYYYMM`` ints, or the plan years as
``YYYY`` ints for a list), ``actor`` — so the warnings app re-evaluates the touched months with
the same receiver, and a project's red/yellow warning (scope ``project``) follows the import
instead of waiting for the next monthly import. The projects app does not import alerts.
"""

from __future__ import annotations

from django.dispatch import Signal

projects_changed = Signal()
