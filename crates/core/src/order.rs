//! Ordering by points, most first, ties in their order: one sort shared by `missing` and
//! `to_reach`.

use rust_decimal::Decimal;

use crate::value::cmp_num;

/// `items` ordered by `points`, most first, ties in their order: a stable sort through one
/// unstable sort of `(points, index)` pairs. For size: each `sort_by`/`sort_by_key` of its own
/// element type compiles a copy of the standard stable sort into the browser module; this
/// shares one sort between its callers (measured with `tieuchi_syntax::sort_diagnostics`, the
/// same change for diagnostics: 282,739 to 278,604 bytes gzipped).
pub(crate) fn by_points_desc<T>(items: Vec<T>, points: impl Fn(&T) -> Decimal) -> Vec<T> {
    let mut order: Vec<(Decimal, usize)> = items.iter().map(&points).zip(0..).collect();
    sort_points_desc(&mut order);
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    let mut sorted = Vec::with_capacity(slots.len());
    sorted.extend(
        order
            .iter()
            .filter_map(|&(_, i)| slots.get_mut(i).and_then(Option::take)),
    );
    sorted
}

/// Most points first, then by index (not generic: one copy of the sort).
pub(crate) fn sort_points_desc(order: &mut [(Decimal, usize)]) {
    order.sort_unstable_by(|a, b| cmp_num(b.0, a.0).then(a.1.cmp(&b.1)));
}
