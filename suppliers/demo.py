"""The follow-up app's demo: the register (suppliers, contracts, priorities), then the cases on top of it."""

from suppliers.follow_up import demo as follow_up_demo
from suppliers.register import demo as register_demo


def load(out) -> dict:
    created = dict(register_demo.load(out))
    for key, count in follow_up_demo.load(out).items():
        created[key] = created.get(key, 0) + count
    return created
