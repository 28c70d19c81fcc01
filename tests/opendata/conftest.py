from tests.api.conftest import world  # noqa: F401 (the same small world with private things in it)
