from django.apps import AppConfig


class JurisdictionsConfig(AppConfig):
    name = "samskap.jurisdictions"
    label = "jurisdictions"
