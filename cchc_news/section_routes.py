"""The CCHC section page's sub-pages (the news listing, the search), rendered by the public
package: the page model declares the routes and serves them through this registry, so the models
import no view module. cchc_news's AppConfig.ready imports the renderers, which register here."""

_renderers = {}


def section_route(name):
    """Register the decorated function(section, request) as the renderer of the route `name`."""

    def register(render):
        _renderers[name] = render
        return render

    return register


def render_section_route(name, section, request):
    return _renderers[name](section, request)
