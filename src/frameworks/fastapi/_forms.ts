/**
 * Form bodies for `Form()` parameters: an `application/x-www-form-urlencoded` body → a multidict
 * (Starlette's `FormData`, which FastAPI reads field by field). Python needs python-multipart
 * for this; here the urlencoded parser is Python's `parse_qsl`. Any other content type gives an
 * empty form (Starlette's behaviour for a body it does not parse); multipart uploads are not
 * parsed.
 */
import { latin1_decode } from "../python/bytes";
import { parse_qsl } from "../python/urllib/parse";
import { ImmutableMultiDict } from "../starlette/datastructures";
import type { Request } from "../starlette/requests";

export class FormData extends ImmutableMultiDict<string, string> {
  static async from_request(request: Request): Promise<FormData> {
    const content_type = (request.headers.get("content-type") ?? "").split(";", 1)[0].trim().toLowerCase();
    if (content_type !== "application/x-www-form-urlencoded") return new FormData([]);
    const body = await request.body();
    return new FormData(parse_qsl(latin1_decode(body), { keep_blank_values: true }));
  }
}
