"""Django's own error answers (unknown path, bad Host, oversized body, server error): pages on the site, the
API's JSON error body on API paths, so a partner's client never has to parse HTML."""

from django.views import defaults

from kernel.api.errors import django_error_for_api, is_api_request


def bad_request(request, exception, template_name=defaults.ERROR_400_TEMPLATE_NAME):
    if is_api_request(request):
        return django_error_for_api(exception, 400)
    return defaults.bad_request(request, exception, template_name)


def permission_denied(request, exception, template_name=defaults.ERROR_403_TEMPLATE_NAME):
    if is_api_request(request):
        return django_error_for_api(exception, 403)
    return defaults.permission_denied(request, exception, template_name)


def page_not_found(request, exception, template_name=defaults.ERROR_404_TEMPLATE_NAME):
    if is_api_request(request):
        return django_error_for_api(exception, 404)
    return defaults.page_not_found(request, exception, template_name)


def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    if is_api_request(request):
        return django_error_for_api(None, 500)
    return defaults.server_error(request, template_name)
