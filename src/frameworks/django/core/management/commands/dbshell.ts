/**
 * `manage.py dbshell`: the database's own command-line client on the project's database — for
 * SQLite, the `sqlite3` shell (django/db/backends/sqlite3/client.ts), here written in TypeScript
 * over the same connection the ORM uses.
 */
import { connection } from "../../../db";
import { DatabaseClient } from "../../../db/backends/sqlite3/client";
import { BaseCommand, type CommandOptions, type CommandParser } from "../base";

export class Command extends BaseCommand {
  override help = "Runs the command-line client for specified database, or the default database if none is provided.";
  override requires_system_checks: string[] = [];

  override add_arguments(parser: CommandParser): void {
    parser.add_argument("--database", { default: "default", choices: ["default"], help: 'Nominates a database onto which to open a shell. Defaults to the "default" database.' });
    const parameters = parser.add_argument_group("parameters");
    parameters.add_argument("parameters", { nargs: "*" });
  }

  override async handle(options: CommandOptions): Promise<void> {
    await new DatabaseClient(connection).runshell((options.parameters as string[]) ?? []);
  }
}
