/**
 * django.db.migrations.exceptions: what can go wrong while loading or applying migrations.
 */
import { Exception } from "../../../python/builtins";

export class BadMigrationError extends Exception {}
export class InconsistentMigrationHistory extends Exception {}
export class IrreversibleError extends Exception {}
export class NodeNotFoundError extends Exception {}
