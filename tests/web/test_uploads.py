"""数据上传: the whole validation report on error, nothing written; scope for county users."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongxin.ingest.models import ImportBatch
from gongxin.stats.models import MonthlyReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def dave(city):
    from tests.web.personas import persona

    return persona("dave")


HEADER = "period,uscc,output,sales,profit,electricity\n"


def _post(client, kind, name, content: bytes):
    return client.post(
        "/uploads/",
        {
            "kind": kind,
            "file": SimpleUploadedFile(name, content),
            "csrfmiddlewaretoken": client.cookies["csrftoken"].value,
        },
    )


def test_a_bad_file_shows_every_problem_and_writes_nothing(login, alice, enterprises):
    before = MonthlyReport.objects.count()
    body = HEADER + "2024-05,91371521MA3C00001A,abc,1,1,1\n2024-13,91371521MA3C00002B,1,1,1,1\n"
    response = _post(login(alice), "monthly", "bad.csv", body.encode())
    assert response.status_code == 400
    html = response.content.decode()
    assert "未写入任何数据" in html
    assert "<code>output</code>" in html and "<code>period</code>" in html
    assert MonthlyReport.objects.count() == before
    assert ImportBatch.objects.filter(status="rejected", filename="bad.csv").exists()


def test_a_good_file_is_imported_and_listed_in_the_history(login, alice, enterprises):
    client = login(alice)
    body = HEADER + "2024-05,91371521MA3C00001A,1200,1100,50,80\n"
    html = _post(client, "monthly", "may.csv", body.encode()).content.decode()
    assert "导入成功" in html
    assert MonthlyReport.objects.filter(ym=202405).count() == 1
    history = client.get("/uploads/").content.decode()
    assert "may.csv" in history and "已导入" in history


def test_only_csv_and_xlsx_are_accepted(login, alice, enterprises):
    response = _post(login(alice), "monthly", "data.pdf", b"%PDF-1.4")
    assert response.status_code == 400 and "只接受 CSV" in response.content.decode()


def test_the_size_limit_applies(login, alice, enterprises, settings):
    settings.GONGXIN_MAX_IMPORT_BYTES = 10
    response = _post(login(alice), "monthly", "big.csv", (HEADER * 3).encode())
    assert response.status_code == 400 and "文件过大" in response.content.decode()


def test_a_county_user_uploads_monthly_data_of_its_own_region_only(login, bob, enterprises):
    client = login(bob)
    page = client.get("/uploads/").content.decode()
    assert 'value="monthly"' in page and 'value="roster"' not in page
    body = HEADER + "2024-05,91371521MA3C00001A,1,1,1,1\n2024-05,91371502MA3C00003C,1,1,1,1\n"
    response = _post(client, "monthly", "mixed.csv", body.encode())
    assert response.status_code == 400
    html = response.content.decode()
    assert "县区用户只能上传本区县企业的数据" in html and "未写入任何数据" in html
    assert not MonthlyReport.objects.filter(ym=202405).exists()
    refused = _post(client, "roster", "r.csv", b"uscc\n")
    assert refused.status_code == 403
    assert "县区用户只能导入本区县企业的月度或日调度数据" in refused.content.decode()
    ok = _post(
        client, "monthly", "own.csv", (HEADER + "2024-05,91371521MA3C00001A,9,9,9,9\n").encode()
    )
    assert "导入成功" in ok.content.decode()


def test_a_county_user_sees_its_own_regions_import_history_only(
    login, alice, bob, carol, enterprises
):
    _post(
        login(carol),
        "monthly",
        "carol.csv",
        (HEADER + "2024-05,91371502MA3C00003C,1,1,1,1\n").encode(),
    )
    _post(
        login(alice),
        "monthly",
        "city.csv",
        (HEADER + "2024-06,91371502MA3C00003C,1,1,1,1\n").encode(),
    )
    html = login(bob).get("/uploads/").content.decode()
    assert "carol.csv" not in html and "city.csv" not in html and "test.csv" not in html
    assert "carol.csv" in login(carol).get("/uploads/").content.decode()
    batch = ImportBatch.objects.get(filename="carol.csv")
    assert login(bob).get(f"/uploads/{batch.pk}/").status_code == 404
    assert login(carol).get(f"/uploads/{batch.pk}/").status_code == 200


def test_the_revisions_of_a_month(login, alice, bob, enterprises):
    client = login(alice)
    _post(
        client, "monthly", "fix.csv", (HEADER + "2024-04,91371502MA3C00003C,999,9,9,9\n").encode()
    )
    html = client.get("/uploads/revisions/?period=2024-04").content.decode()
    assert "东昌府纺织有限公司" in html and "第 2 版" in html
    assert (
        "东昌府纺织有限公司"
        not in login(bob).get("/uploads/revisions/?period=2024-04").content.decode()
    )


def test_hostile_files_are_refused_and_the_server_lives_on(login, bob, enterprises, tmp_path):
    """Issue 10 items 1–2: the 1.6 KB sparse sheet and a 1 GB decompression bomb, uploaded by a
    county user, are refused with the limit named; then the cockpit still answers."""
    from tests.ingest.hostile import bomb_xlsx, sparse_xlsx

    client = login(bob)
    header = ["period", "uscc", "output"]
    sparse = sparse_xlsx(tmp_path / "sparse.xlsx", header).read_bytes()
    response = _post(client, "monthly", "sparse.xlsx", sparse)
    assert response.status_code == 400
    assert "工作表超过 500000 行上限（第 1048576 行）" in response.content.decode()
    bomb = bomb_xlsx(tmp_path / "bomb.xlsx", header).read_bytes()
    response = _post(client, "monthly", "bomb.xlsx", bomb)
    assert response.status_code == 400
    assert "文件解压后超过 200 MB 上限" in response.content.decode()
    assert client.get("/").status_code == 200


def test_the_report_names_columns_as_the_file_did(login, alice, enterprises):
    body = "报告期,统一社会信用代码,工业总产值(当年价格),备注\n2024-05,91371521MA3C00001A,abc,x\n"
    response = _post(login(alice), "monthly", "zh.csv", body.encode())
    html = response.content.decode()
    assert response.status_code == 400
    # the unknown column and the row's bad cell, in one report, named by the file's headers
    assert "<code>备注</code>" in html and "<code>工业总产值(当年价格)</code>" in html
    assert "<code>output</code>" not in html


def test_a_city_admin_withdraws_an_import_from_the_history(login, alice, dave, enterprises):
    client = login(alice)
    body = HEADER + "2024-05,91371521MA3C00001A,1200,1100,50,80\n"
    _post(client, "monthly", "wrong.csv", body.encode())
    batch = ImportBatch.objects.get(filename="wrong.csv")
    page = client.get("/uploads/").content.decode()
    assert f'action="/uploads/{batch.pk}/withdraw/"' in page
    # the analyst reads the history but is offered no button, and is refused on the server
    analyst = login(dave)
    assert f"/uploads/{batch.pk}/withdraw/" not in analyst.get("/uploads/").content.decode()
    token = analyst.cookies["csrftoken"].value
    refused = analyst.post(f"/uploads/{batch.pk}/withdraw/", {"csrfmiddlewaretoken": token})
    assert refused.status_code == 403
    token = client.cookies["csrftoken"].value
    response = client.post(f"/uploads/{batch.pk}/withdraw/", {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    report = client.get(response["Location"]).content.decode()
    assert 'id="batch-withdrawn"' in report and "由 alice 撤回" in report
    history = client.get("/uploads/").content.decode()
    assert "已撤回" in history and f"/uploads/{batch.pk}/withdraw/" not in history
    again = client.post(f"/uploads/{batch.pk}/withdraw/", {"csrfmiddlewaretoken": token})
    assert again.status_code == 400 and "不能重复撤回" in again.content.decode()
    assert client.get(f"/uploads/{batch.pk}/withdraw/").status_code == 405


def test_a_county_user_cannot_withdraw(login, alice, bob, enterprises):
    own = HEADER + "2024-05,91371521MA3C00001A,9,9,9,9\n"
    client = login(bob)
    _post(client, "monthly", "own.csv", own.encode())
    batch = ImportBatch.objects.get(filename="own.csv")
    token = client.cookies["csrftoken"].value
    assert (
        client.post(f"/uploads/{batch.pk}/withdraw/", {"csrfmiddlewaretoken": token}).status_code
        == 403
    )
    _post(login(alice), "monthly", "city.csv", own.encode())
    city = ImportBatch.objects.get(filename="city.csv")
    assert (
        client.post(f"/uploads/{city.pk}/withdraw/", {"csrfmiddlewaretoken": token}).status_code
        == 404
    )
    assert ImportBatch.objects.filter(withdrawn_at__isnull=False).count() == 0


def test_the_revisions_page_marks_a_withdrawn_revision(login, alice, enterprises):
    from gongxin.ingest.withdraw import batch_withdraw
    from gongxin.registry.users import actor_for_user

    client = login(alice)
    _post(
        client, "monthly", "fix.csv", (HEADER + "2024-04,91371502MA3C00003C,999,9,9,9\n").encode()
    )
    batch_withdraw(actor=actor_for_user(alice), batch=ImportBatch.objects.get(filename="fix.csv"))
    html = client.get("/uploads/revisions/?period=2024-04").content.decode()
    # revision 2 (fix.csv) is withdrawn: revision 1 is the one in force again
    rows = [line for line in html.splitlines() if "第 2 版" in line or "第 1 版" in line]
    assert "已撤回" in rows[0] and "现行" not in rows[0].split("第 1 版")[0]
    assert '第 1 版 <span class="tag">现行</span>' in html
