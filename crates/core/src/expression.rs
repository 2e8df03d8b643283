//! Three-valued evaluation of checked expressions: anything computed from an unknown input
//! is unknown, except where the answer cannot depend on it (`false and ?` is `false`).

use std::cell::RefCell;
use std::cmp::Ordering;

use rust_decimal::Decimal;
use tieuchi_syntax::ast::BinOp;

use crate::program::{Agg, Builtin, CExpr};
use crate::record_error::{RecordCode, RecordError, pointer};
use crate::value::{Val, Value, cmp_num, div_num};

/// Values an expression can read: the record's slots, the `let`s computed so far, and the
/// list items it is inside (innermost first).
#[derive(Clone, Copy)]
pub(crate) struct Env<'a> {
    pub record: &'a [Value],
    pub lets: &'a [Value],
    pub item: Option<&'a Frame<'a>>,
    /// Where run-time problems of the record (a division by 0) are gathered, when wanted.
    pub faults: Option<&'a RefCell<Vec<RecordError>>>,
    /// What is gathered while evaluating, when wanted (a test, an `Option` of a reference,
    /// on the usual path).
    pub watch: Option<&'a Watch>,
}

/// What an evaluation gathers beside its value: for explaining an unknown result, or for
/// measuring how closely tests approach the thresholds of the rules.
pub(crate) enum Watch {
    /// The unknown values an unknown result depends on.
    Unknowns(RefCell<Vec<Read>>),
    /// The values compared (see [`Seen`]).
    Comparisons(RefCell<Vec<Seen>>),
}

/// A known value met as one side of a comparison (`a >= b`) or of a range test
/// (`a in lo..hi`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Seen {
    /// The side's expression, known by where it is in the program (only compared).
    pub side: *const CExpr,
    /// Its value.
    pub value: Value,
}

/// An unknown value read on the way to an unknown result (see [`Env::trace`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Read {
    /// A field of the record, by slot.
    Field(usize),
    /// A `let`, by position: what it depends on is traced apart.
    Let(usize),
    /// A slot of a list item, the item known by where its row is in the record (the caller
    /// maps rows back to paths; the pointer is only compared, never read through).
    Cell {
        /// The row's first value.
        row: *const Value,
        /// Slot within the row.
        slot: usize,
    },
}

/// One list item being looked at, and the item around it.
pub(crate) struct Frame<'a> {
    row: &'a [Value],
    parent: Option<&'a Frame<'a>>,
}

impl<'a> Env<'a> {
    /// The environment of the top-level record.
    pub fn new(record: &'a [Value], lets: &'a [Value]) -> Self {
        Env {
            record,
            lets,
            item: None,
            faults: None,
            watch: None,
        }
    }

    /// The environment of the top-level record, gathering its run-time problems in `faults`.
    pub fn with_faults(
        record: &'a [Value],
        lets: &'a [Value],
        faults: &'a RefCell<Vec<RecordError>>,
    ) -> Self {
        Env {
            faults: Some(faults),
            ..Env::new(record, lets)
        }
    }

    /// Reports a divisor of 0 that reads the input fields `names` (R012), once per field set.
    fn zero_divisor(&self, names: &[String]) {
        let Some(faults) = self.faults else {
            return;
        };
        let path = names.first().map(|n| pointer(n)).unwrap_or_default();
        let message = if names.is_empty() {
            "phép chia cho 0 (division by zero): số chia bằng 0; hãy sửa bản ghi (fix the record)"
                .to_string()
        } else {
            let list = names
                .iter()
                .map(|n| format!("\"{n}\""))
                .collect::<Vec<_>>()
                .join(", ");
            format!(
                "phép chia cho 0 (division by zero): số chia tính từ trường {list} bằng 0; hãy sửa bản ghi, hoặc sửa bộ quy tắc để xử lý trường hợp này bằng `if` (fix the record, or guard the division in the rules with `if`)"
            )
        };
        let mut faults = faults.borrow_mut();
        if !faults
            .iter()
            .any(|f| f.path == path && f.message == message)
        {
            faults.push(RecordError {
                path,
                code: RecordCode::DivisionByZero,
                message,
            });
        }
    }
}

/// Evaluates an expression into an owned value; a filtered list (`members where …`) is
/// gathered into a new list.
pub(crate) fn eval_owned(e: &CExpr, env: Env<'_>) -> Value {
    match picks(e, env) {
        Pick::Items(field, items) => return Value::Picked(field, items),
        Pick::Unknown => return Value::Unknown,
        Pick::Elsewhere => {}
    }
    if let CExpr::Where(..) = e {
        return match rows(e, env) {
            Some(rows) => Value::List(rows.iter().map(|r| r.to_vec()).collect()),
            None => Value::Unknown,
        };
    }
    eval(e, env).to_value()
}

/// The items of a list expression as positions in a list input field of the record.
enum Pick {
    /// These items of the list in the input field at this slot.
    Items(usize, Vec<u32>),
    /// The list, or whether some item is kept, is unknown.
    Unknown,
    /// The items do not all come from one list input field (a list inside an item): they are
    /// copied.
    Elsewhere,
}

/// The items of `e` as positions in a list input field, when `e` filters one (`members where
/// …`, or a `let` that did). Positions rather than copies of the items: the family model
/// filters its members nine times, and each copy took the members' texts and nested lists;
/// with positions its evaluation went from 156–173 k to 198–248 k records/s (`cargo bench -p
/// tieuchi-bench --bench evaluate`, the two builds run in turn, 2026-12-07).
fn picks(e: &CExpr, env: Env<'_>) -> Pick {
    match e {
        CExpr::Field(slot) => match env.record.get(*slot) {
            Some(Value::List(all)) => {
                let count = u32::try_from(all.len()).unwrap_or(u32::MAX);
                Pick::Items(*slot, (0..count).collect())
            }
            // Not a list (missing): read the usual way, so that explaining an unknown result
            // sees the read.
            _ => Pick::Elsewhere,
        },
        CExpr::Let(i) => match env.lets.get(*i) {
            Some(Value::Picked(field, items)) => Pick::Items(*field, items.clone()),
            _ => Pick::Elsewhere,
        },
        CExpr::Where(base, cond) => {
            let (field, items) = match picks(base, env) {
                Pick::Items(field, items) => (field, items),
                other => return other,
            };
            let Some(Value::List(all)) = env.record.get(field) else {
                return Pick::Unknown;
            };
            let mut kept = Vec::with_capacity(items.len());
            for i in items {
                let Some(row) = all.get(i as usize) else {
                    return Pick::Unknown;
                };
                match in_item(cond, row, env, |v| match v {
                    Val::Bool(b) => Some(b),
                    _ => None,
                }) {
                    Some(true) => kept.push(i),
                    Some(false) => {}
                    None => return Pick::Unknown,
                }
            }
            Pick::Items(field, kept)
        }
        _ => Pick::Elsewhere,
    }
}

/// The items of a list expression, after any `where` filters; `None` when unknown (the list
/// is missing, or a filter cannot be decided for some item).
pub(crate) fn rows<'a>(e: &'a CExpr, env: Env<'a>) -> Option<Vec<&'a [Value]>> {
    match e {
        CExpr::Where(base, cond) => {
            let mut kept = Vec::new();
            for row in rows(base, env)? {
                let keep = in_item(cond, row, env, |v| match v {
                    Val::Bool(b) => Some(b),
                    _ => None,
                })?;
                if keep {
                    kept.push(row);
                }
            }
            Some(kept)
        }
        CExpr::If(branches, other) => rows(chosen(branches, other, env).ok()?, env),
        _ => match eval(e, env) {
            Val::List(rows) => Some(rows.iter().map(Vec::as_slice).collect()),
            Val::Picked(field, items) => match env.record.get(field) {
                Some(Value::List(all)) => items
                    .iter()
                    .map(|i| all.get(*i as usize).map(Vec::as_slice))
                    .collect(),
                _ => None,
            },
            _ => None,
        },
    }
}

/// Evaluates `e` with `row` as the innermost item and passes the value to `f`.
fn in_item<T>(e: &CExpr, row: &[Value], env: Env<'_>, f: impl FnOnce(Val<'_>) -> T) -> T {
    let frame = Frame {
        row,
        parent: env.item,
    };
    let inner = Env {
        record: env.record,
        lets: env.lets,
        item: Some(&frame),
        faults: env.faults,
        watch: env.watch,
    };
    f(eval(e, inner))
}

/// The per-item value of an aggregate: its expression, or the plain value of the item.
fn item_value<T>(
    body: Option<&CExpr>,
    row: &[Value],
    env: Env<'_>,
    f: impl FnOnce(Val<'_>) -> T,
) -> T {
    match body {
        Some(b) => in_item(b, row, env, f),
        None => f(row.first().map_or(Val::Unknown, Value::as_val)),
    }
}

/// Evaluates an expression. Never fails: a division by zero gives `Unknown` and is reported
/// to the environment's faults (R012); an overflow gives `Unknown`.
///
/// When tracing, the unknown values read are kept only under an unknown result: a part whose
/// value is known (`false and ?`, a member to whom the question does not apply) did not depend
/// on them, and what it read is dropped.
#[inline]
pub(crate) fn eval<'a>(e: &'a CExpr, env: Env<'a>) -> Val<'a> {
    match env.watch {
        Some(Watch::Unknowns(trace)) => traced(e, env, trace),
        _ => value(e, env),
    }
}

/// [`eval`] while tracing (only to explain an unknown result): kept out of line, so the usual
/// path stays a test and a call.
#[cold]
#[inline(never)]
fn traced<'a>(e: &'a CExpr, env: Env<'a>, trace: &RefCell<Vec<Read>>) -> Val<'a> {
    let mark = trace.borrow().len();
    let v = value(e, env);
    if v.is_unknown() {
        let read = match e {
            CExpr::Field(slot) => Some(Read::Field(*slot)),
            CExpr::Let(i) => Some(Read::Let(*i)),
            CExpr::Item { depth, slot } => item_row(env, *depth).map(|row| Read::Cell {
                row: row.as_ptr(),
                slot: *slot,
            }),
            _ => None,
        };
        if let Some(r) = read {
            trace.borrow_mut().push(r);
        }
    } else {
        trace.borrow_mut().truncate(mark);
    }
    v
}

/// The row of the list item `depth` frames out.
fn item_row<'a>(env: Env<'a>, depth: usize) -> Option<&'a [Value]> {
    let mut frame = env.item;
    for _ in 0..depth {
        frame = frame.and_then(|f| f.parent);
    }
    frame.map(|f| f.row)
}

/// [`eval`] without tracing.
fn value<'a>(e: &'a CExpr, env: Env<'a>) -> Val<'a> {
    match e {
        CExpr::Const(v) => v.as_val(),
        CExpr::Field(slot) => env.record.get(*slot).map_or(Val::Unknown, Value::as_val),
        CExpr::Let(i) => env.lets.get(*i).map_or(Val::Unknown, Value::as_val),
        CExpr::Not(a) => match eval(a, env) {
            Val::Bool(b) => Val::Bool(!b),
            _ => Val::Unknown,
        },
        CExpr::Neg(a) => match eval(a, env) {
            Val::Num(n) => Val::Num(-n),
            _ => Val::Unknown,
        },
        CExpr::Binary(op, a, b) => binary(*op, a, b, env),
        CExpr::Div(a, b, names) => {
            let (Val::Num(x), Val::Num(y)) = (eval(a, env), eval(b, env)) else {
                return Val::Unknown;
            };
            if y.is_zero() {
                env.zero_divisor(names);
                return Val::Unknown;
            }
            div_num(x, y).map_or(Val::Unknown, Val::Num)
        }
        CExpr::InList(a, items) => {
            let x = eval(a, env);
            if x.is_unknown() {
                return Val::Unknown;
            }
            let mut unknown = false;
            for item in items {
                match compare(x, eval(item, env)) {
                    Some(Ordering::Equal) => return Val::Bool(true),
                    None => unknown = true,
                    Some(_) => {}
                }
            }
            if unknown {
                Val::Unknown
            } else {
                Val::Bool(false)
            }
        }
        CExpr::InRange(a, bounds) => match eval(a, env) {
            Val::Num(n) => {
                seen(env, a, Val::Num(n));
                Val::Bool(bounds.contains(n))
            }
            _ => Val::Unknown,
        },
        CExpr::Call(f, args) => call(*f, args, env),
        CExpr::Item { depth, slot } => item_row(env, *depth)
            .and_then(|row| row.get(*slot))
            .map_or(Val::Unknown, Value::as_val),
        CExpr::Where(..) => Val::Unknown,
        CExpr::Index(list, index) => {
            let (Some(rows), Val::Num(i)) = (rows(list, env), eval(index, env)) else {
                return Val::Unknown;
            };
            let at = usize::try_from(i).ok().and_then(|i| i.checked_sub(1));
            at.and_then(|i| rows.get(i))
                .and_then(|r| r.first())
                .map_or(Val::Unknown, Value::as_val)
        }
        CExpr::Agg(agg, list, body, empty) => {
            aggregate(*agg, list, body.as_deref(), empty.as_deref(), env)
        }
        CExpr::If(branches, other) => match chosen(branches, other, env) {
            Ok(value) => eval(value, env),
            Err(from) => {
                // An unknown condition: the answer is still known when every value it could
                // choose (from that branch on) is known and the same.
                let mut candidates = branches
                    .iter()
                    .skip(from)
                    .map(|(_, v)| v)
                    .chain(std::iter::once(other.as_ref()));
                let Some(first) = candidates.next().map(|v| eval(v, env)) else {
                    return Val::Unknown;
                };
                let same =
                    candidates.all(|v| compare(first, eval(v, env)) == Some(Ordering::Equal));
                if same { first } else { Val::Unknown }
            }
        },
    }
}

/// The value an `if` chain chooses, or the position of the first branch whose condition is
/// unknown (not a yes/no value).
fn chosen<'a>(
    branches: &'a [(CExpr, CExpr)],
    other: &'a CExpr,
    env: Env<'a>,
) -> Result<&'a CExpr, usize> {
    for (at, (cond, value)) in branches.iter().enumerate() {
        match eval(cond, env) {
            Val::Bool(true) => return Ok(value),
            Val::Bool(false) => {}
            _ => return Err(at),
        }
    }
    Ok(other)
}

fn num(v: Val<'_>) -> Option<Decimal> {
    match v {
        Val::Num(n) => Some(n),
        _ => None,
    }
}

fn aggregate<'a>(
    agg: Agg,
    list: &'a CExpr,
    body: Option<&'a CExpr>,
    empty: Option<&'a CExpr>,
    env: Env<'a>,
) -> Val<'a> {
    let Some(rows) = rows(list, env) else {
        return Val::Unknown;
    };
    match agg {
        Agg::Count => Val::Num(Decimal::from(rows.len())),
        Agg::All | Agg::Any => {
            // `all` is decided by a false item, `any` by a true one; otherwise an unknown item
            // leaves it unknown.
            let decisive = agg == Agg::Any;
            let mut unknown = false;
            for row in &rows {
                match item_value(body, row, env, |v| match v {
                    Val::Bool(b) => Some(b),
                    _ => None,
                }) {
                    Some(b) if b == decisive => return Val::Bool(decisive),
                    Some(_) => {}
                    None => unknown = true,
                }
            }
            if unknown {
                Val::Unknown
            } else {
                Val::Bool(!decisive)
            }
        }
        Agg::Sum | Agg::Min | Agg::Max => {
            let mut acc: Option<Decimal> = (agg == Agg::Sum).then_some(Decimal::ZERO);
            for row in &rows {
                let Some(n) = item_value(body, row, env, num) else {
                    return Val::Unknown;
                };
                acc = Some(match (agg, acc) {
                    (_, None) => n,
                    (Agg::Sum, Some(a)) => match a.checked_add(n) {
                        Some(s) => s,
                        None => return Val::Unknown,
                    },
                    (Agg::Min, Some(a)) => a.min(n),
                    (_, Some(a)) => a.max(n),
                });
            }
            acc.map_or(Val::Unknown, Val::Num)
        }
        Agg::Share => {
            if rows.is_empty() {
                return match empty {
                    Some(e) => eval(e, env),
                    None => Val::Num(Decimal::ONE),
                };
            }
            let mut yes = 0usize;
            for row in &rows {
                match item_value(body, row, env, |v| match v {
                    Val::Bool(b) => Some(b),
                    _ => None,
                }) {
                    Some(true) => yes += 1,
                    Some(false) => {}
                    None => return Val::Unknown,
                }
            }
            div_num(Decimal::from(yes), Decimal::from(rows.len())).map_or(Val::Unknown, Val::Num)
        }
    }
}

fn binary<'a>(op: BinOp, a: &'a CExpr, b: &'a CExpr, env: Env<'a>) -> Val<'a> {
    match op {
        BinOp::And => match (eval(a, env), eval(b, env)) {
            (Val::Bool(false), _) | (_, Val::Bool(false)) => Val::Bool(false),
            (Val::Bool(true), Val::Bool(true)) => Val::Bool(true),
            _ => Val::Unknown,
        },
        BinOp::Or => match (eval(a, env), eval(b, env)) {
            (Val::Bool(true), _) | (_, Val::Bool(true)) => Val::Bool(true),
            (Val::Bool(false), Val::Bool(false)) => Val::Bool(false),
            _ => Val::Unknown,
        },
        BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div => {
            let (Val::Num(x), Val::Num(y)) = (eval(a, env), eval(b, env)) else {
                return Val::Unknown;
            };
            let r = match op {
                BinOp::Add => x.checked_add(y),
                BinOp::Sub => x.checked_sub(y),
                BinOp::Mul => x.checked_mul(y),
                _ => div_num(x, y),
            };
            r.map_or(Val::Unknown, Val::Num)
        }
        BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
            let (x, y) = (eval(a, env), eval(b, env));
            seen(env, a, x);
            seen(env, b, y);
            let Some(ord) = compare(x, y) else {
                return Val::Unknown;
            };
            Val::Bool(match op {
                BinOp::Eq => ord == Ordering::Equal,
                BinOp::Ne => ord != Ordering::Equal,
                BinOp::Lt => ord == Ordering::Less,
                BinOp::Le => ord != Ordering::Greater,
                BinOp::Gt => ord == Ordering::Greater,
                _ => ord != Ordering::Less,
            })
        }
    }
}

/// Keeps a known value compared, when comparisons are watched.
#[inline]
fn seen(env: Env<'_>, side: &CExpr, v: Val<'_>) {
    if let Some(Watch::Comparisons(all)) = env.watch
        && !v.is_unknown()
    {
        all.borrow_mut().push(Seen {
            side: side as *const CExpr,
            value: v.to_value(),
        });
    }
}

/// Orders two known values of the same type; `None` when either is unknown.
#[inline]
fn compare(x: Val<'_>, y: Val<'_>) -> Option<Ordering> {
    Some(match (x, y) {
        (Val::Num(a), Val::Num(b)) => cmp_num(a, b),
        (Val::Date(a), Val::Date(b)) => a.cmp(&b),
        (Val::Enum(a), Val::Enum(b)) => a.cmp(&b),
        (Val::Text(a), Val::Text(b)) => a.cmp(b),
        (Val::Bool(a), Val::Bool(b)) => a.cmp(&b),
        _ => return None,
    })
}

fn call<'a>(f: Builtin, args: &'a [CExpr], env: Env<'a>) -> Val<'a> {
    match (f, args) {
        (Builtin::Age, [born, on]) => {
            let (Val::Date(b), Val::Date(o)) = (eval(born, env), eval(on, env)) else {
                return Val::Unknown;
            };
            let before_birthday = (u8::from(o.month()), o.day()) < (u8::from(b.month()), b.day());
            return Val::Num(Decimal::from(
                o.year() - b.year() - i32::from(before_birthday),
            ));
        }
        (Builtin::Date, [y, m, d]) => {
            let parts = (num(eval(y, env)), num(eval(m, env)), num(eval(d, env)));
            let (Some(y), Some(m), Some(d)) = parts else {
                return Val::Unknown;
            };
            let date = i32::try_from(y)
                .ok()
                .zip(u8::try_from(m).ok())
                .zip(u8::try_from(d).ok())
                .and_then(|((y, m), d)| {
                    time::Date::from_calendar_date(y, time::Month::try_from(m).ok()?, d).ok()
                });
            return date.map_or(Val::Unknown, Val::Date);
        }
        (Builtin::Year, [d]) => {
            return match eval(d, env) {
                Val::Date(d) => Val::Num(Decimal::from(d.year())),
                _ => Val::Unknown,
            };
        }
        _ => {}
    }
    let mut nums = args.iter().map(|a| match eval(a, env) {
        Val::Num(n) => Some(n),
        _ => None,
    });
    let first = match nums.next().flatten() {
        Some(n) => n,
        None => return Val::Unknown,
    };
    let mut acc: Decimal = match f {
        Builtin::Abs => return Val::Num(first.abs()),
        Builtin::Min | Builtin::Max => first,
        Builtin::Age | Builtin::Date | Builtin::Year => return Val::Unknown,
    };
    for n in nums {
        let Some(n) = n else { return Val::Unknown };
        acc = if f == Builtin::Min {
            acc.min(n)
        } else {
            acc.max(n)
        };
    }
    Val::Num(acc)
}
