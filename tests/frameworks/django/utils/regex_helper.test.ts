import { describe, expect, it } from "vitest";
import { normalize } from "../../../../src/frameworks/django/utils/regex_helper";

describe("regex_helper.normalize: a URL regex → reversible possibilities", () => {
  it.each([
    ["^articles/(?P<year>[0-9]{4})/$", [["articles/%(year)s/", ["year"]]]],
    ["^(\\d+)/(\\d+)/$", [["%(_0)s/%(_1)s/", ["_0", "_1"]]]],
    ["^opt/(?:page-(?P<page>\\d+)/)?$", [["opt/", []], ["opt/page-%(page)s/", ["page"]]]],
    ["^optu/(\\d+)?/?$", [["optu/", []], ["optu/%(_0)s", ["_0"]]]],
    ["^alt/((a)|(b))/$", [["alt/%(_0)s/", ["_0"]]]],
    ["^nc/(?:\\d+)/$", [["nc/0/", []]]],
    ["^a.b*c+d{2,3}e?$", [["a.cdd", []]]],
    ["^\\d\\w\\s\\W\\D\\S\\b\\B\\.$", [["0x !xx.", []]]],
    ["^[^a]z$", [["^z", []]]],
    ["^(?P<a>x)(?P=a)/$", [["%(a)s%(a)s/", ["a"]]]],
    ["^(?=x)a$", [["a", []]]],
    ["^a|b$", [["", []]]],
    ["(\\d+)?(?P<n>\\d)?z", [["z", []], ["%(n)sz", ["n"]], ["%(_0)sz", ["_0"]], ["%(_0)s%(n)sz", ["_0", "n"]]]],
    ["(?:(?:(?P<a>1))?2)?3", [["3", []]]],
    ["articles/(?P<year>[0-9]+)/\\Z", [["articles/%(year)s/", ["year"]]]],
  ])("normalize(%j)", (pattern, expected) => {
    expect(normalize(pattern)).toEqual(expected);
  });

  it("inline flags cannot be reversed", () => {
    expect(() => normalize("^x(?i)y$")).toThrow("Non-reversible reg-exp portion: '(?i'");
  });
});
