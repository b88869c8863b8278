import { forms } from "django";
import { ValidationError } from "django/core/exceptions";
import { Author } from "./models";

export class ContactForm extends forms.Form {
  static fields = {
    name: new forms.CharField(),
    message: new forms.CharField({ widget: forms.Textarea }),
  };

  send_email() {
    // send email using the this.cleaned_data object
    this.sent = true;
  }
}

export class AuthorForm extends forms.ModelForm {
  static Meta = {
    model: Author,
    fields: ["name"],
    labels: { name: "Writer" },
    help_texts: { name: "Full name, as printed." },
  };

  clean_name() {
    const name = this.cleaned_data["name"];
    if (name.toLowerCase() === "anonymous") throw new ValidationError("Anonymous is not an author.", { code: "anonymous" });
    return name.trim().replace(/\w\S*/g, (w) => w[0].toUpperCase() + w.slice(1).toLowerCase());
  }
}
