"""Forms of the staff area (logged-in staff; Django's CSRF protection applies)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from revier.contingents.models import TicketCode
from revier.contingents.services import parse_codes
from revier.core.forms import TOO_LONG, KernForm

MAX_CODES_TEXT = 500_000  # characters: far more than any partner's list (10,000 codes of 40 characters)
MAX_CODES_FILE = 1_000_000  # bytes
CODE_MAX_LENGTH = TicketCode._meta.get_field("code").max_length


class CodeImportForm(KernForm):
    """The partner's codes, pasted or as a CSV file (first column; a header "code" is skipped)."""

    text = forms.CharField(
        label=_("Paste codes"),
        required=False,
        max_length=MAX_CODES_TEXT,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "false", "autocomplete": "off"}),
        help_text=_("One code per line, as the partner sent them."),
        error_messages={"max_length": TOO_LONG},
    )
    file = forms.FileField(
        label=_("… or choose a CSV file"),
        required=False,
        help_text=_("The codes in the first column; a header line “code” is skipped. At most 1 MB."),
        error_messages={"invalid": _("Please choose a CSV file."), "empty": _("The file is empty. Please choose the file with the codes.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs.update({"accept": ".csv,.txt,text/csv,text/plain"})

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            return ""
        if upload.size > MAX_CODES_FILE:
            raise forms.ValidationError(_("The file is larger than 1 MB. Please split it into several files."), code="too_big")
        raw = upload.read(MAX_CODES_FILE + 1)
        if b"\x00" in raw:
            raise forms.ValidationError(_("This does not look like a CSV file. Please choose the CSV file with the codes."), code="binary")
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                continue
        raise forms.ValidationError(_("The file could not be read. Please save it as CSV (UTF-8) and try again."), code="encoding")

    def clean(self):
        cleaned = super().clean()
        text, file_text = cleaned.get("text") or "", cleaned.get("file") or ""
        if self.errors:
            return cleaned
        if text.strip() and file_text.strip():
            raise forms.ValidationError(_("Please either paste the codes or choose a file, not both."), code="both")
        if not text.strip() and not file_text.strip():
            self.add_error("text", forms.ValidationError(_("Please paste the codes or choose a CSV file."), code="required"))
            return cleaned
        cleaned["codes"] = text if text.strip() else file_text
        longest = max(parse_codes(cleaned["codes"])[0], key=len, default="")
        if len(longest) > CODE_MAX_LENGTH:
            raise forms.ValidationError(
                _("A code has more than %(max)s characters (%(start)s…). Please check that the list has one code per line."),
                code="too_long", params={"max": CODE_MAX_LENGTH, "start": longest[:20]},
            )
        return cleaned


class DrawForm(KernForm):
    confirm = forms.BooleanField(
        label=_("I have checked the number of valid applications and of tickets. Start the draw now."),
        error_messages={"required": _("Please confirm that you have checked the numbers before the draw.")},
    )
