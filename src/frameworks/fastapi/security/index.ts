/** `from fastapi.security import ...`: the security schemes and their credential types. */
export { SecurityBase, SecurityScopes } from "./base";
export { APIKeyCookie, APIKeyHeader, APIKeyQuery } from "./api_key";
export { HTTPAuthorizationCredentials, HTTPBasic, HTTPBasicCredentials, HTTPBearer, HTTPDigest } from "./http";
export { OAuth2, OAuth2PasswordBearer, OAuth2PasswordRequestForm, OAuth2PasswordRequestFormStrict } from "./oauth2";
