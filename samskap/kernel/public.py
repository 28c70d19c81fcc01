"""What of a model the public may see, declared once.

A `PublicFields` names the rows anyone may see, the fields they may read, and the fields whose value
is withheld for some rows (e.g. a sender's name when they chose to be anonymous). The API, the bulk
downloads, the feeds, the sitemap and the public pages read it; none of them decides on its own.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model, QuerySet

from samskap.kernel.tabular import Column, fields


@dataclass(frozen=True)
class PublicFields:
    model: type[Model]
    fields: tuple[str, ...]
    rows: Callable[[], QuerySet[Any]]
    # field name -> (the reader's help text, whether this row shows it)
    withheld: dict[str, tuple[str, Callable[[Any], bool]]] = field(default_factory=dict)

    def value(self, item: Any, name: str) -> Any:
        """The public value of a field: None where it is withheld for this row."""
        if name not in self.fields:
            raise KeyError(f"{self.model.__name__}.{name} is not public")
        rule = self.withheld.get(name)
        if rule is not None and not rule[1](item):
            return None
        model_field = self.model._meta.get_field(name)
        return getattr(item, getattr(model_field, "attname", name))

    def columns(self) -> list[Column]:
        """Download columns: every public field, withheld values empty."""
        columns = []
        for column, name in zip(fields(self.model, self.fields), self.fields, strict=True):
            if name in self.withheld:
                help_text, _shown = self.withheld[name]
                columns.append(Column(column.name, help_text, self._getter(name)))
            else:
                columns.append(column)
        return columns

    def _getter(self, name: str) -> Callable[[Any], Any]:
        return lambda item: self.value(item, name)
