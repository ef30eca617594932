"""Upload limits: size and type, with messages that say what is allowed."""

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _


@deconstructible
class MaxFileSizeValidator:
    def __init__(self, max_megabytes: int):
        self.max_megabytes = max_megabytes

    def __call__(self, file):
        if file.size > self.max_megabytes * 1024 * 1024:
            raise ValidationError(
                _("This file is %(size).1f MB; the limit is %(limit)d MB."),
                params={"size": file.size / (1024 * 1024), "limit": self.max_megabytes},
                code="file_too_large",
            )

    def __eq__(self, other):
        return isinstance(other, MaxFileSizeValidator) and other.max_megabytes == self.max_megabytes


IMAGE_EXTENSIONS = ["png", "jpg", "jpeg", "webp"]
DOCUMENT_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "epub", "csv", "txt", "zip"]

# SVG is left out on purpose: it can carry script.
logo_validators = [FileExtensionValidator(IMAGE_EXTENSIONS), MaxFileSizeValidator(2)]
photo_validators = [FileExtensionValidator(IMAGE_EXTENSIONS), MaxFileSizeValidator(5)]
document_validators = [FileExtensionValidator(DOCUMENT_EXTENSIONS), MaxFileSizeValidator(50)]
