import pytest

from criteria.demo import load_first_library


@pytest.fixture
def first_library(db):
    """The library the product ships with (80 criteria)."""
    load_first_library()
