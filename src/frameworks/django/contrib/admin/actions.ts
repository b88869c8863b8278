/**
 * django.contrib.admin.actions: the built-in "Delete selected <objects>" action.
 *
 * First POST (from the changelist's action bar) → the confirmation page listing everything the
 * cascade removes (get_deleted_objects). Second POST with `post=yes` → one LogEntry per row, the
 * rows deleted (`delete_queryset`), "Successfully deleted 2 questions.", and the changelist again
 * (the action returns null).
 */
import { PermissionDenied } from "../../core/exceptions";
import { TemplateResponse } from "../../template/response";
import { SUCCESS } from "../messages/constants";
import { ACTION_CHECKBOX_NAME } from "./helpers";
import { action } from "./decorators";
import { model_ngettext } from "./utils";

export const delete_selected = action({ permissions: ["delete"], description: "Delete selected %(verbose_name_plural)s" })(function delete_selected(modeladmin: any, request: any, queryset: any): any {
  const opts = modeladmin.model._meta;
  const app_label = opts.app_label;
  const [deletable_objects, model_count, perms_needed, is_protected] = modeladmin.get_deleted_objects(queryset, request);
  if (request.POST.get("post") && !is_protected.length) {
    if (perms_needed.size) throw new PermissionDenied();
    const n = queryset.count();
    if (n) {
      modeladmin.log_deletions(request, queryset);
      modeladmin.delete_queryset(request, queryset);
      modeladmin.message_user(request, `Successfully deleted ${n} ${model_ngettext(modeladmin.opts, n)}.`, SUCCESS);
    }
    return null;
  }
  const objects_name = model_ngettext(queryset.model._meta, queryset.count());
  const title = perms_needed.size || is_protected.length ? `Cannot delete ${objects_name}` : "Delete multiple objects";
  const context = {
    ...modeladmin.admin_site.each_context(request),
    title,
    subtitle: null,
    objects_name: String(objects_name),
    deletable_objects: [deletable_objects],
    model_count: Object.entries(model_count),
    queryset,
    perms_lacking: [...perms_needed],
    protected: is_protected,
    opts,
    action_checkbox_name: ACTION_CHECKBOX_NAME,
    media: modeladmin.media,
  };
  request.current_app = modeladmin.admin_site.name;
  return new TemplateResponse(
    request,
    modeladmin.delete_selected_confirmation_template ?? [`admin/${app_label}/${opts.model_name}/delete_selected_confirmation.html`, `admin/${app_label}/delete_selected_confirmation.html`, "admin/delete_selected_confirmation.html"],
    context,
  );
});
