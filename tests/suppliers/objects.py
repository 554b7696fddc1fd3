"""Objects of an organisation for the URL-walking tests (see tests/url_walk.py).

The register's builders (suppliers, contracts) and the cases' builders (letters,
answers, deviations) live in their own modules; this one joins them.
"""

from tests.suppliers import objects_cases, objects_register

OBJECT_BUILDERS = {**objects_register.OBJECT_BUILDERS, **objects_cases.OBJECT_BUILDERS}
