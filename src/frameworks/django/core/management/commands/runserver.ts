/**
 * `manage.py runserver`: in Django, a development server on 127.0.0.1:8000 that reloads on code
 * changes. In Framework Lab the page is that server: every request of the Browser pane goes
 * through the simulated gateway to the project, which reloads when a file changes. The command
 * prints Django's startup lines, then says so, and returns instead of serving forever.
 */
import { settings } from "../../../conf";
import { get_version } from "../../../utils/version";
import { BaseCommand, type CommandOptions, type CommandParser } from "../base";

export class Command extends BaseCommand {
  override help = "Starts a lightweight web server for development.";
  // Validation is called explicitly each time the server reloads.
  override requires_system_checks: string[] = [];
  override stealth_options = ["shutdown_message"];
  override suppressed_base_arguments = new Set(["--verbosity", "--traceback"]);
  default_addr = "127.0.0.1";
  default_port = "8000";

  override add_arguments(parser: CommandParser): void {
    parser.add_argument("addrport", { nargs: "?", help: "Optional port number, or ipaddr:port" });
    parser.add_argument("--ipv6", "-6", { action: "store_true", dest: "use_ipv6", help: "Tells Django to use an IPv6 address." });
    parser.add_argument("--nothreading", { action: "store_false", dest: "use_threading", help: "Tells Django to NOT use threading." });
    parser.add_argument("--noreload", { action: "store_false", dest: "use_reloader", help: "Tells Django to NOT use the auto-reloader." });
    parser.add_argument("--skip-checks", { action: "store_true", help: "Skip system checks." });
  }

  override handle(options: CommandOptions): void {
    const addrport = (options.addrport as string | null) ?? `${this.default_addr}:${this.default_port}`;
    const [addr, port] = addrport.includes(":") ? addrport.split(":") : [this.default_addr, addrport];
    if (options.use_reloader !== false) this.stdout.write("Watching for file changes with StatReloader");
    this.stdout.write("Performing system checks...\n");
    if (!options.skip_checks) this.check({ display_num_errors: true });
    this.check_migrations();
    const now = new Date();
    this.stdout.write(
      [
        now.toLocaleString("en-US", { month: "long", day: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false }).replace(" at ", " - ").replace(/, (\d{2}:)/, " - $1"),
        `Django version ${get_version()}, using settings '${settings.SETTINGS_MODULE}'`,
        `Starting development server at http://${addr}:${port}/`,
        "Quit the server with CONTROL-C.",
        "",
      ].join("\n"),
    );
    this.stdout.write(
      this.style.NOTICE(
        "Framework Lab: this page is the server. There is no port to open: send requests from the Browser pane " +
          "(the address bar, links and forms in the Preview); each goes through the simulated WSGI gateway to this project, " +
          "and the project reloads when you edit a file, as runserver's reloader does.",
      ),
    );
  }
}
