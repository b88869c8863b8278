/**
 * django.contrib.admin.actions: the built-in "Delete selected <objects>" action.
 *
 * First POST (from the changelist's action bar) → the confirmation page listing everything the
 * cascade removes (get_deleted_objects). Second POST with `post=yes` → the rows are deleted, one
 * LogEntry each, a success message, and the changelist again (the action returns null).
 */
import { PermissionDenied } from "../../core/exceptions";
import { trace_site } from "../../../../trace";
import { get_deleted_objects, model_format_dict } from "./utils";

const ADMIN = trace_site("admin", "django/contrib/admin/actions.ts", { eager: true });

export function delete_selected(modeladmin: any, request: any, queryset: any): any {
  return ADMIN.run("action delete_selected", () => ({ model: modeladmin.opts.label }), () => {
    const opts = modeladmin.opts;
    const objs = [...queryset];
    const [deletable_objects, model_count, perms_needed, protected_objs] = get_deleted_objects(objs, request, modeladmin.admin_site);
    if (request.POST.get("post") && !protected_objs.length) {
      if (perms_needed.size) throw new PermissionDenied();
      const n = objs.length;
      if (n) {
        modeladmin.log_deletions?.(request, objs);
        queryset.delete();
        modeladmin.message_user?.(request, `Successfully deleted ${n} ${n === 1 ? opts.verbose_name : opts.verbose_name_plural}.`, "success");
      }
      return null;
    }
    const objects_name = objs.length === 1 ? String(opts.verbose_name) : String(opts.verbose_name_plural);
    const title = perms_needed.size || protected_objs.length ? `Cannot delete ${objects_name}` : "Delete multiple objects";
    return modeladmin.admin_site.render_admin(request, "admin/delete_selected_confirmation.html", {
      ...modeladmin.admin_site.each_context(request),
      title,
      subtitle: null,
      objects_name,
      deletable_objects: [deletable_objects],
      model_count: Object.entries(model_count),
      queryset: objs,
      perms_lacking: [...perms_needed],
      protected: protected_objs,
      opts,
      action_checkbox_name: "_selected_action",
      media: "",
    });
  });
}
const described = delete_selected as any;
described.allowed_permissions = ["delete"];
described.short_description = "Delete selected %(verbose_name_plural)s";
void model_format_dict;
