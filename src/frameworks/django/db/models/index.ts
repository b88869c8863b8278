/**
 * django.db.models: what `from django.db import models` offers — Model, the fields, managers,
 * QuerySet, Q/F and the other expressions, aggregates, functions and on_delete handlers.
 */
import "./lookups";
import "./fields/related_descriptors";
export { Model, ModelState, prepare_model, create_model, create_many_to_many_intermediary_model, ModelValidationError } from "./base";
export type { ModelClass, SaveOptions, CreateModelOptions } from "./base";
export * from "./fields";
export { JSONField } from "./fields/json";
export { ForeignKey, OneToOneField, ManyToManyField, ForeignObjectRel, ManyToOneRel, OneToOneRel, ManyToManyRel, RelatedField } from "./fields/related";
export { Options } from "./options";
export { Manager } from "./manager";
export { QuerySet, Prefetch, prefetch_related_objects } from "./query";
export { Q } from "./query_utils";
export { F, Value, Case, When, Exists, Subquery, OuterRef, ExpressionWrapper, Func, RawSQL, OrderBy } from "./expressions";
export { Aggregate, Count, Sum, Avg, Min, Max, StdDev, Variance } from "./aggregates";
export { Lower, Upper, Length, Coalesce, Concat, Now, Trunc } from "./functions";
export { CASCADE, PROTECT, RESTRICT, SET_NULL, SET_DEFAULT, SET, DO_NOTHING, ProtectedError, RestrictedError, Collector } from "./deletion";
export * as signals from "./signals";
