"""Domain tests are pure: no database, no example database on disk either (keeps them < 1 s)."""

from hypothesis import settings

settings.register_profile("sakip", database=None, deadline=None, print_blob=False)
settings.load_profile("sakip")
