/**
 * werkzeug.datastructures: `from werkzeug.datastructures import MultiDict, Headers`.
 */
export { MultiDict, ImmutableMultiDict, CombinedMultiDict, ImmutableList, CallbackDict, HeaderSet, iter_multi_items } from "./structures";
export { Headers, EnvironHeaders } from "./headers";
export { FileStorage, FileMultiDict } from "./file_storage";
