"""数据上传 routes: the page, a month's revisions, a batch's report and its withdrawal.

The batch is a committed monthly import by alice (city): county users cannot see it (404);
only a city admin may withdraw it (dave, the analyst who changes nothing: 403).
"""

from __future__ import annotations

from tests.matrix.route import Route

READ = {"anonymous": 302, "alice": 200, "dave": 200, "bob": 200, "carol": 200}

ROUTES = [
    Route("web:uploads", "/uploads/", READ),
    Route("web:revisions", "/uploads/revisions/", READ),
    Route(
        "web:upload_batch",
        "/uploads/{withdraw_batch}/",
        {"anonymous": 302, "alice": 200, "dave": 200, "bob": 404, "carol": 404},
    ),
    Route(
        "web:upload_withdraw",
        "/uploads/{withdraw_batch}/withdraw/",
        {"anonymous": 302, "alice": 302, "dave": 403, "bob": 404, "carol": 404},
        method="POST",
    ),
]


def fixtures() -> dict[str, str]:
    from gongxin.ingest.models import ImportBatch

    batch = ImportBatch.objects.create(
        kind="monthly",
        filename="matrix.csv",
        sha256="0" * 64,
        size=1,
        actor="alice",
        status=ImportBatch.Status.COMMITTED,
        rows=1,
    )
    return {"withdraw_batch": str(batch.pk)}
