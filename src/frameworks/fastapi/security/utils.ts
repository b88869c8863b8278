/** fastapi.security.utils: `Authorization: Bearer abc` → `["Bearer", "abc"]`. */
export function get_authorization_scheme_param(authorization_header_value: string | null): [string, string] {
  if (!authorization_header_value) return ["", ""];
  const space = authorization_header_value.indexOf(" ");
  if (space < 0) return [authorization_header_value, ""];
  return [authorization_header_value.slice(0, space), authorization_header_value.slice(space + 1).trim()];
}
