import pytest

from kernel.errors import NotPermitted
from kernel.policy import allow, deny


def test_decisions_read_as_booleans_and_refuse_with_their_reason():
    assert allow() and not deny("No.")
    with pytest.raises(NotPermitted) as excinfo:
        deny("Members only.", field="event").require()
    assert (excinfo.value.message, excinfo.value.field, excinfo.value.status) == ("Members only.", "event", 403)
    allow().require()
