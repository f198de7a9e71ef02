import pytest

PROJECTS_CSV = (
    "code,year,name,owner,uscc,region,chain,kind,level,pool,total_investment,plan_investment,"
    "plan_start,plan_production,lng,lat\n"
    "P001,2024,年产10万吨铝材项目,聊城某铝业有限公司,,371502,nonferrous,强链,市重点,实施,"
    "50000,12000,2024-03-15,2024-12-31,115.98,36.45\n"
    "P002,2024,新能源电池项目,某新能源公司,,371521,nev,补链,,,80000,0,2024-02-01,,,\n"
)

PROGRESS_CSV = """period,code,investment,started_on,in_stats_on,production_on,problem
2024-01,P001,1000,,,,
2024-02,P001,2000,,,,用地指标未落实
2024-03,P001,3000,2024-03-20,,,
2024-04,P001,500,,2024-04-10,,
"""


@pytest.fixture
def write_csv(tmp_path):
    def _write(name: str, text: str):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return str(path)

    return _write


@pytest.fixture
def two_projects(city, data_dir, run_cli, write_csv):
    """P001 (东昌府区, started, 纳统) and P002 (阳谷县, not started), progress to 2024-04."""
    assert run_cli("import", "projects", write_csv("p.csv", PROJECTS_CSV))[0] == 0
    assert run_cli("import", "project-progress", write_csv("g.csv", PROGRESS_CSV))[0] == 0


@pytest.fixture(scope="session")
def small_city():
    from gongxin.demo import DEFAULT_SEED, generate

    return generate(seed=DEFAULT_SEED, size=300)
