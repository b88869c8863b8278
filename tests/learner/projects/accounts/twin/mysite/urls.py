from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from members import views

urlpatterns = [
    path("", views.home, name="home"),
    path("outbox/", views.outbox, name="outbox"),
    path(
        "accounts/welcome_reset/",
        auth_views.PasswordResetView.as_view(
            subject_template_name="members/welcome_subject.txt",
            email_template_name="members/welcome_email.txt",
            html_email_template_name="members/welcome_email.html",
            extra_email_context={"course": "Framework Lab"},
            from_email="lab@example.com",
            success_url="/outbox/",
        ),
        name="welcome_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    # The admin's "Forgotten your login credentials?" link (the admin docs' password reset recipe).
    path(
        "admin/password_reset/",
        auth_views.PasswordResetView.as_view(extra_context={"site_header": admin.site.site_header}),
        name="admin_password_reset",
    ),
    path("admin/", admin.site.urls),
]
