"""A fixed-window counter in the cache, for actions that must not be repeated without bound.

The cache is Redis when CACHE_URL is set (shared by every gunicorn worker);
the in-process default still bounds each worker.
"""

from django.core.cache import cache


def hit(scope: str, key: str, *, limit: int, window_seconds: int) -> bool:
    """Count one use of `scope` by `key`; False once the window's limit is passed."""
    name = f"ratelimit:{scope}:{key}"
    if cache.add(name, 1, timeout=window_seconds):
        return limit >= 1
    try:
        count = cache.incr(name)
    except ValueError:  # the entry expired between add() and incr()
        cache.add(name, 1, timeout=window_seconds)
        count = 1
    return count <= limit
