"""A strict Content-Security-Policy on every page, and no template that would need a weaker one:
no inline <script>, no on*= handler, no javascript: URL, no style="" attribute."""

import re

import pytest
from django.core.management import call_command

from tests.helpers import BASE_DIR

TEMPLATE_DIRS = [BASE_DIR / "templates", *sorted(BASE_DIR.glob("*/templates"))]
TEMPLATES = sorted(p for d in TEMPLATE_DIRS for p in d.rglob("*.html"))

INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.I)
HANDLER = re.compile(r"""<[^>]*\son[a-z]+\s*=""", re.I | re.S)
JS_URL = re.compile(r"""(?:href|src|action)\s*=\s*["']?\s*javascript:""", re.I)
STYLE_ATTR = re.compile(r"""<[^>]*\sstyle\s*=""", re.I | re.S)
HTMX_EVAL = re.compile(r"""\shx-on[:-]|\shx-vars=|["']js:""", re.I)


def test_templates_are_found():
    names = {p.relative_to(BASE_DIR).as_posix() for p in TEMPLATES}
    assert "templates/base.html" in names
    assert "customers/templates/customers/credit/rating_form.html" in names


@pytest.mark.parametrize(
    ("rule", "pattern"),
    [
        ("inline <script>", INLINE_SCRIPT),
        ("on*= event handler", HANDLER),
        ("javascript: URL", JS_URL),
        ('style="" attribute', STYLE_ATTR),
        ("htmx code evaluated from markup", HTMX_EVAL),
    ],
)
def test_no_template_needs_inline_code(rule, pattern):
    found = [
        f"{path.relative_to(BASE_DIR)}: {match.group(0)[:80]}"
        for path in TEMPLATES
        for match in pattern.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == [], f"{rule} (move it to static/js or static/css): {found}"


def test_the_policy(client, bank):
    policy = client.get("/accounts/login/")["Content-Security-Policy"]
    directives = dict(
        [*part.split(" ", 1), ""][:2] for part in (p.strip() for p in policy.split(";")) if part
    )
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["img-src"] == "'self' data:"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["form-action"] == "'self'"
    assert directives["base-uri"] == "'self'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


@pytest.fixture
def demo_bank(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def first_link(client, list_url: str, pattern: str) -> str:
    """The first record a list page links to (the ground floor does not import the apps)."""
    match = re.search(pattern, client.get(list_url).content.decode())
    assert match, f"no record linked from {list_url}"
    return match.group(0)


def _main_pages(client, *, writer: bool) -> list[str]:
    customer = first_link(client, "/customers/", r"/customers/\d+/")
    application = first_link(client, "/loans/", r"/loans/\d+/")
    pages = [
        "/",
        "/customers/",
        customer,
        f"{customer}credit/",
        "/customers/villages/",
        "/customers/followups/",
        "/loans/",
        application,
        f"{application}missing-documents/",
        "/postloan/loans/",
        "/organisation/authority/",
        "/accounts/password/",
    ]
    if writer:
        pages.append(f"{customer}credit/rate/")
    loan = re.search(r"/postloan/loans/\d+/", client.get("/postloan/loans/").content.decode())
    if loan:
        pages.append(loan.group(0))
    return pages


@pytest.mark.parametrize("username", ["manager1", "head1", "auditor"])
def test_every_main_page_sends_the_policy(demo_bank, client, username):
    from creditdesk.models import User

    client.force_login(User.objects.get(username=username))
    for url in _main_pages(client, writer=username != "auditor"):
        response = client.get(url)
        assert response.status_code == 200, url
        policy = response.get("Content-Security-Policy", "")
        assert "script-src 'self'" in policy, url
        assert "'unsafe-inline'" not in policy, url


def test_admin_and_errors_send_the_policy(client_for, admin_user, client):
    for url in ["/admin/", "/admin/creditdesk/user/"]:
        response = client_for(admin_user).get(url)
        assert response.status_code == 200
        assert "script-src 'self'" in response["Content-Security-Policy"]
    client.logout()
    assert "script-src 'self'" in client.get("/admin/login/")["Content-Security-Policy"]
    assert "script-src 'self'" in client.get("/no-such-page/")["Content-Security-Policy"]


def test_api_docs_keep_script_self(client_for, manager):
    client = client_for(manager)
    page = client.get("/api/docs/")
    assert page.status_code == 200
    policy = page["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-eval" not in policy
    html = page.content.decode()
    assert not INLINE_SCRIPT.search(html)
    script = re.search(r'<script src="([^"]*script=[^"]*)"', html).group(1).replace("&amp;", "&")
    answer = client.get(script)
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("application/javascript")


def test_printable_page_styles_itself_with_the_nonce(demo_bank, client):
    from creditdesk.models import User

    client.force_login(User.objects.get(username="head1"))
    batch = first_link(client, "/customers/credit/batches/", r"/customers/credit/batches/\d+/")
    response = client.get(f"{batch}notice/")
    assert response.status_code == 200
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    assert f'<style nonce="{nonce}">' in response.content.decode()
