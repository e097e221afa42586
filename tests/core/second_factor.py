"""The staff login with its second factor as a person goes through it (tests/core/test_mfa.py,
test_mfa_at_rest.py): the password on /anmelden/, then the code."""

from tests.factories import PASSWORD

ADDRESS = "192.0.2.50"
SECOND_FACTOR = "/anmelden/zweiter-faktor/"
SETUP = "/anmelden/zweiter-faktor/einrichten/"
WRONG = "Der Code stimmt nicht."


def log_in_with_password(client, username, next_url="/verwaltung/", address=ADDRESS):
    return client.post("/anmelden/", {"username": username, "password": PASSWORD, "next": next_url},
                       REMOTE_ADDR=address)


def send_code(client, code, next_url="/verwaltung/", address=ADDRESS, path=SECOND_FACTOR):
    return client.post(path, {"code": code, "next": next_url}, REMOTE_ADDR=address)


def log_in_with_code(client, username, code):
    """The password, then `code`: the answer to the code."""
    log_in_with_password(client, username)
    return send_code(client, code)
