from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "samskap.plans"
    label = "plans"
