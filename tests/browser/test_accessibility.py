"""axe-core on every page type: zero violations of WCAG 2.0/2.1 A and AA."""

import pytest

from tests.browser.conftest import format_violations, run_axe, submit_empty_form
from tests.browser.portal import EXPECTED_STATUS, FORM_PAGE_TYPES, STATIC_PAGE_TYPES

pytestmark = pytest.mark.browser

PAGE_TYPES = [*STATIC_PAGE_TYPES, "article-detail"]


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_type_has_no_axe_violations(page, portal, page_type):
    response = page.goto(portal.page_types[page_type])
    assert response.status == EXPECTED_STATUS.get(page_type, 200)

    violations = run_axe(page)

    assert violations == [], f"axe found violations on {page_type}:\n{format_violations(violations)}"


@pytest.mark.parametrize("page_type", FORM_PAGE_TYPES)
def test_form_with_validation_errors_has_no_axe_violations(page, portal, page_type):
    page.goto(portal.page_types[page_type])
    submit_empty_form(page)
    assert page.locator("main [aria-invalid=true], main .kern-error").count() > 0, "no validation error shown"

    violations = run_axe(page)

    assert violations == [], f"axe found violations on {page_type} with errors:\n{format_violations(violations)}"
