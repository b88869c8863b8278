/**
 * flask.blueprints: `Blueprint` — see flask/sansio/blueprints.ts for how deferred registration,
 * prefixes and nested blueprints work. This module adds what needs a request (static files).
 */
import { RuntimeError } from "../python/builtins";
import { Blueprint as SansioBlueprint } from "./sansio/blueprints";
import { send_from_directory } from "./helpers";

export { BlueprintSetupState } from "./sansio/blueprints";

export class Blueprint extends SansioBlueprint {
  /** `send_static_file(filename)`: the page has no static folder on disk, so NotFound. */
  send_static_file(filename: string): never {
    if (!this.has_static_folder) throw new RuntimeError("'static_folder' must be set to serve static_files.");
    return send_from_directory(this.static_folder!, filename);
  }
}
