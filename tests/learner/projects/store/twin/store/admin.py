from decimal import Decimal

from django.contrib import admin, messages
from django.db.models import Count
from django.utils.translation import ngettext

from .models import Category, Product, Review, Variant


@admin.action(description="Mark selected products as published")
def make_published(modeladmin, request, queryset):
    updated = queryset.update(status="p")
    modeladmin.message_user(
        request,
        ngettext(
            "%d product was successfully marked as published.",
            "%d products were successfully marked as published.",
            updated,
        )
        % updated,
        messages.SUCCESS,
    )


class VariantInline(admin.StackedInline):
    model = Variant
    extra = 1


class ReviewInline(admin.TabularInline):
    model = Review
    extra = 1


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["name", "category", "price", "stock", "status", "featured", "in_stock", "price_with_tax"]
    list_editable = ["price", "stock", "featured"]
    list_filter = ["status", "featured", "category", "added"]
    search_fields = ["name", "category__name"]
    date_hierarchy = "added"
    actions = [make_published, "make_withdrawn"]
    inlines = [VariantInline, ReviewInline]
    ordering = ["name"]
    fieldsets = [
        (None, {"fields": ["name", "category", ("price", "stock")]}),
        ("Publishing", {"fields": ["status", "featured", "added"]}),
        ("Details", {"fields": ["description"], "classes": ["collapse"]}),
    ]

    @admin.display(description="Price incl. tax", ordering="price")
    def price_with_tax(self, obj):
        return obj.price * Decimal("1.2")

    @admin.action(description="Withdraw selected products", permissions=["change"])
    def make_withdrawn(self, request, queryset):
        queryset.update(status="w")
        self.message_user(request, "The selected products were withdrawn.", messages.WARNING)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "product_count"]
    search_fields = ["name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_product_count=Count("products"))

    @admin.display(ordering="_product_count", description="Products")
    def product_count(self, obj):
        return obj._product_count


admin.site.register(Review)
