import { describe, expect, it } from "vitest";
import { load, compile_module, module_name } from "../../src/runtime/loader";
import { reset_all_modes } from "../../src/modes";
import { UserSyntaxError, user_frames, error_info } from "../../src/runtime/errors";
import { LogCollector } from "../../src/runtime/console";
import { import_string } from "../../src/frameworks/django/utils/module_loading";
import { extract_tb } from "../../src/frameworks/python/traceback";
import { settings } from "../../src/frameworks/django/conf";
import { request_started } from "../../src/frameworks/django/core/signals";
import { Recorder, set_active_recorder } from "../../src/trace";
import { set_outbox } from "../../src/frameworks/django/core/mail";

describe("ModuleLoader: user files → modules", () => {
  it("resolves relative imports with .ts, .js and /index.ts, and absolute project paths", () => {
    const loader = load({
      "blog/views.ts": `import { title } from "./models"; import { helper } from "../lib"; import { util } from "util/index.js"; export const text = title + helper + util;`,
      "blog/models.ts": `export const title: string = "T";`,
      "lib/index.ts": `export const helper = "H";`,
      "util/index.js": `export const util = "U";`,
    });
    expect(loader.require("./blog/views").text).toBe("THU");
    expect(loader.loaded_modules()).toEqual(["blog/views.ts", "blog/models.ts", "lib/index.ts", "util/index.js"]);
  });

  it("gives bare framework modules, including python/bytes and the combined python package", () => {
    const loader = load({ "app.ts": `import { b } from "python/bytes"; import { ValueError, utf8_encode } from "python"; import { connection } from "django/db"; export const out = [b("hi"), utf8_encode("é"), new ValueError("x") instanceof Error, typeof connection.cursor];` });
    const [bytes, utf8, is_error, cursor] = loader.require("./app").out;
    expect(Array.from(bytes)).toEqual([104, 105]);
    expect(Array.from(utf8)).toEqual([0xc3, 0xa9]);
    expect([is_error, cursor]).toEqual([true, "function"]);
  });

  it("a framework module imported whole reads each export live (mail.outbox, made later by the locmem backend)", () => {
    set_outbox(undefined);
    const loader = load({ "check.ts": `import * as mail from "django/core/mail"; import whole from "django/core/mail"; export const outbox = () => mail.outbox; export const same = whole === mail;` });
    const check = loader.require("./check");
    expect(check.outbox()).toBe(undefined);
    const sent: any[] = [];
    set_outbox(sent);
    expect(check.outbox()).toBe(sent);
    expect(check.same).toBe(true);
    set_outbox(undefined);
  });

  it("resolves dotted settings paths through import_string (user modules, packages and django/...)", () => {
    load({ "blog/views.ts": `export function index() {}`, "shop/index.ts": `export const name = "shop";` });
    expect(typeof import_string("blog.views.index")).toBe("function");
    expect(import_string("shop.name")).toBe("shop");
    expect(typeof import_string("django.db.connection")).toBe("object");
    expect(() => import_string("blog.vews.index")).toThrowError("No module named 'blog.vews'");
  });

  it("stamps __module__ on exported functions and classes that have none", () => {
    const loader = load({ "blog/views.ts": `export function index() {} export class Detail {} export const arrow = () => 1; export const n = 1;` });
    const views = loader.require("./blog/views");
    expect([views.index.__module__, views.Detail.__module__, views.arrow.__module__]).toEqual(["blog.views", "blog.views", "blog.views"]);
    expect(module_name("blog/index.ts")).toBe("blog");
  });

  it("gives each TS enum its name as a hidden __name__ (an Enum's schema is named after its class), lines kept", () => {
    const loader = load({ "enums.ts": `enum Color { red = "red" }\nexport enum Level { low = 1, high = 2 }\nexport const color = Color;` });
    const m = loader.require("./enums");
    expect([m.color.__name__, m.Level.__name__, Object.keys(m.color), Object.keys(m.Level)]).toEqual(["Color", "Level", ["red"], ["1", "2", "low", "high"]]);
    expect(compile_module("enums.ts", "enum A { x }\nconst y = 1;").split("\n").length).toBe(2);
  });

  it("keeps a subclass's own __module__ rather than inheriting its base class's", () => {
    const loader = load({ "a.ts": `export class Base {}`, "b.ts": `import { Base } from "./a"; export class Child extends Base {}` });
    expect(loader.require("./b").Child.__module__).toBe("b");
  });

  it("handles circular imports like CommonJS: the partly filled exports are visible", () => {
    const loader = load({
      "a.ts": `import * as b from "./b"; export const a_value = "A"; export function from_b() { return b.b_value; }`,
      "b.ts": `import * as a from "./a"; export const b_value = "B"; export function seen_a() { return a.a_value; }`,
    });
    const a = loader.require("./a");
    const b = loader.require("./b");
    expect([a.from_b(), b.seen_a()]).toEqual(["B", "A"]);
  });

  it("reports a missing relative import naming the importer", () => {
    const loader = load({ "a.ts": `import "./nope";` });
    expect(() => loader.require("./a")).toThrowError("Cannot find module './nope' imported from a.ts");
  });
});

describe("errors in user code point at the user's file and line", () => {
  it("a syntax error names file:line:col with sucrase's message", () => {
    let error: unknown;
    try {
      compile_module("blog/views.ts", `const a = 1;\nexport function f( {\n  return 1;\n}\n`);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserSyntaxError);
    const e = error as UserSyntaxError;
    expect([e.filename, e.lineno, e.offset]).toEqual(["blog/views.ts", 3, 11]);
    expect(e.message).toBe('blog/views.ts:3:11: Unexpected token, expected ","');
    expect(error_info(e, () => true)).toMatchObject({ type: "SyntaxError", source: { file: "blog/views.ts", line: 3, column: 11 } });
  });

  it("a runtime error's stack frames map to the user's lines (in the loader and in traceback.extract_tb)", () => {
    const loader = load({
      "blog/views.ts": `import { helper } from "./helpers";\n\nexport function index() {\n  return helper();\n}\n`,
      "blog/helpers.ts": `// a comment\nexport function helper(): number {\n  throw new TypeError("bad");\n}\n`,
    });
    let error: unknown;
    try {
      loader.require("./blog/views").index();
    } catch (e) {
      error = e;
    }
    const frames = user_frames(error, loader.is_user_file);
    expect(frames.map((f) => [f.file, f.line, f.symbol])).toEqual([
      ["blog/helpers.ts", 3, "helper"],
      ["blog/views.ts", 4, "index"],
    ]);
    const tb = extract_tb(error).filter((f) => f.is_user_code);
    expect(tb.map((f) => [f.filename, f.lineno, f.name])).toEqual([
      ["blog/views.ts", 4, "index"],
      ["blog/helpers.ts", 3, "helper"],
    ]);
  });

  it("an error at a module's top level is reported in <module>", () => {
    const loader = load({ "app.ts": `const x = 1;\nnull.boom;\n` });
    let error: unknown;
    try {
      loader.require("./app");
    } catch (e) {
      error = e;
    }
    expect(user_frames(error, loader.is_user_file)[0]).toMatchObject({ file: "app.ts", line: 2, symbol: "<module>" });
  });
});

describe("no state leaks between runs", () => {
  it("load() re-evaluates modules: module-level state starts fresh", () => {
    const files = { "store.ts": `export const items: string[] = []; export function add(x: string) { items.push(x); return items.length; }` };
    const first = load(files);
    first.require("./store").add("a");
    expect(first.require("./store").add("b")).toBe(2);
    const second = load(files);
    expect(second.require("./store").add("c")).toBe(1);
  });

  it("load() forgets the old files: a removed module can no longer be imported", () => {
    load({ "old.ts": `export const x = 1;` });
    expect(import_string("old.x")).toBe(1);
    load({ "new.ts": `export const y = 2;` });
    expect(() => import_string("old.x")).toThrowError("No module named 'old'");
  });

  it("reset clears configured settings and receivers user code connected to framework signals", () => {
    reset_all_modes();
    const before = request_started.receivers.length;
    settings.configure({ SECRET_KEY: "x", DEBUG: true });
    const loader = load({ "hooks.ts": `import { request_started } from "django/core/signals"; export function on_start() {} request_started.connect(on_start, { weak: false });` });
    expect(settings.configured).toBe(false);
    loader.require("./hooks");
    expect(request_started.receivers.length).toBe(before + 1);
    load({});
    expect(request_started.receivers.length).toBe(before);
  });
});

describe("console in user modules", () => {
  it("writes log entries with the user's line and 'log' spans into the active trace", () => {
    const logs = new LogCollector();
    const recorder = new Recorder();
    const previous = set_active_recorder(recorder);
    try {
      const loader = load({ "app.ts": `export function run() {\n  console.log("hello", 42, { a: 1 });\n  console.warn("careful");\n}\n` }, { console: logs.create_console() });
      loader.require("./app").run();
    } finally {
      set_active_recorder(previous);
    }
    const entries = logs.drain();
    expect(entries.map((e) => [e.level, e.message, e.source?.file, e.source?.line])).toEqual([
      ["log", 'hello 42 {"a":1}', "app.ts", 2],
      ["warn", "careful", "app.ts", 3],
    ]);
    const log_spans = recorder.trace().spans.filter((s) => s.kind === "log");
    expect(log_spans.map((s) => [s.name, s.attrs.message])).toEqual([
      ["console.log", 'hello 42 {"a":1}'],
      ["console.warn", "careful"],
    ]);
  });
});
