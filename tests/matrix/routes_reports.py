"""The reports pages (报表): who may reach them (tests/matrix/route.py).

The matrix's small city has monthly reports but no daily electricity: a dispatch or weekly
download that may be generated is refused for want of data (400, a message on the page), one
that may not is 403. County users get the county edition of their own county (bulletin and
dispatch), never another county's, and no weekly; dave the analyst reads everything.
"""

from tests.matrix.route import Route

PERIOD = "2024-04"
DAY = "2024-05-06"
WEEK = "2024-W19"

ROUTES = [
    Route(
        "web:reports",
        "/reports/",
        {"anonymous": 302, "alice": 200, "dave": 200, "bob": 200, "carol": 200},
    ),
    # the city's bulletin for city users, the own county's edition for county users
    Route(
        "web:report_bulletin",
        f"/reports/bulletin/?period={PERIOD}&format=docx",
        {"anonymous": 302, "alice": 200, "dave": 200, "bob": 200, "carol": 200},
    ),
    # another county's edition: bob (阳谷县) may not have 东昌府区's
    Route(
        "web:report_bulletin",
        f"/reports/bulletin/?period={PERIOD}&format=docx&region=371502",
        {"anonymous": 302, "alice": 200, "dave": 200, "bob": 403, "carol": 200},
    ),
    Route(
        "web:report_dispatch",
        f"/reports/dispatch/?date={DAY}",
        {"anonymous": 302, "alice": 400, "dave": 400, "bob": 400, "carol": 400},
    ),
    Route(
        "web:report_dispatch",
        f"/reports/dispatch/?date={DAY}&region=371521",
        {"anonymous": 302, "alice": 400, "dave": 400, "bob": 400, "carol": 403},
    ),
    Route(
        "web:report_weekly",
        f"/reports/weekly/?week={WEEK}",
        {"anonymous": 302, "alice": 400, "dave": 400, "bob": 403, "carol": 403},
    ),
]
