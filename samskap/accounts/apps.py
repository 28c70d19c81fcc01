from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "samskap.accounts"
    label = "accounts"
