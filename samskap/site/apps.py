from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "samskap.site"
    label = "site"
