# One command file. `make start` and `make test` are the README's quick start.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
export GONGXIN_DATA_DIR ?= $(CURDIR)/var

.PHONY: start install install-test test test-sqlite test-postgres lint fix demo serve clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "需要 Python 3.11（未找到 $(PYTHON)）"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'

# Install, initialise the embedded database, load the demo city, serve it on 127.0.0.1:8000.
start: install
	$(BIN)/gongxin init
	$(BIN)/gongxin demo
	$(BIN)/gongxin serve --host 127.0.0.1 --port 8000

demo: install
	$(BIN)/gongxin demo

# The second day: serve the platform again as it is (no demo reload, passwords kept); `init`
# only applies an update's migrations. The first start is `make start`.
serve: install
	@test -f "$(GONGXIN_DATA_DIR)/gongxin.sqlite3" -o -n "$(DATABASE_URL)" || \
		{ echo "平台尚未初始化（$(GONGXIN_DATA_DIR) 中没有数据库）：第一次请运行 make start"; exit 1; }
	$(BIN)/gongxin init -q
	$(BIN)/gongxin serve --host 127.0.0.1 --port 8000

lint: install-test
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/gongxin manage makemigrations --check --dry-run

fix: install-test
	$(BIN)/ruff check --fix src tests benchmarks
	$(BIN)/ruff format src tests benchmarks

test-sqlite: install-test
	$(BIN)/pytest -n 2 -q

# The data layers again on a real PostgreSQL server that the test run starts itself.
test-postgres: install-test
	GONGXIN_TEST_POSTGRES=1 $(BIN)/pytest -q -m "not slow" tests/registry tests/ingest tests/stats tests/cli \
		tests/web/test_login_throttle.py tests/appeals tests/chains tests/projects

test: lint test-sqlite test-postgres

clean:
	rm -rf $(VENV) var .pytest_cache
