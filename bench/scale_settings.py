"""Production settings plus two bench-only views (a trivial one and the bare page shell)."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "scale_urls"

# The manifest storage refuses to collect on this tree (bootstrap.bundle.min.js names a
# source map that is not vendored); hashing file names does not change page timings.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"}}  # noqa: F405
