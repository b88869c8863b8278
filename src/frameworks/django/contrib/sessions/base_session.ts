/**
 * django.contrib.sessions.base_session: the shape of a stored session → an abstract model
 * (`session_key` primary key, `session_data` text, `expire_date` indexed) and its manager.
 * `Session` (models.ts) is the concrete `django_session` table; custom stores subclass this.
 */
import { Manager } from "../../db/models/manager";
import { Model } from "../../db/models/base";
import { CharField, DateTimeField, TextField } from "../../db/models/fields";
import type { datetime } from "../../../python/datetime";
import type { SessionBase, SessionData } from "./backends/base";

type SessionStoreClass = new (session_key?: string | null) => SessionBase;

export class BaseSessionManager extends Manager<any> {
  /** The data as the model's session store would encode it. */
  encode(session_dict: SessionData): string {
    const store_class = (this.model as unknown as typeof AbstractBaseSession).get_session_store_class();
    return new store_class().encode(session_dict);
  }

  /** Store `session_dict` under `session_key` (or delete the row when the dict is empty). */
  save(session_key: string, session_dict: SessionData, expire_date: datetime): AbstractBaseSession {
    const model = this.model as unknown as new (kw: Record<string, unknown>) => AbstractBaseSession;
    const s = new model({ session_key, session_data: this.encode(session_dict), expire_date });
    if (Object.keys(session_dict).length) s.save();
    else s.delete();
    return s;
  }
}

export class AbstractBaseSession extends Model {
  static override fields = {
    session_key: new CharField({ verbose_name: "session key", max_length: 40, primary_key: true }),
    session_data: new TextField({ verbose_name: "session data" }),
    expire_date: new DateTimeField({ verbose_name: "expire date", db_index: true }),
  };
  static override Meta: Record<string, unknown> = { abstract: true, app_label: "sessions", verbose_name: "session", verbose_name_plural: "sessions" };
  declare session_key: string;
  declare session_data: string;
  declare expire_date: datetime;

  override toString(): string {
    return this.session_key;
  }

  static get_session_store_class(): SessionStoreClass {
    throw new Error("NotImplementedError");
  }

  get_decoded(): SessionData {
    const store_class = (this.constructor as typeof AbstractBaseSession).get_session_store_class();
    return new store_class().decode(this.session_data);
  }
}
Object.defineProperty(AbstractBaseSession, "objects", { value: new BaseSessionManager(), configurable: true, writable: true });
