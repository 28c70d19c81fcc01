from typing import Any

from django import forms

from samskap.kernel.forms import DateInput, ServiceModelForm
from samskap.plans.models import ActionPlan, Theme


class PlanForm(ServiceModelForm):
    class Meta:
        model = ActionPlan
        fields = ["label", "title", "summary", "start_date", "end_date", "status"]
        widgets = {"start_date": DateInput(), "end_date": DateInput(), "summary": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args: Any, jurisdiction: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.jurisdiction = jurisdiction

    def clean_label(self) -> str:
        label: str = self.cleaned_data["label"].strip()
        return label  # the model says whether it is taken (ActionPlan.clean)


class RevisionForm(PlanForm):
    class Meta(PlanForm.Meta):
        fields = ["label", "title", "start_date", "end_date"]


class ThemeForm(ServiceModelForm):
    class Meta:
        model = Theme
        fields = ["order", "title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
