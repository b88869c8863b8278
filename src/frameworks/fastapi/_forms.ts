/**
 * Form bodies for `Form()` and `File()` parameters: the request's body → a multidict (Starlette's
 * `FormData`, what `request.form()` returns and FastAPI reads field by field).
 * `application/x-www-form-urlencoded` is parsed as Python's `parse_qsl` parses it;
 * `multipart/form-data` by Starlette's `MultiPartParser` (fields as text, files as `UploadFile`s),
 * its errors a 400 with their message ("Missing boundary in multipart.", "Invalid multipart
 * data."…), as `request.form()` raises them. Any other content type gives an empty form
 * (Starlette's behaviour for a body it does not parse).
 */
import { latin1_decode } from "../python/bytes";
import { parse_qsl } from "../python/urllib/parse";
import { ImmutableMultiDict, type UploadFile } from "../starlette/datastructures";
import { HTTPException } from "../starlette/exceptions";
import { MultiPartException, MultiPartParser } from "../starlette/formparsers";
import type { Request } from "../starlette/requests";

export class FormData extends ImmutableMultiDict<string, string | UploadFile> {
  static async from_request(request: Request): Promise<FormData> {
    const content_type = (request.headers.get("content-type") ?? "").split(";", 1)[0].trim().toLowerCase();
    if (content_type === "multipart/form-data") {
      const body = await request.body();
      try {
        return new FormData(await new MultiPartParser(request.headers, body).parse());
      } catch (e) {
        if (e instanceof MultiPartException) throw new HTTPException(400, e.message);
        throw e;
      }
    }
    if (content_type !== "application/x-www-form-urlencoded") return new FormData([]);
    const body = await request.body();
    return new FormData(parse_qsl(latin1_decode(body), { keep_blank_values: true }));
  }

  /** `await form.close()`: close every uploaded file. */
  async close(): Promise<void> {
    for (const [, value] of this.multi_items()) if (typeof value !== "string") await value.close();
  }
}
