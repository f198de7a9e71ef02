"""Settings for the test run: a throw-away data directory, chosen before the real settings load.

With GONGXIN_TEST_POSTGRES=1 the run starts its own PostgreSQL server (tests/postgres_server.py)
and points DATABASE_URL at it.
"""

import os
import tempfile

os.environ["GONGXIN_DATA_DIR"] = tempfile.mkdtemp(prefix="gongxin-test-")
os.environ.setdefault("GONGXIN_SECRET_KEY", "test-only-secret-key-not-for-production-0123456789")
if os.environ.get("GONGXIN_TEST_POSTGRES") == "1" and not os.environ.get("DATABASE_URL"):
    from tests.postgres_server import start_postgres

    os.environ["DATABASE_URL"] = start_postgres()

from gongxin.settings import *  # noqa: F403
