"""Demo: placeholder, filled in below."""


def load_voice() -> None:
    return None
