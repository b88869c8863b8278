/**
 * Every parser of untrusted input the fuzz suite covers, one target module each, with its
 * documented typed errors and size limit. A parser that lands later adds one module and one line
 * here. Not covered yet: Jinja templates and Pydantic validation (on main, no target written yet),
 * Werkzeug routing (not landed).
 */
import type { FuzzTarget } from "../target";
import { asgi } from "./asgi";
import { cookies } from "./cookies";
import { django_request } from "./django-request";
import { gateway } from "./gateway";
import { multipart } from "./multipart";
import { permalink } from "./permalink";
import { querydict } from "./querydict";
import { scenario } from "./scenario";
import { templates } from "./templates";
import { urls } from "./urls";

export const TARGETS: FuzzTarget<any>[] = [gateway, asgi, django_request, querydict, cookies, multipart, urls, templates, permalink, scenario];
