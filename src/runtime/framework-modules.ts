/**
 * Framework modules user code can import by bare name: `"django/http"` → the package's index.ts.
 *
 * `import { HttpResponse } from "django/http"` in a user file, and `"django.middleware.common"` in
 * settings, both resolve through this table (the loader's `require` and `import_module`). One line
 * per module: the export name is the import path. Add a module here when its package lands.
 */
import * as python_builtins from "../frameworks/python/builtins";
import * as python_bytes from "../frameworks/python/bytes";

// `import { b, ValueError } from "python"`: the built-ins and the bytes helpers together.
const python_package = Object.freeze({ ...python_builtins, ...python_bytes });
export { python_package as "python" };

export * as "python/builtins" from "../frameworks/python/builtins";
export * as "python/bytes" from "../frameworks/python/bytes";
export * as "python/datetime" from "../frameworks/python/datetime";
export * as "python/decimal" from "../frameworks/python/decimal";
export * as "python/uuid" from "../frameworks/python/uuid";
export * as "lab" from "../frameworks/lab";
export * as "lab/trace" from "../frameworks/lab/trace";
export * as "django/apps" from "../frameworks/django/apps";
export * as "django/conf" from "../frameworks/django/conf";
export * as "django/conf/urls" from "../frameworks/django/conf/urls";
export * as "django/core/exceptions" from "../frameworks/django/core/exceptions";
export * as "django/core/validators" from "../frameworks/django/core/validators";
export * as "django/forms" from "../frameworks/django/forms";
export * as "django/core/handlers/wsgi" from "../frameworks/django/core/handlers/wsgi";
export * as "django/core/signals" from "../frameworks/django/core/signals";
export * as "django/db" from "../frameworks/django/db";
export * as "django/db/migrations" from "../frameworks/django/db/migrations";
export * as "django/core/management" from "../frameworks/django/core/management/commands";
export * as "django/dispatch" from "../frameworks/django/dispatch";
export * as "django/http" from "../frameworks/django/http";
export * as "django/middleware/clickjacking" from "../frameworks/django/middleware/clickjacking";
export * as "django/middleware/common" from "../frameworks/django/middleware/common";
export * as "django/middleware/security" from "../frameworks/django/middleware/security";
export * as "django/urls" from "../frameworks/django/urls";
export * as "django/utils/module_loading" from "../frameworks/django/utils/module_loading";
export * as "django/views/decorators/clickjacking" from "../frameworks/django/views/decorators/clickjacking";
export * as "django/views/defaults" from "../frameworks/django/views/defaults";
export * as "django/shortcuts" from "../frameworks/django/shortcuts";
export * as "django/template" from "../frameworks/django/template";
export * as "django/template/loader" from "../frameworks/django/template/loader";
export * as "django/template/response" from "../frameworks/django/template/response";
export * as "django/template/library" from "../frameworks/django/template/library";
export * as "django/template/context" from "../frameworks/django/template/context";
export * as "django/utils/safestring" from "../frameworks/django/utils/safestring";
export * as "django/utils/html" from "../frameworks/django/utils/html";
export * as "django/utils/text" from "../frameworks/django/utils/text";
export * as "django/utils/formats" from "../frameworks/django/utils/formats";
export * as "django/utils/dateformat" from "../frameworks/django/utils/dateformat";
export * as "django/utils/timesince" from "../frameworks/django/utils/timesince";
export * as "django/views/generic" from "../frameworks/django/views/generic";
export * as "django/core/paginator" from "../frameworks/django/core/paginator";
export * as "django/core/signing" from "../frameworks/django/core/signing";
export * as "django/utils/crypto" from "../frameworks/django/utils/crypto";
export * as "django/utils/cache" from "../frameworks/django/utils/cache";
export * as "django/contrib/sessions" from "../frameworks/django/contrib/sessions";
export * as "django/contrib/sessions/apps" from "../frameworks/django/contrib/sessions/apps";
export * as "django/contrib/sessions/models" from "../frameworks/django/contrib/sessions/models";
export * as "django/contrib/sessions/base_session" from "../frameworks/django/contrib/sessions/base_session";
export * as "django/contrib/sessions/exceptions" from "../frameworks/django/contrib/sessions/exceptions";
export * as "django/contrib/sessions/middleware" from "../frameworks/django/contrib/sessions/middleware";
export * as "django/contrib/sessions/backends/base" from "../frameworks/django/contrib/sessions/backends/base";
export * as "django/contrib/sessions/backends/db" from "../frameworks/django/contrib/sessions/backends/db";
export * as "django/contrib/sessions/backends/signed_cookies" from "../frameworks/django/contrib/sessions/backends/signed_cookies";
export * as "django/contrib/sessions/migrations/0001_initial" from "../frameworks/django/contrib/sessions/migrations/0001_initial";
export * as "django/contrib/auth" from "../frameworks/django/contrib/auth";
export * as "django/contrib/auth/apps" from "../frameworks/django/contrib/auth/apps";
export * as "django/contrib/auth/backends" from "../frameworks/django/contrib/auth/backends";
export * as "django/contrib/auth/base_user" from "../frameworks/django/contrib/auth/base_user";
export * as "django/contrib/auth/context_processors" from "../frameworks/django/contrib/auth/context_processors";
export * as "django/contrib/auth/decorators" from "../frameworks/django/contrib/auth/decorators";
export * as "django/contrib/auth/hashers" from "../frameworks/django/contrib/auth/hashers";
export * as "django/contrib/auth/management" from "../frameworks/django/contrib/auth/management";
export * as "django/contrib/auth/management/commands/createsuperuser" from "../frameworks/django/contrib/auth/management/commands/createsuperuser";
export * as "django/contrib/auth/middleware" from "../frameworks/django/contrib/auth/middleware";
export * as "django/contrib/auth/migrations/0001_initial" from "../frameworks/django/contrib/auth/migrations/0001_initial";
export * as "django/contrib/auth/models" from "../frameworks/django/contrib/auth/models";
export * as "django/contrib/auth/password_validation" from "../frameworks/django/contrib/auth/password_validation";
export * as "django/contrib/auth/signals" from "../frameworks/django/contrib/auth/signals";
export * as "django/contrib/auth/validators" from "../frameworks/django/contrib/auth/validators";
export * as "django/contrib/auth/views" from "../frameworks/django/contrib/auth/views";
export * as "django/middleware/csrf" from "../frameworks/django/middleware/csrf";
export * as "django/views/csrf" from "../frameworks/django/views/csrf";
export * as "django/views/decorators/csrf" from "../frameworks/django/views/decorators/csrf";
export * as "django/template/context_processors" from "../frameworks/django/template/context_processors";
export * as "django/contrib/messages" from "../frameworks/django/contrib/messages";
export * as "django/contrib/messages/apps" from "../frameworks/django/contrib/messages/apps";
export * as "django/contrib/messages/api" from "../frameworks/django/contrib/messages/api";
export * as "django/contrib/messages/constants" from "../frameworks/django/contrib/messages/constants";
export * as "django/contrib/messages/middleware" from "../frameworks/django/contrib/messages/middleware";
export * as "django/contrib/messages/context_processors" from "../frameworks/django/contrib/messages/context_processors";
export * as "django/contrib/messages/storage" from "../frameworks/django/contrib/messages/storage";
export * as "django/contrib/messages/storage/base" from "../frameworks/django/contrib/messages/storage/base";
export * as "django/contrib/messages/storage/cookie" from "../frameworks/django/contrib/messages/storage/cookie";
export * as "django/contrib/messages/storage/session" from "../frameworks/django/contrib/messages/storage/session";
export * as "django/contrib/messages/storage/fallback" from "../frameworks/django/contrib/messages/storage/fallback";
export * as "django/core/management/sql" from "../frameworks/django/core/management/sql";
export * as "django/contrib/contenttypes" from "../frameworks/django/contrib/contenttypes";
export * as "django/contrib/contenttypes/apps" from "../frameworks/django/contrib/contenttypes/apps";
export * as "django/contrib/contenttypes/models" from "../frameworks/django/contrib/contenttypes/models";
export * as "django/contrib/contenttypes/management" from "../frameworks/django/contrib/contenttypes/management";
export * as "django/contrib/contenttypes/migrations/0001_initial" from "../frameworks/django/contrib/contenttypes/migrations/0001_initial";
export * as "django/contrib/contenttypes/migrations/0002_remove_content_type_name" from "../frameworks/django/contrib/contenttypes/migrations/0002_remove_content_type_name";
