/**
 * django.template: `from django.template import Template, Context, engines, Library, …`.
 *
 * Project template files reach the engine through `set_template_files(files)` (the runtime calls it
 * with the project's files map; see loaders/filesystem.ts).
 */
export { Template, Origin, Variable, VariableNode, TextNode, Node, NodeList, FilterExpression, Lexer, Parser, Token, TokenType, VariableDoesNotExist, token_kwargs, render_value_in_context } from "./base";
export { Context, RequestContext, RenderContext, BaseContext, ContextPopException, make_context } from "./context";
export { Engine } from "./engine";
export { Library, InvalidTemplateLibrary } from "./library";
export { TemplateDoesNotExist, TemplateSyntaxError } from "./exceptions";
export { engines } from "./loader";
export { DjangoTemplates } from "./backends/django";
export { set_template_files } from "./loaders/filesystem";
