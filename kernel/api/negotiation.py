from rest_framework.negotiation import DefaultContentNegotiation


class _NoFormatOverride:
    URL_FORMAT_OVERRIDE = None


class FilterFriendlyContentNegotiation(DefaultContentNegotiation):
    """`?format=` picks a renderer only when it names one (`json`, `api`); any other value is left to the
    filters, so events' `?format=hybrid` filters events instead of being answered 404 by DRF."""

    def select_renderer(self, request, renderers, format_suffix=None):
        requested = format_suffix or request.query_params.get(self.settings.URL_FORMAT_OVERRIDE)
        if requested and requested not in {renderer.format for renderer in renderers}:
            negotiation = DefaultContentNegotiation()
            negotiation.settings = _NoFormatOverride
            return negotiation.select_renderer(request, renderers, None)
        return super().select_renderer(request, renderers, format_suffix)
