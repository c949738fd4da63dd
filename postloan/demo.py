"""Demo data of postloan, loaded by `manage.py seed_demo`."""


def seed(*, stdout=None) -> None:
    """Nothing yet for postloan."""
