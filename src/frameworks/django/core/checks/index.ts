/**
 * django.core.checks: the system check framework — `register` checks, `run_checks` them, and the
 * message classes they return. Importing it registers Django's own checks (models, urls).
 */
export { CheckMessage, Critical, CRITICAL, Debug, DEBUG, Error, ERROR, Info, INFO, Warning, WARNING, type CheckMessageOptions } from "./messages";
export { CheckRegistry, register, registry, run_checks, tag_exists, Tags, type CheckFunction, type RunChecksOptions } from "./registry";
export { check_all_models } from "./model_checks";
export { check_url_config } from "./urls";
