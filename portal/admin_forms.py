from django.db import models

# Staff typing "example.org" into a URL field mean https://example.org (Django 6's default too).
URL_FIELDS_ASSUME_HTTPS = {models.URLField: {"assume_scheme": "https"}}
