/**
 * django.contrib.auth.context_processors: a request → `{{ user }}` and `{{ perms }}` in every
 * RequestContext (TEMPLATES OPTIONS context_processors "django.contrib.auth.context_processors.auth").
 *
 *     {% if user.is_authenticated %}Hi {{ user.username }}{% endif %}
 *     {% if perms.blog %}…any blog permission…{% endif %}
 *     {% if perms.blog.add_post %}<a href="…">New post</a>{% endif %}
 *     {% if "blog.add_post" in perms %}…{% endif %}
 *
 * Both are lazy: a template that never mentions them costs no session read or query.
 */
import { AnonymousUser } from "./models";

/**
 * Names that are probes by the runtime (dunder protocols, promise and JSON checks), never app labels
 * or permission codenames: answering them with a permission check would run queries for nothing.
 */
function is_probe(key: string | symbol): boolean {
  return typeof key === "symbol" || key.startsWith("_") || key === "then" || key === "toJSON" || key === "length";
}

/** `perms.blog.add_post`: one app's permissions (`user.has_perm("blog.add_post")`). */
export class PermLookupDict {
  constructor(
    readonly user: any,
    readonly app_label: string,
  ) {
    // Template lookups read attributes: `perms.blog.add_post` asks for the property "add_post".
    return new Proxy(this, {
      get: (target, key, receiver) => {
        if (is_probe(key) || key in target) return Reflect.get(target, key, receiver);
        return target.getitem(key as string);
      },
    });
  }

  __repr__(): string {
    return String([...this.user.get_all_permissions()]);
  }

  getitem(perm_name: string): boolean {
    return this.user.has_perm(`${this.app_label}.${perm_name}`);
  }

  /** `bool(perms.blog)`: any permission in the app. */
  __bool__(): boolean {
    return this.user.has_module_perms(this.app_label);
  }

  /** `"add_post" in perms.blog` */
  __contains__(perm_name: string): boolean {
    return this.getitem(perm_name);
  }
}

/** `perms`: `perms.blog` is a PermLookupDict; `"blog.add_post" in perms` checks one permission. */
export class PermWrapper {
  constructor(readonly user: any) {
    return new Proxy(this, {
      get: (target, key, receiver) => {
        if (is_probe(key) || key in target) return Reflect.get(target, key, receiver);
        return target.getitem(key as string);
      },
    });
  }

  __repr__(): string {
    return `PermWrapper(${this.user})`;
  }

  getitem(app_label: string): PermLookupDict {
    return new PermLookupDict(this.user, app_label);
  }

  /** `"blog" in perms` or `"blog.add_post" in perms`. */
  __contains__(perm_name: string): boolean {
    if (!perm_name.includes(".")) return Boolean(this.getitem(perm_name).__bool__());
    const [app_label, name] = [perm_name.slice(0, perm_name.indexOf(".")), perm_name.slice(perm_name.indexOf(".") + 1)];
    return this.getitem(app_label).getitem(name);
  }

  /** Iterating `perms` is a TypeError in Django (it would loop forever). */
  [Symbol.iterator](): never {
    throw new globalThis.TypeError("PermWrapper is not iterable.");
  }
}

/**
 * A stand-in that loads `request.user` on first use (Django's `SimpleLazyObject`): every property
 * read and `String(user)` go to the loaded user.
 */
function lazy_user(load: () => any): any {
  let loaded: any;
  let done = false;
  const get = () => {
    if (!done) {
      loaded = load();
      done = true;
    }
    return loaded;
  };
  return new Proxy(
    {},
    {
      get: (_target, key) => {
        const user = get();
        const value = Reflect.get(user, key, user);
        return typeof value === "function" ? value.bind(user) : value;
      },
      has: (_target, key) => Reflect.has(get(), key),
      getPrototypeOf: () => Object.getPrototypeOf(get()),
    },
  );
}

/** `auth(request)`: `user` (AnonymousUser without AuthenticationMiddleware) and `perms`. */
export function auth(request: any): { user: any; perms: PermWrapper } {
  const user = "user" in request ? lazy_user(() => request.user) : new AnonymousUser();
  return { user, perms: new PermWrapper(user) };
}
