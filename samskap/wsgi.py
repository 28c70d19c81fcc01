import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samskap.settings")
django.setup(set_prefix=False)  # as django.core.wsgi.get_wsgi_application does

from samskap.kernel.handler import Handler  # noqa: E402 (after setup: it imports Django's URL machinery)

application = Handler()
