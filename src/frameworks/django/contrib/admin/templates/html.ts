/**
 * The admin's template sources (Django's `django/contrib/admin/templates/admin/*.html`, rewritten
 * for the page): the same blocks, ids and CSS classes as Django's, so they look and behave alike,
 * with one compact inline stylesheet and no external files (the preview is a sandboxed iframe).
 */
import { ADMIN_CSS } from "./css";

const base = `<!DOCTYPE html>
<html lang="en-us" dir="ltr">
<head>
<title>{% block title %}{% if subtitle %}{{ subtitle }} | {% endif %}{{ title }} | {{ site_title|default:"Django site admin" }}{% endblock %}</title>
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style>${ADMIN_CSS}</style>
{% block extrahead %}{% endblock %}
</head>
<body class="{% block bodyclass %}{% endblock %}" data-admin-utc-offset="0">
<div id="container">
{% block header %}
<header id="header">
  <div id="branding"><div id="site-name"><a href="/admin/">{{ site_header|default:"Django administration" }}</a></div></div>
  {% if has_permission %}
  <div id="user-tools">
    Welcome, <strong>{% firstof user.get_short_name user.get_username %}</strong>.
    {% if site_url %}<a href="{{ site_url }}">View site</a> /{% endif %}
    <a href="/admin/password_change/">Change password</a> /
    <form id="logout-form" method="post" action="/admin/logout/">{% csrf_token %}<button type="submit">Log out</button></form>
  </div>
  {% endif %}
</header>
{% endblock %}
{% block nav-breadcrumbs %}
<nav aria-label="Breadcrumbs">
{% block breadcrumbs %}<div class="breadcrumbs"><a href="/admin/">Home</a>{% if title %} &rsaquo; {{ title }}{% endif %}</div>{% endblock %}
</nav>
{% endblock %}
<div class="main" id="main">
  <main id="content-start" class="content" tabindex="-1">
    {% block messages %}{% if messages %}<ul class="messagelist">{% for message in messages %}<li{% if message.tags %} class="{{ message.tags }}"{% endif %}>{{ message.message|capfirst }}</li>{% endfor %}</ul>{% endif %}{% endblock messages %}
    <div id="content" class="{% block coltype %}colM{% endblock %}">
      {% block pretitle %}{% endblock %}
      {% block content_title %}{% if title %}<h1>{{ title }}</h1>{% endif %}{% endblock %}
      {% block content_subtitle %}{% if subtitle %}<h2>{{ subtitle }}</h2>{% endif %}{% endblock %}
      {% block content %}{% block object-tools %}{% endblock %}{{ content }}{% endblock %}
      {% block sidebar %}{% endblock %}
      <br class="clear">
    </div>
  </main>
</div>
<footer id="footer">{% block footer %}{% endblock %}</footer>
</div>
</body>
</html>
`;

const index = `{% extends "admin/base.html" %}
{% block bodyclass %}dashboard{% endblock %}
{% block nav-breadcrumbs %}{% endblock %}
{% block content %}
<div id="content-main">
{% include "admin/app_list.html" with app_list=app_list show_changelinks=True %}
</div>
{% endblock %}
{% block sidebar %}
<div id="content-related"><div class="module" id="recent-actions-module"><h2>Recent actions</h2><h3>My actions</h3>
{% if not log_entries %}<p>None available</p>{% else %}<ul class="actionlist">{% for entry in log_entries %}<li class="{{ entry.action_class }}">{% if entry.get_admin_url %}<a href="{{ entry.get_admin_url }}">{{ entry.object_repr }}</a>{% else %}{{ entry.object_repr }}{% endif %}<br><span class="mini quiet">{% if entry.content_type %}{{ entry.content_type.name|capfirst }}{% else %}Unknown content{% endif %}</span></li>{% endfor %}</ul>{% endif %}
</div></div>
{% endblock %}
`;

const app_list = `{% if app_list %}
{% for app in app_list %}
<div class="app-{{ app.app_label }} module">
<table>
<caption><a href="{{ app.app_url }}" class="section" title="Models in the {{ app.name }} application">{{ app.name }}</a></caption>
<thead class="visually-hidden"><tr><th scope="col">Model name</th><th scope="col">Add link</th><th scope="col">Change or view list link</th></tr></thead>
{% for model in app.models %}
<tr class="model-{{ model.object_name|lower }}">
  <th scope="row" id="{{ app.app_label }}-{{ model.object_name|lower }}">{% if model.admin_url %}<a href="{{ model.admin_url }}">{{ model.name }}</a>{% else %}{{ model.name }}{% endif %}</th>
  <td>{% if model.add_url %}<a href="{{ model.add_url }}" class="addlink">Add</a>{% endif %}</td>
  <td>{% if model.admin_url and show_changelinks %}{% if model.view_only %}<a href="{{ model.admin_url }}" class="viewlink">View</a>{% else %}<a href="{{ model.admin_url }}" class="changelink">Change</a>{% endif %}{% endif %}</td>
</tr>
{% endfor %}
</table>
</div>
{% endfor %}
{% else %}
<p>You don’t have permission to view or edit anything.</p>
{% endif %}
`;

const app_index = `{% extends "admin/index.html" %}
{% block bodyclass %}app-{{ app_label }}{% endblock %}
{% block nav-breadcrumbs %}<nav aria-label="Breadcrumbs"><div class="breadcrumbs"><a href="/admin/">Home</a> &rsaquo; {% for app in app_list %}{{ app.name }}{% endfor %}</div></nav>{% endblock %}
{% block sidebar %}{% endblock %}
`;

const login = `{% extends "admin/base.html" %}
{% block bodyclass %}login{% endblock %}
{% block nav-breadcrumbs %}{% endblock %}
{% block content_title %}{% endblock %}
{% block content %}
{% if form.errors and not non_field_errors %}<p class="errornote">{% if form.errors.items|length == 1 %}Please correct the error below.{% else %}Please correct the errors below.{% endif %}</p>{% endif %}
{% for error in non_field_errors %}<p class="errornote">{{ error }}</p>{% endfor %}
<div id="content-main">
{% if user.is_authenticated %}<p class="errornote">You are authenticated as {{ username }}, but are not authorized to access this page. Would you like to login to a different account?</p>{% endif %}
<form action="{{ app_path }}" method="post" id="login-form">{% csrf_token %}
  <div class="form-row">{{ username_field.errors }}{{ username_field.label_tag }} {{ username_field }}</div>
  <div class="form-row">{{ password_field.errors }}{{ password_field.label_tag }} {{ password_field }}<input type="hidden" name="next" value="{{ next }}"></div>
  <div class="submit-row"><input type="submit" value="Log in"></div>
</form>
</div>
{% endblock %}
`;

const logged_out = `{% extends "admin/base.html" %}
{% block nav-breadcrumbs %}<nav aria-label="Breadcrumbs"><div class="breadcrumbs"><a href="/admin/">Home</a></div></nav>{% endblock %}
{% block content %}
<p>Thanks for spending some quality time with the web site today.</p>
<p><a href="/admin/">Log in again</a></p>
{% endblock %}
`;

const change_list = `{% extends "admin/base.html" %}
{% block bodyclass %}app-{{ opts.app_label }} model-{{ opts.model_name }} change-list{% endblock %}
{% block coltype %}{% endblock %}
{% block breadcrumbs %}<div class="breadcrumbs"><a href="/admin/">Home</a> &rsaquo; <a href="/admin/{{ opts.app_label }}/">{{ opts.app_config.verbose_name|default:opts.app_label|capfirst }}</a> &rsaquo; {{ opts.verbose_name_plural|capfirst }}</div>{% endblock %}
{% block content %}
<div id="content-main">
  {% if has_add_permission %}<ul class="object-tools"><li><a href="add/{% if cl.preserved_filters %}?{{ cl.preserved_filters }}{% endif %}" class="addlink">Add {{ opts.verbose_name }}</a></li></ul>{% endif %}
  {% if cl.formset and cl.formset.errors %}<p class="errornote">Please correct the errors below.</p>{% endif %}
  <div class="module{% if filters %} filtered{% endif %}" id="changelist">
    <div class="changelist-form-container">
      {% if cl.search_fields %}
      <div id="toolbar"><form id="changelist-search" method="get" role="search">
        <div><label for="searchbar">Search</label>
        <input type="text" size="40" name="q" value="{{ cl.query }}" id="searchbar">
        <input type="submit" value="Search">
        {% if search.show_result_count %}<span class="small quiet">{{ cl.result_count }} result{{ cl.result_count|pluralize }} (<a href="?{% if cl.is_popup %}_popup=1{% endif %}">{% if cl.show_full_result_count %}{{ cl.full_result_count }} total{% else %}Show all{% endif %}</a>)</span>{% endif %}
        {% for pair in cl.params.items %}{% if pair.0 != "q" %}<input type="hidden" name="{{ pair.0 }}" value="{{ pair.1 }}">{% endif %}{% endfor %}
        </div>
      </form></div>
      {% endif %}
      {% if date_hierarchy %}
      <nav class="xfull"><ul class="toplinks">
        {% if date_hierarchy.back %}<li class="date-back"><a href="{{ date_hierarchy.back.link }}">&lsaquo; {{ date_hierarchy.back.title }}</a></li>{% endif %}
        {% for choice in date_hierarchy.choices %}<li>{% if choice.link %}<a href="{{ choice.link }}">{% endif %}{{ choice.title }}{% if choice.link %}</a>{% endif %}</li>{% endfor %}
      </ul></nav>
      {% endif %}
      <form id="changelist-form" method="post" novalidate>{% csrf_token %}
      {% if action_choices and actions_on_top and cl.show_admin_actions %}
      <div class="actions">
        <label>Action: <select name="action" required>{% for choice in action_choices %}<option value="{{ choice.0 }}"{% if not choice.0 %} selected{% endif %}>{{ choice.1 }}</option>{% endfor %}</select></label>
        <input type="hidden" name="select_across" value="0" class="select-across">
        <button type="submit" class="button" title="Run the selected action" name="index" value="0">Go</button>
        <span class="action-counter">{{ selection_note }}</span>
      </div>
      {% endif %}
      {% if results %}
      <div class="results">
      <table id="result_list">
      <thead><tr>
      {% for header in result_headers %}<th scope="col"{{ header.class_attrib }}>
        {% if header.sortable and header.sort_priority > 0 %}<div class="sortoptions">
          <a class="sortremove" href="{{ header.url_remove }}" title="Remove from sorting">&#x2715;</a>
          {% if num_sorted_fields > 1 %}<span class="sortpriority" title="Sorting priority: {{ header.sort_priority }}">{{ header.sort_priority }}</span>{% endif %}
          <a href="{{ header.url_toggle }}" class="toggle {% if header.ascending %}ascending{% else %}descending{% endif %}" title="Toggle sorting">{% if header.ascending %}&#9650;{% else %}&#9660;{% endif %}</a>
        </div>{% endif %}
        <div class="text">{% if header.sortable %}<a href="{{ header.url_primary }}">{{ header.text|capfirst }}</a>{% else %}<span>{{ header.text|capfirst }}</span>{% endif %}</div>
        <div class="clear"></div>
      </th>{% endfor %}
      </tr></thead>
      <tbody>
      {% for result in results %}<tr>{% for item in result %}{{ item }}{% endfor %}</tr>{% endfor %}
      </tbody>
      </table>
      </div>
      {% endif %}
      <p class="paginator">
        {% if pagination.pagination_required %}{% for link in pagination.links %}{{ link }}{% endfor %}{% endif %}
        {{ cl.result_count }} {% if cl.result_count == 1 %}{{ cl.opts.verbose_name }}{% else %}{{ cl.opts.verbose_name_plural }}{% endif %}
        {% if pagination.show_all_url %}<a href="{{ pagination.show_all_url }}" class="showall">Show all</a>{% endif %}
      </p>
      </form>
    </div>
    {% if filters %}
    <nav id="changelist-filter" aria-labelledby="changelist-filter-header">
      <h2 id="changelist-filter-header">Filter</h2>
      {% if cl.has_active_filters %}<h3 id="changelist-filter-extra-actions"><a href="{{ cl.clear_all_filters_qs }}">&#10006; Clear all filters</a></h3>{% endif %}
      {% for spec in filters %}
      <details data-filter-title="{{ spec.title }}" open>
        <summary>By {{ spec.title }}</summary>
        <ul>{% for choice in spec.choices %}<li{% if choice.selected %} class="selected"{% endif %}><a href="{{ choice.query_string }}">{{ choice.display }}</a></li>{% endfor %}</ul>
      </details>
      {% endfor %}
    </nav>
    {% endif %}
  </div>
</div>
{% endblock %}
`;

const invalid_setup = `{% extends "admin/base.html" %}
{% block content %}<p>Something’s wrong with your database installation. Make sure the appropriate database tables have been created, and make sure the database is readable by the appropriate user.</p>{% endblock %}
`;

const delete_selected_confirmation = `{% extends "admin/base.html" %}
{% block bodyclass %}app-{{ opts.app_label }} model-{{ opts.model_name }} delete-confirmation delete-selected-confirmation{% endblock %}
{% block breadcrumbs %}<div class="breadcrumbs"><a href="/admin/">Home</a> &rsaquo; <a href="/admin/{{ opts.app_label }}/{{ opts.model_name }}/">{{ opts.verbose_name_plural|capfirst }}</a> &rsaquo; Delete multiple objects</div>{% endblock %}
{% block content %}
{% if perms_lacking %}
<p>Deleting the selected {{ objects_name }} would result in deleting related objects, but your account doesn't have permission to delete the following types of objects:</p>
<ul>{% for obj in perms_lacking %}<li>{{ obj }}</li>{% endfor %}</ul>
{% elif protected %}
<p>Deleting the selected {{ objects_name }} would require deleting the following protected related objects:</p>
<ul>{% for obj in protected %}<li>{{ obj }}</li>{% endfor %}</ul>
{% else %}
<p>Are you sure you want to delete the selected {{ objects_name }}? All of the following objects and their related items will be deleted:</p>
<h2>Summary</h2>
<ul>{% for pair in model_count %}<li>{{ pair.0|capfirst }}: {{ pair.1 }}</li>{% endfor %}</ul>
<h2>Objects</h2>
{% for deletable_object in deletable_objects %}<ul>{{ deletable_object|unordered_list }}</ul>{% endfor %}
<form method="post">{% csrf_token %}
<div>
{% for obj in queryset %}<input type="hidden" name="_selected_action" value="{{ obj.pk }}">{% endfor %}
<input type="hidden" name="action" value="delete_selected">
<input type="hidden" name="post" value="yes">
<input type="submit" value="Yes, I’m sure">
<a href="/admin/{{ opts.app_label }}/{{ opts.model_name }}/" class="button cancel-link">No, take me back</a>
</div>
</form>
{% endif %}
{% endblock %}
`;

const password_change_form = `{% extends "admin/base.html" %}
{% block content %}
<div id="content-main">
<form method="post">{% csrf_token %}
{% if errors %}<p class="errornote">{% for e in errors %}{{ e }} {% endfor %}</p>{% endif %}
<p>Please enter your old password, for security’s sake, and then enter your new password twice so we can verify you typed it in correctly.</p>
<fieldset class="module aligned wide">
<div class="form-row"><label for="id_old_password" class="required">Old password:</label> <input type="password" name="old_password" id="id_old_password" required></div>
<div class="form-row"><label for="id_new_password1" class="required">New password:</label> <input type="password" name="new_password1" id="id_new_password1" required></div>
<div class="form-row"><label for="id_new_password2" class="required">New password confirmation:</label> <input type="password" name="new_password2" id="id_new_password2" required></div>
</fieldset>
<div class="submit-row"><input type="submit" value="Change my password" class="default"></div>
</form></div>
{% endblock %}
`;

const password_change_done = `{% extends "admin/base.html" %}
{% block content %}<p>Your password was changed.</p>{% endblock %}
`;


const submit_row = `<div class="submit-row">
{% if has_change_permission or add %}<input type="submit" value="Save" class="default" name="_save">{% endif %}
{% if has_add_permission %}<input type="submit" value="Save and add another" name="_addanother">{% endif %}
{% if has_change_permission or add %}<input type="submit" value="Save and continue editing" name="_continue">{% endif %}
{% if has_delete_permission and change %}<a href="../delete/{% if preserved_filters %}?{{ preserved_filters }}{% endif %}" class="deletelink">Delete</a>{% endif %}
{% if not has_change_permission and not add %}<a href="{{ changelist_url }}" class="closelink">Close</a>{% endif %}
</div>
`;

const fieldset = `<fieldset class="module aligned {{ fieldset.classes_text }}">
{% if fieldset.name %}<h2 class="fieldset-heading">{{ fieldset.name }}</h2>{% endif %}
{% if fieldset.description %}<div class="description">{{ fieldset.description|safe }}</div>{% endif %}
{% for line in fieldset.lines %}
<div class="form-row{% if line.fields|length == 1 and line.errors %} errors{% endif %}{% if not line.has_visible_field %} hidden{% endif %}{% for field in line.fields %} field-{{ field }}{% endfor %}">
  {% if line.fields|length == 1 %}{{ line.errors }}{% endif %}
  <div{% if line.fields|length > 1 %} class="flex-container form-multiline"{% endif %}>
  {% for field in line.items %}
    <div{% if not line.fields|length == 1 %} class="fieldBox field-{{ field.field.name }}{% if not field.is_readonly and field.errors %} errors{% endif %}"{% endif %}>
      {% if not line.fields|length == 1 and not field.is_readonly %}{{ field.errors }}{% endif %}
      <div class="flex-container{% if field.is_checkbox %} checkbox-row{% endif %}">
        {% if field.is_checkbox %}{{ field.field }}{{ field.label_tag }}{% else %}{{ field.label_tag }}{% if field.is_readonly %}<div class="readonly">{{ field.contents }}</div>{% else %}{{ field.field }}{% endif %}{% endif %}
      </div>
      {% if field.field.help_text %}<div class="help"><div>{{ field.field.help_text|safe }}</div></div>{% endif %}
    </div>
  {% endfor %}
  </div>
</div>
{% endfor %}
</fieldset>
`;

const tabular = `<div class="js-inline-admin-formset inline-group" id="{{ inline_admin_formset.formset.prefix }}-group">
<div class="tabular inline-related">
{{ inline_admin_formset.formset.management_form }}
<fieldset class="module">
<h2>{{ inline_admin_formset.verbose_name_plural|capfirst }}</h2>
<table>
<thead><tr><th class="original"></th>{% for field in inline_admin_formset.fields %}<th class="column-{{ field.name }}{% if field.required %} required{% endif %}">{{ field.label }}</th>{% endfor %}{% if inline_admin_formset.opts.can_delete %}<th>Delete?</th>{% endif %}</tr></thead>
<tbody>
{% for row in inline_admin_formset.rows %}
{% if row.errors %}<tr class="row-form-errors"><td colspan="{{ inline_admin_formset.fields|length|add:2 }}">{{ row.errors }}</td></tr>{% endif %}
<tr class="form-row{% if row.original %} has_original{% endif %}" id="{{ row.prefix }}">
<td class="original">{% if row.original %}<p>{{ row.original }}</p>{% endif %}{{ row.pk_field }}{{ row.fk_field }}</td>
{% for field in row.fields %}<td class="field-{{ field.field.name }}">{% if field.is_readonly %}<p>{{ field.contents }}</p>{% else %}{{ field.errors }}{{ field.field }}{% endif %}</td>{% endfor %}
{% if inline_admin_formset.opts.can_delete %}<td class="delete">{% if row.can_delete %}<input type="checkbox" name="{{ row.prefix }}-DELETE" id="id_{{ row.prefix }}-DELETE"{% if row.delete_checked %} checked{% endif %}>{% endif %}</td>{% endif %}
</tr>
{% endfor %}
</tbody>
</table>
</fieldset>
</div>
</div>
`;

const stacked = `<div class="js-inline-admin-formset inline-group" id="{{ inline_admin_formset.formset.prefix }}-group">
<fieldset class="module">
<h2>{{ inline_admin_formset.verbose_name_plural|capfirst }}</h2>
{{ inline_admin_formset.formset.management_form }}
{% for row in inline_admin_formset.rows %}
<div class="inline-related{% if row.original %} has_original{% endif %}" id="{{ row.prefix }}">
<h3><b>{{ inline_admin_formset.verbose_name|capfirst }}:</b> <span class="inline_label">{% if row.original %}{{ row.original }}{% else %}#{{ forloop.counter }}{% endif %}</span>
{% if row.can_delete %}<span class="delete"><input type="checkbox" name="{{ row.prefix }}-DELETE" id="id_{{ row.prefix }}-DELETE"{% if row.delete_checked %} checked{% endif %}><label for="id_{{ row.prefix }}-DELETE">Delete</label></span>{% endif %}</h3>
{{ row.errors }}
<fieldset class="module aligned">
{% for field in row.fields %}<div class="form-row field-{{ field.field.name }}">{{ field.errors }}<div class="flex-container">{{ field.label_tag }}{% if field.is_readonly %}<div class="readonly">{{ field.contents }}</div>{% else %}{{ field.field }}{% endif %}</div></div>{% endfor %}
</fieldset>
{{ row.pk_field }}{{ row.fk_field }}
</div>
{% endfor %}
</fieldset>
</div>
`;

const change_form = `{% extends "admin/base.html" %}
{% block bodyclass %}app-{{ opts.app_label }} model-{{ opts.model_name }} change-form{% endblock %}
{% block breadcrumbs %}<div class="breadcrumbs"><a href="/admin/">Home</a> &rsaquo; <a href="/admin/{{ opts.app_label }}/">{{ opts.app_label|capfirst }}</a> &rsaquo; <a href="{{ changelist_url }}{% if preserved_filters %}?{{ preserved_filters }}{% endif %}">{{ opts.verbose_name_plural|capfirst }}</a> &rsaquo; {% if add %}Add {{ opts.verbose_name }}{% else %}{{ original|truncatewords:"18" }}{% endif %}</div>{% endblock %}
{% block content %}
<div id="content-main">
{% if change and not is_popup %}<ul class="object-tools"><li><a href="../history/" class="historylink">History</a></li></ul>{% endif %}
<form method="post" id="{{ opts.model_name }}_form" novalidate>{% csrf_token %}
<div>
{% if save_on_top %}{% include "admin/submit_line.html" %}{% endif %}
{% if errors %}<p class="errornote">{% if error_count == 1 %}Please correct the error below.{% else %}Please correct the errors below.{% endif %}</p>{{ adminform.form.non_field_errors }}{% endif %}
{% for fieldset in adminform.fieldset_list %}{% include "admin/includes/fieldset.html" %}{% endfor %}
{% for inline_admin_formset in inline_admin_formsets %}{% if inline_admin_formset.opts.template == "admin/edit_inline/stacked.html" %}{% include "admin/edit_inline/stacked.html" %}{% else %}{% include "admin/edit_inline/tabular.html" %}{% endif %}{% endfor %}
{% include "admin/submit_line.html" %}
</div>
</form>
</div>
{% endblock %}
`;

const delete_confirmation = `{% extends "admin/base.html" %}
{% block bodyclass %}app-{{ opts.app_label }} model-{{ opts.model_name }} delete-confirmation{% endblock %}
{% block breadcrumbs %}<div class="breadcrumbs"><a href="/admin/">Home</a> &rsaquo; <a href="/admin/{{ opts.app_label }}/">{{ opts.app_label|capfirst }}</a> &rsaquo; <a href="/admin/{{ opts.app_label }}/{{ opts.model_name }}/">{{ opts.verbose_name_plural|capfirst }}</a> &rsaquo; <a href="../change/">{{ object|truncatewords:"18" }}</a> &rsaquo; Delete</div>{% endblock %}
{% block content %}
{% if perms_lacking %}
<p>Deleting the {{ object_name }} “{{ object }}” would result in deleting related objects, but your account doesn't have permission to delete the following types of objects:</p>
<ul id="deleted-objects">{% for obj in perms_lacking %}<li>{{ obj }}</li>{% endfor %}</ul>
{% elif protected %}
<p>Deleting the {{ object_name }} “{{ object }}” would require deleting the following protected related objects:</p>
<ul id="deleted-objects">{% for obj in protected %}<li>{{ obj }}</li>{% endfor %}</ul>
{% else %}
<p>Are you sure you want to delete the {{ object_name }} “{{ object }}”? All of the following related items will be deleted:</p>
<h2>Summary</h2>
<ul>{% for pair in model_count %}<li>{{ pair.0|capfirst }}: {{ pair.1 }}</li>{% endfor %}</ul>
<h2>Objects</h2>
<ul id="deleted-objects">{{ deleted_objects|unordered_list }}</ul>
<form method="post">{% csrf_token %}
<div>
<input type="hidden" name="post" value="yes">
<input type="submit" value="Yes, I’m sure">
<a href="../change/" class="button cancel-link">No, take me back</a>
</div>
</form>
{% endif %}
{% endblock %}
`;

const object_history = `{% extends "admin/base.html" %}
{% block breadcrumbs %}<div class="breadcrumbs"><a href="/admin/">Home</a> &rsaquo; <a href="/admin/{{ opts.app_label }}/">{{ opts.app_label|capfirst }}</a> &rsaquo; <a href="/admin/{{ opts.app_label }}/{{ opts.model_name }}/">{{ module_name }}</a> &rsaquo; <a href="../change/">{{ object|truncatewords:"18" }}</a> &rsaquo; History</div>{% endblock %}
{% block content %}
<div id="content-main">
<div class="module">
{% if action_list %}
<table id="change-history">
<thead><tr><th scope="col">Date/time</th><th scope="col">User</th><th scope="col">Action</th></tr></thead>
<tbody>
{% for action in action_list %}<tr><th scope="row">{{ action.action_time|date:"DATETIME_FORMAT" }}</th><td>{{ action.user.get_username }}{% if action.user.get_full_name %} ({{ action.user.get_full_name }}){% endif %}</td><td>{{ action.get_change_message }}</td></tr>{% endfor %}
</tbody>
</table>
{% else %}
<p>This object doesn’t have a change history. It probably wasn’t added via this admin site.</p>
{% endif %}
</div>
</div>
{% endblock %}
`;

export const ADMIN_TEMPLATES: Record<string, string> = {
  "admin/base.html": base,
  "admin/base_site.html": `{% extends "admin/base.html" %}`,
  "admin/index.html": index,
  "admin/app_list.html": app_list,
  "admin/app_index.html": app_index,
  "admin/login.html": login,
  "admin/logged_out.html": logged_out,
  "admin/change_list.html": change_list,
  "admin/invalid_setup.html": invalid_setup,
  "admin/delete_selected_confirmation.html": delete_selected_confirmation,
  "admin/password_change_form.html": password_change_form,
  "admin/password_change_done.html": password_change_done,
  "admin/change_form.html": change_form,
  "admin/submit_line.html": submit_row,
  "admin/includes/fieldset.html": fieldset,
  "admin/edit_inline/tabular.html": tabular,
  "admin/edit_inline/stacked.html": stacked,
  "admin/delete_confirmation.html": delete_confirmation,
  "admin/object_history.html": object_history,
};
