from django.contrib import admin
from django.db import models

from aicert.accounts.roles import Role
from aicert.catalog.models import (
    BlueprintEntry,
    Certification,
    CompetencyDomain,
    Level,
    PassRule,
    Subject,
    TrainingCourse,
)


class PassRuleInline(admin.StackedInline):
    model = PassRule


class SubjectInline(admin.TabularInline):
    model = Subject
    extra = 0


class BlueprintInline(admin.TabularInline):
    model = BlueprintEntry
    extra = 0


@admin.register(Certification)
class CertificationAdmin(admin.ModelAdmin):
    list_display = ["code", "name_zh", "name_en", "is_published"]


@admin.register(Level)
class LevelAdmin(admin.ModelAdmin):
    list_display = ["certification", "rank", "name_zh", "name_en", "validity_months"]
    filter_horizontal = ["prerequisites"]
    inlines = [PassRuleInline, SubjectInline]


@admin.register(Subject)
class SubjectAdmin(admin.ModelAdmin):
    list_display = ["level", "code", "name_zh", "duration_minutes", "item_count"]
    inlines = [BlueprintInline]


@admin.register(CompetencyDomain)
class CompetencyDomainAdmin(admin.ModelAdmin):
    list_display = ["code", "name_zh", "name_en", "certification", "parent"]
    list_filter = ["certification"]
    search_fields = ["code", "name_zh", "name_en"]


@admin.register(TrainingCourse)
class TrainingCourseAdmin(admin.ModelAdmin):
    # Links typed without a scheme are taken as https (Django 6 default, no warning now).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["code", "title_zh", "provider", "hours", "mode", "region", "price", "starts_on"]
    list_filter = ["mode", "region", "is_active"]
    filter_horizontal = ["domains", "levels"]

    # Center managers hold course permissions for their own region only, which the admin cannot
    # tell apart: they manage courses on the self-assessment courses page, the foundation here.
    @staticmethod
    def _foundation(request) -> bool:
        user = request.user
        return user.is_superuser or any(
            m.role == Role.FOUNDATION_ADMIN for m in user.active_memberships
        )

    def has_view_permission(self, request, obj=None):
        return self._foundation(request) and super().has_view_permission(request, obj)

    def has_add_permission(self, request):
        return self._foundation(request) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return self._foundation(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._foundation(request) and super().has_delete_permission(request, obj)
