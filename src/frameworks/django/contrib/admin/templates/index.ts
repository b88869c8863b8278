/**
 * django/contrib/admin/templates/: the admin's template files → the package files the template
 * loaders read (`register_package_files`), so `admin/change_list.html` is found by the project's
 * DjangoTemplates engine through the app_directories loader, after the project's own templates —
 * a project's `templates/admin/base_site.html` overrides the admin's as in Django.
 *
 * The sources (admin/*.ts) reproduce Django 5.2's templates: the same block names, markup and
 * whitespace, so every admin page is byte for byte the page Django renders (ADR 0016).
 * The widgets' own templates (admin/widgets/*.html) print from code, in widgets.ts, as the
 * form widgets do.
 */
import { register_package_files } from "../../../template/loaders/filesystem";
import * as base from "./admin/base";
import * as change_list from "./admin/change_list";
import * as change_form from "./admin/change_form";
import * as deletion from "./admin/delete";
import * as registration from "./admin/registration";

/** Template name → source, as the files sit under `django/contrib/admin/templates/`. */
export const ADMIN_TEMPLATES: Record<string, string> = {
  "admin/base.html": base.base_html,
  "admin/base_site.html": base.base_site_html,
  "admin/color_theme_toggle.html": base.color_theme_toggle_html,
  "admin/nav_sidebar.html": base.nav_sidebar_html,
  "admin/app_list.html": base.app_list_html,
  "admin/index.html": base.index_html,
  "admin/app_index.html": base.app_index_html,
  "admin/login.html": base.login_html,
  "admin/invalid_setup.html": base.invalid_setup_html,
  "admin/404.html": base.page_404_html,
  "admin/500.html": base.page_500_html,
  "admin/change_list.html": change_list.change_list_html,
  "admin/change_list_results.html": change_list.change_list_results_html,
  "admin/change_list_object_tools.html": change_list.change_list_object_tools_html,
  "admin/pagination.html": change_list.pagination_html,
  "admin/search_form.html": change_list.search_form_html,
  "admin/date_hierarchy.html": change_list.date_hierarchy_html,
  "admin/actions.html": change_list.actions_html,
  "admin/filter.html": change_list.filter_html,
  "admin/change_form.html": change_form.change_form_html,
  "admin/change_form_object_tools.html": change_form.change_form_object_tools_html,
  "admin/submit_line.html": change_form.submit_line_html,
  "admin/includes/fieldset.html": change_form.fieldset_html,
  "admin/edit_inline/tabular.html": change_form.tabular_html,
  "admin/edit_inline/stacked.html": change_form.stacked_html,
  "admin/prepopulated_fields_js.html": change_form.prepopulated_fields_js_html,
  "admin/popup_response.html": change_form.popup_response_html,
  "admin/delete_confirmation.html": deletion.delete_confirmation_html,
  "admin/delete_selected_confirmation.html": deletion.delete_selected_confirmation_html,
  "admin/includes/object_delete_summary.html": deletion.object_delete_summary_html,
  "admin/object_history.html": deletion.object_history_html,
  "admin/auth/user/add_form.html": registration.user_add_form_html,
  "registration/logged_out.html": registration.logged_out_html,
  "registration/password_change_form.html": registration.password_change_form_html,
  "registration/password_change_done.html": registration.password_change_done_html,
  "registration/password_reset_form.html": registration.password_reset_form_html,
  "registration/password_reset_done.html": registration.password_reset_done_html,
  "registration/password_reset_confirm.html": registration.password_reset_confirm_html,
  "registration/password_reset_complete.html": registration.password_reset_complete_html,
  "registration/password_reset_email.html": registration.password_reset_email_html,
};

register_package_files("django/contrib/admin/templates", ADMIN_TEMPLATES);
