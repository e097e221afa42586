"""Forms of the network's profiles: they validate and hand plain values to the services (which check
again); every message German, next to its field."""

from django import forms
from django.utils.translation import gettext_lazy as _

from revier.core.choices import Sector
from revier.core.forms import (
    TOO_LONG,
    HoneypotMixin,
    KernForm,
    PersonNameMixin,
    email_field,
    honeypot_field,
    text_field,
    tidy_widgets,
)
from revier.network.models import DESCRIPTION_MAX, ENTRY_TEXT_MAX, TOPIC_PROPOSAL_MAX, Profile, ProfileEntry, Region
from revier.network.services import EntryInput, ProfileInput, topic_name_key

Visibility = Profile.Visibility
Direction = ProfileEntry.Direction


def _long_text(label, *, max_length: int, required: bool = False, help_text="", required_message=None) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        error_messages={"max_length": TOO_LONG, **({"required": required_message} if required_message else {})},
        widget=forms.Textarea(attrs={"rows": 4}),
    )


def topics_field(topics, *, label=None, help_text="") -> forms.TypedMultipleChoiceField:
    return forms.TypedMultipleChoiceField(
        label=label or _("Topics"),
        coerce=int,
        required=False,
        help_text=help_text,
        choices=[(str(topic.pk), topic.name) for topic in topics],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Please choose only from the listed topics.")},
    )


def visibility_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Who may see your profile?"),
        choices=Visibility.choices,
        widget=forms.RadioSelect,
        help_text=_("Your e-mail address and phone number are never shown, whatever you choose."),
        error_messages={
            "required": _("Please choose who may see your profile."),
            "invalid_choice": _("Please choose one of the listed options."),
        },
    )


class ProfileFieldsMixin(PersonNameMixin):
    """What a person tells about themselves and their organisation (not the e-mail address)."""

    use_required_attribute = False

    def _add_profile_fields(self, topics):
        self.fields["first_name"] = text_field(
            _("First name"), max_length=100, required_message=_("Please enter your first name."), autocomplete="given-name"
        )
        self.fields["last_name"] = text_field(
            _("Last name"), max_length=100, required_message=_("Please enter your last name."), autocomplete="family-name"
        )
        self.fields["function"] = text_field(_("Function"), max_length=200, required=False, autocomplete="organization-title")
        self.fields["function"].help_text = _("E.g. managing director, project lead, head of department.")
        self.fields["organisation"] = text_field(
            _("Organisation"), max_length=200, required_message=_("Please enter your organisation."),
            autocomplete="organization",
        )
        self.fields["kind"] = forms.ChoiceField(
            label=_("Kind of organisation"),
            choices=[("", _("Please choose"))] + list(Sector.choices),
            error_messages={
                "required": _("Please choose the kind of your organisation."),
                "invalid_choice": _("Please choose one of the listed kinds."),
            },
        )
        self.fields["region"] = forms.ChoiceField(
            label=_("Region"),
            choices=Region.choices,
            widget=forms.RadioSelect,
            error_messages={
                "required": _("Please choose your region."),
                "invalid_choice": _("Please choose one of the listed regions."),
            },
        )
        self.fields["district"] = text_field(_("District or city"), max_length=100, required=False)
        self.fields["district"].help_text = _("E.g. Burgenlandkreis, Cottbus, Rhein-Erft-Kreis.")
        self.fields["topics"] = topics_field(topics, help_text=_("Choose the topics you work on."))
        self._topic_names = {topic_name_key(topic.name): topic.name for topic in topics}
        self.fields["topic_proposal"] = text_field(_("Propose a new topic"), max_length=TOPIC_PROPOSAL_MAX,
                                                   required=False)
        self.fields["topic_proposal"].help_text = _(
            "Is a topic of yours missing from the list? Name it here (at most %(limit)d characters); the editorial "
            "team checks proposals and adds the topic to your profile when it is accepted."
        ) % {"limit": TOPIC_PROPOSAL_MAX}
        self.fields["description"] = _long_text(
            _("Short description"), max_length=DESCRIPTION_MAX,
            help_text=_("What does your organisation do? At most %(limit)d characters.") % {"limit": DESCRIPTION_MAX},
        )
        self.fields["phone"] = text_field(_("Phone (optional)"), max_length=40, required=False, autocomplete="tel")
        self.fields["phone"].help_text = _("Never shown on the website.")

    def clean_topic_proposal(self):
        value = " ".join((self.cleaned_data.get("topic_proposal") or "").split())
        if any(ord(char) < 32 or ord(char) == 127 for char in self.cleaned_data.get("topic_proposal") or ""
               if char not in " \t"):
            raise forms.ValidationError(_("Please enter the topic without special control characters."),
                                        code="invalid")
        if value and topic_name_key(value) in self._topic_names:
            raise forms.ValidationError(
                _("The topic “%(name)s” exists already. Please choose it in the list of topics.")
                % {"name": self._topic_names[topic_name_key(value)]}, code="exists")
        return value

    def clean_organisation(self):
        value = (self.cleaned_data.get("organisation") or "").strip()
        if not value:
            raise forms.ValidationError(_("Please enter your organisation."), code="required")
        return value

    def profile_input(self, *, visibility: str) -> ProfileInput:
        data = self.cleaned_data
        return ProfileInput(
            first_name=data["first_name"],
            last_name=data["last_name"],
            organisation=data["organisation"],
            kind=data["kind"],
            region=data["region"],
            function=data.get("function", ""),
            district=data.get("district", ""),
            description=data.get("description", ""),
            phone=data.get("phone", ""),
            visibility=visibility,
            topic_ids=tuple(data.get("topics") or ()),
            topic_proposals=(data["topic_proposal"],) if data.get("topic_proposal") else (),
        )


PROFILE_FIELD_ORDER = ["first_name", "last_name", "function", "organisation", "kind", "region", "district",
                       "topics", "description"]


class ProfileCreateForm(HoneypotMixin, ProfileFieldsMixin, forms.Form):
    """"Profil anlegen": the person, the organisation, visibility, and optionally a first offer and
    a first need (more on the personal page). Works without JavaScript."""

    def __init__(self, *args, topics, **kwargs):
        super().__init__(*args, **kwargs)
        self._add_profile_fields(topics)
        self.fields["email"] = email_field(
            help_text=_("We send you a link to confirm your profile to this address. It is never shown on the website.")
        )
        self.fields["visibility"] = visibility_field()
        self.fields["offer_title"] = text_field(_("Title of your offer"), max_length=200, required=False)
        self.fields["offer_title"].help_text = _("E.g. “Testing of electrolysis components”.")
        self.fields["offer_text"] = _long_text(_("Description of your offer"), max_length=ENTRY_TEXT_MAX)
        self.fields["need_title"] = text_field(_("Title of your need"), max_length=200, required=False)
        self.fields["need_title"].help_text = _("E.g. “Partner for an electrolysis pilot plant”.")
        self.fields["need_text"] = _long_text(_("Description of your need"), max_length=ENTRY_TEXT_MAX)
        self.fields["website"] = honeypot_field()
        self.order_fields(["first_name", "last_name", "email", "phone", *PROFILE_FIELD_ORDER[2:], "visibility",
                           "offer_title", "offer_text", "need_title", "need_text", "website"])
        tidy_widgets(self)

    @property
    def person_fields(self):
        return [self[name] for name in ("first_name", "last_name", "email", "phone", "function")]

    @property
    def organisation_fields(self):
        return [self[name] for name in ("organisation", "kind", "region", "district", "topics", "topic_proposal",
                                         "description")]

    def clean(self):
        cleaned = super().clean()
        for direction in ("offer", "need"):
            if (cleaned.get(f"{direction}_text") or "").strip() and not (cleaned.get(f"{direction}_title") or "").strip():
                self.add_error(f"{direction}_title", forms.ValidationError(
                    _("Please give the entry a title, or leave its description empty."), code="required"))
        return cleaned

    def to_input(self) -> ProfileInput:
        return self.profile_input(visibility=self.cleaned_data["visibility"])

    def entries(self) -> list[EntryInput]:
        data = self.cleaned_data
        return [
            EntryInput(direction=direction, title=data[f"{prefix}_title"], text=data.get(f"{prefix}_text", ""))
            for prefix, direction in (("offer", Direction.OFFER), ("need", Direction.NEED))
            if (data.get(f"{prefix}_title") or "").strip()
        ]


class ProfileChangeForm(ProfileFieldsMixin, KernForm):
    """The personal page: everything but the e-mail address and the visibility (a form of its own)."""

    def __init__(self, *args, profile: Profile, topics, topic_ids=frozenset(), **kwargs):
        if not args and "data" not in kwargs:
            kwargs.setdefault("initial", {
                **{name: getattr(profile, name) for name in PROFILE_FIELD_ORDER if name != "topics"},
                "phone": profile.phone,
                "topics": [str(pk) for pk in sorted(topic_ids)],
            })
        super().__init__(*args, **kwargs)
        self.profile = profile
        self._add_profile_fields(topics)
        self.order_fields([*PROFILE_FIELD_ORDER[:2], "phone", *PROFILE_FIELD_ORDER[2:-1], "topic_proposal",
                           PROFILE_FIELD_ORDER[-1]])
        tidy_widgets(self)

    def to_input(self) -> ProfileInput:
        return self.profile_input(visibility=self.profile.visibility)


class VisibilityForm(KernForm):
    def __init__(self, *args, profile: Profile | None = None, **kwargs):
        if profile is not None and not args and "data" not in kwargs:
            kwargs.setdefault("initial", {"visibility": profile.visibility})
        super().__init__(*args, **kwargs)
        self.fields["visibility"] = visibility_field()
        tidy_widgets(self)


class EntryForm(KernForm):
    """An offer or a need: direction, title, text and topics."""

    def __init__(self, *args, topics, entry: ProfileEntry | None = None, topic_ids=(), **kwargs):
        if entry is not None and not args and "data" not in kwargs:
            kwargs.setdefault("initial", {
                "direction": entry.direction, "title": entry.title, "text": entry.text,
                "topics": [str(pk) for pk in sorted(topic_ids)],
            })
        super().__init__(*args, **kwargs)
        self.fields["direction"] = forms.ChoiceField(
            label=_("Offer or need?"),
            choices=Direction.choices,
            widget=forms.RadioSelect,
            error_messages={
                "required": _("Please choose whether you offer or look for something."),
                "invalid_choice": _("Please choose one of the listed options."),
            },
        )
        self.fields["title"] = text_field(_("Title"), max_length=200, required_message=_("Please enter a title."))
        self.fields["title"].help_text = _("A short German title, e.g. “Testing of electrolysis components”.")
        self.fields["text"] = _long_text(
            _("Description"), max_length=ENTRY_TEXT_MAX,
            help_text=_("What exactly, for whom, when? At most %(limit)d characters.") % {"limit": ENTRY_TEXT_MAX},
        )
        self.fields["topics"] = topics_field(topics)
        tidy_widgets(self)

    def clean_title(self):
        value = (self.cleaned_data.get("title") or "").strip()
        if not value:
            raise forms.ValidationError(_("Please enter a title."), code="required")
        return value

    def to_input(self) -> EntryInput:
        data = self.cleaned_data
        return EntryInput(direction=data["direction"], title=data["title"], text=data.get("text", ""),
                          topic_ids=tuple(data.get("topics") or ()))


class DeleteProfileForm(KernForm):
    confirm = forms.BooleanField(
        label=_("Yes, delete my profile with all offers and needs for good"),
        error_messages={"required": _("Please tick the box to confirm that you want to delete your profile.")},
    )
