"""Demo cities shared by the demo tests: generating the full city takes a few seconds."""

import pytest

from gongxin.demo import DEFAULT_SEED, generate, records


@pytest.fixture(scope="session")
def small_city():
    return generate(seed=DEFAULT_SEED, size=300)


@pytest.fixture(scope="session")
def full_city():
    return generate(seed=DEFAULT_SEED)


@pytest.fixture(scope="session")
def full_records(full_city):
    return records(full_city)
