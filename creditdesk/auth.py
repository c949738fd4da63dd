"""API tokens that expire and die (docs/security.md; OWASP ASVS 5.0 V7.3, V9).

A token is refused once it is older than ``API_TOKEN_TTL`` seconds, when it was issued before
its owner's last password change, and when its owner is inactive (DRF's own check).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication


class ExpiringTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if token.created < timezone.now() - timedelta(seconds=settings.API_TOKEN_TTL):
            raise exceptions.AuthenticationFailed(_("令牌已过期，请向管理员申请新令牌。"))
        changed = user.password_changed_at
        if changed is not None and token.created < changed:
            raise exceptions.AuthenticationFailed(_("密码已修改，此令牌已失效。"))
        return user, token
