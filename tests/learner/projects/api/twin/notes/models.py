from django.db import models


class Note(models.Model):
    title = models.CharField(max_length=100)
    body = models.TextField(blank=True)
    pinned = models.BooleanField(default=False)
    created = models.DateTimeField(auto_now_add=True)

    def to_dict(self):
        return {"id": self.id, "title": self.title, "body": self.body, "pinned": self.pinned}
