from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "revier.demo"
    label = "demo"
    verbose_name = "Demo"
