/**
 * "Copy as test": one request of the session and its response → a Python test that replays the
 * request against the real framework and asserts the status and the body, in the idiom of the
 * project's mode. Main function: `testFor`. Pure (no DOM).
 *
 *   django, channels  a `django.test.TestCase` with the test client (`self.client.get(...)`)
 *   flask             `app.test_client()` from the app the entry names
 *   fastapi           `fastapi.testclient.TestClient(app)`
 *   wsgi              Werkzeug's test `Client` around the raw WSGI callable
 *
 * JSON bodies are compared as data (`response.json()`), other bodies as exact text. A request that
 * carried cookies gets a comment saying so: the test starts with an empty jar.
 */
import type { HttpRequestMessage, HttpResponseMessage } from "../../runtime/protocol";

export interface TestSource {
  /** The scenario's mode id and entry (`{kind: "flask", app: "app.app"}`). */
  mode: string;
  entry: Record<string, string>;
  request: HttpRequestMessage;
  response: HttpResponseMessage;
}

export interface GeneratedTest {
  /** What kind of test it is, for the page to say: "a Django TestCase". */
  label: string;
  code: string;
}

/** A Python string literal for any text (double quotes, escapes for control and non-ASCII-unsafe characters). */
export function pyStr(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === "\\") out += "\\\\";
    else if (ch === '"') out += '\\"';
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else if (code >= 0x2028 && code <= 0x2029) out += `\\u${code.toString(16)}`;
    else out += ch;
  }
  return out + '"';
}

/** JSON → the Python literal with the same value (`null` → `None`, `true` → `True`). */
export function pyLiteral(value: unknown): string {
  if (value === null) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : JSON.stringify(value);
  if (typeof value === "string") return pyStr(value);
  if (Array.isArray(value)) return `[${value.map(pyLiteral).join(", ")}]`;
  if (typeof value === "object") return `{${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${pyStr(k)}: ${pyLiteral(v)}`).join(", ")}}`;
  return "None";
}

const utf8 = (body: Uint8Array | string) => (typeof body === "string" ? body : new TextDecoder().decode(body));
const headerOf = (headers: [string, string][], name: string) => headers.find(([k]) => k.toLowerCase() === name)?.[1] ?? null;
/** Headers the test client sets by itself (or that belong to the jar). */
const IMPLIED = new Set(["host", "content-length", "content-type", "cookie", "connection"]);

/** `GET /hello/Ada/?x=1` → `get_hello_ada`. */
export function testName(method: string, target: string): string {
  const path = target.split("?")[0];
  const slug = path.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "") || "root";
  return `${method.toLowerCase()}_${slug}`.slice(0, 60);
}

/** `module.attr` → `from module import attr` (an entry's dotted path). */
function importOf(dotted: string): { line: string; name: string } {
  const cut = dotted.lastIndexOf(".");
  return { line: `from ${dotted.slice(0, cut)} import ${dotted.slice(cut + 1)}`, name: dotted.slice(cut + 1) };
}

interface Call {
  /** `get("/x", ...)`: the client method and its arguments, one string each. */
  method: string;
  args: string[];
  cookies: string | null;
}

/** The test client call: the method, the path, form data as a dict, other bodies with their content type, extra headers. */
function callOf(request: HttpRequestMessage, style: "django" | "werkzeug" | "httpx"): Call {
  const method = request.method.toLowerCase();
  const args = [pyStr(request.target)];
  const type = headerOf(request.headers, "content-type");
  const body = utf8(request.body);
  const known = ["get", "post", "put", "patch", "delete", "head", "options"].includes(method);
  if (body) {
    const media = type?.split(";")[0].trim().toLowerCase() ?? "";
    if (media === "application/x-www-form-urlencoded") {
      const form: Record<string, string | string[]> = {};
      for (const [k, v] of new URLSearchParams(body)) form[k] = k in form ? [...([] as string[]).concat(form[k]), v] : v;
      args.push(style === "django" ? pyLiteral(form) : `data=${pyLiteral(form)}`);
    } else if (media === "application/json" && style === "httpx") {
      try {
        args.push(`json=${pyLiteral(JSON.parse(body))}`);
      } catch {
        args.push(`content=${pyStr(body)}`, `headers={"Content-Type": ${pyStr(type ?? "")}}`);
      }
    } else if (style === "httpx") {
      args.push(`content=${pyStr(body)}`);
      if (type) args.push(`headers={"Content-Type": ${pyStr(type)}}`);
    } else {
      args.push(style === "django" ? pyStr(body) : `data=${pyStr(body)}`);
      if (type) args.push(`content_type=${pyStr(type)}`);
    }
  }
  const extra = request.headers.filter(([k]) => !IMPLIED.has(k.toLowerCase()));
  if (extra.length) args.push(`headers={${extra.map(([k, v]) => `${pyStr(k)}: ${pyStr(v)}`).join(", ")}}`);
  // Other methods: Django's `generic("PROPFIND", path)`, Werkzeug's `open(path, method=...)`, httpx's `request("PROPFIND", path)`.
  if (!known && style === "werkzeug") return { method: "open", args: [...args, `method=${pyStr(request.method)}`], cookies: headerOf(request.headers, "cookie") };
  if (!known) args.unshift(pyStr(request.method));
  return { method: known ? method : style === "django" ? "generic" : "request", args, cookies: headerOf(request.headers, "cookie") };
}

/** The assertion on the body: data for JSON (each client's spelling), exact text otherwise. */
function bodyAssertion(response: HttpResponseMessage, style: "django" | "werkzeug" | "httpx"): string {
  const text = utf8(response.body);
  const json = (headerOf(response.headers, "content-type") ?? "").toLowerCase().includes("json");
  if (json) {
    try {
      const value = pyLiteral(JSON.parse(text));
      if (style === "django") return `self.assertEqual(response.json(), ${value})`;
      // Werkzeug's test response has `.json` as a property; httpx's is a method.
      return `assert response.json${style === "httpx" ? "()" : ""} == ${value}`;
    } catch {
      /* not JSON after all: compared as text */
    }
  }
  if (style === "django") return `self.assertEqual(response.content.decode(), ${pyStr(text)})`;
  return `assert response.${style === "httpx" ? "text" : "get_data(as_text=True)"} == ${pyStr(text)}`;
}

const cookieNote = (cookies: string | null, indent: string) =>
  cookies ? [`${indent}# The page sent cookies with this request (${cookies.split(";").map((c) => c.split("=")[0].trim()).join(", ")}): a test starts`, `${indent}# with an empty jar, so make the requests that set them first (a login, say).`] : [];

function djangoTest(source: TestSource, name: string): GeneratedTest {
  const call = callOf(source.request, "django");
  const cls = name.split("_").map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("") + "Tests";
  const lines = [
    "from django.test import TestCase",
    "",
    "",
    `class ${cls}(TestCase):`,
    `    def test_${name}(self):`,
    ...cookieNote(call.cookies, "        "),
    `        response = self.client.${call.method}(${call.args.join(", ")})`,
    `        self.assertEqual(response.status_code, ${source.response.status})`,
    `        ${bodyAssertion(source.response, "django")}`,
  ];
  return { label: "a Django TestCase", code: lines.join("\n") + "\n" };
}

function pytestTest(source: TestSource, name: string, setup: string[], client: "werkzeug" | "httpx", label: string): GeneratedTest {
  const call = callOf(source.request, client);
  const lines = [...setup, "", "", `def test_${name}():`, ...cookieNote(call.cookies, "    "), `    response = client.${call.method}(${call.args.join(", ")})`, `    assert response.status_code == ${source.response.status}`, `    ${bodyAssertion(source.response, client)}`];
  return { label, code: lines.join("\n") + "\n" };
}

/** The test for one exchange in the idiom of the project's mode. */
export function testFor(source: TestSource): GeneratedTest {
  const name = testName(source.request.method, source.request.target);
  switch (source.mode) {
    case "flask": {
      const app = importOf(source.entry.app ?? "app.app");
      return pytestTest(source, name, [app.line, "", `client = ${app.name}.test_client()`], "werkzeug", "a Flask test (the app's test client)");
    }
    case "fastapi": {
      const app = importOf(source.entry.app ?? "main.app");
      return pytestTest(source, name, ["from fastapi.testclient import TestClient", app.line, "", `client = TestClient(${app.name})`], "httpx", "a FastAPI test (TestClient)");
    }
    case "wsgi": {
      const app = importOf(source.entry.application ?? "app.application");
      return pytestTest(source, name, ["from werkzeug.test import Client", app.line, "", `client = Client(${app.name})`], "werkzeug", "a WSGI test (Werkzeug's test Client)");
    }
    default:
      return djangoTest(source, name);
  }
}
