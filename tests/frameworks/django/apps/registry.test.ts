import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AppConfig, Apps, apps } from "../../../../src/frameworks/django/apps";
import { py_title } from "../../../../src/frameworks/django/apps/config";
import { setup } from "../../../../src/frameworks/django/setup";
import { settings } from "../../../../src/frameworks/django/conf";
import { AppRegistryNotReady, ImproperlyConfigured } from "../../../../src/frameworks/django/core/exceptions";
import { LookupError, RuntimeError, ValueError } from "../../../../src/frameworks/python/builtins";
import { ImportError, ModuleNotFoundError, set_module_importer } from "../../../../src/frameworks/django/utils/module_loading";
import type { Module } from "../../../../src/frameworks/django/utils/module_loading";
import { Recorder, set_active_recorder } from "../../../../src/trace";

/** An in-memory module table standing in for the runtime's loader ("blog/apps" → exports). */
let modules: Record<string, Module | (() => Module)>;
const imported: string[] = [];

beforeEach(() => {
  modules = {};
  imported.length = 0;
  set_module_importer((path) => {
    const found = modules[path];
    if (found === undefined) throw new ModuleNotFoundError(`No module named '${path.replace(/\//g, ".")}'`);
    imported.push(path);
    return typeof found === "function" ? found() : found;
  });
  settings.configure({ SECRET_KEY: "x", INSTALLED_APPS: [] });
});

afterEach(() => {
  set_module_importer(null);
  settings.reset();
  apps.reset();
});

describe("AppConfig.create", () => {
  it("a module without an apps module gets a plain AppConfig: label from the last component, verbose_name title-cased", () => {
    modules["shop/my_orders"] = { __file__: "shop/my_orders/index.ts" };
    const config = AppConfig.create("shop.my_orders");
    expect(config.constructor).toBe(AppConfig);
    expect([config.name, config.label, config.verbose_name, config.path]).toEqual(["shop.my_orders", "my_orders", "My_Orders", "shop/my_orders"]);
    expect(config.__repr__()).toBe("<AppConfig: my_orders>");
  });

  it("uses the only AppConfig subclass in <app>.apps, with its own label and verbose name", () => {
    class BlogConfig extends AppConfig {
      override name = "blog";
      override label = "weblog";
      override verbose_name = "The Blog";
      override default_auto_field = "django.db.models.BigAutoField";
    }
    modules["blog"] = {};
    modules["blog/apps"] = { AppConfig, BlogConfig };
    const config = AppConfig.create("blog");
    expect(config).toBeInstanceOf(BlogConfig);
    expect([config.name, config.label, config.verbose_name, config.path]).toEqual(["blog", "weblog", "The Blog", "blog"]);
    expect(config.default_auto_field).toBe("django.db.models.BigAutoField");
    expect(config._is_default_auto_field_overridden).toBe(true);
    expect(AppConfig.create("blog.apps.BlogConfig")).toBeInstanceOf(BlogConfig);
  });

  it("reads DEFAULT_AUTO_FIELD from settings when the config does not set it", () => {
    modules["blog"] = {};
    const config = AppConfig.create("blog");
    expect(config.default_auto_field).toBe("django.db.models.AutoField");
    expect(config._is_default_auto_field_overridden).toBe(false);
  });

  it("among several subclasses picks the one with default = true, and refuses two defaults", () => {
    class One extends AppConfig {
      override name = "blog";
    }
    class Two extends AppConfig {
      static override default = true;
      override name = "blog";
    }
    class Three extends AppConfig {
      static override default = true;
      override name = "blog";
    }
    modules["blog"] = {};
    modules["blog/apps"] = { One, Two };
    expect(AppConfig.create("blog")).toBeInstanceOf(Two);
    modules["blog/apps"] = { One, Two, Three };
    expect(() => AppConfig.create("blog")).toThrow(new RuntimeError("'blog.apps' declares more than one default AppConfig: 'Three', 'Two'."));
  });

  it("falls back to AppConfig when several subclasses exist and none is the default, or the only one says default = false", () => {
    class One extends AppConfig {
      override name = "blog";
    }
    class Two extends AppConfig {
      override name = "blog";
    }
    class Off extends AppConfig {
      static override default = false;
      override name = "blog";
    }
    modules["blog"] = {};
    modules["blog/apps"] = { One, Two };
    expect(AppConfig.create("blog").constructor).toBe(AppConfig);
    modules["blog/apps"] = { Off };
    expect(AppConfig.create("blog").constructor).toBe(AppConfig);
    expect(AppConfig.create("blog.apps.Off")).toBeInstanceOf(Off);
  });

  it("explains a class path that names no class, listing the choices", () => {
    class BlogConfig extends AppConfig {
      override name = "blog";
    }
    modules["blog"] = {};
    modules["blog/apps"] = { BlogConfig };
    expect(() => AppConfig.create("blog.apps.Nope")).toThrow(new ImportError("Module 'blog.apps' does not contain a 'Nope' class. Choices are: 'BlogConfig'."));
    expect(() => AppConfig.create("nowhere")).toThrow(new ModuleNotFoundError("No module named 'nowhere'"));
  });

  it("refuses a non-AppConfig class, a config without name, a name that cannot be imported, and a bad label", () => {
    class NotAConfig {}
    class Nameless extends AppConfig {}
    class WrongName extends AppConfig {
      override name = "missing";
    }
    class BadLabel extends AppConfig {
      override name = "blog";
      override label = "my-blog";
    }
    modules["blog"] = {};
    modules["lib"] = { NotAConfig, Nameless, WrongName, BadLabel };
    expect(() => AppConfig.create("lib.NotAConfig")).toThrow(new ImproperlyConfigured("'lib.NotAConfig' isn't a subclass of AppConfig."));
    expect(() => AppConfig.create("lib.Nameless")).toThrow(new ImproperlyConfigured("'lib.Nameless' must supply a name attribute."));
    expect(() => AppConfig.create("lib.WrongName")).toThrow(new ImproperlyConfigured("Cannot import 'missing'. Check that 'lib.WrongName.name' is correct."));
    expect(() => AppConfig.create("lib.BadLabel")).toThrow(new ImproperlyConfigured("The app label 'my-blog' is not a valid Python identifier."));
  });

  it("lets an error raised inside an existing apps module propagate", () => {
    modules["blog"] = {};
    modules["blog/apps"] = () => {
      throw new ValueError("broken apps.py");
    };
    expect(() => AppConfig.create("blog")).toThrow(new ValueError("broken apps.py"));
  });

  it("py_title capitalises each run of letters like str.title()", () => {
    expect([py_title("blog"), py_title("my_app2go"), py_title("ÉCOLE")]).toEqual(["Blog", "My_App2Go", "École"]);
  });
});

describe("Apps.populate", () => {
  it("runs the three phases in order: all configs, then all models modules, then every ready()", () => {
    const events: string[] = [];
    class BlogConfig extends AppConfig {
      override name = "blog";
      override ready() {
        events.push(`ready blog (models ready: ${this.apps!.models_ready})`);
      }
    }
    modules["blog"] = {};
    modules["blog/apps"] = { BlogConfig };
    modules["blog/models"] = () => {
      events.push("import blog.models");
      const Post = class Post {};
      apps.register_model("blog", Post);
      return { Post };
    };
    modules["shop"] = {};
    modules["shop/models"] = () => (events.push("import shop.models"), {});
    apps.populate(["blog", "shop"]);
    expect(events).toEqual(["import blog.models", "import shop.models", "ready blog (models ready: true)"]);
    expect(imported).toEqual(["blog", "blog/apps", "blog", "shop", "shop", "blog/models", "shop/models"]);
    expect([apps.apps_ready, apps.models_ready, apps.ready]).toEqual([true, true, true]);
    expect(apps.get_app_configs().map((c) => c.label)).toEqual(["blog", "shop"]);
    expect(apps.get_app_config("blog").get_models().map((m) => m.name)).toEqual(["Post"]);
    expect(apps.get_model("blog", "post").name).toBe("Post");
    expect(apps.get_model("blog.Post").name).toBe("Post");
    expect(apps.get_models().map((m) => m.name)).toEqual(["Post"]);
    apps.populate(["ignored"]); // idempotent once ready
    expect(apps.get_app_configs()).toHaveLength(2);
  });

  it("rejects duplicate labels and duplicate names", () => {
    class OtherBlog extends AppConfig {
      override name = "blog";
      override label = "blog2";
    }
    modules["blog"] = {};
    modules["news/blog"] = {};
    modules["lib"] = { OtherBlog };
    expect(() => new Apps(["blog", "news.blog"])).toThrow(new ImproperlyConfigured("Application labels aren't unique, duplicates: blog"));
    expect(() => new Apps(["blog", "lib.OtherBlog"])).toThrow(new ImproperlyConfigured("Application names aren't unique, duplicates: blog"));
  });

  it("accepts AppConfig instances in the list", () => {
    const registry = new Apps([new AppConfig("blog", {})]);
    expect(registry.get_app_config("blog").verbose_name).toBe("Blog");
  });

  it("is not reentrant: populate() called from a ready() raises", () => {
    class Loop extends AppConfig {
      override name = "blog";
      override ready() {
        this.apps!.ready = false;
        this.apps!.populate([]);
      }
    }
    modules["blog"] = {};
    modules["blog/apps"] = { Loop };
    expect(() => apps.populate(["blog"])).toThrow(new RuntimeError("populate() isn't reentrant"));
  });

  it("traces each AppConfig created and each ready() called as 'app' spans", () => {
    class BlogConfig extends AppConfig {
      static override __module__ = "blog/apps";
      override name = "blog";
    }
    modules["blog"] = {};
    modules["blog/apps"] = { BlogConfig };
    settings.configure({ SECRET_KEY: "x", INSTALLED_APPS: ["blog"] });
    const recorder = new Recorder();
    const previous = set_active_recorder(recorder);
    try {
      setup();
    } finally {
      set_active_recorder(previous);
    }
    const spans = recorder.trace().spans;
    expect(spans.map((s) => [s.kind, s.name, s.parent, s.attrs, s.source])).toEqual([
      ["app", "django.setup", null, { set_prefix: true }, undefined],
      ["app", "apps.populate", 0, { installed_apps: ["blog"] }, undefined],
      ["app", "AppConfig.create: blog", 1, { entry: "blog", class: "BlogConfig", name: "blog", label: "blog", verbose_name: "Blog", path: "blog" }, undefined],
      ["app", "import models: blog", 1, { app: "blog", models: [], has_models_module: false }, undefined],
      ["app", "BlogConfig.ready", 1, { app: "blog" }, { file: "blog/apps", symbol: "BlogConfig.ready" }],
    ]);
  });
});

describe("lookups before and after loading", () => {
  it("check_apps_ready raises AppRegistryNotReady before populate, ImproperlyConfigured without settings", () => {
    expect(() => apps.get_app_configs()).toThrow(new AppRegistryNotReady("Apps aren't loaded yet."));
    expect(() => apps.check_models_ready()).toThrow(new AppRegistryNotReady("Models aren't loaded yet."));
    settings.reset();
    expect(() => apps.is_installed("blog")).toThrow(ImproperlyConfigured);
  });

  it("get_app_config raises LookupError, hinting at the label when given the full name", () => {
    class AuthConfig extends AppConfig {
      override name = "django.contrib.auth";
    }
    modules["django/contrib/auth"] = {};
    modules["django/contrib/auth/apps"] = { AuthConfig };
    apps.populate(["django.contrib.auth"]);
    expect(() => apps.get_app_config("nope")).toThrow(new LookupError("No installed app with label 'nope'."));
    expect(() => apps.get_app_config("django.contrib.auth")).toThrow(new LookupError("No installed app with label 'django.contrib.auth'. Did you mean 'auth'?"));
    expect([apps.is_installed("django.contrib.auth"), apps.is_installed("auth")]).toEqual([true, false]);
    expect(apps.get_containing_app_config("django.contrib.auth.models.User")?.label).toBe("auth");
    expect(apps.get_containing_app_config("django.contrib.authx")).toBeNull();
    expect(() => apps.get_model("auth", "User")).toThrow(new LookupError("App 'auth' doesn't have a 'User' model."));
    expect(() => apps.get_model("auth")).toThrow(new ValueError("not enough values to unpack (expected 2, got 1)"));
  });

  it("reset() forgets configs, models and readiness", () => {
    modules["blog"] = {};
    modules["blog/models"] = () => (apps.register_model("blog", class Post {}), {});
    settings.configure({ SECRET_KEY: "x", INSTALLED_APPS: ["blog"] });
    setup();
    expect([apps.ready, apps.get_models().length]).toEqual([true, 1]);
    apps.reset();
    expect([apps.ready, apps.apps_ready, apps.models_ready, apps.loading, apps.app_configs.size, apps.all_models.size]).toEqual([false, false, false, false, 0, 0]);
    expect(() => apps.get_app_config("blog")).toThrow(AppRegistryNotReady);
  });
});
