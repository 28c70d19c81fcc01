from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from samskap.jurisdictions.models import Jurisdiction

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The demo creates eight accounts; the default hasher would make every test slow.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_the_command_loads_once_and_then_says_so():
    out = StringIO()
    call_command("load_demo", force=True, stdout=out)
    assert "Demo data loaded" in out.getvalue()

    out = StringIO()
    call_command("load_demo", force=True, stdout=out)
    assert out.getvalue().strip() == "Demo data already loaded."


def test_the_command_refuses_without_debug_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="published password"):
        call_command("load_demo", stdout=StringIO())
    assert not Jurisdiction.objects.exists()
