//! Expressions, literals, strings, numbers and dates, written on the line under way.
//!
//! Parentheses are written exactly where precedence needs them (those of the source are
//! dropped), plus around an `if` inside another `if` (never needed by the parser, but
//! `if a then if b then c else d else e` is hard to read). Binary operators have one space
//! on each side; a call is `name(a, b)`; a list `[a, b]`.

use super::comments::string_in;
use super::layout::Out;
use crate::ast::{BinOp, DateLit, Expr, ExprKind, Literal, Number, Range, Template, TemplatePart};
use crate::keywords::Kw;
use crate::span::Span;

/// Precedence of the loosest operator at the top of `e` (higher binds tighter); an operand
/// of lower precedence than its place allows is put in parentheses.
fn level(e: &Expr) -> u8 {
    match &e.kind {
        ExprKind::Where(..) | ExprKind::If(..) => 0,
        ExprKind::Binary(op, ..) => match op {
            BinOp::Or => 1,
            BinOp::And => 2,
            BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => 4,
            BinOp::Add | BinOp::Sub => 5,
            BinOp::Mul | BinOp::Div => 6,
        },
        ExprKind::Not(_) => 3,
        ExprKind::InList(..) | ExprKind::InRange(..) => 4,
        ExprKind::Neg(_) => 7,
        ExprKind::Number(_)
        | ExprKind::Bool(_)
        | ExprKind::Str(_)
        | ExprKind::Date(_)
        | ExprKind::Name(_)
        | ExprKind::Call(..)
        | ExprKind::Index(..) => 8,
    }
}

/// A string value as a literal: `"` and `\` escaped, a newline as `\n`; in a message (`holes`)
/// braces are escaped too, so that they are not read as `{hole}`.
pub(super) fn quote(value: &str, holes: bool) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    escape_into(&mut out, value, holes);
    out.push('"');
    out
}

fn escape_into(out: &mut String, value: &str, holes: bool) {
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '{' if holes => out.push_str("\\{"),
            '}' if holes => out.push_str("\\}"),
            other => out.push(other),
        }
    }
}

impl Out<'_> {
    /// Writes a keyword in the output's keyword language.
    pub fn kw(&mut self, kw: Kw) {
        self.push(kw.spelling(self.keywords));
    }

    /// Writes a keyword and a space.
    pub fn kw_(&mut self, kw: Kw) {
        self.word(kw.spelling(self.keywords));
    }

    /// Writes a plain string literal read at `span`.
    pub fn string(&mut self, value: &str, span: Span) {
        self.strings.push(span);
        self.push(&quote(value, false));
    }

    /// Writes a message with `{expression}` holes.
    pub fn template(&mut self, t: &Template) {
        self.strings.push(t.span);
        self.push("\"");
        for part in &t.parts {
            match part {
                TemplatePart::Text(text) => {
                    let mut escaped = String::new();
                    escape_into(&mut escaped, text, true);
                    self.push(&escaped);
                }
                TemplatePart::Hole(e) => {
                    self.push("{");
                    self.expr(e, 0);
                    self.push("}");
                }
            }
        }
        self.push("\"");
    }

    /// Writes a number as it was written (`90%` stays `90%`).
    pub fn number(&mut self, n: &Number) {
        let written = n.span.text(self.src);
        if written.is_empty() {
            self.push(&n.text);
        } else {
            self.push(written);
        }
    }

    /// Writes a date as `YYYY-MM-DD`.
    pub fn date(&mut self, d: &DateLit) {
        self.push(&format!("{:04}-{:02}-{:02}", d.year, d.month, d.day));
    }

    /// Writes `lo..hi`, `lo..<hi`, `lo..` or `..hi`.
    pub fn range(&mut self, r: &Range) {
        if let Some(lo) = &r.lo {
            self.number(lo);
        }
        self.push(if r.hi_exclusive { "..<" } else { ".." });
        if let Some(hi) = &r.hi {
            self.number(hi);
        }
    }

    /// Writes `e`, in parentheses when its precedence is below `min`.
    pub fn expr(&mut self, e: &Expr, min: u8) {
        if level(e) < min {
            self.push("(");
            self.expr_bare(e);
            self.push(")");
        } else {
            self.expr_bare(e);
        }
    }

    /// Writes `e`, in parentheses when the text would end with an open range (`x in 5..`),
    /// which would take a number written after it (the points of the next band).
    pub fn expr_closed(&mut self, e: &Expr) {
        let at = self.text_len();
        self.expr(e, 0);
        if self.text_ends_with("..") {
            self.insert_at(at, "(");
            self.push(")");
        }
    }

    fn expr_bare(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Number(n) => self.number(n),
            ExprKind::Bool(b) => self.kw(if *b { Kw::True } else { Kw::False }),
            ExprKind::Str(s) => {
                let span = string_in(self.src, e.span);
                self.string(s, span);
            }
            ExprKind::Date(d) => self.date(d),
            ExprKind::Name(n) => self.push(&n.name),
            ExprKind::Not(inner) => {
                self.kw_(Kw::Not);
                self.expr(inner, 3);
            }
            ExprKind::Neg(inner) => {
                self.push("-");
                let at = self.text_len();
                self.expr(inner, 7);
                // `-2` would be read as the number -2 (and `-2024-01-01` not at all).
                if self.char_at(at).is_some_and(|c| c.is_ascii_digit()) {
                    self.insert_at(at, " ");
                }
            }
            ExprKind::Binary(op, lhs, rhs) => {
                let l = level(e);
                let (lmin, rmin) = if l == 4 { (5, 5) } else { (l, l + 1) };
                self.expr(lhs, lmin);
                self.push(" ");
                match op {
                    BinOp::And => self.kw(Kw::And),
                    BinOp::Or => self.kw(Kw::Or),
                    other => self.push(other.as_str()),
                }
                self.push(" ");
                self.expr(rhs, rmin);
            }
            ExprKind::InList(lhs, items) => {
                self.expr(lhs, 5);
                self.push(" ");
                self.kw_(Kw::In);
                self.push("[");
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.push(", ");
                    }
                    self.expr(item, 5);
                }
                self.push("]");
            }
            ExprKind::InRange(lhs, range) => {
                self.expr(lhs, 5);
                self.push(" ");
                self.kw_(Kw::In);
                self.range(range);
            }
            ExprKind::Call(name, args) => {
                self.push(&name.name);
                self.push("(");
                for (i, arg) in args.iter().enumerate() {
                    if i > 0 {
                        self.push(", ");
                    }
                    self.expr(arg, 0);
                }
                self.push(")");
            }
            ExprKind::Where(list, cond) => {
                self.expr(list, 1);
                self.push(" ");
                self.kw_(Kw::Where);
                self.expr(cond, 1);
            }
            ExprKind::Index(list, index) => {
                self.expr(list, 8);
                self.push("[");
                self.expr(index, 0);
                self.push("]");
            }
            ExprKind::If(branches, other) => {
                for (i, (cond, value)) in branches.iter().enumerate() {
                    if i > 0 {
                        self.push(" ");
                        self.kw_(Kw::Else);
                    }
                    self.kw_(Kw::If);
                    self.expr(cond, 1);
                    self.push(" ");
                    self.kw_(Kw::Then);
                    self.branch(value);
                }
                self.push(" ");
                self.kw_(Kw::Else);
                self.branch(other);
            }
        }
    }

    /// A value of an `if`: an `if` there goes in parentheses (after `else` it would
    /// otherwise continue the chain).
    fn branch(&mut self, value: &Expr) {
        let min = if matches!(value.kind, ExprKind::If(..)) {
            1
        } else {
            0
        };
        self.expr(value, min);
    }

    /// Writes a test value on one line.
    pub fn literal(&mut self, lit: &Literal) {
        match lit {
            Literal::Bool(b, _) => self.kw(if *b { Kw::True } else { Kw::False }),
            Literal::Number(n) => self.number(n),
            Literal::Str(s) => self.string(&s.value, s.span),
            Literal::Date(d) => self.date(d),
            Literal::Word(w) => self.push(&w.name),
            Literal::Missing(_) => self.kw(Kw::Missing),
            Literal::List(items, _) => {
                self.push("[");
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.push(", ");
                    }
                    self.literal(item);
                }
                self.push("]");
            }
            Literal::Record(fields, _) => {
                if fields.is_empty() {
                    self.push("{}");
                    return;
                }
                self.push("{ ");
                for field in fields {
                    self.push(&field.name.name);
                    self.push(": ");
                    self.literal(&field.value);
                    self.push(" ");
                }
                self.push("}");
            }
        }
    }
}
