"""Record numbers and private status codes: random, unambiguous when read aloud or copied."""

from __future__ import annotations

import re
import secrets

# No 0/O, 1/I/L: easy to read back over the phone or from a handwritten note.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def _random(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def record_number_new() -> str:
    """A record number such as C-7K3M-9QPX (not sequential: it reveals nothing)."""
    return f"C-{_random(4)}-{_random(4)}"


def status_code_new() -> str:
    """A private status code such as 4HX9K-M2QPW (about 50 bits)."""
    return f"{_random(5)}-{_random(5)}"


def normalise(value: str) -> str:
    """Upper case without spaces or dashes, so people can type codes as they like."""
    return re.sub(r"[^0-9A-Z]", "", value.upper())


def record_number_normalise(value: str) -> str:
    """``c 7k3m 9qpx`` → ``C-7K3M-9QPX``."""
    plain = normalise(value)
    if plain.startswith("C") and len(plain) == 9:
        return f"C-{plain[1:5]}-{plain[5:]}"
    return value.strip().upper()
