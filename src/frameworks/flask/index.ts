/**
 * flask: `from flask import Flask, Blueprint, request, session, g, current_app, url_for, …` is
 * `import { Flask, Blueprint, request, … } from "flask"`.
 */
export { Flask } from "./app";
export { Blueprint } from "./blueprints";
export { Config } from "./config";
export { after_this_request, copy_current_request_context, has_app_context, has_request_context } from "./ctx";
export { current_app, g, request, session } from "./globals";
export { abort, flash, get_flashed_messages, make_response, redirect, send_file, send_from_directory, stream_with_context, url_for } from "./helpers";
export { jsonify } from "./json";
export { appcontext_popped, appcontext_pushed, appcontext_tearing_down, before_render_template, got_request_exception, message_flashed, request_finished, request_started, request_tearing_down, template_rendered } from "./signals";
export { render_template, render_template_string } from "./templating";
export * as signals from "./signals";
export { Request, Response } from "./wrappers";
export { Markup, escape } from "../markupsafe";
