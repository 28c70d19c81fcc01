from typing import Any

from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate, pre_migrate
from django.utils.module_loading import autodiscover_modules


def _migrating(**kwargs: Any) -> None:
    from samskap.kernel import versions

    versions.enable(False)


def _migrated(sender: AppConfig, using: str = "default", **kwargs: Any) -> None:
    from samskap.kernel import versions

    versions.enable(True)
    if sender.label == "kernel":  # once per migrate (the signal is sent for every app)
        versions.ensure_sequences(using)


class KernelConfig(AppConfig):
    name = "samskap.kernel"
    label = "kernel"

    def ready(self) -> None:
        from samskap.kernel import versions

        # Each app declares what it adds in its own modules: permission rules in `permissions`, API
        # endpoints in `api`, sitemap sections, panels, download kinds, feeds and dashboard figures in
        # `registrations`, scheduled jobs in `jobs`. They are imported here, once every model is loaded.
        autodiscover_modules("permissions", "api", "registrations", "jobs")
        # Every connection notes which data it wrote, for the cached public reads (`kernel.versions`);
        # not while migrations run, when the versions' table may not exist yet.
        connection_created.connect(versions.install, dispatch_uid="samskap-versions")
        pre_migrate.connect(_migrating, dispatch_uid="samskap-versions-off")
        post_migrate.connect(_migrated, dispatch_uid="samskap-versions-on")
