/**
 * werkzeug.routing: `from werkzeug.routing import Map, Rule, BaseConverter`.
 */
export { Map, MapAdapter } from "./map";
export { Rule, parse_converter_args } from "./rules";
export { BaseConverter, UnicodeConverter, AnyConverter, PathConverter, NumberConverter, IntegerConverter, FloatConverter, UUIDConverter, ValidationError, DEFAULT_CONVERTERS } from "./converters";
export { RoutingException, RequestRedirect, BuildError, WebsocketMismatch } from "./exceptions";
export { StateMachineMatcher } from "./matcher";
