/**
 * Every parser of untrusted input the fuzz suite covers, one target module each, with its
 * documented typed errors and size limit. A parser that lands later adds one module and one line
 * here; still to come from other work: the ASGI scope (src/gateway/asgi.ts), Jinja templates,
 * Werkzeug routing, Pydantic validation.
 */
import type { FuzzTarget } from "../target";
import { cookies } from "./cookies";
import { django_request } from "./django-request";
import { gateway } from "./gateway";
import { multipart } from "./multipart";
import { permalink } from "./permalink";
import { querydict } from "./querydict";
import { scenario } from "./scenario";
import { templates } from "./templates";
import { urls } from "./urls";

export const TARGETS: FuzzTarget<any>[] = [gateway, django_request, querydict, cookies, multipart, urls, templates, permalink, scenario];
