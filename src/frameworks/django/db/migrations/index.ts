/**
 * django.db.migrations: what a migration file imports (`from django.db import migrations`) —
 * the `Migration` base class and every operation.
 *
 *     import * as migrations from "django/db/migrations";
 *     export class Migration extends migrations.Migration { operations = [new migrations.CreateModel({ … })]; }
 */
export { Migration } from "./migration";
export * from "./operations";
export { ProjectState, ModelState } from "./state";
