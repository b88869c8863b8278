/**
 * flask.blueprints: `Blueprint` — see flask/sansio/blueprints.ts for how deferred registration,
 * prefixes and nested blueprints work. This module adds what needs a request (static files) or
 * the project's files (`open_resource`), and its command-line group (`bp.cli`).
 */
import { RuntimeError } from "../python/builtins";
import { Blueprint as SansioBlueprint, type BlueprintOptions } from "./sansio/blueprints";
import { AppGroup } from "./cli";
import { open_resource, send_from_directory, type ResourceFile } from "./helpers";
import type { Response } from "./wrappers";

export { BlueprintSetupState } from "./sansio/blueprints";

export class Blueprint extends SansioBlueprint {
  constructor(name: string, import_name: string, options: BlueprintOptions = {}) {
    super(name, import_name, options);
    // `bp.cli`: commands registered with the app under the blueprint's name (or `cli_group`).
    this.cli = new AppGroup();
    this.cli.name = this.name;
  }

  /** `send_static_file(filename)`: a file of the static folder (`<root_path>/static`), or NotFound. */
  send_static_file(filename: string): Response {
    if (!this.has_static_folder) throw new RuntimeError("'static_folder' must be set to serve static_files.");
    return send_from_directory([this.root_path, this.static_folder!].filter(Boolean).join("/"), filename);
  }

  /** `open_resource(resource, mode="rb", encoding=None)`: a file under the blueprint's root path, for reading. */
  open_resource(resource: string, mode = "rb", encoding: string | null = null): ResourceFile {
    return open_resource(this.root_path, resource, mode, encoding);
  }
}
