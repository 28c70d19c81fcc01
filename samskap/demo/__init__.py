"""Demo data for Samskap: Norway's plans 4 and 4B, Denmark's 2017-2019 plan and a local plan.

Loaded by `python manage.py load_demo`. A plain package, not an installed app: the data are
Python structures here, written from public facts, and `loader` writes them through the services.
"""
