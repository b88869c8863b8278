from django import forms
from django.core.exceptions import ValidationError

from .models import Author


class ContactForm(forms.Form):
    name = forms.CharField()
    message = forms.CharField(widget=forms.Textarea)

    def send_email(self):
        # send email using the self.cleaned_data dictionary
        self.sent = True


class AuthorForm(forms.ModelForm):
    class Meta:
        model = Author
        fields = ["name"]
        labels = {"name": "Writer"}
        help_texts = {"name": "Full name, as printed."}

    def clean_name(self):
        name = self.cleaned_data["name"]
        if name.lower() == "anonymous":
            raise ValidationError("Anonymous is not an author.", code="anonymous")
        return name.strip().title()
