/**
 * jinja2: the package's public names (`from jinja2 import Environment, DictLoader, …`).
 */
export { Environment, Template, TemplateModule } from "./environment";
export type { EnvironmentOptions } from "./environment";
export { BaseLoader, DictLoader, FunctionLoader, PrefixLoader, ChoiceLoader, FileSystemLoader } from "./loaders";
export { Undefined, ChainableUndefined, DebugUndefined, StrictUndefined, Context, Macro, LoopContext } from "./runtime";
export { TemplateError, TemplateNotFound, TemplatesNotFound, TemplateSyntaxError, TemplateAssertionError, TemplateRuntimeError, UndefinedError, FilterArgumentError, SecurityError } from "./exceptions";
export { pass_context, pass_eval_context, pass_environment, select_autoescape, Namespace, Cycler, Joiner } from "./utils";
export { Markup, escape } from "../markupsafe";
