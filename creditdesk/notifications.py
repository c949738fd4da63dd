"""In-app notices (待办提醒): tell a member of staff that a task has landed on them.

A service that hands someone a task calls :func:`notify` inside its transaction; the service
that completes the task calls :func:`resolve`. The navigation shows :func:`open_count`.

Each app names its kinds of notice in ``<app>/notices.py`` as a ``TextChoices`` called
``NoticeKind`` (codes ``"<app>.<event>"``), found like reason codes; the label is shown in the
reader's language. A notice's ``key`` identifies the task: one open notice per recipient and
key (``notification_one_open_per_key``), so notifying twice is harmless. The key defaults to
``"<kind>:<app_label>.<model>:<pk>"``, which is how :func:`resolve` finds a target's notices
(an indexed lookup); a notice given a key of its own is resolved by that key.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from creditdesk.discovery import app_modules
from creditdesk.models import Notification, User


@cache
def _kind_labels() -> dict[str, object]:
    labels: dict[str, object] = {}
    for module in app_modules("notices"):
        kinds = getattr(module, "NoticeKind", None)
        if isinstance(kinds, type) and issubclass(kinds, models.TextChoices):
            labels.update(dict(kinds.choices))
    return labels


def known_kinds() -> set[str]:
    return set(_kind_labels())


def kind_label(kind: str) -> str:
    """The kind's label in the reader's language (the code itself if no app declares it)."""
    label = _kind_labels().get(str(kind))
    return str(label) if label is not None else str(kind)


def target_suffix(target: models.Model) -> str:
    return f":{target._meta.label_lower}:{target.pk}"


def _recipients(recipients) -> list[User]:
    if recipients is None or isinstance(recipients, User):
        recipients = [recipients]
    seen: dict[int, User] = {}
    for user in recipients:
        if user is not None and user.is_active and user.pk not in seen:
            seen[user.pk] = user
    return list(seen.values())


def notify(
    recipients: User | Iterable[User | None] | None,
    *,
    kind: str,
    target: models.Model,
    label: str | None = None,
    url: str | None = None,
    key: str | None = None,
) -> int:
    """Give each recipient an open notice about ``target``; returns how many were created.

    Called inside the service's transaction (it rolls back with it). A recipient who already
    has an open notice with the same key gets no second one; ``None`` and inactive users are
    skipped, so callers may pass "the head, if any".
    """
    kind = str(kind)
    if kind not in _kind_labels():
        raise ValueError(f"unknown notice kind {kind!r}: declare it in <app>/notices.py")
    key = key or f"{kind}{target_suffix(target)}"
    label = (label if label is not None else str(target))[:200]
    url = url if url is not None else target.get_absolute_url()
    users = _recipients(recipients)
    already = set(
        Notification.objects.open()
        .filter(key=key, recipient__in=users)
        .values_list("recipient_id", flat=True)
    )
    created = 0
    for user in users:
        if user.pk in already:
            continue
        try:
            # A savepoint: a concurrent service that notified first wins the unique
            # constraint, and this transaction goes on.
            with transaction.atomic():
                Notification.objects.create(
                    recipient=user, kind=kind, label=label, url=url, key=key
                )
        except IntegrityError:
            continue
        created += 1
    return created


def resolve(
    *,
    target: models.Model,
    kind: str | Iterable[str] | None = None,
    recipient: User | None = None,
    key: str | None = None,
) -> int:
    """Mark the open notices about ``target`` done (of one kind or several, for one recipient,
    with one custom key if given); returns how many. Called by the service that completes the
    task."""
    if key is not None:
        keys = [key]
    else:
        if kind is None:
            kinds = sorted(_kind_labels())
        else:
            kinds = [str(kind)] if isinstance(kind, str) else [str(k) for k in kind]
        keys = [f"{k}{target_suffix(target)}" for k in kinds]
    found = Notification.objects.open().filter(key__in=keys)
    if recipient is not None:
        found = found.filter(recipient=recipient)
    return found.update(done_at=timezone.now())


def open_count(user) -> int:
    """How many open notices the user has: one indexed COUNT for the navigation badge."""
    if user is None or not user.is_authenticated:
        return 0
    return Notification.objects.open().filter(recipient=user).count()


def dismiss(*, notification: Notification, by: User) -> Notification:
    """The recipient marks a notice done by hand ("知道了"), e.g. a task finished elsewhere."""
    if notification.recipient_id != by.pk:
        raise PermissionDenied
    if notification.done_at is None:
        notification.done_at = timezone.now()
        notification.save(update_fields=["done_at"])
    return notification
