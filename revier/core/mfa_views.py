"""The pages of the second factor (core.mfa): the code after the password, setting up the
authenticator app, and the staff page "Sicherheit" (recovery codes)."""

from functools import wraps

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache

from revier.core.auth import login_attempt_allowed, login_attempt_succeeded
from revier.core.forms import KernForm
from revier.core.mfa import (
    recovery_code_display,
    recovery_codes_left,
    recovery_codes_renew,
    second_factor_check,
    second_factor_confirm,
    second_factor_confirmed,
    second_factor_login,
    second_factor_required,
    second_factor_url,
    second_factor_verified,
    totp_device_pending,
    totp_qr_data_uri,
    totp_secret_text,
)
from revier.core.models import EncryptedTOTPDevice
from revier.core.security import staff_page

WRONG_CODE = _("This code is not correct. Please enter the current code from your authenticator app "
               "or one of your recovery codes.")
WRONG_SETUP_CODE = _("This code is not correct. Please enter the six-digit code that your authenticator "
                     "app shows now.")


def too_many_codes_message() -> str:
    minutes = settings.LOGIN_WINDOW_MINUTES
    return ngettext(
        "Too many wrong codes. Please wait %(minutes)d minute and try again.",
        "Too many wrong codes. Please wait %(minutes)d minutes and try again.",
        minutes,
    ) % {"minutes": minutes}


class CodeForm(KernForm):
    code = forms.CharField(
        label=_("Code"),
        max_length=40,
        help_text=_("The six-digit code from your authenticator app, or one of your recovery codes."),
        error_messages={"required": _("Please enter the code."),
                        "max_length": _("A code has at most 40 characters.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false",
                                      "autocapitalize": "none", "class": "code-input"}),
    )


class SetupCodeForm(CodeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = _("The six-digit code that your authenticator app shows for %(site_name)s.") % {
            "site_name": settings.SITE_NAME}
        self.fields["code"].widget.attrs["inputmode"] = "numeric"


def _next_url(request) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return url
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def login_step(view):
    """A page between the password and the staff area: logged in (with the password), never cached
    or indexed; for a person who needs no second factor it only leads on."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not second_factor_required(request.user):
            return HttpResponseRedirect(_next_url(request))
        response = view(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex"
        return response

    return login_required(never_cache(wrapped))


def _recovery_codes_page(request, codes: list[str], *, next_url: str, first: bool):
    return render(request, "core/auth/recovery_codes.html", {
        "codes": [recovery_code_display(code) for code in codes], "next": next_url, "first": first})


@login_step
def second_factor(request):
    """`/anmelden/zweiter-faktor/`: the code after the password. Wrong codes count as failed
    logins of the account and the client (core.auth); beyond the limit: 429, nothing checked."""
    next_url = _next_url(request)
    if second_factor_verified(request):
        return HttpResponseRedirect(next_url)
    if not second_factor_confirmed(request.user):
        return redirect(second_factor_url(name="second_factor_setup", next_url=next_url))
    form = CodeForm(request.POST if request.method == "POST" else None)
    status = 200
    if form.is_valid():
        username = request.user.get_username()
        if not login_attempt_allowed(request=request, username=username):
            form.add_error("code", too_many_codes_message())
            status = 429
        else:
            device = second_factor_check(user=request.user, code=form.cleaned_data["code"])
            if device is not None:
                login_attempt_succeeded(request=request, username=username)
                second_factor_login(request, device)
                return HttpResponseRedirect(next_url)
            form.add_error("code", WRONG_CODE)
    return render(request, "core/auth/second_factor.html", {"form": form, "next": next_url}, status=status)


@login_step
def second_factor_setup(request):
    """`/anmelden/zweiter-faktor/einrichten/`: a person without an app scans the QR code (or types
    the secret in), confirms with a code and gets their recovery codes once. Who has an app already
    cannot add one here: that needs the code first, or a reset by an administrator."""
    next_url = _next_url(request)
    if second_factor_confirmed(request.user):
        return HttpResponseRedirect(next_url if second_factor_verified(request) else second_factor_url(next_url=next_url))
    device = totp_device_pending(user=request.user)
    form = SetupCodeForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        codes = second_factor_confirm(device=device, code=form.cleaned_data["code"])
        if codes is not None:
            second_factor_login(request, device)
            return _recovery_codes_page(request, codes, next_url=next_url, first=True)
        form.add_error("code", WRONG_SETUP_CODE)
    return render(request, "core/auth/second_factor_setup.html", {
        "form": form, "next": next_url, "qr_code": totp_qr_data_uri(device), "secret": totp_secret_text(device),
    })


@staff_page(allowed=second_factor_required)
def account_security(request):
    """`/konto/sicherheit/`: since when the app is set up, how many recovery codes are left, and
    new recovery codes (the old ones stop working)."""
    if request.method == "POST":
        codes = recovery_codes_renew(user=request.user)
        return _recovery_codes_page(request, codes, next_url=resolve_url("account_security"), first=False)
    device = EncryptedTOTPDevice.objects.filter(user=request.user, confirmed=True).order_by("pk").first()
    return render(request, "core/account_security.html", {
        "device": device, "codes_left": recovery_codes_left(request.user)})
