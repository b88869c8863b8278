import { beforeAll, describe, expect, it } from "vitest";
import { latin1_decode, latin1_encode } from "../../../../src/frameworks/python/bytes";
import { override_settings, settings } from "../../../../src/frameworks/django/conf";
import { WSGIRequest } from "../../../../src/frameworks/django/core/handlers/wsgi_request";

beforeAll(() => {
  if (!settings.configured) settings.configure({ SECRET_KEY: "tests", ALLOWED_HOSTS: ["testserver"] });
});

const B = "----b";
const multipart = (parts: string[]) => parts.map((p) => `--${B}\r\n${p}\r\n`).join("") + `--${B}--\r\n`;

function post(body: string, content_type = `multipart/form-data; boundary=${B}`): WSGIRequest {
  const bytes = latin1_encode(body);
  let offset = 0;
  return new WSGIRequest({
    REQUEST_METHOD: "POST", PATH_INFO: "/", QUERY_STRING: "", SERVER_NAME: "testserver", SERVER_PORT: "80", "wsgi.url_scheme": "http",
    CONTENT_TYPE: content_type, CONTENT_LENGTH: String(bytes.length),
    "wsgi.input": { read(n?: number | null) { const end = n == null || n < 0 ? bytes.length : Math.min(bytes.length, offset + n); const c = bytes.subarray(offset, end); offset = end; return c; } },
  });
}

describe("MultiPartParser", () => {
  it("splits fields into POST and files into FILES", () => {
    const request = post(multipart([
      'Content-Disposition: form-data; name="f"; filename="x.txt"\r\nContent-Type: text/plain\r\n\r\nhello',
      'Content-Disposition: form-data; name="t"\r\n\r\nv',
    ]));
    expect(request.POST.lists()).toEqual([["t", ["v"]]]);
    const file = request.FILES.getitem("f") as any;
    expect([file.name, file.size, file.content_type, latin1_decode(file.read())]).toEqual(["x.txt", 5, "text/plain", "hello"]);
  });

  it("an empty filename is an ordinary (empty) field, as browsers send for an empty file input", () => {
    const request = post(multipart(['Content-Disposition: form-data; name="f"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n']));
    expect(request.POST.lists()).toEqual([["f", [""]]]);
    expect(request.FILES.length).toBe(0);
  });

  it("sanitizes file names to their last path component", () => {
    const request = post(multipart(['Content-Disposition: form-data; name="f"; filename="../../etc/p&amp;w"\r\n\r\nx']));
    expect((request.FILES.getitem("f") as any).name).toBe("p&w");
  });

  it("enforces Django's upload limits", () => {
    override_settings({ DATA_UPLOAD_MAX_NUMBER_FIELDS: 3, DATA_UPLOAD_MAX_NUMBER_FILES: 2, DATA_UPLOAD_MAX_MEMORY_SIZE: 200 }, () => {
      const field = 'Content-Disposition: form-data; name="a"\r\n\r\n1';
      expect(post(multipart([field, field, field])).POST.getlist("a")).toEqual(["1", "1", "1"]);
      expect(() => post(multipart([field, field, field, field])).POST).toThrow("The number of GET/POST parameters exceeded settings.DATA_UPLOAD_MAX_NUMBER_FIELDS.");
      const file = 'Content-Disposition: form-data; name="f"; filename="a"\r\n\r\nx';
      expect(() => post(multipart([file, file, file])).FILES).toThrow("The number of files exceeded settings.DATA_UPLOAD_MAX_NUMBER_FILES.");
      expect(() => post(multipart([`Content-Disposition: form-data; name="a"\r\n\r\n${"x".repeat(250)}`])).POST).toThrow("Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE.");
    });
  });

  it("a multipart content type without a boundary is MultiPartParserError", () => {
    expect(() => post("x", "multipart/form-data").POST).toThrow("Invalid boundary in multipart: None");
  });
});
