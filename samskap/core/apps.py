from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "samskap.core"
    label = "core"
