/**
 * django.contrib.admin: the admin site and everything a project's `admin.ts` uses.
 *
 *   import * as admin from "django/contrib/admin";
 *   admin.register(Book)(class BookAdmin extends admin.ModelAdmin { list_display = ["title", "author"]; });
 *   urlpatterns = [path("admin/", admin.site.urls)];
 */
export { AdminSite, site } from "./sites";
export { ModelAdmin, BaseModelAdmin, InlineModelAdmin, StackedInline, TabularInline, HORIZONTAL, VERTICAL, IncorrectLookupParameters, construct_search, get_permission_codename } from "./options";
export { register, display, action } from "./decorators";
export {
  ListFilter,
  SimpleListFilter,
  FieldListFilter,
  RelatedFieldListFilter,
  RelatedOnlyFieldListFilter,
  BooleanFieldListFilter,
  ChoicesFieldListFilter,
  DateFieldListFilter,
  AllValuesFieldListFilter,
  EmptyFieldListFilter,
} from "./filters";
export { AlreadyRegistered, NotRegistered, DisallowedModelAdminLookup, DisallowedModelAdminToField } from "./exceptions";
export { ChangeList } from "./views/main";
export { delete_selected } from "./actions";
export { autodiscover, AdminConfig, SimpleAdminConfig } from "./apps";
export { LogEntry, ADDITION, CHANGE, DELETION } from "./models";
