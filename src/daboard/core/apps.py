from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "daboard.core"
    label = "core"
    verbose_name = "Councils, organisations, people and access"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (sign-in audit receivers)
        from .forms import worded_messages
        from .identifiers import bound_form_dates, bound_integer_lookups

        bound_form_dates()
        bound_integer_lookups()
        worded_messages()
