/**
 * django.contrib.admin.models: the `django_admin_log` table → LogEntry, one row per add, change or
 * delete made through the admin (the "History" page and the index's "Recent actions").
 *
 *   LogEntry.objects.log_actions(user_id, [obj], ADDITION, change_message)
 *   entry.get_change_message()  → "Added." / "Changed title and price." / "Deleted."
 */
import { Model } from "../../db/models/base";
import { Manager } from "../../db/models/manager";
import { CASCADE, SET_NULL } from "../../db/models/deletion";
import { AutoField, CharField, DateTimeField, PositiveSmallIntegerField, TextField, type Field } from "../../db/models/fields";
import { ForeignKey } from "../../db/models/fields/related";
import type { MetaOptions } from "../../db/models/options";
import { now } from "../../utils/timezone";
import { reverse } from "../../urls/base";
import { quote } from "./utils";

export const ADDITION = 1;
export const CHANGE = 2;
export const DELETION = 3;
export const ACTION_FLAG_CHOICES: [number, string][] = [
  [ADDITION, "Addition"],
  [CHANGE, "Change"],
  [DELETION, "Deletion"],
];

export class LogEntryManager extends Manager<any> {
  use_in_migrations = true;

  /** One LogEntry per object (Django 5.1+ `log_actions`); the content type is looked up when installed. */
  log_actions(user_id: unknown, queryset: Iterable<any>, action_flag: number, change_message: unknown = "", options: { single_object?: boolean } = {}): any[] {
    const entries = [...queryset].map((obj) =>
      this.create({
        user_id,
        content_type_id: content_type_id_for(obj),
        object_id: String(obj.pk),
        object_repr: String(obj).slice(0, 200),
        action_flag,
        change_message: typeof change_message === "string" ? change_message : JSON.stringify(change_message),
      }),
    );
    return options.single_object ? entries.slice(0, 1) : entries;
  }
}

function content_type_id_for(obj: any): number | null {
  try {
    const ContentType = (obj.constructor._meta.apps ?? null)?.get_model?.("contenttypes", "ContentType");
    return ContentType ? ContentType.objects.get_for_model(obj.constructor).pk : null;
  } catch {
    return null;
  }
}

export class LogEntry extends Model {
  static override fields: Record<string, Field> = {
    id: new AutoField({ primary_key: true, verbose_name: "ID", auto_created: true }),
    action_time: new DateTimeField({ default: now, editable: false, verbose_name: "action time" }),
    user: new ForeignKey("auth.User", { on_delete: CASCADE, verbose_name: "user" }),
    content_type: new ForeignKey("contenttypes.ContentType", { on_delete: SET_NULL, blank: true, null: true, verbose_name: "content type" }),
    object_id: new TextField({ blank: true, null: true, verbose_name: "object id" }),
    object_repr: new CharField({ max_length: 200, verbose_name: "object repr" }),
    action_flag: new PositiveSmallIntegerField({ choices: ACTION_FLAG_CHOICES, verbose_name: "action flag" }),
    change_message: new TextField({ blank: true, verbose_name: "change message" }),
  };
  static override Meta: MetaOptions = { app_label: "admin", db_table: "django_admin_log", verbose_name: "log entry", verbose_name_plural: "log entries", ordering: ["-action_time"] };
  static override objects = new LogEntryManager();

  declare action_flag: number;
  declare object_repr: string;
  declare change_message: string;
  declare object_id: string | null;

  override toString(): string {
    if (this.action_flag === ADDITION) return `Added “${this.object_repr}”.`;
    if (this.action_flag === CHANGE) return `Changed “${this.object_repr}” — ${this.get_change_message()}`;
    if (this.action_flag === DELETION) return `Deleted “${this.object_repr}.”`;
    return "LogEntry Object";
  }

  /** The admin URL of the object this entry is about (null for deletions or unknown types). */
  get_admin_url(): string | null {
    const ct = (this as any).content_type;
    if (!ct || this.object_id === null || this.action_flag === DELETION) return null;
    try {
      return reverse(`admin:${ct.app_label}_${ct.model}_change`, { args: [quote(this.object_id)] });
    } catch {
      return null;
    }
  }

  /** "addlink" / "changelink" / "deletelink": the CSS class of the index's recent-actions list. */
  get action_class(): string {
    return this.action_flag === ADDITION ? "addlink" : this.action_flag === CHANGE ? "changelink" : "deletelink";
  }

  is_addition(): boolean {
    return this.action_flag === ADDITION;
  }
  is_change(): boolean {
    return this.action_flag === CHANGE;
  }
  is_deletion(): boolean {
    return this.action_flag === DELETION;
  }

  /** The stored JSON change message as a sentence ("Changed title and price."); plain text as is. */
  get_change_message(): string {
    if (!this.change_message || !this.change_message.startsWith("[")) return this.change_message;
    try {
      const parts: string[] = [];
      for (const sub of JSON.parse(this.change_message) as any[]) {
        if (sub.added) parts.push(sub.added.name ? `Added ${sub.added.name} “${sub.added.object}”.` : "Added.");
        else if (sub.changed) {
          const fields: string[] = sub.changed.fields;
          const list = fields.length > 1 ? `${fields.slice(0, -1).join(", ")} and ${fields.at(-1)}` : fields[0];
          parts.push(sub.changed.name ? `Changed ${list} for ${sub.changed.name} “${sub.changed.object}”.` : `Changed ${list}.`);
        } else if (sub.deleted) parts.push(`Deleted ${sub.deleted.name} “${sub.deleted.object}”.`);
      }
      return parts.join(" ") || "No fields changed.";
    } catch {
      return this.change_message;
    }
  }
}
Object.defineProperty(LogEntry, "__module__", { value: "django.contrib.admin.models", configurable: true, writable: true });
