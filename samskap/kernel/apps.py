from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class KernelConfig(AppConfig):
    name = "samskap.kernel"
    label = "kernel"

    def ready(self) -> None:
        # Each app declares what it adds (permission rules, then sitemap sections, panels, download kinds,
        # feeds, API routes, dashboard figures, scheduled jobs) in its own modules; import them once every
        # model is loaded.
        autodiscover_modules("permissions", "registrations", "jobs")
