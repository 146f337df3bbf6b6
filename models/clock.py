"""The clock and fresh ids, without pydantic: the app's first frame needs them, not the models.

models.base re-exports both; importing this module alone keeps pydantic (about 100 ms and 12 MB
with the models) off the path to the first frame.
"""

from __future__ import annotations

from datetime import datetime
from random import SystemRandom

#: How a date and time is written and read everywhere: screens, reports, `check`, the reading form.
TIME_FORMAT = "%Y-%m-%d %H:%M"

#: Ids are short and random: never a CPR number, never derived from a name.
ID_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
ID_LENGTH = 8

# What `secrets.choice` is (os.urandom), without importing secrets and hmac with it (~0.5 ms on
# the way to a case's first view, where no id is made).
_CHOICE = SystemRandom().choice


def new_id() -> str:
    return "".join(_CHOICE(ID_ALPHABET) for _ in range(ID_LENGTH))


def now() -> datetime:
    """The local time with its UTC offset, to the second (files stay readable)."""
    return datetime.now().astimezone().replace(microsecond=0)
