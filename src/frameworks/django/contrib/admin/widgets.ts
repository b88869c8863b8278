/**
 * django.contrib.admin.widgets: the admin's form widgets, the default ones with the admin's CSS
 * classes (`vTextField`, `vIntegerField`, `vDateField`, …) that its stylesheet sizes.
 *
 * `formfield_widget(db_field)` is what ModelAdmin.formfield_for_dbfield picks per model field;
 * null keeps the form field's default (choices, relations, booleans, date-times).
 */
import * as models from "../../db/models";
import { DateInput, EmailInput, NumberInput, Textarea, TextInput, TimeInput, URLInput, type Widget } from "../../forms/widgets";

type Attrs = Record<string, string | number | boolean>;
const merged = (base: Attrs, attrs: Attrs | null) => ({ ...base, ...(attrs ?? {}) });

export class AdminTextInputWidget extends TextInput {
  constructor(attrs: Attrs | null = null) {
    super(merged({ class: "vTextField" }, attrs) as any);
  }
}

export class AdminEmailInputWidget extends EmailInput {
  constructor(attrs: Attrs | null = null) {
    super(merged({ class: "vTextField" }, attrs) as any);
  }
}

export class AdminURLFieldWidget extends URLInput {
  constructor(attrs: Attrs | null = null) {
    super(merged({ class: "vURLField" }, attrs) as any);
  }
}

export class AdminTextareaWidget extends Textarea {
  constructor(attrs: Attrs | null = null) {
    super(merged({ class: "vLargeTextField" }, attrs) as any);
  }
}

export class AdminIntegerFieldWidget extends NumberInput {
  static class_name = "vIntegerField";
  constructor(attrs: Attrs | null = null) {
    super(merged({ class: (new.target as typeof AdminIntegerFieldWidget).class_name }, attrs) as any);
  }
}

export class AdminBigIntegerFieldWidget extends AdminIntegerFieldWidget {
  static override class_name = "vBigIntegerField";
}

export class AdminDateWidget extends DateInput {
  constructor(attrs: Attrs | null = null, options: { format?: string | null } = {}) {
    super(merged({ class: "vDateField", size: "10" }, attrs) as any, options);
  }
}

export class AdminTimeWidget extends TimeInput {
  constructor(attrs: Attrs | null = null, options: { format?: string | null } = {}) {
    super(merged({ class: "vTimeField", size: "8" }, attrs) as any, options);
  }
}

/** The admin widget for a model field, or null to keep the form field's own. */
export function formfield_widget(db_field: any): Widget | null {
  if (db_field.choices?.length || db_field.is_relation) return null;
  if (db_field instanceof models.DateTimeField) return null;
  if (db_field instanceof models.DateField) return new AdminDateWidget();
  if (db_field instanceof models.TimeField) return new AdminTimeWidget();
  if (db_field instanceof models.TextField) return new AdminTextareaWidget();
  // Django's CharField adds maxlength to any widget it is given; the page's forms only to their own.
  const length = db_field.max_length ? { maxlength: String(db_field.max_length) } : null;
  if (db_field instanceof models.URLField) return new AdminURLFieldWidget(length);
  if (db_field instanceof models.EmailField) return new AdminEmailInputWidget(length);
  if (db_field instanceof models.BigIntegerField) return new AdminBigIntegerFieldWidget();
  if (db_field instanceof models.IntegerField && !(db_field instanceof models.AutoField)) return new AdminIntegerFieldWidget();
  if (db_field instanceof models.CharField) return new AdminTextInputWidget(length);
  return null;
}
