from allauth.account.adapter import DefaultAccountAdapter
from django.utils.translation import get_language


class AccountAdapter(DefaultAccountAdapter):
    """Remember the language a person signed up in, so emails reach them in it."""

    def save_user(self, request, user, form, commit=True):
        user.preferred_language = "en" if (get_language() or "").startswith("en") else "zh-hant"
        return super().save_user(request, user, form, commit)
