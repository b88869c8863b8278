/**
 * django.contrib.sessions.exceptions: what can go wrong with a session → Django's exception classes.
 * SuspiciousSession is logged (as a tampering attempt) rather than shown; SessionInterrupted becomes
 * a 400 when the session vanished mid-request (a logout in another tab).
 */
import { BadRequest, SuspiciousOperation } from "../../core/exceptions";

export class SuspiciousSession extends SuspiciousOperation {}
export class SessionInterrupted extends BadRequest {}
