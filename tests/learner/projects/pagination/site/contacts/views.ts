import { EmptyPage, PageNotAnInteger, Paginator } from "django/core/paginator";
import { HttpResponse } from "django/http";
import { render } from "django/shortcuts";
import { ListView } from "django/views/generic";
import { py_repr } from "python";

// Python's range(start, stop) as a list
const range = (start: number, stop?: number) => (stop === undefined ? [...Array(start).keys()] : [...Array(stop - start).keys()].map((i) => i + start));
import { Contact } from "./models";

export function listing(request) {
  const contact_list = Contact.objects.all();
  const paginator = new Paginator(contact_list, 5); // Show 5 contacts per page.
  const page_number = request.GET.get("page");
  const page_obj = paginator.get_page(page_number);
  return render(request, "contacts/list.html", { page_obj });
}

export function strict(request) {
  const paginator = new Paginator(Contact.objects.all(), 5, { orphans: 2 });
  let page_obj;
  try {
    page_obj = paginator.page(request.GET.get("page", 1));
  } catch (e) {
    if (e instanceof PageNotAnInteger) return new HttpResponse("Not an integer", { status: 400 });
    if (e instanceof EmptyPage) return new HttpResponse(`Empty: ${e}`, { status: 404 });
    throw e;
  }
  return render(request, "contacts/list.html", { page_obj });
}

export function elided(request) {
  const numbers = [...range(1, 101)];
  const paginator = new Paginator(numbers, 2);
  const page_obj = paginator.get_page(request.GET.get("page"));
  const on_each_side = Number(request.GET.get("each", 3));
  const page_range = paginator.get_elided_page_range(page_obj.number, { on_each_side, on_ends: 2 });
  return render(request, "contacts/elided.html", { page_obj, page_range, ellipsis: paginator.ELLIPSIS });
}

export function facts(request) {
  const empty = new Paginator([], 10);
  const strict_empty = new Paginator([], 10, { allow_empty_first_page: false });
  const orphaned = new Paginator([..."abcdefghijkl"], 5, { orphans: 2 });
  const lines = [
    `empty: count=${empty.count} num_pages=${empty.num_pages} range=${py_repr([...empty.page_range])}`,
    `strict empty: count=${strict_empty.count} num_pages=${strict_empty.num_pages}`,
    `orphans: num_pages=${orphaned.num_pages} last=${py_repr([...orphaned.page(2)])}`,
    `page 2: ${orphaned.page(2).__repr__()} start=${orphaned.page(2).start_index()} end=${orphaned.page(2).end_index()}`,
    `empty page 1: start=${empty.page(1).start_index()} end=${empty.page(1).end_index()}`,
  ];
  for (const value of ["0", "-1", "x", "3", "2.0", null]) {
    try {
      lines.push(`validate ${py_repr(value)}: ${orphaned.validate_number(value)}`);
    } catch (e) {
      if (!(e instanceof PageNotAnInteger || e instanceof EmptyPage)) throw e;
      lines.push(`validate ${py_repr(value)}: ${e.constructor.name}: ${e}`);
    }
  }
  try {
    strict_empty.page(1);
  } catch (e) {
    if (!(e instanceof EmptyPage)) throw e;
    lines.push(`strict empty page 1: ${e}`);
  }
  lines.push(`get_page(99): ${orphaned.get_page(99)}`);
  lines.push(`get_page('abc'): ${orphaned.get_page("abc")}`);
  lines.push("elided: " + [...new Paginator(range(50), 1).get_elided_page_range(25)].map(String).join(", "));
  lines.push("elided small: " + [...new Paginator(range(9), 1).get_elided_page_range(5)].map(String).join(", "));
  return new HttpResponse(lines.join("\n"), { content_type: "text/plain" });
}

export class ContactListView extends ListView {
  static paginate_by = 4;
  static paginate_orphans = 1;
  static model = Contact;
}

export class StrictListView extends ListView {
  static model = Contact;
  static paginate_by = 3;
  static page_kwarg = "p";
  static allow_empty = false;
  static template_name = "contacts/strict_list.html";

  get_queryset() {
    return super.get_queryset().filter({ last_name__icontains: this.request.GET.get("q", "") });
  }
}
