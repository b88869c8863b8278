import { describe, expect, it, beforeAll } from "vitest";
import * as forms from "../../../../src/frameworks/django/forms";
import { ValidationError } from "../../../../src/frameworks/django/core/exceptions";
import { QueryDict } from "../../../../src/frameworks/django/http";
import { settings } from "../../../../src/frameworks/django/conf";
import { Recorder, set_active_recorder } from "../../../../src/trace";

beforeAll(() => {
  if (!settings.configured) settings.configure({ SECRET_KEY: "forms-tests", USE_TZ: true, TIME_ZONE: "UTC" });
});

function qd(query: string): QueryDict {
  return new QueryDict(query);
}

class SignupForm extends forms.Form {
  static override fields = {
    username: new forms.CharField({ max_length: 10 }),
    email: new forms.EmailField(),
    age: new forms.IntegerField({ required: false, min_value: 13 }),
    password: new forms.CharField({ widget: forms.PasswordInput }),
    password2: new forms.CharField({ widget: forms.PasswordInput }),
  };

  clean_username() {
    return String(this.cleaned_data.username).toUpperCase();
  }

  override clean() {
    const data = super.clean() as Record<string, unknown>;
    if ("password" in data && "password2" in data && data.password !== data.password2)
      throw new ValidationError("Passwords do not match.", { code: "mismatch" });
    return data;
  }
}

describe("Form validation pipeline", () => {
  it("cleans each field, then clean_<field>, then clean()", () => {
    const form = new SignupForm(qd("username=bob&email=bob@example.com&age=20&password=a&password2=a"));
    expect(form.is_valid()).toBe(true);
    expect(form.cleaned_data).toEqual({ username: "BOB", email: "bob@example.com", age: 20, password: "a", password2: "a" });
  });

  it("keeps only valid fields in cleaned_data and reports Django's messages and codes", () => {
    const form = new SignupForm(qd("username=much-too-long-name&email=bad&age=5&password=a&password2=b"));
    expect(form.is_valid()).toBe(false);
    expect(form.errors.messages()).toEqual({
      username: ["Ensure this value has at most 10 characters (it has 18)."],
      email: ["Enter a valid email address."],
      age: ["Ensure this value is greater than or equal to 13."],
      __all__: ["Passwords do not match."],
    });
    expect(form.errors.get("username")!.as_data().map((e) => e.code)).toEqual(["max_length"]);
    expect(Object.keys(form.cleaned_data)).toEqual(["password", "password2"]);
  });

  it("an unbound form is never valid and has no errors", () => {
    const form = new SignupForm();
    expect(form.is_bound).toBe(false);
    expect(form.is_valid()).toBe(false);
    expect(form.errors.size).toBe(0);
  });

  it("add_error on an unknown field is a ValueError naming the form", () => {
    const form = new SignupForm(qd(""));
    void form.errors;
    expect(() => form.add_error("nope", "x")).toThrow("'SignupForm' has no field named 'nope'.");
  });

  it("changed_data compares cleaned values with the initial ones", () => {
    class F extends forms.Form {
      static override fields = { a: new forms.CharField({ initial: "x" }), n: new forms.IntegerField({ initial: 5 }) };
    }
    expect(new F(qd("a=x&n=05")).changed_data).toEqual([]);
    expect(new F(qd("a=y&n=5")).changed_data).toEqual(["a"]);
  });

  it("subclasses inherit declared fields; null removes one", () => {
    class Base extends forms.Form {
      static override fields = { a: new forms.CharField(), b: new forms.CharField() };
    }
    class Child extends Base {
      static override fields = { b: null, c: new forms.IntegerField() } as never;
    }
    expect(Object.keys(new Child().fields)).toEqual(["a", "c"]);
  });
});

describe("fields", () => {
  const clean = (field: forms.Field, value: unknown) => {
    try {
      return field.clean(value);
    } catch (e) {
      return (e as ValidationError).messages;
    }
  };

  it("IntegerField accepts Python int() text and strips a trailing .0", () => {
    const f = new forms.IntegerField();
    expect(clean(f, " +5 ")).toBe(5);
    expect(clean(f, "1_000")).toBe(1000);
    expect(clean(f, "٣")).toBe(3);
    expect(clean(f, "4.0")).toBe(4);
    expect(clean(f, "4.5")).toEqual(["Enter a whole number."]);
  });

  it("DecimalField keeps digits and checks the digit limits", () => {
    const f = new forms.DecimalField({ max_digits: 5, decimal_places: 2 });
    expect(String(clean(f, "007.10"))).toBe("7.10");
    expect(clean(f, "1234.5")).toEqual(["Ensure that there are no more than 3 digits before the decimal point."]);
    expect(clean(f, "1.005")).toEqual(["Ensure that there are no more than 2 decimal places."]);
    expect(clean(f, "NaN")).toEqual(["Enter a number."]);
  });

  it("DateField tries the en input formats in order", () => {
    const f = new forms.DateField();
    expect(String((f.clean("02/03/24") as { isoformat(): string }).isoformat())).toBe("2024-02-03");
    expect(clean(f, "2023-02-29")).toEqual(["Enter a valid date."]);
  });

  it("GenericIPAddressField compresses IPv6 addresses", () => {
    expect(clean(new forms.GenericIPAddressField(), "2001:0DB8:0000::0001")).toBe("2001:db8::1");
    expect(clean(new forms.GenericIPAddressField({ protocol: "ipv4" }), "::1")).toEqual(["Enter a valid IPv4 address."]);
  });

  it("URLField adds the assumed scheme", () => {
    expect(clean(new forms.URLField({ assume_scheme: "https" }), "example.com/x")).toBe("https://example.com/x");
    expect(clean(new forms.URLField(), "http://")).toEqual(["Enter a valid URL."]);
  });

  it("a custom error message replaces a validator's by code", () => {
    const f = new forms.RegexField("^[A-Z]{3}$", { error_messages: { invalid: "Three capitals." } });
    expect(clean(f, "ab")).toEqual(["Three capitals."]);
  });
});

describe("ValidationError shapes", () => {
  it("single, list and dict errors expose messages, error_list and error_dict", () => {
    const single = new ValidationError("Ensure %(n)s.", { code: "c", params: { n: 3 } });
    expect(single.messages).toEqual(["Ensure 3."]);
    expect(single.error_list).toEqual([single]);
    const list = new ValidationError([single, "plain"]);
    expect(list.messages).toEqual(["Ensure 3.", "plain"]);
    expect(String(list)).toBe("['Ensure 3.', 'plain']");
    const dict = new ValidationError({ a: ["x"], b: single });
    expect(dict.messages).toEqual(["x", "Ensure 3."]);
    expect(String(dict)).toBe("{'a': ['x'], 'b': ['Ensure 3.']}");
    expect(Object.keys(list.update_error_dict({}))).toEqual(["__all__"]);
  });
});

describe("rendering (Django 5.2 default templates)", () => {
  class Contact extends forms.Form {
    static override fields = {
      name: new forms.CharField({ max_length: 20, help_text: "Full name" }),
      topic: new forms.ChoiceField({ choices: [["", "---------"], ["a", "Alpha & Co"]] }),
    };
  }

  it("as_div prints label, help text, widget with aria-describedby", () => {
    expect(new Contact().as_div().valueOf()).toBe(
      '<div>\n    <label for="id_name">Name:</label>\n\n<div class="helptext" id="id_name_helptext">Full name</div>\n\n' +
        '<input type="text" name="name" maxlength="20" required aria-describedby="id_name_helptext" id="id_name">\n    \n</div>\n\n' +
        '  <div>\n    <label for="id_topic">Topic:</label>\n\n\n\n<select name="topic" required id="id_topic">\n' +
        '  <option value="" selected>---------</option>\n\n  <option value="a">Alpha &amp; Co</option>\n\n</select>\n    \n      \n    \n</div>',
    );
  });

  it("errors render as an errorlist with the field's id and mark the widget aria-invalid", () => {
    const html = new Contact(qd("name=&topic=z")).as_p().valueOf();
    expect(html).toContain('<ul class="errorlist" id="id_name_error"><li>This field is required.</li></ul>');
    expect(html).toContain('aria-invalid="true" aria-describedby="id_name_helptext id_name_error"');
    expect(html).toContain("Select a valid choice. z is not one of the available choices.");
  });
});

describe("trace", () => {
  it("full_clean records raw, cleaned and which step raised each error", () => {
    const recorder = new Recorder();
    const previous = set_active_recorder(recorder);
    try {
      new SignupForm(qd("username=bob&email=bad&age=5&password=a&password2=a")).is_valid();
    } finally {
      set_active_recorder(previous);
    }
    const span = recorder.trace().spans.find((s) => s.kind === "form")!;
    expect(span.name).toBe("SignupForm.full_clean");
    const fields = span.attrs.fields as { field: string; raw: unknown; cleaned?: unknown; errors: { raised_by: string | null; code: string | null }[] }[];
    expect(fields.find((f) => f.field === "username")).toMatchObject({ raw: "bob", cleaned: "BOB", errors: [] });
    expect(fields.find((f) => f.field === "email")!.errors).toEqual([{ message: "Enter a valid email address.", code: "invalid", raised_by: "EmailValidator" }]);
    expect(fields.find((f) => f.field === "age")!.errors[0].raised_by).toBe("MinValueValidator");
  });
});
