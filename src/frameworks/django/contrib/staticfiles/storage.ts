/**
 * django.contrib.staticfiles.storage: a static file's name → its URL (`staticfiles_storage.url`),
 * the URL `{% static %}` prints when the app is installed: STATIC_URL joined with the name.
 *
 * The lab's storage is StaticFilesStorage (no hashed names: ManifestStaticFilesStorage needs
 * collectstatic, which has nothing to write here), so the URL equals the one without the app.
 */
import { StaticNode } from "../../templatetags/static";

export class StaticFilesStorage {
  url(name: string): string {
    return StaticNode.handle_simple(name);
  }
}

export const staticfiles_storage = new StaticFilesStorage();
