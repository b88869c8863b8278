/**
 * django.template.exceptions: the two errors the template system raises to the rest of Django.
 * TemplateDoesNotExist lists every loader location tried (`tried`), like Django's postmortem.
 */
import { Exception } from "../../python/builtins";

export class TemplateDoesNotExist extends Exception {
  tried: [origin: string, status: string][];
  backend: unknown;
  chain: TemplateDoesNotExist[];
  constructor(msg: string, options: { tried?: [string, string][]; backend?: unknown; chain?: TemplateDoesNotExist[] } = {}) {
    super(msg);
    this.tried = options.tried ?? [];
    this.backend = options.backend ?? null;
    this.chain = options.chain ?? [];
  }
}

export class TemplateSyntaxError extends Exception {}
