"""Objects of an organisation for the URL-walking tests (see tests/url_walk.py): chain maps and minerals imports."""

from tests.battery_chain import objects_chain, objects_minerals

OBJECT_BUILDERS = {**objects_chain.OBJECT_BUILDERS, **objects_minerals.OBJECT_BUILDERS}
