"""The follow-up app's demo: the register's part, then the cases' part when that module is present."""

import importlib
import importlib.util

from suppliers import demo_register


def load(out) -> dict:
    created = dict(demo_register.load(out))
    if importlib.util.find_spec("suppliers.demo_cases") is not None:
        for key, count in importlib.import_module("suppliers.demo_cases").load(out).items():
            created[key] = created.get(key, 0) + count
    return created
