from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class KernelConfig(AppConfig):
    name = "samskap.kernel"
    label = "kernel"

    def ready(self) -> None:
        # Each app declares what it adds in its own modules: permission rules in `permissions`, API
        # endpoints in `api`, sitemap sections, panels, download kinds, feeds and dashboard figures in
        # `registrations`, scheduled jobs in `jobs`. They are imported here, once every model is loaded.
        autodiscover_modules("permissions", "api", "registrations", "jobs")
