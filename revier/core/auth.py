"""The one staff login (`/anmelden/`, also for the Django admin), its throttle, and the password
reset by mail.

Failed attempts are counted per account (the user name typed, whether it exists or not) and per
client (core.ratelimit: the address, IPv6 by /64) in windows of settings.LOGIN_WINDOW_MINUTES. An
attempt beyond settings.LOGIN_FAILURES_PER_ACCOUNT or LOGIN_FAILURES_PER_CLIENT is refused before
the password is checked, so guessing on is useless, from this client or from any other. Every
attempt counts first and a successful one is taken back: many attempts sent at once cannot slip
past the limit between checking and counting.

"Passwort vergessen?" (`/anmelden/passwort-vergessen/`) is Django's password-reset family with our
forms, templates and services: the mail goes through the outbox with a link built from
settings.SITE_URL, the answer is the same whether the address belongs to an account or not, and
requests are limited per client (PASSWORD_RESET_LIMIT_PER_CLIENT an hour) and per address (the
self-service mail limit, core.mail.self_service_mail_allowed).
"""

from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME, authenticate, get_user_model
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.contrib.auth.tokens import default_token_generator
from django.contrib.auth.views import (
    INTERNAL_RESET_SESSION_TOKEN,
    LoginView,
    PasswordResetCompleteView,
    PasswordResetConfirmView,
    PasswordResetDoneView,
    PasswordResetView,
)
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlencode, urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp import DEVICE_ID_SESSION_KEY

from revier.core import ratelimit
from revier.core.forms import KernForm, email_field
from revier.core.mail import mail_language, mail_queue, self_service_mail_allowed
from revier.core.mfa import second_factor_required, second_factor_url
from revier.core.services import audit_log

LOGIN_ACCOUNT_SCOPE = "login-account"
LOGIN_CLIENT_SCOPE = "login-client"


def _window_seconds() -> int:
    return settings.LOGIN_WINDOW_MINUTES * 60


def _account_key(username: str) -> str:
    # "Orga" and "orga " count as the same account: a different spelling gives no fresh attempts.
    return " ".join(str(username).split()).casefold()


def login_attempt_allowed(*, request, username: str) -> bool:
    """Counts one login attempt for the account `username` and the client of `request` and says
    whether the password may be checked: False once either has used up its failed attempts in the
    current window. Call login_attempt_succeeded after a successful check."""
    window = _window_seconds()
    account_ok = ratelimit.hit_key(scope=LOGIN_ACCOUNT_SCOPE, key=_account_key(username),
                                   limit=settings.LOGIN_FAILURES_PER_ACCOUNT, window_seconds=window)
    client_ok = ratelimit.hit(scope=LOGIN_CLIENT_SCOPE, request=request,
                              limit=settings.LOGIN_FAILURES_PER_CLIENT, window_seconds=window)
    return account_ok and client_ok


def login_attempt_succeeded(*, request, username: str) -> None:
    """Takes the attempt counted by login_attempt_allowed back: it was no failure. The failures
    before it stay counted, for the account and for the client."""
    window = _window_seconds()
    ratelimit.unhit_key(scope=LOGIN_ACCOUNT_SCOPE, key=_account_key(username), window_seconds=window)
    ratelimit.unhit_key(scope=LOGIN_CLIENT_SCOPE, key=ratelimit.client_address(request), window_seconds=window)


def login_failures_forget(*, username: str) -> None:
    """Ends the lock of an account (its owner has just set a new password by mail); the counters
    of clients stay."""
    ratelimit.clear_key(scope=LOGIN_ACCOUNT_SCOPE, key=_account_key(username), window_seconds=_window_seconds())


def throttled_message() -> str:
    minutes = settings.LOGIN_WINDOW_MINUTES
    return ngettext(
        "Too many login attempts. Please wait %(minutes)d minute or reset your password.",
        "Too many login attempts. Please wait %(minutes)d minutes or reset your password.",
        minutes,
    ) % {"minutes": minutes}


class StaffLoginForm(AuthenticationForm):
    """Django's login form with the throttle: a throttled attempt is refused with a German message
    (`throttled` is then True) and the password is not checked at all."""

    throttled = False

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is not None and password:
            if not login_attempt_allowed(request=self.request, username=username):
                self.throttled = True
                raise ValidationError(throttled_message(), code="throttled")
            self.user_cache = authenticate(self.request, username=username, password=password)
            if self.user_cache is None:
                raise self.get_invalid_login_error()
            login_attempt_succeeded(request=self.request, username=username)
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


class StaffLoginView(LoginView):
    """`/anmelden/`: organisers, the editorial team and administrators (the admin's login leads
    here). A throttled attempt is answered with 429 and the form, the user name kept. Who needs a
    second factor (core.mfa) goes on to it, with the address they wanted to reach."""

    form_class = StaffLoginForm
    template_name = "core/auth/login.html"
    redirect_authenticated_user = False

    def get_context_data(self, **kwargs):
        # Django's LoginView puts the host into site_name (django.contrib.sites is not used); the
        # page's title and header show the platform's name instead.
        return {**super().get_context_data(**kwargs), "site_name": settings.SITE_NAME}

    def form_valid(self, form):
        response = super().form_valid(form)
        # A new password step asks for the second factor again, also in a session that had passed it.
        self.request.session.pop(DEVICE_ID_SESSION_KEY, None)
        if second_factor_required(form.get_user()):
            return redirect(second_factor_url(next_url=self.get_success_url()))
        return response

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.throttled:
            response.status_code = 429
        return response


def admin_login(request):
    """The admin's login address (`/verwaltung/login/`, where the admin sends people who are not
    logged in) leads to the one staff login with its throttle; nothing sent here is checked."""
    next_url = request.GET.get(REDIRECT_FIELD_NAME) or reverse("admin:index")
    return redirect(f"{reverse('login')}?{urlencode({REDIRECT_FIELD_NAME: next_url})}")


# ---------------------------------------------------------------------------------------------
# Password reset by mail

PASSWORD_RESET_SCOPE = "password-reset"


def _accounts_with_email(email: str) -> list:
    """Active accounts with a usable password whose address is `email` (any case)."""
    user_model = get_user_model()
    field = user_model.get_email_field_name()
    address = email.strip()
    candidates = user_model._default_manager.filter(**{f"{field}__iexact": address, "is_active": True}).order_by("pk")
    return [user for user in candidates
            if user.has_usable_password() and str(getattr(user, field) or "").casefold() == address.casefold()]


def password_reset_url(user) -> str:
    """The link of a password-reset mail, on settings.SITE_URL (whatever address the request came to)."""
    path = reverse("password_reset_confirm", kwargs={
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": default_token_generator.make_token(user)})
    return settings.SITE_URL.rstrip("/") + path


def password_reset_request(*, email: str) -> int:
    """Queues a mail with a link to set a new password (valid settings.PASSWORD_RESET_TIMEOUT seconds,
    once) for every active account with the address `email` and a usable password, and audits it.
    Counts against the self-service mail limit of the address whether or not an account has it;
    beyond the limit nothing is queued. Returns how many mails were queued; the caller answers the
    same in every case, so that nobody learns which addresses have an account."""
    if not self_service_mail_allowed(email=email):
        return 0
    with transaction.atomic(durable=True):
        users = _accounts_with_email(email)
        with translation.override(mail_language()):
            subject = str(_("Set a new password for %(site_name)s")) % {"site_name": settings.SITE_NAME}
        for user in users:
            mail_queue(
                to=[getattr(user, user.get_email_field_name())],
                subject=subject,
                template="core/mail/password_reset",
                context={
                    "user": user, "reset_url": password_reset_url(user), "login_url": settings.SITE_URL.rstrip("/")
                    + reverse("login"), "valid_minutes": settings.PASSWORD_RESET_TIMEOUT // 60,
                    "site_name": settings.SITE_NAME, "site_url": settings.SITE_URL,
                },
            )
            audit_log(actor=None, action="password_reset_requested", obj=user)
    return len(users)


def password_set(*, user, password: str) -> None:
    """Sets `password` (already checked against AUTH_PASSWORD_VALIDATORS by the form) as the new
    password of `user`, who proved access to the account's mailbox; audited. Every session of the
    account ends (Django ties sessions to the password), and so does a lock of the account by the
    login throttle."""
    with transaction.atomic(durable=True):
        user.set_password(password)
        user.save(update_fields=["password"])
        audit_log(actor=None, action="password_reset", obj=user)
    login_failures_forget(username=user.get_username())


class PasswordResetRequestForm(KernForm):
    email = email_field(help_text=_("The address of your account."))


class StaffPasswordResetView(PasswordResetView):
    """"Passwort vergessen?": asks for the address, queues the mail (password_reset_request) and
    always leads to the same page. More than PASSWORD_RESET_LIMIT_PER_CLIENT requests an hour from
    one client are answered with 429 and the form."""

    form_class = PasswordResetRequestForm
    template_name = "core/auth/password_reset_form.html"
    success_url = reverse_lazy("password_reset_done")

    def post(self, request, *args, **kwargs):
        if not ratelimit.hit(scope=PASSWORD_RESET_SCOPE, request=request,
                             limit=settings.PASSWORD_RESET_LIMIT_PER_CLIENT, window_seconds=3600):
            context = self.get_context_data(form=self.get_form(), rate_limited=True,
                                            rate_limit_message=ratelimit.TOO_MANY_REQUESTS_MESSAGE)
            return self.render_to_response(context, status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        password_reset_request(email=form.cleaned_data["email"])
        return redirect(self.get_success_url())


class StaffPasswordResetDoneView(PasswordResetDoneView):
    template_name = "core/auth/password_reset_done.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "valid_minutes": settings.PASSWORD_RESET_TIMEOUT // 60}


class StaffSetPasswordForm(SetPasswordForm):
    """Django's form for a new password, checked by AUTH_PASSWORD_VALIDATORS; the view saves it
    through password_set."""

    use_required_attribute = False


class StaffPasswordResetConfirmView(PasswordResetConfirmView):
    """The link from the mail: Django checks the token and moves it out of the address into the
    session (so it never leaves in a Referer); the new password is set through password_set."""

    form_class = StaffSetPasswordForm
    template_name = "core/auth/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")
    post_reset_login = False

    def form_valid(self, form):
        password_set(user=self.user, password=form.cleaned_data["new_password1"])
        del self.request.session[INTERNAL_RESET_SESSION_TOKEN]
        return redirect(self.get_success_url())


class StaffPasswordResetCompleteView(PasswordResetCompleteView):
    template_name = "core/auth/password_reset_complete.html"
