/**
 * django.core.management.commands: the database commands as functions — the page's Database panel
 * calls them; each returns what Django would print (and makemigrations, the files to write).
 */
export { makemigrations, type MakemigrationsOptions, type MakemigrationsResult, type MigrationFile } from "./makemigrations";
export { migrate, type MigrateOptions, type MigrateResult } from "./migrate";
export { sqlmigrate, sqlmigrate_text } from "./sqlmigrate";
export { showmigrations } from "./showmigrations";
