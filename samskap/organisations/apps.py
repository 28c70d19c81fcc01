from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "samskap.organisations"
    label = "organisations"
