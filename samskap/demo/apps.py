from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "samskap.demo"
    label = "demo"
