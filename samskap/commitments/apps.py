from django.apps import AppConfig


class CommitmentsConfig(AppConfig):
    name = "samskap.commitments"
    label = "commitments"
