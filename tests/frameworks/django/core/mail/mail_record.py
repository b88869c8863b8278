"""Record what Django 5.2.17's django.core.mail answers for the cases of mail.test.ts.

Run: /work/.venv-ref/bin/python tests/frameworks/django/core/mail/mail_record.py
Writes mail.recorded.json beside this file (committed; CI replays it without Python).
Date, Message-ID and multipart boundaries vary from run to run: they are normalised here and in
the test the same way (normalise()).
"""
import io
import json
import os
import re

import django
import django.test.utils
from django.conf import settings

settings.configure(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
                   ADMINS=[("Ada", "ada@example.com")], MANAGERS=[("Bob", "bob@example.com")])
django.setup()
from django.core import mail  # noqa: E402
from django.core.mail import EmailMessage, EmailMultiAlternatives  # noqa: E402
from django.core.mail.backends.console import EmailBackend as ConsoleBackend  # noqa: E402


def normalise(text):
    text = re.sub(r"^Date: .*$", "Date: <date>", text, flags=re.M)
    text = re.sub(r"^Message-ID: <.*>$", "Message-ID: <id>", text, flags=re.M)
    return re.sub(r"={15}\d+==", "===============<boundary>==", text)


def mime(message):
    return normalise(message.message().as_bytes().decode())


def error(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001
        return {"type": type(e).__name__, "message": str(e)}
    return None


LONG = "This subject line is long enough that Python's email package has to fold it onto more lines"
out = {}
out["plain"] = mime(EmailMessage("Hello", "Here is the message.", "from@example.com", ["to@example.com"]))
out["default_from"] = mime(EmailMessage("Hi", "Body", to=["a@example.com", "Bea <b@example.com>"], cc=["c@example.com"], bcc=["hidden@example.com"], reply_to=["r@example.com"]))
out["utf8_subject"] = mime(EmailMessage("Gruß aus Köln", "Body", "from@example.com", ["to@example.com"]))
out["utf8_subject_b"] = mime(EmailMessage("日本語のメール", "Body", "from@example.com", ["to@example.com"]))
out["utf8_body"] = mime(EmailMessage("Hi", "Café crème — très bien.\n", "from@example.com", ["to@example.com"]))
out["long_line_body"] = mime(EmailMessage("Hi", "é" + "x" * 1000 + "\nshort\n", "from@example.com", ["to@example.com"]))
out["long_ascii_line_body"] = mime(EmailMessage("Hi", "y" * 1000, "from@example.com", ["to@example.com"]))
out["long_subject"] = mime(EmailMessage(LONG, "Body", "from@example.com", ["to@example.com"]))
out["long_utf8_subject"] = mime(EmailMessage("Réinitialisation du mot de passe sur le site de la bibliothèque municipale", "Body", "from@example.com", ["to@example.com"]))
out["utf8_name"] = mime(EmailMessage("Hi", "Body", "Jürgen <j@example.com>", ["Zoë Ünal <zoe@example.com>", "plain@example.com"]))
out["extra_headers"] = mime(EmailMessage("Hi", "Body", "from@example.com", ["to@example.com"], headers={"From": "Override <o@example.com>", "X-Lab": "1", "Date": "Tue, 01 Dec 2026 10:00:00 -0000", "Message-ID": "<fixed@example.com>"}))
out["empty_subject"] = mime(EmailMessage(to=["to@example.com"]))
out["fold_commas"] = mime(EmailMessage("Reminder: items due, books overdue; please return them to the front desk, thanks", "b", "from@example.com", ["to@example.com"]))
out["fold_long_word"] = mime(EmailMessage("x" * 90 + " tail", "b", "from@example.com", ["to@example.com"]))
out["many_recipients"] = mime(EmailMessage("Hi", "b", "from@example.com", ["reader%d@library.example.com" % i for i in range(6)], cc=["Zoë <zoe@example.com>", "Ann <ann@example.com>", "Bo Ek <bo@example.com>", "Cy Dee <cy@example.com>"]))
out["utf8_header"] = mime(EmailMessage("Hi", "b", "from@example.com", ["to@example.com"], headers={"X-Note": "Ça va très bien, merci beaucoup, et vous? Je vais à la bibliothèque municipale demain"}))
out["qp_trailing_space"] = mime(EmailMessage("Hi", ("a" * 1000) + " \nend = fin\t\n" + "z" * 74 + "= \n", "from@example.com", ["to@example.com"]))
m = EmailMessage("Hi", "", "from@example.com", ["to@example.com"])
m.attach("a_very_long_file_name_for_the_annual_report_of_the_municipal_library_2026.txt", "x")
m.attach(None, b"\xff\xfe", "text/plain")
m.attach("page.html", "<p>ü</p>")
out["attachments_no_body"] = mime(m)
out["recipients"] = EmailMessage("s", "b", "f@example.com", ["a@example.com", ""], cc=["c@example.com"], bcc=["d@example.com"]).recipients()
m = EmailMultiAlternatives("Hi", "Plain", "from@example.com", ["to@example.com"])
m.attach_alternative("<p>Rich</p>", "text/html")
out["alternatives"] = mime(m)
m = EmailMessage("Hi", "See attached", "from@example.com", ["to@example.com"])
m.attach("notes.txt", "line one\nline two\n", "text/plain")
m.attach("data.bin", b"\x00\x01\x02abc", "application/octet-stream")
m.attach("résumé.txt", "ok")
out["attachments"] = mime(m)
out["bad_subject"] = error(lambda: EmailMessage("Hi\nBcc: x@example.com", "b", "f@example.com", ["t@example.com"]).message())
out["bad_header"] = error(lambda: EmailMessage("Hi", "b", "f@example.com", ["t@example.com"], headers={"X-A": "1\r\n2"}).message())
out["to_string"] = error(lambda: EmailMessage("Hi", "b", "f@example.com", "t@example.com"))
out["attach_none"] = error(lambda: EmailMessage().attach("a.txt"))
out["alternative_none"] = error(lambda: EmailMultiAlternatives().attach_alternative("x", None))

mail.outbox = []
out["send_mail_count"] = mail.send_mail("Subject here", "Here is the message.", "from@example.com", ["to@example.com"], html_message="<b>Here</b>")
out["send_mail_outbox"] = [{"subject": m.subject, "body": m.body, "from_email": m.from_email, "to": m.to, "alternatives": [list(a) for a in m.alternatives], "class": type(m).__name__} for m in mail.outbox]
out["send_no_recipients"] = EmailMessage("s", "b").send()
mail.outbox = []
out["send_mass_mail"] = mail.send_mass_mail([("One", "1", "f@example.com", ["a@example.com"]), ("Two", "2", None, ["b@example.com", "c@example.com"])])
out["send_mass_outbox"] = [{"subject": m.subject, "from_email": m.from_email, "to": m.to, "class": type(m).__name__} for m in mail.outbox]
mail.outbox = []
mail.mail_admins("Broken", "Trace")
mail.mail_managers("Signup", "New user")
out["admins_managers"] = [{"subject": m.subject, "from_email": m.from_email, "to": m.to} for m in mail.outbox]
with django.test.utils.override_settings(ADMINS=["ada@example.com"]):
    out["admins_not_tuples"] = error(lambda: mail.mail_admins("x", "y"))

stream = io.StringIO()
conn = ConsoleBackend(stream=stream)
out["console_count"] = conn.send_messages([EmailMessage("Hello", "Here is the message.", "from@example.com", ["to@example.com"]), EmailMessage("Zwei", "Grüße", "from@example.com", ["to@example.com"])])
out["console"] = normalise(stream.getvalue())
out["console_empty"] = ConsoleBackend(stream=io.StringIO()).send_messages([])
# The filebased backend: one file per connection (the console's text), appended to while it lives.
import tempfile  # noqa: E402
from django.core.mail.backends.filebased import EmailBackend as FileBackend  # noqa: E402
tmp = tempfile.mkdtemp()
sent = os.path.join(tmp, "sent")
conn = FileBackend(file_path=sent)
out["filebased_count"] = conn.send_messages([EmailMessage("Hello", "Here is the message.", "from@example.com", ["to@example.com"]), EmailMessage("Zwei", "Grüße", "from@example.com", ["to@example.com"])])
first = sorted(os.listdir(sent))
out["filebased_name"] = bool(re.fullmatch(r"\d{8}-\d{6}-\d+\.log", first[0]))
with open(os.path.join(sent, first[0]), encoding="utf-8") as f:
    out["filebased"] = normalise(f.read())
conn.send_messages([EmailMessage("Again", "Same connection.", "from@example.com", ["to@example.com"])])
out["filebased_same_connection_files"] = len(os.listdir(sent))
with open(os.path.join(sent, first[0]), encoding="utf-8") as f:
    out["filebased_appended"] = normalise(f.read())
FileBackend(file_path=sent).send_messages([EmailMessage("Other", "Another connection.", "from@example.com", ["to@example.com"])])
out["filebased_second_connection_files"] = len(os.listdir(sent))
with open(os.path.join(tmp, "afile"), "w") as f:
    f.write("x")
found = error(lambda: FileBackend(file_path=os.path.join(tmp, "afile")))
out["filebased_not_a_directory"] = {**found, "message": found["message"].replace(tmp + "/", "")}
out["filebased_no_path"] = error(lambda: FileBackend())
out["dummy"] = mail.get_connection("django.core.mail.backends.dummy.EmailBackend").send_messages([EmailMessage(), EmailMessage()])
out["bad_backend"] = error(lambda: mail.get_connection("django.core.mail.backends.nope.EmailBackend"))
out["smtp"] = error(lambda: mail.get_connection("django.core.mail.backends.smtp.EmailBackend").send_messages([EmailMessage("s", "b", "f@example.com", ["t@example.com"])]))
out["smtp_silent"] = mail.get_connection("django.core.mail.backends.smtp.EmailBackend", fail_silently=True).send_messages([EmailMessage("s", "b", "f@example.com", ["t@example.com"])])
out["smtp_tls_ssl"] = error(lambda: mail.get_connection("django.core.mail.backends.smtp.EmailBackend", use_tls=True, use_ssl=True))

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "mail.recorded.json"), "w") as f:
    json.dump(out, f, indent=1, ensure_ascii=False)
    f.write("\n")
