"""Demo data of loans, loaded by `manage.py seed_demo`."""


def seed(*, stdout=None) -> None:
    """Nothing yet for loans."""
