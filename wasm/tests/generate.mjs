// A deterministic generator of records from a model's input JSON Schema (ruleset.schema()):
// mostly realistic values, some invalid ones (wrong types, out of range, unknown fields and
// values, bad dates, wrong list sizes, missing fields), and some JSON texts that are not
// what JSON.stringify writes (malformed, other number forms, duplicate keys, not an object).

/** A seeded generator of numbers in [0, 1) (mulberry32). */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = [
  "Sở Giáo dục và Đào tạo tỉnh Hải Dương",
  "Phòng Tư pháp huyện Mường Lát",
  "Xã Tam An",
  "Nguyễn Thị Hoa",
  "Hộ ông Lò Văn Páo",
  "Trường Tiểu học Kim Tân",
  "Tổ dân phố số 7",
  "",
  "Ban quản lý dự án \"Đường tỉnh 391\"",
  "Thôn Phú Mỹ — xã Vĩnh Tân",
  "Đơn vị có tên rất dài ".repeat(8),
  "a\tb\\c/d\u0001 😀 \u2028",
];
const BAD_DATES = ["2023-02-30", "2023-13-01", "20230101", "2023-2-3", "2023-02-29", "", "ngày 1/1/2023"];
const ODD_NUMBERS = [9007199254740991, 9007199254740993, 1e15, 1e16, 1e21, 1e300, -1e-300, 0.1 + 0.2, -0, 1 / 3, 5e-324];

/** `count` records for `schema`: `{ value, text }`, `value` undefined for a raw text. */
export function generateRecords(schema, count, seed) {
  const rand = random(seed);
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  const out = [];
  for (let i = 0; i < count; i++) {
    const scale = 1 + Math.floor(rand() * rand() * 400);
    // A third of the records lean to the top of every range, so that all-must-pass models
    // and high tiers are reached too.
    const good = rand() < 0.35;
    const value = gen(schema, { rand, pick, int, scale, good, name: "" });
    const r = rand();
    if (r < 0.12) {
      const n = int(1, 3);
      for (let k = 0; k < n; k++) mutate(value, schema, { rand, pick, int });
    }
    if (r > 0.97) {
      out.push({ value: undefined, text: rawText(value, { rand, pick, int }) });
    } else {
      out.push({ value, text: JSON.stringify(value) });
    }
  }
  return out;
}

function bounds(s) {
  const lo = s.minimum ?? -1e6;
  const hi = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum : 1e6);
  return { lo, hi, exclusive: s.exclusiveMaximum !== undefined };
}

function gen(s, g) {
  const { rand, pick, int } = g;
  if (s.anyOf) return rand() < 0.1 ? null : gen(s.anyOf[0], g);
  if (s.oneOf) {
    const top = s.oneOf.length - 1;
    return s.oneOf[g.good && rand() < 0.9 ? int(Math.max(0, top - 1), top) : int(0, top)].const;
  }
  switch (s.type) {
    case "boolean":
      return rand() < (g.good ? 0.97 : 0.75);
    case "integer": {
      const { lo, hi, exclusive } = bounds(s);
      const top = exclusive ? hi - 1 : hi;
      if (top - lo <= 200) {
        return rand() < 0.8 ? int(lo, Math.min(top, lo + 8)) : int(lo, top);
      }
      // Counts of one population: the total is the record's scale, the parts fit in it.
      if (/total/.test(g.name)) return Math.max(lo, g.scale);
      if (/exempt|excluded|broke|violat/.test(g.name)) return Math.max(lo, int(0, 2));
      const r = g.good ? rand() * 0.45 : rand();
      const v =
        r < 0.45 ? Math.round(g.scale * (0.8 + 0.18 * rand())) : r < 0.85 ? int(0, g.scale) : r < 0.95 ? int(0, 10) : lo;
      return Math.min(Math.max(v, lo), top);
    }
    case "number": {
      const { lo, hi, exclusive } = bounds(s);
      const span = Math.min(hi, lo + 1000) - lo;
      const r = rand();
      let v;
      if (g.good) v = lo + span * (1 - 0.25 * rand() * rand());
      else if (r < 0.15) v = exclusive ? lo : hi <= lo + 1000 ? hi : lo + 1000;
      else if (r < 0.25) v = lo + rand() * span; // a double with every digit
      else v = lo + Math.round(rand() * span * 100) / 100;
      if (exclusive && v >= hi) v = lo;
      return Math.min(Math.max(v, lo), hi);
    }
    case "string":
      if (s.format === "date") {
        const y = int(1940, 2026);
        const m = int(1, 12);
        const d = int(1, new Date(Date.UTC(y, m, 0)).getUTCDate());
        return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
      }
      return pick(NAMES);
    case "array": {
      const min = s.minItems ?? 0;
      const max = s.maxItems ?? min + 7;
      const n = min === max ? min : int(min, Math.min(max, min + 7));
      return Array.from({ length: n }, () => gen(s.items, { ...g, name: "" }));
    }
    case "object": {
      const obj = {};
      for (const [name, p] of Object.entries(s.properties ?? {})) {
        const required = (s.required ?? []).includes(name);
        if (required || rand() < 0.85) obj[name] = gen(p, { ...g, name });
      }
      return obj;
    }
    default:
      return null;
  }
}

/** The object schemas and objects inside a record: the record and each item of its lists. */
function objects(value, schema, acc = []) {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return acc;
  acc.push([value, schema]);
  for (const [name, p] of Object.entries(schema.properties ?? {})) {
    const s = p.anyOf ? p.anyOf[0] : p;
    if (s.type === "array" && Array.isArray(value[name])) {
      for (const item of value[name]) objects(item, s.items, acc);
    }
  }
  return acc;
}

function mutate(record, schema, { rand, pick, int }) {
  const [obj, s] = pick(objects(record, schema));
  const names = Object.keys(s.properties ?? {});
  if (names.length === 0) return;
  const name = pick(names);
  const p = s.properties[name].anyOf ? s.properties[name].anyOf[0] : s.properties[name];
  switch (int(0, 10)) {
    case 0:
      delete obj[name];
      break;
    case 1:
      obj[pick(["truong_la", "ghi_chu", name.toUpperCase(), ""])] = pick([1, "x", null]);
      break;
    case 2:
      obj[name] = pick(["58", 1, true, {}, [], "", "true"]);
      break;
    case 3:
      if (p.type === "integer" || p.type === "number") {
        const { lo, hi, exclusive } = bounds(p);
        obj[name] = pick([lo - 1, exclusive ? hi : hi + 1, lo - 0.5, hi + 0.001]);
      } else obj[name] = null;
      break;
    case 4:
      obj[name] = p.type === "integer" ? pick([3.5, 0.1, -1]) : pick(ODD_NUMBERS);
      break;
    case 5:
      obj[name] = p.oneOf ? pick(["khong_ro", p.oneOf[0].const.toUpperCase(), 1]) : pick(ODD_NUMBERS);
      break;
    case 6:
      obj[name] = p.format === "date" ? pick(BAD_DATES) : pick(ODD_NUMBERS);
      break;
    case 7:
      if (Array.isArray(obj[name])) {
        if (rand() < 0.5) obj[name].push(obj[name][0] ?? 1);
        else obj[name] = [];
      } else obj[name] = pick([[1, 2], [null], [[]]]);
      break;
    case 8:
      if (Array.isArray(obj[name]) && obj[name].length > 0) {
        obj[name][int(0, obj[name].length - 1)] = pick([null, "x", {}, 11, -1, 2.5]);
      } else obj[name] = null;
      break;
    case 9:
      obj[name] = null;
      break;
    default:
      obj[name] = pick(ODD_NUMBERS);
  }
}

function rawText(value, { rand, pick, int }) {
  const text = JSON.stringify(value);
  switch (int(0, 9)) {
    case 0:
      return text.slice(0, int(0, text.length - 1));
    case 1:
      return text.replace(/:(\d+)([,}])/, (_, n, end) => `:${n}${pick([".0", "e0", ".000", "E+0"])}${end}`);
    case 2:
      return text.replace(/^\{("[^"]*"):/, (m, key) => `{${key}:1,${key}:`);
    case 3:
      return pick(["[]", "\"abc\"", "123", "null", "true", "{}", "", " ", "[{}]", "{\"a\":}"]);
    case 4:
      return `  ${text.replaceAll(",\"", ", \"")}\t `;
    case 5:
      return text.replace(/"([^"\\]*)Đ/, "\"$1\\u0110").replace("ư", "\\u01b0");
    case 6:
      return `${text} x`;
    case 7:
      return text.replace(/"[^"\\]*"(?=[,}])/, "\"\\ud800\"");
    case 8:
      return text.replace(/:(\d+)([,}])/, ":-$1$2").replace(/:true/, ":TRUE");
    default:
      return text.replace(/:(\d+)([,}])/, ":1e400$2");
  }
}
