//! Three-valued evaluation of checked expressions: anything computed from an unknown input
//! is unknown, except where the answer cannot depend on it (`false and ?` is `false`).

use std::cmp::Ordering;

use rust_decimal::Decimal;
use tieuchi_syntax::ast::BinOp;

use crate::program::{Builtin, CExpr};
use crate::value::{Val, Value};

/// Values an expression can read: the record's slots and the `let`s computed so far.
#[derive(Clone, Copy)]
pub(crate) struct Env<'a> {
    pub record: &'a [Value],
    pub lets: &'a [Value],
}

/// Evaluates an expression. Never fails: errors such as a division by zero give `Unknown`.
pub(crate) fn eval<'a>(e: &'a CExpr, env: Env<'a>) -> Val<'a> {
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
            Val::Num(n) => Val::Bool(bounds.contains(n)),
            _ => Val::Unknown,
        },
        CExpr::Call(f, args) => call(*f, args, env),
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
                _ => x.checked_div(y),
            };
            r.map_or(Val::Unknown, Val::Num)
        }
        BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
            let Some(ord) = compare(eval(a, env), eval(b, env)) else {
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

/// Orders two known values of the same type; `None` when either is unknown.
fn compare(x: Val<'_>, y: Val<'_>) -> Option<Ordering> {
    Some(match (x, y) {
        (Val::Num(a), Val::Num(b)) => a.cmp(&b),
        (Val::Date(a), Val::Date(b)) => a.cmp(&b),
        (Val::Enum(a), Val::Enum(b)) => a.cmp(&b),
        (Val::Text(a), Val::Text(b)) => a.cmp(b),
        (Val::Bool(a), Val::Bool(b)) => a.cmp(&b),
        _ => return None,
    })
}

fn call<'a>(f: Builtin, args: &'a [CExpr], env: Env<'a>) -> Val<'a> {
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
