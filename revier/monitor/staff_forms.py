"""Forms of the Monitor's staff area (logged-in staff; Django's CSRF protection applies).

The upload form reads no more than the files' names and sizes (and a margins.json of at most
MONITOR_SMALL_FILE_MAX_BYTES for the schemes it names): checking and weighting happen in the worker.
"""

import re
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from revier.core.forms import TOO_LONG, KernForm
from revier.core.params import has_control_characters
from revier.monitor import importing, services
from revier.monitor.import_runs import schemes_in
from revier.monitor.models import Survey, Wave

MARGIN_NAME = re.compile(r"^[\w.-]{1,80}$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FILE_NAME_MAX = 255


def megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.0f} MB"


def resolve_scheme(text: str, schemes: dict[str, list[str]], default: str) -> list[str]:
    """The margins the raking visits: the names typed (comma-separated), or the margins of the
    scheme of margins.json named, or (nothing typed) of its default scheme."""
    text = (text or "").strip()
    if not text:
        if default:
            return list(schemes[default])
        raise forms.ValidationError(
            _("Please enter the margins of the weighting scheme, separated by commas (e.g. district_x_sex, age_group, education)."),
            code="required")
    if text in schemes:
        return list(schemes[text])
    names = [name.strip() for name in text.split(",")]
    if any(not name for name in names):
        raise forms.ValidationError(_("Please separate the margins' names by single commas, without an empty name."),
                                    code="empty_name")
    bad = [name for name in names if not MARGIN_NAME.match(name)]
    if bad:
        raise forms.ValidationError(
            _("“%(name)s” is not a margin's name. Margins are named with letters, digits and _ as in the margins file."),
            code="bad_name", params={"name": bad[0][:40]})
    if len(set(names)) != len(names):
        raise forms.ValidationError(_("Please name each margin only once."), code="twice")
    return names


def _number(value: str, message) -> float:
    try:
        number = float((value or "").strip().replace(",", "."))
    except ValueError:
        raise forms.ValidationError(message, code="invalid") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise forms.ValidationError(message, code="invalid")
    return number


class WeightingFields(forms.Form):
    """Scheme, bounds and the replace flag: in the upload form and in the "check again" form."""

    scheme = forms.CharField(
        label=_("Weighting scheme"),
        required=False,
        max_length=1000,
        error_messages={"max_length": TOO_LONG},
        help_text=_("The margins the weighting adjusts to, in this order, separated by commas (e.g. district_x_sex, "
                    "age_group, education), or the name of a scheme in margins.json (e.g. B). Empty: the default "
                    "scheme of margins.json."),
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
    )
    bound_lower = forms.CharField(
        label=_("Lower weight bound"),
        initial="0,2",
        max_length=20,
        error_messages={"required": _("Please enter the lower bound, e.g. 0,2."), "max_length": TOO_LONG},
        help_text=_("Relative to the mean weight 1; between 0 and 1, e.g. 0,2."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    bound_upper = forms.CharField(
        label=_("Upper weight bound"),
        initial="5",
        max_length=20,
        error_messages={"required": _("Please enter the upper bound, e.g. 5."), "max_length": TOO_LONG},
        help_text=_("Relative to the mean weight 1; more than 1, at most 100, e.g. 5."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    replace = forms.BooleanField(
        label=_("Replace the existing wave of this year"),
        required=False,
        help_text=_("Only if the survey already has a wave of this year: it is replaced as a whole when the import succeeds."),
    )

    def clean_bound_lower(self):
        value = _number(self.cleaned_data["bound_lower"], _("Please enter the lower bound as a number, e.g. 0,2."))
        if not 0 < value < 1:
            raise forms.ValidationError(_("The lower bound must be more than 0 and less than 1, e.g. 0,2."), code="range")
        return value

    def clean_bound_upper(self):
        value = _number(self.cleaned_data["bound_upper"], _("Please enter the upper bound as a number, e.g. 5."))
        if not 1 < value <= 100:
            raise forms.ValidationError(_("The upper bound must be more than 1 and at most 100, e.g. 5."), code="range")
        return value

    def resolve(self, schemes: dict[str, list[str]], default: str) -> None:
        """Puts the scheme's margins into cleaned_data["margins_scheme"] (error next to the field)."""
        if "scheme" in self.errors:
            return
        try:
            self.cleaned_data["margins_scheme"] = resolve_scheme(self.cleaned_data.get("scheme", ""), schemes, default)
        except forms.ValidationError as error:
            self.add_error("scheme", error)

    @property
    def bounds(self) -> tuple[float, float]:
        return self.cleaned_data["bound_lower"], self.cleaned_data["bound_upper"]


class UploadForm(WeightingFields, KernForm):
    """A wave's three files with the survey, year and weighting choices."""

    survey = forms.ChoiceField(label=_("Survey"), required=False)
    new_survey_name = forms.CharField(
        label=_("Name of the new survey"), required=False, max_length=200,
        error_messages={"max_length": TOO_LONG},
        help_text=_("Only for a new survey, e.g. Mitteldeutschland-Monitor."),
    )
    new_survey_slug = forms.CharField(
        label=_("Short name of the new survey in addresses"), required=False, max_length=80,
        error_messages={"max_length": TOO_LONG},
        help_text=_("Only for a new survey: lower-case letters, digits and hyphens, e.g. mitteldeutschland-monitor."),
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
    )
    year = forms.CharField(
        label=_("Year of the wave"), max_length=4,
        error_messages={"required": _("Please enter the year of the wave, e.g. 2025."), "max_length": TOO_LONG},
        help_text=_("As in the column “wave” of the microdata, e.g. 2025."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    microdata = forms.FileField(
        label=_("Microdata (CSV or XLSX)"),
        error_messages={"required": _("Please choose the microdata file (microdata.csv or .xlsx)."),
                        "empty": _("The file is empty. Please choose the microdata file."),
                        "invalid": _("Please choose the microdata file (microdata.csv or .xlsx).")},
    )
    codebook = forms.FileField(
        label=_("Codebook (JSON)"),
        error_messages={"required": _("Please choose the codebook (codebook.json)."),
                        "empty": _("The file is empty. Please choose the codebook."),
                        "invalid": _("Please choose the codebook (codebook.json).")},
    )
    margins = forms.FileField(
        label=_("Population margins (CSV, XLSX or JSON)"),
        error_messages={"required": _("Please choose the margins file (margins.csv, .xlsx or .json)."),
                        "empty": _("The file is empty. Please choose the margins file."),
                        "invalid": _("Please choose the margins file (margins.csv, .xlsx or .json).")},
    )

    field_order = ["survey", "new_survey_name", "new_survey_slug", "year", "microdata", "codebook", "margins",
                   "scheme", "bound_lower", "bound_upper", "replace"]
    FILES = {
        "microdata": ((".csv", ".xlsx"), "MONITOR_MICRODATA_MAX_BYTES"),
        "codebook": ((".json",), "MONITOR_SMALL_FILE_MAX_BYTES"),
        "margins": ((".csv", ".xlsx", ".json"), "MONITOR_SMALL_FILE_MAX_BYTES"),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.surveys = {str(s.pk): s for s in Survey.objects.order_by("position", "name")}
        self.fields["survey"].choices = [("", _("A new survey (enter its name below)"))] + [
            (pk, survey.name) for pk, survey in self.surveys.items()]
        for name, (extensions, setting) in self.FILES.items():
            field = self.fields[name]
            field.widget.attrs["accept"] = ",".join(extensions)
            field.help_text = _("%(types)s, at most %(size)s.") % {
                "types": ", ".join(ext.lstrip(".").upper() for ext in extensions),
                "size": megabytes(getattr(settings, setting))}

    def clean_survey(self):
        value = self.cleaned_data.get("survey") or ""
        if value and value not in self.surveys:
            raise forms.ValidationError(_("Please choose one of the surveys offered."), code="invalid_choice")
        return self.surveys.get(value)

    def clean_year(self):
        value = (self.cleaned_data.get("year") or "").strip()
        if not (len(value) == 4 and value.isascii() and value.isdigit()) or not 1990 <= int(value) <= 2100:
            raise forms.ValidationError(_("Please enter the year as four digits, e.g. 2025."), code="invalid")
        return int(value)

    def _file(self, name: str) -> importing.UploadedFile | None:
        upload = self.cleaned_data.get(name)
        if not upload:
            return None
        extensions, setting = self.FILES[name]
        file_name = PurePath(upload.name or "").name
        if has_control_characters(file_name) or not file_name.strip():
            raise forms.ValidationError(_("The file's name contains characters that are not allowed. Please rename the file, e.g. to %(example)s.")
                                        % {"example": f"{name}{extensions[0]}"}, code="name")
        if len(file_name) > FILE_NAME_MAX:
            raise forms.ValidationError(_("The file's name is too long. Please rename the file, e.g. to %(example)s.")
                                        % {"example": f"{name}{extensions[0]}"}, code="name")
        if not file_name.lower().endswith(extensions):
            raise forms.ValidationError(_("Please choose a file of the type %(types)s.")
                                        % {"types": ", ".join(ext.lstrip(".").upper() for ext in extensions)}, code="type")
        limit = getattr(settings, setting)
        if upload.size > limit:
            raise forms.ValidationError(_("The file is larger than %(size)s. Please choose a smaller file.")
                                        % {"size": megabytes(limit)}, code="too_big")
        return importing.UploadedFile(name=file_name, content=upload.read(limit + 1))

    def clean_microdata(self):
        return self._file("microdata")

    def clean_codebook(self):
        return self._file("codebook")

    def clean_margins(self):
        return self._file("margins")

    def clean(self):
        cleaned = super().clean()
        survey = cleaned.get("survey")
        if survey is None and "survey" not in self.errors:
            self._clean_new_survey(cleaned)
        elif survey is not None and (cleaned.get("new_survey_name") or cleaned.get("new_survey_slug")):
            self.add_error("new_survey_name", forms.ValidationError(
                _("Please either choose a survey above or enter a new one, not both."), code="both"))
        year = cleaned.get("year")
        if survey is not None and year and not cleaned.get("replace") and Wave.objects.filter(survey=survey, year=year).exists():
            self.add_error("replace", forms.ValidationError(
                _("The survey already has a wave %(year)s. Tick this box to replace it, or check the year.") % {"year": year},
                code="exists"))
        if cleaned.get("margins") is not None:
            self.resolve(*schemes_in(cleaned["margins"]))
        return cleaned

    def _clean_new_survey(self, cleaned) -> None:
        name = (cleaned.get("new_survey_name") or "").strip()
        slug = (cleaned.get("new_survey_slug") or "").strip()
        cleaned["new_survey_name"], cleaned["new_survey_slug"] = name, slug
        if not name and "new_survey_name" not in self.errors:
            self.add_error("new_survey_name", forms.ValidationError(
                _("Please choose a survey above, or enter the name of the new survey."), code="required"))
        if "new_survey_slug" in self.errors:
            return
        if not slug:
            self.add_error("new_survey_slug", forms.ValidationError(
                _("Please enter a short name for the new survey, e.g. mitteldeutschland-monitor."), code="required"))
        elif slug != slug.lower() or not SLUG.match(slug):
            self.add_error("new_survey_slug", forms.ValidationError(
                _("Please use only lower-case letters, digits and hyphens, e.g. mitteldeutschland-monitor."), code="invalid"))
        elif slug in services.RESERVED_SLUGS:
            self.add_error("new_survey_slug", forms.ValidationError(
                _("This short name is taken by a page of the Monitor. Please choose another one."), code="reserved"))
        elif Survey.objects.filter(slug=slug).exists():
            self.add_error("new_survey_slug", forms.ValidationError(
                _("A survey with this short name exists already. Please choose it above or enter another short name."),
                code="taken"))

    def files_input(self) -> importing.WaveFiles:
        return importing.WaveFiles(microdata=self.cleaned_data["microdata"], codebook=self.cleaned_data["codebook"],
                                   margins=self.cleaned_data["margins"])


class RecheckForm(WeightingFields, KernForm):
    """A checked upload checked again with another scheme, other bounds or the replace flag."""
