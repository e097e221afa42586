"""The second factor of staff logins: a code from an authenticator app (TOTP) or a one-time
recovery code, through django-otp: its TOTP device with the secret encrypted at rest
(core.models.EncryptedTOTPDevice) and a device of recovery codes stored as keyed hashes
(core.models.RecoveryCodeDevice); the cryptography is Django's HMAC and the `cryptography`
package's AES-GCM (core.keys), none of our own.

After the password (core.auth.StaffLoginView) a person for whom second_factor_required() holds is
logged in with a session that reaches only the login's pages (core.middleware.SecondFactorMiddleware)
until a code from one of their confirmed devices is accepted: django_otp.login() then records the
device in the session (DEVICE_ID_SESSION_KEY), and that mark is what every later request trusts (no
extra query per page). Without a confirmed device the person sets the app up first and receives
their recovery codes once. Wrong codes count as failed logins of the account and the client
(core.auth's throttle). docs/security.md, "Second factor".
"""

from base64 import b32encode

import segno
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.http import urlencode
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticToken

from revier.core.keys import Undecryptable, keyed_hash
from revier.core.models import EncryptedTOTPDevice, RecoveryCode, RecoveryCodeDevice
from revier.core.services import audit_log

TOTP_DEVICE_NAME = "Authenticator-App"
RECOVERY_DEVICE_NAME = "Wiederherstellungscodes"


def second_factor_required(user) -> bool:
    """Whether `user` must confirm the login with a second factor: every account. Revier has
    accounts only for people who see others' personal data: staff, and event teams without the
    staff flag, who see their event's registrations. The one place that decides it (a rule per
    role can change it here)."""
    return bool(user.is_authenticated)


def second_factor_verified(request) -> bool:
    """Whether the session of `request` has passed the second factor."""
    return bool(request.session.get(DEVICE_ID_SESSION_KEY))


def second_factor_url(*, name: str = "second_factor", next_url: str = "") -> str:
    url = reverse(name)
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def second_factor_confirmed(user) -> bool:
    """Whether `user` has set up an authenticator app (a confirmed TOTP device)."""
    return EncryptedTOTPDevice.objects.filter(user=user, confirmed=True).exists()


def totp_device_pending(*, user) -> EncryptedTOTPDevice:
    """The authenticator app being set up by `user`: an unconfirmed TOTP device with a fresh
    secret, made on the first visit of the setup page and kept until it is confirmed, so that a
    reload shows the same QR code (or a new one, when no key opens the kept secret any more)."""
    device = EncryptedTOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is not None:
        try:
            device.bin_key
        except Undecryptable:  # SECRET_KEY changed without the old one in SECRET_KEY_FALLBACKS
            device.delete()
            device = None
    if device is None:
        device = EncryptedTOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


def totp_secret_text(device: EncryptedTOTPDevice) -> str:
    """The device's secret in base32, as authenticator apps take it when typed in, in groups of 4."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def totp_qr_data_uri(device: EncryptedTOTPDevice) -> str:
    """The device's otpauth:// address as a QR code: an SVG (paths only, no style) in a data: URI
    for an <img>, drawn here on the server."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=4)


def _normalised(code: str) -> str:
    # People type "123 456" or "abcd-efgh"; the library's tokens have neither spaces nor dashes.
    return "".join(str(code or "").split()).replace("-", "").lower()


def recovery_code_hash(code: str) -> str:
    """What is stored of a recovery code: its HMAC-SHA256 under a key derived from SECRET_KEY."""
    return keyed_hash(RecoveryCodeDevice.HASH_PURPOSE, _normalised(code))


def _recovery_codes_new(*, user) -> list[str]:
    """Replaces the recovery codes of `user` by settings.RECOVERY_CODE_COUNT new ones (django-otp's
    random static tokens: 8 characters of base32) and returns them; only their keyed hashes are
    stored. Inside the caller's transaction."""
    device, _ = RecoveryCodeDevice.objects.get_or_create(user=user, name=RECOVERY_DEVICE_NAME,
                                                         defaults={"confirmed": True})
    device.codes.all().delete()
    codes = [StaticToken.random_token() for _ in range(settings.RECOVERY_CODE_COUNT)]
    RecoveryCode.objects.bulk_create([RecoveryCode(device=device, code_hash=recovery_code_hash(code)) for code in codes])
    return codes


def recovery_code_display(code: str) -> str:
    """A recovery code as shown to people: two groups of four ("abcd-efgh"); typed with or without the dash."""
    return f"{code[:4]}-{code[4:]}" if len(code) == 8 else code


def second_factor_confirm(*, device: EncryptedTOTPDevice, code: str) -> list[str] | None:
    """Confirms the authenticator app being set up with `code` from it. On success the device is
    confirmed, any other app of the person removed, new recovery codes made and returned (shown
    once), and it is audited; a wrong code returns None and changes nothing."""
    with transaction.atomic(durable=True):
        device = EncryptedTOTPDevice.objects.select_for_update().filter(pk=device.pk, confirmed=False).first()
        if device is None or not device.verify_token(_normalised(code)):
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        EncryptedTOTPDevice.objects.filter(user_id=device.user_id).exclude(pk=device.pk).delete()
        codes = _recovery_codes_new(user=device.user)
        audit_log(actor=device.user, action="second_factor_confirmed", obj=device.user)
    return codes


def second_factor_check(*, user, code: str):
    """The confirmed device of `user` that accepts `code` (a code of the app, or a recovery code,
    which is used up with it), or None. Verified under a row lock of the devices, so that a code
    counts once even when sent twice at the same moment; a used recovery code is audited. An app's
    secret still encrypted under a key of SECRET_KEY_FALLBACKS is encrypted again under SECRET_KEY."""
    code = _normalised(code)
    if not code:
        return None
    model = EncryptedTOTPDevice if code.isdigit() else RecoveryCodeDevice
    with transaction.atomic(durable=True):
        for device in model.objects.devices_for_user(user, confirmed=True).select_for_update().order_by("pk"):
            if device.verify_token(code):
                if model is RecoveryCodeDevice:
                    audit_log(actor=user, action="recovery_code_used", obj=user,
                              data={"left": device.codes.filter(used_at__isnull=True).count()})
                elif not device.key_under_current_secret:
                    device.key_set(device.bin_key)
                    device.save(update_fields=["key"])
                return device
    return None


def second_factor_login(request, device) -> None:
    """Marks the session of `request` as having passed the second factor with `device`."""
    otp_login(request, device)


def recovery_codes_left(user) -> int:
    return RecoveryCode.objects.filter(device__user=user, device__confirmed=True, used_at__isnull=True).count()


def recovery_codes_renew(*, user) -> list[str]:
    """Replaces the recovery codes of `user` (who has passed the second factor) by new ones, returns
    them to be shown once, and audits it. The old codes stop working."""
    with transaction.atomic(durable=True):
        codes = _recovery_codes_new(user=user)
        audit_log(actor=user, action="recovery_codes_renewed", obj=user)
    return codes


def totp_device_create_confirmed(*, user, key: str) -> EncryptedTOTPDevice:
    """An authenticator app with the known secret `key` (hex, as django-otp takes it; stored
    encrypted), confirmed without a code, audited. Only for the demo's accounts (revier/demo/accounts.py), whose secret
    is printed by `load_demo` so that a reviewer can log in (inside the demo's transaction)."""
    with transaction.atomic():
        device = EncryptedTOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, key=key, confirmed=True)
        audit_log(actor=None, action="second_factor_confirmed", obj=user)
    return device


def second_factor_reset(*, user, actor) -> None:
    """Removes every second factor of `user` (apps and recovery codes), audited with `actor` (an
    administrator): at the next login the person sets up an app again."""
    with transaction.atomic(durable=True):
        EncryptedTOTPDevice.objects.filter(user=user).delete()
        RecoveryCodeDevice.objects.filter(user=user).delete()
        audit_log(actor=actor, action="second_factor_reset", obj=user)
