"""Opening and editing a customer's file through the web."""

from customers.models import Customer

FORM = {
    "name": "张三",
    "customer_type": "farm_household",
    "id_number": "110105 19800517 0017",
    "phone": "138-1234-5678",
    "township": "城关镇",
    "village": "东村",
    "segment": "ordinary",
    "status": "prospect",
    "channel": "cold_visit",
}


def test_manager_opens_a_file_birth_date_derived(bank, manager, client_for):
    response = client_for(manager).post("/customers/new/", FORM)
    assert response.status_code == 302
    customer = Customer.objects.get()
    assert customer.id_number == "110105198005170017" and customer.phone == "13812345678"
    assert customer.birth_date.isoformat() == "1980-05-17"
    assert customer.manager == manager and customer.branch == manager.branch
    html = client_for(manager).get(response.url).content.decode()
    assert "1980-05-17" in html


def test_wrong_check_digit_is_explained(bank, manager, client_for):
    response = client_for(manager).post(
        "/customers/new/", {**FORM, "id_number": "110105198005170018"}
    )
    assert response.status_code == 200
    assert "校验位不正确" in response.content.decode()
    assert not Customer.objects.exists()


def test_organisation_needs_a_credit_code(bank, manager, client_for):
    data = {**FORM, "customer_type": "small_micro", "name": "青禾合作社"}
    response = client_for(manager).post("/customers/new/", data)
    assert "统一社会信用代码" in response.content.decode()
    response = client_for(manager).post(
        "/customers/new/", {**data, "id_number": "91110000600037341L"}
    )
    assert response.status_code == 302
    assert Customer.objects.get().birth_date is None


def test_bad_phone_is_explained(bank, manager, client_for):
    response = client_for(manager).post("/customers/new/", {**FORM, "phone": "12345"})
    assert "11 位大陆手机号码" in response.content.decode()


def test_edit_keeps_an_audit_reason(customer_file, manager, client_for):
    data = {**FORM, "id_number": customer_file.id_number, "name": "张大山", "notes": "爱钓鱼"}
    response = client_for(manager).post(f"/customers/{customer_file.pk}/edit/", data)
    assert response.status_code == 302
    customer_file.refresh_from_db()
    assert customer_file.notes == "爱钓鱼"
    assert customer_file.history.first().history_change_reason == "customers.update"


def test_search_and_filters(customer_file, manager, client_for):
    client = client_for(manager)
    assert "张大山" in client.get("/customers/?q=0017").content.decode()
    assert "张大山" in client.get("/customers/?village=东").content.decode()
    assert "张大山" not in client.get("/customers/?customer_type=small_micro").content.decode()
    assert "张大山" in client.get("/customers/?grade=none").content.decode()


def test_pages_in_english(customer_file, manager, client):
    client.force_login(manager)
    pages = {
        "/customers/": "Find customers",
        f"/customers/{customer_file.pk}/": "Household members",
        "/customers/pipeline/": "Marketing ledger",
        "/customers/villages/": "Credit village",
        "/customers/import/": "Import customers from Excel",
        "/customers/followups/": "Follow-ups",
    }
    for url, text in pages.items():
        html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert text in html, url
    response = client.post(
        "/customers/new/", {**FORM, "id_number": "110105198005170018"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "check digit" in response.content.decode()


def test_head_files_a_customer_for_a_manager_of_the_branch(bank, head, manager2, client_for):
    response = client_for(head).post("/customers/new/", {**FORM, "manager": manager2.pk})
    assert response.status_code == 302
    customer = Customer.objects.get()
    assert customer.manager == manager2 and customer.branch == manager2.branch


def test_head_cannot_file_for_another_branch(bank, head, other_manager, client_for):
    response = client_for(head).post("/customers/new/", {**FORM, "manager": other_manager.pk})
    assert response.status_code == 200
    assert not Customer.objects.exists()
