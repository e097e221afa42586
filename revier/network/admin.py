"""Admin of the network's profiles. A profile belongs to its person, who changes it on the personal
page: the editorial team looks profiles up, hides and shows them again, merges duplicates and
deletes them, each through the services (audited). E-mail address and phone number are not shown
here either (they are the person's; the personal page is the one place that shows them)."""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from revier.core.admin_mixins import DeleteEachAdmin, ReadAuditedAdmin
from revier.core.models import Topic
from revier.network import errors, services
from revier.network.models import TOPIC_PROPOSAL_MAX, Profile, ProfileEntry, TopicProposal

PRIVATE_FIELDS = ["email", "email_normalized", "phone"]


class ProfileEntryInline(admin.TabularInline):
    model = ProfileEntry
    extra = 0
    fields = ["direction", "title", "text", "position"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ChangeOnlyByActionsAdmin:
    """The change form is read-only; the list's actions (which need the change permission) are the
    ways to change a row, each through a service."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request)


@admin.register(Profile)
class ProfileAdmin(ReadAuditedAdmin, ChangeOnlyByActionsAdmin, DeleteEachAdmin, admin.ModelAdmin):
    list_display = ["organisation", "full_name", "kind", "region", "status", "visibility", "hidden_by_staff",
                    "is_synthetic", "created_at"]
    list_filter = ["status", "visibility", "hidden_by_staff", "kind", "region", "language", "is_synthetic"]
    search_fields = ["organisation", "first_name", "last_name", "function", "district"]
    exclude = PRIVATE_FIELDS
    readonly_fields = ["first_name", "last_name", "function", "organisation", "kind", "region", "district", "topics",
                       "description", "visibility", "language", "status", "confirm_until", "confirmed_at", "hidden_by_staff",
                       "linked_registrations", "is_synthetic", "created_at", "updated_at"]
    inlines = [ProfileEntryInline]
    actions = ["hide_profiles", "unhide_profiles", "merge_profiles"]
    date_hierarchy = "created_at"

    @admin.display(description=_("name"), ordering="last_name")
    def full_name(self, obj):
        return obj.full_name

    @admin.display(description=_("registrations"))
    def linked_registrations(self, obj):
        """The events the profile is linked to by a registration, with the registration's status."""
        return "; ".join(f"{link.registration.event.title} ({link.registration.get_status_display()})"
                         for link in obj.registration_links.select_related("registration__event")) or "–"

    def delete_model(self, request, obj):
        services.profile_delete(profile=obj, actor=request.user)

    @admin.action(description=_("Hide selected profiles"), permissions=["change"])
    def hide_profiles(self, request, queryset):
        for profile in queryset:
            services.profile_hide(profile=profile, actor=request.user)
        count = queryset.count()
        self.message_user(request, ngettext("%(count)d profile is hidden.", "%(count)d profiles are hidden.", count)
                          % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Show selected profiles again"), permissions=["change"])
    def unhide_profiles(self, request, queryset):
        for profile in queryset:
            services.profile_unhide(profile=profile, actor=request.user)
        count = queryset.count()
        self.message_user(request, ngettext("%(count)d profile is shown again.", "%(count)d profiles are shown again.",
                                            count) % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Merge two selected duplicates (into the older one)"), permissions=["change"])
    def merge_profiles(self, request, queryset):
        profiles = list(queryset.order_by("created_at", "id")[:3])
        if len(profiles) != 2:
            self.message_user(request, _("Please select exactly two profiles to merge."), messages.ERROR)
            return
        keep, duplicate = profiles
        try:
            services.profile_merge(keep=keep, duplicate=duplicate, actor=request.user)
        except errors.ProfileError as error:
            self.message_user(request, error.message, messages.ERROR)
            return
        self.message_user(
            request,
            _("The profiles have been merged into profile %(id)d; its offers, needs and topics now include the "
              "duplicate's.") % {"id": keep.pk},
            messages.SUCCESS,
        )


@admin.register(ProfileEntry)
class ProfileEntryAdmin(ReadAuditedAdmin, ChangeOnlyByActionsAdmin, DeleteEachAdmin, admin.ModelAdmin):
    list_display = ["title", "direction", "profile", "position"]
    list_filter = ["direction"]
    search_fields = ["title", "text", "profile__organisation"]
    list_select_related = ["profile"]
    readonly_fields = ["profile", "direction", "title", "text", "topics", "position", "created_at", "updated_at"]

    def delete_model(self, request, obj):
        services.profile_entry_delete(profile=obj.profile, entry_id=obj.pk, actor=request.user)


class TopicProposalDecisionForm(forms.ModelForm):
    """The decision on an open proposal: a new topic (its name may be corrected), an existing topic
    it is mapped to, or rejection. The admin hands it to the services; the form writes nothing."""

    APPROVE, MAP, REJECT = "approve", "map", "reject"

    decision = forms.ChoiceField(
        label=_("Decision"), widget=forms.RadioSelect,
        choices=[(APPROVE, _("Approve as a new topic")), (MAP, _("Map to an existing topic")),
                 (REJECT, _("Reject"))],
    )
    new_name = forms.CharField(label=_("Name of the new topic"), max_length=TOPIC_PROPOSAL_MAX, required=False,
                               help_text=_("You may correct the spelling. If a topic of this name exists, the "
                                           "proposal is mapped to it."))
    existing_topic = forms.ModelChoiceField(label=_("Existing topic"), queryset=Topic.objects.all(), required=False,
                                            help_text=_("Only for “Map to an existing topic”."))

    class Meta:
        model = TopicProposal
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial.setdefault("new_name", self.instance.name)

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        if decision == self.MAP and not cleaned.get("existing_topic"):
            self.add_error("existing_topic", _("Please choose the topic the proposal is mapped to."))
        if decision == self.APPROVE and not (cleaned.get("new_name") or "").strip():
            self.add_error("new_name", _("Please enter the name of the new topic."))
        return cleaned


@admin.register(TopicProposal)
class TopicProposalAdmin(admin.ModelAdmin):
    """Topics proposed by participants ("Neues Thema vorschlagen" in the profile form). An open
    proposal is decided on its page or with the list's actions, through the services (audited);
    a decided one is read-only. Proposals are not added or deleted here."""

    form = TopicProposalDecisionForm
    list_display = ["name", "status", "proposer_count", "topic", "created_at", "decided_at"]
    list_filter = ["status"]
    search_fields = ["name"]
    list_select_related = ["topic"]
    actions = ["approve_proposals", "reject_proposals"]
    DECIDED_FIELDS = ["name", "status", "proposers", "topic", "created_at", "decided_at", "decided_by"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(proposer_total=Count("profiles"))

    @admin.display(description=_("proposed by"), ordering="proposer_total")
    def proposer_count(self, obj):
        return obj.proposer_total

    @admin.display(description=_("proposed by"))
    def proposers(self, obj):
        return ", ".join(f"{profile.organisation} (Profil {profile.pk})"
                         for profile in obj.profiles.order_by("organisation", "id")) or "–"

    def _is_open(self, obj) -> bool:
        return obj is not None and obj.status == TopicProposal.Status.OPEN

    def get_fields(self, request, obj=None):
        if self._is_open(obj):
            return ["name", "proposers", "created_at", "decision", "new_name", "existing_topic"]
        return self.DECIDED_FIELDS

    def get_readonly_fields(self, request, obj=None):
        return self.DECIDED_FIELDS

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        if obj is not None and not self._is_open(obj):
            return False
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        decision = form.cleaned_data["decision"]
        try:
            if decision == form.REJECT:
                services.topic_proposal_reject(proposal=obj, actor=request.user)
            else:
                topic = form.cleaned_data["existing_topic"] if decision == form.MAP else None
                services.topic_proposal_approve(proposal=obj, actor=request.user, topic=topic,
                                                name=form.cleaned_data.get("new_name") or "")
        except errors.ProfileError as error:
            self.message_user(request, error.message, messages.ERROR)

    def save_related(self, request, form, formsets, change):
        pass  # the services wrote everything

    def log_change(self, request, obj, message):
        pass  # the services wrote the audit entries

    def _decide_open(self, request, queryset, decide) -> int:
        """Calls `decide(proposal)` (a service) for every open proposal of `queryset`; a refusal is
        shown per proposal. Returns how many were decided."""
        done = 0
        for proposal in queryset.filter(status=TopicProposal.Status.OPEN):
            try:
                decide(proposal)
            except errors.ProfileError as error:
                self.message_user(request, f"{proposal.name}: {error.message}", messages.ERROR)
            else:
                done += 1
        return done

    @admin.action(description=_("Approve selected proposals as new topics"), permissions=["change"])
    def approve_proposals(self, request, queryset):
        done = self._decide_open(request, queryset, lambda proposal: services.topic_proposal_approve(
            proposal=proposal, actor=request.user))
        self.message_user(request, ngettext(
            "%(count)d proposal approved; its topic has been given to the proposing profiles.",
            "%(count)d proposals approved; their topics have been given to the proposing profiles.", done)
            % {"count": done}, messages.SUCCESS)

    @admin.action(description=_("Reject selected proposals"), permissions=["change"])
    def reject_proposals(self, request, queryset):
        done = self._decide_open(request, queryset, lambda proposal: services.topic_proposal_reject(
            proposal=proposal, actor=request.user))
        self.message_user(request, ngettext("%(count)d proposal rejected.", "%(count)d proposals rejected.", done)
                          % {"count": done}, messages.SUCCESS)


# The partner suggestions' weights (network/suggestions/admin.py).
from revier.network.suggestions import admin as suggestions_admin  # noqa: E402,F401

# The Gesprächsbörse's admin (read-only) lives with its models.
from revier.network.meetings import admin as meetings_admin  # noqa: E402,F401
