/**
 * channels.apps: the `"channels"` entry of INSTALLED_APPS → its AppConfig. Main class:
 * `ChannelsConfig`. (Installing the app is what lets `runserver` serve ASGI in real Django; here
 * it only registers the app — the page's server already speaks ASGI.)
 */
import { AppConfig } from "../django/apps/config";

export class ChannelsConfig extends AppConfig {
  override name = "channels";
  override verbose_name = "Channels";
}
