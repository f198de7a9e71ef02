"""Every failure of the command line is a Chinese message and a non-zero exit, never a traceback."""

import os
import subprocess
import sys
from pathlib import Path

from tests.web.personas import enterprises_create

import gongxin
from gongxin.cli.query import EXIT_NO_DATA
from gongxin.cli.zh_argparse import translate
from gongxin.datadir import find_data_dir, uninitialised_message

SRC = Path(gongxin.__file__).parent.parent


def _env(data_dir: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "gongxin.settings",
        "GONGXIN_DATA_DIR": str(data_dir),
        "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]),
    }
    env.pop("DATABASE_URL", None)
    env.pop("GONGXIN_DEBUG", None)
    return env


def _no_english_failure(err: str) -> None:
    assert "Traceback" not in err
    for word in ("usage:", "error:", "required", "invalid choice", "No such file"):
        assert word not in err, err


def test_an_output_file_in_a_missing_directory_is_a_chinese_error(
    city, data_dir, run_cli, tmp_path
):
    enterprises_create()
    target = tmp_path / "nodir" / "x.docx"
    code, _, err = run_cli("bulletin", "--period", "2024-04", "--format", "docx", "-o", str(target))
    assert code == 2
    assert f"错误：无法读写文件 {target}：目录或文件不存在" in err
    _no_english_failure(err)


def test_an_unknown_indicator_is_a_chinese_error(city, data_dir, run_cli):
    enterprises_create()
    code, _, err = run_cli("query", "--indicator", "nope", "--period", "2024-04")
    assert code == 2 and "未知指标：nope" in err


def test_a_period_without_data_says_so_and_exits_non_zero(city, data_dir, run_cli):
    enterprises_create()  # January–April 2024
    code, out, err = run_cli("query", "--indicator", "va_growth_ytd", "--period", "2030-01")
    assert code == EXIT_NO_DATA == 3
    assert out == ""
    assert "报告期 2030-01 没有数据" in err and "2024-01 至 2024-04" in err


def test_usage_errors_and_help_are_chinese(run_cli, capsys):
    try:
        run_cli("query", "--period", "2024-04")
    except SystemExit as exc:
        assert exc.code == 2
    err = capsys.readouterr().err
    assert "用法：gongxin query" in err
    assert "gongxin query：错误：缺少必需的参数：--indicator" in err
    _no_english_failure(err)
    try:
        run_cli("catalog", "-h")
    except SystemExit as exc:
        assert exc.code == 0
    out = capsys.readouterr().out
    assert "用法：" in out and "位置参数：" in out and "选项：" in out and "显示本帮助并退出" in out
    assert "选项:" not in out and "位置参数:" not in out  # headings end with a full-width colon
    assert "usage" not in out and "options" not in out and "positional" not in out


def test_argparse_messages_are_translated():
    assert translate("argument --format: invalid choice: 'doc' (choose from 'docx', 'html')") == (
        "参数 --format 的值 'doc' 无效，可选：'docx', 'html'"
    )
    assert (
        translate("argument --number: invalid int value: 'x'")
        == "参数 --number 的值 'x' 无效（应为整数）"
    )
    assert translate("unrecognized arguments: --foo") == "无法识别的参数：--foo"


def test_a_closed_pipe_ends_quietly_without_a_traceback(tmp_path):
    # The reader closes the pipe before the command writes (as `| head` does after its lines).
    proc = subprocess.Popen(
        [sys.executable, "-m", "gongxin", "catalog", "list"],
        env=_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141
    assert err == ""


def test_a_command_outside_the_platform_is_refused_and_creates_nothing(tmp_path):
    data = tmp_path / "var"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "gongxin",
            "query",
            "--indicator",
            "va_growth_ytd",
            "--period",
            "2024-04",
        ],
        env=_env(data),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert uninitialised_message(data) in result.stderr
    assert "GONGXIN_DATA_DIR" in result.stderr and "no such table" not in result.stderr
    assert not data.exists()  # never an empty ./var left behind


def test_the_data_directory_is_found_the_same_way_from_any_directory(tmp_path):
    # 1. the environment wins
    assert find_data_dir({"GONGXIN_DATA_DIR": str(tmp_path / "d")}, tmp_path) == tmp_path / "d"
    # 2. ./var when it exists
    (tmp_path / "here" / "var").mkdir(parents=True)
    assert find_data_dir({}, tmp_path / "here") == tmp_path / "here" / "var"
    # 3./4. elsewhere: the source checkout's var if it exists, else ./var (created by init)
    checkout_var = SRC.parent / "var"
    expected = checkout_var if checkout_var.is_dir() else tmp_path / "var"
    assert find_data_dir({}, tmp_path) == expected.resolve()


def test_an_empty_result_says_so(city, data_dir, run_cli):
    enterprises_create()  # none of the three enterprises belongs to a chain
    code, _, err = run_cli(
        "query", "--indicator", "va_growth_ytd", "--period", "2024-04", "--by", "chain"
    )
    assert code == 0
    assert "查询结果为空：2024-04 没有符合条件的数据。" in err
