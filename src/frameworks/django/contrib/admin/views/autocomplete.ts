/**
 * django.contrib.admin.views.autocomplete: `/admin/autocomplete/?term=…&app_label=…&model_name=…
 * &field_name=…` → the JSON an autocomplete widget asks for:
 *
 *   {"results": [{"id": "3", "text": "Ada"}], "pagination": {"more": false}}
 *
 * The field's target model must be registered with search_fields (else 404); the parameters must
 * name a real relation the user may view (else 403). Results are the related admin's queryset
 * searched with `term`, 20 per page. The main function is AutocompleteJsonView.
 */
import { apps } from "../../../apps";
import { FieldDoesNotExist, PermissionDenied } from "../../../core/exceptions";
import { Http404, JsonResponse } from "../../../http/response";
import { LookupError } from "../../../../python/builtins";
import { NotRegistered } from "../exceptions";

type Request = any;

export function AutocompleteJsonView(admin_site: any, request: Request): JsonResponse {
  const [term, model_admin, source_field, to_field_name] = process_request(admin_site, request);
  if (!model_admin.has_view_permission(request)) throw new PermissionDenied();
  let qs = model_admin.get_queryset(request);
  const limit = source_field.get_limit_choices_to?.() ?? source_field.remote_field?.limit_choices_to ?? null;
  if (limit && Object.keys(limit).length) qs = qs.complex_filter ? qs.complex_filter(limit) : qs.filter(limit);
  const [searched, distinct] = model_admin.get_search_results(request, qs, term);
  qs = distinct ? searched.distinct() : searched;
  const paginator = model_admin.get_paginator(request, qs, 20);
  const page = paginator.get_page(request.GET.get("page", 1));
  return new JsonResponse({
    results: [...page.object_list].map((obj: any) => ({ id: String(obj[to_field_name]), text: String(obj) })),
    pagination: { more: page.has_next() },
  });
}

function process_request(admin_site: any, request: Request): [string, any, any, string] {
  const term = request.GET.get("term", "") ?? "";
  const [app_label, model_name, field_name] = ["app_label", "model_name", "field_name"].map((k) => request.GET.get(k));
  if (app_label === null || model_name === null || field_name === null) throw new PermissionDenied();
  let source_model: any;
  let source_field: any;
  try {
    source_model = apps.get_model(app_label, model_name);
    source_field = source_model._meta.get_field(field_name);
  } catch (e) {
    if (e instanceof LookupError || e instanceof FieldDoesNotExist) throw new PermissionDenied();
    throw e;
  }
  const remote_model = source_field.remote_field?.model;
  if (!remote_model) throw new PermissionDenied();
  let model_admin: any;
  try {
    model_admin = admin_site.get_model_admin(remote_model);
  } catch (e) {
    if (e instanceof NotRegistered) throw new PermissionDenied();
    throw e;
  }
  if (!model_admin.get_search_fields(request).length) throw new Http404(`${model_admin.constructor.name} must have search_fields for the autocomplete_view.`);
  const to_field_name = remote_model._meta.get_field(source_field.remote_field.field_name ?? remote_model._meta.pk.attname).attname;
  if (!model_admin.to_field_allowed(request, to_field_name)) throw new PermissionDenied();
  return [term, model_admin, source_field, to_field_name];
}
