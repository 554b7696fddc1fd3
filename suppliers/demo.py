"""The follow-up app's demo: the register (suppliers, contracts, priorities), then the cases on top of it."""

from suppliers import demo_cases, demo_register


def load(out) -> dict:
    created = dict(demo_register.load(out))
    for key, count in demo_cases.load(out).items():
        created[key] = created.get(key, 0) + count
    return created
