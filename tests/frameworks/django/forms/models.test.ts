import { test, expect } from "vitest";
import { SqlJsDriver } from "../../../../src/runtime/sqlite";
import { connection } from "../../../../src/frameworks/django/db";
import * as models from "../../../../src/frameworks/django/db/models";
import { Apps } from "../../../../src/frameworks/django/apps/registry";
import * as forms from "../../../../src/frameworks/django/forms";
import { QueryDict } from "../../../../src/frameworks/django/http";
import { settings } from "../../../../src/frameworks/django/conf";

test("ModelForm builds fields from the model, validates uniqueness and saves", async () => {
  if (!settings.configured) settings.configure({ SECRET_KEY: "forms-tests" });
  const d = await SqlJsDriver.open();
  connection.set_driver(d);
  const apps = new Apps([]);
  const Tag = models.create_model("Tag", {
    app_label: "mf",
    Meta: { apps },
    fields: { name: new models.CharField({ max_length: 20, unique: true, help_text: "Lower case" }), weight: new models.IntegerField({ default: 1 }) },
  });
  d.execute('CREATE TABLE "mf_tag" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(20) NOT NULL UNIQUE, "weight" integer NOT NULL)', []);
  const TagForm = forms.modelform_factory(Tag as never, { fields: ["name", "weight"] });
  const blank = new TagForm();
  expect(Object.keys(blank.fields)).toEqual(["name", "weight"]);
  expect(blank.fields.name.label).toBe("Name");
  expect(blank.fields.weight.initial).toBe(1);

  const form = new TagForm(new QueryDict("name=red&weight=3"));
  expect(form.is_valid()).toBe(true);
  const saved = form.save();
  expect(saved.pk).toBe(1);

  const dup = new TagForm(new QueryDict("name=red&weight=2"));
  expect(dup.is_valid()).toBe(false);
  expect(dup.errors.messages()).toEqual({ name: ["Tag with this Name already exists."] });
  expect(() => dup.save()).toThrow("The Tag could not be created because the data didn't validate.");
});
