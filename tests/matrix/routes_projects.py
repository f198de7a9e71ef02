"""Routes of key projects (重点项目挂图作战): the battle map, its export, a project, the API.

Every route is a read: city roles (alice, dave) see every project; county users see their own
region's projects, and another region's project answers 404 like a missing one. Uploading the
two files goes through the existing upload page (declared by its own area).
"""

from __future__ import annotations

from tests.matrix.route import Route

PROJECTS_CSV = (
    "code,year,name,owner,region,chain,kind,total_investment,plan_investment,plan_start\n"
    "MX001,2024,东昌府铝材项目,聊城某铝业有限公司,371502,nonferrous,强链,50000,12000,2024-03-15\n"
    "MX002,2024,阳谷电池项目,某新能源公司,371521,nev,补链,80000,20000,2024-02-01\n"
)
PROGRESS_CSV = (
    "period,code,investment,started_on\n2024-04,MX001,3000,2024-03-20\n2024-04,MX002,1000,\n"
)

PAGE = {"anonymous": 302, "alice": 200, "dave": 200, "bob": 200, "carol": 200}
API = {"anonymous": 401, "alice": 200, "dave": 200, "bob": 200, "carol": 200}

ROUTES = [
    Route("web:projects", "/projects/", PAGE),
    Route("web:projects", "/projects/?period=2024-04&level=red&sort=completion", PAGE),
    Route("web:projects_export", "/projects/export/?period=2024-04", PAGE),
    Route(
        "web:project",
        "/projects/{carol_project}/?year=2024",
        {"anonymous": 302, "alice": 200, "dave": 200, "bob": 404, "carol": 200},
    ),
    Route(
        "web:project",
        "/projects/{bob_project}/",
        {"anonymous": 302, "alice": 200, "dave": 200, "bob": 200, "carol": 404},
    ),
    Route("web:report_projects", "/reports/projects/?period=2024-04&format=docx", PAGE),
    Route("web:report_projects", "/reports/projects/?period=2024-04&format=xlsx", PAGE),
    Route(
        "web:report_projects",
        "/reports/projects/?period=2024-04&format=pdf",
        {"anonymous": 302, "alice": 400, "dave": 400, "bob": 400, "carol": 400},
    ),
    Route("api:GET /api/v1/projects", "/api/v1/projects", API, data={"period": "2024-04"}),
    Route(
        "api:GET /api/v1/projects",
        "/api/v1/projects",
        API,
        data={"period": "2024-04", "by": "region"},
    ),
]


def fixtures() -> dict[str, str]:
    import tempfile
    from pathlib import Path

    from gongxin.ingest.services import import_file

    with tempfile.TemporaryDirectory() as tmp:
        for kind, text in (("projects", PROJECTS_CSV), ("project-progress", PROGRESS_CSV)):
            path = Path(tmp) / f"{kind}.csv"
            path.write_text(text, encoding="utf-8")
            result = import_file(kind=kind, path=path, actor="test")
            assert result.ok, result.errors
    return {"carol_project": "MX001", "bob_project": "MX002"}
