/** django.contrib.staticfiles: the app that finds and serves static files (`{% static %}`'s URLs). */
export { StaticFilesConfig } from "./apps";
export { StaticFilesStorage, staticfiles_storage } from "./storage";
