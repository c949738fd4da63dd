"""Lists mask ID numbers and phones; the file shows them whole to those in scope."""

from customers.models import Customer


def test_web_list_masks(customer_file, client_for, manager):
    html = client_for(manager).get("/customers/").content.decode()
    assert "1101**********0017" in html and "138****5678" in html
    assert "110105198005170017" not in html and "13812345678" not in html


def test_file_shows_numbers_whole(customer_file, client_for, manager, head):
    for user in (manager, head):
        html = client_for(user).get(f"/customers/{customer_file.pk}/").content.decode()
        assert "110105198005170017" in html and "13812345678" in html


def test_api_list_masks_and_detail_is_whole(customer_file, api_for, manager):
    api = api_for(manager)
    row = api.get("/api/customers/").json()["results"][0]
    assert row["id_number"] == "1101**********0017"
    assert row["phone"] == "138****5678"
    one = api.get(f"/api/customers/{customer_file.pk}/").json()
    assert one["id_number"] == "110105198005170017"


def test_search_by_full_number_still_masks(customer_file, client_for, manager):
    html = client_for(manager).get("/customers/?q=13812345678").content.decode()
    assert "张大山" in html
    assert Customer.objects.count() == 1
