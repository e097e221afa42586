"""The second factor's secrets at rest (core.keys, core.models.EncryptedTOTPDevice and
RecoveryCodeDevice): no recovery code and no TOTP secret stands in clear in any column of any table,
codes still work (each recovery code once), a rotation of SECRET_KEY with the old key in
SECRET_KEY_FALLBACKS locks nobody out, and the migration converts existing devices, both ways."""

from base64 import b32encode
from binascii import unhexlify

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from revier.core import keys
from revier.core.mfa import second_factor_check, totp_device_pending
from revier.core.models import EncryptedTOTPDevice, RecoveryCode, RecoveryCodeDevice
from tests.core.second_factor import WRONG, log_in_with_code, log_in_with_password
from tests.factories import StaffFactory, totp_code
from tests.personal_data import tables_holding

pytestmark = pytest.mark.usefixtures("clock")


def clear_forms(secret: bytes) -> list[str]:
    """The ways a TOTP secret could stand in a column: hex (django-otp's own), base32 (the apps')."""
    return [secret.hex(), b32encode(secret).decode("ascii").rstrip("=")]


@pytest.mark.django_db
def test_no_recovery_code_and_no_totp_secret_in_clear_in_any_column_of_any_table(staff_with_app):
    user, device, codes = staff_with_app(username="chefin")
    assert len(codes) == 10
    secret = device.bin_key
    assert len(secret) == 20
    assert tables_holding(codes + clear_forms(secret)) == []
    # what the column holds: the encrypted secret (not hex), and per code a 64-digit keyed hash
    stored = TOTPDevice.objects.get(pk=device.pk).key
    assert stored.startswith(keys.ENCRYPTED_PREFIX) and len(stored) <= 80
    with pytest.raises(ValueError):
        unhexlify(stored)
    hashes = list(RecoveryCode.objects.filter(device__user=user).values_list("code_hash", flat=True))
    assert len(hashes) == 10 and all(len(h) == 64 for h in hashes)


@pytest.mark.django_db
def test_an_encrypted_secret_still_gives_the_apps_codes_and_a_recovery_code_counts_once(client, clock, staff_with_app):
    user, device, codes = staff_with_app(username="chefin")
    clock[0] += device.step
    response = log_in_with_code(client, "chefin", totp_code(device, fresh=True))
    assert response["Location"] == "/verwaltung/"

    assert second_factor_check(user=user, code=codes[0].upper()) is not None
    assert second_factor_check(user=user, code=codes[0]) is None  # used up
    assert RecoveryCode.objects.filter(device__user=user, used_at__isnull=True).count() == 9
    response = log_in_with_code(Client(), "chefin", codes[0])
    assert response.status_code == 200 and WRONG in response.content.decode()


@pytest.mark.django_db
def test_the_same_secret_encrypted_twice_differs_and_a_value_of_another_purpose_does_not_open():
    first, second = keys.encrypt("otp-totp-key", b"x" * 20), keys.encrypt("otp-totp-key", b"x" * 20)
    assert first != second
    assert keys.decrypt("otp-totp-key", first) == (b"x" * 20, True)
    with pytest.raises(keys.Undecryptable):
        keys.decrypt("recovery-code", first)
    with pytest.raises(keys.Undecryptable):
        keys.decrypt("otp-totp-key", "00" * 20)


@pytest.mark.django_db
def test_rotation_with_the_old_key_in_fallbacks_keeps_apps_and_recovery_codes(client, settings, clock,
                                                                            staff_with_app):
    user, device, codes = staff_with_app(username="chefin")
    old_stored = TOTPDevice.objects.get(pk=device.pk).key
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-key-after-rotation-" + "k" * 32
    device = EncryptedTOTPDevice.objects.get(pk=device.pk)
    assert not device.key_under_current_secret

    clock[0] += device.step
    response = log_in_with_code(client, "chefin", totp_code(device, fresh=True))
    assert response["Location"] == "/verwaltung/"
    # the login encrypted the secret again under the new SECRET_KEY
    device = EncryptedTOTPDevice.objects.get(pk=device.pk)
    assert device.key != old_stored and device.key_under_current_secret
    assert second_factor_check(user=user, code=codes[1]) is not None  # hashed under the old key

    settings.SECRET_KEY_FALLBACKS = []  # the old key removed: its recovery codes stop working,
    assert second_factor_check(user=user, code=codes[2]) is None
    clock[0] += device.step  # the app (encrypted again above) goes on
    assert second_factor_check(user=user, code=totp_code(device, fresh=True)) is not None


@pytest.mark.django_db
def test_a_changed_secret_key_without_fallback_refuses_codes_without_an_error(settings, clock, staff_with_app):
    user, device, codes = staff_with_app(username="chefin")
    settings.SECRET_KEY = "another-secret-key-without-fallback-" + "z" * 32
    settings.SECRET_KEY_FALLBACKS = []
    clock[0] += device.step
    assert second_factor_check(user=user, code="123456") is None
    assert second_factor_check(user=user, code=codes[0]) is None
    response = log_in_with_code(Client(), "chefin", "123456")
    assert response.status_code == 200 and WRONG in response.content.decode()


BEFORE = [("core", "0009_embed_origin"), ("otp_static", "0003_add_timestamps"), ("otp_totp", "0003_add_timestamps")]
AFTER = [("core", "0011_mfa_secrets_hashed_and_encrypted"), ("otp_static", "0003_add_timestamps"),
         ("otp_totp", "0003_add_timestamps")]
AUTH = [("auth", "0012_alter_user_first_name_max_length")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets + AUTH).apps


@pytest.mark.django_db(transaction=True)
def test_migration_hashes_existing_recovery_codes_and_encrypts_secrets_and_back():
    hex_key = "3132333435363738393031323334353637383930"
    try:
        apps = _migrate(BEFORE)
        User = apps.get_model("auth", "User")
        user = User.objects.create(username="altbestand", password="!")
        static = apps.get_model("otp_static", "StaticDevice").objects.create(
            user=user, name="Wiederherstellungscodes", confirmed=True)
        for token in ("abcdefgh", "ijklmnop", "qrstuv23"):
            apps.get_model("otp_static", "StaticToken").objects.create(device=static, token=token)
        apps.get_model("otp_totp", "TOTPDevice").objects.create(user=user, name="App", key=hex_key, confirmed=True)

        apps = _migrate(AFTER)
        assert not apps.get_model("otp_static", "StaticToken").objects.exists()
        assert not apps.get_model("otp_static", "StaticDevice").objects.exists()
        assert tables_holding(["abcdefgh", "ijklmnop", "qrstuv23", hex_key]) == []
        stored = apps.get_model("otp_totp", "TOTPDevice").objects.get(user_id=user.pk).key
        assert keys.decrypt("otp-totp-key", stored) == (unhexlify(hex_key), True)

        device = RecoveryCodeDevice.objects.get(user_id=user.pk)
        assert device.confirmed and device.name == "Wiederherstellungscodes" and device.codes.count() == 3
        assert EncryptedTOTPDevice.objects.get(user_id=user.pk).bin_key == unhexlify(hex_key)
        assert second_factor_check(user=device.user, code="ijkl-mnop") == device
        assert second_factor_check(user=device.user, code="ijklmnop") is None
        assert second_factor_check(user=device.user, code="abcdefgh") == device

        apps = _migrate(BEFORE)
        assert apps.get_model("otp_totp", "TOTPDevice").objects.get(user_id=user.pk).key == hex_key
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db
def test_setup_after_a_changed_secret_key_shows_a_new_secret(client, settings):
    user = StaffFactory(username="neu")
    pending = totp_device_pending(user=user)
    settings.SECRET_KEY = "another-secret-key-without-fallback-" + "z" * 32
    log_in_with_password(client, "neu")
    response = client.get("/anmelden/zweiter-faktor/einrichten/")
    assert response.status_code == 200
    device = EncryptedTOTPDevice.objects.get(user=user)
    assert device.pk != pending.pk and len(device.bin_key) == 20
