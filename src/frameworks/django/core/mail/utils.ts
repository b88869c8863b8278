/**
 * django.core.mail.utils: `DNS_NAME`, the host name put in every Message-ID (`<…@DNS_NAME>`).
 *
 * Django asks the operating system once (`socket.getfqdn()`, cached by CachedDnsName). A page has
 * no host name of its own: it answers "localhost", what a development machine usually reports.
 */
export const DNS_NAME = "localhost";
