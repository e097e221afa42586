"""The administrators' account pages (/verwaltung/konten/): list, invite, roles and event teams,
deactivate and reactivate. For those who may manage accounts (permissions.can_manage_accounts),
else 404; an account they may not change (a superuser's, for an administrator) is 404 as well.
Every change goes through one service, which audits it."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from revier.accounts import selectors, services
from revier.accounts.errors import AccountError
from revier.accounts.forms import InviteForm, RetentionForm, RolesForm, TeamForm
from revier.accounts.permissions import can_manage_account, can_manage_accounts
from revier.accounts.roles import ROLES
from revier.core.mfa import second_factor_confirmed, second_factor_required, second_factor_reset
from revier.core.params import page_number
from revier.core.retention import (
    PERIODS,
    can_change_retention,
    period_has_followers,
    retention_periods,
    retention_periods_set,
)
from revier.core.security import staff_page
from revier.core.services import audit_read
from revier.events import selectors as event_selectors
from revier.events import services as event_services

User = get_user_model()
PAGE_SIZE = 50
accounts_page = staff_page(allowed=can_manage_accounts)


def _account(request, pk: int):
    account = selectors.account_get(pk=pk)
    if account is None or not can_manage_account(request.user, account):
        raise Http404("no such account")
    return account


@accounts_page
@require_safe
def account_list(request):
    search = request.GET.get("q", "")
    paginator = Paginator(selectors.account_list(search=search), PAGE_SIZE)
    page_obj = paginator.page(page_number(request.GET.get("page"), num_pages=paginator.num_pages))
    accounts = list(page_obj.object_list)
    for account in accounts:
        groups = {group.name for group in account.groups.all()}
        account.role_labels = ([_("Superuser (every right)")] if account.is_superuser else []) + [
            str(role.label) for role in ROLES if role.group in groups]
    audit_read(actor=request.user, action="accounts_viewed", model=User, object_ids=[a.pk for a in accounts])
    return render(request, "accounts/account_list.html", {
        "page_obj": page_obj, "accounts": accounts, "search": search[:selectors.SEARCH_MAX_LENGTH],
        "retention_link": can_change_retention(request.user),
    })


@accounts_page
@require_http_methods(["GET", "HEAD", "POST"])
def account_invite(request):
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            account = services.account_invite(email=data["email"], first_name=data["first_name"],
                                              last_name=data["last_name"], role_keys=data["roles"], actor=request.user)
        except AccountError as error:
            form.add_error("email", error.message)
        else:
            messages.success(request, _("The account has been created and the invitation sent."))
            return redirect("accounts:detail", pk=account.pk)
    return render(request, "accounts/account_invite.html", {"form": form}, status=400 if form.errors else 200)


def _render_detail(request, account, *, roles_form=None, team_form=None, status=200):
    teams = list(event_selectors.event_list_of_team_member(user=account))
    team_ids = {event.pk for event in teams}
    choices = [event for event in event_selectors.event_list_for_team_choice() if event.pk not in team_ids]
    audit_read(actor=request.user, action="account_viewed", model=User, object_ids=[account.pk])
    return render(request, "accounts/account_detail.html", {
        "account": account,
        "account_roles": [role for role in ROLES if role.key in services.account_role_keys(account)],
        "roles_form": roles_form or RolesForm(initial={"roles": services.account_role_keys(account)}),
        "team_form": team_form or TeamForm(events=choices),
        "teams": teams,
        "invited": not account.has_usable_password(),
        "is_self": account.pk == request.user.pk,
        "second_factor": second_factor_required(account) and second_factor_confirmed(account),
    }, status=status)


@accounts_page
@require_http_methods(["GET", "HEAD", "POST"])
def account_detail(request, pk):
    """The account with its roles (the POST sets them) and event teams."""
    account = _account(request, pk)
    if request.method == "POST":
        form = RolesForm(request.POST)
        if not form.is_valid():
            return _render_detail(request, account, roles_form=form, status=400)
        added, removed = services.account_roles_set(user=account, role_keys=form.cleaned_data["roles"],
                                                    actor=request.user)
        messages.success(request, _("The roles have been saved.") if added or removed
                         else _("The roles were already as chosen; nothing has changed."))
        return redirect("accounts:detail", pk=account.pk)
    return _render_detail(request, account)


@accounts_page
@require_POST
def account_team_add(request, pk):
    account = _account(request, pk)
    form = TeamForm(request.POST, events=event_selectors.event_list_for_team_choice())
    if not form.is_valid():
        return _render_detail(request, account, team_form=form, status=400)
    event = event_selectors.event_list_for_team_choice().get(pk=form.cleaned_data["event"])
    event_services.event_team_add(event=event, user=account, actor=request.user)
    messages.success(request, _("The account now belongs to the team of “%(event)s”.") % {"event": event.title})
    return redirect("accounts:detail", pk=account.pk)


@accounts_page
@require_POST
def account_team_remove(request, pk, event):
    account = _account(request, pk)
    team_event = event_selectors.event_list_of_team_member(user=account).filter(pk=event).first()
    if team_event is None:
        raise Http404("not in this team")
    event_services.event_team_remove(event=team_event, user=account, actor=request.user)
    messages.success(request, _("The account no longer belongs to the team of “%(event)s”.") % {"event": team_event.title})
    return redirect("accounts:detail", pk=account.pk)


def _action(service, done_message):
    @accounts_page
    @require_POST
    def view(request, pk):
        account = _account(request, pk)
        try:
            service(user=account, actor=request.user)
        except AccountError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, done_message())
        return redirect("accounts:detail", pk=account.pk)

    return view


account_deactivate = _action(services.account_deactivate,
                             lambda: _("The account has been deactivated. It can no longer log in."))
account_reactivate = _action(services.account_reactivate,
                             lambda: _("The account has been reactivated. It can log in again."))
account_second_factor_reset = _action(
    second_factor_reset,
    lambda: _("The second factor has been reset. At the next login the person sets up the authenticator app again."))
account_invite_resend = _action(services.account_invite_resend,
                                lambda: _("The invitation has been sent again."))


@staff_page(allowed=can_change_retention)
@require_http_methods(["GET", "HEAD", "POST"])
def retention_settings(request):
    """The retention periods (core.retention.PERIODS), for the role Administration only: each kind's
    days, shown in the forms and on the privacy page; the POST sets them (audited)."""
    followed = [period.key for period in PERIODS if period_has_followers(period.key)]
    form = RetentionForm(request.POST or None, periods=retention_periods(), followed=followed)
    if request.method == "POST" and form.is_valid():
        changes = retention_periods_set(days={period.key: form.cleaned_data[period.key] for period in PERIODS},
                                        apply_to_existing=form.following(), actor=request.user)
        if not changes:
            messages.success(request, _("The retention periods were already as entered; nothing has changed."))
        else:
            messages.success(request, _("The retention periods have been saved."))
            followed_count = sum(change.followed or 0 for change in changes)
            if any(change.followed is not None for change in changes):
                messages.success(request, ngettext(
                    "%(count)d existing event or contingent now has the new period.",
                    "%(count)d existing events or contingents now have the new period.", followed_count,
                ) % {"count": followed_count})
        return redirect("staff-settings:retention")
    return render(request, "accounts/retention_settings.html", {"form": form}, status=400 if form.errors else 200)
