"""No English a clerk can see: the main pages as a city and a county user, text nodes only.

Visible text is every text node outside <script>/<style> plus placeholders and button values;
an ASCII word of three or more letters fails the test unless it is on the allow-list (file
formats, product names). Codes, units, USCCs and numbers have no such words.
"""

import re
from html.parser import HTMLParser

import pytest

pytestmark = pytest.mark.django_db

# Words a clerk reads as they are: file formats and names of things they use.
ALLOWED = {
    "Excel", "CSV", "XLSX", "xlsx", "csv", "DOCX", "docx", "HTML", "html", "PDF", "API", "JSON",
    "ISO",  # ISO 周 (the week numbering the weekly analysis uses)
}  # fmt: skip
# Text for screen readers only (Django's admin has a few untranslated ones): not seen.
SCREEN_READER_ONLY = {"visually-hidden", "sr-only"}
WORD = re.compile(r"[A-Za-z][A-Za-z_]{2,}")


class VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hidden = 0
        self.unseen: str | None = None  # the tag of a screen-reader-only element we are in
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self.hidden += 1
        classes = set((dict(attrs).get("class") or "").split())
        if classes & SCREEN_READER_ONLY and self.unseen is None:
            self.unseen = tag
        for name, value in attrs:
            if name in ("placeholder",) and value:
                self.texts.append(value)
            if name == "value" and tag == "button" and value:
                self.texts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template"):
            self.hidden -= 1
        if tag == self.unseen:
            self.unseen = None

    def handle_data(self, data):
        if not self.hidden and self.unseen is None and data.strip():
            self.texts.append(data.strip())


def english_words(html: str, names: frozenset[str] = frozenset()) -> list[str]:
    """ASCII words in the visible text; ``names`` are user data (log-in names) shown as typed."""
    parser = VisibleText()
    parser.feed(html)
    found = []
    for text in parser.texts:
        found += [w for w in WORD.findall(text) if w not in ALLOWED and w not in names]
    return found


USERNAMES = frozenset({"alice", "bob", "carol", "dave", "test"})  # "test": the fixtures' actor


def _audit_entry():
    from gongxin.registry.models import AuditEntry

    AuditEntry.objects.create(
        actor="alice", action="create", entity="enterprise", key="91371521MA3C00001A",
        field="name", new="阳谷铜业有限公司",
    )  # fmt: skip


CITY_PAGES = [
    "/",
    "/regions/",
    "/regions/371521/",
    "/industries/",
    "/industries/33/",
    "/chains/",
    "/dim/high_tech/",
    "/dim/size/",
    "/enterprises/",
    "/enterprises/table/?period=2024-04&dim=region&member=371521",
    "/enterprises/91371521MA3C00001A/",
    "/uploads/",
    "/uploads/revisions/",
    "/alerts/",
    "/reports/",
]
COUNTY_PAGES = [*CITY_PAGES, "/?view=city"]


def test_english_words_are_found_in_text_but_not_in_scripts():
    html = '<p>共 3 家 create</p><script>var name = 1;</script><input placeholder="uscc">'
    assert english_words(html) == ["create", "uscc"]


@pytest.mark.parametrize("who, pages", [("alice", CITY_PAGES), ("bob", COUNTY_PAGES)])
def test_the_main_pages_show_no_english(who, pages, request, login, enterprises):
    _audit_entry()
    client = login(request.getfixturevalue(who))
    problems = {}
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        words = english_words(response.content.decode(), USERNAMES)
        if words:
            problems[url] = sorted(set(words))
    # A warning's page (the warnings center above evaluated the month's rules).
    from gongxin.alerts.models import StoredWarning

    warning = StoredWarning.objects.order_by("id").first()
    assert warning is not None
    response = client.get(f"/alerts/{warning.id}/")
    # (a county user gets 404 for another county's warning)
    words = (
        english_words(response.content.decode(), USERNAMES) if response.status_code == 200 else []
    )
    if words:
        problems["/alerts/<id>/"] = sorted(set(words))
    assert problems == {}, problems


def test_the_admin_shows_no_english(login, alice, enterprises):
    from gongxin.stats.models import DataVersion

    alice.is_staff = alice.is_superuser = True
    alice.save()
    client = login(alice)
    problems = {}
    for url in (
        "/admin/",
        "/admin/stats/dataversion/",
        f"/admin/stats/dataversion/{DataVersion.objects.get().pk}/change/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        words = english_words(response.content.decode(), USERNAMES)
        if words:
            problems[url] = sorted(set(words))
    assert problems == {}, problems
