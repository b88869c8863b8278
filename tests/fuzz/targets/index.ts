/**
 * Every parser of untrusted input the fuzz suite covers, one target module each. A parser that
 * lands later (ASGI scope, Jinja templates, Werkzeug routing, Pydantic) adds one module and one line.
 */
import type { FuzzTarget } from "../target";
import { templates } from "./templates";

export const TARGETS: FuzzTarget<any>[] = [templates];
