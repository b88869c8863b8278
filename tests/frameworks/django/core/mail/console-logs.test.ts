/** The console email backend during a request: the message lands in the request's logs (the Logs panel). */
import { describe, expect, it } from "vitest";
import { HeadlessRuntime } from "../../../../../src/runtime/headless";
import { build_request } from "../../../../../src/scenarios/client";

const APP = `import { settings } from "django/conf";
import { send_mail } from "django/core/mail";
settings.configure({ SECRET_KEY: "k", EMAIL_BACKEND: "django.core.mail.backends.console.EmailBackend" });
export const application = (e: any, sr: any) => {
  const sent = send_mail("Hello", "Here is the message.", "from@example.com", ["to@example.com"]);
  sr("200 OK", []);
  return [new TextEncoder().encode(String(sent))];
};`;

describe("django.core.mail.backends.console inside the lab", () => {
  it("writes the message and its line of dashes to the Logs panel, one entry each", async () => {
    const runtime = await HeadlessRuntime.create();
    expect((await runtime.load({ entry: { kind: "wsgi", application: "app.application" }, files: { "app.ts": APP } })).ok).toBe(true);
    const { response, logs } = await runtime.request(build_request({ method: "GET", target: "/" }, null));
    expect(new TextDecoder().decode(response.body)).toBe("1");
    const messages = logs.map((entry) => entry.message.replace(/^Date: .*$/m, "Date: <date>").replace(/^Message-ID: .*$/m, "Message-ID: <id>"));
    expect(messages).toEqual([
      'Content-Type: text/plain; charset="utf-8"\nMIME-Version: 1.0\nContent-Transfer-Encoding: 7bit\nSubject: Hello\nFrom: from@example.com\nTo: to@example.com\nDate: <date>\nMessage-ID: <id>\n\nHere is the message.',
      "-".repeat(79),
    ]);
    expect(logs.map((entry) => entry.level)).toEqual(["log", "log"]);
  });
});
