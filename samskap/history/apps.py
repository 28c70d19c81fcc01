from django.apps import AppConfig


class HistoryConfig(AppConfig):
    name = "samskap.history"
    label = "history"
