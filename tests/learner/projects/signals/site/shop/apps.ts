import { AppConfig } from "django/apps";

export class ShopConfig extends AppConfig {
  name = "shop";

  ready() {
    require("./signals");
  }
}
