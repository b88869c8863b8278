/**
 * The Preview's stylesheet for Django's admin pages. The admin's HTML (as Django renders it) links
 * /static/admin/css/*.css and scripts, which the sandboxed Preview cannot load (opaque origin, a
 * CSP without network access); this compact stylesheet in the spirit of Django's base.css,
 * changelists.css and forms.css takes their place so a page reads as the admin.
 */
export const ADMIN_PREVIEW_CSS = `
:root{--primary:#79aec8;--secondary:#417690;--accent:#f5dd5d;--primary-fg:#fff;--body-fg:#333;--body-bg:#fff;--body-quiet-color:#666;--header-color:#ffc;--breadcrumbs-bg:#79aec8;--link-fg:#417893;--link-hover-color:#036;--hairline-color:#e8e8e8;--border-color:#ccc;--error-fg:#ba2121;--message-success-bg:#dfd;--message-warning-bg:#ffc;--message-error-bg:#ffefef;--darkened-bg:#f8f8f8;--selected-bg:#e4e4e4;--selected-row:#ffc;--button-bg:#79aec8;--default-button-bg:#417690;--delete-button-bg:#ba2121;--object-tools-bg:#888;}
*{box-sizing:border-box}
body{margin:0;padding:0;font-size:0.875rem;font-family:-apple-system,"Segoe UI",system-ui,Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--body-fg);background:var(--body-bg)}
a:link,a:visited{color:var(--link-fg);text-decoration:none}a:hover{color:var(--link-hover-color)}
h1{margin:0 0 20px;font-weight:300;font-size:1.25rem}h2{font-size:1rem;margin:1em 0 .5em}h3{font-size:.875rem;margin:.8em 0 .3em}
#header{display:flex;justify-content:space-between;align-items:center;padding:10px 40px;background:var(--secondary);color:var(--header-color);flex-wrap:wrap;gap:8px}
#site-name{margin:0;font-size:1.5rem;font-weight:300}#site-name a:link,#site-name a:visited{color:var(--accent)}
#user-tools{font-size:.6875rem;letter-spacing:.5px;text-transform:uppercase}#user-tools a{color:var(--header-color);border-bottom:1px solid rgba(255,255,255,.25)}
#logout-form{display:inline}#logout-form button{background:none;border:0;color:var(--header-color);font:inherit;text-transform:uppercase;letter-spacing:.5px;cursor:pointer;padding:0;border-bottom:1px solid rgba(255,255,255,.25)}
div.breadcrumbs{background:var(--breadcrumbs-bg);padding:10px 40px;color:#fff;font-size:.875rem}div.breadcrumbs a{color:#fff}
.main{display:flex}.content{flex:1 1 auto}#content{padding:20px 40px}
.module{border:none;margin-bottom:30px;background:var(--body-bg)}.module table{width:100%}
.module h2,.module caption{margin:0;padding:8px;font-weight:400;font-size:.8125rem;text-align:left;background:var(--primary);color:var(--primary-fg)}
.module caption a{color:var(--primary-fg)}
table{border-collapse:collapse;border-color:var(--border-color)}td,th{font-size:.8125rem;line-height:1rem;border-bottom:1px solid var(--hairline-color);vertical-align:top;padding:8px;text-align:left}
thead th{color:var(--body-quiet-color);padding:5px 10px;font-size:.6875rem;background:var(--body-bg);border:none;border-top:1px solid var(--hairline-color);border-bottom:1px solid var(--hairline-color)}
tr:nth-child(even){background:var(--darkened-bg)}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0,0,0,0)}
.addlink,.changelink,.viewlink{padding-left:4px}
ul.object-tools{list-style:none;float:right;margin:-48px 0 0;padding:0}ul.object-tools li{display:inline-block;margin-left:5px}
ul.object-tools a{display:block;padding:3px 12px;background:var(--object-tools-bg);color:#fff;font-size:.6875rem;text-transform:uppercase;border-radius:15px;font-weight:400;letter-spacing:.5px}
.errornote{font-size:.875rem;display:block;padding:10px 12px;margin:0 0 10px;color:var(--error-fg);border:1px solid var(--error-fg);border-radius:4px;background:var(--body-bg)}
ul.errorlist{margin:0 0 4px;padding:0;color:var(--error-fg);list-style:none;font-size:.8125rem}
ul.messagelist{padding:0;margin:0}ul.messagelist li{display:block;padding:12px 12px 12px 40px;margin:0 0 10px;background:var(--message-success-bg);font-size:.8125rem}
ul.messagelist li.warning{background:var(--message-warning-bg)}ul.messagelist li.error{background:var(--message-error-bg)}
#changelist{display:flex;align-items:flex-start;justify-content:space-between}#changelist .changelist-form-container{flex:1 1 auto;min-width:0}
#changelist table{width:100%}#changelist .results{overflow-x:auto;width:100%}
#toolbar{padding:8px 10px;margin-bottom:15px;border-top:1px solid var(--hairline-color);border-bottom:1px solid var(--hairline-color);background:var(--darkened-bg);color:var(--body-quiet-color)}
#toolbar form input{border-radius:4px;font-size:.875rem;padding:5px;color:var(--body-fg)}#toolbar #searchbar{height:1.9rem;border:1px solid var(--border-color);padding:2px 5px;margin:0;vertical-align:top}
#toolbar label{position:absolute;left:-9999px}
.small{font-size:.6875rem}.quiet{color:var(--body-quiet-color)}
#changelist-filter{flex:0 0 240px;order:1;background:var(--darkened-bg);border-left:none;margin:0 0 0 30px}
#changelist-filter h2{font-size:.875rem;text-transform:uppercase;letter-spacing:.5px;padding:5px 15px;margin-bottom:12px;border-bottom:none;background:var(--primary);color:#fff}
#changelist-filter h3,#changelist-filter summary{font-weight:400;padding:0 15px;margin-bottom:10px;cursor:pointer}
#changelist-filter ul{margin:5px 0;padding:0 15px 15px;border-bottom:1px solid var(--hairline-color);list-style:none}
#changelist-filter li{padding:2px 0}#changelist-filter li.selected{border-left:5px solid var(--hairline-color);padding-left:10px;margin-left:-15px}
#changelist-filter li.selected a{color:var(--link-selected-fg,#5b80b2)}
.toplinks{list-style:none;padding:0;margin:0 0 10px;display:flex;flex-wrap:wrap;gap:10px}.xfull{width:100%}
#changelist .actions{padding:10px;background:var(--body-bg);border-top:none;border-bottom:none;line-height:1.5rem;color:var(--body-quiet-color)}
#changelist .actions select{padding:2px 4px;margin:0 .5em}
.button,input[type=submit],input[type=button],button.button{background:var(--button-bg);padding:10px 15px;border:none;border-radius:4px;color:#fff;cursor:pointer}
.button.default,input[type=submit].default{background:var(--default-button-bg);font-weight:700}
.deletelink,a.deletelink{display:block;background:var(--delete-button-bg);border-radius:4px;padding:10px 15px;color:#fff!important}
a.cancel-link{display:inline-block;background:#ddd;color:#333!important;border-radius:4px;padding:10px 15px;margin-left:8px}
p.paginator{font-size:.8125rem;padding-top:10px;padding-bottom:10px;line-height:22px;margin:0;border-top:1px solid var(--hairline-color)}
.paginator a:link,.paginator a:visited{padding:2px 6px;background:var(--button-bg);color:#fff}.paginator a.showall{border:none;background:none;color:var(--link-fg)}
.paginator .this-page{padding:2px 6px;font-weight:700;font-size:.8125rem;vertical-align:top}.paginator .end{margin-right:6px}
thead th.sorted{background:var(--selected-bg)}thead th.sorted .text{padding-right:42px}table thead th .text a{display:block;cursor:pointer}
table thead th.sortable:hover{background:var(--selected-bg)}
.sortoptions{display:block;padding:9px 5px 0 5px;float:right;text-align:right}.sortoptions a{position:relative;width:14px;height:14px;display:inline-block;font-size:.625rem}
.sortpriority{font-size:.625rem}
td.nowrap,th.nowrap{white-space:nowrap}.action-checkbox,.action-checkbox-column{width:1.5em;text-align:center}
fieldset{margin:0 0 30px;padding:0;border:none;border-top:1px solid var(--hairline-color)}
fieldset.module h2{margin:0}fieldset .fieldset-heading{margin:0;padding:8px;font-weight:400;font-size:.8125rem;background:var(--primary);color:#fff}
.form-row{overflow:hidden;padding:10px;font-size:.8125rem;border-bottom:1px solid var(--hairline-color)}
.aligned label{display:inline-block;padding:4px 10px 0 0;min-width:160px;width:160px;word-wrap:break-word}
label.required{font-weight:700}
.aligned .help,.help{color:var(--body-quiet-color);font-size:.6875rem;margin:4px 0 0 170px}
input[type=text],input[type=password],input[type=email],input[type=url],input[type=number],input[type=tel],textarea,select{border:1px solid var(--border-color);border-radius:4px;padding:5px 6px;margin-top:0;color:var(--body-fg);background:var(--body-bg)}
textarea{vertical-align:top;width:30em}input[type=text]{width:20em}
.errors input,.errors select,.errors textarea{border:1px solid var(--error-fg)}
.submit-row{padding:12px 14px;margin:0 0 20px;background:var(--darkened-bg);border:1px solid var(--hairline-color);border-radius:4px;display:flex;gap:10px;flex-wrap:wrap;align-items:center}
.submit-row .deletelink-box{margin-left:auto}
.inline-group{padding:0;margin:0 0 30px}.inline-group h2{padding:8px;background:var(--primary);color:#fff;font-size:.8125rem;font-weight:400;margin:0}
.inline-group .tabular td.original p{font-size:.6875rem;color:var(--body-quiet-color);margin:0}
.inline-related h3{margin:0;padding:5px;font-size:.8125rem;background:var(--darkened-bg);border-top:1px solid var(--hairline-color)}
.readonly{display:inline-block;padding:4px 0}
#content-related{flex:0 0 260px;margin-left:20px;padding:20px 20px 0 0}#content-related .module h2{background:none;color:var(--body-fg);border-bottom:1px solid var(--hairline-color);padding:0 0 8px}
body.login #container{max-width:28em;margin:100px auto;border:1px solid var(--hairline-color);border-radius:4px}body.login #header{justify-content:center}body.login #content{padding:20px}
body.login .form-row label{display:block;padding:0 0 4px}body.login .form-row input{width:100%}body.login .submit-row{background:none;border:none;padding:1em 0 0}
#footer{clear:both;padding:10px}.clear{clear:both}
.base-svgs,.theme-toggle,#toggle-nav-sidebar,#nav-sidebar,.hidden,.empty-form,.skip-to-content-link,.sortoptions a:empty{display:none}
details>summary{cursor:pointer;list-style:none}fieldset.collapse h2,fieldset details h2{display:inline}
.flex-container{display:flex;flex-wrap:wrap;align-items:center;gap:6px}.fieldBox{margin-right:20px}
p.datetime,p.date,p.time{margin:0;line-height:2}.related-widget-wrapper{display:flex;gap:6px;align-items:center}.related-widget-wrapper-link img{width:16px;height:16px}
.inline-heading{margin:0;padding:8px;font-weight:400;font-size:.8125rem;background:var(--primary);color:var(--primary-fg)}
#changelist-filter details{margin:0 0 12px}#changelist-filter summary{font-weight:600}
nav.toplinks{display:flex;gap:10px;padding:8px;border-bottom:1px solid var(--hairline-color)}
#changelist-search img{width:14px;height:14px;vertical-align:middle}
`;

const svg = (body: string) => `data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">${body}</svg>`)}`;
const circle = (fill: string, path: string) => svg(`<circle cx="8" cy="8" r="7" fill="${fill}"/><path d="${path}" stroke="#fff" stroke-width="2" fill="none"/>`);

/** The admin's icons as data URLs (the boolean column's yes/no/unknown, the related-object links, search). */
export const ADMIN_ICONS: Record<string, string> = {
  "icon-yes": circle("#70bf2b", "M4 8l3 3 5-6"),
  "icon-no": circle("#dd4646", "M5 5l6 6M11 5l-6 6"),
  "icon-unknown": circle("#999", "M6 6a2 2 0 1 1 2 2v2M8 12v1"),
  "icon-changelink": svg('<path d="M3 13l1-4 7-7 3 3-7 7z" fill="#efb80b"/>'),
  "icon-addlink": svg('<path d="M7 2h2v12H7zM2 7h12v2H2z" fill="#70bf2b"/>'),
  "icon-deletelink": svg('<path d="M4 4l8 8M12 4l-8 8" stroke="#dd4646" stroke-width="2"/>'),
  "icon-viewlink": svg('<ellipse cx="8" cy="8" rx="7" ry="4" fill="none" stroke="#417690" stroke-width="1.5"/><circle cx="8" cy="8" r="2" fill="#417690"/>'),
  search: svg('<circle cx="6.5" cy="6.5" r="4.5" fill="none" stroke="#555" stroke-width="2"/><path d="M10 10l4 4" stroke="#555" stroke-width="2"/>'),
};
