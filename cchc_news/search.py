"""Search over published items and bulletins, insensitive to Vietnamese diacritics."""


def render_search_results(section, request):
    raise NotImplementedError  # being written
