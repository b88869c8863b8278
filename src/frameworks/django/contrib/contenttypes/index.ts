/** django.contrib.contenttypes: one ContentType row per installed model (models.ts), made after migrate. */
export {};
