import { beforeEach, describe, expect, it } from "vitest";
import { settings } from "../../../../../src/frameworks/django/conf";
import { HttpRequest } from "../../../../../src/frameworks/django/http/request";
import { HttpResponse } from "../../../../../src/frameworks/django/http/response";
import * as messages from "../../../../../src/frameworks/django/contrib/messages";
import { CookieStorage } from "../../../../../src/frameworks/django/contrib/messages/storage/cookie";
import { MessageMiddleware } from "../../../../../src/frameworks/django/contrib/messages/middleware";
import { freeze_time } from "../../../../../src/frameworks/python/time";
import { set_module_importer } from "../../../../../src/frameworks/django/utils/module_loading";
import { FRAMEWORK_MODULES } from "../../../../../src/modes";

beforeEach(() => {
  settings.configure({ SECRET_KEY: "lab-secret", MESSAGE_STORAGE: "django.contrib.messages.storage.cookie.CookieStorage" });
  freeze_time(null);
  set_module_importer((p) => (FRAMEWORK_MODULES as Record<string, any>)[p]);
});

describe("django.contrib.messages", () => {
  it("cookie storage signs the same text as Django 5.2 (vector)", () => {
    freeze_time(1735689600.5);
    const storage = new CookieStorage(new HttpRequest());
    expect(storage._encode([new messages.Message(20, "Hello", ""), new messages.Message(25, "Saved", "")])).toBe(
      ".eJyLjlaKj88qzs-Lz00tLk5MT1XSMdAxMtBR8kjNyclX0lFSitXBqsRURyk4sSw1BawkFgAzRBXV:1tSm9Y:b15Mft1NZLbqA2Un2gRgb2aaJ0twG2xyEfCdl6VPpZY",
    );
  });

  it("messages added in one request are read (and cleared) in the next", () => {
    settings.configure({ SECRET_KEY: "lab-secret" });
    const first = new HttpRequest();
    const response = new HttpResponse();
    const mw = new CookieStorage(first);
    first._messages = mw;
    messages.info(first, "Hello");
    messages.debug(first, "ignored below INFO");
    messages.success(first, "Saved", { extra_tags: "big" });
    mw.update(response);
    const cookie = String(response.cookies.getitem("messages").value);

    const second = new HttpRequest();
    second.COOKIES = { messages: cookie };
    const storage = new CookieStorage(second);
    expect([...storage].map((m) => `${m.tags}:${m}`)).toEqual(["info:Hello", "big success:Saved"]);
    const out = new HttpResponse();
    storage.update(out);
    expect(out.cookies.getitem("messages").OutputString()).toBe('messages=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=Lax');
  });

  it("MessageMiddleware attaches the storage; add_message without it fails", () => {
    const request = new HttpRequest();
    expect(() => messages.info(request, "x")).toThrow("You cannot add messages without installing django.contrib.messages.middleware.MessageMiddleware");
    const mw = new MessageMiddleware(() => {
      messages.warning(request, "Now");
      return new HttpResponse([...(messages.get_messages(request) as Iterable<messages.Message>)].map((m) => `${m.level_tag}:${m}`).join("|"));
    });
    const response = mw.__call__(request) as HttpResponse;
    expect(new TextDecoder().decode(response.content)).toBe("warning:Now");
    // CookieStorage on its own clears its cookie once read (FallbackStorage only clears storages it used).
    expect(response.cookies.getitem("messages").value).toBe("");
  });
});
