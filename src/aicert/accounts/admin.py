from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.db import models
from django.utils.translation import gettext_lazy as _

from aicert.accounts.models import Membership, Organisation, User
from aicert.accounts.services import membership_grant, membership_revoke


class UserCreateForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email",)


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "display_name", "is_active", "date_joined"]
    search_fields = ["email", "display_name"]
    list_filter = ["is_active", "memberships__role"]
    filter_horizontal = []
    readonly_fields = ["last_login", "date_joined"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Profile"), {"fields": ["display_name", "preferred_language"]}),
        (_("Status"), {"fields": ["is_active", "is_superuser", "last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]
    inlines = [MembershipInline]
    add_form = UserCreateForm
    form = UserEditForm

    def save_formset(self, request, form, formset, change):
        """Role changes go through the membership services so they are validated and audited."""
        if formset.model is not Membership:
            return super().save_formset(request, form, formset, change)
        formset.save(commit=False)  # fills formset.deleted_objects without writing
        for obj in formset.deleted_objects:
            membership_revoke(actor=request.user, membership=obj)
        for inline_form in formset.forms:
            if not inline_form.has_changed() or inline_form in formset.deleted_forms:
                continue
            data = inline_form.cleaned_data
            if inline_form.instance.pk:
                membership_revoke(actor=request.user, membership=inline_form.instance)
            membership_grant(
                actor=request.user,
                user=form.instance,
                organisation=data["organisation"],
                role=data["role"],
            )


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    # Links typed without a scheme are taken as https (Django 6 default, no warning now).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["slug", "name_zh", "name_en", "kind"]
    list_filter = ["kind"]
    search_fields = ["slug", "name_zh", "name_en"]
