"""The house rules that keep one rule in one place, checked on the source itself.

- No status literal ("published", "active", ...) outside models and policies: a surface that compares
  states by hand is a second copy of a rule. (Import layering is checked by import-linter in `make test`.)
- No model writes from surfaces (views, forms, API, admin, commands, template tags): writes go through
  services.
- Every admin of ours writes through services (kernel.admin_tools.ServiceAdmin) or writes nothing.
"""

import ast
import re
from pathlib import Path

import pytest
from django.contrib import admin

from events.models import Event, Registration, Session
from kernel.admin_tools import ServiceAdmin
from members.models import Membership
from publications.models import Publication

ROOT = Path(__file__).resolve().parents[2]
APPS = ["kernel", "background", "members", "events", "publications", "partners", "portal"]
STATUS_VALUES = set().union(*(set(m.Status.values) for m in (Event, Session, Registration, Membership, Publication)))
# Where states are declared and decided: the only places a status may be written as a literal.
RULE_MODULES = {"models.py", "policies.py"}


def python_files(*, surfaces_only=False):
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT)
            if "migrations" in relative.parts:
                continue
            if surfaces_only and not is_surface(relative):
                continue
            yield relative


def is_surface(relative: Path) -> bool:
    parts = set(relative.parts)
    name = relative.name
    return bool(
        {"api", "templatetags", "management"} & parts
        or name in {"views.py", "account_views.py", "pages.py", "forms.py", "admin.py", "feeds.py", "sitemaps.py"}
        or name in {"search.py", "filters.py", "urls.py", "jsonld.py", "calendars.py"}
    )


def status_literals(source: str) -> list[tuple[int, str]]:
    tree = ast.parse(source)
    keys = {id(k) for node in ast.walk(tree) if isinstance(node, ast.Dict) for k in node.keys if k is not None}
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and node.value in STATUS_VALUES and id(node) not in keys
    ]


def test_no_status_literal_outside_models_and_policies():
    found = [
        f"{path}:{line} {value!r}"
        for path in python_files()
        if path.name not in RULE_MODULES
        for line, value in status_literals((ROOT / path).read_text())
    ]
    assert found == []


TEMPLATE_COMPARISON = re.compile(r"""(==|!=|\bin)\s*["']([a-z_]+)["']""")


def test_no_template_compares_states_by_hand():
    found = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in sorted((ROOT / "templates").rglob("*.html"))
        for match in TEMPLATE_COMPARISON.finditer(path.read_text())
        if match.group(2) in STATUS_VALUES
    ]
    assert found == []


def test_the_literal_checks_can_fail():
    assert status_literals('x = qs.filter(status="published")') == [(1, "published")]
    assert status_literals('context = {"cancelled": True}') == [], "a context key is not a state comparison"
    assert TEMPLATE_COMPARISON.search('{% if event.status == "cancelled" %}').group(2) == "cancelled"


WRITES = {"save", "delete", "create", "bulk_create", "bulk_update", "get_or_create", "update_or_create", "update"}
# Calls named like writes that write no model row.
NOT_MODEL_WRITES = {
    ("kernel/admin_tools.py", "save"),  # formset.save(commit=False): builds instances for the services to save
    ("portal/templatetags/portal_tags.py", "update"),  # a QueryDict copy for a link's query string
}


def model_writes(source: str) -> list[tuple[int, str]]:
    return [
        (node.lineno, node.func.attr)
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in WRITES
    ]


def test_surfaces_write_nothing_themselves():
    found = [
        f"{path}:{line} .{name}()"
        for path in python_files(surfaces_only=True)
        for line, name in model_writes((ROOT / path).read_text())
        if (str(path), name) not in NOT_MODEL_WRITES
    ]
    assert found == []


def test_the_write_check_can_fail():
    assert model_writes("registration.save()\nPerson.objects.create(x=1)") == [(1, "save"), (2, "create")]
    assert is_surface(Path("events/api/views.py")) and not is_surface(Path("events/services.py"))


@pytest.mark.parametrize(
    "model_admin",
    [a for m, a in admin.site._registry.items() if m._meta.app_label in APPS],
    ids=lambda a: a.__class__.__name__,
)
def test_every_admin_of_ours_writes_through_services_or_not_at_all(model_admin, rf):
    if isinstance(model_admin, ServiceAdmin):
        return
    request = rf.get("/")
    request.user = type("Staff", (), {"has_perm": lambda self, perm: True, "is_active": True, "is_staff": True})()
    assert model_admin.__class__.__name__ == "UserAdmin" or not (
        model_admin.has_add_permission(request) or model_admin.has_change_permission(request)
    ), f"{model_admin} saves rows itself"
