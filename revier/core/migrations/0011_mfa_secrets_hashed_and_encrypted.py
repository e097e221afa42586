"""Existing second factors under the rule "secrets stored hashed or encrypted" (core.keys):
django-otp's static tokens (recovery codes in plain text) become RecoveryCode rows holding only
their keyed hash, under a RecoveryCodeDevice of the same person, name and state; the static
devices and tokens are then deleted, so no plain code is left. The TOTP secrets (hex) are encrypted
in place.

Backwards: the TOTP secrets are decrypted to hex again. Hashed recovery codes cannot be turned back
into codes: going back removes them, and the people make new ones on their security page
(/konto/sicherheit/) after the login with their app."""

from binascii import hexlify, unhexlify

from django.db import migrations

from revier.core.keys import decrypt, encrypt, is_encrypted, keyed_hash

TOTP_PURPOSE = "otp-totp-key"  # core.models.EncryptedTOTPDevice.KEY_PURPOSE
RECOVERY_PURPOSE = "recovery-code"  # core.models.RecoveryCodeDevice.HASH_PURPOSE


def _normalised(token: str) -> str:
    return "".join(str(token or "").split()).replace("-", "").lower()  # as core.mfa._normalised


def forwards(apps, schema_editor):
    StaticDevice = apps.get_model("otp_static", "StaticDevice")
    TOTPDevice = apps.get_model("otp_totp", "TOTPDevice")
    RecoveryCodeDevice = apps.get_model("core", "RecoveryCodeDevice")
    RecoveryCode = apps.get_model("core", "RecoveryCode")
    for static in StaticDevice.objects.order_by("pk"):
        device = RecoveryCodeDevice.objects.create(user_id=static.user_id, name=static.name, confirmed=static.confirmed)
        RecoveryCode.objects.bulk_create([
            RecoveryCode(device=device, code_hash=keyed_hash(RECOVERY_PURPOSE, _normalised(token)))
            for token in static.token_set.order_by("pk").values_list("token", flat=True)])
    apps.get_model("otp_static", "StaticToken").objects.all().delete()
    StaticDevice.objects.all().delete()
    for device in TOTPDevice.objects.order_by("pk"):
        if not is_encrypted(device.key):
            TOTPDevice.objects.filter(pk=device.pk).update(key=encrypt(TOTP_PURPOSE, unhexlify(device.key)))


def backwards(apps, schema_editor):
    TOTPDevice = apps.get_model("otp_totp", "TOTPDevice")
    for device in TOTPDevice.objects.order_by("pk"):
        if is_encrypted(device.key):
            TOTPDevice.objects.filter(pk=device.pk).update(key=hexlify(decrypt(TOTP_PURPOSE, device.key)[0]).decode("ascii"))
    apps.get_model("core", "RecoveryCodeDevice").objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0010_mfa_secrets_at_rest"),
        ("otp_static", "0003_add_timestamps"),
        ("otp_totp", "0003_add_timestamps"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
