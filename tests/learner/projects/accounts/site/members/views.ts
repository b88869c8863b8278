import * as mail from "django/core/mail";
import { HttpResponse } from "django/http";
import { render } from "django/shortcuts";

export function home(request) {
  return render(request, "members/home.html");
}

/** What the locmem backend kept: one block per message, newest last. */
export function outbox(request) {
  const blocks = (mail.outbox ?? []).map((message) => {
    const lines = [`From: ${message.from_email}`, `To: ${message.to.join(", ")}`, `Subject: ${message.subject}`];
    for (const [content, mimetype] of message.alternatives ?? []) lines.push(`Alternative ${mimetype}: ${content}`);
    lines.push("", message.body);
    return lines.join("\n");
  });
  const text = `${blocks.length} message(s)\n` + blocks.join("\n=====\n");
  return new HttpResponse(text, { content_type: "text/plain; charset=utf-8" });
}
