"""The indicator engine: a declarative catalog compiled to DuckDB SQL over the analytic snapshot.

Imports nothing from Django, so that the CLI, benchmarks and tests can use it without settings.
"""

from gongxin.engine.catalog import Catalog, CatalogError, default_catalog, load_catalog
from gongxin.engine.engine import Engine
from gongxin.engine.errors import EngineError
from gongxin.engine.result import Result
from gongxin.engine.schema import create_schema

__all__ = [
    "Catalog",
    "CatalogError",
    "Engine",
    "EngineError",
    "Result",
    "create_schema",
    "default_catalog",
    "load_catalog",
]
