/**
 * django.conf.urls: the default error handlers a URLconf falls back to when it does not define
 * `handler400`, `handler403`, `handler404` or `handler500` itself.
 */
import { bad_request, page_not_found, permission_denied, server_error } from "../views/defaults";

export const handler400 = bad_request;
export const handler403 = permission_denied;
export const handler404 = page_not_found;
export const handler500 = server_error;
