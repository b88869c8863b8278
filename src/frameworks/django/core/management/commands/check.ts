/**
 * `manage.py check [app_label …]`: the system check framework run over the project, its report
 * printed ("System check identified no issues (0 silenced)."). Errors make it exit with status 1.
 */
import { apps } from "../../../apps/registry";
import * as checks from "../../checks";
import { registry } from "../../checks";
import { BaseCommand, CommandError, type CommandOptions, type CommandParser } from "../base";

export class Command extends BaseCommand {
  override help = "Checks the entire Django project for potential problems.";
  override requires_system_checks: string[] = [];

  override add_arguments(parser: CommandParser): void {
    parser.add_argument("args", { metavar: "app_label", nargs: "*" });
    parser.add_argument("--tag", "-t", { action: "append", dest: "tags", help: "Run only checks labeled with given tag." });
    parser.add_argument("--list-tags", { action: "store_true", help: "List available tags. Specify --deploy to include available deployment tags." });
    parser.add_argument("--deploy", { action: "store_true", help: "Check deployment settings." });
    parser.add_argument("--fail-level", {
      default: "ERROR",
      choices: ["CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG"],
      help: "Message level that will cause the command to exit with a non-zero status. Default is ERROR.",
    });
    parser.add_argument("--database", { action: "append", choices: ["default"], dest: "databases", help: "Run database related checks against these aliases." });
  }

  override handle(...args: unknown[]): void {
    const options = args.pop() as CommandOptions;
    const app_labels = args as string[];
    const include_deployment_checks = Boolean(options.deploy);
    if (options.list_tags) {
      this.stdout.write([...registry.tags_available(include_deployment_checks)].sort().join("\n"));
      return;
    }
    // Django's deployment checks are its security checks (security.W001…): not written here yet, so
    // --deploy says so rather than printing a report without them.
    if (include_deployment_checks && !registry.tags_available(true).has("security")) throw new CommandError("--deploy is not supported in Framework Lab: the security deployment checks are not implemented.");
    const app_configs = app_labels.length ? app_labels.map((label) => apps.get_app_config(label)) : null;
    const tags = options.tags as string[] | null;
    const invalid = tags?.find((tag) => !checks.tag_exists(tag, include_deployment_checks));
    if (invalid !== undefined) throw new CommandError(`There is no system check with the "${invalid}" tag.`);
    const levels: Record<string, number> = { CRITICAL: checks.CRITICAL, ERROR: checks.ERROR, WARNING: checks.WARNING, INFO: checks.INFO, DEBUG: checks.DEBUG };
    this.check({ app_configs, tags, display_num_errors: true, include_deployment_checks, fail_level: levels[options.fail_level as string], databases: options.databases });
  }
}
