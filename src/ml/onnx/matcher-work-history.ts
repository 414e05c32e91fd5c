/**
 * The stand-alone work-history flatteners shipped in the matcher bundle. The matcher was trained
 * on flattenWorkHistory's text (src/ml/models/matcher/sections.ts), so a service must turn a
 * candidate's work-history JSON into the same text before tokenizing; both must give exactly what
 * flattenWorkHistory gives (matcher-work-history.test.ts runs them). Kept as source text so the
 * export writes them out unchanged.
 */

export const MATCHER_WORK_HISTORY_FILES = { mjs: 'work-history.mjs', py: 'work_history.py' } as const;

// the sources hold no backtick or ${
export const MATCHER_WORK_HISTORY_MJS = String.raw`/**
 * Kiln matcher: a candidate's work-history cell -> the experience text the matcher was trained on.
 * Plain ES module, no dependencies. Call it on the cell's text (a jsonb column as its JSON text)
 * before MatcherTokenizer, for each section whose candidate column holds work history.
 *
 * A cell that is a JSON array of roles becomes each role's title, company, description, summary
 * and responsibilities (the non-empty strings among them, joined by a space), roles ordered by
 * start_date (else start) as text, most recent first, joined by ". ". Any other cell is returned
 * as it is; null gives "".
 *
 *   import { flattenWorkHistory } from './work-history.mjs';
 *   flattenWorkHistory('[{"title": "Data analyst", "company": "Acme", "start_date": "2019-05"}]');
 *   // 'Data analyst Acme'
 */
const ROLE_FIELDS = ['title', 'company', 'description', 'summary', 'responsibilities'];

export function flattenWorkHistory(cell) {
  if (cell === null || cell === undefined) return '';
  const t = cell.trim();
  if (!t.startsWith('[')) return cell;
  let roles;
  try {
    roles = JSON.parse(t);
  } catch {
    return cell;
  }
  if (!Array.isArray(roles)) return cell;
  const items = roles.filter((r) => typeof r === 'object' && r !== null);
  const start = (r) => String(r.start_date ?? r.start ?? '');
  return [...items]
    .sort((a, b) => (start(a) < start(b) ? 1 : start(a) > start(b) ? -1 : 0))
    .map((r) => ROLE_FIELDS.map((f) => r[f]).filter((v) => typeof v === 'string' && v !== '').join(' '))
    .filter((s) => s !== '')
    .join('. ');
}
`;

export const MATCHER_WORK_HISTORY_PY = String.raw`"""Kiln matcher: a candidate's work-history cell -> the experience text the matcher was trained on.

Python 3, standard library only. Call it on the cell's text (a jsonb column as its JSON text, e.g.
json.dumps of what psycopg returns) before MatcherTokenizer, for each section whose candidate
column holds work history.

A cell that is a JSON array of roles becomes each role's title, company, description, summary and
responsibilities (the non-empty strings among them, joined by a space), roles ordered by
start_date (else start) as text, most recent first, joined by ". ". Any other cell is returned as
it is; None gives "".

It gives exactly the studio's text, which is JavaScript's: JavaScript's trim() whitespace, strict
JSON (no NaN / Infinity), numbers and other values turned to text as JavaScript's String() does,
and text compared by UTF-16 code units.

    from work_history import flatten_work_history
    flatten_work_history('[{"title": "Data analyst", "company": "Acme", "start_date": "2019-05"}]')
    # 'Data analyst Acme'
"""
import json

ROLE_FIELDS = ("title", "company", "description", "summary", "responsibilities")
# what JavaScript's String.prototype.trim() removes (not Python's str.isspace() set)
_JS_SPACE = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"


def _reject_constant(name):
    raise ValueError("not JSON: " + name)


def _js_number(x):
    """JavaScript's Number.prototype.toString() of a float."""
    if x != x:
        return "NaN"
    if x in (float("inf"), float("-inf")):
        return "Infinity" if x > 0 else "-Infinity"
    if x == 0:
        return "0"
    sign = "-" if x < 0 else ""
    mant, _, exp = repr(abs(x)).partition("e")
    whole, _, frac = mant.partition(".")
    digits = whole + frac.rstrip("0")
    n = len(whole) + int(exp or 0)
    stripped = digits.lstrip("0")
    n -= len(digits) - len(stripped)
    s = stripped.rstrip("0")
    k = len(s)
    if k <= n <= 21:
        return sign + s + "0" * (n - k)
    if 0 < n <= 21:
        return sign + s[:n] + "." + s[n:]
    if -6 < n <= 0:
        return sign + "0." + "0" * -n + s
    e = n - 1
    return sign + (s if k == 1 else s[0] + "." + s[1:]) + "e" + ("+" if e >= 0 else "-") + str(abs(e))


def _js_string(v):
    """JavaScript's String(v) of a parsed JSON value."""
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return _js_number(float(v))
    if v is None:
        return "null"
    if isinstance(v, list):
        return ",".join("" if x is None else _js_string(x) for x in v)
    return "[object Object]"


def _start(role):
    v = role.get("start_date")
    if v is None:
        v = role.get("start")
    return "" if v is None else _js_string(v)


def flatten_work_history(cell):
    if cell is None:
        return ""
    t = cell.strip(_JS_SPACE)
    if not t.startswith("["):
        return cell
    try:
        roles = json.loads(t, parse_constant=_reject_constant, parse_int=float)
    except (ValueError, RecursionError):
        return cell
    if not isinstance(roles, list):
        return cell
    # nested arrays count as roles in the studio too, but have no fields, so they add nothing
    items = [r for r in roles if isinstance(r, dict)]
    items = sorted(items, key=lambda r: _start(r).encode("utf-16-be", "surrogatepass"), reverse=True)
    texts = (" ".join(v for v in (r.get(f) for f in ROLE_FIELDS) if isinstance(v, str) and v != "") for r in items)
    return ". ".join(s for s in texts if s != "")
`;
