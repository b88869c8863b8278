/**
 * Registry of area replayers. An area missing here is still replayed: every one of its cases counts
 * as failed with "area not implemented yet".
 */
import type { AreaReplayer } from "../area";

export const AREA_REPLAYERS: Record<string, () => Promise<AreaReplayer>> = {
  // Areas register here as their replayers land, e.g.:
  // urls: async () => (await import("./urls")).replayer,
  urls: async () => (await import("./urls")).replayer,
  middleware: async () => (await import("./middleware")).replayer,
  signals: async () => (await import("./signals")).replayer,
  http: async () => (await import("./http")).replayer,
  templates: async () => (await import("./templates")).replayer,
  orm_schema: async () => (await import("./orm_schema")).replayer,
  orm: async () => (await import("./orm")).replayer,
  cbv: async () => (await import("./cbv")).replayer,
  forms: async () => (await import("./forms")).replayer,
  admin: async () => (await import("./admin")).replayer,
  flask: async () => (await import("./flask")).replayer,
  fastapi: async () => (await import("./fastapi")).replayer,
  jinja: async () => (await import("./jinja")).replayer,
  channels: async () => (await import("./channels")).replayer,
  pydantic: async () => (await import("./pydantic")).replayer,
};
