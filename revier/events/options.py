"""Options that apps above events offer in an event's registration form, e.g. the network's "Ich
möchte an der Gesprächsbörse teilnehmen". Events knows nothing of them but what is registered here
(in the app's AppConfig.ready): it shows the box where the option is offered and, once a
registration with the box ticked has its e-mail address confirmed, tells the app after the commit.
Which boxes a registration ticked is stored with it (Registration.options)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class RegistrationOption:
    key: str  # stored in Registration.options; the form field is option_<key>
    label: Any  # a (lazy) German text
    help_text: Any
    offered_for: Callable[[int], bool]  # event id → is the box shown (read with the registration setup)
    confirmed: Callable[[int], None]  # the id of a registration with the box ticked whose e-mail
    # address was confirmed (called after the commit, outside any transaction)


_options: dict[str, RegistrationOption] = {}


def register_registration_option(option: RegistrationOption) -> None:
    _options[option.key] = option


def registration_options() -> list[RegistrationOption]:
    return list(_options.values())


def registration_option(key: str) -> RegistrationOption | None:
    return _options.get(key)


def option_field_name(option: RegistrationOption) -> str:
    return f"option_{option.key}"
