from django.core import mail
from django.http import HttpResponse
from django.shortcuts import render


def home(request):
    return render(request, "members/home.html")


def outbox(request):
    """What the locmem backend kept: one block per message, newest last."""
    blocks = []
    for message in getattr(mail, "outbox", []):
        lines = [
            f"From: {message.from_email}",
            f"To: {', '.join(message.to)}",
            f"Subject: {message.subject}",
        ]
        for content, mimetype in getattr(message, "alternatives", []):
            lines.append(f"Alternative {mimetype}: {content}")
        lines.append("")
        lines.append(message.body)
        blocks.append("\n".join(lines))
    text = f"{len(blocks)} message(s)\n" + "\n=====\n".join(blocks)
    return HttpResponse(text, content_type="text/plain; charset=utf-8")
