from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from creditdesk import views

api_patterns = [
    path("", include("creditdesk.api.urls")),
    path("", include("customers.api.urls")),
    path("", include("loans.api.urls")),
    path("", include("guarantees.api.urls")),
    path("", include("postloan.api.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # Swagger UI's script comes from its own URL (?script), so the page keeps script-src
    # 'self'; only its small inline <style> block needs a relaxed style-src.
    path(
        "docs/",
        csp_update({"style-src": [UNSAFE_INLINE]})(
            SpectacularSwaggerSplitView.as_view(url_name="schema")
        ),
        name="swagger-ui",
    ),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("organisation/authority/", views.authority_table, name="authority_table"),
    path("notifications/", views.notifications, name="notifications"),
    path(
        "notifications/<int:pk>/done/",
        views.notification_done,
        name="notification_done",
    ),
    path(
        "activity/<str:app_label>/<str:model_name>/<int:pk>/",
        views.activity,
        name="activity",
    ),
    path("customers/", include("customers.urls")),
    path("loans/", include("loans.urls")),
    path("guarantees/", include("guarantees.urls")),
    path("postloan/", include("postloan.urls")),
    path("api/", include(api_patterns)),
    path("admin/", admin.site.urls),
]

# No /media/ route, not even with DEBUG: uploads and generated files are served only by views
# that check the user's scope (creditdesk.files.serve_stored_file).

handler403 = "creditdesk.views.permission_denied"
handler404 = "creditdesk.views.page_not_found"
handler500 = "creditdesk.views.server_error"
