import { describe, expect, it } from "vitest";
import { pyLiteral, pyStr, testFor, testName } from "../../../src/ui/share/copy-as-test";

const enc = (s: string) => new TextEncoder().encode(s);
const res = (status: number, body: string, type = "text/plain; charset=utf-8") => ({ status, reason: "", headers: [["Content-Type", type]] as [string, string][], body: enc(body) });

describe("Copy as test: a request and its response → a Python test in the mode's idiom", () => {
  it("quotes any text as a Python string literal", () => {
    expect(pyStr('say "hi"\n\tback\\slash')).toBe('"say \\"hi\\"\\n\\tback\\\\slash"');
    expect(pyStr("\u0001é")).toBe('"\\x01é"');
    expect(pyLiteral({ a: [1, 2.5, null, true, false, "x"] })).toBe('{"a": [1, 2.5, None, True, False, "x"]}');
  });

  it("names the test after the method and path", () => {
    expect(testName("GET", "/hello/Ada/?x=1")).toBe("get_hello_ada");
    expect(testName("POST", "/")).toBe("post_root");
  });

  it("Django: a TestCase with the test client, the status and the exact body", () => {
    const test = testFor({ mode: "django", entry: { kind: "django", settings: "project.settings" }, request: { method: "GET", target: "/hello/Ada/", headers: [["Host", "localhost:8000"]], body: "" }, response: res(200, "<h1>Hello, Ada!</h1>", "text/html; charset=utf-8") });
    expect(test.label).toBe("a Django TestCase");
    expect(test.code).toBe(
      [
        "from django.test import TestCase",
        "",
        "",
        "class GetHelloAdaTests(TestCase):",
        "    def test_get_hello_ada(self):",
        '        response = self.client.get("/hello/Ada/")',
        "        self.assertEqual(response.status_code, 200)",
        '        self.assertEqual(response.content.decode(), "<h1>Hello, Ada!</h1>")',
        "",
      ].join("\n"),
    );
  });

  it("Django: a form POST passes its fields as data; JSON answers are compared as data; cookies sent get a note", () => {
    const test = testFor({
      mode: "django",
      entry: { kind: "django", settings: "project.settings" },
      request: { method: "POST", target: "/login/", headers: [["Host", "localhost:8000"], ["Content-Type", "application/x-www-form-urlencoded"], ["Cookie", "csrftoken=abc; sessionid=xyz"], ["X-Requested-With", "XMLHttpRequest"]], body: "username=ada&tag=a&tag=b" },
      response: res(200, '{"ok": true, "user": "ada"}', "application/json"),
    });
    expect(test.code.split("\n").slice(4)).toEqual([
      "    def test_post_login(self):",
      "        # The page sent cookies with this request (csrftoken, sessionid): a test starts",
      "        # with an empty jar, so make the requests that set them first (a login, say).",
      '        response = self.client.post("/login/", {"username": "ada", "tag": ["a", "b"]}, headers={"X-Requested-With": "XMLHttpRequest"})',
      "        self.assertEqual(response.status_code, 200)",
      '        self.assertEqual(response.json(), {"ok": True, "user": "ada"})',
      "",
    ]);
  });

  it("Flask: the app's test client, imported from the entry's module", () => {
    const test = testFor({ mode: "flask", entry: { kind: "flask", app: "app.app" }, request: { method: "GET", target: "/hello?name=World", headers: [], body: "" }, response: res(200, "Hello, World!") });
    expect(test.code).toBe(['from app import app', "", "client = app.test_client()", "", "", "def test_get_hello():", '    response = client.get("/hello?name=World")', "    assert response.status_code == 200", '    assert response.get_data(as_text=True) == "Hello, World!"', ""].join("\n"));
  });

  it("FastAPI: TestClient, a JSON body sent as json= and the answer compared with response.json()", () => {
    const test = testFor({
      mode: "fastapi",
      entry: { kind: "fastapi", app: "main.app" },
      request: { method: "POST", target: "/items/", headers: [["Content-Type", "application/json"]], body: '{"name": "Foo", "price": 3.5}' },
      response: res(201, '{"name":"Foo","price":3.5,"description":null}', "application/json"),
    });
    expect(test.code).toBe(
      [
        "from fastapi.testclient import TestClient",
        "from main import app",
        "",
        "client = TestClient(app)",
        "",
        "",
        "def test_post_items():",
        '    response = client.post("/items/", json={"name": "Foo", "price": 3.5})',
        "    assert response.status_code == 201",
        '    assert response.json() == {"name": "Foo", "price": 3.5, "description": None}',
        "",
      ].join("\n"),
    );
  });

  it("raw WSGI: Werkzeug's test Client around the callable; unusual methods through open()", () => {
    const test = testFor({ mode: "wsgi", entry: { kind: "wsgi", application: "app.application" }, request: { method: "PROPFIND", target: "/", headers: [], body: "" }, response: res(404, "Not Found") });
    expect(test.code.split("\n")).toEqual(["from werkzeug.test import Client", "from app import application", "", "client = Client(application)", "", "", "def test_propfind_root():", '    response = client.open("/", method="PROPFIND")', "    assert response.status_code == 404", '    assert response.get_data(as_text=True) == "Not Found"', ""]);
  });
});
