/**
 * click: `import * as click from "click"` — the names `import click` gives, for writing command
 * line programs as Flask's CLI does: `click.command`, `click.group`, `click.option`,
 * `click.argument`, `click.echo`, `click.pass_context`, the parameter types and the exceptions.
 */
export { Argument, Command, Context, Group, Option, Parameter, ParameterSource } from "./core";
export type { CommandOptions, ContextSettings, GroupOptions, OptionOptions, ParameterOptions } from "./core";
export { argument, command, group, help_option, make_pass_decorator, option, pass_context, pass_obj, version_option } from "./decorators";
export { Abort, BadArgumentUsage, BadOptionUsage, BadParameter, ClickException, Exit, FileError, MissingParameter, NoSuchCommand, NoSuchOption, UsageError } from "./exceptions";
export { HelpFormatter, wrap_text } from "./formatting";
export { get_current_context } from "./globals";
export { secho, style, unstyle } from "./termui";
export { BOOL, Choice, FLOAT, FloatParamType, INT, IntParamType, IntRange, ParamType, Path, STRING, UNPROCESSED, UUID } from "./types";
export { echo } from "./utils";
