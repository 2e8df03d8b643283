//! Which inputs the rules read at all: a walk over every expression of the program (lets,
//! `require`s, awards, not-applicable conditions), following list items to the list they come
//! from. An input no rule reads (a village's name, a member's relation to the head) never
//! changes a result: a form keeps asking it as a description of the record, not hiding it.

use std::collections::HashSet;

use crate::program::{AwardDef, CExpr, FieldDef, FieldType, ItemDef, Program};
use crate::record::pointer;

/// The paths the rules read, with `*` for list items: `/assessment_year`, `/members`,
/// `/members/*/birth_date`, `/members/*/learning_activities`.
pub(super) fn read_paths(program: &Program) -> HashSet<String> {
    let mut walk = Walk {
        program,
        out: HashSet::new(),
        lets_done: vec![false; program.lets.len()],
    };
    for i in 0..program.lets.len() {
        walk.read_let(i);
    }
    for c in &program.constraints {
        walk.expr(&c.condition, &mut Vec::new());
    }
    for (_, ind) in program.indicators() {
        if let Some((cond, _)) = &ind.not_applicable {
            walk.expr(cond, &mut Vec::new());
        }
        match &ind.award {
            AwardDef::Whole(e) | AwardDef::Proportional(e) | AwardDef::Value(e) => {
                walk.expr(e, &mut Vec::new());
            }
            AwardDef::Deduct(_, e) => walk.expr(e, &mut Vec::new()),
            AwardDef::Bands(bands, _) => {
                for (_, cond) in bands {
                    walk.expr(cond, &mut Vec::new());
                }
            }
            AwardDef::Pass(conds) => {
                for cond in conds {
                    walk.expr(cond, &mut Vec::new());
                }
            }
        }
    }
    walk.out
}

/// A list being looked into: its path (with `*` for the items around it) and what its items
/// hold.
#[derive(Clone)]
struct Frame<'p> {
    path: String,
    fields: &'p [FieldDef],
}

struct Walk<'p> {
    program: &'p Program,
    out: HashSet<String>,
    lets_done: Vec<bool>,
}

impl<'p> Walk<'p> {
    fn read_let(&mut self, i: usize) {
        match self.lets_done.get_mut(i) {
            Some(done) if !*done => *done = true,
            _ => return,
        }
        if let Some(l) = self.program.lets.get(i) {
            self.expr(&l.expr, &mut Vec::new());
        }
    }

    /// The list `e` holds items of, when it is one: a list field, a `let` or a filter of one,
    /// or a list inside the item of a frame.
    fn list_of(&self, e: &CExpr, frames: &[Frame<'p>], depth: usize) -> Option<Frame<'p>> {
        if depth > 64 {
            return None;
        }
        match e {
            CExpr::Field(slot) => self.frame(self.program.fields.get(*slot)?, ""),
            CExpr::Let(i) => self.list_of(&self.program.lets.get(*i)?.expr, &[], depth + 1),
            CExpr::Where(base, _) => self.list_of(base, frames, depth + 1),
            CExpr::If(branches, other) => {
                let first = branches.first().map_or(other.as_ref(), |(_, v)| v);
                self.list_of(first, frames, depth + 1)
            }
            CExpr::Item { depth: out, slot } => {
                let around = frames
                    .len()
                    .checked_sub(1 + out)
                    .and_then(|k| frames.get(k))?;
                self.frame(around.fields.get(*slot)?, &format!("{}/*", around.path))
            }
            _ => None,
        }
    }

    /// The frame of the list field `f`, its path after `prefix`.
    fn frame(&self, f: &'p FieldDef, prefix: &str) -> Option<Frame<'p>> {
        let FieldType::List(id) = f.ty else {
            return None;
        };
        let fields: &'p [FieldDef] = match &self.program.lists.get(id)?.item {
            ItemDef::Record(fields) | ItemDef::Model { fields, .. } => fields,
            ItemDef::Scalar(_) => &[],
        };
        Some(Frame {
            path: format!("{prefix}{}", pointer(&f.name)),
            fields,
        })
    }

    fn expr(&mut self, e: &CExpr, frames: &mut Vec<Frame<'p>>) {
        match e {
            CExpr::Const(_) => {}
            CExpr::Field(slot) => {
                if let Some(f) = self.program.fields.get(*slot) {
                    self.out.insert(pointer(&f.name));
                }
            }
            CExpr::Let(i) => self.read_let(*i),
            CExpr::Item { depth, slot } => {
                let around = frames
                    .len()
                    .checked_sub(1 + depth)
                    .and_then(|k| frames.get(k));
                if let Some((a, f)) = around.and_then(|a| a.fields.get(*slot).map(|f| (a, f))) {
                    self.out.insert(format!("{}/*{}", a.path, pointer(&f.name)));
                }
            }
            CExpr::Not(a) | CExpr::Neg(a) | CExpr::InRange(a, _) => self.expr(a, frames),
            CExpr::Binary(_, a, b) | CExpr::Div(a, b, _) => {
                self.expr(a, frames);
                self.expr(b, frames);
            }
            CExpr::Index(list, at) => {
                self.expr(list, frames);
                self.expr(at, frames);
                // `scores[3]`: an item of the list is read.
                if let Some(frame) = self.list_of(list, frames, 0) {
                    self.out.insert(format!("{}/*", frame.path));
                }
            }
            CExpr::InList(a, items) => {
                self.expr(a, frames);
                for i in items {
                    self.expr(i, frames);
                }
            }
            CExpr::Call(_, args) => {
                for a in args {
                    self.expr(a, frames);
                }
            }
            CExpr::If(branches, other) => {
                for (c, v) in branches {
                    self.expr(c, frames);
                    self.expr(v, frames);
                }
                self.expr(other, frames);
            }
            CExpr::Where(list, inner) | CExpr::Agg(_, list, Some(inner), _) => {
                self.expr(list, frames);
                if let Some(frame) = self.list_of(list, frames, 0) {
                    frames.push(frame);
                    self.expr(inner, frames);
                    frames.pop();
                }
                if let CExpr::Agg(_, _, _, Some(empty)) = e {
                    self.expr(empty, frames);
                }
            }
            CExpr::Agg(_, list, None, empty) => {
                self.expr(list, frames);
                // A list of plain values read whole: its items are read.
                if let Some(frame) = self.list_of(list, frames, 0) {
                    self.out.insert(format!("{}/*", frame.path));
                }
                if let Some(empty) = empty {
                    self.expr(empty, frames);
                }
            }
        }
    }
}
