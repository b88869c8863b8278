import { admin, messages } from "django/contrib";
import { Count } from "django/db/models";
import { ngettext } from "django/utils/translation";
import { Decimal } from "python/decimal";
import { Category, Product, Review, Variant } from "./models";

// @admin.action(description=...) over a module-level function.
export const make_published = admin.action({ description: "Mark selected products as published" })(function make_published(modeladmin, request, queryset) {
  const updated = queryset.update({ status: "p" });
  modeladmin.message_user(
    request,
    ngettext("%d product was successfully marked as published.", "%d products were successfully marked as published.", updated).replace("%d", String(updated)),
    messages.SUCCESS,
  );
});

class VariantInline extends admin.StackedInline {
  model = Variant;
  extra = 1;
}

class ReviewInline extends admin.TabularInline {
  model = Review;
  extra = 1;
}

class ProductAdmin extends admin.ModelAdmin {
  list_display = ["name", "category", "price", "stock", "status", "featured", "in_stock", "price_with_tax"];
  list_editable = ["price", "stock", "featured"];
  list_filter = ["status", "featured", "category", "added"];
  search_fields = ["name", "category__name"];
  date_hierarchy = "added";
  actions = [make_published, "make_withdrawn"];
  inlines = [VariantInline, ReviewInline];
  ordering = ["name"];
  fieldsets = [
    [null, { fields: ["name", "category", ["price", "stock"]] }],
    ["Publishing", { fields: ["status", "featured", "added"] }],
    ["Details", { fields: ["description"], classes: ["collapse"] }],
  ];

  price_with_tax(obj) {
    return obj.price.mul(new Decimal("1.2"));
  }
  static {
    admin.display({ description: "Price incl. tax", ordering: "price" })(this.prototype.price_with_tax);
  }

  make_withdrawn(request, queryset) {
    queryset.update({ status: "w" });
    this.message_user(request, "The selected products were withdrawn.", messages.WARNING);
  }
  static {
    admin.action({ description: "Withdraw selected products", permissions: ["change"] })(this.prototype.make_withdrawn);
  }
}
admin.register(Product)(ProductAdmin);

class CategoryAdmin extends admin.ModelAdmin {
  list_display = ["name", "product_count"];
  search_fields = ["name"];

  get_queryset(request) {
    return super.get_queryset(request).annotate({ _product_count: new Count("products") });
  }

  product_count(obj) {
    return obj._product_count;
  }
  static {
    admin.display({ ordering: "_product_count", description: "Products" })(this.prototype.product_count);
  }
}
admin.register(Category)(CategoryAdmin);

admin.site.register(Review);
