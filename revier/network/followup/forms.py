"""The follow-up form: per meeting two questions (radio buttons), German errors next to them."""

from django import forms
from django.utils.translation import gettext_lazy as _

from revier.core.forms import KernForm
from revier.network.followup.models import FollowupAnswer
from revier.network.followup.services import AnswerInput


class FollowupForm(KernForm):
    """Fields held_<meeting id> and cooperation_<meeting id> for each of the person's meetings."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            pk = row.meeting.pk
            self.fields[f"held_{pk}"] = forms.ChoiceField(
                label=_("Did the meeting take place?"), choices=FollowupAnswer.Held.choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("Please say whether the meeting took place."),
                                "invalid_choice": _("Please choose one of the answers.")},
                initial=row.answer.held if row.answer else None)
            self.fields[f"cooperation_{pk}"] = forms.ChoiceField(
                label=_("Are you planning a cooperation?"), choices=FollowupAnswer.Cooperation.choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("Please say whether you are planning a cooperation."),
                                "invalid_choice": _("Please choose one of the answers.")},
                initial=row.answer.cooperation if row.answer and row.answer.cooperation else None)

    def sections(self):
        """(row, held field, cooperation field) per meeting, for the template."""
        return [(row, self[f"held_{row.meeting.pk}"], self[f"cooperation_{row.meeting.pk}"]) for row in self.rows]

    def answers(self) -> list[AnswerInput]:
        return [AnswerInput(meeting_id=row.meeting.pk, held=self.cleaned_data[f"held_{row.meeting.pk}"],
                            cooperation=self.cleaned_data[f"cooperation_{row.meeting.pk}"]) for row in self.rows]
