from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from creditdesk import views

api_patterns = [
    path("", include("creditdesk.api.urls")),
    path("", include("customers.api.urls")),
    path("", include("loans.api.urls")),
    path("", include("guarantees.api.urls")),
    path("", include("postloan.api.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
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

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler403 = "creditdesk.views.permission_denied"
handler404 = "creditdesk.views.page_not_found"
handler500 = "creditdesk.views.server_error"
