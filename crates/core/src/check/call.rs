//! Checking calls: arithmetic helpers, dates, and aggregates over lists.

use tieuchi_syntax::ast::{Expr, Ident};

use super::Checker;
use super::error::{CheckError, Kind, Thing};
use super::expr::{Scope, field_ty};
use crate::program::{Agg, Builtin, CExpr, ItemDef, Ty};
use crate::suggest::suggest;

/// Every function name, for suggestions.
const FUNCTIONS: &[&str] = &[
    "min", "max", "abs", "count", "all", "any", "sum", "share", "age", "date", "year",
];

impl Checker {
    /// Checks `name(args)`.
    pub(crate) fn call(
        &mut self,
        scope: &Scope,
        name: &Ident,
        args: &[Expr],
    ) -> Option<(CExpr, Ty)> {
        let arity = |lo: usize, hi: usize| (lo..=hi).contains(&args.len());
        let ok = match name.name.as_str() {
            "count" => arity(1, 1),
            "all" | "any" => arity(2, 2),
            "share" => arity(2, 3),
            "sum" => arity(1, 2),
            "min" | "max" => !args.is_empty(),
            "abs" | "year" => arity(1, 1),
            "age" => arity(2, 2),
            "date" => arity(3, 3),
            other => {
                let suggestion = suggest(other, FUNCTIONS.iter().copied());
                let err = CheckError::UnknownName {
                    name: other.to_string(),
                    what: Thing::Function,
                    suggestion,
                };
                self.report(err.at(name.span));
                return None;
            }
        };
        if !ok {
            let expected = Kind::Arguments(name.name.clone());
            let found = Kind::ArgumentCount(args.len());
            self.report(CheckError::TypeMismatch { expected, found }.at(name.span));
            return None;
        }
        match (name.name.as_str(), args) {
            ("count", [list]) => {
                let (cl, _) = self.list(scope, list)?;
                Some((CExpr::Agg(Agg::Count, Box::new(cl), None, None), Ty::Int))
            }
            ("all" | "any", [list, cond]) => {
                let agg = if name.name == "all" {
                    Agg::All
                } else {
                    Agg::Any
                };
                let (cl, id) = self.list(scope, list)?;
                let cc = scope.within(id, || self.condition(scope, cond))?;
                Some((
                    CExpr::Agg(agg, Box::new(cl), Some(Box::new(cc)), None),
                    Ty::Bool,
                ))
            }
            ("share", [list, cond, rest @ ..]) => {
                let (cl, id) = self.list(scope, list)?;
                let cc = scope.within(id, || self.condition(scope, cond))?;
                let empty = match rest.first() {
                    Some(e) => Some(Box::new(self.expect_ty(
                        scope,
                        e,
                        Ty::Decimal,
                        Kind::ShareIfEmpty,
                    )?)),
                    None => None,
                };
                Some((
                    CExpr::Agg(Agg::Share, Box::new(cl), Some(Box::new(cc)), empty),
                    Ty::Decimal,
                ))
            }
            ("sum" | "min" | "max", [first, rest @ ..]) => {
                let (cf, tf) = self.expr(scope, first)?;
                let Ty::List(id) = tf else {
                    if name.name == "sum" {
                        let expected = Kind::List;
                        self.report(
                            CheckError::TypeMismatch {
                                expected,
                                found: scope.ty_name(tf),
                            }
                            .at(first.span),
                        );
                        return None;
                    }
                    return self.numeric(scope, &name.name, cf, tf, first, rest);
                };
                let agg = match name.name.as_str() {
                    "sum" => Agg::Sum,
                    "min" => Agg::Min,
                    _ => Agg::Max,
                };
                let (body, ty) = match rest {
                    [] => match scope.lists.get(id).map(|l| &l.item) {
                        Some(ItemDef::Scalar(t)) if field_ty(t).is_number() => (None, field_ty(t)),
                        _ => {
                            let expected = Kind::ListOfNumbersOr(name.name.clone());
                            self.report(
                                CheckError::TypeMismatch {
                                    expected,
                                    found: Kind::ListOfRecords,
                                }
                                .at(first.span),
                            );
                            return None;
                        }
                    },
                    [body] => {
                        let (cb, tb) = scope.within(id, || self.number(scope, body))?;
                        (Some(Box::new(cb)), tb)
                    }
                    _ => {
                        let expected = Kind::AggregateForms(name.name.clone());
                        self.report(
                            CheckError::TypeMismatch {
                                expected,
                                found: Kind::ArgumentCount(args.len()),
                            }
                            .at(name.span),
                        );
                        return None;
                    }
                };
                Some((CExpr::Agg(agg, Box::new(cf), body, None), ty))
            }
            ("abs", [a]) => {
                let (c, ty) = self.number(scope, a)?;
                Some((CExpr::Call(Builtin::Abs, vec![c]), ty))
            }
            ("year", [d]) => {
                let c = self.expect_ty(scope, d, Ty::Date, Kind::Date)?;
                Some((CExpr::Call(Builtin::Year, vec![c]), Ty::Int))
            }
            ("age", [born, on]) => {
                let b = self.expect_ty(scope, born, Ty::Date, Kind::DateOfBirth);
                let o = self.expect_ty(scope, on, Ty::Date, Kind::AgeOn);
                Some((CExpr::Call(Builtin::Age, vec![b?, o?]), Ty::Int))
            }
            ("date", [y, m, d]) => {
                let mut out = Vec::new();
                for part in [y, m, d] {
                    out.push(self.expect_ty(scope, part, Ty::Int, Kind::DatePart)?);
                }
                Some((CExpr::Call(Builtin::Date, out), Ty::Date))
            }
            _ => None,
        }
    }

    /// `min(a, b, …)` / `max(a, b, …)` over numbers, the first already checked.
    fn numeric(
        &mut self,
        scope: &Scope,
        name: &str,
        first: CExpr,
        first_ty: crate::program::Ty,
        at: &Expr,
        rest: &[Expr],
    ) -> Option<(CExpr, Ty)> {
        if !first_ty.is_number() {
            let expected = Kind::NumberOrList;
            self.report(
                CheckError::TypeMismatch {
                    expected,
                    found: scope.ty_name(first_ty),
                }
                .at(at.span),
            );
            return None;
        }
        let mut out = vec![first];
        let mut all_int = first_ty == Ty::Int;
        for a in rest {
            let (c, ty) = self.number(scope, a)?;
            all_int &= ty == Ty::Int;
            out.push(c);
        }
        let builtin = if name == "min" {
            Builtin::Min
        } else {
            Builtin::Max
        };
        Some((
            CExpr::Call(builtin, out),
            if all_int { Ty::Int } else { Ty::Decimal },
        ))
    }
}
