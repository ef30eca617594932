"""Record every write made through the API: who (organisation and token, or staff user) and what changed."""

from ..services import api_write_record
from .authentication import api_viewer


def record_write(request, action: str, obj, changes: dict) -> None:
    viewer = api_viewer(request)
    api_write_record(by=viewer, action=action, obj=obj, changes=changes)
