/**
 * django.contrib.auth.signals: the moments of signing in and out → signals a project can hear.
 *
 *     user_logged_in.send(User, { request, user })        login() succeeded
 *     user_logged_out.send(User, { request, user })       logout() (user is null if nobody was in)
 *     user_login_failed.send("django.contrib.auth", { credentials, request })   authenticate() found no one;
 *                                                          secrets in credentials read "********************"
 */
import { Signal } from "../../dispatch";

export const user_logged_in = new Signal({ name: "user_logged_in" });
export const user_login_failed = new Signal({ name: "user_login_failed" });
export const user_logged_out = new Signal({ name: "user_logged_out" });
