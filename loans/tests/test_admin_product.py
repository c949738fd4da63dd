"""Products are configured with checkboxes for their code lists: nobody types JSON."""

from __future__ import annotations

from loans.models import LoanProduct

URL = "/admin/loans/loanproduct/add/"


def test_the_code_lists_are_checkboxes(admin_user, client_for):
    html = client_for(admin_user).get(URL).content.decode()
    for name in ("customer_types", "repayment_methods", "guarantee_kinds", "required_documents"):
        assert f'type="checkbox" name="{name}"' in html, name
    assert 'name="customer_types" value="farm_household"' in html


def test_a_product_is_saved_from_ticked_boxes(admin_user, client_for):
    response = client_for(admin_user).post(
        URL,
        {
            "code": "FARM-CARD",
            "name": "农户贷款证贷款",
            "customer_types": ["farm_household"],
            "min_amount": "5000",
            "max_amount": "60000",
            "max_term_months": "12",
            "min_rate": "4.5",
            "max_rate": "7.5",
            "repayment_methods": ["equal_instalment", "bullet"],
            "guarantee_kinds": ["credit"],
            "needs_rating": "on",
            "needs_credit_line": "on",
            "is_active": "on",
            "_change_reason": "新产品",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    product = LoanProduct.objects.get(code="FARM-CARD")
    assert product.customer_types == ["farm_household"]
    assert product.repayment_methods == ["equal_instalment", "bullet"]
    assert product.required_documents == [] and product.needs_credit_line
