import datetime

from django.shortcuts import render


def page(request):
    people = [
        {"name": "Ada", "city": "London", "born": datetime.date(1815, 12, 10)},
        {"name": "Grace", "city": "New York", "born": datetime.date(1906, 12, 9)},
        {"name": "Alan", "city": "London", "born": datetime.date(1912, 6, 23)},
        {"name": "Linus", "city": "Helsinki", "born": None},
    ]
    return render(request, "blog/page.html", {
        "who": "Ada <admin>",
        "people": people,
        "items": ["home", "posts", "about"],
        "price": 1234.5678,
        "text": "The quick brown fox jumps over the lazy dog",
        "html": "<b>bold</b> & <i>it</i>",
        "n": 3,
        "empty": [],
        "when": datetime.datetime(2024, 3, 5, 14, 7, tzinfo=datetime.timezone.utc),
    })
