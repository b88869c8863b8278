/**
 * django.forms: what `from django import forms` offers — Form, the fields, the widgets, ModelForm
 * and the error containers (`forms.Form`, `forms.CharField`, `forms.Textarea`, `forms.ValidationError`).
 */
export { ValidationError } from "../core/exceptions";
export * from "./fields";
export * from "./widgets";
export { BoundField } from "./boundfield";
export { BaseForm, Form, declared_fields } from "./forms";
export type { FormOptions, FieldCleaning } from "./forms";
export { ErrorDict, ErrorList, flatatt, pretty_name } from "./utils";
export { BaseModelForm, ModelForm, ModelChoiceField, ModelMultipleChoiceField, fields_for_model, model_to_dict, construct_instance, modelform_factory } from "./models";
export { BaseModelFormSet, BaseInlineFormSet, InlineForeignKeyField, modelformset_factory, inlineformset_factory } from "./models";
export { BaseFormSet, formset_factory, all_valid, ManagementForm } from "./formsets";
