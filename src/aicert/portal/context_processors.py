from django.conf import settings
from django.utils.translation import get_language


def navigation(request):
    """Language switcher choices for every page."""
    return {
        "languages": [
            {"code": code, "label": "繁體中文" if code == "zh-hant" else "English"}
            for code, _name in settings.LANGUAGES
        ],
        "current_language": get_language(),
    }
